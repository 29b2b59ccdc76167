//! Roster upload (multipart form, works without JavaScript) and the template files.

use super::{errors, files, guard};
use app::{
    service::{
        caller::{Identified, Organizer},
        roster,
    },
    ssr::AppState,
};
use axum::{
    extract::{Multipart, State},
    response::{IntoResponse, Redirect, Response},
};
use tower_sessions::Session;

const PAGE: &str = "/ban-to-chuc/nhap-danh-sach";
const HEADER: [&str; 4] = ["Họ và tên", "Đơn vị", "Email hoặc số điện thoại", "Mật khẩu"];
const EXAMPLE: [[&str; 4]; 2] = [
    ["Nguyễn Văn An", "Sở Nội vụ", "an.nguyen@example.vn", ""],
    ["Trần Thị Bình", "UBND thành phố Quy Nhơn", "0905123456", "MatKhau@2017"],
];

/// Imports the uploaded roster, leaves the outcome in the session and goes back to the page.
pub async fn upload(
    State(state): State<AppState>,
    caller: Identified,
    session: Session,
    mut form: Multipart,
) -> Response {
    let me = match guard::require::<Organizer>(&caller, PAGE) {
        Ok(me) => me,
        Err(response) => return response,
    };
    let (name, bytes) = match files::read_upload(&mut form).await {
        Ok(file) => file,
        Err(response) => return response,
    };
    match roster::import(&state, &me, &session, name, &bytes).await {
        Ok(()) => Redirect::to(PAGE).into_response(),
        Err(e) => errors::internal("roster import failed", &e),
    }
}

/// The roster template as .xlsx.
pub async fn template_xlsx(caller: Identified) -> Response {
    if let Err(response) = guard::require::<Organizer>(&caller, PAGE) {
        return response;
    }
    let sheet =
        files::Sheet { name: "Danh sách", header: &HEADER, rows: example_rows(), widths: &[32.0; 4] };
    files::download(files::xlsx(&[sheet]), "mau-danh-sach.xlsx")
}

/// The roster template as UTF-8 CSV.
pub async fn template_csv(caller: Identified) -> Response {
    if let Err(response) = guard::require::<Organizer>(&caller, PAGE) {
        return response;
    }
    files::download(files::csv(&HEADER, &example_rows()), "mau-danh-sach.csv")
}

fn example_rows() -> Vec<Vec<String>> {
    EXAMPLE.iter().map(|row| row.iter().map(|c| (*c).to_owned()).collect()).collect()
}
