//! A part's results from the submitted sheets; divergence reviews, locking, publishing.

use super::{audit::audit, parts::set_status, *};
use crate::entity::{divergence_review, penalty};
use chrono::Utc;
use domain::stage::status::SheetStatus;
use domain::stage::{
    Hundredths, Quarters,
    aggregate::{Panel, aggregate, diverges},
};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;

/// A team's figures in a part, from the submitted sheets.
#[derive(Debug, Clone)]
pub struct TeamResult {
    pub team_id: i32,
    pub totals: Vec<Quarters>,
    pub score: Option<Hundredths>,
    pub divergent: bool,
    pub reviewed: bool,
    pub penalty: Hundredths,
    pub expected: usize,
}

pub async fn results(db: &impl ConnectionTrait, part: &Part) -> Result<Vec<TeamResult>> {
    let sheets = sheets_of_part(db, part.id).await?;
    let expected = assignments(db).await?;
    let uncovered = super::teams::uncovered_recusals(db).await?;
    let reviews: Vec<i32> = divergence_review::Entity::find()
        .filter(divergence_review::Column::PartId.eq(part.id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.team_id)
        .collect();
    let penalties: HashMap<i32, i32> = penalty::Entity::find()
        .filter(penalty::Column::PartId.eq(part.id))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.team_id, p.deduction))
        .collect();
    let max = part.rules.max();
    let mut out = Vec::new();
    for (t, _) in teams(db).await? {
        let totals: Vec<Quarters> = sheets
            .iter()
            .filter(|s| s.team_id == t.id && s.status == SheetStatus::Submitted)
            .filter_map(|s| s.total_quarters.map(|q| Quarters(q as u32)))
            .collect();
        out.push(TeamResult {
            team_id: t.id,
            score: aggregate(
                &totals,
                part.rules.aggregation,
                if uncovered.contains(&t.id) { Panel::RecusedWithoutReserve } else { Panel::Full },
            ),
            divergent: diverges(&totals, max, part.rules.divergence_percent),
            reviewed: reviews.contains(&t.id),
            penalty: Hundredths(i64::from(penalties.get(&t.id).copied().unwrap_or(0))),
            expected: expected.iter().filter(|(_, team)| *team == t.id).count(),
            totals,
        });
    }
    Ok(out)
}

/// The head judge confirms a diverging team was reviewed.
pub async fn review_divergence(
    db: &impl ConnectionTrait,
    part_id: i32,
    team_id: i32,
    by: i32,
    note: &str,
) -> Result<()> {
    let part = part(db, part_id).await?;
    if part.status == PartStatus::Published {
        return Err(StageError::PartPublished);
    }
    divergence_review::Entity::delete_many()
        .filter(divergence_review::Column::PartId.eq(part_id))
        .filter(divergence_review::Column::TeamId.eq(team_id))
        .exec(db)
        .await?;
    divergence_review::ActiveModel {
        part_id: Set(part_id),
        team_id: Set(team_id),
        reviewed_by: Set(by),
        note: Set(note.trim().to_owned()),
        reviewed_at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    audit(
        db,
        part_id,
        team_id,
        None,
        "divergence_reviewed",
        None,
        None,
        None,
        Some(note.trim().to_owned()),
        by,
    )
    .await
}

/// Locks a part once every expected sheet is in and every divergence reviewed.
pub async fn lock_part(db: &impl ConnectionTrait, part_id: i32, by: i32) -> Result<()> {
    let part = part(db, part_id).await?;
    if part.status == PartStatus::Published {
        return Err(StageError::PartPublished);
    }
    let sheets = sheets_of_part(db, part_id).await?;
    let missing = assignments(db)
        .await?
        .into_iter()
        .filter(|(j, t)| {
            !sheets.iter().any(|s| s.judge_id == *j && s.team_id == *t && s.status == SheetStatus::Submitted)
        })
        .count();
    if missing > 0 {
        return Err(StageError::SheetsMissing(missing));
    }
    let unreviewed = results(db, &part).await?.iter().filter(|r| r.divergent && !r.reviewed).count();
    if unreviewed > 0 {
        return Err(StageError::DivergenceUnreviewed(unreviewed));
    }
    set_status(db, part_id, PartStatus::Locked).await?;
    audit(db, part_id, 0, None, "lock", None, None, None, None, by).await
}

/// Publishes a locked part: its results then appear on leaderboards.
pub async fn publish_part(db: &impl ConnectionTrait, part_id: i32, by: i32) -> Result<()> {
    let part = part(db, part_id).await?;
    if part.status != PartStatus::Locked {
        return Err(StageError::NotLocked);
    }
    set_status(db, part_id, PartStatus::Published).await?;
    crate::results::bump_stage_version(db).await?;
    audit(db, part_id, 0, None, "publish", None, None, None, None, by).await
}
