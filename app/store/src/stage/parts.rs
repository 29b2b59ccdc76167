//! Judged parts: their rules, status and the contest rules' defaults.

use super::*;
use crate::{
    entity::{judge_sheet, stage_part},
    error::StoreError,
};
use domain::stage::rubric::{PartKind, PartRules, default_parts};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};

pub use domain::stage::status::PartStatus;

/// A judged part with its rules.
#[derive(Debug, Clone)]
pub struct Part {
    pub id: i32,
    pub rules: PartRules,
    pub status: PartStatus,
}

fn to_part(row: stage_part::Model) -> Result<Part> {
    let rules = serde_json::from_str(&row.rules)
        .map_err(|_| StoreError::Corrupt(format!("part {} rules", row.id)))?;
    Ok(Part { id: row.id, rules, status: row.status })
}

/// The judged parts, in order; the contest rules' defaults are created on first use.
pub async fn parts(db: &impl ConnectionTrait) -> Result<Vec<Part>> {
    let mut rows = stage_part::Entity::find().order_by_asc(stage_part::Column::Position).all(db).await?;
    if rows.is_empty() {
        for (position, rules) in (0i32..).zip(default_parts()) {
            let row = stage_part::ActiveModel {
                kind: Set(rules.kind),
                position: Set(position),
                rules: Set(serde_json::to_string(&rules).unwrap_or_default()),
                status: Set(PartStatus::Open),
                ..Default::default()
            };
            // Another server may have created them at the same moment: the unique kind decides.
            let _ = row.insert(db).await;
        }
        rows = stage_part::Entity::find().order_by_asc(stage_part::Column::Position).all(db).await?;
    }
    rows.into_iter().map(to_part).collect()
}

pub async fn part(db: &impl ConnectionTrait, id: i32) -> Result<Part> {
    to_part(stage_part::Entity::find_by_id(id).one(db).await?.ok_or(StageError::NotFound)?)
}

/// The part of a kind.
pub async fn part_of_kind(db: &impl ConnectionTrait, kind: PartKind) -> Result<Option<Part>> {
    Ok(parts(db).await?.into_iter().find(|p| p.rules.kind == kind))
}

/// Changes a part's rubric and rules; refused once any sheet exists.
pub async fn update_rules(db: &impl ConnectionTrait, id: i32, rules: &PartRules) -> Result<()> {
    let any = judge_sheet::Entity::find().filter(judge_sheet::Column::PartId.eq(id)).one(db).await?;
    if any.is_some() {
        return Err(StageError::RulesInUse);
    }
    stage_part::Entity::update_many()
        .col_expr(stage_part::Column::Rules, serde_json::to_string(rules).unwrap_or_default().into())
        .filter(stage_part::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

pub(super) async fn set_status(db: &impl ConnectionTrait, id: i32, status: PartStatus) -> Result<()> {
    stage_part::Entity::update_many()
        .col_expr(stage_part::Column::Status, status.as_str().into())
        .filter(stage_part::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}
