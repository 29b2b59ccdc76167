use sea_orm::entity::prelude::*;

/// A team's time penalty in a part.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "penalties")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub part_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub team_id: i32,
    pub overtime_secs: i32,
    /// Hundredths of a point to deduct.
    pub deduction: i32,
    pub reason: String,
    pub by_user: i32,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
