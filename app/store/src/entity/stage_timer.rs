use sea_orm::entity::prelude::*;

/// The secretary's presentation timer for a team in a part.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stage_timers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub part_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub team_id: i32,
    /// "running", "paused" or "stopped".
    pub state: domain::stage::status::TimerState,
    pub running_since: Option<DateTimeUtc>,
    pub elapsed_ms: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
