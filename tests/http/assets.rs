//! Static files: named after their content, served as built (brotli or gzip copies made at build
//! time) and kept by browsers for a year; pages stay uncacheable.

use anyhow::{Result, ensure};
use hoithi_tests::{TestApp, workspace_root};
use reqwest::{StatusCode, header};

/// Every `/pkg/...` file a page names (stylesheet, script, wasm preload).
fn pkg_files(html: &str) -> Vec<String> {
    let mut files: Vec<String> = html
        .split('"')
        .filter(|piece| piece.starts_with("/pkg/") && !piece.contains(char::is_whitespace))
        .map(str::to_owned)
        .collect();
    files.sort();
    files.dedup();
    files
}

fn text(res: &reqwest::Response, name: header::HeaderName) -> Option<String> {
    res.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned)
}

#[tokio::test]
async fn static_files_are_hashed_precompressed_and_kept_for_a_year() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let client = reqwest::Client::new();
    let page = client.get(app.url("/dang-nhap")).send().await?;
    assert_eq!(text(&page, header::CACHE_CONTROL).as_deref(), Some("no-store"), "pages are never kept");
    let files = pkg_files(&page.text().await?);
    for ext in [".css", ".js", ".wasm"] {
        ensure!(files.iter().any(|f| f.ends_with(ext)), "the page names no {ext} file: {files:?}");
    }
    let site = workspace_root().join("target/site");
    for file in &files {
        let name = file.rsplit('/').next().unwrap_or_default();
        let parts: Vec<&str> = name.split('.').collect();
        ensure!(parts.len() == 3 && parts[1].len() >= 16, "{file} carries no content hash");
        let res = client.get(app.url(file)).header(header::ACCEPT_ENCODING, "br, gzip").send().await?;
        assert_eq!(res.status(), StatusCode::OK, "{file}");
        assert_eq!(
            text(&res, header::CACHE_CONTROL).as_deref(),
            Some("public, max-age=31536000, immutable"),
            "{file}"
        );
        let on_disk = site.join(file.trim_start_matches('/'));
        let brotli = on_disk.with_file_name(format!("{name}.br"));
        if brotli.is_file() {
            // A release build: the brotli copy made at build time is sent as it is.
            assert_eq!(text(&res, header::CONTENT_ENCODING).as_deref(), Some("br"), "{file}");
            let sent = res.bytes().await?;
            assert_eq!(sent.len() as u64, std::fs::metadata(&brotli)?.len(), "{file} is the stored copy");
        } else {
            // A debug build has no compressed copies: the file goes out as it is, never
            // compressed per request.
            assert_eq!(text(&res, header::CONTENT_ENCODING), None, "{file}");
        }
        let gzip = client.get(app.url(file)).header(header::ACCEPT_ENCODING, "gzip").send().await?;
        if on_disk.with_file_name(format!("{name}.gz")).is_file() {
            assert_eq!(text(&gzip, header::CONTENT_ENCODING).as_deref(), Some("gzip"), "{file}");
        }
    }
    let missing = client.get(app.url("/pkg/hoithi.AAAAAAAAAAAAAAAAAAAAAA.wasm")).send().await?;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_ne!(
        text(&missing, header::CACHE_CONTROL).as_deref(),
        Some("public, max-age=31536000, immutable"),
        "a missing file is not remembered as missing for a year"
    );
    Ok(())
}

#[tokio::test]
async fn dynamic_responses_are_still_compressed() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let res =
        reqwest::Client::new().get(app.url("/the-le")).header(header::ACCEPT_ENCODING, "gzip").send().await?;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(text(&res, header::CONTENT_ENCODING).as_deref(), Some("gzip"));
    Ok(())
}
