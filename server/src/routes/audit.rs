//! The stage audit log as CSV, for organizers.

use super::{errors, files, guard};
use app::ssr::AppState;
use axum::{extract::State, response::Response};
use domain::Role;

const HEADER: [&str; 10] = [
    "Thời điểm",
    "Người thực hiện",
    "Phần thi",
    "Đội",
    "Giám khảo",
    "Thao tác",
    "Tiêu chí",
    "Giá trị cũ",
    "Giá trị mới",
    "Lý do",
];

pub async fn csv(State(state): State<AppState>, caller: app::ssr::Identified) -> Response {
    if let Err(response) = guard::require(&caller, Role::Organizer, "/ban-to-chuc/san-khau/nhat-ky") {
        return response;
    }
    let rows = match app::pages::stage::api::audit_rows(&state.db).await {
        Ok(rows) => rows,
        Err(e) => return errors::internal("building a download failed", &e),
    };
    let rows: Vec<Vec<String>> = rows
        .into_iter()
        .map(|r| {
            vec![
                domain::time::format_datetime(r.at_ms),
                r.by,
                r.part,
                r.team,
                r.judge,
                r.action,
                r.field,
                r.old,
                r.new,
                r.reason,
            ]
        })
        .collect();
    files::download(files::csv(&HEADER, &rows), "nhat-ky-diem.csv")
}
