//! Responses for failures outside the Leptos pages.

use axum::{
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use std::any::Any;

/// A short Vietnamese page, for errors of plain routes.
pub fn page(status: StatusCode, message: &str) -> Response {
    let body = format!(
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" \
         content=\"width=device-width, initial-scale=1\"><title>Hội thi CCHC</title>\
         <link rel=\"stylesheet\" href=\"{}\"></head><body><main class=\"content\">\
         <section class=\"panel panel-error\"><h1>{}</h1><p><a class=\"btn\" href=\"/\">Về trang chủ</a></p>\
         </section></main></body></html>",
        crate::assets::css_href(),
        escape(message)
    );
    (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

/// A server function's error body, `{"code": ..., "message": ...}`, for refusals made before a
/// server function runs.
pub fn json(status: StatusCode, err: &app::error::AppError) -> Response {
    let body = serde_json::to_string(err).unwrap_or_else(|_| "{}".to_owned());
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// What a user is told of a failure they cannot fix.
pub const SYSTEM_PROBLEM: &str = "Hệ thống đang gặp sự cố, vui lòng thử lại sau ít phút.";

/// A failure the user cannot fix: `what` failed and the cause go to the log, the user sees a
/// Vietnamese message and nothing of the internals.
pub fn internal(what: &str, cause: &dyn std::fmt::Display) -> Response {
    tracing::error!(error = %cause, "{what}");
    page(StatusCode::INTERNAL_SERVER_ERROR, SYSTEM_PROBLEM)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// What a user sees if a handler panics: a Vietnamese error page, never a stack trace.
pub fn panic_response(err: Box<dyn Any + Send + 'static>) -> Response {
    let detail = err
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| err.downcast_ref::<&str>().copied())
        .unwrap_or("unknown panic");
    tracing::error!(panic = detail, "request handler panicked");
    page(StatusCode::INTERNAL_SERVER_ERROR, SYSTEM_PROBLEM)
}
