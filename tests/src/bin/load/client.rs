//! One simulated browser: a cookie, server-function calls, and the timing of each step.

use anyhow::{Result, bail};
use reqwest::{Client, StatusCode, header};
use std::{
    collections::HashMap,
    sync::Mutex,
    time::{Duration, Instant},
};

/// What the run measured.
#[derive(Default)]
pub struct Stats {
    pub latencies: HashMap<&'static str, Vec<Duration>>,
    pub errors: HashMap<String, usize>,
    /// The last choice (displayed option) the server acknowledged per (attempt, position).
    pub acknowledged: HashMap<(i64, i32), usize>,
    pub submitted: Vec<i64>,
    /// Bytes of pages and static files received (compressed, as sent).
    pub page_bytes: u64,
}

/// A signed-in (or not yet) visitor.
pub struct Session {
    pub client: Client,
    pub base: String,
    pub cookie: Option<String>,
}

impl Session {
    pub fn new(client: Client, base: String) -> Self {
        Self { client, base, cookie: None }
    }

    /// Calls a server function with form arguments, as the hydrated pages do.
    pub async fn call(&mut self, name: &str, form: &[(&str, String)]) -> Result<(StatusCode, String)> {
        let mut req = self
            .client
            .post(format!("{}/api/{name}", self.base))
            .header(header::ACCEPT, "application/json")
            .form(form);
        if let Some(c) = &self.cookie {
            req = req.header(header::COOKIE, c);
        }
        let res = req.send().await?;
        if let Some(set) = res.headers().get(header::SET_COOKIE).and_then(|v| v.to_str().ok()) {
            self.cookie = set.split(';').next().map(str::to_owned);
        }
        Ok((res.status(), res.text().await?))
    }

    /// Fetches `path` as a browser with an empty cache does, then every `/pkg/` file the page
    /// names (brotli accepted); returns the bytes received.
    pub async fn cold_page(&self, path: &str) -> Result<u64> {
        let get = |url: String| {
            let mut req = self.client.get(url).header(header::ACCEPT_ENCODING, "br, gzip");
            if let Some(c) = &self.cookie {
                req = req.header(header::COOKIE, c);
            }
            req
        };
        let page = get(format!("{}{path}", self.base)).send().await?;
        if !page.status().is_success() {
            bail!("page {path}: {}", page.status());
        }
        let html = page.bytes().await?;
        let mut total = html.len() as u64;
        let text = String::from_utf8_lossy(&html);
        let mut files: Vec<&str> = text.split('"').filter(|p| p.starts_with("/pkg/")).collect();
        files.sort_unstable();
        files.dedup();
        for file in files {
            let res = get(format!("{}{file}", self.base)).send().await?;
            if !res.status().is_success() {
                bail!("{file}: {}", res.status());
            }
            total += res.bytes().await?.len() as u64;
        }
        Ok(total)
    }
}

/// Runs `f`, recording its latency under `step` (or its error).
pub async fn timed<T>(
    stats: &Mutex<Stats>,
    step: &'static str,
    f: impl std::future::Future<Output = Result<T>>,
) -> Result<T> {
    let start = Instant::now();
    let out = f.await;
    let took = start.elapsed();
    if let Ok(mut s) = stats.lock() {
        match &out {
            Ok(_) => s.latencies.entry(step).or_default().push(took),
            Err(e) => *s.errors.entry(format!("{step}: {e}")).or_default() += 1,
        }
    }
    out
}

/// A successful response, or its status and the start of its body as the error.
pub fn ok(status: StatusCode, body: &str) -> Result<()> {
    if status.is_success() || status.is_redirection() {
        Ok(())
    } else {
        bail!("{status} {}", body.chars().take(120).collect::<String>())
    }
}
