//! The stage audit log as CSV, for organizers.

use super::{errors, files, guard};
use app::ssr::AppState;
use axum::{extract::State, response::Response};

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
    let me = match guard::require::<app::service::caller::Organizer>(&caller, "/ban-to-chuc/san-khau/nhat-ky")
    {
        Ok(me) => me,
        Err(response) => return response,
    };
    let rows = match app::service::stage::audit_log(&state, &me).await {
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
