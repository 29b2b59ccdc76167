//! Results: per-person best scores and per-unit tallies of each round, kept up to date as attempts
//! finish so leaderboards never scan every attempt; a version counter per round for caches;
//! settings (prize counts) and published flags.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        for column in [
            big_integer("results_version").default(0).to_owned(),
            integer("freeze_minutes").default(0).to_owned(),
            text_null("frozen_board").to_owned(),
        ] {
            manager.alter_table(Table::alter().table("rounds").add_column(column).to_owned()).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table("round_bests")
                    .col(integer("round_id"))
                    .col(integer("user_id"))
                    .col(integer("unit_id"))
                    .col(integer("best_correct"))
                    .primary_key(Index::create().col("round_id").col("user_id"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("round_unit_stats")
                    .col(integer("round_id"))
                    .col(integer("unit_id"))
                    .col(integer("participants"))
                    .col(big_integer("sum_best"))
                    .primary_key(Index::create().col("round_id").col("unit_id"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("settings")
                    .col(string("key").primary_key())
                    .col(text("value"))
                    .to_owned(),
            )
            .await?;
        // Rounds finished before this migration get their tallies now.
        let db = manager.get_connection();
        db.execute_unprepared(
            "INSERT INTO round_bests (round_id, user_id, unit_id, best_correct) \
             SELECT a.round_id, a.user_id, u.unit_id, MAX(a.correct) FROM attempts a JOIN users u ON u.id = a.user_id \
             WHERE a.finished = true AND u.unit_id IS NOT NULL GROUP BY a.round_id, a.user_id, u.unit_id",
        )
        .await?;
        db.execute_unprepared(
            "INSERT INTO round_unit_stats (round_id, unit_id, participants, sum_best) \
             SELECT round_id, unit_id, COUNT(*), SUM(best_correct) FROM round_bests GROUP BY round_id, unit_id",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["settings", "round_unit_stats", "round_bests"] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        for column in ["frozen_board", "freeze_minutes", "results_version"] {
            manager.alter_table(Table::alter().table("rounds").drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
