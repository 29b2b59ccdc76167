//! Saving answers and predictions, checked against the deadline in the same statement.

use super::*;
use crate::{
    entity::{attempt, attempt_question, question_version},
    rounds::{self, at, ms},
};
use chrono::{DateTime, Utc};
use domain::{
    Kind,
    contest::{round::GRACE_MS, scoring},
};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter, Statement, Value};
use std::{
    collections::{BTreeMap, HashMap},
    sync::{Arc, Mutex},
};

/// Runs `sql` with `?` placeholders, rewritten to `$n` for PostgreSQL.
pub(crate) fn statement(backend: DatabaseBackend, sql: &str, values: Vec<Value>) -> Statement {
    let sql = if backend == DatabaseBackend::Postgres {
        let mut n = 0;
        sql.chars()
            .map(|c| {
                if c == '?' {
                    n += 1;
                    format!("${n}")
                } else {
                    c.to_string()
                }
            })
            .collect()
    } else {
        sql.to_owned()
    };
    Statement::from_sql_and_values(backend, sql, values)
}

/// What never changes about an attempt once drawn: whose it is and, per question, the order its
/// options were shown in and whether several may be chosen. Safe to keep in memory in every
/// process (nothing here is ever updated), so saving an answer needs no read of it.
#[derive(Debug)]
pub struct PaperFacts {
    pub user_id: i32,
    /// By position.
    questions: BTreeMap<i32, FactQuestion>,
}

/// One drawn question: its version, the order its options were shown in, and its kind.
#[derive(Debug)]
struct FactQuestion {
    version_id: i32,
    order: Vec<usize>,
    kind: Kind,
}

impl PaperFacts {
    /// The facts of a paper just drawn: (version id, option order, kind) per position from 1.
    pub fn drawn(user_id: i32, questions: impl IntoIterator<Item = (i32, Vec<usize>, Kind)>) -> Self {
        let questions = questions
            .into_iter()
            .enumerate()
            .map(|(i, (version_id, order, kind))| (i as i32 + 1, FactQuestion { version_id, order, kind }))
            .collect();
        Self { user_id, questions }
    }

    /// (position, version id, option order) of every question, in order.
    pub fn positions(&self) -> impl Iterator<Item = (i32, i32, &[usize])> {
        self.questions.iter().map(|(p, q)| (*p, q.version_id, q.order.as_slice()))
    }
}

/// The facts of papers this process has seen, so the answer-save path is one write.
#[derive(Clone, Default)]
pub struct PaperCache {
    inner: Arc<Mutex<HashMap<i64, Arc<PaperFacts>>>>,
}

/// More papers than this and the cache starts over (a round's running papers fit easily).
const PAPER_CACHE_MAX: usize = 50_000;

