//! Saving answers and predictions, checked against the deadline in the same statement.

use super::{error::json, *};
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

/// Saves the answer to question `position` (options as displayed). Saving the same answer again
/// is harmless. Returns the server time it was saved.
pub async fn save_answer(
    db: &impl ConnectionTrait,
    attempt_id: i64,
    user_id: i32,
    position: i32,
    chosen_displayed: &[usize],
    now: DateTime<Utc>,
    client_ip: &str,
) -> Result<DateTime<Utc>> {
    let attempt = owned(db, attempt_id, user_id).await?;
    if attempt.finished || ms(now) > ms(attempt.deadline_at) + GRACE_MS {
        return Err(AttemptError::Finished);
    }
    let question = attempt_question::Entity::find_by_id((attempt_id, position))
        .one(db)
        .await?
        .ok_or(AttemptError::NoSuchQuestion(position))?;
    let order: Vec<usize> = json(&question.option_order)?;
    let original = scoring::to_original(chosen_displayed, &order).ok_or(AttemptError::BadOption)?;
    let kind = question_version::Entity::find_by_id(question.question_version_id)
        .one(db)
        .await?
        .and_then(|v| Kind::parse(&v.kind))
        .unwrap_or(Kind::Single);
    if kind != Kind::Multiple && original.len() > 1 {
        return Err(AttemptError::OneOptionOnly);
    }
    let backend = db.get_database_backend();
    // Stored only if the attempt is still unfinished and on time at this very statement; on
    // PostgreSQL the row lock makes a concurrent finish wait for, or exclude, this answer.
    let lock = if backend == DatabaseBackend::Postgres { " FOR SHARE" } else { "" };
    let sql = format!(
        "INSERT INTO answers (attempt_id, position, chosen, saved_at, client_ip) \
         SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM attempts WHERE id = ? AND finished = ? AND deadline_at >= ?{lock}) \
         ON CONFLICT (attempt_id, position) DO UPDATE SET chosen = excluded.chosen, saved_at = excluded.saved_at, client_ip = excluded.client_ip"
    );
    let values: Vec<Value> = vec![
        attempt_id.into(),
        position.into(),
        serde_json::to_string(&original).unwrap_or_default().into(),
        now.into(),
        client_ip.into(),
        attempt_id.into(),
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
