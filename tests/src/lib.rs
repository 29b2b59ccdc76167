//! Helpers shared by the black-box tests: each test starts the real `hoithi` binary on a free port
//! with a fresh database (a temporary SQLite file, or a new PostgreSQL database when
//! `HOITHI_TEST_DATABASE_URL` points at a server) and talks to it over HTTP.

pub mod browser;
pub mod papers;
pub mod rounds;

use anyhow::{Context, Result, bail};
use std::{
    path::{Path, PathBuf},
    process::Stdio,
    time::{Duration, Instant},
};
use tokio::{io::AsyncWriteExt, process::Command};

/// Demo passwords, as `hoithi demo` prints them.
pub const ORGANIZER: (&str, &str) = ("snv@hoithi.test", "BanToChuc@2017");
pub const JUDGE: (&str, &str) = ("giamkhao2@hoithi.test", "GiamKhao@2017");
pub const HEAD_JUDGE: (&str, &str) = ("giamkhao1@hoithi.test", "GiamKhao@2017");
pub const SECRETARY: (&str, &str) = ("thuky@hoithi.test", "ThuKy@2017");
pub const CONTESTANT: (&str, &str) = ("thisinh001@hoithi.test", "ThiSinh@2017");

/// The workspace root (where `target/site` lives).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

/// The `hoithi` binary under test: `HOITHI_BIN`, or the debug build.
pub fn binary() -> PathBuf {
    std::env::var_os("HOITHI_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target/debug/hoithi"))
}

/// A database of its own for one test.
pub struct TestDb {
    pub url: String,
    admin: Option<(String, String)>,
    _dir: Option<tempfile::TempDir>,
}

impl TestDb {
    pub async fn new() -> Result<Self> {
        match std::env::var("HOITHI_TEST_DATABASE_URL") {
            Ok(admin_url) if !admin_url.is_empty() => {
                let name = format!("hoithi_test_{}_{}", std::process::id(), rand_suffix());
                let db =
                    sea_orm::Database::connect(&admin_url).await.context("connect to test PostgreSQL")?;
                use sea_orm::ConnectionTrait;
                db.execute_unprepared(&format!("CREATE DATABASE {name}")).await?;
                db.close().await?;
                let base = admin_url.rsplit_once('/').map(|(b, _)| b.to_owned()).context("bad admin URL")?;
                Ok(Self { url: format!("{base}/{name}"), admin: Some((admin_url, name)), _dir: None })
            }
            _ => {
                let dir = tempfile::tempdir()?;
                let url = format!("sqlite://{}?mode=rwc", dir.path().join("hoithi.db").display());
                Ok(Self { url, admin: None, _dir: Some(dir) })
            }
        }
    }

    /// A fresh SQLite database in a temporary directory, whatever `HOITHI_TEST_DATABASE_URL` says.
    pub fn sqlite() -> Result<Self> {
        let dir = tempfile::tempdir()?;
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("hoithi.db").display());
        Ok(Self { url, admin: None, _dir: Some(dir) })
    }

    pub fn is_postgres(&self) -> bool {
        self.admin.is_some()
    }

    /// A direct connection, for checking what the server stored.
    pub async fn connect(&self) -> Result<sea_orm::DatabaseConnection> {
        Ok(sea_orm::Database::connect(&self.url).await?)
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((admin_url, name)) = self.admin.take() {
            // Drop runs outside any runtime we can borrow, so use a small one of its own.
            let _ = std::thread::spawn(move || {
                let Ok(rt) = tokio::runtime::Builder::new_current_thread().enable_all().build() else {
                    return;
                };
                rt.block_on(async move {
                    use sea_orm::ConnectionTrait;
                    if let Ok(db) = sea_orm::Database::connect(&admin_url).await {
                        let _ = db
                            .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                            .await;
                        let _ = db.close().await;
                    }
                });
            })
            .join();
        }
    }
}

