use anyhow::{Result, ensure};
use fantoccini::Locator;
use hoithi_tests::{
    CONTESTANT, HEAD_JUDGE, ORGANIZER, SECRETARY, TestApp,
    browser::{
        Browser, assert_no_horizontal_scroll, click_link, fill, find, open, sign_in, testid, wait_path,
        wait_text,
    },
};

/// A phone: the narrowest screen HoiThi supports.
const PHONE: (u32, u32) = (360, 740);
const LAPTOP: (u32, u32) = (1280, 800);

#[tokio::test]
async fn organizer_signs_in_filters_units_sees_accounts_and_signs_out() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let base = app.addr.clone();
    Browser::run(LAPTOP.0, LAPTOP.1, |c| async move {
        open(&c, &base).await?;
        click_link(&c, "Đăng nhập").await?;
        wait_path(&c, "/dang-nhap").await?;
        sign_in(&c, &base, ORGANIZER, "/ban-to-chuc").await?;
        wait_text(&c, &testid("current-user"), "Trần Minh Quang").await?;

        click_link(&c, "Đơn vị").await?;
        wait_path(&c, "/ban-to-chuc/don-vi").await?;
        find(&c, &testid("unit-row")).await?;
        let all = c.find_all(Locator::Css("[data-testid='unit-row']:not(.hidden)")).await?.len();
        ensure!(all == 33, "expected 33 units, saw {all}");
        // The quick filter is a hydrated control: typing without accents narrows the table.
        fill(&c, &testid("unit-filter"), "tu phap").await?;
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        loop {
            let visible = c.find_all(Locator::Css("[data-testid='unit-row']:not(.hidden)")).await?;
            if visible.len() == 1 {
                ensure!(visible[0].text().await?.contains("Sở Tư pháp"));
                break;
            }
            ensure!(std::time::Instant::now() < deadline, "filter left {} rows", visible.len());
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }

        click_link(&c, "Tài khoản").await?;
        wait_path(&c, "/ban-to-chuc/tai-khoan").await?;
        wait_text(&c, &testid("account-summary"), "tài khoản").await?;

        find(&c, &testid("logout")).await?.click().await?;
        wait_path(&c, "/").await?;
        wait_text(&c, ".topbar a[href='/dang-nhap']", "Đăng nhập").await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_new_contestant_registers_on_a_phone_and_lands_on_their_page() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let base = app.addr.clone();
    Browser::run(PHONE.0, PHONE.1, |c| async move {
        open(&c, &format!("{base}/dang-ky")).await?;
        assert_no_horizontal_scroll(&c).await?;
        fill(&c, &testid("name-input"), "Nguyễn Thị Hoa").await?;
        let select = find(&c, &testid("unit-select")).await?;
        select.select_by_label("UBND huyện Phù Cát").await?;
        fill(&c, &testid("contact-input"), "hoa.nguyen@hoithi.test").await?;
        fill(&c, &testid("password-input"), "MatKhau@2017").await?;
        fill(&c, &testid("confirm-input"), "MatKhau@2016").await?;
        // Hydrated check: the mismatch shows before submitting.
        find(&c, &testid("mismatch")).await?;
        fill(&c, &testid("confirm-input"), "MatKhau@2017").await?;
        find(&c, &testid("register-submit")).await?.click().await?;
        wait_path(&c, "/thi-sinh").await?;
        wait_text(&c, &testid("dashboard-contestant"), "UBND huyện Phù Cát").await?;
        assert_no_horizontal_scroll(&c).await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn judge_secretary_and_contestant_each_reach_their_own_page_only() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let base = app.addr.clone();
    for (who, home, testid_name) in [
        (HEAD_JUDGE, "/giam-khao", "dashboard-judge"),
        (SECRETARY, "/thu-ky", "dashboard-secretary"),
        (CONTESTANT, "/thi-sinh", "dashboard-contestant"),
    ] {
        let base = base.clone();
        Browser::run(PHONE.0, PHONE.1, |c| async move {
            sign_in(&c, &base, who, home).await?;
            find(&c, &testid(testid_name)).await?;
            assert_no_horizontal_scroll(&c).await?;
            // The hydrated "show password" toggle is exercised on the sign-in page by sign_in;
            // here, another role's page is refused.
            open(&c, &format!("{base}/ban-to-chuc")).await?;
            wait_text(&c, &testid("error-panel"), "không có quyền").await?;
            Ok(())
        })
        .await?;
    }
    Ok(())
}

#[tokio::test]
async fn the_show_password_toggle_works_once_hydrated() -> Result<()> {
    let app = TestApp::spawn().await?;
    let base = app.addr.clone();
    Browser::run(PHONE.0, PHONE.1, |c| async move {
        open(&c, &format!("{base}/dang-nhap")).await?;
        let input = find(&c, &testid("password-input")).await?;
        ensure!(input.attr("type").await?.as_deref() == Some("password"));
        find(&c, &testid("show-password")).await?.click().await?;
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while input.attr("type").await?.as_deref() != Some("text") {
            ensure!(std::time::Instant::now() < deadline, "toggle did nothing");
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        Ok(())
    })
    .await
}
