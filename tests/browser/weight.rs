//! What a contestant's phone downloads, and what the quiz does before the app's WebAssembly runs.

use anyhow::{Context, Result, ensure};
use fantoccini::Client;
use hoithi_tests::{
    TestApp,
    browser::{Browser, cdp, click, fill, find, open, testid, wait_hydrated, wait_path, wait_text},
};
use std::collections::HashSet;

/// Bytes fetched over the network (headers included; 0 for what came from the browser's cache).
#[derive(Default)]
struct Transfer {
    seen: HashSet<String>,
    bytes: u64,
    files: Vec<(String, u64)>,
}

impl Transfer {
    /// Adds what the current document fetched since the last call (the navigation and every
    /// resource, by the Performance API), counting each entry once.
    async fn add(&mut self, c: &Client) -> Result<()> {
        let entries = c
            .execute(
                "return [performance.timeOrigin].concat(performance.getEntriesByType('navigation'), \
                 performance.getEntriesByType('resource')).map(function (e, i) { return i === 0 ? [String(e), 0] : \
                 [e.name + '@' + e.startTime, e.transferSize]; });",
                vec![],
            )
            .await?;
        let entries = entries.as_array().context("entries")?;
        let origin = entries.first().and_then(|e| e[0].as_str()).unwrap_or_default().to_owned();
        for e in entries.iter().skip(1) {
            let key = format!("{origin} {}", e[0].as_str().unwrap_or_default());
            let size = e[1].as_u64().unwrap_or(0);
            if self.seen.insert(key.clone()) {
                self.bytes += size;
                if size > 0 {
                    self.files.push((key.split_once(' ').map_or(key.clone(), |k| k.1.to_owned()), size));
                }
            }
        }
        Ok(())
    }
}

/// Home → sign-in → quiz (one answer) → result, as `who`, counting what was transferred.
async fn contestant_path(c: &Client, base: &str, who: (&str, &str)) -> Result<Transfer> {
    let mut t = Transfer::default();
    open(c, &format!("{base}/")).await?;
    t.add(c).await?;
    open(c, &format!("{base}/dang-nhap")).await?;
    t.add(c).await?;
    fill(c, &testid("login-input"), who.0).await?;
    fill(c, &testid("password-input"), who.1).await?;
    find(c, &testid("login-submit")).await?.click().await?;
    wait_path(c, "/thi-sinh").await?;
    wait_hydrated(c).await?;
    t.add(c).await?;
    find(c, &testid("start-attempt")).await?.click().await?;
    wait_path(c, "/thi-sinh/bai-thi/").await?;
    wait_hydrated(c).await?;
    click(c, &testid("option-1-0")).await?;
    wait_text(c, &testid("save-status-1"), "Đã lưu").await?;
    t.add(c).await?;
    click(c, &testid("submit-attempt")).await?;
    click(c, &testid("confirm-submit")).await?;
    wait_path(c, "/thi-sinh/ket-qua/").await?;
    wait_text(c, &testid("score"), "/20").await?;
    t.add(c).await?;
    // Signing out ends with the home page, which belongs to the next visit.
    Ok(t)
}

#[tokio::test]
async fn the_contestant_path_downloads_little_cold_and_almost_nothing_warm() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let base = app.addr.clone();
    Browser::run(390, 844, |c| async move {
        let cold = contestant_path(&c, &base, ("thisinh011@hoithi.test", "ThiSinh@2017")).await?;
        find(&c, &testid("logout")).await?.click().await?;
        let mut signed_out = false;
        for _ in 0..100 {
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            if c.find_all(fantoccini::Locator::Css(&testid("logout"))).await?.is_empty() {
                signed_out = true;
                break;
            }
        }
        ensure!(signed_out, "signing out did not finish");
        let warm = contestant_path(&c, &base, ("thisinh012@hoithi.test", "ThiSinh@2017")).await?;
        let list = |t: &Transfer| {
            t.files.iter().map(|(name, size)| format!("    {size:>9}  {name}")).collect::<Vec<_>>().join("\n")
        };
        println!(
            "contestant path (home, sign-in, quiz, result), transferred:\n  cold cache: {} bytes\n{}\n  warm cache: {} bytes\n{}",
            cold.bytes,
            list(&cold),
            warm.bytes,
            list(&warm)
        );
        ensure!(cold.bytes > 0, "nothing measured: the Performance API gave no sizes");
        // The goal: 300 KB (of 1,024 bytes; the Performance API counts every response's headers
        // as 300 bytes).
        ensure!(cold.bytes <= 300 * 1024, "a cold visit transferred {} bytes (budget 300 KB)", cold.bytes);
        ensure!(warm.bytes <= 30 * 1024, "a warm visit transferred {} bytes (budget 30 KB)", warm.bytes);
        Ok(())
    })
    .await
}

