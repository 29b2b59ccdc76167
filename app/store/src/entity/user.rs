use sea_orm::entity::prelude::*;

/// An account. `password_hash` is an argon2id PHC string; this model is never serialised.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub login: String,
    pub full_name: String,
    /// Accent-free, lowercase name and login, for searching ("nguyen van" finds "Nguyễn Văn").
    pub search_key: String,
    pub role: domain::Role,
    pub unit_id: Option<i32>,
    pub is_head_judge: bool,
    pub is_reserve_judge: bool,
    pub password_hash: String,
    pub disabled: bool,
    pub created_at: DateTimeUtc,
    /// Vietnamese collation key of the full name (see `domain::results::collation`).
    pub sort_key: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "super::unit::Entity", from = "Column::UnitId", to = "super::unit::Column::Id")]
    Unit,
}

impl Related<super::unit::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Unit.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
