//! The stage audit log.

use crate::error::AppError;

pub use crate::wire::stage::*;
use leptos::prelude::*;

#[server(endpoint = "stage/audit")]
pub async fn audit_log() -> Result<Vec<AuditRow>, AppError> {
    use crate::ssr::{caller_as, fail, state};
    let me = caller_as::<crate::service::caller::Organizer>().await?;
    crate::service::stage::audit_log(&state()?, &me).await.map_err(fail)
}
