//! What real users tripped over, checked as they see it, at the size of their screen.

use anyhow::{Context, Result, ensure};
use fantoccini::{Client, Locator};
use hoithi_tests::{
    CONTESTANT, HEAD_JUDGE, ORGANIZER, SECRETARY, TestApp,
    browser::{
        Browser, assert_no_horizontal_scroll, click, fill_until_shown, find, open, screenshot, sign_in,
        testid, wait_text,
    },
    rounds::{answer, create_round, now_ms, start},
};
use serde_json::Value;
use std::time::Duration;

const PHONE: (u32, u32) = (390, 844);
const LAPTOP: (u32, u32) = (1366, 768);
const SMALL_PROJECTOR: (u32, u32) = (1024, 768);
const HALL: (u32, u32) = (1920, 1080);

/// Of the elements matching `css` that are displayed, how many lie wholly inside the window,
/// and how many there are.
async fn in_view(c: &Client, css: &str) -> Result<(u64, u64)> {
    let counts = c
        .execute(
            "const all = [...document.querySelectorAll(arguments[0])].filter(e => e.getClientRects().length);
             const seen = all.filter(e => { const b = e.getBoundingClientRect();
               return b.top >= 0 && b.bottom <= window.innerHeight + 1 && b.right <= window.innerWidth + 1 && b.height > 0; });
             return [seen.length, all.length];",
            vec![Value::from(css)],
        )
        .await?;
    Ok((counts[0].as_u64().unwrap_or(0), counts[1].as_u64().unwrap_or(0)))
}