impl PaperCache {
    /// The facts of `attempt_id`, loaded once (three small reads) per process.
    pub async fn get(&self, db: &impl ConnectionTrait, attempt_id: i64) -> Result<Arc<PaperFacts>> {
        if let Ok(guard) = self.inner.lock()
            && let Some(facts) = guard.get(&attempt_id)
        {
            return Ok(facts.clone());
        }
        let attempt = attempt::Entity::find_by_id(attempt_id).one(db).await?.ok_or(AttemptError::NotFound)?;
        let rows = attempt_question::Entity::find()
            .filter(attempt_question::Column::AttemptId.eq(attempt_id))
            .all(db)
            .await?;
        let version_ids: Vec<i32> = rows.iter().map(|r| r.question_version_id).collect();
        let kinds: HashMap<i32, Kind> = question_version::Entity::find()
            .filter(question_version::Column::Id.is_in(version_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|v| Ok((v.id, v.kind)))
            .collect::<Result<_>>()?;
        let questions = rows
            .into_iter()
            .map(|r| {
                let kind = kinds
                    .get(&r.question_version_id)
                    .copied()
                    .ok_or_else(|| corrupt(r.question_version_id))?;
                Ok((
                    r.position,
                    FactQuestion { version_id: r.question_version_id, order: r.option_order.0, kind },
                ))
            })
            .collect::<Result<_>>()?;
        Ok(self.remember(attempt_id, PaperFacts { user_id: attempt.user_id, questions }))
    }

    /// Keeps the facts of `attempt_id` (known without a read when the paper was just drawn).
    pub fn remember(&self, attempt_id: i64, facts: PaperFacts) -> Arc<PaperFacts> {
        let facts = Arc::new(facts);
        if let Ok(mut guard) = self.inner.lock() {
            if guard.len() >= PAPER_CACHE_MAX {
                guard.clear();
            }
            guard.insert(attempt_id, facts.clone());
        }
        facts
    }
}

pub(super) fn corrupt(version_id: i32) -> AttemptError {
    AttemptError::Store(crate::error::StoreError::Corrupt(format!("question version {version_id}")))
}

/// Saves the answer to question `position` (options as displayed). Saving the same answer again
/// is harmless. Returns the server time it was saved.
///
/// One statement reaches the database: the paper's facts come from `papers`, and the write
/// itself checks that the attempt is the caller's, unfinished and on time.
#[allow(clippy::too_many_arguments)]
pub async fn save_answer(
    db: &impl ConnectionTrait,
    papers: &PaperCache,
    attempt_id: i64,
    user_id: i32,
    position: i32,
    chosen_displayed: &[usize],
    now: DateTime<Utc>,
    client_ip: &str,
) -> Result<DateTime<Utc>> {
    let facts = papers.get(db, attempt_id).await?;
    if facts.user_id != user_id {
        return Err(AttemptError::NotYours);
    }
    let question = facts.questions.get(&position).ok_or(AttemptError::NoSuchQuestion(position))?;
    let original = scoring::to_original(chosen_displayed, &question.order).ok_or(AttemptError::BadOption)?;
    if question.kind != Kind::Multiple && original.len() > 1 {
        return Err(AttemptError::OneOptionOnly);
    }
    let backend = db.get_database_backend();
    // Stored only if the attempt is still unfinished and on time at this very statement; on
    // PostgreSQL the row lock makes a concurrent finish wait for, or exclude, this answer.
    let lock = if backend == DatabaseBackend::Postgres { " FOR SHARE" } else { "" };
    let sql = format!(
        "INSERT INTO answers (attempt_id, position, chosen, saved_at, client_ip) \
         SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM attempts WHERE id = ? AND user_id = ? AND finished = ? AND deadline_at >= ?{lock}) \
         ON CONFLICT (attempt_id, position) DO UPDATE SET chosen = excluded.chosen, saved_at = excluded.saved_at, client_ip = excluded.client_ip"
    );
    let values: Vec<Value> = vec![
        attempt_id.into(),
        position.into(),
        serde_json::to_string(&original).unwrap_or_default().into(),
        now.into(),
        client_ip.into(),
        attempt_id.into(),
        user_id.into(),
        false.into(),
        at(ms(now) - GRACE_MS).into(),
    ];
    let result = db.execute_raw(statement(backend, &sql, values)).await?;
    if result.rows_affected() == 0 {
        return Err(AttemptError::Finished);
    }
    Ok(now)
}

/// Saves the contestant's prediction of the number of participants.
pub async fn save_prediction(
    db: &impl ConnectionTrait,
    attempt_id: i64,
    user_id: i32,
    value: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    let attempt = owned(db, attempt_id, user_id).await?;
    let round = rounds::get(db, attempt.round_id).await?.ok_or(AttemptError::NotFound)?;
    if !round.prediction_enabled {
        return Err(AttemptError::NoPrediction);
    }
    if !(0..=10_000_000).contains(&value) {
        return Err(AttemptError::BadPrediction);
    }
    let result = attempt::Entity::update_many()
        .col_expr(attempt::Column::Prediction, value.into())
        .filter(attempt::Column::Id.eq(attempt_id))
        .filter(attempt::Column::Finished.eq(false))
        .filter(attempt::Column::DeadlineAt.gte(at(ms(now) - GRACE_MS)))
        .exec(db)
        .await?;
    if result.rows_affected == 0 {
        return Err(AttemptError::Finished);
    }
    Ok(())
}
