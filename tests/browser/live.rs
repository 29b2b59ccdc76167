use anyhow::{Result, bail, ensure};
use hoithi_tests::{
    ORGANIZER, TestApp,
    browser::{Browser, click, open, screenshot, sign_in, testid, wait_hydrated, wait_text},
};
use serde_json::Value;
use std::time::{Duration, Instant};

async fn attr(c: &fantoccini::Client, css: &str, name: &str) -> Result<String> {
    let v = c
        .execute(
            &format!(
                "const e = document.querySelector(\"{css}\"); return e ? e.getAttribute('{name}') : null;"
            ),
            vec![],
        )
        .await?;
    Ok(v.as_str().unwrap_or_default().to_owned())
}

async fn wait_attr(c: &fantoccini::Client, css: &str, name: &str, value: &str) -> Result<()> {
    let deadline = Instant::now() + Duration::from_secs(10);
    while attr(c, css, name).await? != value {
        if Instant::now() > deadline {
            bail!("{css}[{name}] never became {value:?}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Ok(())
}

#[tokio::test]
async fn host_two_teams_and_the_projector_play_a_question_together() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let org = app.signed_in(ORGANIZER).await?;
    let created = app
        .call(
            &org,
            "live/create",
            &[
                ("name", "Kiến thức"),
                ("codes", "tthc-001"),
                ("draw", ""),
                ("question_secs", "6"),
                ("points", "2"),
                ("speed_bonus", "0"),
            ],
        )
        .await?;
    let id = created.json::<i32>().await?;
    let key =
        app.call(&org, "organizer/question", &[("code", "tthc-001")]).await?.json::<Value>().await?["correct"]
            [0]
        .as_u64()
        .unwrap_or(0) as usize;
    let wrong = (key + 1) % 2;
    let base = app.addr.clone();

    let host = Browser::start(1280, 800).await?;
    let team_a = Browser::start(400, 800).await?;
    let team_b = Browser::start(400, 800).await?;
    let projector = Browser::start(1280, 720).await?;
    let (h, a, b, p) =
        (host.client.clone(), team_a.client.clone(), team_b.client.clone(), projector.client.clone());
    let outcome = async {
        sign_in(&h, &base, ORGANIZER, "/ban-to-chuc").await?;
        open(&h, &format!("{base}/ban-to-chuc/truc-tiep/{id}")).await?;
        sign_in(&a, &base, ("doi01@hoithi.test", "DoiThi@2017"), "/doi-thi").await?;
        sign_in(&b, &base, ("doi02@hoithi.test", "DoiThi@2017"), "/doi-thi").await?;
        open(&p, &format!("{base}/may-chieu/truc-tiep/{id}")).await?;

        click(&h, &testid("cmd-next")).await?;
        for device in [&a, &b] {
            wait_attr(device, "[data-testid='device-phase']", "data-phase", "showing").await?;
        }
        wait_attr(&p, "[data-testid='projector-phase']", "data-phase", "showing").await?;
        click(&h, &testid("cmd-start")).await?;
        wait_attr(&a, "[data-testid='device-phase']", "data-phase", "open").await?;
        wait_attr(&b, "[data-testid='device-phase']", "data-phase", "open").await?;
        wait_hydrated(&a).await?;
        click(&a, &testid(&format!("answer-{key}"))).await?;
        wait_attr(&a, &format!("[data-testid='answer-{key}']"), "class", "btn btn-lg chosen").await?;
        screenshot(&a, "team-device").await?;
        screenshot(&p, "live-projector").await?;

        // Team B waits until its clock has run out, then answers: the server refuses.
        let deadline = Instant::now() + Duration::from_secs(12);
        while b.find(fantoccini::Locator::Css("[data-testid='device-clock']")).await?.text().await? != "00:00"
        {
            ensure!(Instant::now() < deadline, "team B's clock never ran out");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        tokio::time::sleep(Duration::from_millis(1000)).await;
        click(&b, &testid(&format!("answer-{wrong}"))).await?;
        wait_text(&b, &testid("form-error"), "hết giờ").await?;

        click(&h, &testid("cmd-reveal")).await.or_else(|_| Ok::<_, anyhow::Error>(()))?;
        // The host may need to lock first if the phase shown was still "open".
        if attr(&p, "[data-testid='projector-phase']", "data-phase").await? != "revealed" {
            let _ = click(&h, &testid("cmd-lock")).await;
            tokio::time::sleep(Duration::from_millis(500)).await;
            let _ = click(&h, &testid("cmd-reveal")).await;
        }
        wait_attr(&p, "[data-testid='projector-phase']", "data-phase", "revealed").await?;
        wait_text(&p, &testid(&format!("count-{key}")), "1").await?;
        wait_text(&p, &testid(&format!("count-{wrong}")), "0").await?;
        wait_text(&a, &testid("verdict"), "ĐÚNG").await?;
        wait_text(&b, &testid("verdict"), "không trả lời").await?;
        screenshot(&p, "live-reveal").await?;

        click(&h, &testid("cmd-scoreboard")).await?;
        wait_attr(&p, "[data-testid='projector-phase']", "data-phase", "scoreboard").await?;
        let board = p
            .find(fantoccini::Locator::Css("[data-testid='projector-scoreboard'] li:first-child"))
            .await?
            .text()
            .await?;
        ensure!(board.contains('2'), "the first team on the scoreboard has 2 points: {board}");
        wait_text(&a, &testid("my-points"), "2").await?;
        wait_text(&b, &testid("my-points"), "0").await?;
        Ok::<_, anyhow::Error>(())
    }
    .await;
    for browser in [host, team_a, team_b, projector] {
        let _ = browser.client.clone().close().await;
    }
    outcome
}
