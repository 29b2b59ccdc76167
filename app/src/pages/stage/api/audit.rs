//! The stage audit log.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use super::ssr;

/// An audit entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    pub at_ms: i64,
    pub by: String,
    pub part: String,
    pub team: String,
    pub judge: String,
    pub action: String,
    pub field: String,
    pub old: String,
    pub new: String,
    pub reason: String,
}

#[server(endpoint = "stage/audit")]
pub async fn audit_log() -> Result<Vec<AuditRow>, AppError> {
    use crate::ssr::{db, require};
    require(&[domain::Role::Organizer]).await?;
    audit_rows(&db()?).await
}

/// The audit log with names, newest first (also used by the CSV export).
#[cfg(feature = "ssr")]
pub async fn audit_rows(db: &sea_orm::DatabaseConnection) -> Result<Vec<AuditRow>, AppError> {
    use sea_orm::EntityTrait;
    let log = store::stage::audit_log(db).await.map_err(ssr::stage_error)?;
    let users: std::collections::HashMap<i32, String> = store::entity::user::Entity::find()
        .all(db)
        .await
        .map_err(|e| crate::ssr::store_error(e.into()))?
        .into_iter()
        .map(|u| (u.id, u.full_name))
        .collect();
    let parts = store::stage::parts(db).await.map_err(ssr::stage_error)?;
    let teams = store::stage::teams(db).await.map_err(ssr::stage_error)?;
    Ok(log
        .into_iter()
        .map(|a| AuditRow {
            at_ms: a.at.timestamp_millis(),
            by: users.get(&a.by_user).cloned().unwrap_or_default(),
            part: parts.iter().find(|p| p.id == a.part_id).map(|p| p.rules.name.clone()).unwrap_or_default(),
            team: teams
                .iter()
                .find(|(t, _)| t.id == a.team_id)
                .map(|(t, _)| t.name.clone())
                .unwrap_or_default(),
            judge: a.judge_id.and_then(|j| users.get(&j).cloned()).unwrap_or_default(),
            action: action_label(&a.action).to_owned(),
            field: a.field.unwrap_or_default(),
            old: a.old_value.unwrap_or_default(),
            new: a.new_value.unwrap_or_default(),
            reason: a.reason.unwrap_or_default(),
        })
        .collect())
}

/// Vietnamese names of audit actions.
pub fn action_label(action: &str) -> &str {
    match action {
        "score" => "Chấm điểm",
        "submit" => "Nộp phiếu",
        "unlock" => "Mở khóa phiếu",
        "penalty" => "Điểm trừ",
        "divergence_reviewed" => "Xác nhận chênh lệch",
        "lock" => "Khóa phần thi",
        "publish" => "Công bố",
        other => other,
    }
}
