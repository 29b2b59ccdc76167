//! Role checks for plain axum routes (server functions use `app::ssr::require`).

use super::errors;
use app::ssr::{AppState, USER_ID_KEY};
use axum::{
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use domain::Role;
use store::entity::user;
use tower_sessions::Session;

/// The signed-in user if their role is `role`; otherwise a redirect to sign in or a 403 page.
pub async fn require(
    state: &AppState,
    session: &Session,
    role: Role,
    back: &str,
) -> Result<user::Model, Response> {
    let id =
        session.get::<i32>(USER_ID_KEY).await.map_err(|e| errors::internal("session load failed", &e))?;
    let found = match id {
        Some(id) => store::accounts::find_by_id(&state.db, id)
            .await
            .map_err(|e| errors::internal("user lookup failed", &e))?,
        None => None,
    };
    match found.filter(|u| !u.disabled) {
        None => Err(Redirect::to(&format!("/dang-nhap?next={back}")).into_response()),
        Some(u) if u.role == role.as_str() => Ok(u),
        Some(u) => {
            tracing::warn!(user_id = u.id, "forbidden");
            Err(errors::page(StatusCode::FORBIDDEN, "Bạn không có quyền truy cập chức năng này."))
        }
    }
}
