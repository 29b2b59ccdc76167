//! Ending attempts: on submit, at the deadline, and tallying the round's results.

use super::{answers::corrupt, paper::answers, *};
use crate::{
    entity::{attempt, question_version, round, user},
    rounds::{at, ms},
};
use chrono::{DateTime, Utc};
use domain::contest::round::GRACE_MS;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, TransactionTrait, Value,
};
use std::sync::Arc;

/// What a finish reads from this process's memory instead of the database: the papers' facts and
/// the question versions (keys), neither of which ever changes.
#[derive(Clone, Copy)]
pub struct Kept<'a> {
    pub papers: &'a PaperCache,
    pub versions: &'a VersionCache,
}

/// Ends an attempt at `at_time` and scores it. Idempotent: an attempt already finished is
/// returned as it is. Safe when several servers race to finish the same attempt.
///
/// Everything that cannot change (the paper, its keys, the person's unit) is read before the
/// transaction, so the write lock is held only for what must agree with the claim: the answers
/// saved until then, the corrections in force, and the tallies.
pub async fn finish(
    db: &DatabaseConnection,
    kept: Kept<'_>,
    attempt: &attempt::Model,
    at_time: DateTime<Utc>,
    by: &str,
) -> Result<attempt::Model> {
    let submitted = at_time.min(attempt.deadline_at).max(attempt.started_at);
    let facts = kept.papers.get(db, attempt.id).await?;
    let ids: Vec<i32> = facts.positions().map(|(_, version, _)| version).collect();
    let keys = kept.versions.get_many(db, &ids).await?;
    let drawn = facts
        .positions()
        .map(|(position, version, _)| {
            Ok((position, keys.get(&version).cloned().ok_or_else(|| corrupt(version))?))
        })
        .collect::<Result<Vec<_>>>()?;
    let unit_id = user::Entity::find_by_id(attempt.user_id).one(db).await?.and_then(|u| u.unit_id);
    let duration_ms = ms(submitted) - ms(attempt.started_at);
    let txn = db.begin().await?;
    let claimed = attempt::Entity::update_many()
        .col_expr(attempt::Column::Finished, true.into())
        .col_expr(attempt::Column::SubmittedAt, Some(submitted).into())
        .col_expr(attempt::Column::FinishedBy, Some(by.to_owned()).into())
        .col_expr(attempt::Column::DurationMs, Some(duration_ms).into())
        .filter(attempt::Column::Id.eq(attempt.id))
        .filter(attempt::Column::Finished.eq(false))
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        // Finished meanwhile (another request or server): theirs stands.
        drop(txn);
        return attempt::Entity::find_by_id(attempt.id).one(db).await?.ok_or(AttemptError::NotFound);
    }
    let (correct, counted) = score(&txn, &drawn, &ids, attempt.id).await?;
    attempt::Entity::update_many()
        .col_expr(attempt::Column::Correct, Some(correct as i32).into())
        .col_expr(attempt::Column::QuestionCount, (counted as i32).into())
        .filter(attempt::Column::Id.eq(attempt.id))
        .exec(&txn)
        .await?;
    if let Some(unit_id) = unit_id {
        tally(&txn, attempt, unit_id, correct as i32).await?;
    }
    txn.commit().await?;
    // As stored, but for what another request changed meanwhile (a prediction saved at the same
    // moment): callers use the score and the end.
    Ok(attempt::Model {
        finished: true,
        submitted_at: Some(submitted),
        finished_by: Some(by.to_owned()),
        duration_ms: Some(duration_ms),
        correct: Some(correct as i32),
        question_count: counted as i32,
        ..attempt.clone()
    })
}

