//! Online rounds' results: the organizers' hub, boards, publishing and prize settings.
// Server functions here take one argument per form field, so the forms work without JavaScript.
#![allow(clippy::too_many_arguments)]

use super::*;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "results/hub")]
pub async fn get_results_hub() -> Result<ResultsHub, AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::results::get_results_hub(&state()?, &me).await.map_err(fail)
}

/// A round's results: always for organizers, for everyone else once published.
#[server(endpoint = "results/round")]
pub async fn get_round_results(id: i32) -> Result<RoundResults, AppError> {
    use crate::ssr::{fail, state};
    let caller = crate::ssr::caller().await?;
    crate::service::results::get_round_results(&state()?, caller.as_ref(), id).await.map_err(fail)
}

/// Unit standings across every online round (organizers: all rounds; others: published ones).
#[server(endpoint = "results/all-rounds")]
pub async fn get_all_rounds() -> Result<Vec<UnitRow>, AppError> {
    use crate::ssr::{fail, state};
    let caller = crate::ssr::caller().await?;
    crate::service::results::get_all_rounds(&state()?, caller.as_ref()).await.map_err(fail)
}

#[server(endpoint = "results/round/publish")]
pub async fn publish_round(id: i32, published: bool) -> Result<(), AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::results::publish_round(&state()?, &me, id, published).await.map_err(fail)
}

/// Confirms the proposed prize list of a round ("round:ID") or of the stage contest ("stage").
#[server(endpoint = "results/confirm")]
pub async fn confirm_prizes(scope: String) -> Result<(), AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::results::confirm_prizes(&state()?, &me, scope).await.map_err(fail)
}

/// Prize counts: online round, stage contest and collective (per group), each "nhất,nhì,ba,kk".
#[server(endpoint = "results/prizes")]
pub async fn save_prizes(
    online: String,
    stage: String,
    collective: String,
    collective_min_rate: Option<String>,
    stage_rest: Option<String>,
    best_sketch: Option<String>,
    best_greeting: Option<String>,
    audience: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    let extras = crate::service::results::StageExtras {
        counts: stage,
        rest_encouraged: stage_rest.is_some_and(|v| v == "true" || v == "on"),
        best_sketch,
        best_greeting,
        audience,
    };
    crate::service::results::save_prizes(&state()?, &me, online, collective, collective_min_rate, extras)
        .await
        .map_err(fail)
}
