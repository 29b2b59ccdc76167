use sea_orm::entity::prelude::*;

/// A question drawn for an attempt, at its position on the paper.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "attempt_questions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub attempt_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub position: i32,
    pub question_version_id: i32,
    /// JSON: original option indexes in the order they are shown.
    #[sea_orm(column_type = "Text")]
    pub option_order: crate::json::Json<Vec<usize>>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
