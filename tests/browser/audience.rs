//! The audience favourite in the hall: the organizer opens the vote, two phones vote, the
//! projector's bars follow without a reload, the organizer closes the vote.

use anyhow::{Context, Result, ensure};
use hoithi_tests::{
    ORGANIZER, TestApp,
    browser::{
        Browser, assert_no_horizontal_scroll, click, fill, find, open, screenshot, sign_in, testid, wait_text,
    },
};
use sea_orm::{ConnectionTrait, Statement};

/// A phone (390×844) votes for the team of its `nth` option.
async fn phone_votes(base: &str, nth: usize, shot: &'static str) -> Result<()> {
    let base = base.to_owned();
    Browser::run(390, 844, move |c| async move {
        open(&c, &format!("{base}/binh-chon")).await?;
        find(&c, &testid("vote-submit")).await?;
        assert_no_horizontal_scroll(&c).await?;
        if nth == 1 {
            screenshot(&c, "audience-phone-before").await?;
        }
        if nth == 1 {
            screenshot(&c, "audience-phone-before").await?;
        }
        click(&c, &format!(".vote-team:nth-of-type({nth})")).await?;
        click(&c, &testid("vote-submit")).await?;
        wait_text(&c, &testid("my-vote"), "Bạn đã bình chọn cho").await?;
        wait_text(&c, &testid("my-code"), "").await?;
        screenshot(&c, shot).await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn the_hall_votes_on_phones_and_the_projector_bars_follow_until_the_vote_closes() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let base = app.addr.clone();
    let organizer = Browser::start(1280, 800).await?;
    let projector = Browser::start(1920, 1080).await?;
    let outcome = async {
        let (o, p) = (organizer.client.clone(), projector.client.clone());
        sign_in(&o, &base, ORGANIZER, "/ban-to-chuc").await?;
        open(&o, &format!("{base}/ban-to-chuc/khan-gia")).await?;
        click(&o, &testid("vote-open")).await?;
        wait_text(&o, &testid("vote-status"), "Đang mở bình chọn").await?;
        screenshot(&o, "audience-desk").await?;

        open(&p, &format!("{base}/may-chieu/binh-chon")).await?;
        wait_text(&p, &testid("vote-state"), "Đang mở bình chọn").await?;
        wait_text(&p, &testid("vote-address"), "/binh-chon").await?;
        let qr = p
            .execute("const i = document.querySelector('.vote-qr'); return i.complete && i.naturalWidth > 0;", vec![])
            .await?;
        ensure!(qr.as_bool() == Some(true), "the QR code image loads");
        wait_text(&p, &testid("vote-total"), "0").await?;

        phone_votes(&base, 1, "audience-phone").await?;
        wait_text(&p, &testid("vote-total"), "1").await?;
        phone_votes(&base, 2, "audience-phone-2").await?;
        wait_text(&p, &testid("vote-total"), "2").await?;
        // Two teams have a bar with one vote each.
        let counts = p
            .execute(
                "return [...document.querySelectorAll('[data-testid=vote-count]')].map(e => e.textContent).filter(t => t === '1').length;",
                vec![],
            )
            .await?;
        ensure!(counts.as_u64() == Some(2), "two bars at one vote: {counts}");
        screenshot(&p, "audience-projector").await?;

        click(&o, &testid("vote-close")).await?;
        wait_text(&o, &testid("vote-status"), "Đã đóng bình chọn").await?;
        wait_text(&p, &testid("vote-state"), "Đã đóng bình chọn").await?;
        // A phone arriving now cannot vote any more.
        let base2 = base.clone();
        Browser::run(390, 844, move |c| async move {
            open(&c, &format!("{base2}/binh-chon")).await?;
            wait_text(&c, &testid("vote-closed"), "đã kết thúc").await?;
            Ok(())
        })
        .await?;

        // An audience question: the organizer adds and opens it, a phone answers on the page.
        let db = app.db.connect().await?;
        let code: String = db
            .query_one_raw(Statement::from_string(
                db.get_database_backend(),
                "SELECT q.code FROM questions q JOIN question_versions v ON v.id = q.current_version_id \
                 WHERE v.correct NOT LIKE '%,%' ORDER BY q.code"
                    .to_owned(),
            ))
            .await?
            .context("a one-answer question")?
            .try_get_by_index(0)?;
        fill(&o, &testid("aq-code"), &code).await?;
        fill(&o, &testid("aq-seconds"), "60").await?;
        click(&o, &testid("aq-add")).await?;
        wait_text(&o, &testid("aq-state"), "chưa mở").await?;
        click(&o, &testid("aq-open")).await?;
        click(&o, &testid("aq-open-yes")).await?;
        wait_text(&o, &testid("aq-state"), "đang mở").await?;
        let base3 = base.clone();
        Browser::run(390, 844, move |c| async move {
            open(&c, &format!("{base3}/binh-chon")).await?;
            find(&c, &testid("audience-question")).await?;
            click(&c, &testid("audience-answer-0")).await?;
            wait_text(&c, &testid("audience-verdict"), "Bạn đã chọn A").await?;
            wait_text(&c, &testid("my-code"), "").await?;
            assert_no_horizontal_scroll(&c).await?;
            screenshot(&c, "audience-question-phone").await?;
            Ok(())
        })
        .await?;
        screenshot(&o, "audience-desk-question").await?;
        Ok::<_, anyhow::Error>(())
    }
    .await;
    let _ = organizer.client.clone().close().await;
    let _ = projector.client.clone().close().await;
    outcome
}
