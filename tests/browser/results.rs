use anyhow::{Result, bail, ensure};
use hoithi_tests::{
    CONTESTANT, ORGANIZER, TestApp,
    browser::{Browser, click, find, open, screenshot, sign_in, testid, wait_hydrated, wait_text},
    rounds::{answer, create_round, start},
};
use std::time::{Duration, Instant};

/// Waits until the page's text (all of it, visible or not) contains `text`.
async fn wait_content(c: &fantoccini::Client, text: &str, within: Duration) -> Result<()> {
    let deadline = Instant::now() + within;
    loop {
        let content = c.execute("return document.body.textContent;", vec![]).await?;
        if content.as_str().is_some_and(|s| s.contains(text)) {
            return Ok(());
        }
        if Instant::now() > deadline {
            bail!("{text:?} did not appear");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Prints the page as the browser would on A4 landscape paper without margins (a PDF).
async fn print_a4_landscape(c: &fantoccini::Client) -> Result<Vec<u8>> {
    use fantoccini::wd::{PrintConfiguration, PrintMargins, PrintOrientation, PrintSize};
    let config = PrintConfiguration::builder()
        .orientation(PrintOrientation::Landscape)
        .size(PrintSize::A4)
        .margins(PrintMargins { top: 0.0, bottom: 0.0, left: 0.0, right: 0.0 })
        .background(true)
        .build()
        .map_err(|e| anyhow::anyhow!("print configuration: {e:?}"))?;
    Ok(c.print(config).await?)
}

/// Pages in a PDF: its page objects (`/Type /Page`, not `/Pages`).
fn pdf_pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.match_indices("/Type /Page").filter(|(i, _)| !text[i + 11..].starts_with('s')).count()
}

#[tokio::test]
async fn publishing_a_round_updates_the_open_projector_and_shows_ranks_and_the_print_view() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let org = app.signed_in(ORGANIZER).await?;
    let round = create_round(&app, &org, 4_000, "3", "after_close").await?;
    let me = app.signed_in(CONTESTANT).await?;
    let attempt = start(&app, &me, round).await?;
    for p in 1..=20 {
        answer(&app, &me, attempt, p, "0").await?;
    }
    app.call(&me, "contestant/submit", &[("attempt_id", &attempt.to_string())]).await?;
    let name = app.call(&me, "current-user", &[]).await?.json::<serde_json::Value>().await?["full_name"]
        .as_str()
        .unwrap_or("")
        .to_owned();
    tokio::time::sleep(Duration::from_secs(6)).await; // the round closes and its figure freezes

    let base = app.addr.clone();
    let projector = Browser::start(1280, 720).await?;
    let outcome = async {
        let p = projector.client.clone();
        open(&p, &format!("{base}/may-chieu")).await?;
        wait_content(&p, "Kết quả sẽ được công bố tại đây", Duration::from_secs(5)).await?;

        // The organizer publishes in another browser; the projector follows without a reload.
        Browser::run(1280, 800, |c| {
            let base = base.clone();
            let name = name.clone();
            async move {
                sign_in(&c, &base, ORGANIZER, "/ban-to-chuc").await?;
                open(&c, &format!("{base}/ket-qua/vong/{round}")).await?;
                // Publishing waits for the prize list: the button says why it is disabled.
                wait_text(&c, &testid("publish-blocker"), "Cần xác nhận danh sách giải").await?;
                let disabled = find(&c, &testid("publish-round")).await?.attr("disabled").await?;
                ensure!(disabled.is_some(), "publish is disabled before the prizes are confirmed");
                click(&c, &testid("confirm-prizes")).await?;
                wait_text(&c, &testid("prize-status"), "xác nhận lúc").await?;
                click(&c, &testid("publish-round")).await?;
                wait_text(&c, &testid("publish-round"), "Thu hồi công bố").await?;
                // The print view lists the winner.
                open(&c, &format!("{base}/in/vong/{round}")).await?;
                wait_text(&c, &testid("print-winner"), "Giải Nhất").await?;
                screenshot(&c, "print-round").await?;
                // Certificates of the confirmed list: one A4 landscape sheet each, as a batch.
                open(&c, &format!("{base}/in/giay-chung-nhan/vong/{round}")).await?;
                wait_text(&c, &testid("certificate-recipient"), &name).await?;
                wait_text(&c, &testid("certificate-prize"), "GIẢI NHẤT").await?;
                screenshot(&c, "certificates").await?;
                let count = c
                    .execute("return document.querySelectorAll('[data-testid=certificate]').length;", vec![])
                    .await?
                    .as_u64()
                    .unwrap_or(0) as usize;
                ensure!(count >= 1, "at least the winner's certificate");
                ensure!(
                    pdf_pages(&print_a4_landscape(&c).await?) == count,
                    "one printed page per certificate"
                );
                // One by one: a single certificate prints alone.
                click(&c, &testid("certificate-single")).await?;
                wait_text(&c, &testid("certificate-count"), "số 1 trên").await?;
                ensure!(
                    pdf_pages(&print_a4_landscape(&c).await?) == 1,
                    "a single certificate prints one page"
                );
                Ok(())
            }
        })
        .await?;
        // The projector follows the publication by itself (no reload).
        wait_content(&p, &name, Duration::from_secs(20)).await?;
        wait_content(&p, "Giải cá nhân", Duration::from_secs(20)).await?;
        screenshot(&p, "projector").await?;
        Ok::<_, anyhow::Error>(())
    }
    .await;
    let _ = projector.client.clone().close().await;
    drop(projector);
    outcome?;

    Browser::run(360, 740, |c| async move {
        sign_in(&c, &base, CONTESTANT, "/thi-sinh").await?;
        wait_hydrated(&c).await?;
        wait_text(&c, &testid("my-rank"), "Bạn xếp hạng 1/1").await?;
        wait_text(&c, &testid("my-unit"), "tỷ lệ tham gia").await?;
        Ok(())
    })
    .await
}
