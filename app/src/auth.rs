//! Signing in and out, registering, and who the current user is.

use crate::error::AppError;
pub use crate::wire::auth::*;
use leptos::prelude::*;

/// Who is signed in (None when nobody is).
#[server(endpoint = "current-user")]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    crate::ssr::current_user().await
}

/// Signs in with a login (email, phone or user name) and password, then goes to the user's
/// dashboard, or to `next` when it is a local path.
#[server(endpoint = "login")]
pub async fn login(login: String, password: String, next: Option<String>) -> Result<(), AppError> {
    use crate::ssr::{client_ip, fail, session, state};
    let target =
        crate::service::auth::login(&state()?, &session().await?, &client_ip().await, login, password, next)
            .await
            .map_err(fail)?;
    leptos_axum::redirect(&target);
    Ok(())
}

/// Signs out and returns to the home page.
#[server(endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::ssr::{fail, session, state};
    crate::service::auth::logout(&state()?, &session().await?).await.map_err(fail)?;
    leptos_axum::redirect("/");
    Ok(())
}

/// Units a contestant can register under.
#[server(endpoint = "unit-choices")]
pub async fn unit_choices() -> Result<Vec<UnitChoice>, AppError> {
    use crate::ssr::{fail, state};
    crate::service::auth::unit_choices(&state()?).await.map_err(fail)
}

/// Creates a contestant account and signs it in.
#[server(endpoint = "register")]
pub async fn register(
    full_name: String,
    unit_id: i32,
    contact: String,
    password: String,
    password_confirm: String,
) -> Result<(), AppError> {
    use crate::ssr::{client_ip, fail, session, state};
    let (state, session, address) = (state()?, session().await?, client_ip().await);
    crate::service::auth::register(
        &state,
        &session,
        &address,
        full_name,
        unit_id,
        contact,
        password,
        password_confirm,
    )
    .await
    .map_err(fail)?;
    leptos_axum::redirect(domain::Role::Contestant.home_path());
    Ok(())
}
