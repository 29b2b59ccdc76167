//! Opening the database, building the router and serving.

use crate::routes;
use anyhow::{Context, anyhow};
use app::{App, shell, ssr::AppState};
use axum::{
    Router,
    body::Body,
    extract::State,
    http::{HeaderValue, Request, StatusCode, header},
    response::{IntoResponse, Response},
    routing::get,
};
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list, handle_server_fns_with_context};
use sea_orm::DatabaseConnection;
use std::{net::SocketAddr, time::Duration};
use tower_http::{
    catch_panic::CatchPanicLayer,
    compression::{CompressionLayer, DefaultPredicate, Predicate},
    set_header::SetResponseHeaderLayer,
};
use tower_sessions::{Expiry, SessionManagerLayer, cookie::SameSite};

/// The URL without its password, for messages.
pub fn redact(url: &str) -> String {
    // Anything after `?` may carry `password=...`; the options matter less than the secret.
    let (base, query) = url.split_once('?').map_or((url, None), |(b, q)| (b, Some(q)));
    let base = match (base.find("://"), base.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => format!("{}://***{}", &base[..scheme], &base[at..]),
        _ => base.to_owned(),
    };
    match query {
        Some(q) if q.to_ascii_lowercase().contains("password") => format!("{base}?***"),
        Some(q) => format!("{base}?{q}"),
        None => base,
    }
}

/// Connects and migrates; each failure is one clear line.
pub async fn open_database(url: &str) -> anyhow::Result<DatabaseConnection> {
    if !(url.starts_with("sqlite:") || url.starts_with("postgres://") || url.starts_with("postgresql://")) {
        return Err(anyhow!(
            "DATABASE_URL `{}` is not supported: use sqlite://FILE?mode=rwc or postgres://USER@HOST/DB",
            redact(url)
        ));
    }
    if !url.starts_with("sqlite:") {
        reach_postgres(url).await?;
    }
    let db = store::connect(url)
        .await
        .map_err(|e| anyhow!("cannot connect to the database at {}: {e}", redact(url)))?;
    store::db::migrate(&db).await.map_err(|e| anyhow!("database migration failed: {e}"))?;
    store::accounts::backfill_sort_keys(&db).await.map_err(|e| anyhow!("preparing accounts failed: {e}"))?;
    Ok(db)
}

/// How long a first connection to PostgreSQL may take before the server gives up.
const CONNECT_PATIENCE: Duration = Duration::from_secs(5);

/// One connection, tried before the pool: a wrong host, port, name or password fails within
/// [`CONNECT_PATIENCE`] with its cause (refused, unknown host, authentication) in one line,
/// instead of a pool timing out much later with none.
async fn reach_postgres(url: &str) -> anyhow::Result<()> {
    use sea_orm::sqlx::{Connection, postgres::PgConnection};
    match tokio::time::timeout(CONNECT_PATIENCE, PgConnection::connect(url)).await {
        Ok(Ok(conn)) => {
            let _ = conn.close().await;
            Ok(())
        }
        Ok(Err(e)) => Err(anyhow!("cannot connect to the database at {}: {e}", redact(url))),
        Err(_) => Err(anyhow!(
            "cannot connect to the database at {}: no answer within {} s (host down or blocked?)",
            redact(url),
            CONNECT_PATIENCE.as_secs()
        )),
    }
}

fn leptos_options(addr: SocketAddr) -> LeptosOptions {
    let site_root = std::env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "target/site".to_owned());
    let env = match std::env::var("LEPTOS_ENV").as_deref() {
        Ok("DEV") => leptos::config::Env::DEV,
        _ => leptos::config::Env::PROD,
    };
    let site = crate::assets::site("hoithi", &site_root);
    LeptosOptions::builder()
        .output_name("hoithi")
        .site_root(site_root)
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .env(env)
        .hash_files(site.hash_file.is_some())
        .build()
}

/// Largest body a server function accepts (uploads go to plain routes with their own limit).
pub const SERVER_FN_BODY_LIMIT: usize = 1024 * 1024;

