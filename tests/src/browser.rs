//! Headless Chromium through chromedriver (Debian's packages) and fantoccini.

use anyhow::{Context, Result, anyhow, bail};
use fantoccini::{Client, ClientBuilder, Locator, elements::Element};
use std::{future::Future, process::Stdio, time::Duration};
use tokio::process::{Child, Command};

/// A chromedriver process with one browser session; both end with [`Browser::run`].
pub struct Browser {
    pub client: Client,
    _driver: Child,
    _profile: tempfile::TempDir,
}

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

impl Browser {
    /// Starts chromedriver and a headless Chromium whose window is `width` x `height`.
    pub async fn start(width: u32, height: u32) -> Result<Self> {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let driver = Command::new(std::env::var("CHROMEDRIVER").unwrap_or_else(|_| CHROMEDRIVER.into()))
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .context("cannot start chromedriver (install Debian's chromium-driver)")?;
        let profile = tempfile::tempdir()?;
        let args = vec![
            "--headless".to_owned(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-dev-shm-usage".into(),
            "--disable-quic".into(),
            "--no-first-run".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            format!("--window-size={width},{height}"),
            format!("--user-data-dir={}", profile.path().display()),
        ];
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({ "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| CHROMIUM.into()), "args": args }),
        );
        // Keep the console, so tests can read what the page logged (CSP violations, errors).
        caps.insert("goog:loggingPrefs".into(), serde_json::json!({ "browser": "ALL" }));
        let url = format!("http://127.0.0.1:{port}");
        let mut last = None;
        for _ in 0..50 {
            match ClientBuilder::rustls()?.capabilities(caps.clone()).connect(&url).await {
                Ok(client) => return Ok(Self { client, _driver: driver, _profile: profile }),
                Err(e) => last = Some(e),
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err(anyhow!("cannot open a browser session: {last:?}"))
    }

    /// Runs a scenario and always closes the browser, also when the scenario fails.
    pub async fn run<F, Fut>(width: u32, height: u32, scenario: F) -> Result<()>
    where
        F: FnOnce(Client) -> Fut,
        Fut: Future<Output = Result<()>>,
    {
        let browser = Self::start(width, height).await?;
        let client = browser.client.clone();
        let outcome = scenario(client.clone()).await;
        let _ = client.close().await;
        drop(browser);
        outcome
    }
}

/// Chromedriver's log endpoint, which fantoccini does not wrap.
#[derive(Debug)]
struct BrowserLog;

impl fantoccini::wd::WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/se/log", session_id.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(r#"{"type":"browser"}"#.to_owned()))
    }
}

/// The console messages logged since the last call (each read empties the log).
pub async fn console(client: &Client) -> Result<Vec<String>> {
    let entries = client.issue_cmd(BrowserLog).await?;
    Ok(entries
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["message"].as_str().map(str::to_owned))
        .collect())
}

/// Chromedriver's door to the Chrome DevTools Protocol, which fantoccini does not wrap.
#[derive(Debug)]
struct Cdp(serde_json::Value);

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/goog/cdp/execute", session_id.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.0.to_string()))
    }
}

/// Runs a DevTools command (`Network.setBlockedURLs`, ...) in the browser.
pub async fn cdp(client: &Client, cmd: &str, params: serde_json::Value) -> Result<serde_json::Value> {
    Ok(client.issue_cmd(Cdp(serde_json::json!({ "cmd": cmd, "params": params }))).await?)
}

/// Locator for `data-testid`.
pub fn testid(id: &str) -> String {
    format!("[data-testid='{id}']")
}

/// Opens `url` and waits until the page is hydrated (the WebAssembly has taken over).
pub async fn open(client: &Client, url: &str) -> Result<()> {
    client.goto(url).await?;
    wait_hydrated(client).await
}

pub async fn wait_hydrated(client: &Client) -> Result<()> {
    client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("[data-hydrated='true']"))
        .await
        .map(|_| ())
        .context("page never hydrated")
}

