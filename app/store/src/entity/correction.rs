use sea_orm::entity::prelude::*;

/// A correction of a question version after attempts were in (chấm lại).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "corrections")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub question_id: i32,
    pub question_version_id: i32,
    #[sea_orm(column_type = "Text")]
    pub correction: crate::json::Json<domain::contest::correction::Correction>,
    pub reason: String,
    /// The rounds it re-scored and the results that moved when it was applied.
    #[sea_orm(column_type = "Text")]
    pub changes: crate::json::Json<crate::corrections::Effect>,
    pub affected_attempts: i32,
    pub by_user: i32,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
