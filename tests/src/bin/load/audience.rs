//! The hall voting for the audience favourite: `--audience N` phones open the phone page and vote
//! at random moments within `--start-within` seconds while a projector polls the tally every
//! 0.7 s; then the stored votes are counted against the acknowledged ones.

use crate::{
    Args,
    client::{Session, Stats, ok, timed},
    report,
};
use anyhow::{Context, Result, bail};
use rand::{Rng, SeedableRng, rngs::StdRng};
use reqwest::Client;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::Value;
use std::{
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, Ordering},
    },
    time::{Duration, Instant},
};

const STEPS: [&str; 4] = ["page", "phone", "vote", "tally"];

pub async fn run(args: Arc<Args>, client: Client) -> Result<()> {
    let mut org = Session::new(client.clone(), args.first_server());
    let (st, body) = org
        .call("login", &[("login", args.organizer.clone()), ("password", args.organizer_password.clone())])
        .await?;
    ok(st, &body).context("organizer sign-in")?;
    // Every phone of this run comes from one address: lift the per-address limit for it.
    let (st, body) =
        org.call("audience/settings", &[("per_address", (args.audience * 2 + 10).to_string())]).await?;
    ok(st, &body).context("audience settings")?;
    let (st, body) = org.call("audience/vote/state", &[("open", "true".into())]).await?;
    ok(st, &body).context("opening the vote")?;
    let before = stored_votes(&args.database_url).await?;
    println!(
        "audience: {} phones voting within {} s against {} ({} votes stored before)",
        args.audience, args.start_within, args.base_url, before
    );

    let stats = Arc::new(Mutex::new(Stats::default()));
    let done = Arc::new(AtomicBool::new(false));
    let projector = {
        let (stats, done) = (stats.clone(), done.clone());
        let mut screen = Session::new(client.clone(), args.first_server());
        tokio::spawn(async move {
            while !done.load(Ordering::Relaxed) {
                let _ = timed(&stats, "tally", async {
                    let (st, body) = screen.call("audience/tally", &[]).await?;
                    ok(st, &body)
                })
                .await;
                tokio::time::sleep(Duration::from_millis(700)).await;
            }
        })
    };
    let servers = args.servers();
    let acknowledged = Arc::new(Mutex::new(0usize));
    let started = Instant::now();
    let mut rng = StdRng::seed_from_u64(2017);
    let tasks: Vec<_> = (0..args.audience)
        .map(|i| {
            let at = started + Duration::from_millis(rng.gen_range(0..=args.start_within * 1000));
            let pick: f64 = rng.r#gen();
            let mut phone = Session::new(client.clone(), servers[i % servers.len()].clone());
            let (stats, acknowledged) = (stats.clone(), acknowledged.clone());
            tokio::spawn(async move {
                tokio::time::sleep_until(at.into()).await;
                timed(&stats, "page", async {
                    let res = phone.client.get(format!("{}/binh-chon", phone.base)).send().await?;
                    let status = res.status();
                    ok(status, &res.text().await?)
                })
                .await?;
                let view: Value = timed(&stats, "phone", async {
                    let (st, body) = phone.call("audience/phone", &[]).await?;
                    ok(st, &body)?;
                    Ok(serde_json::from_str::<Value>(&body)?)
                })
                .await?;
                let teams = view["teams"].as_array().cloned().unwrap_or_default();
                if teams.is_empty() {
                    bail!("no teams to vote for");
                }
                // Some teams are more popular: a skewed pick, like a hall.
                let team = &teams[((pick * pick) * teams.len() as f64) as usize % teams.len()];
                let id = team[0].as_i64().unwrap_or(0).to_string();
                timed(&stats, "vote", async {
                    let (st, body) = phone.call("audience/vote", &[("team_id", id)]).await?;
                    ok(st, &body)
                })
                .await?;
                if let Ok(mut n) = acknowledged.lock() {
                    *n += 1;
                }
                Ok::<_, anyhow::Error>(())
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
    done.store(true, Ordering::Relaxed);
    let _ = projector.await;
    println!("\nfinished in {wall:.1} s; {} of {} phones voted", args.audience - failed, args.audience);
    {
        let mut s = stats.lock().map_err(|_| anyhow::anyhow!("poisoned"))?;
        println!("{}", report::header());
        for step in STEPS {
            if let Some(l) = s.latencies.get_mut(step) {
                println!("{}", report::line(step, l, wall));
            }
        }
        let errors: usize = s.errors.values().sum();
        println!("errors: {errors}");
        for (e, n) in s.errors.iter().take(5) {
            println!("  {n} x {e}");
        }
    }
    let acknowledged = *acknowledged.lock().map_err(|_| anyhow::anyhow!("poisoned"))?;
    let stored = stored_votes(&args.database_url).await? - before;
    println!("votes acknowledged: {acknowledged}; stored: {stored}");
    let (st, body) = org.call("audience/vote/state", &[("open", "false".into())]).await?;
    ok(st, &body).context("closing the vote")?;
    if stored != acknowledged as i64 {
        bail!("{acknowledged} votes acknowledged but {stored} stored");
    }
    Ok(())
}

async fn stored_votes(database_url: &str) -> Result<i64> {
    let db = sea_orm::Database::connect(database_url).await?;
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT COUNT(*) FROM audience_votes",
        ))
        .await?
        .context("no count")?;
    Ok(row.try_get_by_index::<i64>(0)?)
}
