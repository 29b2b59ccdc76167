//! The audience's plain routes: the QR code of the phone page for the projector, and the change
//! events phones follow.

use app::ssr::AppState;
use axum::{
    extract::State,
    http::{HeaderMap, StatusCode, header},
    response::{
        IntoResponse, Response,
        sse::{Event, Sse},
    },
};
use futures_util::stream::Stream;
use std::convert::Infallible;

/// `/binh-chon/qr.svg`: the phone page's address as a QR code, for the host the projector uses.
pub async fn qr(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| h.len() <= 255 && h.bytes().all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b)))
        .unwrap_or("127.0.0.1");
    let https =
        headers.get("x-forwarded-proto").is_some_and(|p| p.as_bytes() == b"https") && state.behind_proxy;
    let url =
        format!("{}://{host}{}", if https { "https" } else { "http" }, app::pages::audience::PHONE_PATH);
    match qrcode::QrCode::with_error_correction_level(url.as_bytes(), qrcode::EcLevel::M) {
        Ok(code) => {
            let svg =
                code.render::<qrcode::render::svg::Color>().min_dimensions(400, 400).quiet_zone(true).build();
            ([(header::CONTENT_TYPE, "image/svg+xml"), (header::CACHE_CONTROL, "no-cache")], svg)
                .into_response()
        }
        Err(e) => {
            tracing::warn!(error = %e, "QR code of the phone page failed");
            StatusCode::UNPROCESSABLE_ENTITY.into_response()
        }
    }
}

/// `/su-kien/khan-gia/dien-thoai`: the vote opened or closed, an audience question opened.
pub async fn phone_events(
    State(state): State<AppState>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    super::live::topic_events(&state, Some(app::wire::audience::AUDIENCE_TOPIC.to_owned()))
}
