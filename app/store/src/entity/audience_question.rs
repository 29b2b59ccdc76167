use sea_orm::entity::prelude::*;

/// A question the host puts to the audience (part 4 of the final).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audience_questions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub question_version_id: i32,
    pub seconds: i32,
    pub opened_at: Option<DateTimeUtc>,
    pub seed: Option<i64>,
    /// The drawn winners' phone codes (JSON list), once drawn.
    #[sea_orm(column_type = "Text", nullable)]
    pub winners: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
