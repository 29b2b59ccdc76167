//! The stage contest's standings and their publishing.

use super::*;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "results/stage")]
pub async fn get_stage_results() -> Result<StageResults, AppError> {
    use crate::ssr::{current_user, db, fail, store_error};
    let db = db()?;
    let organizer = current_user().await?.is_some_and(|u| u.role == domain::Role::Organizer);
    if !organizer && !store::results::stage_published(&db).await.map_err(store_error)? {
        return Err(fail(AppError::Conflict("Kết quả chung cuộc vòng chung kết chưa được công bố.".into())));
    }
    ssr::stage_results(&db).await
}

#[server(endpoint = "results/stage/publish")]
pub async fn publish_stage(published: bool) -> Result<(), AppError> {
    use crate::ssr::{db, fail, require, store_error};
    require(&[domain::Role::Organizer]).await?;
    let db = db()?;
    if published && let Some(why) = ssr::stage_results(&db).await?.publish_blocker {
        return Err(fail(AppError::Conflict(why)));
    }
    store::results::put_setting(&db, "stage_published", if published { "true" } else { "false" })
        .await
        .map_err(store_error)?;
    store::results::bump_stage_version(&db).await.map_err(store_error)
}
