use anyhow::{Result, ensure};
use fantoccini::Locator;
use hoithi_tests::{
    HEAD_JUDGE, JUDGE, ORGANIZER, TestApp,
    browser::{
        Browser, assert_no_horizontal_scroll, click, fill, find, open, screenshot, sign_in, testid,
        wait_hydrated, wait_path, wait_text,
    },
};

const PHONE: (u32, u32) = (360, 740);
const TABLET: (u32, u32) = (1024, 768);

async fn score_team(c: &fantoccini::Client, nth: usize, values: [&str; 3]) -> Result<()> {
    // The list loads after the page: wait for it before counting.
    find(c, "[data-testid='judge-part'] [data-testid='judge-team'] a").await?;
    let links = c
        .find_all(Locator::Css("[data-testid='judge-part']:first-of-type [data-testid='judge-team'] a"))
        .await?;
    ensure!(links.len() > nth, "only {} teams listed", links.len());
    links[nth].click().await?;
    wait_path(c, "/giam-khao/phieu/").await?;
    wait_hydrated(c).await?;
    for (i, v) in values.iter().enumerate() {
        fill(c, &testid(&format!("criterion-{i}")), v).await?;
    }
    screenshot(c, &format!("sheet-{nth}")).await?;
    // Submitting locks the sheet, so the button asks first.
    click(c, &testid("submit-sheet")).await?;
    wait_text(c, "[role='alertdialog']", "Sau khi nộp, phiếu bị khoá").await?;
    click(c, &testid("submit-sheet-yes")).await?;
    wait_text(c, &testid("sheet-locked"), "đã nộp").await?;
    let disabled = find(c, &testid("criterion-0")).await?.prop("disabled").await?;
    ensure!(disabled.as_deref() == Some("true"), "a submitted sheet cannot be edited");
    ensure!(
        c.find_all(Locator::Css("[data-testid='submit-sheet']")).await?.is_empty(),
        "no submit button on a locked sheet"
    );
    assert_no_horizontal_scroll(c).await?;
    Ok(())
}

#[tokio::test]
async fn a_judge_scores_two_teams_on_a_phone_and_the_head_judge_unlocks_one_with_a_reason() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let base = app.addr.clone();
    {
        let base = base.clone();
        Browser::run(PHONE.0, PHONE.1, |c| async move {
            sign_in(&c, &base, JUDGE, "/giam-khao").await?;
            assert_no_horizontal_scroll(&c).await?;
            score_team(&c, 0, ["8,5", "4", "4,75"]).await?;
            wait_text(&c, &testid("sheet-total"), "17,25").await?;
            open(&c, &format!("{base}/giam-khao")).await?;
            score_team(&c, 1, ["7", "3,5", "4"]).await?;
            open(&c, &format!("{base}/giam-khao")).await?;
            wait_text(&c, &testid("sheet-status"), "Đã nộp").await?;
            Ok(())
        })
        .await?;
    }
    {
        let base = base.clone();
        Browser::run(TABLET.0, TABLET.1, |c| async move {
            sign_in(&c, &base, HEAD_JUDGE, "/giam-khao").await?;
            click(&c, &testid("head-review")).await?;
            wait_path(&c, "/giam-khao/phan/").await?;
            wait_hydrated(&c).await?;
            find(&c, &testid("unlock-reason")).await?;
            fill(&c, &testid("unlock-reason"), "Giám khảo xin chấm lại tiêu chí Nội dung").await?;
            click(&c, &testid("unlock-sheet")).await?;
            wait_text(&c, &testid("form-ok"), "Đã cập nhật").await?;
            screenshot(&c, "head-judge-part").await?;
            Ok(())
        })
        .await?;
    }
    Browser::run(TABLET.0, TABLET.1, |c| async move {
        sign_in(&c, &base, ORGANIZER, "/ban-to-chuc").await?;
        open(&c, &format!("{base}/ban-to-chuc/san-khau/nhat-ky")).await?;
        wait_text(&c, &testid("audit-row"), "Giám khảo xin chấm lại tiêu chí Nội dung").await?;
        wait_text(&c, &testid("audit-row"), "Mở khóa phiếu").await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn the_organizers_part_page_follows_the_judges_sheets_without_a_reload() -> Result<()> {
    use serde_json::Value;
    let app = TestApp::with_demo().await?;
    let org = app.signed_in(ORGANIZER).await?;
    let overview = app.call(&org, "stage/overview", &[]).await?.json::<Value>().await?;
    let part = overview["parts"][0]["id"].as_i64().unwrap_or(0).to_string();
    let team = overview["teams"]
        .as_array()
        .and_then(|t| t.iter().find(|t| t["unit"] == "Sở Tư pháp"))
        .and_then(|t| t["id"].as_i64())
        .unwrap_or(0)
        .to_string();
    let judge = app.signed_in(JUDGE).await?;
    let base = app.addr.clone();
    Browser::run(TABLET.0, TABLET.1, |c| async move {
        sign_in(&c, &base, ORGANIZER, "/ban-to-chuc").await?;
        open(&c, &format!("{base}/ban-to-chuc/san-khau/phan/{part}")).await?;
        wait_hydrated(&c).await?;
        wait_text(&c, &testid("part-status"), " 0/").await?;
        // A judge at the stage submits a sheet from their own device.
        let form = [
            ("part_id", part.as_str()),
            ("team_id", team.as_str()),
            ("scores[0]", "8"),
            ("scores[1]", "4"),
            ("scores[2]", "4,5"),
            ("submit", "true"),
        ];
        let saved = app.call(&judge, "judge/sheet/save", &form).await?;
        ensure!(saved.status().is_success(), "the judge's sheet was refused: {}", saved.status());
        wait_text(&c, &testid("part-status"), " 1/").await?;
        wait_text(&c, &testid("result-row"), "16,5").await?;
        Ok(())
    })
    .await
}
