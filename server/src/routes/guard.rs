//! The role check of plain axum routes: the caller the middleware resolved, made into the typed
//! caller a use case takes, by the same check server functions use.

use super::errors;
use app::{
    error::AppError,
    service::caller::{Identified, TypedCaller},
};
use axum::{
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};

/// The caller as `T`; otherwise a redirect to sign in (back to `back`) or a 403 page.
// The error is the response itself, returned by the handler at once.
#[allow(clippy::result_large_err)]
pub fn require<T: TypedCaller>(caller: &Identified, back: &str) -> Result<T, Response> {
    T::authorize(caller.0.as_ref()).map_err(|e| match e {
        AppError::Unauthorized => Redirect::to(&format!("/dang-nhap?next={back}")).into_response(),
        e => errors::page(StatusCode::FORBIDDEN, &e.to_string()),
    })
}
