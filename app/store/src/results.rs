//! Leaderboards: online rounds (individual and by unit), across rounds, and the stage contest;
//! prize settings and confirmations.

use crate::{
    entity::{attempt, round, round_best, round_unit_stat, setting, unit, user},
    error::{Result, StoreError},
    stage::{self, PartStatus},
};
use domain::{
    UnitGroup,
    contest::ranking::{self, Entry},
    results::{prizes::PrizeCounts, units::UnitTally},
    stage::{Hundredths, rubric::PartKind, standings::TeamScores},
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect,
    sea_query::OnConflict,
};
use serde::{Deserialize, Serialize};
use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

/// Every unit's tally in a round, from the kept aggregates (no scan of attempts).
pub async fn unit_tallies(db: &impl ConnectionTrait, round_id: i32) -> Result<Vec<UnitTally>> {
    let stats: HashMap<i32, round_unit_stat::Model> = round_unit_stat::Entity::find()
        .filter(round_unit_stat::Column::RoundId.eq(round_id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.unit_id, s))
        .collect();
    units_with(db, |unit_id| stats.get(&unit_id).map(|s| (s.participants, s.sum_best))).await
}

async fn units_with(
    db: &impl ConnectionTrait,
    figures: impl Fn(i32) -> Option<(i32, i64)>,
) -> Result<Vec<UnitTally>> {
    Ok(unit::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|u| {
            let (participants, sum_best) = figures(u.id).unwrap_or((0, 0));
            Some(UnitTally {
                unit_id: i64::from(u.id),
                group: u.group_key.parse::<UnitGroup>().ok()?,
                headcount: u32::try_from(u.headcount).unwrap_or(0),
                participants: u32::try_from(participants).unwrap_or(0),
                sum_best: u64::try_from(sum_best).unwrap_or(0),
                name: u.name,
            })
        })
        .collect())
}

/// Tallies across every round: people who took part in any round, and the average of their best
/// score per round taken.
pub async fn unit_tallies_all_rounds(
    db: &impl ConnectionTrait,
    only_published: bool,
) -> Result<Vec<UnitTally>> {
    let rounds: Vec<i32> = round::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter(|r| r.results_published || !only_published)
        .map(|r| r.id)
        .collect();
    let bests = round_best::Entity::find().filter(round_best::Column::RoundId.is_in(rounds)).all(db).await?;
    let mut people: HashMap<i32, std::collections::HashSet<i32>> = HashMap::new();
    let mut sums: HashMap<i32, (i64, i64)> = HashMap::new();
    for b in bests {
        people.entry(b.unit_id).or_default().insert(b.user_id);
        let e = sums.entry(b.unit_id).or_default();
        e.0 += i64::from(b.best_correct);
        e.1 += 1;
    }
    // The average is over (person, round) bests, expressed as a sum over participants.
    units_with(db, |unit_id| {
        let n = people.get(&unit_id).map_or(0, |p| p.len() as i64);
        let (sum, count) = sums.get(&unit_id).copied().unwrap_or((0, 0));
        let scaled = if count == 0 { 0 } else { (2 * sum * n + count) / (2 * count) };
        Some((i32::try_from(n).unwrap_or(0), scaled))
    })
    .await
}

/// One person on a round's individual leaderboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardEntry {
    pub rank: u32,
    pub user_id: i64,
    pub full_name: String,
    pub unit: String,
    pub correct: u32,
    pub total: u32,
    pub prediction: Option<i64>,
    pub duration_ms: i64,
    pub submitted_ms: i64,
}

/// A round's individual leaderboard (best attempt per person, by the ranking rule).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundBoard {
    pub round_id: i32,
    pub version: i64,
    pub figure: Option<i64>,
    pub entries: Vec<BoardEntry>,
}

