//! Organizers' server functions for teams: the stage overview, creating teams and their devices.

use crate::error::AppError;

pub use crate::wire::stage::*;
use leptos::prelude::*;

#[server(endpoint = "stage/overview")]
pub async fn get_stage_overview() -> Result<StageOverview, AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::stage::get_stage_overview(&state()?, &me).await.map_err(fail)
}

/// Sets the running order by hand: `order[TEAM_ID] = position` (blank: no number).
#[server(endpoint = "stage/order/save")]
pub async fn save_running_order(
    order: Option<std::collections::HashMap<String, String>>,
) -> Result<(), AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::stage::save_running_order(&state()?, &me, order).await.map_err(fail)
}

/// Draws the running order at random from a fresh seed, which is recorded with who drew it.
#[server(endpoint = "stage/order/draw")]
pub async fn draw_running_order() -> Result<OrderDraw, AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::stage::draw_running_order(&state()?, &me).await.map_err(fail)
}

/// Creates a team for every unit that has none.
#[server(endpoint = "stage/teams/create")]
pub async fn create_teams() -> Result<usize, AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::stage::create_teams(&state()?, &me).await.map_err(fail)
}

/// Gives every team without one a device account for the live round; returns (team, login,
/// password) for the new ones, shown once.
#[server(endpoint = "stage/team-accounts")]
pub async fn create_team_accounts() -> Result<Vec<(String, String, String)>, AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::stage::create_team_accounts(&state()?, &me).await.map_err(fail)
}

/// Updates a team: name, official members (one per line, at most 5) and the reserve.
#[server(endpoint = "stage/team/save")]
pub async fn save_team(id: i32, name: String, members: String, reserve: String) -> Result<(), AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::stage::save_team(&state()?, &me, id, name, members, reserve).await.map_err(fail)
}
