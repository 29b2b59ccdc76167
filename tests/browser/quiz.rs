use anyhow::{Result, ensure};
use hoithi_tests::{
    CONTESTANT, TestApp,
    browser::{
        Browser, assert_no_horizontal_scroll, click, find, open, screenshot, sign_in, testid, wait_hydrated,
        wait_path, wait_text,
    },
};

async fn remaining_ms(c: &fantoccini::Client) -> Result<i64> {
    let el = find(c, &testid("time-left")).await?;
    Ok(el.attr("data-remaining-ms").await?.unwrap_or_default().parse()?)
}

async fn is_checked(c: &fantoccini::Client, id: &str) -> Result<bool> {
    let value = c
        .execute(&format!("return document.querySelector(\"[data-testid='{id}']\").checked;"), vec![])
        .await?;
    Ok(value.as_bool().unwrap_or(false))
}

#[tokio::test]
async fn a_contestant_answers_reloads_finds_answers_and_timer_then_submits_and_sees_the_score() -> Result<()>
{
    let app = TestApp::with_demo().await?;
    let base = app.addr.clone();
    Browser::run(360, 740, |c| async move {
        sign_in(&c, &base, CONTESTANT, "/thi-sinh").await?;
        find(&c, &testid("start-attempt")).await?.click().await?;
        wait_path(&c, "/thi-sinh/bai-thi/").await?;
        wait_hydrated(&c).await?;
        assert_no_horizontal_scroll(&c).await?;
        let url = c.current_url().await?;

        click(&c, &testid("option-1-0")).await?;
        wait_text(&c, &testid("save-status-1"), "Đã lưu lúc").await?;
        click(&c, &testid("option-2-1")).await?;
        wait_text(&c, &testid("save-status-2"), "Đã lưu lúc").await?;
        wait_text(&c, &testid("answered"), "Đã trả lời 2/20").await?;
        screenshot(&c, "quiz-phone").await?;
        let before = remaining_ms(&c).await?;
        ensure!(
            before > 14 * 60_000 && before <= 15 * 60_000,
            "the clock starts near 15 minutes, not {before}"
        );

        tokio::time::sleep(std::time::Duration::from_secs(2)).await;
        open(&c, url.as_str()).await?;
        ensure!(is_checked(&c, "option-1-0").await?, "answer 1 lost on reload");
        ensure!(is_checked(&c, "option-2-1").await?, "answer 2 lost on reload");
        wait_text(&c, &testid("answered"), "Đã trả lời 2/20").await?;
        let after = remaining_ms(&c).await?;
        ensure!(
            after < before && after > before - 15_000,
            "the clock kept running on the server: {before} -> {after}"
        );

        click(&c, &testid("submit-attempt")).await?;
        click(&c, &testid("confirm-submit")).await?;
        wait_path(&c, "/thi-sinh/ket-qua/").await?;
        wait_text(&c, &testid("score"), "/20").await?;
        // The demo round shows the review right after submitting.
        wait_text(&c, &testid("review"), "Căn cứ").await?;
        screenshot(&c, "result-phone").await?;
        assert_no_horizontal_scroll(&c).await?;
        Ok(())
    })
    .await
}