/// Individual boards cached per round and results version, so a board is computed once per
/// change however many people look at it.
#[derive(Clone, Default)]
pub struct BoardCache {
    inner: Arc<Mutex<HashMap<i32, Arc<RoundBoard>>>>,
}

impl BoardCache {
    pub async fn get(&self, db: &impl ConnectionTrait, round: &round::Model) -> Result<Arc<RoundBoard>> {
        if let Ok(cache) = self.inner.lock()
            && let Some(board) = cache.get(&round.id)
            && board.version == round.results_version
            && board.figure == round.participants_at_close.map(i64::from)
        {
            return Ok(board.clone());
        }
        let board = Arc::new(individual_board(db, round).await?);
        if let Ok(mut cache) = self.inner.lock() {
            cache.insert(round.id, board.clone());
        }
        Ok(board)
    }
}

/// Computes a round's individual leaderboard from its finished attempts.
pub async fn individual_board(db: &impl ConnectionTrait, round: &round::Model) -> Result<RoundBoard> {
    individual_board_with(db, round, &HashMap::new()).await
}

/// The leaderboard as it would be with some attempts scored differently: attempt id to
/// (correct, questions counted). Used to preview a correction before it is applied.
pub async fn individual_board_with(
    db: &impl ConnectionTrait,
    round: &round::Model,
    rescored: &HashMap<i64, (i32, i32)>,
) -> Result<RoundBoard> {
    let mut attempts = attempt::Entity::find()
        .filter(attempt::Column::RoundId.eq(round.id))
        .filter(attempt::Column::Finished.eq(true))
        .all(db)
        .await?;
    for a in &mut attempts {
        if let Some((correct, counted)) = rescored.get(&a.id) {
            a.correct = Some(*correct);
            a.question_count = *counted;
        }
    }
    let entries: Vec<Entry> = attempts
        .iter()
        .map(|a| Entry {
            user_id: i64::from(a.user_id),
            attempt_id: a.id,
            correct: u32::try_from(a.correct.unwrap_or(0)).unwrap_or(0),
            prediction: a.prediction,
            duration_ms: a.duration_ms.unwrap_or(0),
            submitted_at_ms: a.submitted_at.map_or(0, |t| t.timestamp_millis()),
        })
        .collect();
    let figure = round.participants_at_close.map(i64::from);
    let ranked = ranking::rank(&entries, figure);
    let totals: HashMap<i64, i32> = attempts.iter().map(|a| (a.id, a.question_count)).collect();
    let ids: Vec<i32> = ranked.iter().map(|r| r.entry.user_id as i32).collect();
    let mut people: HashMap<i32, (String, Option<i32>)> = HashMap::new();
    for chunk in ids.chunks(500) {
        for u in user::Entity::find().filter(user::Column::Id.is_in(chunk.to_vec())).all(db).await? {
            people.insert(u.id, (u.full_name, u.unit_id));
        }
    }
    let units: HashMap<i32, String> =
        unit::Entity::find().all(db).await?.into_iter().map(|u| (u.id, u.name)).collect();
    Ok(RoundBoard {
        round_id: round.id,
        version: round.results_version,
        figure,
        entries: ranked
            .into_iter()
            .map(|r| {
                let (name, unit_id) = people.get(&(r.entry.user_id as i32)).cloned().unwrap_or_default();
                BoardEntry {
                    rank: r.rank,
                    user_id: r.entry.user_id,
                    full_name: name,
                    unit: unit_id.and_then(|u| units.get(&u).cloned()).unwrap_or_default(),
                    correct: r.entry.correct,
                    total: u32::try_from(totals.get(&r.entry.attempt_id).copied().unwrap_or(0)).unwrap_or(0),
                    prediction: r.entry.prediction,
                    duration_ms: r.entry.duration_ms,
                    submitted_ms: r.entry.submitted_at_ms,
                }
            })
            .collect(),
    })
}

