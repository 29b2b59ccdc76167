//! Tables of the live round.

pub mod round {
    use crate::json::Json;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "live_rounds")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub name: String,
        #[sea_orm(column_type = "Text")]
        pub question_ids: Json<Vec<i32>>,
        #[sea_orm(column_type = "Text")]
        pub team_ids: Json<Vec<i32>>,
        #[sea_orm(column_type = "Text")]
        pub state: Json<domain::live::State>,
        #[sea_orm(column_type = "Text")]
        pub scoring: Json<domain::live::Scoring>,
        pub version: i64,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod answer {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "live_answers")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub live_round_id: i32,
        #[sea_orm(primary_key, auto_increment = false)]
        pub question: i32,
        #[sea_orm(primary_key, auto_increment = false)]
        pub team_id: i32,
        pub option: i32,
        pub remaining_ms: i64,
        pub answered_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod void {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "live_voids")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub live_round_id: i32,
        #[sea_orm(primary_key, auto_increment = false)]
        pub question: i32,
        pub reason: String,
        pub by_user: i32,
        pub at: DateTimeUtc,
        /// Counted right for every team (true) or taken out of the round (false).
        pub counts_for_all: bool,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