/// Waits for an element by CSS selector.
pub async fn find(client: &Client, css: &str) -> Result<Element> {
    client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(css))
        .await
        .with_context(|| format!("no element {css}"))
}

/// Waits for a link with exactly this text (pages render their navigation once their data has
/// loaded) and clicks it.
pub async fn click_link(client: &Client, text: &str) -> Result<()> {
    client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::LinkText(text))
        .await
        .with_context(|| format!("no link {text:?}"))?
        .click()
        .await?;
    Ok(())
}

/// Waits until `css` matches an element whose text contains `text`.
pub async fn wait_text(client: &Client, css: &str, text: &str) -> Result<()> {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        for el in client.find_all(Locator::Css(css)).await? {
            if el.text().await.unwrap_or_default().contains(text) {
                return Ok(());
            }
        }
        if std::time::Instant::now() > deadline {
            bail!("no {css} containing {text:?}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Waits until the browser is at a path starting with `path`.
pub async fn wait_path(client: &Client, path: &str) -> Result<()> {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let url = client.current_url().await?;
        if url.path().starts_with(path) {
            return Ok(());
        }
        if std::time::Instant::now() > deadline {
            bail!("expected to be at {path}, still at {url}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Saves a screenshot as `NAME.png` in `HOITHI_SCREENSHOTS`, when that variable is set.
pub async fn screenshot(client: &Client, name: &str) -> Result<()> {
    if let Some(dir) = std::env::var_os("HOITHI_SCREENSHOTS") {
        let png = client.screenshot().await?;
        std::fs::write(std::path::Path::new(&dir).join(format!("{name}.png")), png)?;
    }
    Ok(())
}

/// Scrolls the element into the middle of the window (clear of sticky bars) and clicks it.
pub async fn click(client: &Client, css: &str) -> Result<()> {
    let el = find(client, css).await?;
    client
        .execute("arguments[0].scrollIntoView({block: 'center'});", vec![serde_json::to_value(&el)?])
        .await?;
    el.click().await?;
    Ok(())
}

/// Types `value` into the field found by CSS.
pub async fn fill(client: &Client, css: &str, value: &str) -> Result<()> {
    let el = find(client, css).await?;
    el.clear().await?;
    el.send_keys(value).await?;
    Ok(())
}

/// Types `value` into the field found by `input` until `shown` displays it. A field typed into in
/// the instant before its page's code listens keeps the text but shows it only on the next key,
/// as a person would see; typing the whole value again is that next key.
pub async fn fill_until_shown(client: &Client, input: &str, value: &str, shown: &str) -> Result<()> {
    for _ in 0..3 {
        fill(client, input, value).await?;
        if wait_text(client, shown, value).await.is_ok() {
            return Ok(());
        }
    }
    bail!("{shown} never showed {value:?} typed into {input}")
}

/// Signs in through the sign-in page and waits for the dashboard.
pub async fn sign_in(client: &Client, base: &str, who: (&str, &str), lands_on: &str) -> Result<()> {
    open(client, &format!("{base}/dang-nhap")).await?;
    fill(client, &testid("login-input"), who.0).await?;
    fill(client, &testid("password-input"), who.1).await?;
    find(client, &testid("login-submit")).await?.click().await?;
    wait_path(client, lands_on).await?;
    wait_hydrated(client).await
}

/// Fails when the page is wider than the window (horizontal scrolling on a phone).
pub async fn assert_no_horizontal_scroll(client: &Client) -> Result<()> {
    let widths =
        client.execute("return [document.documentElement.scrollWidth, window.innerWidth];", vec![]).await?;
    let scroll = widths[0].as_f64().unwrap_or(0.0);
    let inner = widths[1].as_f64().unwrap_or(0.0);
    if scroll > inner + 1.0 {
        bail!("page is {scroll}px wide in a {inner}px window");
    }
    Ok(())
}