/// Publishes (or withdraws) a round's results. Only a closed round can be published.
pub async fn set_round_published(db: &impl ConnectionTrait, round_id: i32, published: bool) -> Result<()> {
    let r = round::Entity::find_by_id(round_id).one(db).await?.ok_or(StoreError::NotFound)?;
    if published && r.closes_at > chrono::Utc::now() {
        return Err(StoreError::InUse(crate::error::Busy::RoundOpen));
    }
    round::Entity::update_many()
        .col_expr(round::Column::ResultsPublished, published.into())
        .col_expr(round::Column::ResultsVersion, {
            use sea_orm::sea_query::ExprTrait;
            sea_orm::sea_query::Expr::col(round::Column::ResultsVersion).add(1)
        })
        .filter(round::Column::Id.eq(round_id))
        .exec(db)
        .await?;
    Ok(())
}

/// A team's line in the stage standings (published parts only).
pub async fn stage_scores(db: &impl ConnectionTrait) -> Result<Vec<(TeamScores, String)>> {
    let parts = stage::parts(db).await.map_err(stage_store)?;
    let teams = stage::teams(db).await.map_err(stage_store)?;
    let mut scores: HashMap<i32, TeamScores> = teams
        .iter()
        .map(|(t, _)| {
            let zero = Hundredths(0);
            (
                t.id,
                TeamScores {
                    team_id: i64::from(t.id),
                    greeting: zero,
                    knowledge: zero,
                    sketch: zero,
                    penalties: zero,
                },
            )
        })
        .collect();
    for part in parts.iter().filter(|p| p.status == PartStatus::Published) {
        for r in stage::results(db, part).await.map_err(stage_store)? {
            let Some(s) = scores.get_mut(&r.team_id) else { continue };
            let value = r.score.unwrap_or_default();
            match part.rules.kind {
                PartKind::Greeting => s.greeting = s.greeting + value,
                PartKind::Situation => s.knowledge = s.knowledge + value,
                PartKind::Sketch => s.sketch = s.sketch + value,
            }
            s.penalties = s.penalties + r.penalty;
        }
    }
    for (team_id, points) in live_points(db).await? {
        if let Some(s) = scores.get_mut(&team_id) {
            s.knowledge = s.knowledge + points;
        }
    }
    Ok(teams.into_iter().filter_map(|(t, _)| Some((scores.remove(&t.id)?, t.name))).collect())
}

/// Points of the live knowledge round per team, once that round has ended.
async fn live_points(db: &impl ConnectionTrait) -> Result<Vec<(i32, Hundredths)>> {
    let Some(raw) = get_setting(db, LIVE_POINTS_KEY).await? else { return Ok(Vec::new()) };
    Ok(serde_json::from_str::<Vec<(i32, i64)>>(&raw)
        .unwrap_or_default()
        .into_iter()
        .map(|(t, p)| (t, Hundredths(p)))
        .collect())
}

/// Setting key where the live round leaves its final points per team.
pub const LIVE_POINTS_KEY: &str = "live_points";

fn stage_store(e: stage::StageError) -> StoreError {
    match e {
        stage::StageError::Store(s) => s,
        other => StoreError::Corrupt(other.to_string()),
    }
}

pub async fn get_setting(db: &impl ConnectionTrait, key: &str) -> Result<Option<String>> {
    Ok(setting::Entity::find_by_id(key.to_owned()).one(db).await?.map(|s| s.value))
}

