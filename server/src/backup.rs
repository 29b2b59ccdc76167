//! `hoithi backup`, `hoithi restore`, and the rolling snapshots of `hoithi serve --backup-every`.
//!
//! On SQLite a backup is `VACUUM INTO`: a consistent, compact copy of the database taken inside
//! one read transaction, while the server goes on writing. PostgreSQL has its own tools
//! (`pg_dump` / `pg_restore`, in README), which this command points to.

use anyhow::{Context, anyhow, bail};
use migration::MigratorTrait;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use std::{
    path::{Path, PathBuf},
    time::Duration,
};

/// What to say when asked to back up or restore PostgreSQL.
const POSTGRES_TOOLS: &str = "PostgreSQL databases are backed up with pg_dump and restored with pg_restore: \
     pg_dump --format=custom --file=hoithi.dump \"$DATABASE_URL\" (see README, Backup and restore)";

/// Writes a consistent snapshot of `db` to `file`, which must not exist yet.
pub async fn backup(db: &DatabaseConnection, file: &Path) -> anyhow::Result<()> {
    if store::db::is_postgres(db) {
        bail!("{POSTGRES_TOOLS}");
    }
    if file.exists() {
        bail!("{} already exists: choose a new file name", file.display());
    }
    let staged = staging_for(file);
    snapshot(db, &staged).await.map_err(|e| anyhow!("backup to {} failed: {e:#}", file.display()))?;
    // A link, unlike a rename, refuses to replace a file that appeared meanwhile.
    let linked = std::fs::hard_link(&staged, file);
    remove_staged(&staged);
    linked.with_context(|| format!("backup to {} failed", file.display()))
}

/// The hidden sibling a backup is written to before it appears under its name, so nobody (a copy
/// job, the pruning of rolling backups) ever sees half a backup.
fn staging_for(file: &Path) -> PathBuf {
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    file.with_file_name(format!(".{name}.partial"))
}

/// Removes a staging file and the journal SQLite may have left beside it.
fn remove_staged(staged: &Path) {
    let mut journal = staged.as_os_str().to_owned();
    journal.push("-journal");
    for file in [staged, Path::new(&journal)] {
        let _ = std::fs::remove_file(file);
    }
}

/// `VACUUM INTO` a fresh `staged` file; a failed attempt leaves nothing behind.
async fn snapshot(db: &DatabaseConnection, staged: &Path) -> anyhow::Result<()> {
    let path = staged.to_str().ok_or_else(|| anyhow!("the path {} is not UTF-8", staged.display()))?;
    remove_staged(staged);
    let result = db
        .execute_raw(Statement::from_sql_and_values(DbBackend::Sqlite, "VACUUM INTO ?", [path.into()]))
        .await;
    if result.is_err() {
        remove_staged(staged);
    }
    result.map(|_| ()).map_err(Into::into)
}

/// The SQLite file a `sqlite://` URL names.
fn sqlite_path(url: &str) -> Option<PathBuf> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
}

/// Checks that `file` is a sound HoiThi database this version can open: SQLite's integrity check
/// passes and every migration it records is one this binary knows.
async fn check_backup(file: &Path) -> anyhow::Result<()> {
    if !file.is_file() {
        bail!("no backup at {}", file.display());
    }
    let url = format!("sqlite://{}?mode=ro", file.display());
    let db = sea_orm::Database::connect(&url)
        .await
        .map_err(|e| anyhow!("{} is not a HoiThi backup: {e}", file.display()))?;
    let not_a_backup = |e: sea_orm::DbErr| anyhow!("{} is not a HoiThi backup: {e}", file.display());
    let integrity = db
        .query_one_raw(Statement::from_string(DbBackend::Sqlite, "PRAGMA integrity_check"))
        .await
        .map_err(not_a_backup)?
        .and_then(|row| row.try_get_by_index::<String>(0).ok())
        .unwrap_or_default();
    if integrity != "ok" {
        bail!("{} is damaged (integrity check: {integrity})", file.display());
    }
    let applied = db
        .query_all_raw(Statement::from_string(DbBackend::Sqlite, "SELECT version FROM seaql_migrations"))
        .await
        .map_err(not_a_backup)?;
    let known: Vec<String> = migration::Migrator::migrations().iter().map(|m| m.name().to_owned()).collect();
    if applied.is_empty() {
        bail!("{} holds no HoiThi data", file.display());
    }
    for row in applied {
        let version: String = row.try_get_by_index(0).map_err(not_a_backup)?;
        if !known.contains(&version) {
            bail!(
                "{} comes from a newer HoiThi (migration {version}): restore it with that version",
                file.display()
            );
        }
    }
    db.close().await.ok();
    Ok(())
}

/// Whether the database at `path` holds anything (accounts, questions or rounds).
async fn holds_data(path: &Path) -> anyhow::Result<bool> {
    if !path.exists() || std::fs::metadata(path).map(|m| m.len() == 0).unwrap_or(true) {
        return Ok(false);
    }
    let db = sea_orm::Database::connect(format!("sqlite://{}?mode=ro", path.display()))
        .await
        .map_err(|e| anyhow!("cannot open {}: {e}", path.display()))?;
    let mut found = false;
    for table in ["users", "questions", "rounds"] {
        let sql = format!("SELECT 1 FROM {table} LIMIT 1");
        if let Ok(Some(_)) = db.query_one_raw(Statement::from_string(DbBackend::Sqlite, sql)).await {
            found = true;
        }
    }
    db.close().await.ok();
    Ok(found)
}

