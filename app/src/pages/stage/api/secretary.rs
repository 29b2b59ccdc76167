//! The secretary's server functions: timers and penalties.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use super::ssr;

/// A team's timer and penalty, for the secretary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimerRow {
    pub team_id: i32,
    pub team: String,
    pub state: String,
    pub elapsed_ms: i64,
    pub limit_secs: u32,
    pub penalty: Option<String>,
    pub penalty_reason: String,
}

/// The secretary's page for one part.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SecretaryView {
    pub parts: Vec<(i32, String)>,
    pub part_id: i32,
    pub timers: Vec<TimerRow>,
}

#[server(endpoint = "secretary/timers")]
pub async fn get_secretary_view(part_id: Option<i32>) -> Result<SecretaryView, AppError> {
    use crate::ssr::{db, require};
    require(&[domain::Role::Secretary, domain::Role::Organizer]).await?;
    let db = db()?;
    let parts = store::stage::parts(&db).await.map_err(ssr::stage_error)?;
    let part = part_id.and_then(|id| parts.iter().find(|p| p.id == id)).or(parts.first()).cloned();
    let Some(part) = part else {
        return Ok(SecretaryView { parts: Vec::new(), part_id: 0, timers: Vec::new() });
    };
    let penalties = store::stage::results(&db, &part).await.map_err(ssr::stage_error)?;
    let now = chrono::Utc::now();
    let mut timers = Vec::new();
    for (t, _) in store::stage::teams(&db).await.map_err(ssr::stage_error)? {
        let timer = store::stage::timer(&db, part.id, t.id).await.map_err(ssr::stage_error)?;
        let p = penalties.iter().find(|r| r.team_id == t.id);
        let reason = penalty_reason(&db, part.id, t.id).await?;
        timers.push(TimerRow {
            team_id: t.id,
            team: store::stage::display_name(&t),
            elapsed_ms: store::stage::elapsed_at(&timer, now),
            state: timer.state,
            limit_secs: part.rules.time_limit_secs,
            penalty: reason.as_ref().and(p.map(|p| p.penalty.to_string())),
            penalty_reason: reason.unwrap_or_default(),
        });
    }
    Ok(SecretaryView {
        parts: parts.iter().map(|p| (p.id, p.rules.name.clone())).collect(),
        part_id: part.id,
        timers,
    })
}

#[cfg(feature = "ssr")]
async fn penalty_reason(
    db: &sea_orm::DatabaseConnection,
    part_id: i32,
    team_id: i32,
) -> Result<Option<String>, AppError> {
    use sea_orm::EntityTrait;
    store::entity::penalty::Entity::find_by_id((part_id, team_id))
        .one(db)
        .await
        .map(|p| p.map(|p| p.reason))
        .map_err(|e| crate::ssr::store_error(e.into()))
}

/// start | pause | stop | reset.
#[server(endpoint = "secretary/timer")]
pub async fn timer_action(part_id: i32, team_id: i32, action: String) -> Result<(), AppError> {
    use crate::ssr::{db, fail, require};
    use store::stage::TimerAction;
    let me = require(&[domain::Role::Secretary, domain::Role::Organizer]).await?;
    let action = match action.as_str() {
        "start" => TimerAction::Start,
        "pause" => TimerAction::Pause,
        "stop" => TimerAction::Stop,
        "reset" => TimerAction::Reset,
        _ => return Err(fail(AppError::invalid("Thao tác đồng hồ không hợp lệ."))),
    };
    store::stage::timer_action(&db()?, part_id, team_id, action, me.id, chrono::Utc::now())
        .await
        .map_err(ssr::stage_error)?;
    ssr::changed().await;
    Ok(())
}

/// Corrects a penalty (points to deduct, "0,5") with a reason.
#[server(endpoint = "secretary/penalty")]
pub async fn correct_penalty(
    part_id: i32,
    team_id: i32,
    deduction: String,
    reason: String,
) -> Result<(), AppError> {
    use crate::ssr::{db, fail, require};
    use domain::stage::{Hundredths, Quarters};
    let me = require(&[domain::Role::Secretary, domain::Role::Organizer]).await?;
    let q = Quarters::parse(&deduction, Quarters(400), Quarters(2))
        .map_err(|e| fail(AppError::Invalid(format!("Điểm trừ: {e}"))))?;
    store::stage::correct_penalty(&db()?, part_id, team_id, Hundredths::from(q), &reason, me.id)
        .await
        .map_err(ssr::stage_error)?;
    ssr::changed().await;
    Ok(())
}
