use sea_orm::entity::prelude::*;

/// One attempt of a contestant at a round.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "attempts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub round_id: i32,
    pub user_id: i32,
    pub number: i32,
    pub seed: i64,
    pub started_at: DateTimeUtc,
    pub deadline_at: DateTimeUtc,
    pub finished: bool,
    pub submitted_at: Option<DateTimeUtc>,
    /// "contestant" (submitted) or "deadline" (finished by the server).
    pub finished_by: Option<String>,
    pub correct: Option<i32>,
    pub duration_ms: Option<i64>,
    pub prediction: Option<i64>,
    pub question_count: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
