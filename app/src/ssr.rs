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
pub use store::session_store::USER_ID_KEY;

/// Session key holding the ten-minute slot the session was last seen in. Changing it makes the
/// session layer save the session and push its inactivity expiry forward, at most one write per
/// user per ten minutes rather than one per request.
pub const SEEN_KEY: &str = "seen";

/// Highest page number a list accepts (beyond it lists are empty anyway).
pub const MAX_PAGE: u64 = 100_000;

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

/// Answers a request that could not be read (malformed or missing arguments, a body too large)
/// with `err`'s status, and logs why with the request's method and path.
pub fn refuse_request(err: &AppError, cause: &str) {
    fail(err.clone());
    let (method, path) = use_context::<axum::http::request::Parts>()
        .map(|p| (p.method.to_string(), p.uri.path().to_owned()))
        .unwrap_or_default();
    // The cause names the field and what was wrong; it never carries the field's value.
    tracing::warn!(%method, %path, status = err.status(), cause = %truncate(cause, 200), "request refused");
}

fn truncate(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// Sets the page's Content-Security-Policy (with the nonce of its hydration script).
pub fn page_headers() {
    use axum::http::{HeaderValue, header};
    let Some(res) = use_context::<ResponseOptions>() else { return };
    let nonce = leptos::nonce::use_nonce();
    if let Ok(csp) = HeaderValue::from_str(&domain::request::content_security_policy(nonce.as_deref())) {
        res.insert_header(header::CONTENT_SECURITY_POLICY, csp);
    }
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

/// Who sent a request, resolved once per request from its session (by the server's middleware)
/// and kept in the request's extensions, where server functions, pages and plain routes read it.
#[derive(Debug, Clone)]
pub struct Caller {
    pub user: store::entity::user::Model,
    pub current: CurrentUser,
}

/// The request's caller as resolved by the middleware: `None` when signed out.
#[derive(Debug, Clone, Default)]
pub struct Identified(pub Option<Caller>);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for Identified {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
    ) -> Result<Self, Self::Rejection> {
        Ok(parts.extensions.get::<Identified>().cloned().unwrap_or_default())
    }
}

/// Looks up the signed-in account of `session` (one query with its unit) and keeps the session
/// alive. A disabled or deleted account counts as signed out.
pub async fn resolve_caller(db: &DatabaseConnection, session: &Session) -> Result<Option<Caller>, AppError> {
    let Some(id) = session.get::<i32>(USER_ID_KEY).await.map_err(|e| {
        tracing::error!(error = %e, "session load failed");
        AppError::Internal
    })?
    else {
        return Ok(None);
    };
    let slot = seen_slot();
    if session.get::<i64>(SEEN_KEY).await.ok().flatten() != Some(slot) {
        // Best effort: a failed touch only means the session expires a little earlier.
        let _ = session.insert(SEEN_KEY, slot).await;
    }
    let Some((user, unit_name)) = store::accounts::find_with_unit(db, id).await.map_err(|e| {
        tracing::error!(error = %e, "user lookup failed");
        AppError::Internal
    })?
    else {
        return Ok(None);
    };
    if user.disabled {
        return Ok(None);
    }
    Ok(CurrentUser::from_model(user.clone(), unit_name).map(|current| Caller { user, current }))
}

/// The caller of the current request (resolved by the middleware; looked up here only where no
/// middleware ran).
pub async fn caller() -> Result<Option<Caller>, AppError> {
    if let Some(parts) = use_context::<axum::http::request::Parts>()
        && let Some(Identified(caller)) = parts.extensions.get::<Identified>()
    {
        return Ok(caller.clone());
    }
    resolve_caller(&db()?, &session().await?).await.map_err(fail)
}

/// The signed-in user, if any. A disabled or deleted account counts as signed out.
pub async fn current_user() -> Result<Option<CurrentUser>, AppError> {
    Ok(caller().await?.map(|c| c.current))
}

/// The one role check: the caller if their role is one of `roles`; otherwise 401 (signed out)
/// or 403.
pub fn authorize(caller: Option<&Caller>, roles: &[Role]) -> Result<Caller, AppError> {
    match caller {
        None => Err(AppError::Unauthorized),
        Some(c) if roles.contains(&c.current.role) => Ok(c.clone()),
        Some(c) => {
            tracing::warn!(user_id = c.current.id, role = %c.current.role, "forbidden");
            Err(AppError::Forbidden)
        }
    }
}

/// The signed-in caller (with their account row) if their role is one of `roles`; otherwise 401
/// (signed out) or 403.
pub async fn require_caller(roles: &[Role]) -> Result<Caller, AppError> {
    authorize(caller().await?.as_ref(), roles).map_err(fail)
}

/// The signed-in user if their role is one of `roles`; otherwise 401 (signed out) or 403.
pub async fn require(roles: &[Role]) -> Result<CurrentUser, AppError> {
    Ok(require_caller(roles).await?.current)
}

/// Who may call a server function, by its endpoint: checked before its arguments are read, so a
/// caller without the role learns nothing from them (the function checks again, with the
/// finer rules such as "head judge").
pub fn endpoint_roles(endpoint: &str) -> Option<&'static [Role]> {
    use Role::*;
    const PUBLIC: [&str; 13] = [
        "current-user",
        "login",
        "logout",
        "register",
        "unit-choices",
        "schedule",
        "results/round",
        "results/all-rounds",
        "results/stage",
        "results/projector",
        "results/version",
        "live/projector",
        "rules/final",
    ];
    if PUBLIC.contains(&endpoint) {
        return None;
    }
    let (area, rest) = endpoint.split_once('/').unwrap_or((endpoint, ""));
    Some(match (area, rest) {
        ("contestant", _) | ("results", "mine") => &[Contestant],
        ("judge", _) => &[Judge],
        ("secretary", _) => &[Secretary, Organizer],
        ("stage", "part" | "part/lock" | "sheet/unlock" | "divergence/review") => &[Judge, Organizer],
        ("live", "team" | "answer") => &[Team],
        ("organizer" | "stage" | "results" | "live", _) => &[Organizer],
        // Anything new is for signed-in organizers until it says otherwise.
        _ => &[Organizer],
    })
}