/// The first question's distance from the top of the page, in CSS pixels.
async fn first_question_top(c: &Client) -> Result<f64> {
    let top = c
        .execute(
            "return document.querySelector(\"[data-testid='question']\").getBoundingClientRect().top + window.scrollY;",
            vec![],
        )
        .await?;
    top.as_f64().context("no question")
}

#[tokio::test]
async fn before_the_app_runs_the_quiz_clock_ticks_choices_are_saved_and_nothing_moves() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let base = app.addr.clone();
    Browser::run(390, 844, |c| async move {
        open(&c, &format!("{base}/dang-nhap")).await?;
        fill(&c, &testid("login-input"), "thisinh013@hoithi.test").await?;
        fill(&c, &testid("password-input"), "ThiSinh@2017").await?;
        find(&c, &testid("login-submit")).await?.click().await?;
        wait_path(&c, "/thi-sinh").await?;
        wait_hydrated(&c).await?;
        find(&c, &testid("start-attempt")).await?.click().await?;
        wait_path(&c, "/thi-sinh/bai-thi/").await?;
        wait_hydrated(&c).await?;
        let url = c.current_url().await?;
        let hydrated_top = first_question_top(&c).await?;

        // The same page as a phone sees it while the WebAssembly is still on its way.
        cdp(&c, "Network.enable", serde_json::json!({})).await?;
        cdp(&c, "Network.setBlockedURLs", serde_json::json!({ "urls": ["*.wasm"] })).await?;
        cdp(&c, "Network.setCacheDisabled", serde_json::json!({ "cacheDisabled": true })).await?;
        c.goto(url.as_str()).await?;
        find(&c, &testid("question")).await?;
        let hidden = c
            .execute(
                "return [document.documentElement.dataset.app || '', \
                 getComputedStyle(document.querySelector('.nojs-only')).display];",
                vec![],
            )
            .await?;
        ensure!(hidden[0] == "", "the app ran although its WebAssembly was blocked");
        ensure!(hidden[1] == "none", "the no-JavaScript hint shows while scripts run: {hidden:?}");
        let early_top = first_question_top(&c).await?;
        ensure!(
            (early_top - hydrated_top).abs() < 1.0,
            "the questions move when the app starts: {early_top} before, {hydrated_top} after"
        );

        // The clock runs from the first paint.
        let clock = find(&c, &testid("time-left")).await?;
        let first = clock.text().await?;
        let mut ticked = false;
        for _ in 0..50 {
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            if clock.text().await? != first {
                ticked = true;
                break;
            }
        }
        ensure!(ticked, "the clock stood still at {first} before the app ran");

        // A choice made now is saved.
        click(&c, &testid("option-3-1")).await?;
        wait_text(&c, &testid("save-status-3"), "Đã lưu").await?;

        // With the app back, the reloaded quiz shows that choice as saved on the server.
        cdp(&c, "Network.setBlockedURLs", serde_json::json!({ "urls": [] })).await?;
        open(&c, url.as_str()).await?;
        let checked = c
            .execute("return document.querySelector(\"[data-testid='option-3-1']\").checked;", vec![])
            .await?;
        ensure!(checked.as_bool() == Some(true), "the choice made before the app ran was lost");
        wait_text(&c, &testid("answered"), "Đã trả lời 1/20").await?;
        Ok(())
    })
    .await
}
