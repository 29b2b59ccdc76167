//! Plain axum routes beside the Leptos pages: health, file uploads and downloads.

mod attempt_form;
mod audience;
mod audit;
pub mod errors;
pub(crate) mod files;
mod guard;
mod health;
mod live;
mod questions;
mod results;
mod roster;

use app::ssr::AppState;
use axum::{
    Router,
    extract::DefaultBodyLimit,
    http::Method,
    routing::{MethodRouter, get, post},
};

/// Uploads larger than this are refused before they are read.
const UPLOAD_LIMIT: usize = 10 * 1024 * 1024;

/// Every plain route: method, path and handler. The router and `hoithi routes` both read it, so
/// the list the abuse tests walk is the list that is served.
fn table() -> Vec<(Method, &'static str, MethodRouter<AppState>)> {
    let upload = DefaultBodyLimit::max(UPLOAD_LIMIT);
    vec![
        (Method::GET, "/healthz", get(health::healthz)),
        (Method::GET, "/readyz", get(crate::observe::readyz)),
        (Method::GET, "/metrics", get(crate::observe::metrics)),
        (Method::POST, "/ban-to-chuc/nhap-danh-sach/tai-len", post(roster::upload).layer(upload)),
        (Method::GET, "/ban-to-chuc/nhap-danh-sach/mau.xlsx", get(roster::template_xlsx)),
        (Method::GET, "/ban-to-chuc/nhap-danh-sach/mau.csv", get(roster::template_csv)),
        (Method::POST, "/thi-sinh/bai-thi/{id}", post(attempt_form::post)),
        (Method::GET, "/ban-to-chuc/san-khau/nhat-ky.csv", get(audit::csv)),
        (Method::GET, "/ban-to-chuc/ket-qua/vong/{file}", get(results::round_file)),
        (Method::GET, "/ban-to-chuc/ket-qua/{file}", get(results::stage_file)),
        (Method::GET, "/su-kien/ket-qua", get(results::events)),
        (Method::GET, "/su-kien/truc-tiep/{which}", get(live::events)),
        (Method::GET, "/su-kien/san-khau", get(live::stage_events)),
        (Method::GET, "/su-kien/khan-gia/dien-thoai", get(audience::phone_events)),
        (Method::GET, "/binh-chon/qr.svg", get(audience::qr)),
        (Method::POST, "/ban-to-chuc/cau-hoi/nhap", post(questions::upload).layer(upload)),
        (Method::GET, "/ban-to-chuc/cau-hoi/xuat.xlsx", get(questions::export)),
        (Method::GET, "/ban-to-chuc/cau-hoi/mau.xlsx", get(questions::template_xlsx)),
        (Method::GET, "/ban-to-chuc/cau-hoi/mau.csv", get(questions::template_csv)),
    ]
}

pub fn router() -> Router<AppState> {
    table().into_iter().fold(Router::new(), |router, (_, path, handler)| router.route(path, handler))
}

/// Method and path of every plain route.
pub fn list() -> Vec<(Method, &'static str)> {
    table().into_iter().map(|(method, path, _)| (method, path)).collect()
}
