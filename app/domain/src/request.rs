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

/// Whether a state-changing request may proceed, from its `Origin` header and the host it was
/// sent to: a page of another site cannot post to HoiThi with the user's cookie. Requests with
/// no `Origin` (command-line clients, old browsers) pass; SameSite cookies cover the rest.
pub fn same_origin(origin: Option<&str>, host: Option<&str>) -> bool {
    let Some(origin) = origin else { return true };
    let authority = origin.split_once("://").map(|(_, a)| a);
    matches!((authority, host), (Some(a), Some(h)) if a.eq_ignore_ascii_case(h))
}

#[cfg(test)]
mod tests {
    use super::{forwarded_client, local_path, same_origin};

    #[test]
    fn posts_from_other_sites_are_told_apart_from_our_own() {
        let host = Some("127.0.0.1:3000");
        assert!(same_origin(Some("http://127.0.0.1:3000"), host));
        assert!(same_origin(Some("https://HoiThi.example"), Some("hoithi.example")));
        assert!(same_origin(None, host), "no Origin: not a cross-site browser request");
        assert!(!same_origin(Some("http://evil.example"), host));
        assert!(!same_origin(Some("null"), host), "sandboxed or file pages");
        assert!(!same_origin(Some("http://127.0.0.1:3000"), None));
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
