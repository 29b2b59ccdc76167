//! What the people running the server see: log lines (text or JSON), a line per request worth
//! attention, Prometheus metrics and readiness.

use app::ssr::AppState;
use axum::{
    body::Body,
    extract::{ConnectInfo, State},
    http::{HeaderMap, Request, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::{
    io::IsTerminal,
    net::SocketAddr,
    sync::{Arc, OnceLock},
    time::{Duration, Instant},
};
use tracing::{Instrument, Span, field::Empty};
use tracing_subscriber::EnvFilter;

/// Requests slower than this are logged as a warning (all of them at `debug`).
const SLOW_REQUEST: Duration = Duration::from_secs(2);

/// The default filter: the app at `info`, libraries only when they warn.
const DEFAULT_FILTER: &str = "info,sqlx=warn,sea_orm=warn,tower_sessions=warn,hoithi::request=info";

/// Logs to stderr, as text (coloured only on a terminal) or, with `HOITHI_LOG_FORMAT=json`, one
/// JSON object per line with the request's method, path and user id. `RUST_LOG` overrides the
/// default levels.
pub fn init_tracing() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    let json = std::env::var("HOITHI_LOG_FORMAT").is_ok_and(|v| v.eq_ignore_ascii_case("json"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    if json {
        builder.json().with_current_span(true).with_span_list(false).init();
    } else {
        builder.with_ansi(std::io::stderr().is_terminal()).init();
    }
}

/// The span every request runs in: its method, path (never the query, which may carry search
/// words) and, once known, the signed-in user's id. Log lines written while handling the request
/// carry them.
fn request_span(req: &Request<Body>) -> Span {
    tracing::info_span!(
        target: "hoithi::request",
        "request",
        method = %req.method(),
        path = req.uri().path(),
        user_id = Empty,
    )
}

/// One line per finished request at `debug` (turn on with `RUST_LOG=info,hoithi::request=debug`),
/// an error for a 5xx; slow requests are also summed up per route (see [`report_slow`]).
fn log_response(res: &Response, latency: Duration, route: &str) {
    let status = res.status().as_u16();
    let ms = latency.as_secs_f64() * 1000.0;
    if res.status().is_server_error() {
        tracing::error!(target: "hoithi::request", status, latency_ms = ms, "request failed");
    } else {
        tracing::debug!(target: "hoithi::request", status, latency_ms = ms, "request");
    }
    if latency >= SLOW_REQUEST
        && let Ok(mut slow) = SLOW.lock()
    {
        slow.add(route, ms);
    }
}

/// Slow requests since the last report: per route, how many and the slowest.
#[derive(Default)]
struct SlowRequests(std::collections::BTreeMap<String, (u64, f64)>);

impl SlowRequests {
    fn add(&mut self, route: &str, ms: f64) {
        let entry = self.0.entry(route.to_owned()).or_insert((0, 0.0));
        entry.0 += 1;
        entry.1 = entry.1.max(ms);
    }

    /// One line for everything since the last report, or nothing; starts over.
    fn take_summary(&mut self) -> Option<String> {
        if self.0.is_empty() {
            return None;
        }
        let mut routes: Vec<_> = std::mem::take(&mut self.0).into_iter().collect();
        routes.sort_by(|a, b| b.1.0.cmp(&a.1.0).then_with(|| a.0.cmp(&b.0)));
        Some(
            routes
                .iter()
                .map(|(route, (n, worst))| format!("{route}: {n} (slowest {worst:.0} ms)"))
                .collect::<Vec<_>>()
                .join(", "),
        )
    }
}

static SLOW: std::sync::Mutex<SlowRequests> =
    std::sync::Mutex::new(SlowRequests(std::collections::BTreeMap::new()));

/// Once a minute, one warning for the requests slower than [`SLOW_REQUEST`]: under overload a
/// line per slow request would bury everything else.
pub async fn report_slow() {
    let mut every = tokio::time::interval(Duration::from_secs(60));
    every.tick().await;
    loop {
        every.tick().await;
        let summary = SLOW.lock().ok().and_then(|mut slow| slow.take_summary());
        if let Some(summary) = summary {
            tracing::warn!(target: "hoithi::request", "requests slower than {} s in the last minute: {summary}", SLOW_REQUEST.as_secs());
        }
    }
}

/// The request's span, for what learns more about the request later (who is calling).
#[derive(Clone)]
pub struct RequestSpan(Span);

impl RequestSpan {
    /// Adds the signed-in user's id to the request's log lines.
    pub fn record_user(&self, id: i32) {
        self.0.record("user_id", id);
    }
}

/// Runs every request in its span, logs it as it ends, counts it by route, method and status,
/// and times it.
pub async fn trace_requests(State(routes): State<Routes>, mut req: Request<Body>, next: Next) -> Response {
    let span = request_span(&req);
    req.extensions_mut().insert(RequestSpan(span.clone()));
    let route = routes.label(req.uri().path());
    let method = req.method().as_str().to_owned();
    let started = Instant::now();
    let res = next.run(req).instrument(span.clone()).await;
    let latency = started.elapsed();
    span.in_scope(|| log_response(&res, latency, &route));
    let status = res.status().as_u16().to_string();
    metrics::counter!("hoithi_http_requests_total", "route" => route.clone(), "method" => method, "status" => status)
        .increment(1);
    metrics::histogram!("hoithi_http_request_duration_seconds", "route" => route)
        .record(latency.as_secs_f64());
    res
}

static PROMETHEUS: OnceLock<PrometheusHandle> = OnceLock::new();

/// Installs the metrics recorder (once per process) and keeps its histograms drained.
pub fn init_metrics() {
    if PROMETHEUS.get().is_some() {
        return;
    }
    let buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];
    let recorder = PrometheusBuilder::new()
        .set_buckets_for_metric(Matcher::Suffix("_seconds".into()), &buckets)
        .map(PrometheusBuilder::install_recorder);
    match recorder {
        Ok(Ok(handle)) => {
            let _ = PROMETHEUS.set(handle.clone());
            tokio::spawn(async move {
                let mut every = tokio::time::interval(Duration::from_secs(5));
                loop {
                    every.tick().await;
                    handle.run_upkeep();
                }
            });
        }
        Ok(Err(e)) => tracing::warn!(error = %e, "metrics are off"),
        Err(e) => tracing::warn!(error = %e, "metrics are off"),
    }
}

/// Route patterns (`/api/...`, `/thi-sinh/bai-thi/{id}`, pages), so a request is counted under
/// the route it matched and the number of series stays bounded whatever clients send.
#[derive(Clone)]
pub struct Routes(Arc<matchit::Router<String>>);

impl Routes {
    /// Every server function, plain route and page of this build.
    pub fn of_app() -> Self {
        let list = crate::startup::route_list();
        let mut router = matchit::Router::new();
        let paths = ["server_functions", "routes"]
            .iter()
            .flat_map(|key| list[key].as_array().cloned().unwrap_or_default())
            .filter_map(|r| r["path"].as_str().map(str::to_owned))
            .chain(
                list["pages"].as_array().into_iter().flatten().filter_map(|p| p.as_str().map(str::to_owned)),
            );
        for path in paths {
            let pattern = axum_pattern(&path);
            // A page and a plain route may share a pattern: the first is kept.
            let _ = router.insert(pattern.clone(), pattern);
        }
        Self(Arc::new(router))
    }

    /// The pattern `path` matches, `/pkg/*` for static files, or `other`.
    pub fn label(&self, path: &str) -> String {
        if path.starts_with("/pkg/") {
            return "/pkg/*".to_owned();
        }
        self.0.at(path).map_or_else(|_| "other".to_owned(), |m| m.value.clone())
    }
}

/// `/a/:b/*c` (Leptos' spelling) as `/a/{b}/{*c}` (matchit's).
fn axum_pattern(path: &str) -> String {
    path.split('/')
        .map(|seg| {
            if let Some(name) = seg.strip_prefix(':') {
                format!("{{{name}}}")
            } else if let Some(name) = seg.strip_prefix('*') {
                format!("{{*{}}}", if name.is_empty() { "rest" } else { name })
            } else {
                seg.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Who may read `/metrics`: with `HOITHI_METRICS_TOKEN` set, whoever sends it as a bearer token;
/// without, only this machine, and not through the reverse proxy.
fn may_read_metrics(headers: &HeaderMap, peer: SocketAddr, token: Option<&str>) -> bool {
    match token {
        Some(token) if !token.is_empty() => headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .is_some_and(|sent| constant_time_eq(sent.as_bytes(), token.as_bytes())),
        _ => peer.ip().is_loopback() && !headers.contains_key("x-forwarded-for"),
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// `GET /metrics`: Prometheus text. Gauges (attempts running, pool, hashing queue) are read at
/// the scrape.
pub async fn metrics(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    let token = std::env::var("HOITHI_METRICS_TOKEN").ok();
    if !may_read_metrics(&headers, peer, token.as_deref()) {
        tracing::warn!(peer = %peer.ip(), "metrics refused");
        return (StatusCode::FORBIDDEN, "metrics are readable from this machine or with the token\n")
            .into_response();
    }
    let Some(handle) = PROMETHEUS.get() else {
        return (StatusCode::SERVICE_UNAVAILABLE, "metrics are off\n").into_response();
    };
    match store::attempts::count_running(&state.db, chrono::Utc::now()).await {
        Ok(n) => metrics::gauge!("hoithi_attempts_running").set(n as f64),
        Err(e) => tracing::warn!(error = %e, "counting running attempts failed"),
    }
    let (size, idle, max) = pool_usage(&state.db);
    metrics::gauge!("hoithi_db_pool_connections").set(f64::from(size));
    metrics::gauge!("hoithi_db_pool_idle").set(idle as f64);
    metrics::gauge!("hoithi_db_pool_max").set(f64::from(max));
    metrics::gauge!("hoithi_password_hashing_queued").set(store::password::queued() as f64);
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], handle.render()).into_response()
}

/// Connections open, idle, and the most the pool opens.
pub fn pool_usage(db: &sea_orm::DatabaseConnection) -> (u32, usize, u32) {
    if store::db::is_postgres(db) {
        let pool = db.get_postgres_connection_pool();
        (pool.size(), pool.num_idle(), pool.options().get_max_connections())
    } else {
        let pool = db.get_sqlite_connection_pool();
        (pool.size(), pool.num_idle(), pool.options().get_max_connections())
    }
}

/// Every 10 s, whether every connection of the pool was in use; one warning a minute at most
/// when it often was, instead of a line per waiting request.
pub async fn watch_pool(db: sea_orm::DatabaseConnection) {
    let mut every = tokio::time::interval(Duration::from_secs(10));
    let (mut samples, mut busy) = (0u32, 0u32);
    loop {
        every.tick().await;
        let (size, idle, max) = pool_usage(&db);
        samples += 1;
        if size >= max && idle == 0 {
            busy += 1;
        }
        if samples == 6 {
            if busy >= 3 {
                tracing::warn!(
                    busy_samples = busy,
                    of = samples,
                    connections = max,
                    "database pool was fully in use for most of the last minute; requests waited for a connection"
                );
            }
            (samples, busy) = (0, 0);
        }
    }
}

/// `GET /readyz`: 200 once this server can serve everything: the database answers, every
/// migration is applied and, on PostgreSQL, the listener for other servers' events listens.
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    use migration::MigratorTrait;
    if let Err(e) = state.db.ping().await {
        tracing::error!(error = %e, "readiness: database unreachable");
        return (StatusCode::SERVICE_UNAVAILABLE, "database unreachable\n");
    }
    match migration::Migrator::get_pending_migrations(&state.db).await {
        Ok(pending) if pending.is_empty() => {}
        Ok(_) => return (StatusCode::SERVICE_UNAVAILABLE, "migrations pending\n"),
        Err(e) => {
            tracing::error!(error = %e, "readiness: migrations unreadable");
            return (StatusCode::SERVICE_UNAVAILABLE, "migrations unreadable\n");
        }
    }
    if !state.events.is_listening() {
        return (StatusCode::SERVICE_UNAVAILABLE, "event listener not ready\n");
    }
    (StatusCode::OK, "ready\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slow_requests_are_summed_up_per_route_busiest_first() {
        let mut slow = SlowRequests::default();
        assert_eq!(slow.take_summary(), None);
        slow.add("/api/contestant/answer", 2100.0);
        slow.add("/api/contestant/start", 2500.0);
        slow.add("/api/contestant/answer", 3900.4);
        assert_eq!(
            slow.take_summary().as_deref(),
            Some("/api/contestant/answer: 2 (slowest 3900 ms), /api/contestant/start: 1 (slowest 2500 ms)")
        );
        assert_eq!(slow.take_summary(), None, "a report starts over");
    }

    #[test]
    fn leptos_patterns_become_matchit_patterns() {
        assert_eq!(axum_pattern("/ban-to-chuc/cau-hoi/:code"), "/ban-to-chuc/cau-hoi/{code}");
        assert_eq!(axum_pattern("/a/*rest"), "/a/{*rest}");
        assert_eq!(axum_pattern("/thi-sinh/bai-thi/{id}"), "/thi-sinh/bai-thi/{id}");
    }

    #[test]
    fn metrics_need_the_token_or_this_machine() {
        let local: SocketAddr = "127.0.0.1:5000".parse().expect("valid");
        let remote: SocketAddr = "203.0.113.9:5000".parse().expect("valid");
        let none = HeaderMap::new();
        assert!(may_read_metrics(&none, local, None));
        assert!(!may_read_metrics(&none, remote, None));
        let mut proxied = HeaderMap::new();
        proxied.insert("x-forwarded-for", "203.0.113.9".parse().expect("valid"));
        assert!(!may_read_metrics(&proxied, local, None), "through the proxy is not local");
        let mut bearer = HeaderMap::new();
        bearer.insert(header::AUTHORIZATION, "Bearer s3cret".parse().expect("valid"));
        assert!(may_read_metrics(&bearer, remote, Some("s3cret")));
        assert!(!may_read_metrics(&bearer, remote, Some("other")));
        assert!(!may_read_metrics(&none, local, Some("s3cret")), "with a token, this machine needs it too");
    }
}
