//! What the server takes from a request's own words: where to go after signing in, and who the
//! client is behind a reverse proxy.

/// `next` when it is a plain local path (`/thi-sinh/bai-thi/5?x=1`), else `None`.
///
/// Browsers read `//host`, `/\host` and paths with tabs or line breaks in them as other sites,
/// and a header cannot carry control characters, so anything but a conservative set of
/// characters after a single leading slash is refused.
pub fn local_path(next: &str) -> Option<&str> {
    let rest = next.strip_prefix('/')?;
    if rest.starts_with(['/', '\\']) || next.len() > 512 {
        return None;
    }
    let allowed = |c: char| c.is_ascii_alphanumeric() || "/-_.~?=&%+".contains(c);
    next.chars().all(allowed).then_some(next)
}

/// The client address in an `X-Forwarded-For` value written by one trusted reverse proxy: the
/// rightmost entry, the one that proxy appended. Entries to its left come from the client and
/// can say anything.
pub fn forwarded_client(header: &str) -> Option<&str> {
    header.rsplit(',').map(str::trim).find(|s| !s.is_empty())
}

/// The headers of a state-changing request that tell where it was sent from.
#[derive(Debug, Clone, Copy, Default)]
pub struct Provenance<'a> {
    pub origin: Option<&'a str>,
    pub referer: Option<&'a str>,
    /// `Sec-Fetch-Site`, sent by current browsers: `same-origin`, `same-site`, `cross-site` or
    /// `none` (typed in the address bar).
    pub fetch_site: Option<&'a str>,
}

/// Whether a state-changing request may proceed: a page of another site cannot post to HoiThi
/// with the user's cookie. `Origin` decides when present; without it, a `Referer` naming another
/// site or `Sec-Fetch-Site: cross-site` refuses. Requests that carry none of them (command-line
/// clients) pass; SameSite cookies cover the rest.
pub fn same_origin(sent: Provenance<'_>, host: Option<&str>) -> bool {
    let same_host = |url: &str| {
        let authority =
            url.split_once("://").map(|(_, rest)| rest.split(['/', '?', '#']).next().unwrap_or(""));
        matches!((authority, host), (Some(a), Some(h)) if a.eq_ignore_ascii_case(h))
    };
    if let Some(origin) = sent.origin {
        return same_host(origin);
    }
    if sent.fetch_site.is_some_and(|s| s.eq_ignore_ascii_case("cross-site")) {
        return false;
    }
    sent.referer.is_none_or(same_host)
}

/// The `Content-Security-Policy` of a page: only the app's own scripts (plus the inline
/// hydration script carrying `nonce`), styles, images and WebAssembly; no plugins, no framing by
/// other sites, forms post only to HoiThi.
pub fn content_security_policy(nonce: Option<&str>) -> String {
    let nonce = nonce.map(|n| format!(" 'nonce-{n}'")).unwrap_or_default();
    format!(
        "default-src 'self'; script-src 'self'{nonce} 'wasm-unsafe-eval'; style-src 'self'{nonce}; \
         img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'self'"
    )
}

/// The `Content-Security-Policy` of every response that is not a page (data, scripts, styles,
/// images): should one be opened as a document, it may load nothing and be framed by nothing. It
/// is also a fifth of the pages' policy, which a phone receives with every answer it saves.
pub const NOT_A_PAGE_POLICY: &str = "default-src 'none'; frame-ancestors 'none'";

#[cfg(test)]
mod tests {
    use super::{Provenance, content_security_policy, forwarded_client, local_path, same_origin};

    #[test]
    fn posts_from_other_sites_are_told_apart_from_our_own() {
        let host = Some("127.0.0.1:3000");
        let origin = |o| Provenance { origin: Some(o), ..Default::default() };
        let referer = |r| Provenance { referer: Some(r), ..Default::default() };
        assert!(same_origin(origin("http://127.0.0.1:3000"), host));
        assert!(same_origin(origin("https://HoiThi.example"), Some("hoithi.example")));
        assert!(same_origin(Provenance::default(), host), "nothing said: not a browser's cross-site post");
        assert!(!same_origin(origin("http://evil.example"), host));
        assert!(!same_origin(origin("null"), host), "sandboxed or file pages");
        assert!(!same_origin(origin("http://127.0.0.1:3000"), None));
        assert!(same_origin(referer("http://127.0.0.1:3000/ban-to-chuc/ket-qua?x=1"), host));
        assert!(!same_origin(referer("http://evil.example/page"), host), "no Origin, foreign Referer");
        assert!(!same_origin(referer("http://127.0.0.1:3000.evil.example/"), host));
        let cross = Provenance { fetch_site: Some("cross-site"), ..Default::default() };
        assert!(!same_origin(cross, host));
        let same = Provenance { fetch_site: Some("same-origin"), ..Default::default() };
        assert!(same_origin(same, host));
        let both = Provenance {
            origin: Some("http://127.0.0.1:3000"),
            referer: Some("http://evil.example/"),
            fetch_site: None,
        };
        assert!(same_origin(both, host), "Origin, when sent, decides");
    }

    #[test]
    fn the_page_policy_allows_the_nonce_and_wasm_but_no_inline_code() {
        let csp = content_security_policy(Some("abc123"));
        assert!(csp.contains("script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval';"), "{csp}");
        assert!(!csp.contains("unsafe-inline"));
        assert!(csp.contains("object-src 'none'"));
        assert!(!content_security_policy(None).contains("nonce"));
    }

    #[test]
    fn the_proxy_appended_address_is_trusted_not_what_the_client_wrote() {
        assert_eq!(forwarded_client("203.0.113.7"), Some("203.0.113.7"));
        assert_eq!(forwarded_client("1.2.3.4, 203.0.113.7"), Some("203.0.113.7"));
        assert_eq!(forwarded_client("1.2.3.4,203.0.113.7 , "), Some("203.0.113.7"));
        assert_eq!(forwarded_client(" "), None);
    }

    #[test]
    fn local_paths_pass_and_everything_else_is_refused() {
        let table = [
            ("/", true),
            ("/thi-sinh", true),
            ("/thi-sinh/bai-thi/12?tab=1&x=%C3%A2", true),
            ("", false),
            ("thi-sinh", false),
            ("//evil.example", false),
            ("/\\evil.example", false),
            ("https://evil.example", false),
            ("/\tevil", false),
            ("/a\nLocation: x", false),
            ("/a b", false),
            ("/đăng-nhập", false),
            ("/javascript:alert(1)", false),
        ];
        for (next, ok) in table {
            assert_eq!(local_path(next).is_some(), ok, "{next:?}");
        }
    }
}
