//! Signing in and out and registering: the sign-in limits, the password check and a fresh
//! session id at every sign-in.

use crate::{error::AppError, ssr::AppState, wire::auth::*};
use domain::Role;
use store::session_store::USER_ID_KEY;
use tower_sessions::Session;

/// Makes `session` the session of `user_id`, under a new id (no session fixation).
async fn sign_in_as(state: &AppState, session: &Session, user_id: i32) -> Result<(), AppError> {
    let old = signed_in(session).await;
    session.clear().await;
    session.cycle_id().await.map_err(|_| AppError::Internal)?;
    forget_everywhere(state, old).await;
    session.insert(USER_ID_KEY, user_id).await.map_err(|_| AppError::Internal)?;
    // Seen now, so the next request need not write the session again.
    let _ = session.insert(crate::ssr::SEEN_KEY, crate::ssr::seen_slot()).await;
    Ok(())
}

/// Signs `session` in with a login (email, phone or user name) and password from `address`;
/// returns where to go: `next` when it is a local path, else the role's home.
pub async fn login(
    state: &AppState,
    session: &Session,
    address: &str,
    login: String,
    password: String,
    next: Option<String>,
) -> Result<String, AppError> {
    let db = state.db.clone();
    let now = chrono::Utc::now().timestamp_millis();
    let login_key = store::accounts::normalize_login(&login);
    // Counted before the password is checked, so guesses sent at once cannot all get through.
    let ticket = match store::limits::begin_sign_in(&db, &login_key, address, now).await? {
        Ok(ticket) => ticket,
        Err(wait_ms) => {
            tracing::info!("sign-in throttled");
            metrics::counter!("hoithi_sign_ins_total", "outcome" => "throttled").increment(1);
            return Err(AppError::TooManyAttempts((wait_ms + 59_999) / 60_000));
        }
    };
    let Some(user) = store::accounts::authenticate(&db, &login, password).await? else {
        tracing::info!("sign-in refused");
        metrics::counter!("hoithi_sign_ins_total", "outcome" => "refused").increment(1);
        store::limits::failed(&db, &ticket).await?;
        return Err(AppError::BadCredentials);
    };
    store::limits::succeeded(&db, &ticket).await?;
    let role = user.role;
    sign_in_as(state, session, user.id).await?;
    tracing::info!(user_id = user.id, role = %role, "signed in");
    metrics::counter!("hoithi_sign_ins_total", "outcome" => "ok").increment(1);
    Ok(next
        .as_deref()
        .and_then(domain::request::local_path)
        .map_or_else(|| role.home_path().to_owned(), str::to_owned))
}

/// Signs out: the session is deleted.
pub async fn logout(state: &AppState, session: &Session) -> Result<(), AppError> {
    let old = signed_in(session).await;
    session.flush().await.map_err(|_| AppError::Internal)?;
    forget_everywhere(state, old).await;
    Ok(())
}

/// The session's id and account, before it ends or changes id.
async fn signed_in(session: &Session) -> (Option<tower_sessions::session::Id>, Option<i32>) {
    (session.id(), session.get::<i32>(USER_ID_KEY).await.ok().flatten())
}

/// Forgets an ended session's caller here, and on the other servers its account's callers (they
/// look them up again; the session's id is not sent around). Called once the session is gone
/// from the store, so no lookup can bring it back.
async fn forget_everywhere(
    state: &AppState,
    (id, user_id): (Option<tower_sessions::session::Id>, Option<i32>),
) {
    if let Some(id) = id {
        super::callers::forget_session(&id);
    }
    if let Some(user_id) = user_id {
        super::callers::forget_user_everywhere(state, user_id).await;
    }
}

/// Units a contestant can register under.
pub async fn unit_choices(state: &AppState) -> Result<Vec<UnitChoice>, AppError> {
    let units = store::units::list(&state.db.clone()).await?;
    Ok(units
        .into_iter()
        .filter_map(|u| Some(UnitChoice { id: u.id, group: u.group_key.parse().ok()?, name: u.name }))
        .collect())
}

/// Creates a contestant account and signs it in.
#[allow(clippy::too_many_arguments)]
pub async fn register(
    state: &AppState,
    session: &Session,
    address: &str,
    full_name: String,
    unit_id: i32,
    contact: String,
    password: String,
    password_confirm: String,
) -> Result<(), AppError> {
    use domain::{Contact, FullName, Password};
    let now = chrono::Utc::now().timestamp_millis();
    let db = state.db.clone();
    if let Err(wait_ms) = store::limits::register(&db, address, now).await? {
        tracing::info!("registration throttled");
        return Err(AppError::RateLimited(format!(
            "Có quá nhiều lượt đăng ký từ mạng của bạn. Vui lòng thử lại sau {} phút.",
            (wait_ms + 59_999) / 60_000
        )));
    }
    let full_name = FullName::parse(&full_name)?;
    let contact = Contact::parse(&contact)?;
    if password != password_confirm {
        return Err(AppError::invalid("Mật khẩu nhập lại không khớp."));
    }
    let password = Password::parse(password)?;
    if store::units::find(&db, unit_id).await?.is_none() {
        return Err(AppError::invalid("Vui lòng chọn đơn vị trong danh sách."));
    }
    // Refused before the (costly) hash; the unique index still decides under a race.
    if store::accounts::find_by_login(&db, contact.login()).await?.is_some() {
        return Err(store::StoreError::Conflict(store::Taken::Login).into());
    }
    let password_hash = store::password::hash(&password).await?;
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
    .await?;
    sign_in_as(state, session, user.id).await?;
    tracing::info!(user_id = user.id, "contestant registered");
    Ok(())
}

impl CurrentUser {
    pub fn from_model(user: store::entity::user::Model, unit_name: Option<String>) -> Option<Self> {
        Some(Self {
            id: user.id,
            role: user.role,
            full_name: user.full_name,
            login: user.login,
            unit_name,
            is_head_judge: user.is_head_judge,
        })
    }
}
