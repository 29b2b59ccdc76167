//! Server functions of the organizers' online rounds: the list with progress, the settings
//! form, saving and the paper audit.
// Server functions here take one argument per form field, so the forms work without JavaScript.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
pub use crate::wire::rounds::*;
use leptos::prelude::*;
use std::collections::HashMap;

#[server(endpoint = "organizer/rounds")]
pub async fn list_rounds() -> Result<Vec<RoundRow>, AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::rounds::list_rounds(&state()?, &me).await.map_err(fail)
}

#[server(endpoint = "organizer/round")]
pub async fn get_round_form(id: Option<i32>) -> Result<RoundForm, AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::rounds::get_round_form(&state()?, &me, id).await.map_err(fail)
}

/// Creates (no `id`) or updates a round, checking that the bank can fill its blueprint.
#[server(endpoint = "organizer/round/save")]
pub async fn save_round(
    id: Option<i32>,
    name: String,
    opens: String,
    closes: String,
    time_limit_minutes: String,
    attempts_allowed: String,
    prediction_enabled: Option<String>,
    review_policy: String,
    units: Option<HashMap<String, String>>,
    blueprint: Option<Vec<BlueprintRow>>,
    freeze_minutes: Option<String>,
    as_of: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    let form = RoundInput {
        id,
        name,
        opens,
        closes,
        time_limit_minutes,
        attempts_allowed,
        prediction_enabled,
        review_policy,
        units,
        blueprint,
        freeze_minutes,
        as_of,
    };
    if let Some(created) = crate::service::rounds::save_round(&state()?, &me, form).await.map_err(fail)? {
        leptos_axum::redirect(&format!("/ban-to-chuc/vong-thi/{created}"));
    }
    Ok(())
}

/// Audit for complaints: draws the attempt's paper again from its stored seed and compares.
#[server(endpoint = "organizer/attempt/verify")]
pub async fn verify_attempt(attempt_id: i64) -> Result<bool, AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::rounds::verify_attempt(&state()?, &me, attempt_id).await.map_err(fail)
}
