//! The audience in the hall: votes for a team (one per phone), one-time ticket codes, the host's
//! audience questions and the answers phones give to them.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("audience_votes")
                    .col(pk_auto("id"))
                    // The phone's secret token (its cookie): one vote each.
                    .col(string_len_uniq("voter", 64))
                    .col(integer("team_id"))
                    .col(string_len("address", 64))
                    .col(string_len_null("ticket", 16))
                    .col(timestamp_with_time_zone("at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("audience_votes_by_address")
                    .table("audience_votes")
                    .col("address")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("audience_tickets")
                    .col(string_len("code", 16).primary_key())
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("used_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("audience_questions")
                    .col(pk_auto("id"))
                    .col(integer("question_version_id"))
                    .col(integer("seconds"))
                    .col(timestamp_with_time_zone_null("opened_at"))
                    // The draw among the right answers: its seed and winners (JSON list of codes).
                    .col(big_integer_null("seed"))
                    .col(text_null("winners"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("audience_answers")
                    .col(pk_auto("id"))
                    .col(integer("question_id"))
                    .col(string_len("voter", 64))
                    .col(string_len("address", 64))
                    .col(integer("option"))
                    .col(boolean("correct"))
                    .col(big_integer("at_ms"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("audience_answers_once")
                    .table("audience_answers")
                    .col("question_id")
                    .col("voter")
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["audience_answers", "audience_questions", "audience_tickets", "audience_votes"] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
