//! The quiz form posted without JavaScript: saves every answer on the page, then goes back to
//! the quiz ("Lưu bài") or submits ("Nộp bài").

use super::{errors, guard};
use app::ssr::AppState;
use axum::{
    Form,
    extract::{ConnectInfo, Path, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use domain::Role;
use std::{collections::BTreeMap, net::SocketAddr};
use store::attempts::{self, AttemptError};

fn refused(e: AttemptError, id: i64) -> Response {
    match e {
        AttemptError::Finished => Redirect::to(&format!("/thi-sinh/ket-qua/{id}")).into_response(),
        AttemptError::NotFound => errors::page(StatusCode::NOT_FOUND, &e.to_string()),
        AttemptError::NotYours => errors::page(StatusCode::FORBIDDEN, &e.to_string()),
        AttemptError::Store(inner) => errors::internal("saving answers failed", &inner),
        other => errors::page(StatusCode::UNPROCESSABLE_ENTITY, &other.to_string()),
    }
}

pub async fn post(
    State(state): State<AppState>,
    caller: app::ssr::Identified,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let me = match guard::require(&caller, Role::Contestant, &format!("/thi-sinh/bai-thi/{id}")) {
        Ok(caller) => caller.user,
        Err(response) => return response,
    };
    let ip = match headers
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok())
        .and_then(domain::request::forwarded_client)
    {
        Some(forwarded) if state.behind_proxy => forwarded.to_owned(),
        _ => peer.ip().to_string(),
    };
    let mut choices: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
    let mut shown = Vec::new();
    let mut prediction = None;
    let mut submit = false;
    let mut confirmed = false;
    for (key, value) in &fields {
        match key.as_str() {
            "action" => submit = value == "submit",
            "shown" => shown.extend(value.parse::<i32>().ok()),
            "confirm" => confirmed = value == "yes",
            "prediction" if !value.trim().is_empty() => prediction = Some(value.trim().to_owned()),
            _ => {
                if let Some(position) = key.strip_prefix('q').and_then(|p| p.parse::<i32>().ok()) {
                    match value.parse::<usize>() {
                        Ok(option) => choices.entry(position).or_default().push(option),
                        Err(_) => return refused(AttemptError::BadOption, id),
                    }
                }
            }
        }
    }
    let now = chrono::Utc::now();
    for (position, chosen) in &choices {
        if let Err(e) = attempts::save_answer(&state.db, id, me.id, *position, chosen, now, &ip).await {
            return refused(e, id);
        }
    }
    if let Some(p) = prediction {
        match p.replace('.', "").parse::<i64>() {
            Ok(value) => match attempts::save_prediction(&state.db, id, me.id, value, now).await {
                Ok(()) | Err(AttemptError::NoPrediction) => {}
                Err(e) => return refused(e, id),
            },
            Err(_) => return refused(AttemptError::BadPrediction, id),
        }
    }
    // Submitting cannot be undone: without the confirmation box ticked, the answers are only saved.
    if submit && confirmed {
        return match attempts::submit(&state.db, id, me.id, now).await {
            Ok(_) => Redirect::to(&format!("/thi-sinh/ket-qua/{id}")).into_response(),
            Err(e) => refused(e, id),
        };
    }
    // Back where the contestant goes on: the first question still unanswered, else the submit
    // button, rather than the top of a long page.
    let anchor = match shown.iter().find(|p| !choices.contains_key(p)) {
        Some(p) => format!("cau-{p}"),
        None => "nop-bai".to_owned(),
    };
    Redirect::to(&format!("/thi-sinh/bai-thi/{id}#{anchor}")).into_response()
}
