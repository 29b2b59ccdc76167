//! The secretary's server functions: timers and penalties.

use crate::error::AppError;

pub use crate::wire::stage::*;
use leptos::prelude::*;

#[server(endpoint = "secretary/timers")]
pub async fn get_secretary_view(part_id: Option<i32>) -> Result<SecretaryView, AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Timekeeper>().await?;
    crate::service::stage::get_secretary_view(&state()?, &me, part_id).await.map_err(fail)
}

/// start | pause | stop | reset.
#[server(endpoint = "secretary/timer")]
pub async fn timer_action(part_id: i32, team_id: i32, action: String) -> Result<(), AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Timekeeper>().await?;
    crate::service::stage::timer_action(&state()?, &me, part_id, team_id, action).await.map_err(fail)
}

/// Corrects a penalty (points to deduct, "0,5") with a reason.
#[server(endpoint = "secretary/penalty")]
pub async fn correct_penalty(
    part_id: i32,
    team_id: i32,
    deduction: String,
    reason: String,
) -> Result<(), AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Timekeeper>().await?;
    crate::service::stage::correct_penalty(&state()?, &me, part_id, team_id, deduction, reason)
        .await
        .map_err(fail)
}
