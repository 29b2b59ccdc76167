//! The stage contest: teams, judged parts with their rubrics, judges' sheets, penalties, the
//! secretary's timers and the audit log of every score change.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("teams")
                    .col(pk_auto("id"))
                    .col(integer_uniq("unit_id"))
                    .col(string("name"))
                    // JSON array of member names; the reserve apart.
                    .col(text("members"))
                    .col(string("reserve"))
                    .foreign_key(ForeignKey::create().from("teams", "unit_id").to("units", "id"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("stage_parts")
                    .col(pk_auto("id"))
                    .col(string_uniq("kind"))
                    .col(integer("position"))
                    // JSON of domain::stage::rubric::PartRules.
                    .col(text("rules"))
                    .col(string("status"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("judge_sheets")
                    .col(pk_auto("id"))
                    .col(integer("part_id"))
                    .col(integer("team_id"))
                    .col(integer("judge_id"))
                    .col(string("status"))
                    // JSON array: quarters per criterion, null where not scored yet.
                    .col(text("scores"))
                    .col(integer_null("total_quarters"))
                    .col(timestamp_with_time_zone_null("submitted_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(ForeignKey::create().from("judge_sheets", "part_id").to("stage_parts", "id"))
                    .foreign_key(ForeignKey::create().from("judge_sheets", "team_id").to("teams", "id"))
                    .foreign_key(ForeignKey::create().from("judge_sheets", "judge_id").to("users", "id"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_judge_sheets_unique")
                    .table("judge_sheets")
                    .col("part_id")
                    .col("team_id")
                    .col("judge_id")
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("divergence_reviews")
                    .col(integer("part_id"))
                    .col(integer("team_id"))
                    .col(integer("reviewed_by"))
                    .col(text("note"))
                    .col(timestamp_with_time_zone("reviewed_at"))
                    .primary_key(Index::create().col("part_id").col("team_id"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("penalties")
                    .col(integer("part_id"))
                    .col(integer("team_id"))
                    .col(integer("overtime_secs"))
                    // Hundredths of a point to deduct.
                    .col(integer("deduction"))
                    .col(text("reason"))
                    .col(integer("by_user"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .primary_key(Index::create().col("part_id").col("team_id"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("stage_timers")
                    .col(integer("part_id"))
                    .col(integer("team_id"))
                    .col(string("state"))
                    .col(timestamp_with_time_zone_null("running_since"))
                    .col(big_integer("elapsed_ms"))
                    .primary_key(Index::create().col("part_id").col("team_id"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("score_audit")
                    .col(big_pk_auto("id"))
                    .col(integer("part_id"))
                    .col(integer("team_id"))
                    .col(integer_null("judge_id"))
                    .col(string("action"))
                    .col(string_null("field"))
                    .col(string_null("old_value"))
                    .col(string_null("new_value"))
                    .col(text_null("reason"))
                    .col(integer("by_user"))
                    .col(timestamp_with_time_zone("at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_score_audit_part").table("score_audit").col("part_id").to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "score_audit",
            "stage_timers",
            "penalties",
            "divergence_reviews",
            "judge_sheets",
            "stage_parts",
            "teams",
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
