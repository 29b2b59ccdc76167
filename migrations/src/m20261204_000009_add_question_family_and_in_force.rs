//! Question families (questions testing one fact; a paper draws one of each) and the date a
//! question's rule took effect (a round "as of" a date draws only what was in force by then).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter().table("question_versions").add_column(string_null("family")).to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("question_versions")
                    .add_column(string_null("basis_in_force"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table("question_versions").drop_column("basis_in_force").to_owned())
            .await?;
        manager.alter_table(Table::alter().table("question_versions").drop_column("family").to_owned()).await
    }
}
