//! Corrections (chấm lại): re-scoring every attempt that drew a question version, previewed first
//! and applied in one transaction; per-person bests, unit tallies and the results version follow,
//! so every server's caches (keyed on the version) refresh.

use crate::{
    entity::{
        attempt, attempt_question, correction, question, question_version, round, round_best,
        round_unit_stat, topic,
    },
    error::{Result, StoreError},
    results::{RoundBoard, individual_board_with, prize_settings},
};
use chrono::{DateTime, Utc};
use domain::{
    contest::correction::{Correction, score},
    results::prizes::allocate,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};

/// One person whose result in a round moves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub round_id: i32,
    pub user_id: i64,
    pub name: String,
    pub unit: String,
    /// Correct answers / questions counted of the person's best attempt, before and after.
    pub before: (u32, u32),
    pub after: (u32, u32),
    pub rank_before: u32,
    pub rank_after: u32,
    /// The proposed prize before and after (its label), if any.
    pub prize_before: Option<String>,
    pub prize_after: Option<String>,
}

/// What applying a correction does (or did): the rounds whose attempts it re-scored and the
/// results that moved.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Effect {
    pub rounds: Vec<i32>,
    pub attempts: usize,
    pub changes: Vec<Change>,
}

/// The corrections in force for `versions`: the latest of each version.
pub async fn in_force(
    db: &impl ConnectionTrait,
    versions: &[i32],
) -> Result<HashMap<i32, correction::Model>> {
    let mut out = HashMap::new();
    for chunk in versions.chunks(500) {
        for c in correction::Entity::find()
            .filter(correction::Column::QuestionVersionId.is_in(chunk.to_vec()))
            .order_by_asc(correction::Column::Id)
            .all(db)
            .await?
        {
            out.insert(c.question_version_id, c);
        }
    }
    Ok(out)
}

/// Every correction, newest first.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<correction::Model>> {
    Ok(correction::Entity::find().order_by_desc(correction::Column::Id).all(db).await?)
}

/// The finished attempts that drew `version_id`.
async fn attempts_with(db: &impl ConnectionTrait, version_id: i32) -> Result<Vec<attempt::Model>> {
    let ids: Vec<i64> = attempt_question::Entity::find()
        .filter(attempt_question::Column::QuestionVersionId.eq(version_id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.attempt_id)
        .collect();
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        out.extend(
            attempt::Entity::find()
                .filter(attempt::Column::Id.is_in(chunk.to_vec()))
                .filter(attempt::Column::Finished.eq(true))
                .all(db)
                .await?,
        );
    }
    Ok(out)
}

/// How many attempts (finished or running) drew each version.
pub async fn usage(db: &impl ConnectionTrait, version_ids: &[i32]) -> Result<HashMap<i32, u64>> {
    use sea_orm::PaginatorTrait;
    let mut out = HashMap::new();
    for v in version_ids {
        let n = attempt_question::Entity::find()
            .filter(attempt_question::Column::QuestionVersionId.eq(*v))
            .count(db)
            .await?;
        out.insert(*v, n);
    }
    Ok(out)
}

/// Scores of `attempts` with `extra` in force for `version_id` (on top of the corrections
/// already in force): attempt id to (correct, counted).
async fn rescore(
    db: &impl ConnectionTrait,
    attempts: &[attempt::Model],
    version_id: i32,
    extra: &Correction,
) -> Result<HashMap<i64, (i32, i32)>> {
    let mut out = HashMap::new();
    for chunk in attempts.chunks(500) {
        let ids: Vec<i64> = chunk.iter().map(|a| a.id).collect();
        let (drawn, saved) = crate::attempts::papers_and_answers(db, ids).await?;
        let versions: Vec<i32> =
            drawn.iter().map(|d| d.question_version_id).collect::<BTreeSet<_>>().into_iter().collect();
        let keys: HashMap<i32, Vec<usize>> = question_version::Entity::find()
            .filter(question_version::Column::Id.is_in(versions.clone()))
            .all(db)
            .await?
            .into_iter()
            .map(|v| (v.id, v.correct.0))
            .collect();
        let mut corrections: HashMap<i32, Correction> =
            in_force(db, &versions).await?.into_iter().map(|(v, c)| (v, c.correction.0)).collect();
        corrections.insert(version_id, extra.clone());
        let mut by_attempt: HashMap<i64, Vec<&attempt_question::Model>> = HashMap::new();
        for d in &drawn {
            by_attempt.entry(d.attempt_id).or_default().push(d);
        }
        for a in chunk {
            let items = by_attempt.get(&a.id).map(Vec::as_slice).unwrap_or_default();
            let (right, counted) = score(items.iter().map(|d| {
                (
                    saved.get(&(a.id, d.position)).map(Vec::as_slice),
                    keys.get(&d.question_version_id).map(Vec::as_slice).unwrap_or_default(),
                    corrections.get(&d.question_version_id),
                )
            }));
            out.insert(a.id, (right as i32, counted as i32));
        }
    }
    Ok(out)
}

