//! The secretary's timers and the penalties they turn into.

use super::{audit::audit, *};
use crate::entity::{penalty, stage_timer, team};
use chrono::{DateTime, Utc};
use domain::stage::status::TimerState;
use domain::stage::{Hundredths, penalty::overtime_penalty};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DatabaseConnection, EntityTrait, TransactionTrait,
};

/// A timer action of the secretary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimerAction {
    Start,
    Pause,
    Stop,
    Reset,
}

/// The timer of a team in a part (an idle one if never started).
pub async fn timer(db: &impl ConnectionTrait, part_id: i32, team_id: i32) -> Result<stage_timer::Model> {
    Ok(stage_timer::Entity::find_by_id((part_id, team_id)).one(db).await?.unwrap_or(stage_timer::Model {
        part_id,
        team_id,
        state: TimerState::Idle,
        running_since: None,
        elapsed_ms: 0,
    }))
}

/// Milliseconds a timer shows at `now`.
pub fn elapsed_at(t: &stage_timer::Model, now: DateTime<Utc>) -> i64 {
    t.elapsed_ms + t.running_since.map_or(0, |since| (now - since).num_milliseconds().max(0))
}

/// Applies a timer action. Stopping turns overtime into the part's penalty.
pub async fn timer_action(
    db: &DatabaseConnection,
    part_id: i32,
    team_id: i32,
    action: TimerAction,
    by: i32,
    now: DateTime<Utc>,
) -> Result<stage_timer::Model> {
    let part = part(db, part_id).await?;
    if part.status == PartStatus::Published {
        return Err(StageError::PartPublished);
    }
    team::Entity::find_by_id(team_id).one(db).await?.ok_or(StageError::NotFound)?;
    let current = timer(db, part_id, team_id).await?;
    let elapsed = elapsed_at(&current, now);
    let (state, since, elapsed_ms) = match (action, current.state) {
        (TimerAction::Start, TimerState::Idle | TimerState::Paused) => {
            (TimerState::Running, Some(now), current.elapsed_ms)
        }
        (TimerAction::Pause, TimerState::Running) => (TimerState::Paused, None, elapsed),
        (TimerAction::Stop, TimerState::Running | TimerState::Paused) => (TimerState::Stopped, None, elapsed),
        (TimerAction::Reset, _) => (TimerState::Idle, None, 0),
        _ => return Err(StageError::BadTimerAction),
    };
    let txn = db.begin().await?;
    stage_timer::Entity::delete_by_id((part_id, team_id)).exec(&txn).await?;
    let saved = stage_timer::ActiveModel {
        part_id: Set(part_id),
        team_id: Set(team_id),
        state: Set(state),
        running_since: Set(since),
        elapsed_ms: Set(elapsed_ms),
    }
    .insert(&txn)
    .await?;
    if action == TimerAction::Stop {
        let over = u32::try_from((elapsed_ms / 1000 - i64::from(part.rules.time_limit_secs)).max(0))
            .unwrap_or(u32::MAX);
        let deduction = overtime_penalty(over);
        let reason = format!("Đồng hồ: {} giây, vượt {over} giây", elapsed_ms / 1000);
        write_penalty(&txn, part_id, team_id, over, deduction, &reason, by).await?;
    }
    txn.commit().await?;
    Ok(saved)
}

async fn write_penalty(
    db: &impl ConnectionTrait,
    part_id: i32,
    team_id: i32,
    overtime_secs: u32,
    deduction: Hundredths,
    reason: &str,
    by: i32,
) -> Result<()> {
    let old = penalty::Entity::find_by_id((part_id, team_id)).one(db).await?;
    penalty::Entity::delete_by_id((part_id, team_id)).exec(db).await?;
    penalty::ActiveModel {
        part_id: Set(part_id),
        team_id: Set(team_id),
        overtime_secs: Set(i32::try_from(overtime_secs).unwrap_or(i32::MAX)),
        deduction: Set(i32::try_from(deduction.0).unwrap_or(i32::MAX)),
        reason: Set(reason.to_owned()),
        by_user: Set(by),
        updated_at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    audit(
        db,
        part_id,
        team_id,
        None,
        "penalty",
        None,
        old.map(|p| Hundredths(i64::from(p.deduction)).to_string()),
        Some(deduction.to_string()),
        Some(reason.to_owned()),
        by,
    )
    .await
}

/// Corrects a penalty by hand, with a reason.
pub async fn correct_penalty(
    db: &DatabaseConnection,
    part_id: i32,
    team_id: i32,
    deduction: Hundredths,
    reason: &str,
    by: i32,
) -> Result<()> {
    if reason.trim().is_empty() {
        return Err(StageError::MissingReason);
    }
    if part(db, part_id).await?.status == PartStatus::Published {
        return Err(StageError::PartPublished);
    }
    let over = penalty::Entity::find_by_id((part_id, team_id)).one(db).await?.map_or(0, |p| p.overtime_secs);
    let txn = db.begin().await?;
    write_penalty(
        &txn,
        part_id,
        team_id,
        u32::try_from(over).unwrap_or(0),
        deduction,
        &format!("Điều chỉnh: {}", reason.trim()),
        by,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
