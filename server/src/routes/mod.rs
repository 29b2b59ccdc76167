//! Plain axum routes beside the Leptos pages: health, file uploads and downloads.

mod audit;
pub mod errors;
mod files;
mod guard;
mod health;
mod live;
mod questions;
mod quiz;
mod results;
mod roster;

use app::ssr::AppState;
use axum::{
    Router,
    extract::DefaultBodyLimit,
    routing::{get, post},
};

/// Uploads larger than this are refused before they are read.
const UPLOAD_LIMIT: usize = 10 * 1024 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(health::healthz))
        .route(
            "/ban-to-chuc/nhap-danh-sach/tai-len",
            post(roster::upload).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)),
        )
        .route("/ban-to-chuc/nhap-danh-sach/mau.xlsx", get(roster::template_xlsx))
        .route("/ban-to-chuc/nhap-danh-sach/mau.csv", get(roster::template_csv))
        .route("/thi-sinh/bai-thi/{id}", post(quiz::post))
        .route("/ban-to-chuc/san-khau/nhat-ky.csv", get(audit::csv))
        .route("/ban-to-chuc/ket-qua/vong/{file}", get(results::round_file))
        .route("/ban-to-chuc/ket-qua/{file}", get(results::stage_file))
        .route("/su-kien/ket-qua", get(results::events))
        .route("/su-kien/truc-tiep/{which}", get(live::events))
        .route("/su-kien/san-khau", get(live::stage_events))
        .route(
            "/ban-to-chuc/cau-hoi/nhap",
            post(questions::upload).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)),
        )
        .route("/ban-to-chuc/cau-hoi/xuat.xlsx", get(questions::export))
        .route("/ban-to-chuc/cau-hoi/mau.xlsx", get(questions::template_xlsx))
        .route("/ban-to-chuc/cau-hoi/mau.csv", get(questions::template_csv))
}
