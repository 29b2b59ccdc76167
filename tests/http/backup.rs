//! Backups taken while the server runs, restored into a new database.

use anyhow::{Context, Result};
use hoithi_tests::{
    ORGANIZER, TestApp, TestDb,
    rounds::{answer, create_round, paper, start},
    run_cli,
};
use reqwest::StatusCode;
use serde_json::Value;
use std::{
    collections::BTreeMap,
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, AtomicUsize, Ordering},
    },
    time::Duration,
};

const PASSWORD: &str = "ThiSinh@2017";

/// Per contestant: the attempt, and the answers (position to option) acknowledged before the
/// backup started.
type Acknowledged = Arc<Mutex<BTreeMap<usize, (i64, BTreeMap<i64, i64>)>>>;

fn contestant(n: usize) -> String {
    format!("thisinh{n:03}@hoithi.test")
}

#[tokio::test]
async fn a_backup_taken_during_answer_saves_restores_every_answer_acknowledged_before_it() -> Result<()> {
    let app = Arc::new(TestApp::with_demo().await?);
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("snapshot.db");
    let file_arg = file.display().to_string();
    if app.db.is_postgres() {
        let out = run_cli(&app.db.url, &["backup", &file_arg], "").await?;
        assert!(!out.status.success(), "PostgreSQL is backed up with its own tools");
        assert!(out.stderr.contains("pg_dump"), "{}", out.stderr);
        return Ok(());
    }
    let org = app.signed_in(ORGANIZER).await?;
    let round = create_round(&app, &org, 3_600_000, "3", "after_submit").await?;
    // One finished attempt, so the boards have something to show.
    let done = app.signed_in((contestant(9).as_str(), PASSWORD)).await?;
    let finished = start(&app, &done, round).await?;
    for position in 1..=20 {
        answer(&app, &done, finished, position, "0").await?;
    }
    let res = app.call(&done, "contestant/submit", &[("attempt_id", &finished.to_string())]).await?;
    assert!(res.status().is_success());

    // Three contestants save answers as fast as they can; the backup starts in the middle.
    let backup_started = Arc::new(AtomicBool::new(false));
    let acknowledged = Arc::new(AtomicUsize::new(0));
    let before: Acknowledged = Arc::default();
    let mut tasks = Vec::new();
    for n in 1..=3 {
        let who = app.signed_in((contestant(n).as_str(), PASSWORD)).await?;
        let attempt = start(&app, &who, round).await?;
        before.lock().map_err(|_| anyhow::anyhow!("poisoned"))?.insert(n, (attempt, BTreeMap::new()));
        let (app, backup_started, acknowledged, before) =
            (app.clone(), backup_started.clone(), acknowledged.clone(), before.clone());
        tasks.push(tokio::spawn(async move {
            for position in 1..=20i64 {
                let chosen = position % 2;
                let res = answer(&app, &who, attempt, position, &chosen.to_string()).await?;
                anyhow::ensure!(res.status() == StatusCode::OK, "save failed: {}", res.status());
                acknowledged.fetch_add(1, Ordering::SeqCst);
                if !backup_started.load(Ordering::SeqCst)
                    && let Ok(mut map) = before.lock()
                    && let Some((_, answers)) = map.get_mut(&n)
                {
                    answers.insert(position, chosen);
                }
            }
            Ok::<_, anyhow::Error>(())
        }));
    }
    while acknowledged.load(Ordering::SeqCst) < 15 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    backup_started.store(true, Ordering::SeqCst);
    let out = run_cli(&app.db.url, &["backup", &file_arg], "").await?;
    assert!(out.status.success(), "backup failed: {}", out.stderr);
    for task in tasks {
        task.await??;
    }
    let again = run_cli(&app.db.url, &["backup", &file_arg], "").await?;
    assert!(!again.status.success() && again.stderr.contains("already exists"), "a backup never overwrites");

    // Restored into a new database, served by a new server.
    let target = TestDb::sqlite()?;
    let out = run_cli(&target.url, &["restore", &file_arg], "").await?;
    assert!(out.status.success(), "restore failed: {}", out.stderr);
    let restored = TestApp::spawn_on(target).await?;
    let expected = before.lock().map_err(|_| anyhow::anyhow!("poisoned"))?.clone();
    let mut checked = 0;
    for (n, (attempt, answers)) in expected {
        let who = restored.signed_in((contestant(n).as_str(), PASSWORD)).await?;
        let sheet = paper(&restored, &who, attempt).await?;
        let questions = sheet["questions"].as_array().context("no paper")?;
        for (position, chosen) in answers {
            let q = &questions[(position - 1) as usize];
            assert_eq!(q["chosen"], serde_json::json!([chosen]), "contestant {n}, question {position} lost");
            checked += 1;
        }
    }
    assert!(checked >= 15, "only {checked} answers were acknowledged before the backup");

    // The boards read the same from the restored database.
    let org2 = restored.signed_in(ORGANIZER).await?;
    for (name, form) in [("results/round", vec![("id", round.to_string())]), ("results/all-rounds", vec![])] {
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let original: Value = app.call(&org, name, &form).await?.json().await?;
        let copy: Value = restored.call(&org2, name, &form).await?.json().await?;
        assert_eq!(original, copy, "{name} differs after the restore");
    }
    Ok(())
}

