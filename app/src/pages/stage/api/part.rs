//! Server functions of one part: its detail, rules, locking, publishing, unlocking sheets and
//! reviewing divergent scores (organizers and the head judge).

use crate::error::AppError;

pub use crate::wire::stage::*;
use leptos::prelude::*;

#[server(endpoint = "stage/part")]
pub async fn get_part_detail(id: i32) -> Result<PartDetail, AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Supervisor>().await?;
    crate::service::stage::get_part_detail(&state()?, &me, id).await.map_err(fail)
}

/// Changes a part's rubric (criteria "Tên: điểm" one per line), step, aggregation, time limit
/// and divergence share; only before any sheet exists.
#[server(endpoint = "stage/part/rules")]
pub async fn save_part_rules(
    id: i32,
    name: String,
    criteria: String,
    step: String,
    aggregation: String,
    time_limit_minutes: String,
    divergence_percent: String,
) -> Result<(), AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::stage::save_part_rules(
        &state()?,
        &me,
        id,
        name,
        criteria,
        step,
        aggregation,
        time_limit_minutes,
        divergence_percent,
    )
    .await
    .map_err(fail)
}

#[server(endpoint = "stage/part/lock")]
pub async fn lock_part(id: i32) -> Result<(), AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Supervisor>().await?;
    crate::service::stage::lock_part(&state()?, &me, id).await.map_err(fail)
}

#[server(endpoint = "stage/part/publish")]
pub async fn publish_part(id: i32) -> Result<(), AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::stage::publish_part(&state()?, &me, id).await.map_err(fail)
}

#[server(endpoint = "stage/sheet/unlock")]
pub async fn unlock_sheet(sheet_id: i32, reason: String) -> Result<(), AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Supervisor>().await?;
    crate::service::stage::unlock_sheet(&state()?, &me, sheet_id, reason).await.map_err(fail)
}

#[server(endpoint = "stage/divergence/review")]
pub async fn review_divergence(part_id: i32, team_id: i32, note: String) -> Result<(), AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Supervisor>().await?;
    crate::service::stage::review_divergence(&state()?, &me, part_id, team_id, note).await.map_err(fail)
}
