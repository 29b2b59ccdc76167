use anyhow::Result;
use hoithi_tests::{ORGANIZER, TestApp};
use reqwest::{StatusCode, multipart};
use sea_orm::{ConnectionTrait, Statement};

async fn count_users(app: &TestApp) -> Result<i64> {
    let db = app.db.connect().await?;
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), "SELECT COUNT(*) AS n FROM users"))
        .await?
        .expect("a count row");
    Ok(row.try_get::<i64>("", "n")?)
}

async fn upload(app: &TestApp, client: &reqwest::Client, name: &str, bytes: Vec<u8>) -> Result<String> {
    let form = multipart::Form::new().part("file", multipart::Part::bytes(bytes).file_name(name.to_owned()));
    let res = client.post(app.url("/ban-to-chuc/nhap-danh-sach/tai-len")).multipart(form).send().await?;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "upload should redirect back to the page");
    let page = client.get(app.url("/ban-to-chuc/nhap-danh-sach")).send().await?;
    assert_eq!(page.status(), StatusCode::OK);
    Ok(page.text().await?)
}

const BAD_CSV: &str = "Họ và tên,Đơn vị,Email hoặc số điện thoại,Mật khẩu\n\
Nguyễn Văn Tốt,Sở Nội vụ,tot@hoithi.test,\n\
Trần Thị Lạc,Sở Không Tồn Tại,lac@hoithi.test,\n\
Lê Văn Trùng,Sở Tư pháp,TOT@hoithi.test,\n\
,Sở Tài chính,trong@hoithi.test,\n";

#[tokio::test]
async fn a_csv_roster_with_bad_rows_is_rejected_whole_with_row_numbers() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let client = app.signed_in(ORGANIZER).await?;
    let before = count_users(&app).await?;
    let html = upload(&app, &client, "danh-sach.csv", BAD_CSV.as_bytes().to_vec()).await?;
    assert!(html.contains("Có 3 dòng lỗi"), "{html}");
    assert!(html.contains("Dòng 3") && html.contains("Sở Không Tồn Tại"), "unknown unit not reported");
    assert!(html.contains("Dòng 4") && html.contains("trùng với dòng 2"), "duplicate email not reported");
    assert!(
        html.contains("Dòng 5") && html.contains("Họ và tên không được để trống"),
        "empty name not reported"
    );
    assert_eq!(count_users(&app).await?, before, "nothing may be imported");
    Ok(())
}

#[tokio::test]
async fn a_good_csv_roster_imports_and_generates_missing_passwords() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let client = app.signed_in(ORGANIZER).await?;
    let before = count_users(&app).await?;
    let csv = "Họ và tên;Đơn vị;Email hoặc số điện thoại;Mật khẩu\n\
               Nguyễn Văn Một;so noi vu;mot@hoithi.test;MatKhau@Mot1\n\
               Trần Thị Hai;UBND huyện Vân Canh;0905 222 333;\n";
    let html = upload(&app, &client, "ds.csv", csv.as_bytes().to_vec()).await?;
    assert!(html.contains("Đã nhập 2 tài khoản"), "{html}");
    assert!(html.contains("0905222333"), "generated password table missing");
    assert_eq!(count_users(&app).await?, before + 2);
    assert!(app.signed_in(("mot@hoithi.test", "MatKhau@Mot1")).await.is_ok());
    // The result is shown once.
    let again = client.get(app.url("/ban-to-chuc/nhap-danh-sach")).send().await?.text().await?;
    assert!(!again.contains("Đã nhập 2 tài khoản"));
    Ok(())
}

fn xlsx(rows: &[[&str; 3]]) -> Result<Vec<u8>> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("Danh sách")?;
    for (c, h) in ["Họ và tên", "Đơn vị", "Email hoặc số điện thoại"].iter().enumerate() {
        sheet.write(0, c as u16, *h)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet.write(r as u32 + 1, c as u16, *v)?;
        }
    }
    Ok(book.save_to_buffer()?)
}

#[tokio::test]
async fn an_xlsx_roster_is_checked_row_by_row_then_imported_when_clean() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let client = app.signed_in(ORGANIZER).await?;
    let before = count_users(&app).await?;
    let bad = xlsx(&[
        ["Phạm Văn Ổn", "Sở Y tế", "on@hoithi.test"],
        ["", "Sở Y tế", "rong@hoithi.test"],
        ["Hồ Thị Lạ", "Sở Mặt Trăng", "la@hoithi.test"],
        ["Võ Văn Lặp", "Sở Y tế", "on@hoithi.test"],
    ])?;
    let html = upload(&app, &client, "ds.xlsx", bad).await?;
    assert!(html.contains("Trang tính “Danh sách”, dòng 3"), "{html}");
    assert!(html.contains("dòng 4") && html.contains("Sở Mặt Trăng"));
    assert!(html.contains("dòng 5"));
    assert_eq!(count_users(&app).await?, before);

    let good = xlsx(&[
        ["Phạm Văn Ổn", "Sở Y tế", "on@hoithi.test"],
        ["Hồ Thị Lành", "Sở Y tế", "lanh@hoithi.test"],
    ])?;
    let html = upload(&app, &client, "ds.xlsx", good).await?;
    assert!(html.contains("Đã nhập 2 tài khoản"), "{html}");
    assert_eq!(count_users(&app).await?, before + 2);
    Ok(())
}

#[tokio::test]
async fn the_roster_templates_download_for_organizers_only() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let anonymous = app.client().get(app.url("/ban-to-chuc/nhap-danh-sach/mau.xlsx")).send().await?;
    assert!(anonymous.status().is_redirection());
    let client = app.signed_in(ORGANIZER).await?;
    let xlsx = client.get(app.url("/ban-to-chuc/nhap-danh-sach/mau.xlsx")).send().await?;
    assert_eq!(xlsx.status(), StatusCode::OK);
    let bytes = xlsx.bytes().await?;
    use calamine::Reader;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec()))?;
    let range = book.worksheet_range("Danh sách")?;
    assert_eq!(range.get_value((0, 0)).map(|c| c.to_string()), Some("Họ và tên".into()));
    let csv = client.get(app.url("/ban-to-chuc/nhap-danh-sach/mau.csv")).send().await?.text().await?;
    assert!(csv.trim_start_matches('\u{feff}').starts_with("Họ và tên,Đơn vị"));
    Ok(())
}
