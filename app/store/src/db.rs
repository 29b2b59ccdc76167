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

/// Connections kept to SQLite by default. SQLite writes one transaction at a time, but a request
/// does more than write: measured with 1, 2, 4 and 8 (BENCHMARKS.md), 8 saves the most answers.
const SQLITE_POOL: u32 = 8;

/// Connections kept to PostgreSQL by default, per server: measured against 32 with two servers
/// (BENCHMARKS.md), 16 saves more answers with half the answer p99, and four servers stay within
/// PostgreSQL's default `max_connections` (100).
const POSTGRES_POOL: u32 = 16;

/// The pool size: `HOITHI_DB_POOL` when it is a number from 1 to 1000, else `default`.
fn pool_size(default: u32) -> u32 {
    std::env::var("HOITHI_DB_POOL")
        .ok()
        .and_then(|v| v.trim().parse::<u32>().ok())
        .filter(|n| (1..=1000).contains(n))
        .unwrap_or(default)
}

/// A request waiting for a connection is logged at `debug`, not once per request at `warn`: under
/// load that is a flood. The server sums waits up instead (a warning a minute at most).
fn quiet_waits<DB: sea_orm::sqlx::Database>(
    o: sea_orm::sqlx::pool::PoolOptions<DB>,
) -> sea_orm::sqlx::pool::PoolOptions<DB> {
    o.acquire_slow_level(log::LevelFilter::Debug)
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
        // A SQLite connection lives in this process and cannot go stale: no ping before use.
        options
            .max_connections(pool_size(SQLITE_POOL))
            .min_connections(1)
            .test_before_acquire(false)
            .map_sqlx_sqlite_opts(|o| {
                o.journal_mode(SqliteJournalMode::Wal)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(10))
                    .synchronous(sqlite_synchronous())
            })
            .map_sqlx_sqlite_pool_opts(quiet_waits);
    } else {
        // A ping only for connections idle a while (the server may have restarted meanwhile),
        // not a round trip before every query.
        options
            .max_connections(pool_size(POSTGRES_POOL))
            .min_connections(1)
            .test_before_acquire_if_idle_for(Duration::from_secs(30))
            .map_sqlx_postgres_pool_opts(quiet_waits);
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
