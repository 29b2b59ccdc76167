use sea_orm::entity::prelude::*;

/// One entry of the audit log: who changed what, when, from what to what, and why.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "score_audit")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub part_id: i32,
    pub team_id: i32,
    pub judge_id: Option<i32>,
    pub action: String,
    pub field: Option<String>,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub reason: Option<String>,
    pub by_user: i32,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
