//! `hoithi-load`: drives N simulated contestants through the real HTTP interface of a running
//! `hoithi`, as the hydrated quiz page does (sign in, start an attempt, fetch the paper, answer
//! every question, submit), then checks in the database that every answer the server
//! acknowledged is stored. Prints throughput and latency per step, errors and answers lost.
//!
//! The synchronized-start scenario: everyone signs in ahead (`--sign-in-ahead`, a storm measured
//! against this machine's raw argon2id rate while a visitor's `/healthz` and `/` are timed), then
//! starts at a random moment within `--start-within` seconds and thinks `--think-ms` between
//! answers; `--ceiling-secs` measures, in the same run, how many `/healthz` and how many answer
//! saves per second the server can take, and `--server-pid` its CPU time per request and peak
//! memory. Setup (accounts and a round) goes through the organizers' own pages.
//!
//! `--audience N` runs the final's hall instead: N phones vote for the audience favourite.

mod audience;
mod client;
mod probe;
mod report;
mod setup;
mod timeline;

use anyhow::{Result, bail};
use clap::Parser;
use client::{Session, Stats, ok, timed};
use rand::{Rng, SeedableRng, rngs::StdRng};
use reqwest::Client;
use serde_json::Value;
use std::{
    sync::{Arc, Mutex, atomic::AtomicBool},
    time::{Duration, Instant},
};

#[derive(Parser, Debug)]
#[command(about = "Load test for hoithi's online rounds")]
pub struct Args {
    /// Base URL of the running server; several, comma-separated, for servers sharing one
    /// database (contestants are spread over them in turn, as a load balancer would).
    #[arg(long, default_value = "http://127.0.0.1:3000")]
    pub base_url: String,
    /// The server's database (to check that acknowledged answers are stored).
    #[arg(long, env = "DATABASE_URL")]
    pub database_url: String,
    /// Number of simulated contestants.
    #[arg(long, default_value_t = 2000)]
    pub contestants: usize,
    /// Contestants start at random moments within this many seconds.
    #[arg(long, alias = "ramp-secs", default_value_t = 60)]
    pub start_within: u64,
    /// Pause between two answers in milliseconds: a fixed time ("0": none) or a range
    /// ("1000-5000": uniformly at random within it).
    #[arg(long, default_value = "0", value_parser = parse_range)]
    pub think_ms: (u64, u64),
    /// Sign everyone in before the start, as people do while waiting for a round to open.
    #[arg(long)]
    pub sign_in_ahead: bool,
    /// Sign-ins sent at once with `--sign-in-ahead`.
    #[arg(long, default_value_t = 32)]
    pub sign_in_concurrency: usize,
    /// Each contestant also loads the quiz page and its static files as a browser with an empty
    /// cache does.
    #[arg(long)]
    pub cold_pages: bool,
    /// Seconds for each ceiling measurement (`/healthz`, then answer saves), 0 to skip.
    #[arg(long, default_value_t = 0)]
    pub ceiling_secs: u64,
    /// Connections for the ceiling measurements.
    #[arg(long, default_value_t = 64)]
    pub connections: usize,
    /// The server's process id (several, comma-separated), for CPU time per request and peak
    /// memory.
    #[arg(long, value_delimiter = ',')]
    pub server_pid: Vec<u32>,
    /// Organizer sign-in used for the setup.
    #[arg(long, default_value = "snv@hoithi.test")]
    pub organizer: String,
    #[arg(long, default_value = "BanToChuc@2017")]
    pub organizer_password: String,
    /// Instead of contestants: this many phones in the hall vote for the audience favourite
    /// within `--start-within` seconds (no accounts needed).
    #[arg(long, default_value_t = 0)]
    pub audience: usize,
    /// Print the run in windows of this many seconds (rates, tails, CPU use), 0 for none.
    #[arg(long, default_value_t = 5)]
    pub timeline_secs: u64,
}

impl Args {
    /// Every server's base URL.
    pub fn servers(&self) -> Vec<String> {
        self.base_url
            .split(',')
            .map(|u| u.trim().trim_end_matches('/').to_owned())
            .filter(|u| !u.is_empty())
            .collect()
    }

    /// The first server's base URL (setup and the visitor's probes).
    pub fn first_server(&self) -> String {
        self.servers().into_iter().next().unwrap_or_default()
    }

