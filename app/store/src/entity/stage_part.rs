use sea_orm::entity::prelude::*;

/// A judged part of the stage contest.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stage_parts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub kind: domain::stage::rubric::PartKind,
    pub position: i32,
    /// JSON of `domain::stage::rubric::PartRules`.
    pub rules: String,
    /// "open", "locked" or "published".
    pub status: domain::stage::status::PartStatus,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