async fn server_fn_handler(State(state): State<AppState>, req: Request<Body>) -> Response {
    use app::error::AppError;
    let known = leptos::server_fn::axum::server_fn_paths()
        .any(|(path, method)| path == req.uri().path() && method == req.method());
    if !known {
        tracing::warn!(method = %req.method(), path = req.uri().path(), "no such server function");
        return routes::errors::json(StatusCode::NOT_FOUND, &AppError::NotFound);
    }
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > SERVER_FN_BODY_LIMIT as u64) {
        tracing::warn!(method = %req.method(), path = req.uri().path(), "request body too large");
        return routes::errors::json(StatusCode::PAYLOAD_TOO_LARGE, &AppError::TooLarge);
    }
    handle_server_fns_with_context(move || provide_context(state.clone()), req).await.into_response()
}

/// What `hoithi routes` prints: every server function, plain route and page, so tests can walk
/// them all.
pub fn route_list() -> serde_json::Value {
    let mut server_functions: Vec<(String, String)> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, method)| (method.to_string(), path.to_owned()))
        .collect();
    server_functions.sort();
    let plain: Vec<serde_json::Value> = routes::list()
        .into_iter()
        .map(|(method, path)| serde_json::json!({"method": method.to_string(), "path": path}))
        .collect();
    let pages: Vec<String> = generate_route_list(App).iter().map(|r| r.path().to_owned()).collect();
    serde_json::json!({
        "server_functions": server_functions
            .into_iter()
            .map(|(method, path)| serde_json::json!({"method": method, "path": path}))
            .collect::<Vec<_>>(),
        "routes": plain,
        "pages": pages,
    })
}

/// What this process keeps in memory about papers and question versions, shared by the requests
/// and the clock that finishes attempts at their deadline.
#[derive(Clone, Default)]
pub struct Kept {
    pub papers: store::attempts::PaperCache,
    pub versions: store::attempts::VersionCache,
}

impl Kept {
    fn borrow(&self) -> store::attempts::Kept<'_> {
        store::attempts::Kept { papers: &self.papers, versions: &self.versions }
    }
}

/// Builds the whole application router over `db`.
pub fn router(
    db: DatabaseConnection,
    addr: SocketAddr,
    events: store::events::EventBus,
    kept: Kept,
) -> Router {
    let leptos_options = leptos_options(addr);
    let behind_proxy = std::env::var("HOITHI_BEHIND_PROXY").is_ok_and(|v| v == "1" || v == "true");
    let state = AppState::new(app::ssr::Shared {
        leptos_options: leptos_options.clone(),
        db: db.clone(),
        pool: store::rounds::PoolCache::default(),
        boards: store::results::BoardCache::default(),
        events: events.clone(),
        board_watch: store::results::BoardWatch::spawn(db.clone()),
        behind_proxy,
        papers: kept.papers,
        versions: kept.versions,
    });
    let routes = generate_route_list(App);

    let session_store = store::session_store::DbSessionStore::new(db);
    let secure = std::env::var("HOITHI_SECURE_COOKIES").is_ok_and(|v| v == "1" || v == "true");
    let sessions = SessionManagerLayer::new(session_store)
        .with_name("hoithi_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(secure)
        .with_expiry(Expiry::OnInactivity(time::Duration::hours(12)));

    Router::new()
        .route(
            "/api/{*fn_name}",
            get(server_fn_handler)
                .post(server_fn_handler)
                .layer(axum::extract::DefaultBodyLimit::max(SERVER_FN_BODY_LIMIT)),
        )
        .merge(routes::router())
        .nest_service("/pkg", crate::assets::pkg_service(&leptos_options.site_root))
        .leptos_routes_with_context(
            &state,
            routes,
            {
                let state = state.clone();
                move || provide_context(state.clone())
            },
            {
                let options = leptos_options.clone();
                move || shell(options.clone())
            },
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(axum::middleware::from_fn_with_state(state.clone(), crate::security::identify))
        .layer(sessions)
        .layer(axum::middleware::from_fn_with_state(behind_proxy, crate::security::refuse_cross_site))
        .layer(axum::middleware::from_fn(crate::security::headers))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("SAMEORIGIN"),
        ))
        .layer(CompressionLayer::new().compress_when(DefaultPredicate::new().and(crate::assets::NotStatic)))
        .layer(axum::middleware::from_fn_with_state(
            crate::observe::Routes::of_app(),
            crate::observe::trace_requests,
        ))
        .layer(CatchPanicLayer::custom(routes::errors::panic_response))
        .with_state(state)
}

