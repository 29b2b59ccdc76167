//! Sessions know their account, so ending every session of an account (after a password reset)
//! is one statement; sign-in tries are kept in the database, so every server process applies the
//! same limits.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table("sessions").add_column(integer_null("user_id")).to_owned())
            .await?;
        manager
            .create_index(
                Index::create().name("idx_sessions_user").table("sessions").col("user_id").to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("sign_in_tries")
                    .col(big_pk_auto("id"))
                    .col(string("login"))
                    .col(string("address"))
                    .col(boolean("registration").default(false))
                    .col(boolean("failed").default(false))
                    .col(big_integer("at_ms"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_sign_in_tries_login")
                    .table("sign_in_tries")
                    .col("login")
                    .col("at_ms")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_sign_in_tries_address")
                    .table("sign_in_tries")
                    .col("address")
                    .col("at_ms")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("sign_in_tries").to_owned()).await?;
        manager.drop_index(Index::drop().name("idx_sessions_user").table("sessions").to_owned()).await?;
        manager.alter_table(Table::alter().table("sessions").drop_column("user_id").to_owned()).await
    }
}
