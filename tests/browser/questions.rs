use anyhow::{Result, ensure};
use fantoccini::Locator;
use hoithi_tests::{
    ORGANIZER, TestApp,
    browser::{Browser, click_link, fill, find, open, sign_in, testid, wait_path, wait_text},
};

#[tokio::test]
async fn organizer_finds_a_question_without_accents_edits_it_and_sees_the_edit_in_the_list() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let base = app.addr.clone();
    Browser::run(1280, 900, |c| async move {
        sign_in(&c, &base, ORGANIZER, "/ban-to-chuc").await?;
        open(&c, &format!("{base}/ban-to-chuc/cau-hoi")).await?;
        fill(&c, &testid("question-search"), "kiem soat thu tuc hanh chinh").await?;
        find(&c, &testid("question-filter-submit")).await?.click().await?;
        wait_path(&c, "/ban-to-chuc/cau-hoi").await?;
        wait_text(&c, &testid("question-text"), "kiểm soát thủ tục hành chính").await?;

        let first = find(&c, &testid("question-text")).await?;
        first.click().await?;
        wait_path(&c, "/ban-to-chuc/cau-hoi/").await?;
        find(&c, &testid("question-preview")).await?;
        let edited =
            "Theo Nghị định số 63/2010/NĐ-CP, kiểm soát thủ tục hành chính là hoạt động gì (bản sửa XK17)?";
        fill(&c, &testid("edit-text"), edited).await?;
        find(&c, &testid("save-question")).await?.click().await?;
        // Hydrated, the page updates in place; before hydration the form posts and reloads. Either
        // way the preview shows the new version.
        wait_text(&c, &testid("question-preview"), "(bản sửa XK17)").await?;

        click_link(&c, "‹ Danh sách câu hỏi").await?;
        wait_path(&c, "/ban-to-chuc/cau-hoi").await?;
        fill(&c, &testid("question-search"), "ban sua xk17").await?;
        find(&c, &testid("question-filter-submit")).await?.click().await?;
        wait_text(&c, &testid("question-text"), edited).await?;
        let rows = c.find_all(Locator::Css("[data-testid='question-row']")).await?;
        ensure!(rows.len() == 1, "expected the edited question alone, saw {} rows", rows.len());
        Ok(())
    })
    .await
}
