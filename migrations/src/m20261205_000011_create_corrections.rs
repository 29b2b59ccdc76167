//! Corrections (chấm lại): a question version re-scored after attempts were in, with the reason,
//! who decided and the results that moved (the public change log); and the live round's voided
//! questions gain the same choice: counted right for every team, or taken out.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("corrections")
                    .col(pk_auto("id"))
                    .col(integer("question_id"))
                    .col(integer("question_version_id"))
                    // JSON of domain::contest::correction::Correction.
                    .col(text("correction"))
                    .col(text("reason"))
                    // JSON list of the results that moved when it was applied.
                    .col(text("changes"))
                    .col(integer("affected_attempts"))
                    .col(integer("by_user"))
                    .col(timestamp_with_time_zone("at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("corrections_by_version")
                    .table("corrections")
                    .col("question_version_id")
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("live_voids")
                    .add_column(boolean("counts_for_all").default(false))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table("live_voids").drop_column("counts_for_all").to_owned())
            .await?;
        manager.drop_table(Table::drop().table("corrections").to_owned()).await
    }
}
