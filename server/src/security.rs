//! Request guards and response headers every route shares: cross-site posts refused, a
//! Content-Security-Policy and `Cache-Control` on every response.

use crate::routes::errors;
use axum::{
    body::Body,
    extract::State,
    http::{HeaderValue, Method, Request, StatusCode, header},
    middleware::Next,
    response::Response,
};
use domain::request::{NOT_A_PAGE_POLICY, Provenance, content_security_policy, same_origin};

/// Refuses state-changing requests sent by pages of other sites (by `Origin`, else `Referer` or
/// `Sec-Fetch-Site`).
pub async fn refuse_cross_site(State(behind_proxy): State<bool>, req: Request<Body>, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let headers = req.headers();
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let host = if behind_proxy { text("x-forwarded-host").or_else(|| text("host")) } else { text("host") };
    let sent =
        Provenance { origin: text("origin"), referer: text("referer"), fetch_site: text("sec-fetch-site") };
    if same_origin(sent, host) {
        return next.run(req).await;
    }
    tracing::warn!(method = %req.method(), path = req.uri().path(), "cross-site request refused");
    let message = "Yêu cầu không hợp lệ: gửi từ một trang web khác.";
    if req.uri().path().starts_with("/api/") {
        errors::json(StatusCode::FORBIDDEN, &app::error::AppError::Refused(message.into()))
    } else {
        errors::page(StatusCode::FORBIDDEN, message)
    }
}

/// Static files: the only responses a browser or proxy may keep.
fn is_static(path: &str) -> bool {
    path.starts_with("/pkg/") || path == "/favicon.svg"
}

/// Adds `Cache-Control: no-store` to everything but static files (pages and data may be a
/// signed-in user's own) and a lifetime to static files (a year for hashed names), and a
/// Content-Security-Policy where a response did not set its own: the pages' policy without a
/// nonce for HTML (pages rendered by the app set one with the nonce of their hydration script),
/// and one that allows nothing for everything else.
pub async fn headers(req: Request<Body>, next: Next) -> Response {
    let path = req.uri().path();
    let lifetime = is_static(path).then(|| crate::assets::cache_control(path));
    let mut res = next.run(req).await;
    let found = res.status().is_success() || res.status() == StatusCode::NOT_MODIFIED;
    let headers = res.headers_mut();
    match lifetime {
        Some(lifetime) if found => {
            headers.insert(header::CACHE_CONTROL, lifetime);
        }
        _ if !headers.contains_key(header::CACHE_CONTROL) => {
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        }
        _ => {}
    }
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        let page = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| t.starts_with("text/html"));
        let csp = if page {
            HeaderValue::from_str(&content_security_policy(None)).ok()
        } else {
            Some(HeaderValue::from_static(NOT_A_PAGE_POLICY))
        };
        if let Some(csp) = csp {
            headers.insert(header::CONTENT_SECURITY_POLICY, csp);
        }
    }
    res
}

/// Resolves the caller once per request (session, then account and unit in one query) for every
/// server function, page and route to read; server functions whose endpoint needs a role are
/// refused here, before their arguments are read.
pub async fn identify(
    State(state): State<app::ssr::AppState>,
    session: tower_sessions::Session,
    mut req: Request<Body>,
    next: Next,
) -> Response {
    use app::{error::AppError, ssr};
    let path = req.uri().path();
    if is_static(path) || matches!(path, "/healthz" | "/readyz" | "/metrics") {
        return next.run(req).await;
    }
    let caller = match ssr::resolve_caller(&state.db, &session).await {
        Ok(caller) => {
            if let (Some(c), Some(span)) = (&caller, req.extensions().get::<crate::observe::RequestSpan>()) {
                span.record_user(c.current.id);
            }
            caller
        }
        Err(e) if path.starts_with("/api/") => return errors::json(status_of(&e), &e),
        Err(_) => return errors::page(StatusCode::INTERNAL_SERVER_ERROR, errors::SYSTEM_PROBLEM),
    };
    if let Some(endpoint) = path.strip_prefix("/api/")
        && let Some(roles) = ssr::endpoint_roles(endpoint)
        && let Err(e) = ssr::authorize(caller.as_ref(), roles)
    {
        if matches!(e, AppError::Unauthorized) {
            tracing::info!(method = %req.method(), path, "signed-out call refused");
        }
        // Read what was sent (within the size limit) so the client gets the answer rather than
        // a connection closed under its feet.
        let _ = axum::body::to_bytes(req.into_body(), crate::startup::SERVER_FN_BODY_LIMIT).await;
        return errors::json(status_of(&e), &e);
    }
    req.extensions_mut().insert(ssr::Identified(caller));
    next.run(req).await
}

fn status_of(e: &app::error::AppError) -> StatusCode {
    StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}
