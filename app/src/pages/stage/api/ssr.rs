//! Server-side helpers of the stage server functions: error mapping, role checks, change events.

use crate::{error::AppError, ssr::fail};
use store::stage::StageError;

pub fn stage_error(e: StageError) -> AppError {
    let message = e.to_string();
    fail(match e {
        StageError::NotFound => AppError::NotFound,
        StageError::Recused | StageError::NotAssigned => AppError::Refused(message),
        StageError::Points { .. }
        | StageError::MissingReason
        | StageError::Incomplete
        | StageError::WrongShape => AppError::Invalid(message),
        StageError::Store(e) => return crate::ssr::store_error(e),
        _ => AppError::Conflict(message),
    })
}

/// The signed-in judge's account row.
pub async fn judge() -> Result<store::entity::user::Model, AppError> {
    Ok(crate::ssr::require_caller(&[domain::Role::Judge]).await?.user)
}

/// The head judge or an organizer.
pub async fn head_or_organizer() -> Result<crate::auth::CurrentUser, AppError> {
    let me = crate::ssr::require(&[domain::Role::Judge, domain::Role::Organizer]).await?;
    if me.role == domain::Role::Judge && !me.is_head_judge {
        return Err(fail(AppError::Forbidden));
    }
    Ok(me)
}

/// Tells the stage pages open anywhere (organizers, head judge, secretary) that something
/// changed, so they refetch within a second.
pub async fn changed() {
    if let Ok(state) = crate::ssr::state() {
        state.events.publish(&state.db, super::STAGE_TOPIC).await;
    }
}

pub fn status_label(s: store::stage::PartStatus) -> String {
    s.as_str().to_owned()
}
