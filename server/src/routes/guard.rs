//! The role check of plain axum routes: the caller the middleware resolved, checked by the same
//! function as server functions use.

use super::errors;
use app::ssr::{Caller, Identified, authorize};
use axum::{
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use domain::Role;

/// The caller if their role is `role`; otherwise a redirect to sign in or a 403 page.
// The error is the response itself, returned by the handler at once.
#[allow(clippy::result_large_err)]
pub fn require(caller: &Identified, role: Role, back: &str) -> Result<Caller, Response> {
    authorize(caller.0.as_ref(), &[role]).map_err(|e| match e {
        app::error::AppError::Unauthorized => {
            Redirect::to(&format!("/dang-nhap?next={back}")).into_response()
        }
        e => errors::page(StatusCode::FORBIDDEN, &e.to_string()),
    })
}
