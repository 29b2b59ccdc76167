//! `hoithi-load`: drives N simulated contestants through the real HTTP interface of a running
//! `hoithi` (sign in, start an attempt, answer every question, submit), then checks in the
//! database that every answer the server acknowledged is stored. Prints throughput and latency
//! per step, errors, and answers lost.
//!
//! Setup (accounts and a round) goes through the organizer's own pages: a roster upload and the
//! round form.

use anyhow::{Context, Result, bail};
use clap::Parser;
use reqwest::{Client, StatusCode, header};
use sea_orm::{ConnectionTrait, Statement};
use serde_json::Value;
use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

#[derive(Parser, Debug)]
#[command(about = "Load test for hoithi's online rounds")]
struct Args {
    /// Base URL of the running server.
    #[arg(long, default_value = "http://127.0.0.1:3000")]
    base_url: String,
    /// The server's database (to check that acknowledged answers are stored).
    #[arg(long, env = "DATABASE_URL")]
    database_url: String,
    /// Number of simulated contestants.
    #[arg(long, default_value_t = 2000)]
    contestants: usize,
    /// Contestants start spread evenly over this many seconds.
    #[arg(long, default_value_t = 60)]
    ramp_secs: u64,
    /// Pause between two answers of one contestant, in milliseconds (0: answer as fast as possible).
    #[arg(long, default_value_t = 0)]
    think_ms: u64,
    /// Organizer sign-in used for the setup.
    #[arg(long, default_value = "snv@hoithi.test")]
    organizer: String,
    #[arg(long, default_value = "BanToChuc@2017")]
    organizer_password: String,
}

const PASSWORD: &str = "TaiKiemThu@2017";
const STEPS: [&str; 5] = ["sign-in", "start", "paper", "answer", "submit"];

fn login_of(i: usize) -> String {
    format!("tai{i:05}@hoithi.test")
}

#[derive(Default)]
struct Stats {
    latencies: HashMap<&'static str, Vec<Duration>>,
    errors: HashMap<String, usize>,
    /// (attempt, position, displayed option) acknowledged by the server.
    acknowledged: Vec<(i64, i32, usize)>,
    submitted: Vec<i64>,
}

struct Session {
    client: Client,
    base: String,
    cookie: Option<String>,
}

impl Session {
    async fn call(&mut self, name: &str, form: &[(&str, String)]) -> Result<(StatusCode, String)> {
        let mut req = self
            .client
            .post(format!("{}/api/{name}", self.base))
            .header(header::ACCEPT, "application/json")
            .form(form);
        if let Some(c) = &self.cookie {
            req = req.header(header::COOKIE, c);
        }
        let res = req.send().await?;
        if let Some(set) = res.headers().get(header::SET_COOKIE).and_then(|v| v.to_str().ok()) {
            self.cookie = set.split(';').next().map(str::to_owned);
        }
        Ok((res.status(), res.text().await?))
    }
}

async fn timed<T>(
    stats: &Mutex<Stats>,
    step: &'static str,
    f: impl std::future::Future<Output = Result<T>>,
) -> Result<T> {
    let start = Instant::now();
    let out = f.await;
    let took = start.elapsed();
    if let Ok(mut s) = stats.lock() {
        match &out {
            Ok(_) => s.latencies.entry(step).or_default().push(took),
            Err(e) => *s.errors.entry(format!("{step}: {e}")).or_default() += 1,
        }
    }
    out
}

fn ok(status: StatusCode, body: &str) -> Result<()> {
    if status.is_success() || status.is_redirection() {
        Ok(())
    } else {
        bail!("{status} {}", body.chars().take(120).collect::<String>())
    }
}

