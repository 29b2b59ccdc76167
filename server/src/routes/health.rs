use app::ssr::AppState;
use axum::{extract::State, http::StatusCode};

/// 200 when the database answers and, on PostgreSQL, this process listens for the events of the
/// others (so a page served here misses nothing); 503 otherwise.
pub async fn healthz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    if let Err(e) = state.db.ping().await {
        tracing::error!(error = %e, "health check: database unreachable");
        return (StatusCode::SERVICE_UNAVAILABLE, "database unreachable");
    }
    if !state.events.is_listening() {
        return (StatusCode::SERVICE_UNAVAILABLE, "event listener not ready");
    }
    (StatusCode::OK, "ok")
}
