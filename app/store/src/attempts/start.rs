//! Finding and starting attempts: a second device resumes the running paper.

use super::*;
use crate::{
    entity::{attempt, attempt_question, round, user},
    error::StoreError,
    rounds::{self, PoolCache, at, ms},
};
use chrono::{DateTime, Utc};
use domain::contest::{
    draw,
    round::{Phase, deadline, phase},
};
use rand::Rng;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder, TransactionTrait,
};

/// The attempt `id` if it belongs to `user_id`.
pub async fn owned(db: &impl ConnectionTrait, id: i64, user_id: i32) -> Result<attempt::Model> {
    let found = attempt::Entity::find_by_id(id).one(db).await?.ok_or(AttemptError::NotFound)?;
    if found.user_id != user_id {
        return Err(AttemptError::NotYours);
    }
    Ok(found)
}

/// A user's attempts at a round, oldest first.
pub async fn of_user(db: &impl ConnectionTrait, round_id: i32, user_id: i32) -> Result<Vec<attempt::Model>> {
    Ok(attempt::Entity::find()
        .filter(attempt::Column::RoundId.eq(round_id))
        .filter(attempt::Column::UserId.eq(user_id))
        .order_by_asc(attempt::Column::Number)
        .all(db)
        .await?)
}

/// Starts an attempt, or returns the one still running (a second device resumes the same paper).
pub async fn start(
    db: &DatabaseConnection,
    pool_cache: &PoolCache,
    papers: &PaperCache,
    round: &round::Model,
    user: &user::Model,
    now: DateTime<Utc>,
) -> Result<attempt::Model> {
    let settings = rounds::settings_of(round)?;
    match phase(ms(now), settings.opens_ms, settings.closes_ms) {
        Phase::Upcoming => return Err(AttemptError::NotOpenYet),
        Phase::Closed => return Err(AttemptError::Closed),
        Phase::Open => {}
    }
    if !settings.unit_ids.is_empty() && !user.unit_id.is_some_and(|u| settings.unit_ids.contains(&u)) {
        return Err(AttemptError::UnitNotAllowed);
    }
    let existing = of_user(db, round.id, user.id).await?;
    if let Some(running) = existing.iter().find(|a| !a.finished) {
        return Ok(running.clone());
    }
    if existing.len() >= settings.attempts_allowed as usize {
        return Err(AttemptError::NoAttemptsLeft(settings.attempts_allowed));
    }
    let pool = pool_cache.get(db).await?;
    let seed: i64 = rand::thread_rng().r#gen::<i64>() & i64::MAX;
    let paper = draw::draw(&pool, &settings.blueprint, seed as u64)?;
    let started = now;
    let deadline_ms = deadline(ms(started), settings.time_limit_secs, settings.closes_ms);
    let txn = db.begin().await?;
    let inserted = attempt::ActiveModel {
        round_id: Set(round.id),
        user_id: Set(user.id),
        number: Set(existing.len() as i32 + 1),
        seed: Set(seed),
        started_at: Set(started),
        deadline_at: Set(at(deadline_ms)),
        finished: Set(false),
        submitted_at: Set(None),
        finished_by: Set(None),
        correct: Set(None),
        duration_ms: Set(None),
        prediction: Set(None),
        question_count: Set(paper.len() as i32),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let attempt = match inserted {
        Ok(a) => a,
        // Another request of the same person started this attempt number first: use theirs.
        Err(e) => {
            drop(txn);
            return of_user(db, round.id, user.id)
                .await?
                .into_iter()
                .find(|a| !a.finished)
                .ok_or(AttemptError::Store(StoreError::Db(e)));
        }
    };
    let rows: Vec<attempt_question::ActiveModel> = paper
        .iter()
        .enumerate()
        .map(|(i, q)| attempt_question::ActiveModel {
            attempt_id: Set(attempt.id),
            position: Set(i as i32 + 1),
            question_version_id: Set(q.id as i32),
            option_order: Set(crate::json::Json(q.option_order.clone())),
        })
        .collect();
    attempt_question::Entity::insert_many(rows).exec_without_returning(&txn).await?;
    txn.commit().await?;
    // The paper's facts are known: the first answer needs no read of them.
    let kind_of = |id: i64| pool.iter().find(|c| c.id == id).map(|c| c.kind);
    let facts: Option<Vec<_>> =
        paper.iter().map(|q| Some((q.id as i32, q.option_order.clone(), kind_of(q.id)?))).collect();
    if let Some(facts) = facts {
        papers.remember(attempt.id, PaperFacts::drawn(user.id, facts));
    }
    Ok(attempt)
}