/// Keeps the round's per-person bests and per-unit tallies up to date with a finished attempt, and
/// bumps the round's results version (leaderboard caches key on it).
async fn tally(
    db: &impl ConnectionTrait,
    attempt: &attempt::Model,
    unit_id: i32,
    correct: i32,
) -> Result<()> {
    use crate::entity::round_best;
    let backend = db.get_database_backend();
    let previous = round_best::Entity::find_by_id((attempt.round_id, attempt.user_id)).one(db).await?;
    let (new_person, gain) = match &previous {
        None => (1, correct),
        Some(p) if correct > p.best_correct => (0, correct - p.best_correct),
        Some(_) => (0, 0),
    };
    if previous.is_none() {
        round_best::ActiveModel {
            round_id: Set(attempt.round_id),
            user_id: Set(attempt.user_id),
            unit_id: Set(unit_id),
            best_correct: Set(correct),
        }
        .insert(db)
        .await?;
    } else if gain > 0 {
        round_best::Entity::update_many()
            .col_expr(round_best::Column::BestCorrect, correct.into())
            .filter(round_best::Column::RoundId.eq(attempt.round_id))
            .filter(round_best::Column::UserId.eq(attempt.user_id))
            .exec(db)
            .await?;
    }
    if new_person > 0 || gain > 0 {
        let sql = "INSERT INTO round_unit_stats (round_id, unit_id, participants, sum_best) VALUES (?, ?, ?, ?) \
                   ON CONFLICT (round_id, unit_id) DO UPDATE SET participants = round_unit_stats.participants + excluded.participants, \
                   sum_best = round_unit_stats.sum_best + excluded.sum_best";
        let values: Vec<Value> =
            vec![attempt.round_id.into(), unit_id.into(), new_person.into(), i64::from(gain).into()];
        db.execute_raw(statement(backend, sql, values)).await?;
    }
    round::Entity::update_many()
        .col_expr(round::Column::ResultsVersion, {
            use sea_orm::sea_query::ExprTrait;
            sea_orm::sea_query::Expr::col(round::Column::ResultsVersion).add(1)
        })
        .filter(round::Column::Id.eq(attempt.round_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Questions of an attempt answered right, and questions counted (a question voided by a
/// correction may leave the paper), with the corrections in force. `drawn` holds the paper's
/// (position, question version), and `ids` those versions' ids.
async fn score(
    db: &impl ConnectionTrait,
    drawn: &[(i32, Arc<question_version::Model>)],
    ids: &[i32],
    attempt_id: i64,
) -> Result<(u32, u32)> {
    let saved = answers(db, attempt_id).await?;
    let corrections = crate::corrections::in_force(db, ids).await?;
    Ok(domain::contest::correction::score(drawn.iter().map(|(position, version)| {
        (
            saved.get(position).map(Vec::as_slice),
            version.correct.0.as_slice(),
            corrections.get(&version.id).map(|c| &c.correction.0),
        )
    })))
}

/// The contestant submits: the attempt ends now (or at its deadline, if that passed).
pub async fn submit(
    db: &DatabaseConnection,
    kept: Kept<'_>,
    attempt_id: i64,
    user_id: i32,
    now: DateTime<Utc>,
) -> Result<attempt::Model> {
    let attempt = owned(db, attempt_id, user_id).await?;
    if attempt.finished {
        return Ok(attempt);
    }
    finish(db, kept, &attempt, now, "contestant").await
}

/// How many attempts are running at `now`: started, not finished, deadline not yet passed.
pub async fn count_running(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<u64> {
    Ok(attempt::Entity::find()
        .filter(attempt::Column::Finished.eq(false))
        .filter(attempt::Column::DeadlineAt.gte(at(ms(now) - GRACE_MS)))
        .count(db)
        .await?)
}

/// Finishes every attempt whose deadline (plus the grace) has passed; returns how many. Run by a
/// background task on every server, and at start-up to catch up after a restart.
pub async fn finish_due(db: &DatabaseConnection, kept: Kept<'_>, now: DateTime<Utc>) -> Result<usize> {
    let due = attempt::Entity::find()
        .filter(attempt::Column::Finished.eq(false))
        .filter(attempt::Column::DeadlineAt.lt(at(ms(now) - GRACE_MS)))
        .order_by_asc(attempt::Column::DeadlineAt)
        .all(db)
        .await?;
    let mut finished = 0;
    for a in &due {
        let deadline = a.deadline_at;
        let done = finish(db, kept, a, deadline, "deadline").await?;
        if done.finished_by.as_deref() == Some("deadline") {
            finished += 1;
        }
    }
    Ok(finished)
}