/// Serves on `addr` until Ctrl-C or SIGTERM.
pub async fn serve(db: DatabaseConnection, addr: SocketAddr) -> anyhow::Result<()> {
    let listener = bind(addr).await?;
    let local = listener.local_addr().context("no local address")?;
    crate::observe::init_metrics();
    tokio::spawn(crate::observe::watch_pool(db.clone()));
    tokio::spawn(crate::observe::report_slow());
    tokio::spawn({
        use tower_sessions::ExpiredDeletion;
        let store = store::session_store::DbSessionStore::new(db.clone());
        async move {
            let mut every_hour = tokio::time::interval(Duration::from_secs(3600));
            loop {
                every_hour.tick().await;
                if let Err(e) = store.delete_expired().await {
                    tracing::warn!(error = %e, "expired-session cleanup failed");
                }
            }
        }
    });
    let kept = Kept::default();
    tokio::spawn(clock(db.clone(), kept.clone()));
    let events = store::events::EventBus::new(&db);
    tokio::spawn(events.clone().listen(db.clone()));
    tokio::spawn(app::service::callers::follow(events.clone()));
    let app = router(db, local, events, kept);
    tracing::info!("listening on http://{local}");
    println!("HoiThi is running at http://{local}");
    // Pages stream in several writes: without TCP_NODELAY a later write of a response can wait
    // for the browser's delayed ACK (40 ms) on a kept-alive connection.
    let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::debug!(error = %e, "TCP_NODELAY not set");
        }
    });
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("server error")
}

/// How long `serve` keeps trying an address that is in use (a killed server's socket may take a
/// moment to close; a restart should not give up at once).
const BIND_PATIENCE: Duration = Duration::from_secs(30);

/// Listens on `addr`, retrying for [`BIND_PATIENCE`] while the address is in use.
async fn bind(addr: SocketAddr) -> anyhow::Result<tokio::net::TcpListener> {
    let started = std::time::Instant::now();
    let mut said = false;
    loop {
        match tokio::net::TcpListener::bind(addr).await {
            Ok(listener) => return Ok(listener),
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse && started.elapsed() < BIND_PATIENCE => {
                if !said {
                    tracing::warn!(%addr, "address in use; retrying for up to {} s", BIND_PATIENCE.as_secs());
                    said = true;
                }
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
            Err(e) => return Err(anyhow!("cannot listen on {addr}: {e}")),
        }
    }
}

/// Every second: finish attempts whose deadline passed (the browser may be gone) and freeze the
/// participation figure of closed rounds. The first pass runs at start, catching up after a restart.
async fn clock(db: DatabaseConnection, kept: Kept) {
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let kept = kept.borrow();
    loop {
        tick.tick().await;
        let now = chrono::Utc::now();
        match store::attempts::finish_due(&db, kept, now).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(finished = n, "attempts finished at their deadline"),
            Err(e) => tracing::warn!(error = %e, "finishing due attempts failed"),
        }
        if let Err(e) = store::rounds::snapshot_freezes(&db, now).await {
            tracing::warn!(error = %e, "freezing round boards failed");
        }
        if let Err(e) = store::rounds::freeze_closed(&db, now).await {
            tracing::warn!(error = %e, "freezing closed rounds failed");
        }
        if now.timestamp() % 60 == 0
            && let Err(e) = store::limits::prune(&db, now.timestamp_millis()).await
        {
            tracing::warn!(error = %e, "forgetting old sign-in tries failed");
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn passwords_in_database_urls_are_hidden() {
        assert_eq!(redact("postgres://hoithi:s3cret@db:5432/hoithi"), "postgres://***@db:5432/hoithi");
        assert_eq!(redact("sqlite://hoithi.db?mode=rwc"), "sqlite://hoithi.db?mode=rwc");
        assert_eq!(redact("postgres://db/hoithi?user=a&password=s3cret"), "postgres://db/hoithi?***");
    }
}
