use sea_orm::entity::prelude::*;

/// One judge's scores for one team in one part.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "judge_sheets")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub part_id: i32,
    pub team_id: i32,
    pub judge_id: i32,
    /// "draft" or "submitted" (submitted sheets are locked).
    pub status: domain::stage::status::SheetStatus,
    /// JSON array of quarters per criterion, null where not scored.
    #[sea_orm(column_type = "Text")]
    pub scores: crate::json::Json<Vec<Option<u32>>>,
    pub total_quarters: Option<i32>,
    pub submitted_at: Option<DateTimeUtc>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
