//! Server-only glue for server functions: shared state, the signed-in user and role checks.

use crate::{auth::CurrentUser, error::AppError};
use axum::extract::FromRef;
use domain::Role;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;
use sea_orm::DatabaseConnection;
use store::StoreError;
use tower_sessions::Session;

/// Session key holding the signed-in user's id.
pub const USER_ID_KEY: &str = "uid";

/// Session key holding the ten-minute slot the session was last seen in. Changing it makes the
/// session layer save the session and push its inactivity expiry forward, at most one write per
/// user per ten minutes rather than one per request.
pub const SEEN_KEY: &str = "seen";

/// The current ten-minute slot for [`SEEN_KEY`].
pub fn seen_slot() -> i64 {
    chrono::Utc::now().timestamp() / 600
}

/// State shared by every request, handed to server functions through context.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    /// Questions rounds draw from, cached briefly.
    pub pool: store::rounds::PoolCache,
    /// Individual leaderboards, cached per results version.
    pub boards: store::results::BoardCache,
    /// The leaderboards' version, watched once per process for the projector's event stream.
    pub board_watch: store::results::BoardWatch,
    /// Change events for live pages (across processes on PostgreSQL).
    pub events: store::events::EventBus,
    /// Failed sign-ins per login and per client address (per process).
    pub throttle: std::sync::Arc<std::sync::Mutex<domain::throttle::SignInLimits>>,
    /// Take the client address from `X-Forwarded-For` (only behind a trusted reverse proxy).
    pub behind_proxy: bool,
}

/// The shared state of the current request.
pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from context");
        AppError::Internal
    })
}

/// The client's IP address, for the answer log.
pub async fn client_ip() -> String {
    let behind_proxy = use_context::<AppState>().is_some_and(|s| s.behind_proxy);
    if behind_proxy
        && let Some(parts) = use_context::<axum::http::request::Parts>()
        && let Some(forwarded) = parts.headers.get("x-forwarded-for").and_then(|v| v.to_str().ok())
        && let Some(client) = domain::request::forwarded_client(forwarded)
    {
        return client.to_owned();
    }
    leptos_axum::extract::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .await
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|_| "unknown".to_owned())
}

/// The database pool of the current request.
pub fn db() -> Result<DatabaseConnection, AppError> {
    use_context::<AppState>().map(|s| s.db).ok_or_else(|| {
        tracing::error!("AppState missing from context");
        AppError::Internal
    })
}

/// Sets the HTTP status of the current response to match `err`, and returns it.
pub fn fail(err: AppError) -> AppError {
    if let Some(res) = use_context::<ResponseOptions>()
        && let Ok(status) = axum::http::StatusCode::from_u16(err.status())
    {
        res.set_status(status);
    }
    err
}

/// Maps a store error to what users see; unexpected causes are logged, not shown.
pub fn store_error(err: StoreError) -> AppError {
    fail(match err {
        StoreError::NotFound => AppError::NotFound,
        StoreError::Invalid(e) => AppError::Invalid(e.to_string()),
        StoreError::Conflict("login") => {
            AppError::Conflict("Email, số điện thoại hoặc tên đăng nhập này đã có tài khoản.".into())
        }
        StoreError::Conflict("unit name") => AppError::Conflict("Đã có đơn vị mang tên này.".into()),
        StoreError::Conflict(_) => AppError::Conflict("Dữ liệu đã tồn tại.".into()),
        StoreError::InUse(_) => AppError::Conflict("Không xoá được vì dữ liệu này đang được sử dụng.".into()),
        StoreError::UnitRequired => AppError::Invalid("Thí sinh phải thuộc một đơn vị.".into()),
        other => {
            tracing::error!(error = %other, "request failed");
            AppError::Internal
        }
    })
}

/// The request's session.
pub async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(|e| {
        tracing::error!(error = %e, "session layer missing");
        fail(AppError::Internal)
    })
}

/// The signed-in user, if any. A disabled or deleted account counts as signed out.
pub async fn current_user() -> Result<Option<CurrentUser>, AppError> {
    let session = session().await?;
    let Some(id) = session.get::<i32>(USER_ID_KEY).await.map_err(|e| {
        tracing::error!(error = %e, "session load failed");
        fail(AppError::Internal)
    })?
    else {
        return Ok(None);
    };
    let slot = seen_slot();
    if session.get::<i64>(SEEN_KEY).await.ok().flatten() != Some(slot) {
        // Best effort: a failed touch only means the session expires a little earlier.
        let _ = session.insert(SEEN_KEY, slot).await;
    }
    let db = db()?;
    let Some(user) = store::accounts::find_by_id(&db, id).await.map_err(store_error)? else {
        return Ok(None);
    };
    if user.disabled {
        return Ok(None);
    }
    let unit_name = match user.unit_id {
        Some(unit_id) => store::units::find(&db, unit_id).await.map_err(store_error)?.map(|u| u.name),
        None => None,
    };
    Ok(CurrentUser::from_model(user, unit_name))
}

/// The signed-in user if their role is one of `roles`; otherwise 401 (signed out) or 403.
pub async fn require(roles: &[Role]) -> Result<CurrentUser, AppError> {
    match current_user().await? {
        None => Err(fail(AppError::Unauthorized)),
        Some(user) if roles.contains(&user.role) => Ok(user),
        Some(user) => {
            tracing::warn!(user_id = user.id, role = %user.role, "forbidden");
            Err(fail(AppError::Forbidden))
        }
    }
}
