//! Server-only glue for server functions: shared state, the signed-in user and role checks.

use crate::{auth::CurrentUser, error::AppError};
use axum::extract::FromRef;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;
use sea_orm::DatabaseConnection;
use std::sync::Arc;
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

/// State shared by every request, handed to server functions through context. Cloned for every
/// request (by each middleware and into the request's context), so it is one reference count.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl AppState {
    pub fn new(shared: Shared) -> Self {
        Self(Arc::new(shared))
    }
}

impl std::ops::Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// What [`AppState`] holds.
pub struct Shared {
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
    /// What never changes about running papers, so saving an answer is one write.
    pub papers: store::attempts::PaperCache,
    /// Question versions read so far (they never change), for papers.
    pub versions: store::attempts::VersionCache,
}

/// The shared state of the current request.
pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from context");
        AppError::Internal
    })
}

/// The client's address of the current request ([`crate::service::request::client_address`]).
pub async fn client_ip() -> String {
    let behind_proxy = use_context::<AppState>().is_some_and(|s| s.behind_proxy);
    let headers = use_context::<axum::http::request::Parts>().map(|p| p.headers).unwrap_or_default();
    let peer = leptos_axum::extract::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .await
        .ok()
        .map(|c| c.0.ip());
    crate::service::request::client_address(&headers, peer, behind_proxy)
}

/// The database pool of the current request.
pub fn db() -> Result<DatabaseConnection, AppError> {
    use_context::<AppState>().map(|s| s.db.clone()).ok_or_else(|| {
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

/// Maps a store error to what users see (and sets the response's status).
pub fn store_error(err: StoreError) -> AppError {
    fail(err.into())
}

/// The request's session.
pub async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(|e| {
        tracing::error!(error = %e, "session layer missing");
        fail(AppError::Internal)
    })
}

pub use crate::service::caller::{
    Caller, Identified, TypedCaller, authorize, endpoint_roles, resolve_caller,
};

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

/// The caller as the typed role a use case needs: 401 when signed out, 403 otherwise.
pub async fn caller_as<T: TypedCaller>() -> Result<T, AppError> {
    T::authorize(caller().await?.as_ref()).map_err(fail)
}
