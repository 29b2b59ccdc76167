//! Connecting to SQLite or PostgreSQL and running the migrations.

use migration::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, DatabaseConnection, DbBackend, DbErr,
    sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous},
};
use std::time::Duration;

pub use sea_orm::Database;

/// The default database: a SQLite file in the working directory, created on first run.
pub const DEFAULT_URL: &str = "sqlite://hoithi.db?mode=rwc";

/// How SQLite makes a commit durable, from `HOITHI_SQLITE_SYNC`: `normal` (the default, WAL
/// synced at checkpoints) keeps every acknowledged commit when the process is killed but may lose
/// the last ones on a power cut or kernel crash; `full` (the WAL synced at every commit) keeps
/// them through that too, at the cost measured in BENCHMARKS.md.
fn sqlite_synchronous() -> SqliteSynchronous {
    match std::env::var("HOITHI_SQLITE_SYNC").map(|v| v.to_ascii_lowercase()).as_deref() {
        Ok("full") => SqliteSynchronous::Full,
        _ => SqliteSynchronous::Normal,
    }
}

/// Opens a pool on `url`. SQLite gets WAL mode, foreign keys and a busy timeout, so concurrent
/// writers wait for each other instead of failing.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .sqlx_logging(false)
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(30));
    if url.starts_with("sqlite:") {
        options.max_connections(8).min_connections(1).map_sqlx_sqlite_opts(|o| {
            o.journal_mode(SqliteJournalMode::Wal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                .synchronous(sqlite_synchronous())
        });
    } else {
        options.max_connections(32).min_connections(1);
    }
    sea_orm::Database::connect(options).await
}

/// Applies every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

/// Whether `db` is a PostgreSQL connection (for the few features that differ, like LISTEN).
pub fn is_postgres(db: &DatabaseConnection) -> bool {
    db.get_database_backend() == DbBackend::Postgres
}