#[tokio::test]
async fn restore_checks_the_file_and_refuses_a_database_in_use() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let garbage = dir.path().join("garbage.db");
    std::fs::write(&garbage, b"this is not a database")?;
    let garbage_arg = garbage.display().to_string();
    let app = TestApp::with_demo().await?;
    if app.db.is_postgres() {
        let out = run_cli(&app.db.url, &["restore", &garbage_arg], "").await?;
        assert!(!out.status.success() && out.stderr.contains("pg_restore"), "{}", out.stderr);
        return Ok(());
    }
    let empty = TestDb::sqlite()?;
    let out = run_cli(&empty.url, &["restore", &garbage_arg], "").await?;
    assert!(!out.status.success(), "garbage was restored");
    assert!(out.stderr.contains("not a HoiThi backup") || out.stderr.contains("damaged"), "{}", out.stderr);
    assert_eq!(out.stderr.trim().lines().count(), 1, "{}", out.stderr);

    let file = dir.path().join("good.db");
    let file_arg = file.display().to_string();
    assert!(run_cli(&app.db.url, &["backup", &file_arg], "").await?.status.success());
    // A database that holds a contest is not overwritten by mistake.
    let busy = TestDb::sqlite()?;
    assert!(run_cli(&busy.url, &["demo"], "").await?.status.success());
    let out = run_cli(&busy.url, &["restore", &file_arg], "").await?;
    assert!(!out.status.success() && out.stderr.contains("--replace"), "{}", out.stderr);
    let out = run_cli(&busy.url, &["restore", "--replace", &file_arg], "").await?;
    assert!(out.status.success(), "{}", out.stderr);
    let served = TestApp::spawn_on(busy).await?;
    served.signed_in(ORGANIZER).await?;
    Ok(())
}

