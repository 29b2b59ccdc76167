use sea_orm::entity::prelude::*;

/// The saved answer to one question of an attempt.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "answers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub attempt_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub position: i32,
    /// Original option indexes chosen.
    #[sea_orm(column_type = "Text")]
    pub chosen: crate::json::Json<Vec<usize>>,
    pub saved_at: DateTimeUtc,
    pub client_ip: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