pub async fn put_setting(db: &impl ConnectionTrait, key: &str, value: &str) -> Result<()> {
    setting::Entity::insert(setting::ActiveModel { key: Set(key.to_owned()), value: Set(value.to_owned()) })
        .on_conflict(
            OnConflict::column(setting::Column::Key).update_column(setting::Column::Value).to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Prize counts: per online round, for the stage contest, and collective prizes per group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrizeSettings {
    pub online: PrizeCounts,
    pub stage: PrizeCounts,
    pub collective: PrizeCounts,
    /// A unit needs at least this participation rate (basis points) for a collective prize.
    #[serde(default = "default_collective_min_rate")]
    pub collective_min_rate_bp: u32,
    /// Khuyến khích for every team not otherwise awarded (the rules' default), instead of a count.
    #[serde(default = "yes")]
    pub stage_rest_encouraged: bool,
    /// Side prizes of the final.
    #[serde(default)]
    pub side: domain::results::side::SideCounts,
}

fn yes() -> bool {
    true
}

/// 10%: a unit where almost nobody took part does not win a collective prize.
fn default_collective_min_rate() -> u32 {
    1_000
}

impl Default for PrizeSettings {
    fn default() -> Self {
        Self {
            online: PrizeCounts::ONLINE,
            stage: PrizeCounts([1, 2, 3, 5]),
            collective: PrizeCounts([1, 1, 1, 0]),
            collective_min_rate_bp: default_collective_min_rate(),
            stage_rest_encouraged: true,
            side: Default::default(),
        }
    }
}

pub async fn prize_settings(db: &impl ConnectionTrait) -> Result<PrizeSettings> {
    Ok(get_setting(db, "prizes").await?.and_then(|v| serde_json::from_str(&v).ok()).unwrap_or_default())
}

pub async fn set_prize_settings(db: &impl ConnectionTrait, p: &PrizeSettings) -> Result<()> {
    put_setting(db, "prizes", &serde_json::to_string(p).unwrap_or_default()).await
}

/// Whether the stage contest's final ranking is published.
pub async fn stage_published(db: &impl ConnectionTrait) -> Result<bool> {
    Ok(get_setting(db, "stage_published").await?.as_deref() == Some("true"))
}

/// The sum of every results version: changes whenever any board changes (for live pages).
pub async fn board_version(db: &impl ConnectionTrait) -> Result<i64> {
    let versions: Vec<i64> = round::Entity::find()
        .select_only()
        .column(round::Column::ResultsVersion)
        .into_tuple()
        .all(db)
        .await?;
    let stage = get_setting(db, "stage_version").await?.and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    Ok(versions.iter().sum::<i64>() + stage)
}

/// The board version, polled once per process and shared by every open live page, so a hall
/// full of projectors and phones costs the database two small queries a second, not two per
/// connection. Polling also sees changes made through other servers on the same database.
#[derive(Clone)]
pub struct BoardWatch(tokio::sync::watch::Receiver<i64>);

impl BoardWatch {
    /// Starts the poller (needs a tokio runtime).
    pub fn spawn(db: sea_orm::DatabaseConnection) -> Self {
        let (tx, rx) = tokio::sync::watch::channel(0);
        tokio::spawn(async move {
            loop {
                match board_version(&db).await {
                    Ok(v) => {
                        tx.send_if_modified(|current| std::mem::replace(current, v) != v);
                    }
                    Err(e) => tracing::warn!(error = %e, "reading the board version failed"),
                }
                tokio::time::sleep(std::time::Duration::from_millis(500)).await;
            }
        });
        Self(rx)
    }

    /// A receiver that wakes on every change of the version.
    pub fn subscribe(&self) -> tokio::sync::watch::Receiver<i64> {
        self.0.clone()
    }
}

/// Bumps the stage's results version (after a publication or a live-round change).
pub async fn bump_stage_version(db: &impl ConnectionTrait) -> Result<()> {
    // One statement: two servers bumping at once both count.
    let backend = db.get_database_backend();
    let (int, text) =
        if backend == sea_orm::DbBackend::Postgres { ("BIGINT", "TEXT") } else { ("INTEGER", "TEXT") };
    let sql = format!(
        "INSERT INTO settings (key, value) VALUES ('stage_version', '1') \
         ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(settings.value AS {int}) + 1 AS {text})"
    );
    db.execute_raw(sea_orm::Statement::from_string(backend, sql)).await?;
    Ok(())
}
