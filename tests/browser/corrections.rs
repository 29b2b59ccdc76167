//! The correction journey: an organizer accepts a second answer after attempts are in, previews
//! who moves, confirms, and the board announces it; the contestant's review on a phone shows it.

use anyhow::{Result, ensure};
use hoithi_tests::{
    ORGANIZER, TestApp,
    browser::{
        Browser, assert_no_horizontal_scroll, click, fill, find, open, screenshot, sign_in, testid,
        wait_hydrated, wait_path, wait_text,
    },
    papers::{bank_letter, code_of, sit, wrong_choice},
    rounds::create_round,
};

#[tokio::test]
async fn organizer_previews_and_applies_a_correction_and_the_contestant_sees_it_on_a_phone() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let org = app.signed_in(ORGANIZER).await?;
    let round = create_round(&app, &org, 3_600_000, "1", "after_submit").await?;
    let sat = sit(&app, round, 1, true).await?;
    sit(&app, round, 2, false).await?;
    let attempt = sat.attempt;
    let missed = sat.missed.as_ref().expect("a missed question");
    let code = code_of(&app.db, missed.version).await?;
    let chosen = bank_letter(&app.db, attempt, missed.position, wrong_choice(missed)).await?.to_string();
    let base = app.addr.clone();

    Browser::run(1280, 900, |c| {
        let (base, code, chosen) = (base.clone(), code.clone(), chosen.clone());
        async move {
            sign_in(&c, &base, ORGANIZER, "/ban-to-chuc").await?;
            open(&c, &format!("{base}/ban-to-chuc/cau-hoi/{code}")).await?;
            wait_hydrated(&c).await?;
            click(&c, &testid("correct-link")).await?;
            wait_path(&c, &format!("/ban-to-chuc/cau-hoi/{code}/cham-lai")).await?;
            find(&c, &testid("correction-form")).await?;
            wait_hydrated(&c).await?;
            click(&c, &testid("action-accept")).await?;
            fill(&c, &testid("correction-letters"), &chosen).await?;
            fill(&c, &testid("correction-reason"), "Phương án này cũng đúng theo văn bản hiện hành").await?;
            click(&c, &testid("correction-preview")).await?;
            wait_text(&c, &testid("correction-changes"), "19/20").await?;
            wait_text(&c, &testid("correction-changes"), "20/20").await?;
            screenshot(&c, "correction-preview").await?;
            // Applying asks first; the first press changes nothing.
            click(&c, &testid("correction-apply")).await?;
            click(&c, &testid("correction-apply-yes")).await?;
            wait_text(&c, &testid("correction-applied"), "Đã chấm lại").await?;
            wait_text(&c, &testid("correction-history"), "Phương án này cũng đúng").await?;

            open(&c, &format!("{base}/ket-qua/vong/{round}")).await?;
            wait_text(&c, &testid("correction-notice"), "Phương án này cũng đúng theo văn bản hiện hành")
                .await?;
            wait_text(&c, &testid("correction-change"), "20/20").await?;
            Ok(())
        }
    })
    .await?;

    Browser::run(390, 844, |c| {
        let base = base.clone();
        async move {
            sign_in(&c, &base, ("thisinh001@hoithi.test", "ThiSinh@2017"), "/thi-sinh").await?;
            open(&c, &format!("{base}/thi-sinh/ket-qua/{attempt}")).await?;
            wait_text(&c, &testid("review-correction"), "Phương án này cũng đúng theo văn bản hiện hành")
                .await?;
            let notes = c.find_all(fantoccini::Locator::Css("[data-testid='review-correction']")).await?;
            ensure!(notes.len() == 1, "one corrected question, saw {} notes", notes.len());
            assert_no_horizontal_scroll(&c).await?;
            screenshot(&c, "correction-review-phone").await?;
            Ok(())
        }
    })
    .await
}
