//! Tables of the live round.

pub mod round {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "live_rounds")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub name: String,
        pub question_ids: String,
        pub team_ids: String,
        pub state: String,
        pub scoring: String,
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
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
