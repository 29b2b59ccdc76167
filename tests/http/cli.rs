use anyhow::Result;
use hoithi_tests::{TestApp, TestDb, run_cli};
use sea_orm::{ConnectionTrait, Statement};

async fn count(db: &TestDb, table: &str) -> Result<i64> {
    let conn = db.connect().await?;
    let row = conn
        .query_one_raw(Statement::from_string(
            conn.get_database_backend(),
            format!("SELECT COUNT(*) AS n FROM {table}"),
        ))
        .await?
        .expect("a count row");
    Ok(row.try_get::<i64>("", "n")?)
}

#[tokio::test]
async fn demo_loads_the_contest_and_running_it_twice_changes_nothing() -> Result<()> {
    let db = TestDb::new().await?;
    let first = run_cli(&db.url, &["demo"], "").await?;
    assert!(first.status.success(), "{}", first.stderr);
    assert!(
        first.stdout.contains("snv@hoithi.test") && first.stdout.contains("BanToChuc@2017"),
        "{}",
        first.stdout
    );
    let units = count(&db, "units").await?;
    let users = count(&db, "users").await?;
    assert_eq!(units, 33);
    assert!(users >= 300, "{users} accounts");
    let second = run_cli(&db.url, &["demo"], "").await?;
    assert!(second.status.success());
    assert_eq!(count(&db, "units").await?, units);
    assert_eq!(count(&db, "users").await?, users);
    assert_eq!(count(&db, "contests").await?, 1);
    Ok(())
}

#[tokio::test]
async fn user_add_reads_the_password_from_stdin_and_the_account_can_sign_in() -> Result<()> {
    let db = TestDb::new().await?;
    let out = run_cli(
        &db.url,
        &["user", "add", "--role", "organizer", "--login", "bantochuc2", "--name", "Lê Thị Lan"],
        "MotMatKhau@1\n",
    )
    .await?;
    assert!(out.status.success(), "{}", out.stderr);
    let dup = run_cli(
        &db.url,
        &["user", "add", "--role", "organizer", "--login", "bantochuc2", "--name", "Lê Thị Lan"],
        "MotMatKhau@1\n",
    )
    .await?;
    assert!(!dup.status.success());
    assert!(dup.stderr.contains("already exists"), "{}", dup.stderr);
    let app = TestApp::spawn_on(db).await?;
    assert!(app.signed_in(("bantochuc2", "MotMatKhau@1")).await.is_ok());
    Ok(())
}

#[tokio::test]
async fn a_bad_database_url_fails_with_one_clear_line() -> Result<()> {
    for url in ["mysql://nope", "postgres://nobody:secret@127.0.0.1:1/none"] {
        let out = run_cli(url, &["migrate"], "").await?;
        assert!(!out.status.success(), "{url}");
        let lines: Vec<&str> = out.stderr.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(lines.len(), 1, "{}", out.stderr);
        assert!(lines[0].starts_with("error: "), "{}", lines[0]);
        assert!(!out.stderr.contains("secret"), "the password leaked: {}", out.stderr);
    }
    Ok(())
}

#[tokio::test]
async fn a_busy_port_fails_with_one_clear_line() -> Result<()> {
    let app = TestApp::spawn().await?;
    let addr = app.addr.trim_start_matches("http://").to_owned();
    let out = run_cli(&app.db.url, &["serve", "--addr", &addr], "").await?;
    assert!(!out.status.success());
    assert!(out.stderr.contains(&format!("error: cannot listen on {addr}")), "{}", out.stderr);
    Ok(())
}

#[tokio::test]
async fn every_subcommand_has_help() -> Result<()> {
    for args in [
        &["--help"][..],
        &["serve", "--help"],
        &["migrate", "--help"],
        &["demo", "--help"],
        &["user", "add", "--help"],
        &["backup", "--help"],
        &["restore", "--help"],
        &["export", "--help"],
        &["questions", "check", "--help"],
        &["questions", "stats", "--help"],
    ] {
        let out = run_cli("sqlite::memory:", args, "").await?;
        assert!(out.status.success(), "{args:?}");
        assert!(out.stdout.contains("Usage"), "{args:?}");
    }
    Ok(())
}
