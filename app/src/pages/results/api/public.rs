//! What anyone may see once published: the projector, a contestant's own standing, versions.

use super::*;
use crate::error::AppError;
use leptos::prelude::*;

/// Everything published, for the projector (no sign-in needed; nothing unpublished).
#[server(endpoint = "results/projector")]
pub async fn get_projector_data() -> Result<ProjectorData, AppError> {
    use crate::ssr::{fail, state};
    crate::service::results::get_projector_data(&state()?).await.map_err(fail)
}

/// The signed-in contestant's rank and unit standing in each published round.
#[server(endpoint = "results/mine")]
pub async fn get_my_standing() -> Result<Vec<MyStanding>, AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Contestant>().await?;
    crate::service::results::get_my_standing(&state()?, &me).await.map_err(fail)
}

/// The current version of every board (the projector reloads its data when it changes).
#[server(endpoint = "results/version")]
pub async fn get_board_version() -> Result<i64, AppError> {
    use crate::ssr::{fail, state};
    crate::service::results::get_board_version(&state()?).await.map_err(fail)
}
