//! The stage audit log.

use super::*;
use crate::entity::score_audit;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait, QueryOrder};

/// Writes one entry of the audit log.
#[allow(clippy::too_many_arguments)]
pub(super) async fn audit(
    db: &impl ConnectionTrait,
    part_id: i32,
    team_id: i32,
    judge_id: Option<i32>,
    action: &str,
    field: Option<String>,
    old: Option<String>,
    new: Option<String>,
    reason: Option<String>,
    by: i32,
) -> Result<()> {
    score_audit::ActiveModel {
        part_id: Set(part_id),
        team_id: Set(team_id),
        judge_id: Set(judge_id),
        action: Set(action.to_owned()),
        field: Set(field),
        old_value: Set(old),
        new_value: Set(new),
        reason: Set(reason),
        by_user: Set(by),
        at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The audit log, newest first.
pub async fn audit_log(db: &impl ConnectionTrait) -> Result<Vec<score_audit::Model>> {
    Ok(score_audit::Entity::find().order_by_desc(score_audit::Column::Id).all(db).await?)
}
