//! The stage contest's standings and their publishing.

use super::*;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "results/stage")]
pub async fn get_stage_results() -> Result<StageResults, AppError> {
    use crate::ssr::{fail, state};
    let caller = crate::ssr::caller().await?;
    crate::service::results::get_stage_results(&state()?, caller.as_ref()).await.map_err(fail)
}

#[server(endpoint = "results/stage/publish")]
pub async fn publish_stage(published: bool) -> Result<(), AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::results::publish_stage(&state()?, &me, published).await.map_err(fail)
}

/// The certificates of a confirmed prize list ("stage" or "round:{id}"), for organizers.
#[server(endpoint = "results/certificates")]
pub async fn get_certificates(scope: String) -> Result<Certificates, AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::results::get_certificates(&state()?, &me, &scope).await.map_err(fail)
}