async fn contestant(
    client: Client,
    base: String,
    i: usize,
    round: i32,
    think: Duration,
    stats: Arc<Mutex<Stats>>,
) -> Result<()> {
    let mut s = Session { client, base, cookie: None };
    timed(&stats, "sign-in", async {
        let (st, body) = s.call("login", &[("login", login_of(i)), ("password", PASSWORD.into())]).await?;
        ok(st, &body)
    })
    .await?;
    let attempt: i64 = timed(&stats, "start", async {
        let (st, body) = s.call("contestant/start", &[("round_id", round.to_string())]).await?;
        ok(st, &body)?;
        Ok(body.trim().parse::<i64>()?)
    })
    .await?;
    let paper: Value = timed(&stats, "paper", async {
        let (st, body) = s.call("contestant/attempt", &[("id", attempt.to_string())]).await?;
        ok(st, &body)?;
        Ok(serde_json::from_str(&body)?)
    })
    .await?;
    let questions = paper["questions"].as_array().cloned().unwrap_or_default();
    for q in questions {
        let position = q["position"].as_i64().unwrap_or(0) as i32;
        let choice = (i + position as usize) % q["options"].as_array().map_or(1, |o| o.len().max(1));
        let saved = timed(&stats, "answer", async {
            let form = [
                ("attempt_id", attempt.to_string()),
                ("position", position.to_string()),
                ("chosen", choice.to_string()),
            ];
            let (st, body) = s.call("contestant/answer", &form).await?;
            ok(st, &body)
        })
        .await;
        if saved.is_ok()
            && let Ok(mut st) = stats.lock()
        {
            st.acknowledged.push((attempt, position, choice));
        }
        if !think.is_zero() {
            tokio::time::sleep(think).await;
        }
    }
    timed(&stats, "submit", async {
        let (st, body) = s.call("contestant/submit", &[("attempt_id", attempt.to_string())]).await?;
        ok(st, &body)
    })
    .await?;
    if let Ok(mut st) = stats.lock() {
        st.submitted.push(attempt);
    }
    Ok(())
}