    /// CPU seconds used so far by every server process.
    fn server_cpu(&self) -> Option<f64> {
        if self.server_pid.is_empty() {
            return None;
        }
        self.server_pid.iter().map(|pid| probe::cpu_seconds(*pid)).sum()
    }
}

fn parse_range(text: &str) -> Result<(u64, u64), String> {
    let (low, high) = text.split_once('-').unwrap_or((text, text));
    let parse = |s: &str| s.trim().parse::<u64>().map_err(|e| format!("{s}: {e}"));
    let (low, high) = (parse(low)?, parse(high)?);
    if low > high { Err(format!("{low} > {high}")) } else { Ok((low, high)) }
}

const STEPS: [&str; 6] = ["sign-in", "start", "page", "paper", "answer", "submit"];

async fn sign_in(s: &mut Session, i: usize, stats: &Mutex<Stats>) -> Result<()> {
    timed(stats, "sign-in", async {
        let form = [("login", setup::login_of(i)), ("password", setup::PASSWORD.into())];
        let (st, body) = s.call("login", &form).await?;
        ok(st, &body)
    })
    .await
}

/// Starts an attempt and fetches its paper: (attempt, options per position).
async fn begin(
    s: &mut Session,
    round: i32,
    cold_pages: bool,
    stats: &Mutex<Stats>,
) -> Result<(i64, Vec<(i32, usize)>)> {
    let attempt: i64 = timed(stats, "start", async {
        let (st, body) = s.call("contestant/start", &[("round_id", round.to_string())]).await?;
        ok(st, &body)?;
        Ok(body.trim().parse::<i64>()?)
    })
    .await?;
    if cold_pages {
        let bytes = timed(stats, "page", s.cold_page(&format!("/thi-sinh/bai-thi/{attempt}"))).await?;
        if let Ok(mut st) = stats.lock() {
            st.page_bytes += bytes;
        }
    }
    let paper: Value = timed(stats, "paper", async {
        let (st, body) = s.call("contestant/attempt", &[("id", attempt.to_string())]).await?;
        ok(st, &body)?;
        Ok(serde_json::from_str(&body)?)
    })
    .await?;
    let questions = paper["questions"].as_array().cloned().unwrap_or_default();
    let shape = questions
        .iter()
        .map(|q| {
            (
                q["position"].as_i64().unwrap_or(0) as i32,
                q["options"].as_array().map_or(1, |o| o.len().max(1)),
            )
        })
        .collect();
    Ok((attempt, shape))
}

async fn answer(
    s: &mut Session,
    attempt: i64,
    position: i32,
    choice: usize,
    stats: &Mutex<Stats>,
) -> Result<()> {
    timed(stats, "answer", async {
        let form = [
            ("attempt_id", attempt.to_string()),
            ("position", position.to_string()),
            ("chosen", choice.to_string()),
        ];
        let (st, body) = s.call("contestant/answer", &form).await?;
        ok(st, &body)
    })
    .await?;
    if let Ok(mut st) = stats.lock() {
        st.acknowledged.insert((attempt, position), choice);
    }
    Ok(())
}

