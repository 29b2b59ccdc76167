use sea_orm::entity::prelude::*;

/// An online round of the contest.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rounds")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub contest_id: i32,
    pub name: String,
    pub opens_at: DateTimeUtc,
    pub closes_at: DateTimeUtc,
    pub time_limit_secs: i32,
    pub attempts_allowed: i32,
    /// JSON of `domain::contest::draw::Blueprint`.
    pub blueprint: String,
    pub prediction_enabled: bool,
    /// JSON array of unit ids; empty means every unit.
    pub unit_ids: String,
    pub review_policy: String,
    pub participants_at_close: Option<i32>,
    pub results_published: bool,
    pub created_at: DateTimeUtc,
    /// Bumped whenever a result of the round changes (for caches).
    pub results_version: i64,
    /// The public board freezes this many minutes before the close.
    pub freeze_minutes: i32,
    /// JSON snapshot of the unit board taken when the freeze began.
    pub frozen_board: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