/// Loads the backup `file` into the database at `url` (SQLite), after checking it. A target that
/// holds data is refused unless `replace`; the server must not be running on it. Migrations newer
/// than the backup are applied afterwards.
pub async fn restore(url: &str, file: &Path, replace: bool) -> anyhow::Result<()> {
    if !url.starts_with("sqlite:") {
        bail!("{POSTGRES_TOOLS}");
    }
    let target = sqlite_path(url).ok_or_else(|| anyhow!("DATABASE_URL names no SQLite file"))?;
    check_backup(file).await?;
    if holds_data(&target).await? && !replace {
        bail!(
            "{} already holds a contest: stop the server, then restore with --replace to overwrite it",
            target.display()
        );
    }
    // Copied next to the target, then moved over it, so a failure leaves the target as it was.
    let mut staging = target.clone().into_os_string();
    staging.push(".restoring");
    let staging = PathBuf::from(staging);
    let _ = std::fs::remove_file(&staging);
    let source = sea_orm::Database::connect(format!("sqlite://{}?mode=ro", file.display()))
        .await
        .map_err(|e| anyhow!("cannot open {}: {e}", file.display()))?;
    let staged = staging.to_str().ok_or_else(|| anyhow!("the path {} is not UTF-8", staging.display()))?;
    source
        .execute_raw(Statement::from_sql_and_values(DbBackend::Sqlite, "VACUUM INTO ?", [staged.into()]))
        .await
        .with_context(|| format!("copying {} failed", file.display()))?;
    source.close().await.ok();
    for suffix in ["-wal", "-shm"] {
        let mut side = target.clone().into_os_string();
        side.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(side));
    }
    std::fs::rename(&staging, &target)
        .with_context(|| format!("moving the restored database to {}", target.display()))?;
    let db = store::connect(url).await.map_err(|e| anyhow!("cannot open the restored database: {e}"))?;
    store::db::migrate(&db).await.map_err(|e| anyhow!("migrating the restored database failed: {e}"))?;
    db.close().await.ok();
    Ok(())
}

/// Rolling snapshots: every `every`, a backup into `dir` named by its UTC time; the newest `keep`
/// are kept. A failed backup is logged and tried again at the next turn; serving goes on.
pub async fn every(db: DatabaseConnection, every: Duration, dir: PathBuf, keep: usize) {
    if store::db::is_postgres(&db) {
        tracing::warn!("--backup-every is for SQLite; back PostgreSQL up with pg_dump (see README)");
        return;
    }
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    tick.tick().await;
    loop {
        tick.tick().await;
        if let Err(e) = std::fs::create_dir_all(&dir) {
            tracing::warn!(dir = %dir.display(), error = %e, "backup failed: cannot create the directory; trying again later");
            continue;
        }
        let name = format!("hoithi-{}.db", chrono::Utc::now().format("%Y%m%d-%H%M%S%.3f"));
        let file = dir.join(name);
        // One staging name for the directory: what a killed process left is replaced next time.
        let staged = dir.join(".hoithi-writing.db");
        if let Err(e) = snapshot(&db, &staged).await {
            tracing::warn!(file = %file.display(), error = format!("{e:#}"), "backup failed; trying again later");
            continue;
        }
        // Old ones go only once the new one is complete, and before it appears: the directory
        // never shows more than `keep` backups, and a failed backup removes none.
        prune(&dir, keep.saturating_sub(1));
        match std::fs::rename(&staged, &file) {
            Ok(()) => tracing::info!(file = %file.display(), "backup written"),
            Err(e) => {
                remove_staged(&staged);
                tracing::warn!(file = %file.display(), error = %e, "backup failed; trying again later");
            }
        }
    }
}

/// Removes all but the newest `keep` snapshots in `dir`.
fn prune(dir: &Path, keep: usize) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut snapshots: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("hoithi-") && n.ends_with(".db"))
        })
        .collect();
    // The names sort as their times do.
    snapshots.sort();
    let excess = snapshots.len().saturating_sub(keep);
    for old in &snapshots[..excess] {
        if let Err(e) = std::fs::remove_file(old) {
            tracing::warn!(file = %old.display(), error = %e, "removing an old backup failed");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_name_their_file() {
        assert_eq!(sqlite_path("sqlite://hoithi.db?mode=rwc"), Some(PathBuf::from("hoithi.db")));
        assert_eq!(
            sqlite_path("sqlite:///var/lib/hoithi/hoithi.db"),
            Some(PathBuf::from("/var/lib/hoithi/hoithi.db"))
        );
        assert_eq!(sqlite_path("sqlite::memory:"), None);
    }

    #[test]
    fn pruning_keeps_the_newest() {
        let dir = tempfile_dir();
        for name in [
            "hoithi-20261205-010000.000.db",
            "hoithi-20261205-020000.000.db",
            "hoithi-20261205-030000.000.db",
            "notes.txt",
        ] {
            std::fs::write(dir.join(name), b"x").expect("write");
        }
        prune(&dir, 2);
        let mut left: Vec<String> = std::fs::read_dir(&dir)
            .expect("read")
            .filter_map(|e| e.ok().and_then(|e| e.file_name().into_string().ok()))
            .collect();
        left.sort();
        assert_eq!(left, ["hoithi-20261205-020000.000.db", "hoithi-20261205-030000.000.db", "notes.txt"]);
        let _ = std::fs::remove_dir_all(&dir);
    }

    fn tempfile_dir() -> PathBuf {
        let dir = std::env::temp_dir().join(format!("hoithi-prune-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        dir
    }
}
