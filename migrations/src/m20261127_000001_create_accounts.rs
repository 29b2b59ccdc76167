//! Contests, units, accounts and sessions.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("contests")
                    .col(pk_auto("id"))
                    .col(string_uniq("name"))
                    .col(text("description"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("units")
                    .col(pk_auto("id"))
                    .col(string_uniq("name"))
                    .col(string("group_key"))
                    .col(integer("headcount"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("users")
                    .col(pk_auto("id"))
                    .col(string_uniq("login"))
                    .col(string("full_name"))
                    .col(string("search_key"))
                    .col(string("role"))
                    .col(integer_null("unit_id"))
                    .col(boolean("is_head_judge").default(false))
                    .col(boolean("is_reserve_judge").default(false))
                    .col(string("password_hash"))
                    .col(boolean("disabled").default(false))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("users", "unit_id")
                            .to("units", "id")
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("idx_users_unit").table("users").col("unit_id").to_owned())
            .await?;
        manager
            .create_index(Index::create().name("idx_users_role").table("users").col("role").to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("sessions")
                    .col(string("id").primary_key())
                    .col(text("data"))
                    .col(big_integer("expires_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_sessions_expires").table("sessions").col("expires_at").to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["sessions", "users", "units", "contests"] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