/// Waits until at least `n` elements match `css`.
async fn wait_count(c: &Client, css: &str, n: usize) -> Result<()> {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        if c.find_all(Locator::Css(css)).await?.len() >= n {
            return Ok(());
        }
        ensure!(std::time::Instant::now() < deadline, "fewer than {n} of {css}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A round twelve contestants took, closed, its prizes confirmed and published.
async fn published_round(app: &TestApp) -> Result<i32> {
    let org = app.signed_in(ORGANIZER).await?;
    let closes_in = 15_000;
    let round = create_round(app, &org, closes_in, "3", "after_close").await?;
    let closes_at = now_ms() + closes_in;
    for n in 1..=12 {
        let who = app.signed_in((&format!("thisinh{n:03}@hoithi.test"), CONTESTANT.1)).await?;
        let attempt = start(app, &who, round).await?;
        for position in 1..=20 {
            answer(app, &who, attempt, position, &((n + position as usize) % 2).to_string()).await?;
        }
        app.call(&who, "contestant/submit", &[("attempt_id", &attempt.to_string())]).await?;
    }
    while now_ms() < closes_at + 2_500 {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let scope = format!("round:{round}");
    let confirmed = app.call(&org, "results/confirm", &[("scope", &scope)]).await?;
    ensure!(confirmed.status().is_success(), "confirming: {}", confirmed.text().await?);
    let published =
        app.call(&org, "results/round/publish", &[("id", &round.to_string()), ("published", "true")]).await?;
    ensure!(published.status().is_success(), "publishing: {}", published.text().await?);
    Ok(round)
}

#[tokio::test]
async fn an_unscored_final_cannot_be_published_and_says_why() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let base = app.addr.clone();
    Browser::run(LAPTOP.0, LAPTOP.1, |c| async move {
        sign_in(&c, &base, ORGANIZER, "/ban-to-chuc").await?;
        open(&c, &format!("{base}/ket-qua/san-khau")).await?;
        wait_text(&c, &testid("publish-blocker"), "các phần thi chưa khoá và công bố").await?;
        let button = find(&c, &testid("publish-stage")).await?;
        ensure!(button.attr("disabled").await?.is_some(), "publishing is disabled");
        wait_text(&c, &testid("prize-status"), "Giải được đề xuất khi mọi phần thi").await?;
        for prize in c.find_all(Locator::Css("[data-testid='team-prize']")).await? {
            ensure!(prize.text().await?.trim().is_empty() || prize.text().await? == "—", "no prize proposed");
        }
        for rank in c.find_all(Locator::Css("[data-testid='team-rank']")).await?.into_iter().take(5) {
            ensure!(rank.text().await? == "–", "no rank before the final is complete");
        }
        screenshot(&c, "stage-results-unscored").await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn the_results_projector_shows_the_top_ten_and_every_prize_at_projector_sizes() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let round = published_round(&app).await?;
    let base = app.addr.clone();
    for (w, h) in [SMALL_PROJECTOR, LAPTOP, HALL] {
        let base = base.clone();
        Browser::run(w, h, |c| async move {
            open(&c, &format!("{base}/may-chieu")).await?;
            wait_count(&c, ".slide-wrap.active [data-testid='projector-row']", 10).await?;
            let (seen, all) = in_view(&c, ".slide-wrap.active [data-testid='projector-row']").await?;
            ensure!(all >= 10, "{w}×{h}: only {all} rows on the first slide");
            ensure!(seen == all, "{w}×{h}: {seen} of {all} rows fit on the screen");
            let prizes = c
                .execute(
                    "return [...document.querySelectorAll('.slide-wrap.active .prize')].filter(p => p.textContent.trim()).length;",
                    vec![],
                )
                .await?;
            ensure!(prizes.as_u64().unwrap_or(0) >= 10, "{w}×{h}: prize winners beyond the eighth place show");
            screenshot(&c, &format!("projector-{w}x{h}")).await?;
            Ok(())
        })
        .await?;
    }
    // On a phone, the published board is a list of cards with the prize beside each name.
    Browser::run(PHONE.0, PHONE.1, |c| async move {
        open(&c, &format!("{base}/ket-qua/vong/{round}")).await?;
        wait_count(&c, "[data-testid='person-row']", 10).await?;
        assert_no_horizontal_scroll(&c).await?;
        let (seen, _) = in_view(&c, "[data-testid='person-row']:first-child [data-testid='prize-cell']").await?;
        ensure!(seen == 1, "the first prize is on the screen, not cut off");
        let height = c
            .execute(
                "return document.querySelector(\"[data-testid='person-row']\").getBoundingClientRect().height;",
                vec![],
            )
            .await?;
        ensure!(height.as_f64().unwrap_or(999.0) < 140.0, "a row is a compact card: {height}px");
        screenshot(&c, "public-results-phone").await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn the_live_scoreboard_shares_ranks_fits_every_team_and_the_host_hides_the_key() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let org = app.signed_in(ORGANIZER).await?;
    let res = app
        .call(
            &org,
            "live/create",
            &[
                ("name", "Kiến thức"),
                ("codes", "tthc-001"),
                ("draw", ""),
                ("question_secs", "30"),
                ("points", "2"),
                ("speed_bonus", "0"),
            ],
        )
        .await?;
    let id = res.json::<i32>().await?;
    let base = app.addr.clone();
    // The projector at the hall's size: 33 teams tied on 0 share the first place, all on screen.
    Browser::run(HALL.0, HALL.1, |c| {
        let base = base.clone();
        async move {
            open(&c, &format!("{base}/may-chieu/truc-tiep/{id}")).await?;
            wait_count(&c, "[data-testid='scoreboard-row']", 33).await?;
            let (seen, all) = in_view(&c, "[data-testid='scoreboard-row']").await?;
            ensure!(all == 33 && seen == 33, "{seen} of {all} teams fit on the projector");
            for rank in c.find_all(Locator::Css("[data-testid='scoreboard-row'] .rank")).await? {
                ensure!(rank.text().await? == "1", "tied teams share the first place");
            }
            screenshot(&c, "live-scoreboard-1920").await?;
            Ok(())
        }
    })
    .await?;
    // The host shows the question; the key stays hidden until asked for on this laptop.
    Browser::run(LAPTOP.0, LAPTOP.1, |c| async move {
        sign_in(&c, &base, ORGANIZER, "/ban-to-chuc").await?;
        open(&c, &format!("{base}/ban-to-chuc/truc-tiep/{id}")).await?;
        click(&c, &testid("cmd-next")).await?;
        find(&c, &testid("host-key")).await?;
        ensure!(
            c.find_all(Locator::Css(".live-options li.correct")).await?.is_empty(),
            "no option is marked correct before the reveal"
        );
        ensure!(!find(&c, &testid("host-key-text")).await?.is_displayed().await?, "the key is folded away");
        screenshot(&c, "live-host-before-reveal").await?;
        click(&c, "[data-testid='host-key'] summary").await?;
        wait_text(&c, &testid("host-key-text"), "Đáp án đúng").await?;
        // Ending the round asks first.
        click(&c, &testid("cmd-start")).await?;
        click(&c, &testid("cmd-lock")).await?;
        click(&c, &testid("cmd-reveal")).await?;
        click(&c, &testid("cmd-end")).await?;
        wait_text(&c, "[role='alertdialog']", "Kết thúc phần thi sau câu 1/1").await?;
        click(&c, &testid("cmd-end-yes")).await?;
        wait_text(&c, &testid("host-phase"), "Đã kết thúc").await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn the_stage_follows_the_drawn_running_order_and_the_secretary_confirms_a_stop() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let base = app.addr.clone();
    Browser::run(LAPTOP.0, LAPTOP.1, |c| {
        let base = base.clone();
        async move {
            sign_in(&c, &base, ORGANIZER, "/ban-to-chuc").await?;
            open(&c, &format!("{base}/ban-to-chuc/san-khau")).await?;
            click(&c, &testid("draw-order")).await?;
            wait_text(&c, &testid("order-draw"), "mã bốc thăm").await?;
            // The team list follows the order drawn.
            wait_text(&c, "[data-testid='team-row']:first-child [data-testid='team-order']", "1").await?;
            screenshot(&c, "stage-running-order").await?;
            Ok(())
        }
    })
    .await?;
    // The secretary's timers come in the running order, numbered; stopping a clock asks first.
    Browser::run(PHONE.0, PHONE.1, |c| {
        let base = base.clone();
        async move {
            sign_in(&c, &base, SECRETARY, "/thu-ky").await?;
            let heading = find(&c, "[data-testid='stage-timer'] h3").await?.text().await?;
            ensure!(heading.starts_with("1. "), "the first timer is the first team on stage: {heading}");
            let first_id = find(&c, "[data-testid='stage-timer'] [data-testid^='start-']")
                .await?
                .attr("data-testid")
                .await?
                .unwrap_or_default()
                .trim_start_matches("start-")
                .to_owned();
            click(&c, &testid(&format!("start-{first_id}"))).await?;
            click(&c, &testid(&format!("stop-{first_id}"))).await?;
            wait_text(&c, "[role='alertdialog']", "Thời gian vượt (nếu có) sẽ thành điểm trừ").await?;
            ensure!(
                c.find_all(Locator::Css(&testid(&format!("pause-{first_id}")))).await?.len() == 1,
                "still running until confirmed"
            );
            click(&c, &testid(&format!("stop-{first_id}-yes"))).await?;
            wait_text(&c, &testid(&format!("penalty-{first_id}")), "Không bị trừ điểm").await?;
            assert_no_horizontal_scroll(&c).await?;
            screenshot(&c, "secretary-phone").await?;
            Ok(())
        }
    })
    .await?;
    // The head judge's page lists the teams in that order, with what is left to score.
    Browser::run(PHONE.0, PHONE.1, |c| async move {
        sign_in(&c, &base, HEAD_JUDGE, "/giam-khao").await?;
        wait_text(&c, &testid("judge-left"), "phiếu chưa nộp").await?;
        let teams = c
            .find_all(Locator::Css("[data-testid='judge-part']:first-of-type [data-testid='judge-team']"))
            .await?;
        ensure!(!teams.is_empty(), "the head judge has teams to score");
        let mut numbers = Vec::new();
        for t in teams {
            let text = t.text().await?;
            let n: u32 = text
                .split_whitespace()
                .find_map(|w| w.strip_suffix('.').and_then(|n| n.parse().ok()))
                .context("each team shows its number in the running order")?;
            numbers.push(n);
        }
        ensure!(numbers.windows(2).all(|w| w[0] < w[1]), "teams in running order: {numbers:?}");
        assert_no_horizontal_scroll(&c).await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn running_out_of_time_says_so_and_the_result_says_why() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let org = app.signed_in(ORGANIZER).await?;
    // The round closes in a few seconds, so the attempt's deadline comes soon.
    let round = create_round(&app, &org, 8_000, "3", "after_submit").await?;
    let rounds = app.call(&org, "organizer/rounds", &[]).await?.json::<Value>().await?;
    let round_name = rounds
        .as_array()
        .and_then(|all| all.iter().find(|r| r["id"] == round))
        .and_then(|r| r["name"].as_str())
        .unwrap_or_default()
        .to_owned();
    let base = app.addr.clone();
    Browser::run(PHONE.0, PHONE.1, |c| async move {
        sign_in(&c, &base, CONTESTANT, "/thi-sinh").await?;
        find(&c, &testid("round-card")).await?;
        c.execute(
            "[...document.querySelectorAll(\"[data-testid='round-card']\")]
               .find(card => card.textContent.includes(arguments[0]))
               .querySelector(\"[data-testid='start-attempt']\").click();",
            vec![Value::from(round_name)],
        )
        .await?;
        let deadline = find(&c, &testid("deadline")).await?.text().await?;
        ensure!(
            deadline.starts_with("Hạn nộp: ") && deadline.contains(" ngày "),
            "a time of day: {deadline}"
        );
        wait_text(&c, &testid("time-up"), "Bài của bạn đã được nộp").await?;
        screenshot(&c, "time-up").await?;
        click(&c, &testid("see-result")).await?;
        wait_text(&c, ".notice", "Hết giờ: bài được hệ thống tự động nộp").await?;
        screenshot(&c, "time-up-result").await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn organizers_forms_preview_edits_and_speak_vietnamese() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let base = app.addr.clone();
    Browser::run(LAPTOP.0, LAPTOP.1, |c| async move {
        sign_in(&c, &base, ORGANIZER, "/ban-to-chuc").await?;
        // The preview follows the edit before it is saved; options are boxes that wrap.
        open(&c, &format!("{base}/ban-to-chuc/cau-hoi/tthc-001")).await?;
        fill_until_shown(&c, &testid("edit-text"), "Câu hỏi đang sửa dở?", &testid("preview-text")).await?;
        wait_text(&c, &testid("preview-unsaved"), "chưa lưu").await?;
        let tag = find(&c, &testid("edit-option-0")).await?.tag_name().await?;
        ensure!(tag == "textarea", "options are multi-line: {tag}");
        // Times are typed day first, 24-hour, whatever the browser's language.
        open(&c, &format!("{base}/ban-to-chuc/vong-thi/1")).await?;
        let opens = find(&c, &testid("round-opens")).await?;
        ensure!(opens.attr("type").await?.as_deref() == Some("text"));
        let value = opens.prop("value").await?.unwrap_or_default();
        ensure!(
            value.len() == 16 && value.as_bytes()[2] == b'/' && value.as_bytes()[13] == b':',
            "dd/mm/yyyy hh:mm, got {value}"
        );
        // The upload button is labelled in Vietnamese.
        open(&c, &format!("{base}/ban-to-chuc/nhap-danh-sach")).await?;
        wait_text(&c, ".file-picker", "Chọn tệp Excel").await?;
        wait_text(&c, &testid("roster-file-name"), "Chưa chọn tệp").await?;
        // The rules cover the final too.
        open(&c, &format!("{base}/the-le")).await?;
        wait_text(&c, &testid("final-parts"), "Tiểu phẩm").await?;
        wait_text(&c, &testid("final-prizes"), "giải Nhất").await?;
        Ok(())
    })
    .await
}
