//! Roster upload (multipart form, works without JavaScript) and the template files.

use super::{errors, files, guard};
use app::{
    pages::organizer::{ROSTER_RESULT_KEY, RosterOutcome},
    ssr::AppState,
};
use axum::{
    extract::{Multipart, State},
    response::{IntoResponse, Redirect, Response},
};
use domain::Role;
use store::roster::{self, RosterError};
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
    caller: app::ssr::Identified,
    session: Session,
    mut form: Multipart,
) -> Response {
    let user = match guard::require(&caller, Role::Organizer, PAGE) {
        Ok(caller) => caller.user,
        Err(response) => return response,
    };
    let (name, bytes) = match files::read_upload(&mut form).await {
        Ok(file) => file,
        Err(response) => return response,
    };
    let outcome = match roster::import(&state.db, &name, &bytes).await {
        Ok(done) => {
            tracing::info!(by = user.id, created = done.created, "roster upload imported");
            RosterOutcome::Imported {
                file: name,
                created: done.created,
                generated: done.generated.into_iter().map(|g| (g.full_name, g.login, g.password)).collect(),
            }
        }
        Err(RosterError::Store(e)) => {
            return errors::internal("roster import failed", &e);
        }
        Err(e) => {
            tracing::info!(by = user.id, error = %e, "roster upload rejected");
            let problems = match &e {
                RosterError::Rows(rows) => {
                    rows.iter().map(|p| (p.location.clone(), p.message.clone())).collect()
                }
                _ => Vec::new(),
            };
            RosterOutcome::Rejected { file: name, message: e.to_string(), problems }
        }
    };
    if let Err(e) = session.insert(ROSTER_RESULT_KEY, outcome).await {
        return errors::internal("saving the upload outcome in the session failed", &e);
    }
    Redirect::to(PAGE).into_response()
}

/// The roster template as .xlsx.
pub async fn template_xlsx(caller: app::ssr::Identified) -> Response {
    if let Err(response) = guard::require(&caller, Role::Organizer, PAGE) {
        return response;
    }
    let sheet =
        files::Sheet { name: "Danh sách", header: &HEADER, rows: example_rows(), widths: &[32.0; 4] };
    files::download(files::xlsx(&[sheet]), "mau-danh-sach.xlsx")
}

/// The roster template as UTF-8 CSV.
pub async fn template_csv(caller: app::ssr::Identified) -> Response {
    if let Err(response) = guard::require(&caller, Role::Organizer, PAGE) {
        return response;
    }
    files::download(files::csv(&HEADER, &example_rows()), "mau-danh-sach.csv")
}

fn example_rows() -> Vec<Vec<String>> {
    EXAMPLE.iter().map(|row| row.iter().map(|c| (*c).to_owned()).collect()).collect()
}