/// Creates the load accounts (once) through the roster upload, and a round open now.
async fn setup(args: &Args, client: &Client) -> Result<i32> {
    let mut org = Session { client: client.clone(), base: args.base_url.clone(), cookie: None };
    let (st, body) = org
        .call("login", &[("login", args.organizer.clone()), ("password", args.organizer_password.clone())])
        .await?;
    ok(st, &body).context("organizer sign-in")?;
    let existing: Value =
        serde_json::from_str(&org.call("organizer/accounts", &[("q", "tai kiem thu".into())]).await?.1)?;
    let have = existing["total"].as_u64().unwrap_or(0) as usize;
    if have < args.contestants {
        let started = Instant::now();
        let units: Value = serde_json::from_str(&org.call("unit-choices", &[]).await?.1)?;
        let units: Vec<String> = units
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .filter_map(|u| u["name"].as_str().map(str::to_owned))
            .collect();
        for chunk in (have..args.contestants).collect::<Vec<_>>().chunks(2000) {
            let mut csv = String::from("Họ và tên,Đơn vị,Email hoặc số điện thoại,Mật khẩu\n");
            for &i in chunk {
                csv.push_str(&format!(
                    "Tải Kiểm Thử,\"{}\",{},{PASSWORD}\n",
                    units[i % units.len()],
                    login_of(i)
                ));
            }
            let form = reqwest::multipart::Form::new()
                .part("file", reqwest::multipart::Part::bytes(csv.into_bytes()).file_name("tai.csv"));
            let res = client
                .post(format!("{}/ban-to-chuc/nhap-danh-sach/tai-len", args.base_url))
                .header(header::COOKIE, org.cookie.clone().unwrap_or_default())
                .multipart(form)
                .send()
                .await?;
            if res.status() != StatusCode::SEE_OTHER {
                bail!("roster upload failed: {}", res.status());
            }
        }
        println!(
            "setup: {} accounts created in {:.1} s",
            args.contestants - have,
            started.elapsed().as_secs_f64()
        );
    }
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?.as_millis() as i64;
    let name = format!("Vòng tải {now}");
    let form = [
        ("name", name.clone()),
        ("opens", domain::time::to_input(now - 3_600_000)),
        ("closes", domain::time::to_input(now + 4 * 3_600_000)),
        ("time_limit_minutes", "15".into()),
        ("attempts_allowed", "3".into()),
        ("review_policy", "after_close".into()),
        ("blueprint[0][topic]", String::new()),
        ("blueprint[0][difficulty]", "easy".into()),
        ("blueprint[0][count]", "8".into()),
        ("blueprint[1][topic]", String::new()),
        ("blueprint[1][difficulty]", "medium".into()),
        ("blueprint[1][count]", "8".into()),
        ("blueprint[2][topic]", String::new()),
        ("blueprint[2][difficulty]", "hard".into()),
        ("blueprint[2][count]", "4".into()),
    ];
    let (st, body) = org.call("organizer/round/save", &form).await?;
    ok(st, &body).context("creating the round")?;
    let rounds: Value = serde_json::from_str(&org.call("organizer/rounds", &[]).await?.1)?;
    rounds
        .as_array()
        .and_then(|all| all.iter().find(|r| r["name"] == name.as_str()))
        .and_then(|r| r["id"].as_i64())
        .map(|id| id as i32)
        .context("the new round is not listed")
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

/// Counts acknowledged answers that are missing or different in the database.
async fn lost_answers(database_url: &str, acknowledged: &[(i64, i32, usize)]) -> Result<usize> {
    let db = sea_orm::Database::connect(database_url).await?;
    let backend = db.get_database_backend();
    let mut by_attempt: HashMap<i64, Vec<(i32, usize)>> = HashMap::new();
    for (a, p, c) in acknowledged {
        by_attempt.entry(*a).or_default().push((*p, *c));
    }
    let mut lost = 0;
    let ids: Vec<i64> = by_attempt.keys().copied().collect();
    for chunk in ids.chunks(500) {
        let list = chunk.iter().map(ToString::to_string).collect::<Vec<_>>().join(",");
        let sql = format!(
            "SELECT a.attempt_id, a.position, a.chosen, q.option_order FROM answers a JOIN attempt_questions q \
             ON q.attempt_id = a.attempt_id AND q.position = a.position WHERE a.attempt_id IN ({list})"
        );
        let mut stored: HashMap<(i64, i32), usize> = HashMap::new();
        for row in db.query_all_raw(Statement::from_string(backend, sql)).await? {
            let (a, p): (i64, i32) = (row.try_get_by_index(0)?, row.try_get_by_index(1)?);
            let chosen: Vec<usize> = serde_json::from_str(&row.try_get_by_index::<String>(2)?)?;
            let order: Vec<usize> = serde_json::from_str(&row.try_get_by_index::<String>(3)?)?;
            if let Some(displayed) = chosen.first().and_then(|c| order.iter().position(|o| o == c)) {
                stored.insert((a, p), displayed);
            }
        }
        for a in chunk {
            for (p, c) in &by_attempt[a] {
                if stored.get(&(*a, *p)) != Some(c) {
                    lost += 1;
                }
            }
        }
    }
    Ok(lost)
}

#[tokio::main]
async fn main() -> Result<()> {
    let args = Args::parse();
    let client = Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(usize::MAX)
        .timeout(Duration::from_secs(300))
        .build()?;
    let round = setup(&args, &client).await?;
    println!(
        "load: {} contestants over {} s (think {} ms) against {}, round {round}",
        args.contestants, args.ramp_secs, args.think_ms, args.base_url
    );
    let stats = Arc::new(Mutex::new(Stats::default()));
    let started = Instant::now();
    let gap = Duration::from_secs_f64(args.ramp_secs as f64 / args.contestants.max(1) as f64);
    let mut tasks = Vec::with_capacity(args.contestants);
    for i in 0..args.contestants {
        let at = started + gap * i as u32;
        let (client, base, stats) = (client.clone(), args.base_url.clone(), stats.clone());
        let think = Duration::from_millis(args.think_ms);
        tasks.push(tokio::spawn(async move {
            tokio::time::sleep_until(at.into()).await;
            contestant(client, base, i, round, think, stats).await
        }));
    }
    let mut failed = 0;
    for t in tasks {
        if !matches!(t.await, Ok(Ok(()))) {
            failed += 1;
        }
    }
    let wall = started.elapsed();
    let mut stats = Arc::try_unwrap(stats)
        .map_err(|_| anyhow::anyhow!("tasks still hold the stats"))?
        .into_inner()
        .map_err(|_| anyhow::anyhow!("poisoned"))?;
    let lost = lost_answers(&args.database_url, &stats.acknowledged).await?;

    println!(
        "\nfinished in {:.1} s; {} of {} contestants completed every step",
        wall.as_secs_f64(),
        args.contestants - failed,
        args.contestants
    );
    println!(
        "{:<8} {:>9} {:>10} {:>9} {:>9} {:>9}",
        "step", "requests", "req/s", "p50 ms", "p99 ms", "max ms"
    );
    for step in STEPS {
        let l = stats.latencies.entry(step).or_default();
        l.sort_unstable();
        println!(
            "{:<8} {:>9} {:>10.1} {:>9.1} {:>9.1} {:>9.1}",
            step,
            l.len(),
            l.len() as f64 / wall.as_secs_f64(),
            percentile(l, 0.5),
            percentile(l, 0.99),
            percentile(l, 1.0)
        );
    }
    let errors: usize = stats.errors.values().sum();
    println!("errors: {errors}");
    let mut errs: Vec<_> = stats.errors.iter().collect();
    errs.sort_by(|a, b| b.1.cmp(a.1));
    for (e, n) in errs.iter().take(5) {
        println!("  {n} x {e}");
    }
    println!(
        "answers acknowledged: {}; submitted attempts: {}",
        stats.acknowledged.len(),
        stats.submitted.len()
    );
    println!("answers lost (acknowledged but missing from the database): {lost}");
    if lost > 0 {
        bail!("{lost} acknowledged answers are missing");
    }
    Ok(())
}
