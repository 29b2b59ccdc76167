//! The question bank: topics, questions and their immutable versions. An attempt points at a
//! version, so editing a question never changes what a past attempt showed or how it was scored.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("topics")
                    .col(pk_auto("id"))
                    .col(string_uniq("slug"))
                    .col(string("name"))
                    .col(integer("position"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("questions")
                    .col(pk_auto("id"))
                    .col(string_uniq("code"))
                    .col(integer("topic_id"))
                    .col(string("difficulty"))
                    .col(string("kind"))
                    .col(boolean("retired").default(false))
                    // The version shown to new attempts; no foreign key, to avoid a cycle.
                    .col(integer("current_version_id"))
                    .col(text("search_key"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(ForeignKey::create().from("questions", "topic_id").to("topics", "id"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_questions_draw")
                    .table("questions")
                    .col("topic_id")
                    .col("difficulty")
                    .col("retired")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("question_versions")
                    .col(pk_auto("id"))
                    .col(integer("question_id"))
                    .col(integer("version"))
                    .col(integer("topic_id"))
                    .col(string("difficulty"))
                    .col(string("kind"))
                    .col(text("text"))
                    // JSON arrays: option texts, and indexes of the correct options.
                    .col(text("options"))
                    .col(text("correct"))
                    .col(text("explanation"))
                    .col(string("basis_document"))
                    .col(string("basis_date"))
                    .col(string_null("basis_article"))
                    .col(integer_null("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(
                        ForeignKey::create().from("question_versions", "question_id").to("questions", "id"),
                    )
                    .foreign_key(
                        ForeignKey::create().from("question_versions", "topic_id").to("topics", "id"),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from("question_versions", "created_by")
                            .to("users", "id")
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_question_versions_unique")
                    .table("question_versions")
                    .col("question_id")
                    .col("version")
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["question_versions", "questions", "topics"] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