#[tokio::test]
async fn a_serving_server_keeps_rolling_backups_and_only_the_newest() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let backups = dir.path().join("backups");
    let backups_arg = backups.display().to_string();
    let db = TestDb::new().await?;
    let postgres = db.is_postgres();
    let env = [
        ("HOITHI_BACKUP_EVERY", "1s"),
        ("HOITHI_BACKUP_DIR", backups_arg.as_str()),
        ("HOITHI_BACKUP_KEEP", "2"),
    ];
    let app = TestApp::spawn_with(db, &env, None).await?;
    let list = || -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&backups)
            .map(|d| d.filter_map(|e| e.ok().and_then(|e| e.file_name().into_string().ok())).collect())
            .unwrap_or_default();
        // A backup being written is hidden (a dot name) until it is complete.
        names.retain(|n| !n.starts_with('.'));
        names.sort();
        names
    };
    if postgres {
        // Rolling backups are SQLite's; on PostgreSQL the server says so and serves on.
        tokio::time::sleep(Duration::from_millis(2500)).await;
        assert!(list().is_empty());
        assert_eq!(reqwest::get(app.url("/healthz")).await?.status(), StatusCode::OK);
        return Ok(());
    }
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..200 {
        let now = list();
        assert!(now.len() <= 2, "more than 2 kept: {now:?}");
        assert!(
            now.iter().all(|n| n.starts_with("hoithi-") && n.ends_with(".db")),
            "half a backup shows: {now:?}"
        );
        seen.extend(now);
        if seen.len() >= 4 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(seen.len() >= 4, "backups did not roll: {seen:?}");
    // What it keeps restores.
    // The server goes on rolling: copy the newest away before the next turn removes it.
    let copy = dir.path().join("newest.db");
    let mut copied = false;
    for _ in 0..20 {
        let newest = list().last().cloned().context("no backup left")?;
        if std::fs::copy(backups.join(newest), &copy).is_ok() {
            copied = true;
            break;
        }
    }
    assert!(copied, "no backup could be copied");
    let target = TestDb::sqlite()?;
    let out = run_cli(&target.url, &["restore", &copy.display().to_string()], "").await?;
    assert!(out.status.success(), "{}", out.stderr);
    Ok(())
}

#[tokio::test]
async fn export_writes_the_whole_contest_as_spreadsheets_in_one_archive() -> Result<()> {
    use hoithi_tests::papers::{code_of, sit};
    use std::io::Read;
    let app = TestApp::with_demo().await?;
    let org = app.signed_in(ORGANIZER).await?;
    let round = create_round(&app, &org, 3_600_000, "1", "after_close").await?;
    let sat = sit(&app, round, 1, true).await?;
    let (attempt, items) = (sat.attempt, sat.items);
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("hoi-thi-2017.zip");
    let file_arg = file.display().to_string();
    let out = run_cli(&app.db.url, &["export", &file_arg], "").await?;
    assert!(out.status.success(), "{}", out.stderr);

    let mut archive = zip::ZipArchive::new(std::fs::File::open(&file)?)?;
    let mut read = |name: &str| -> Result<String> {
        let mut text = String::new();
        archive.by_name(name)?.read_to_string(&mut text)?;
        Ok(text)
    };
    let attempts = read("bai-thi.csv")?;
    assert!(
        attempts.lines().any(|l| l.starts_with(&format!("{attempt},")) && l.contains(",19,20,")),
        "{attempts}"
    );
    let answers = read("cau-tra-loi.csv")?;
    assert_eq!(answers.lines().filter(|l| l.starts_with(&format!("{attempt},"))).count(), 20, "every answer");
    let questions = read("cau-hoi-da-dung.csv")?;
    assert!(questions.contains(&code_of(&app.db, items[0].version).await?), "the questions as drawn");
    let people = read("nguoi-dung.csv")?;
    assert!(!people.contains("$argon2"), "no password hashes");
    assert!(read("ket-qua-ca-nhan.csv")?.lines().count() >= 2, "the results");
    for name in ["don-vi.csv", "vong-thi.csv", "phieu-cham.csv", "nhat-ky.csv"] {
        assert!(read(name)?.starts_with('\u{feff}'), "{name}: a CSV Excel opens with its diacritics");
    }
    let mut book = Vec::new();
    archive.by_name("hoi-thi.xlsx")?.read_to_end(&mut book)?;
    use calamine::Reader;
    let workbook: calamine::Xlsx<_> = calamine::Xlsx::new(std::io::Cursor::new(book))?;
    let sheets = workbook.sheet_names();
    assert!(sheets.iter().any(|s| s == "Bài thi") && sheets.iter().any(|s| s == "Nhật ký"), "{sheets:?}");

    let again = run_cli(&app.db.url, &["export", &file_arg], "").await?;
    assert!(!again.status.success(), "an existing archive is not overwritten");
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    Ok(())
}
