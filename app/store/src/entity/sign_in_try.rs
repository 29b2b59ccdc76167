use sea_orm::entity::prelude::*;

/// A sign-in try (counted before its password is checked) or a registration, kept for the
/// sign-in limits while it is recent.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sign_in_tries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The login key tried (empty for a registration).
    pub login: String,
    pub address: String,
    pub registration: bool,
    pub failed: bool,
    /// Unix milliseconds.
    pub at_ms: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
