use sea_orm::entity::prelude::*;

/// One immutable version of a question's content.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "question_versions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub question_id: i32,
    pub version: i32,
    pub topic_id: i32,
    pub difficulty: domain::Difficulty,
    pub kind: domain::Kind,
    pub text: String,
    /// The option texts.
    #[sea_orm(column_type = "Text")]
    pub options: crate::json::Json<Vec<String>>,
    /// The indexes of the correct options.
    #[sea_orm(column_type = "Text")]
    pub correct: crate::json::Json<Vec<usize>>,
    pub explanation: String,
    pub basis_document: String,
    pub basis_date: String,
    pub basis_article: Option<String>,
    /// `dd/mm/yyyy`, when the question needs its rule in force.
    pub basis_in_force: Option<String>,
    /// Questions testing the same fact share a family; a paper draws at most one of each.
    pub family: Option<String>,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
