//! The quiz form posted without JavaScript: saves every answer on the page, then goes back to
//! the quiz ("Lưu bài") or submits ("Nộp bài", once confirmed). An adapter over
//! `service::attempts`, with the same checks as the hydrated quiz.

use super::{errors, guard};
use app::{
    error::AppError,
    service::{
        attempts::{self, AfterForm, QuizForm},
        caller::{Contestant, Identified},
        request::client_address,
    },
    ssr::AppState,
};
use axum::{
    Form,
    extract::{ConnectInfo, Path, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use std::net::SocketAddr;

pub async fn post(
    State(state): State<AppState>,
    caller: Identified,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let me = match guard::require::<Contestant>(&caller, &format!("/thi-sinh/bai-thi/{id}")) {
        Ok(me) => me,
        Err(response) => return response,
    };
    let mut form = QuizForm::default();
    for (key, value) in &fields {
        match key.as_str() {
            "action" => form.submit = value == "submit",
            "confirm" => form.confirmed = value == "yes",
            "shown" => form.shown.extend(value.parse::<i32>().ok()),
            "prediction" if !value.trim().is_empty() => form.prediction = Some(value.trim().to_owned()),
            _ => {
                if let Some(position) = key.strip_prefix('q').and_then(|p| p.parse::<i32>().ok()) {
                    match value.parse::<usize>() {
                        Ok(option) => form.choices.entry(position).or_default().push(option),
                        Err(_) => {
                            return errors::page(
                                StatusCode::UNPROCESSABLE_ENTITY,
                                "Phương án đã chọn không hợp lệ.",
                            );
                        }
                    }
                }
            }
        }
    }
    let client = client_address(&headers, Some(peer.ip()), state.behind_proxy);
    match attempts::save_form(&state, &me, id, form, &client).await {
        Ok(AfterForm::Result) => Redirect::to(&format!("/thi-sinh/ket-qua/{id}")).into_response(),
        Ok(AfterForm::Quiz(anchor)) => {
            Redirect::to(&format!("/thi-sinh/bai-thi/{id}#{anchor}")).into_response()
        }
        Err(AppError::Internal) => errors::internal("saving answers failed", &"see the log above"),
        Err(e) => {
            errors::page(StatusCode::from_u16(e.status()).unwrap_or(StatusCode::BAD_REQUEST), &e.to_string())
        }
    }
}
