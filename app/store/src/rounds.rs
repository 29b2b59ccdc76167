//! Online rounds: settings, the pool of questions they draw from, progress.

use crate::{
    entity::{attempt, contest, question, question_version, round, topic},
    error::{Result, StoreError},
};
use chrono::{DateTime, Utc};
use domain::contest::{
    draw::{Blueprint, Candidate},
    round::{GRACE_MS, ReviewPolicy, RoundSettings},
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

/// Milliseconds since the epoch.
pub fn ms(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

/// The instant `ms` milliseconds after the epoch.
pub fn at(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

/// The contest rounds belong to; created on first use when the demo was not loaded.
pub async fn contest_id(db: &impl ConnectionTrait) -> Result<i32> {
    if let Some(c) = contest::Entity::find().order_by_asc(contest::Column::Id).one(db).await? {
        return Ok(c.id);
    }
    let c = contest::ActiveModel {
        name: Set("Hội thi tuyên truyền, cổ động về cải cách hành chính".to_owned()),
        description: Set(String::new()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(c.id)
}

/// The settings stored in a round row.
pub fn settings_of(r: &round::Model) -> Result<RoundSettings> {
    let corrupt = |what: &str| StoreError::Corrupt(format!("round {}: {what}", r.id));
    Ok(RoundSettings {
        name: r.name.clone(),
        opens_ms: ms(r.opens_at),
        closes_ms: ms(r.closes_at),
        time_limit_secs: u32::try_from(r.time_limit_secs).map_err(|_| corrupt("time limit"))?,
        attempts_allowed: u32::try_from(r.attempts_allowed).map_err(|_| corrupt("attempts"))?,
        blueprint: serde_json::from_str::<Blueprint>(&r.blueprint).map_err(|_| corrupt("blueprint"))?,
        prediction_enabled: r.prediction_enabled,
        unit_ids: serde_json::from_str(&r.unit_ids).map_err(|_| corrupt("unit ids"))?,
        review_policy: ReviewPolicy::parse(&r.review_policy).ok_or_else(|| corrupt("review policy"))?,
        freeze_minutes: u32::try_from(r.freeze_minutes).unwrap_or(0),
    })
}

fn fill(row: &mut round::ActiveModel, s: &RoundSettings) {
    row.name = Set(s.name.clone());
    row.opens_at = Set(at(s.opens_ms));
    row.closes_at = Set(at(s.closes_ms));
    row.time_limit_secs = Set(i32::try_from(s.time_limit_secs).unwrap_or(i32::MAX));
    row.attempts_allowed = Set(i32::try_from(s.attempts_allowed).unwrap_or(1));
    row.blueprint = Set(serde_json::to_string(&s.blueprint).unwrap_or_default());
    row.prediction_enabled = Set(s.prediction_enabled);
    row.unit_ids = Set(serde_json::to_string(&s.unit_ids).unwrap_or_else(|_| "[]".into()));
    row.review_policy = Set(s.review_policy.as_str().to_owned());
    row.freeze_minutes = Set(i32::try_from(s.freeze_minutes).unwrap_or(0));
}

pub async fn create(db: &impl ConnectionTrait, s: &RoundSettings) -> Result<round::Model> {
    let mut row = round::ActiveModel {
        contest_id: Set(contest_id(db).await?),
        participants_at_close: Set(None),
        results_published: Set(false),
        created_at: Set(Utc::now()),
        results_version: Set(0),
        frozen_board: Set(None),
        ..Default::default()
    };
    fill(&mut row, s);
    Ok(row.insert(db).await?)
}

/// Changes a round's settings. Once attempts exist, the paper (blueprint) stays as it was, so
/// every contestant of a round is drawn by the same rule.
pub async fn update(db: &impl ConnectionTrait, id: i32, s: &RoundSettings) -> Result<round::Model> {
    let found = get(db, id).await?.ok_or(StoreError::NotFound)?;
    let started = attempt::Entity::find().filter(attempt::Column::RoundId.eq(id)).count(db).await? > 0;
    if started && settings_of(&found)?.blueprint != s.blueprint {
        return Err(StoreError::InUse(crate::error::Busy::RoundStarted));
    }
    let mut row: round::ActiveModel = found.into();
    fill(&mut row, s);
    Ok(row.update(db).await?)
}

pub async fn get(db: &impl ConnectionTrait, id: i32) -> Result<Option<round::Model>> {
    Ok(round::Entity::find_by_id(id).one(db).await?)
}

/// All rounds, newest opening first.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<round::Model>> {
    Ok(round::Entity::find()
        .order_by_desc(round::Column::OpensAt)
        .order_by_desc(round::Column::Id)
        .all(db)
        .await?)
}

/// Figures of a round in progress.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Progress {
    /// People with at least one finished attempt.
    pub participants: u64,
    pub finished: u64,
    pub running: u64,
}

pub async fn progress(db: &impl ConnectionTrait, id: i32) -> Result<Progress> {
    let finished = attempt::Entity::find()
        .filter(attempt::Column::RoundId.eq(id))
        .filter(attempt::Column::Finished.eq(true));
    let running = attempt::Entity::find()
        .filter(attempt::Column::RoundId.eq(id))
        .filter(attempt::Column::Finished.eq(false))
        .count(db)
        .await?;
    let participants: Vec<i32> = finished
        .clone()
        .select_only()
        .column(attempt::Column::UserId)
        .distinct()
        .into_tuple()
        .all(db)
        .await?;
    Ok(Progress { participants: participants.len() as u64, finished: finished.count(db).await?, running })
}

/// Whether the round can no longer accept any answer at `now`: it has closed, the network grace
/// after the close has passed, and no attempt of it is still running on time (an attempt keeps
/// the deadline it started with, also when the close is moved earlier). Only then may answer
/// keys be shown to everyone.
pub async fn answers_closed(db: &impl ConnectionTrait, r: &round::Model, now: DateTime<Utc>) -> Result<bool> {
    let grace = GRACE_MS;
    if ms(now) <= ms(r.closes_at) + grace {
        return Ok(false);
    }
    let running = attempt::Entity::find()
        .filter(attempt::Column::RoundId.eq(r.id))
        .filter(attempt::Column::Finished.eq(false))
        .filter(attempt::Column::DeadlineAt.gte(at(ms(now) - grace)))
        .count(db)
        .await?;
    Ok(running == 0)
}

/// The questions a round can draw: current versions of questions in use. Cached for a short time,
/// since every attempt start needs it and the bank rarely changes during a round.
#[derive(Clone, Default)]
pub struct PoolCache {
    inner: Arc<Mutex<Option<Cached>>>,
    /// Held while one request reloads the pool, so the starts that find it expired at the same
    /// moment wait for that one load instead of each reading the whole bank.
    loading: Arc<tokio::sync::Mutex<()>>,
}

/// When the pool was loaded, and the pool.
type Cached = (Instant, Arc<Vec<Candidate>>);

const POOL_TTL: Duration = Duration::from_secs(15);

impl PoolCache {
    pub async fn get(&self, db: &impl ConnectionTrait) -> Result<Arc<Vec<Candidate>>> {
        if let Some(pool) = self.fresh() {
            return Ok(pool);
        }
        let _loading = self.loading.lock().await;
        if let Some(pool) = self.fresh() {
            return Ok(pool);
        }
        let pool = Arc::new(candidates(db).await?);
        if let Ok(mut guard) = self.inner.lock() {
            *guard = Some((Instant::now(), pool.clone()));
        }
        Ok(pool)
    }

    fn fresh(&self) -> Option<Arc<Vec<Candidate>>> {
        let guard = self.inner.lock().ok()?;
        let (loaded, pool) = guard.as_ref()?;
        (loaded.elapsed() < POOL_TTL).then(|| pool.clone())
    }

    /// Forgets the cached pool (after the bank changed).
    pub fn clear(&self) {
        if let Ok(mut guard) = self.inner.lock() {
            *guard = None;
        }
    }
}

/// Loads the pool from the database.
pub async fn candidates(db: &impl ConnectionTrait) -> Result<Vec<Candidate>> {
    let topics: HashMap<i32, String> =
        topic::Entity::find().all(db).await?.into_iter().map(|t| (t.id, t.slug)).collect();
    let active = question::Entity::find().filter(question::Column::Retired.eq(false)).all(db).await?;
    let ids: Vec<i32> = active.iter().map(|q| q.current_version_id).collect();
    let mut pool = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        for v in question_version::Entity::find()
            .filter(question_version::Column::Id.is_in(chunk.to_vec()))
            .all(db)
            .await?
        {
            let options: Vec<String> = v.options.0.clone();
            let (Some(topic), Some(difficulty), Some(kind)) =
                (topics.get(&v.topic_id), Some(v.difficulty), Some(v.kind))
            else {
                continue;
            };
            let issued = domain::question::LegalDate::parse(&v.basis_date);
            let in_force = v.basis_in_force.as_deref().and_then(domain::question::LegalDate::parse);
            pool.push(Candidate {
                id: i64::from(v.id),
                topic: topic.clone(),
                difficulty,
                kind,
                options: options.len(),
                family: v.family.clone(),
                valid_from: issued.map(|d| in_force.map_or(d, |f| f.max(d))),
            });
        }
    }
    Ok(pool)
}

/// Snapshots the unit board of rounds entering their freeze window; the public board then shows
/// the snapshot until the results are published.
pub async fn snapshot_freezes(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<usize> {
    let due = round::Entity::find()
        .filter(round::Column::FreezeMinutes.gt(0))
        .filter(round::Column::FrozenBoard.is_null())
        .all(db)
        .await?;
    let mut taken = 0;
    for r in due.into_iter().filter(|r| ms(now) >= ms(r.closes_at) - i64::from(r.freeze_minutes) * 60_000) {
        let tallies = crate::results::unit_tallies(db, r.id).await?;
        round::Entity::update_many()
            .col_expr(
                round::Column::FrozenBoard,
                Some(serde_json::to_string(&tallies).unwrap_or_default()).into(),
            )
            .filter(round::Column::Id.eq(r.id))
            .filter(round::Column::FrozenBoard.is_null())
            .exec(db)
            .await?;
        taken += 1;
    }
    Ok(taken)
}

/// Sets the participation figure of rounds that have closed and have no attempt still running.
pub async fn freeze_closed(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<usize> {
    let closed = round::Entity::find()
        .filter(round::Column::ClosesAt.lt(now))
        .filter(round::Column::ParticipantsAtClose.is_null())
        .all(db)
        .await?;
    let mut frozen = 0;
    for r in closed {
        let p = progress(db, r.id).await?;
        if p.running > 0 {
            continue;
        }
        round::Entity::update_many()
            .col_expr(
                round::Column::ParticipantsAtClose,
                i32::try_from(p.participants).unwrap_or(i32::MAX).into(),
            )
            .filter(round::Column::Id.eq(r.id))
            .filter(round::Column::ParticipantsAtClose.is_null())
            .exec(db)
            .await?;
        frozen += 1;
    }
    Ok(frozen)
}
