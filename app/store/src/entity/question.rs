use sea_orm::entity::prelude::*;

/// A question's identity and the fields rounds filter on; its content lives in versions.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "questions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub code: String,
    pub topic_id: i32,
    pub difficulty: domain::Difficulty,
    pub kind: domain::Kind,
    pub retired: bool,
    pub current_version_id: i32,
    pub search_key: String,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "super::topic::Entity", from = "Column::TopicId", to = "super::topic::Column::Id")]
    Topic,
}

impl Related<super::topic::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Topic.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