fn rand_suffix() -> String {
    use std::time::{SystemTime, UNIX_EPOCH};
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    format!("{nanos}_{}", COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
}

/// Output of a CLI run.
pub struct CliOutput {
    pub status: std::process::ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `hoithi ARGS` against `db_url`, feeding `stdin`.
pub async fn run_cli(db_url: &str, args: &[&str], stdin: &str) -> Result<CliOutput> {
    let mut child = Command::new(binary())
        .args(args)
        .env("DATABASE_URL", db_url)
        .env("RUST_LOG", "warn")
        .current_dir(workspace_root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .with_context(|| format!("cannot start {}", binary().display()))?;
    if let Some(mut input) = child.stdin.take() {
        input.write_all(stdin.as_bytes()).await?;
    }
    let out = child.wait_with_output().await?;
    Ok(CliOutput {
        status: out.status,
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    })
}

/// A running server with its own database.
pub struct TestApp {
    // Declared first so the server stops before its database is dropped.
    child: Option<tokio::process::Child>,
    pub addr: String,
    pub db: TestDb,
    /// Extra environment of the server process.
    pub env: Vec<(String, String)>,
    /// Where the server's log (stderr) goes; inherited when unset.
    pub log_file: Option<PathBuf>,
}

impl TestApp {
    /// A server on a fresh database.
    pub async fn spawn() -> Result<Self> {
        let db = TestDb::new().await?;
        Self::spawn_on(db).await
    }

    /// A server on a fresh database loaded with the demo contest.
    pub async fn with_demo() -> Result<Self> {
        let db = TestDb::new().await?;
        let out = run_cli(&db.url, &["demo"], "").await?;
        if !out.status.success() {
            bail!("hoithi demo failed: {}", out.stderr);
        }
        Self::spawn_on(db).await
    }

    pub async fn spawn_on(db: TestDb) -> Result<Self> {
        Self::spawn_with(db, &[], None).await
    }

    /// A server on `db` with extra environment, its log written to `log_file`.
    pub async fn spawn_with(db: TestDb, env: &[(&str, &str)], log_file: Option<PathBuf>) -> Result<Self> {
        let env = env.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        let mut app = Self { addr: String::new(), db, child: None, env, log_file };
        app.start().await?;
        Ok(app)
    }

    /// Starts (or restarts) the server process on a new free port.
    pub async fn start(&mut self) -> Result<()> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let addr = format!("127.0.0.1:{port}");
        let mut command = Command::new(binary());
        command
            .args(["serve", "--addr", &addr])
            .env("DATABASE_URL", &self.db.url)
            .env("LEPTOS_SITE_ROOT", workspace_root().join("target/site"))
            .env("RUST_LOG", std::env::var("HOITHI_TEST_LOG").unwrap_or_else(|_| "warn".into()))
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .current_dir(workspace_root())
            .stdout(Stdio::null())
            .kill_on_drop(true);
        if let Some(path) = &self.log_file {
            let file = std::fs::OpenOptions::new().create(true).append(true).open(path)?;
            command.stderr(Stdio::from(file));
        }
        let child = command.spawn().with_context(|| format!("cannot start {}", binary().display()))?;
        self.child = Some(child);
        self.addr = format!("http://{addr}");
        let deadline = Instant::now() + Duration::from_secs(30);
        let client = reqwest::Client::new();
        loop {
            if let Ok(r) = client.get(self.url("/healthz")).send().await
                && r.status().is_success()
            {
                return Ok(());
            }
            if let Some(child) = self.child.as_mut()
                && let Some(status) = child.try_wait()?
            {
                bail!("hoithi serve exited early with {status}");
            }
            if Instant::now() > deadline {
                bail!("hoithi serve did not become healthy in 30 s");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Starts another server process on the same database (for multi-process tests).
    pub async fn second(&self) -> Result<TestApp> {
        let db = TestDb { url: self.db.url.clone(), admin: None, _dir: None };
        let mut other = TestApp {
            addr: String::new(),
            db,
            child: None,
            env: self.env.clone(),
            log_file: self.log_file.clone(),
        };
        other.start().await?;
        Ok(other)
    }

    /// Stops the server process (the database stays).
    pub async fn stop(&mut self) -> Result<()> {
        if let Some(mut child) = self.child.take() {
            child.kill().await?;
        }
        Ok(())
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.addr)
    }

    /// A client with its own cookie jar that does not follow redirects, so tests see them.
    pub fn client(&self) -> reqwest::Client {
        let mut headers = reqwest::header::HeaderMap::new();
        // Page requests look like a browser's, so sign-in redirects are real 302s.
        headers.insert(
            reqwest::header::ACCEPT,
            reqwest::header::HeaderValue::from_static("text/html,application/xhtml+xml"),
        );
        reqwest::Client::builder()
            .default_headers(headers)
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap_or_default()
    }

    /// Calls a server function (`/api/NAME`) with form fields, as a hydrated page would.
    pub async fn call(
        &self,
        client: &reqwest::Client,
        name: &str,
        form: &[(&str, &str)],
    ) -> Result<reqwest::Response> {
        Ok(client
            .post(self.url(&format!("/api/{name}")))
            .header(reqwest::header::ACCEPT, "application/json")
            .form(form)
            .send()
            .await?)
    }

    /// A client signed in as `who`.
    pub async fn signed_in(&self, who: (&str, &str)) -> Result<reqwest::Client> {
        let client = self.client();
        let res = self.call(&client, "login", &[("login", who.0), ("password", who.1)]).await?;
        if !res.status().is_success() && !res.status().is_redirection() {
            bail!("sign-in as {} failed: {} {}", who.0, res.status(), res.text().await?);
        }
        Ok(client)
    }
}