async fn contestant(
    mut s: Session,
    i: usize,
    round: i32,
    args: Arc<Args>,
    stats: Arc<Mutex<Stats>>,
) -> Result<()> {
    if s.cookie.is_none() {
        sign_in(&mut s, i, &stats).await?;
    }
    let (attempt, shape) = begin(&mut s, round, args.cold_pages, &stats).await?;
    let mut rng = StdRng::seed_from_u64(i as u64);
    for (position, options) in shape {
        let think = rng.gen_range(args.think_ms.0..=args.think_ms.1);
        if think > 0 {
            tokio::time::sleep(Duration::from_millis(think)).await;
        }
        // Failures are counted; the contestant goes on to the next question, as a person would.
        let _ = answer(&mut s, attempt, position, (i + position as usize) % options, &stats).await;
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

/// Signs every session in, `concurrency` at a time, while a visitor times `/healthz` and `/`.
async fn sign_in_storm(
    args: &Args,
    client: &Client,
    sessions: Vec<Session>,
    stats: &Arc<Mutex<Stats>>,
) -> Vec<Session> {
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let raw = tokio::task::spawn_blocking(move || probe::raw_argon2(threads, 5)).await.unwrap_or(0.0);
    println!("raw argon2id on {threads} threads (this machine, server idle): {raw:.1} per s");
    let stop = Arc::new(AtomicBool::new(false));
    let base = args.first_server();
    let urls = vec![format!("{base}/healthz"), format!("{base}/")];
    let watcher = probe::watch(client.clone(), urls, stop.clone());
    let gate = Arc::new(tokio::sync::Semaphore::new(args.sign_in_concurrency.max(1)));
    let started = Instant::now();
    let tasks: Vec<_> = sessions
        .into_iter()
        .enumerate()
        .map(|(i, mut s)| {
            let (gate, stats) = (gate.clone(), stats.clone());
            tokio::spawn(async move {
                let _permit = gate.acquire_owned().await;
                let _ = sign_in(&mut s, i, &stats).await;
                s
            })
        })
        .collect();
    let mut signed = Vec::with_capacity(tasks.len());
    for task in tasks {
        if let Ok(s) = task.await {
            signed.push(s);
        }
    }
    let wall = started.elapsed().as_secs_f64();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let mut seen = watcher.await.unwrap_or_default();
    seen.sort_unstable();
    let done = signed.iter().filter(|s| s.cookie.is_some()).count();
    let rate = done as f64 / wall;
    println!(
        "sign-in storm: {done} in {wall:.1} s ({} at a time): {rate:.1} per s = {:.0}% of raw argon2id",
        args.sign_in_concurrency,
        100.0 * rate / raw.max(f64::EPSILON)
    );
    println!(
        "  meanwhile /healthz and /: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms ({} requests)",
        report::percentile(&seen, 0.5),
        report::percentile(&seen, 0.99),
        report::percentile(&seen, 1.0),
        seen.len()
    );
    signed
}

/// Answer saves per second `connections` contestants get saving as fast as they can.
async fn answer_ceiling(args: &Args, sessions: &mut [Session], round: i32, stats: &Arc<Mutex<Stats>>) -> f64 {
    let until = Instant::now() + Duration::from_secs(args.ceiling_secs);
    let quiet = Arc::new(Mutex::new(Stats::default()));
    let mut tasks = Vec::new();
    let mut started = None;
    for (i, s) in sessions.iter_mut().take(args.connections).enumerate() {
        let mut s = Session { client: s.client.clone(), base: s.base.clone(), cookie: s.cookie.clone() };
        let (stats, quiet) = (stats.clone(), quiet.clone());
        if s.cookie.is_none() && sign_in(&mut s, i, &quiet).await.is_err() {
            continue;
        }
        let Ok((attempt, shape)) = begin(&mut s, round, false, &quiet).await else { continue };
        started.get_or_insert_with(Instant::now);
        tasks.push(tokio::spawn(async move {
            let mut n = 0u64;
            for (k, (position, options)) in shape.iter().cycle().enumerate() {
                if Instant::now() >= until {
                    break;
                }
                if answer(&mut s, attempt, *position, k % options, &quiet).await.is_ok() {
                    n += 1;
                }
            }
            if let (Ok(mut all), Ok(mut mine)) = (stats.lock(), quiet.lock()) {
                all.acknowledged.extend(mine.acknowledged.drain());
            }
            n
        }));
    }
    let mut total = 0;
    for task in tasks {
        total += task.await.unwrap_or(0);
    }
    total as f64 / started.map_or(1.0, |t| t.elapsed().as_secs_f64())
}

#[tokio::main]
async fn main() -> Result<()> {
    let args = Arc::new(Args::parse());
    if args.servers().is_empty() {
        bail!("--base-url names no server");
    }
    let client = Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(usize::MAX)
        .timeout(Duration::from_secs(300))
        .build()?;
    if args.audience > 0 {
        return audience::run(args, client).await;
    }
    let round = setup::setup(&args, &client).await?;
    println!(
        "load: {} contestants starting within {} s (think {}-{} ms) against {}, round {round}",
        args.contestants, args.start_within, args.think_ms.0, args.think_ms.1, args.base_url
    );
    let healthz = if args.ceiling_secs > 0 {
        let urls = args.servers().iter().map(|u| format!("{u}/healthz")).collect();
        let rate = probe::ceiling(&client, urls, args.connections, args.ceiling_secs).await;
        println!("/healthz ceiling ({} connections): {rate:.0} req/s", args.connections);
        Some(rate)
    } else {
        None
    };
    let stats = Arc::new(Mutex::new(Stats::default()));
    let servers = args.servers();
    let mut sessions: Vec<Session> = (0..args.contestants)
        .map(|i| Session::new(client.clone(), servers[i % servers.len()].clone()))
        .collect();
    if args.sign_in_ahead {
        sessions = sign_in_storm(&args, &client, sessions, &stats).await;
        if let Ok(mut s) = stats.lock() {
            s.latencies.remove("sign-in");
        }
    }
    let mut kept: Vec<Session> = sessions
        .iter()
        .take(args.connections)
        .map(|s| Session { client: s.client.clone(), base: s.base.clone(), cookie: s.cookie.clone() })
        .collect();

    let cpu_before = args.server_cpu();
    let started = Instant::now();
    let stop_timeline = Arc::new(AtomicBool::new(false));
    let timeline = (args.timeline_secs > 0).then(|| {
        println!();
        timeline::spawn(
            Duration::from_secs(args.timeline_secs),
            stats.clone(),
            args.server_pid.clone(),
            stop_timeline.clone(),
        )
    });
    let mut rng = StdRng::seed_from_u64(2017);
    let tasks: Vec<_> = sessions
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            let at = started + Duration::from_millis(rng.gen_range(0..=args.start_within * 1000));
            let (args, stats) = (args.clone(), stats.clone());
            tokio::spawn(async move {
                tokio::time::sleep_until(at.into()).await;
                contestant(s, i, round, args, stats).await
            })
        })
        .collect();
    let mut failed = 0;
    for t in tasks {
        if !matches!(t.await, Ok(Ok(()))) {
            failed += 1;
        }
    }
    let wall = started.elapsed().as_secs_f64();
    let cpu_after = args.server_cpu();
    stop_timeline.store(true, std::sync::atomic::Ordering::Relaxed);
    if let Some(t) = timeline {
        t.abort();
    }

    println!(
        "\nfinished in {wall:.1} s; {} of {} contestants completed every step",
        args.contestants - failed,
        args.contestants
    );
    let mut requests = 0;
    {
        let mut s = stats.lock().map_err(|_| anyhow::anyhow!("poisoned"))?;
        println!("{}", report::header());
        for step in STEPS {
            if let Some(l) = s.latencies.get_mut(step) {
                requests += l.len();
                println!("{}", report::line(step, l, wall));
            }
        }
        let errors: usize = s.errors.values().sum();
        println!("errors: {errors}");
        let mut errs: Vec<_> = s.errors.iter().collect();
        errs.sort_by(|a, b| b.1.cmp(a.1));
        for (e, n) in errs.iter().take(5) {
            println!("  {n} x {e}");
        }
        if args.cold_pages {
            let pages = s.latencies.get("page").map_or(0, Vec::len).max(1);
            println!(
                "quiz page and static files, cold: {:.0} KB per contestant",
                s.page_bytes as f64 / 1024.0 / pages as f64
            );
        }
        println!("answers acknowledged: {}; submitted attempts: {}", s.acknowledged.len(), s.submitted.len());
    }
    if let (Some(before), Some(after)) = (cpu_before, cpu_after) {
        println!(
            "server CPU: {:.1} s for {requests} requests = {:.2} ms per request",
            after - before,
            (after - before) * 1000.0 / requests.max(1) as f64
        );
    }
    if let Some(healthz) = healthz {
        let rate = answer_ceiling(&args, &mut kept, round, &stats).await;
        println!(
            "answer-save ceiling ({} connections): {rate:.0} req/s = {:.0}% of /healthz",
            args.connections,
            100.0 * rate / healthz.max(f64::EPSILON)
        );
    }
    for pid in &args.server_pid {
        if let Some(peak) = probe::peak_rss_mib(*pid) {
            println!("server {pid} peak memory (VmHWM): {peak:.0} MiB");
        }
    }
    let acknowledged = stats.lock().map_err(|_| anyhow::anyhow!("poisoned"))?.acknowledged.clone();
    let lost = report::lost_answers(&args.database_url, &acknowledged).await?;
    println!("answers lost (acknowledged but missing from the database): {lost}");
    if lost > 0 {
        bail!("{lost} acknowledged answers are missing");
    }
    Ok(())
}