/// What a correction would change and the new scores it would write.
struct Plan {
    effect: Effect,
    /// Attempt id to (correct, counted), for attempts whose score changes.
    updates: HashMap<i64, (i32, i32)>,
    rounds: Vec<round::Model>,
}

async fn plan(db: &impl ConnectionTrait, version_id: i32, correction: &Correction) -> Result<Plan> {
    let attempts = attempts_with(db, version_id).await?;
    let scores = rescore(db, &attempts, version_id, correction).await?;
    let updates: HashMap<i64, (i32, i32)> = attempts
        .iter()
        .filter_map(|a| {
            let new = *scores.get(&a.id)?;
            (Some(new.0) != a.correct || new.1 != a.question_count).then_some((a.id, new))
        })
        .collect();
    let round_ids: Vec<i32> =
        attempts.iter().map(|a| a.round_id).collect::<BTreeSet<_>>().into_iter().collect();
    let rounds = round::Entity::find().filter(round::Column::Id.is_in(round_ids.clone())).all(db).await?;
    let prizes = prize_settings(db).await?.online;
    let mut changes = Vec::new();
    for r in &rounds {
        let before = individual_board_with(db, r, &HashMap::new()).await?;
        let after = individual_board_with(db, r, &updates).await?;
        changes.extend(diff(r.id, &before, &after, prizes));
    }
    Ok(Plan { effect: Effect { rounds: round_ids, attempts: attempts.len(), changes }, updates, rounds })
}

/// The people whose score, rank or proposed prize differs between two boards of a round.
fn diff(
    round_id: i32,
    before: &RoundBoard,
    after: &RoundBoard,
    prizes: domain::results::prizes::PrizeCounts,
) -> Vec<Change> {
    let prize_of = |board: &RoundBoard| -> HashMap<i64, Option<String>> {
        let ranks: Vec<u32> = board.entries.iter().map(|e| e.rank).collect();
        board
            .entries
            .iter()
            .zip(allocate(&ranks, prizes))
            .map(|(e, p)| (e.user_id, p.map(|p| p.label().to_owned())))
            .collect()
    };
    let (prizes_before, prizes_after) = (prize_of(before), prize_of(after));
    let old: HashMap<i64, _> = before.entries.iter().map(|e| (e.user_id, e)).collect();
    let mut changes: Vec<Change> = after
        .entries
        .iter()
        .filter_map(|new| {
            let was = old.get(&new.user_id)?;
            let prize_before = prizes_before.get(&new.user_id).cloned().flatten();
            let prize_after = prizes_after.get(&new.user_id).cloned().flatten();
            let moved = (was.correct, was.total, was.rank) != (new.correct, new.total, new.rank)
                || prize_before != prize_after;
            moved.then(|| Change {
                round_id,
                user_id: new.user_id,
                name: new.full_name.clone(),
                unit: new.unit.clone(),
                before: (was.correct, was.total),
                after: (new.correct, new.total),
                rank_before: was.rank,
                rank_after: new.rank,
                prize_before,
                prize_after,
            })
        })
        .collect();
    changes.sort_by_key(|c| (c.rank_after, c.user_id));
    changes
}

/// What applying `correction` to `version_id` would change now; changes nothing.
pub async fn preview(db: &impl ConnectionTrait, version_id: i32, correction: &Correction) -> Result<Effect> {
    Ok(plan(db, version_id, correction).await?.effect)
}

