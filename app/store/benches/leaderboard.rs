//! Reads the unit leaderboard of a round with 100,000 finished attempts, from the kept tallies and,
//! for comparison, by scanning every attempt; also times the individual board (computed once per
//! results version, then served from the cache). Prints the figures.
//!
//! `cargo bench -p store --bench leaderboard`

use chrono::Utc;
use domain::results::units::standings;
use rand::{Rng, SeedableRng};
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait, Statement};
use std::{
    collections::HashMap,
    time::{Duration, Instant},
};
use store::entity::{attempt, round, unit, user};

const USERS: usize = 30_000;
const ATTEMPTS: usize = 100_000;
const UNITS: usize = 33;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort_unstable();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("bench.db").display());
    let db = store::connect(&url).await?;
    store::db::migrate(&db).await?;
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
    let now = Utc::now();

    print!("seeding {UNITS} units, {USERS} contestants, {ATTEMPTS} finished attempts... ");
    let seeding = Instant::now();
    let units: Vec<unit::ActiveModel> = (0..UNITS)
        .map(|i| unit::ActiveModel {
            name: Set(format!("Đơn vị {i}")),
            group_key: Set(if i < 11 { "district" } else { "department" }.into()),
            headcount: Set(rng.gen_range(50..2000)),
            created_at: Set(now),
            ..Default::default()
        })
        .collect();
    unit::Entity::insert_many(units).exec_without_returning(&db).await?;
    for chunk in (0..USERS).collect::<Vec<_>>().chunks(2000) {
        let rows: Vec<user::ActiveModel> = chunk
            .iter()
            .map(|i| user::ActiveModel {
                login: Set(format!("u{i}@bench.test")),
                full_name: Set(format!("Thí Sinh {i}")),
                search_key: Set(format!("thi sinh {i}")),
                role: Set(domain::Role::Contestant),
                unit_id: Set(Some((i % UNITS) as i32 + 1)),
                is_head_judge: Set(false),
                is_reserve_judge: Set(false),
                password_hash: Set("x".into()),
                disabled: Set(false),
                created_at: Set(now),
                sort_key: Set(String::new()),
                ..Default::default()
            })
            .collect();
        user::Entity::insert_many(rows).exec_without_returning(&db).await?;
    }
    let r = round::ActiveModel {
        contest_id: Set(store::rounds::contest_id(&db).await?),
        name: Set("Vòng đo hiệu năng".into()),
        opens_at: Set(now - chrono::Duration::days(7)),
        closes_at: Set(now - chrono::Duration::hours(1)),
        time_limit_secs: Set(900),
        attempts_allowed: Set(10),
        blueprint: Set(serde_json::to_string(&domain::contest::draw::Blueprint::default_20())?),
        prediction_enabled: Set(true),
        unit_ids: Set("[]".into()),
        review_policy: Set("after_close".into()),
        participants_at_close: Set(Some(USERS as i32)),
        results_published: Set(true),
        created_at: Set(now),
        results_version: Set(1),
        freeze_minutes: Set(0),
        frozen_board: Set(None),
        ..Default::default()
    };
    let r = round::Entity::insert(r).exec_with_returning(&db).await?;
    let mut numbers: HashMap<i32, i32> = HashMap::new();
    for chunk in (0..ATTEMPTS).collect::<Vec<_>>().chunks(2000) {
        let rows: Vec<attempt::ActiveModel> = chunk
            .iter()
            .map(|i| {
                let user_id = (i % USERS) as i32 + 1;
                let number = numbers.entry(user_id).and_modify(|n| *n += 1).or_insert(1);
                let started = now - chrono::Duration::hours(2) + chrono::Duration::seconds(*i as i64 % 3600);
                let duration = rng.gen_range(60_000..900_000);
                attempt::ActiveModel {
                    round_id: Set(r.id),
                    user_id: Set(user_id),
                    number: Set(*number),
                    seed: Set(*i as i64),
                    started_at: Set(started),
                    deadline_at: Set(started + chrono::Duration::minutes(15)),
                    finished: Set(true),
                    submitted_at: Set(Some(started + chrono::Duration::milliseconds(duration))),
                    finished_by: Set(Some("contestant".into())),
                    correct: Set(Some(rng.gen_range(0..=20))),
                    duration_ms: Set(Some(duration)),
                    prediction: Set(Some(rng.gen_range(10_000..50_000))),
                    question_count: Set(20),
                    ..Default::default()
                }
            })
            .collect();
        attempt::Entity::insert_many(rows).exec_without_returning(&db).await?;
    }
    // The same tallies the server keeps as attempts finish (the migration's backfill query).
    db.execute_unprepared(
        "INSERT INTO round_bests (round_id, user_id, unit_id, best_correct) SELECT a.round_id, a.user_id, u.unit_id, MAX(a.correct) \
         FROM attempts a JOIN users u ON u.id = a.user_id WHERE a.finished = true GROUP BY a.round_id, a.user_id, u.unit_id",
    )
    .await?;
    db.execute_unprepared(
        "INSERT INTO round_unit_stats (round_id, unit_id, participants, sum_best) SELECT round_id, unit_id, COUNT(*), SUM(best_correct) \
         FROM round_bests GROUP BY round_id, unit_id",
    )
    .await?;
    println!("{:.1} s", seeding.elapsed().as_secs_f64());

    // 1. The unit leaderboard as the server reads it: from the kept tallies.
    let mut kept = Vec::new();
    for _ in 0..100 {
        let t = Instant::now();
        let board = standings(&store::results::unit_tallies(&db, r.id).await?);
        assert_eq!(board.len(), UNITS);
        kept.push(t.elapsed());
    }
    // 2. The same board by scanning every attempt (what the tallies avoid).
    let mut scanned = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let rows = db
            .query_all_raw(Statement::from_string(
                db.get_database_backend(),
                format!("SELECT a.user_id, u.unit_id, a.correct FROM attempts a JOIN users u ON u.id = a.user_id WHERE a.round_id = {} AND a.finished = true", r.id),
            ))
            .await?;
        let mut best: HashMap<i32, (i32, i32)> = HashMap::new();
        for row in rows {
            let (uid, unit_id, c): (i32, i32, i32) =
                (row.try_get_by_index(0)?, row.try_get_by_index(1)?, row.try_get_by_index(2)?);
            let e = best.entry(uid).or_insert((unit_id, c));
            e.1 = e.1.max(c);
        }
        scanned.push(t.elapsed());
    }
    // 3. The individual board: computed once per results version, then served from the cache.
    let cache = store::results::BoardCache::default();
    let round_row =
        round::Entity::find_by_id(r.id).one(&db).await?.ok_or_else(|| anyhow::anyhow!("round"))?;
    let t = Instant::now();
    let board = cache.get(&db, &round_row).await?;
    let computed = t.elapsed();
    assert_eq!(board.entries.len(), USERS);
    let mut cached = Vec::new();
    for _ in 0..100 {
        let t = Instant::now();
        cache.get(&db, &round_row).await?;
        cached.push(t.elapsed());
    }

    println!("unit leaderboard from kept tallies (median of 100):       {}", ms(median(kept)));
    println!("unit leaderboard by scanning {ATTEMPTS} attempts (median of 5): {}", ms(median(scanned)));
    println!("individual board, computed once per change ({USERS} people):  {}", ms(computed));
    println!("individual board, from the cache (median of 100):         {}", ms(median(cached)));
    Ok(())
}
