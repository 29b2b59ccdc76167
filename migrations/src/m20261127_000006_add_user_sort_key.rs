//! A sort key on accounts so lists of people sort the Vietnamese way in SQL (given name first,
//! Vietnamese letter and tone order). Filled by the application (the rule is Rust code).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table("users").add_column(string("sort_key").default("")).to_owned())
            .await?;
        manager
            .create_index(
                Index::create().name("idx_users_sort").table("users").col("role").col("sort_key").to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("idx_users_sort").table("users").to_owned()).await?;
        manager.alter_table(Table::alter().table("users").drop_column("sort_key").to_owned()).await
    }
}
