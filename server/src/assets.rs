//! The site's static files. A release build names the script, wasm and stylesheet after their
//! content (cargo-leptos writes the hashes to `hash.txt` beside the binary) and stores brotli and
//! gzip copies next to them, so they are served as files with a one-year immutable lifetime and
//! never compressed per request.

use axum::http::{HeaderMap, HeaderValue, header};
use std::{
    path::{Path, PathBuf},
    sync::OnceLock,
};
use tower_http::{compression::Predicate, services::ServeDir};

/// What the server knows of the built site: the hash file, when the build wrote one.
#[derive(Clone, Debug, Default)]
pub struct Site {
    /// `hash.txt` beside the binary, absolute.
    pub hash_file: Option<PathBuf>,
    /// The stylesheet's path under the site, e.g. `/pkg/hoithi.3Fz….css`.
    pub css_href: String,
}

static SITE: OnceLock<Site> = OnceLock::new();

/// The hashed name of `name.ext` from `hashes` (the hash file's `ext: hash` lines).
fn hashed(name: &str, ext: &str, hashes: &str) -> String {
    hashes
        .lines()
        .filter_map(|line| line.split_once(':'))
        .find(|(kind, _)| kind.trim() == ext)
        .map_or_else(|| format!("{name}.{ext}"), |(_, hash)| format!("{name}.{}.{ext}", hash.trim()))
}

/// Reads the hash file beside the running binary (once per process) and checks that the files it
/// names are in `site_root`.
pub fn site(output_name: &str, site_root: &str) -> &'static Site {
    SITE.get_or_init(|| {
        let hash_file = std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(|dir| dir.join("hash.txt")))
            .filter(|path| path.is_file());
        let hashes = hash_file.as_deref().and_then(|p| std::fs::read_to_string(p).ok()).unwrap_or_default();
        let pkg = Path::new(site_root).join("pkg");
        for ext in ["js", "wasm", "css"] {
            let file = hashed(output_name, ext, &hashes);
            if !pkg.join(&file).is_file() {
                tracing::error!(file, site = %pkg.display(), "the site lacks a built file: run `cargo leptos build`");
            }
        }
        let css_href = format!("/pkg/{}", hashed(output_name, "css", &hashes));
        Site { hash_file, css_href }
    })
}

/// The stylesheet's path, for pages rendered outside Leptos.
pub fn css_href() -> &'static str {
    SITE.get().map_or("/pkg/hoithi.css", |s| s.css_href.as_str())
}

/// `/pkg`: files as built, their brotli or gzip copy when the browser takes it.
pub fn pkg_service(site_root: &str) -> ServeDir {
    ServeDir::new(Path::new(site_root).join("pkg")).precompressed_br().precompressed_gzip()
}

/// A name carrying a content hash (`hoithi.<22 base64url chars>.wasm`) never changes content.
pub fn is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let mut parts = name.split('.');
    parts.next().is_some_and(|p| !p.is_empty())
        && parts.next().is_some_and(|h| {
            h.len() >= 16 && h.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
        && parts.next().is_some()
}

/// The lifetime of a static file: hashed names for a year, others revalidated after a day.
pub fn cache_control(path: &str) -> HeaderValue {
    if is_hashed(path) {
        HeaderValue::from_static("public, max-age=31536000, immutable")
    } else {
        HeaderValue::from_static("public, max-age=86400")
    }
}

/// Compress dynamic responses only: static files come compressed from the build, and a response
/// that may be kept (`Cache-Control: public`) was either precompressed or is not worth the CPU.
/// Combined with tower-http's default rules (no event streams, images or tiny bodies).
#[derive(Clone, Copy, Debug, Default)]
pub struct NotStatic;

impl Predicate for NotStatic {
    fn should_compress<B: axum::body::HttpBody>(&self, response: &axum::http::Response<B>) -> bool {
        let headers: &HeaderMap = response.headers();
        !headers
            .get(header::CACHE_CONTROL)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("public"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_come_from_the_hash_file() {
        let hashes =
            "js: Ab12Cd34Ef56Gh78Ij90Kl\nwasm: Zz99Yy88Xx77Ww66Vv55Uu\ncss: Qq11Rr22Ss33Tt44Uu55Vv\n";
        assert_eq!(hashed("hoithi", "wasm", hashes), "hoithi.Zz99Yy88Xx77Ww66Vv55Uu.wasm");
        assert_eq!(hashed("hoithi", "css", hashes), "hoithi.Qq11Rr22Ss33Tt44Uu55Vv.css");
        assert_eq!(hashed("hoithi", "css", ""), "hoithi.css");
    }

    #[test]
    fn only_hashed_names_are_immutable() {
        assert!(is_hashed("/pkg/hoithi.Zz99Yy88Xx77Ww66Vv55Uu.wasm"));
        assert!(is_hashed("/pkg/hoithi.Zz99Yy88Xx77Ww66Vv55Uu.js"));
        assert!(!is_hashed("/pkg/hoithi.wasm"));
        assert!(!is_hashed("/pkg/hoithi_bg.wasm"));
        assert!(!is_hashed("/favicon.svg"));
        assert_eq!(cache_control("/pkg/hoithi.css"), "public, max-age=86400");
        assert_eq!(
            cache_control("/pkg/hoithi.Zz99Yy88Xx77Ww66Vv55Uu.css"),
            "public, max-age=31536000, immutable"
        );
    }
}
