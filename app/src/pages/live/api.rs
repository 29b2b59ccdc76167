//! Server functions of the live knowledge round: setup, host commands, team devices, projector.
// Server functions here take one argument per form field, so the forms work without JavaScript.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;

pub use crate::wire::live::*;
use leptos::prelude::*;
use std::collections::HashMap;

#[server(endpoint = "live/list")]
pub async fn live_rounds() -> Result<Vec<LiveRow>, AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::live::live_rounds(&state()?, &me).await.map_err(fail)
}

/// The bank's topics, for drawing live questions by topic.
#[server(endpoint = "live/topics")]
pub async fn live_topics() -> Result<Vec<(String, String)>, AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::live::live_topics(&state()?, &me).await.map_err(fail)
}

/// Creates a live round: questions by bank codes (comma-separated) or `draw` of them at random;
/// the teams ticked (none: every team with a device account).
#[server(endpoint = "live/create")]
pub async fn create_live_round(
    name: String,
    codes: String,
    draw: String,
    question_secs: String,
    points: String,
    speed_bonus: String,
    teams: Option<HashMap<String, String>>,
    topic: Option<String>,
    difficulty: Option<String>,
    as_of: Option<String>,
) -> Result<i32, AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    let id = crate::service::live::create_live_round(
        &state()?,
        &me,
        name,
        codes,
        draw,
        question_secs,
        points,
        speed_bonus,
        teams,
        topic,
        difficulty,
        as_of,
    )
    .await
    .map_err(fail)?;
    leptos_axum::redirect(&format!("/ban-to-chuc/truc-tiep/{id}"));
    Ok(id)
}

/// The host's view (with the key).
#[server(endpoint = "live/host")]
pub async fn host_view(id: i32) -> Result<LiveView, AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::live::host_view(&state()?, &me, id).await.map_err(fail)
}

/// A host command: next | start | pause | resume | lock | reveal | scoreboard | end.
#[server(endpoint = "live/command")]
pub async fn live_command(id: i32, command: String) -> Result<(), AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::live::live_command(&state()?, &me, id, command).await.map_err(fail)
}

#[server(endpoint = "live/void")]
pub async fn void_question(
    id: i32,
    question: i32,
    reason: String,
    action: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::live::void_question(&state()?, &me, id, question, reason, action).await.map_err(fail)
}

/// The projector's view: no key before the reveal.
#[server(endpoint = "live/projector")]
pub async fn projector_view(id: i32) -> Result<LiveView, AppError> {
    use crate::ssr::{fail, state};
    crate::service::live::projector_view(&state()?, id).await.map_err(fail)
}

/// The signed-in team's device: the live round it plays (the newest not ended, else the newest).
#[server(endpoint = "live/team")]
pub async fn team_view() -> Result<Option<LiveView>, AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::TeamDevice>().await?;
    crate::service::live::team_view(&state()?, &me).await.map_err(fail)
}

/// A team answers the current question (may change it until the timer ends).
#[server(endpoint = "live/answer")]
pub async fn team_answer(id: i32, option: usize) -> Result<(), AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::TeamDevice>().await?;
    crate::service::live::team_answer(&state()?, &me, id, option).await.map_err(fail)
}
