use sea_orm::entity::prelude::*;

/// A unit's team for the stage contest.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "teams")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub unit_id: i32,
    pub name: String,
    /// JSON array of member names.
    #[sea_orm(column_type = "Text")]
    pub members: crate::json::Json<Vec<String>>,
    pub reserve: String,
    /// The account the team's device signs in with for the live round.
    pub account_user_id: Option<i32>,
    /// Order of appearance on stage (1 = first), once drawn or set.
    pub running_order: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