/// Applies `correction` to every finished attempt that drew `version_id`, in one transaction:
/// scores, per-person bests, unit tallies, results versions, and the correction itself with what
/// it changed. Attempts still running are scored with it when they end.
pub async fn apply(
    db: &DatabaseConnection,
    version: &question_version::Model,
    correction: &Correction,
    reason: &str,
    by: i32,
    now: DateTime<Utc>,
) -> Result<(correction::Model, Effect)> {
    let txn = db.begin().await?;
    let Plan { effect, updates, rounds } = plan(&txn, version.id, correction).await?;
    for (id, (correct, counted)) in &updates {
        attempt::Entity::update_many()
            .col_expr(attempt::Column::Correct, Some(*correct).into())
            .col_expr(attempt::Column::QuestionCount, (*counted).into())
            .filter(attempt::Column::Id.eq(*id))
            .exec(&txn)
            .await?;
    }
    for r in &rounds {
        retally(&txn, r.id).await?;
    }
    if let Correction::ChangeKey { key } = correction {
        new_key_for_later_papers(&txn, version, key, by).await?;
    }
    let saved = correction::ActiveModel {
        question_id: Set(version.question_id),
        question_version_id: Set(version.id),
        correction: Set(crate::json::Json(correction.clone())),
        reason: Set(reason.to_owned()),
        changes: Set(crate::json::Json(effect.clone())),
        affected_attempts: Set(i32::try_from(effect.attempts).unwrap_or(i32::MAX)),
        by_user: Set(by),
        at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok((saved, effect))
}

/// A changed key also goes into the bank as a new version, so papers drawn from now on carry it
/// (only when the corrected version is still the current one).
async fn new_key_for_later_papers(
    db: &impl ConnectionTrait,
    version: &question_version::Model,
    key: &[usize],
    by: i32,
) -> Result<()> {
    let row = question::Entity::find_by_id(version.question_id).one(db).await?.ok_or(StoreError::NotFound)?;
    if row.current_version_id != version.id {
        return Ok(());
    }
    let topics: HashMap<String, i32> =
        topic::Entity::find().all(db).await?.into_iter().map(|t| (t.slug, t.id)).collect();
    let slug =
        topics.iter().find(|(_, id)| **id == version.topic_id).map(|(s, _)| s.clone()).unwrap_or_default();
    let mut q = crate::questions::from_version(&row.code, &slug, version)?;
    q.correct = key.to_vec();
    crate::questions::save(db, &q, &topics, Some(by)).await?;
    Ok(())
}

/// A question by its code and every version of it, newest first.
pub async fn versions(
    db: &impl ConnectionTrait,
    code: &str,
) -> Result<(question::Model, Vec<question_version::Model>)> {
    let row = question::Entity::find()
        .filter(question::Column::Code.eq(code))
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)?;
    let all = question_version::Entity::find()
        .filter(question_version::Column::QuestionId.eq(row.id))
        .order_by_desc(question_version::Column::Version)
        .all(db)
        .await?;
    Ok((row, all))
}

/// Brings a round's per-person bests up to date with re-scored attempts, moves the unit tallies by
/// the difference (an increment, so a submit landing at the same moment still adds its own), and
/// bumps the round's results version.
async fn retally(db: &impl ConnectionTrait, round_id: i32) -> Result<()> {
    use sea_orm::sea_query::{Expr, ExprTrait};
    let attempts = attempt::Entity::find()
        .filter(attempt::Column::RoundId.eq(round_id))
        .filter(attempt::Column::Finished.eq(true))
        .all(db)
        .await?;
    let mut best: HashMap<i32, i32> = HashMap::new();
    for a in &attempts {
        let slot = best.entry(a.user_id).or_insert(0);
        *slot = std::cmp::max(*slot, a.correct.unwrap_or(0));
    }
    let rows = round_best::Entity::find().filter(round_best::Column::RoundId.eq(round_id)).all(db).await?;
    let mut deltas: HashMap<i32, i64> = HashMap::new();
    for row in rows {
        let new = best.get(&row.user_id).copied().unwrap_or(row.best_correct);
        if new != row.best_correct {
            round_best::Entity::update_many()
                .col_expr(round_best::Column::BestCorrect, new.into())
                .filter(round_best::Column::RoundId.eq(round_id))
                .filter(round_best::Column::UserId.eq(row.user_id))
                .exec(db)
                .await?;
            *deltas.entry(row.unit_id).or_default() += i64::from(new - row.best_correct);
        }
    }
    for (unit_id, delta) in deltas.into_iter().filter(|(_, d)| *d != 0) {
        round_unit_stat::Entity::update_many()
            .col_expr(
                round_unit_stat::Column::SumBest,
                Expr::col(round_unit_stat::Column::SumBest).add(delta),
            )
            .filter(round_unit_stat::Column::RoundId.eq(round_id))
            .filter(round_unit_stat::Column::UnitId.eq(unit_id))
            .exec(db)
            .await?;
    }
    round::Entity::update_many()
        .col_expr(round::Column::ResultsVersion, Expr::col(round::Column::ResultsVersion).add(1))
        .filter(round::Column::Id.eq(round_id))
        .exec(db)
        .await?;
    Ok(())
}

/// The corrections that re-scored attempts of `round_id`, oldest first, with the question text.
pub async fn of_round(
    db: &impl ConnectionTrait,
    round_id: i32,
) -> Result<Vec<(correction::Model, question_version::Model)>> {
    let all = correction::Entity::find().order_by_asc(correction::Column::Id).all(db).await?;
    let mut out = Vec::new();
    for c in all.into_iter().filter(|c| c.changes.0.rounds.contains(&round_id)) {
        let v = question_version::Entity::find_by_id(c.question_version_id)
            .one(db)
            .await?
            .ok_or(StoreError::NotFound)?;
        out.push((c, v));
    }
    Ok(out)
}
