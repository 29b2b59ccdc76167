//! HoiThi's schema. Migrations own it: the server runs them at start and `hoithi migrate` runs them
//! on demand; every migration runs on SQLite and PostgreSQL.

pub use sea_orm_migration::prelude::*;

mod m20261127_000001_create_accounts;
mod m20261127_000002_create_questions;
mod m20261127_000003_create_rounds;
mod m20261127_000004_create_stage;
mod m20261127_000005_create_results;
mod m20261127_000006_add_user_sort_key;
mod m20261127_000007_create_live;
mod m20261204_000008_harden_sessions_and_sign_in;
mod m20261204_000009_add_question_family_and_in_force;
mod m20261204_000010_add_running_order;
mod m20261205_000011_create_corrections;
mod m20261206_000012_create_audience;

/// All migrations, oldest first.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261127_000001_create_accounts::Migration),
            Box::new(m20261127_000002_create_questions::Migration),
            Box::new(m20261127_000003_create_rounds::Migration),
            Box::new(m20261127_000004_create_stage::Migration),
            Box::new(m20261127_000005_create_results::Migration),
            Box::new(m20261127_000006_add_user_sort_key::Migration),
            Box::new(m20261127_000007_create_live::Migration),
            Box::new(m20261204_000008_harden_sessions_and_sign_in::Migration),
            Box::new(m20261204_000009_add_question_family_and_in_force::Migration),
            Box::new(m20261204_000010_add_running_order::Migration),
            Box::new(m20261205_000011_create_corrections::Migration),
            Box::new(m20261206_000012_create_audience::Migration),
        ]
    }
}
