//! Online rounds, attempts, the questions drawn for each attempt and the answers saved.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("rounds")
                    .col(pk_auto("id"))
                    .col(integer("contest_id"))
                    .col(string("name"))
                    .col(timestamp_with_time_zone("opens_at"))
                    .col(timestamp_with_time_zone("closes_at"))
                    .col(integer("time_limit_secs"))
                    .col(integer("attempts_allowed"))
                    // JSON: the blueprint cells (topic, difficulty, count).
                    .col(text("blueprint"))
                    .col(boolean("prediction_enabled"))
                    // JSON array of unit ids that may take part; empty means every unit.
                    .col(text("unit_ids"))
                    .col(string("review_policy"))
                    // People who had finished an attempt when the round closed (prediction figure).
                    .col(integer_null("participants_at_close"))
                    .col(boolean("results_published").default(false))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(ForeignKey::create().from("rounds", "contest_id").to("contests", "id"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("attempts")
                    .col(big_pk_auto("id"))
                    .col(integer("round_id"))
                    .col(integer("user_id"))
                    .col(integer("number"))
                    .col(big_integer("seed"))
                    .col(timestamp_with_time_zone("started_at"))
                    .col(timestamp_with_time_zone("deadline_at"))
                    .col(boolean("finished").default(false))
                    .col(timestamp_with_time_zone_null("submitted_at"))
                    .col(string_null("finished_by"))
                    .col(integer_null("correct"))
                    .col(big_integer_null("duration_ms"))
                    .col(big_integer_null("prediction"))
                    .col(integer("question_count"))
                    .foreign_key(ForeignKey::create().from("attempts", "round_id").to("rounds", "id"))
                    .foreign_key(ForeignKey::create().from("attempts", "user_id").to("users", "id"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_attempts_user_number")
                    .table("attempts")
                    .col("round_id")
                    .col("user_id")
                    .col("number")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_attempts_open")
                    .table("attempts")
                    .col("finished")
                    .col("deadline_at")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("attempt_questions")
                    .col(big_integer("attempt_id"))
                    .col(integer("position"))
                    .col(integer("question_version_id"))
                    // JSON: original option indexes in the order they are shown.
                    .col(text("option_order"))
                    .primary_key(Index::create().col("attempt_id").col("position"))
                    .foreign_key(
                        ForeignKey::create().from("attempt_questions", "attempt_id").to("attempts", "id"),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from("attempt_questions", "question_version_id")
                            .to("question_versions", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("answers")
                    .col(big_integer("attempt_id"))
                    .col(integer("position"))
                    // JSON: original option indexes chosen.
                    .col(text("chosen"))
                    .col(timestamp_with_time_zone("saved_at"))
                    .col(string("client_ip"))
                    .primary_key(Index::create().col("attempt_id").col("position"))
                    .foreign_key(ForeignKey::create().from("answers", "attempt_id").to("attempts", "id"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["answers", "attempt_questions", "attempts", "rounds"] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
