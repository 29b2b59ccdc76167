//! Judges' server functions: their parts, their sheets, saving and submitting scores.

use crate::error::AppError;

pub use crate::wire::stage::*;
use leptos::prelude::*;

#[server(endpoint = "judge/home")]
pub async fn get_judge_home() -> Result<JudgeHome, AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Judge>().await?;
    crate::service::stage::get_judge_home(&state()?, &me).await.map_err(fail)
}

#[server(endpoint = "judge/sheet")]
pub async fn get_sheet(part_id: i32, team_id: i32) -> Result<SheetView, AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Judge>().await?;
    crate::service::stage::get_sheet(&state()?, &me, part_id, team_id).await.map_err(fail)
}

/// Saves a sheet (`submit` = "true" locks it). Scores are typed values ("7,25"), one per criterion.
#[server(endpoint = "judge/sheet/save")]
pub async fn save_sheet(
    part_id: i32,
    team_id: i32,
    scores: Vec<String>,
    submit: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Judge>().await?;
    crate::service::stage::save_sheet(&state()?, &me, part_id, team_id, scores, submit).await.map_err(fail)
}
