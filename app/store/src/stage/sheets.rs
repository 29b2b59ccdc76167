//! Judges' sheets: saving, submitting and unlocking, each change audited.

use super::{audit::audit, parts::set_status, *};
use crate::entity::{divergence_review, judge_sheet, user};
use chrono::Utc;
use domain::stage::Quarters;
use domain::stage::status::SheetStatus;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, TransactionTrait,
};

fn scores_of(sheet: &judge_sheet::Model) -> Vec<Option<u32>> {
    sheet.scores.0.clone()
}

/// A sheet's per-criterion scores.
pub fn sheet_scores(sheet: &judge_sheet::Model) -> Vec<Option<Quarters>> {
    scores_of(sheet).into_iter().map(|v| v.map(Quarters)).collect()
}

pub async fn sheet(
    db: &impl ConnectionTrait,
    part_id: i32,
    team_id: i32,
    judge_id: i32,
) -> Result<Option<judge_sheet::Model>> {
    Ok(judge_sheet::Entity::find()
        .filter(judge_sheet::Column::PartId.eq(part_id))
        .filter(judge_sheet::Column::TeamId.eq(team_id))
        .filter(judge_sheet::Column::JudgeId.eq(judge_id))
        .one(db)
        .await?)
}

pub async fn sheets_of_part(db: &impl ConnectionTrait, part_id: i32) -> Result<Vec<judge_sheet::Model>> {
    Ok(judge_sheet::Entity::find().filter(judge_sheet::Column::PartId.eq(part_id)).all(db).await?)
}

/// Saves a judge's scores (validated against the rubric); `submit` locks the sheet. Every changed
/// criterion is written to the audit log.
pub async fn save_sheet(
    db: &DatabaseConnection,
    part_id: i32,
    team_id: i32,
    judge: &user::Model,
    values: &[Option<Quarters>],
    submit: bool,
) -> Result<judge_sheet::Model> {
    let part = part(db, part_id).await?;
    match part.status {
        PartStatus::Published => return Err(StageError::PartPublished),
        PartStatus::Locked => return Err(StageError::PartLocked),
        PartStatus::Open => {}
    }
    check_assigned(db, judge, team_id).await?;
    if values.len() != part.rules.criteria.len() {
        return Err(StageError::WrongShape);
    }
    for (value, criterion) in values.iter().zip(&part.rules.criteria) {
        if let Some(v) = value
            && (v.0 > criterion.max.0 || v.0 % part.rules.step.0.max(1) != 0)
        {
            let message = if v.0 > criterion.max.0 {
                format!("điểm phải từ 0 đến {}.", criterion.max)
            } else {
                format!("điểm phải theo bước {}.", part.rules.step)
            };
            return Err(StageError::Points { criterion: criterion.name.clone(), message });
        }
    }
    if submit && values.iter().any(Option::is_none) {
        return Err(StageError::Incomplete);
    }
    let txn = db.begin().await?;
    let existing = sheet(&txn, part_id, team_id, judge.id).await?;
    if existing.as_ref().is_some_and(|s| s.status == SheetStatus::Submitted) {
        return Err(StageError::SheetLocked);
    }
    let old: Vec<Option<u32>> = existing.as_ref().map(scores_of).unwrap_or_default();
    let new: Vec<Option<u32>> = values.iter().map(|v| v.map(|q| q.0)).collect();
    for (i, (value, criterion)) in new.iter().zip(&part.rules.criteria).enumerate() {
        let before = old.get(i).copied().flatten();
        if before != *value {
            audit(
                &txn,
                part_id,
                team_id,
                Some(judge.id),
                "score",
                Some(criterion.name.clone()),
                before.map(|q| Quarters(q).to_string()),
                value.map(|q| Quarters(q).to_string()),
                None,
                judge.id,
            )
            .await?;
        }
    }
    let total = new.iter().all(Option::is_some).then(|| new.iter().flatten().sum::<u32>() as i32);
    let now = Utc::now();
    let status = if submit { SheetStatus::Submitted } else { SheetStatus::Draft };
    let saved = match existing {
        Some(row) => {
            let mut am: judge_sheet::ActiveModel = row.into();
            am.scores = Set(crate::json::Json(new.clone()));
            am.total_quarters = Set(total);
            am.status = Set(status);
            am.submitted_at = Set(submit.then_some(now));
            am.updated_at = Set(now);
            am.update(&txn).await?
        }
        None => {
            judge_sheet::ActiveModel {
                part_id: Set(part_id),
                team_id: Set(team_id),
                judge_id: Set(judge.id),
                status: Set(status),
                scores: Set(crate::json::Json(new.clone())),
                total_quarters: Set(total),
                submitted_at: Set(submit.then_some(now)),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?
        }
    };
    if submit {
        audit(
            &txn,
            part_id,
            team_id,
            Some(judge.id),
            "submit",
            None,
            None,
            total.map(|t| Quarters(t as u32).to_string()),
            None,
            judge.id,
        )
        .await?;
        // A review of this team's spread no longer holds once a total changes.
        divergence_review::Entity::delete_many()
            .filter(divergence_review::Column::PartId.eq(part_id))
            .filter(divergence_review::Column::TeamId.eq(team_id))
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(saved)
}

/// Unlocks a submitted sheet so its judge can change it (head judge or organizer, with a reason).
pub async fn unlock_sheet(db: &DatabaseConnection, sheet_id: i32, by: i32, reason: &str) -> Result<()> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(StageError::MissingReason);
    }
    let found = judge_sheet::Entity::find_by_id(sheet_id).one(db).await?.ok_or(StageError::NotFound)?;
    let part = part(db, found.part_id).await?;
    if part.status == PartStatus::Published {
        return Err(StageError::PartPublished);
    }
    if found.status != SheetStatus::Submitted {
        return Err(StageError::SheetNotSubmitted);
    }
    let txn = db.begin().await?;
    let (part_id, team_id, judge_id) = (found.part_id, found.team_id, found.judge_id);
    let mut am: judge_sheet::ActiveModel = found.into();
    am.status = Set(SheetStatus::Draft);
    am.submitted_at = Set(None);
    am.updated_at = Set(Utc::now());
    am.update(&txn).await?;
    if part.status == PartStatus::Locked {
        set_status(&txn, part_id, PartStatus::Open).await?;
    }
    audit(&txn, part_id, team_id, Some(judge_id), "unlock", None, None, None, Some(reason.to_owned()), by)
        .await?;
    txn.commit().await?;
    Ok(())
}
