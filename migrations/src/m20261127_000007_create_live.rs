//! The live knowledge round: its state (host-paced, in the database so a restart resumes it),
//! the teams' answers, voided questions, and team accounts.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table("teams").add_column(integer_null("account_user_id")).to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("live_rounds")
                    .col(pk_auto("id"))
                    .col(string("name"))
                    // JSON arrays: question version ids in order, team ids that play.
                    .col(text("question_ids"))
                    .col(text("team_ids"))
                    // JSON of domain::live::State and domain::live::Scoring.
                    .col(text("state"))
                    .col(text("scoring"))
                    .col(big_integer("version"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("live_answers")
                    .col(integer("live_round_id"))
                    .col(integer("question"))
                    .col(integer("team_id"))
                    .col(integer("option"))
                    .col(big_integer("remaining_ms"))
                    .col(timestamp_with_time_zone("answered_at"))
                    .primary_key(Index::create().col("live_round_id").col("question").col("team_id"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("live_voids")
                    .col(integer("live_round_id"))
                    .col(integer("question"))
                    .col(text("reason"))
                    .col(integer("by_user"))
                    .col(timestamp_with_time_zone("at"))
                    .primary_key(Index::create().col("live_round_id").col("question"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["live_voids", "live_answers", "live_rounds"] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        manager.alter_table(Table::alter().table("teams").drop_column("account_user_id").to_owned()).await
    }
}
