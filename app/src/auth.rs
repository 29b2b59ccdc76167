//! Signing in and out, registering, and who the current user is.

use crate::error::AppError;
use domain::{Role, UnitGroup};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The signed-in user as the pages see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i32,
    pub full_name: String,
    pub login: String,
    pub role: Role,
    pub unit_name: Option<String>,
    pub is_head_judge: bool,
}

#[cfg(feature = "ssr")]
impl CurrentUser {
    pub fn from_model(user: store::entity::user::Model, unit_name: Option<String>) -> Option<Self> {
        Some(Self {
            id: user.id,
            role: user.role.parse().ok()?,
            full_name: user.full_name,
            login: user.login,
            unit_name,
            is_head_judge: user.is_head_judge,
        })
    }
}

/// A unit as offered in the registration form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitChoice {
    pub id: i32,
    pub name: String,
    pub group: UnitGroup,
}

/// Who is signed in (None when nobody is).
#[server(endpoint = "current-user")]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    crate::ssr::current_user().await
}

/// Signs in with a login (email, phone or user name) and password, then goes to the user's
/// dashboard, or to `next` when it is a local path.
#[server(endpoint = "login")]
pub async fn login(login: String, password: String, next: Option<String>) -> Result<(), AppError> {
    use crate::ssr::{USER_ID_KEY, client_ip, db, fail, session, store_error};
    let db = db()?;
    let now = chrono::Utc::now().timestamp_millis();
    let login_key = store::accounts::normalize_login(&login);
    let address = client_ip().await;
    // Counted before the password is checked, so guesses sent at once cannot all get through.
    let ticket =
        match store::limits::begin_sign_in(&db, &login_key, &address, now).await.map_err(store_error)? {
            Ok(ticket) => ticket,
            Err(wait_ms) => {
                tracing::info!("sign-in throttled");
                return Err(fail(AppError::TooManyAttempts((wait_ms + 59_999) / 60_000)));
            }
        };
    let Some(user) = store::accounts::authenticate(&db, &login, password).await.map_err(store_error)? else {
        tracing::info!("sign-in refused");
        store::limits::failed(&db, &ticket).await.map_err(store_error)?;
        return Err(fail(AppError::BadCredentials));
    };
    store::limits::succeeded(&db, &ticket).await.map_err(store_error)?;
    let role: Role = user.role.parse().map_err(|_| fail(AppError::Internal))?;
    let session = session().await?;
    // A new session id on sign-in prevents session fixation.
    session.clear().await;
    session.cycle_id().await.map_err(|_| fail(AppError::Internal))?;
    session.insert(USER_ID_KEY, user.id).await.map_err(|_| fail(AppError::Internal))?;
    // Seen now, so the next request need not write the session again.
    let _ = session.insert(crate::ssr::SEEN_KEY, crate::ssr::seen_slot()).await;
    tracing::info!(user_id = user.id, role = %role, "signed in");
    let target = next
        .as_deref()
        .and_then(domain::request::local_path)
        .map_or_else(|| role.home_path().to_owned(), str::to_owned);
    leptos_axum::redirect(&target);
    Ok(())
}

/// Signs out and returns to the home page.
#[server(endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::ssr::{fail, session};
    let session = session().await?;
    session.flush().await.map_err(|_| fail(AppError::Internal))?;
    leptos_axum::redirect("/");
    Ok(())
}

/// Units a contestant can register under.
#[server(endpoint = "unit-choices")]
pub async fn unit_choices() -> Result<Vec<UnitChoice>, AppError> {
    use crate::ssr::{db, store_error};
    let units = store::units::list(&db()?).await.map_err(store_error)?;
    Ok(units
        .into_iter()
        .filter_map(|u| Some(UnitChoice { id: u.id, group: u.group_key.parse().ok()?, name: u.name }))
        .collect())
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
    use crate::ssr::{USER_ID_KEY, client_ip, db, fail, session, store_error};
    use domain::{Contact, FullName, Password};
    let now = chrono::Utc::now().timestamp_millis();
    let address = client_ip().await;
    let db = db()?;
    if let Err(wait_ms) = store::limits::register(&db, &address, now).await.map_err(store_error)? {
        tracing::info!("registration throttled");
        return Err(fail(AppError::RateLimited(format!(
            "Có quá nhiều lượt đăng ký từ mạng của bạn. Vui lòng thử lại sau {} phút.",
            (wait_ms + 59_999) / 60_000
        ))));
    }
    let full_name = FullName::parse(&full_name).map_err(|e| fail(e.into()))?;
    let contact = Contact::parse(&contact).map_err(|e| fail(e.into()))?;
    if password != password_confirm {
        return Err(fail(AppError::invalid("Mật khẩu nhập lại không khớp.")));
    }
    let password = Password::parse(password).map_err(|e| fail(e.into()))?;
    if store::units::find(&db, unit_id).await.map_err(store_error)?.is_none() {
        return Err(fail(AppError::invalid("Vui lòng chọn đơn vị trong danh sách.")));
    }
    // Refused before the (costly) hash; the unique index still decides under a race.
    if store::accounts::find_by_login(&db, contact.login()).await.map_err(store_error)?.is_some() {
        return Err(store_error(store::StoreError::Conflict("login")));
    }
    let password_hash = store::password::hash(&password).await.map_err(store_error)?;
    let user = store::accounts::create(
        &db,
        store::accounts::NewUser {
            login: contact.login().to_owned(),
            full_name,
            role: Role::Contestant,
            unit_id: Some(unit_id),
            is_head_judge: false,
            is_reserve_judge: false,
            password_hash,
        },
    )
    .await
    .map_err(store_error)?;
    let session = session().await?;
    session.clear().await;
    session.cycle_id().await.map_err(|_| fail(AppError::Internal))?;
    session.insert(USER_ID_KEY, user.id).await.map_err(|_| fail(AppError::Internal))?;
    // Seen now, so the next request need not write the session again.
    let _ = session.insert(crate::ssr::SEEN_KEY, crate::ssr::seen_slot()).await;
    tracing::info!(user_id = user.id, "contestant registered");
    leptos_axum::redirect(Role::Contestant.home_path());
    Ok(())
}
