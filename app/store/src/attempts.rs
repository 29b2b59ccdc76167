//! Attempts: starting (drawing a paper), saving answers, submitting, finishing at the deadline.
//!
//! The server's clock decides. An answer is stored only while its attempt is unfinished and on
//! time, checked in the same statement that stores it, so an answer the server acknowledged is
//! always counted and one it refused never is.

use crate::{
    entity::{answer, attempt, attempt_question, question_version, round, user},
    error::StoreError,
    rounds::{self, PoolCache, at, ms},
};
use chrono::{DateTime, Utc};
use domain::{
    Kind,
    contest::{
        draw::{self, DrawError},
        round::{GRACE_MS, Phase, deadline, phase},
        scoring,
    },
};
use rand::Rng;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder, Statement, TransactionTrait, Value,
};
use std::collections::HashMap;

/// Why an attempt operation was refused.
#[derive(Debug, thiserror::Error)]
pub enum AttemptError {
    #[error("Vòng thi chưa mở.")]
    NotOpenYet,
    #[error("Vòng thi đã kết thúc.")]
    Closed,
    #[error("Đơn vị của bạn không thuộc danh sách dự thi vòng này.")]
    UnitNotAllowed,
    #[error("Bạn đã dùng hết {0} lượt làm bài của vòng thi này.")]
    NoAttemptsLeft(u32),
    #[error("Không tìm thấy bài thi.")]
    NotFound,
    #[error("Bài thi này không phải của bạn.")]
    NotYours,
    #[error("Bài thi đã nộp hoặc đã hết giờ; câu trả lời không được ghi nhận.")]
    Finished,
    #[error("Câu hỏi số {0} không có trong đề của bạn.")]
    NoSuchQuestion(i32),
    #[error("Phương án đã chọn không hợp lệ.")]
    BadOption,
    #[error("Câu hỏi này chỉ được chọn một phương án.")]
    OneOptionOnly,
    #[error("Dự đoán phải là số nguyên từ 0 đến 10.000.000.")]
    BadPrediction,
    #[error("Vòng thi này không có câu hỏi dự đoán.")]
    NoPrediction,
    #[error("{0}")]
    Draw(#[from] DrawError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sea_orm::DbErr> for AttemptError {
    fn from(e: sea_orm::DbErr) -> Self {
        AttemptError::Store(e.into())
    }
}

type Result<T, E = AttemptError> = std::result::Result<T, E>;

fn json<T: serde::de::DeserializeOwned>(s: &str) -> Result<T> {
    serde_json::from_str(s).map_err(|_| AttemptError::Store(StoreError::Corrupt(format!("bad JSON {s:?}"))))
}

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
            option_order: Set(serde_json::to_string(&q.option_order).unwrap_or_default()),
        })
        .collect();
    attempt_question::Entity::insert_many(rows).exec_without_returning(&txn).await?;
    txn.commit().await?;
    Ok(attempt)
}

/// A question as the contestant sees it: options in their shuffled order, no correct answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaperQuestion {
    pub position: i32,
    pub text: String,
    pub kind: Kind,
    pub options: Vec<String>,
    /// Displayed positions the contestant has chosen so far.
    pub chosen: Vec<usize>,
}

struct Drawn {
    position: i32,
    version: question_version::Model,
    order: Vec<usize>,
}

async fn drawn(db: &impl ConnectionTrait, attempt_id: i64) -> Result<Vec<Drawn>> {
    let rows = attempt_question::Entity::find()
        .filter(attempt_question::Column::AttemptId.eq(attempt_id))
        .order_by_asc(attempt_question::Column::Position)
        .all(db)
        .await?;
    let ids: Vec<i32> = rows.iter().map(|r| r.question_version_id).collect();
    let versions: HashMap<i32, question_version::Model> = question_version::Entity::find()
        .filter(question_version::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|v| (v.id, v))
        .collect();
    rows.into_iter()
        .map(|r| {
            let version = versions.get(&r.question_version_id).cloned().ok_or_else(|| {
                AttemptError::Store(StoreError::Corrupt(format!("version {} missing", r.question_version_id)))
            })?;
            Ok(Drawn { position: r.position, order: json(&r.option_order)?, version })
        })
        .collect()
}

async fn answers(db: &impl ConnectionTrait, attempt_id: i64) -> Result<HashMap<i32, Vec<usize>>> {
    answer::Entity::find()
        .filter(answer::Column::AttemptId.eq(attempt_id))
        .all(db)
        .await?
        .into_iter()
        .map(|a| Ok((a.position, json(&a.chosen)?)))
        .collect()
}

fn displayed(original: &[usize], order: &[usize]) -> Vec<usize> {
    let mut out: Vec<usize> = original.iter().filter_map(|o| order.iter().position(|x| x == o)).collect();
    out.sort_unstable();
    out
}

/// The paper of an attempt, with the answers saved so far.
pub async fn paper(db: &impl ConnectionTrait, attempt: &attempt::Model) -> Result<Vec<PaperQuestion>> {
    let saved = answers(db, attempt.id).await?;
    drawn(db, attempt.id)
        .await?
        .into_iter()
        .map(|d| {
            let options: Vec<String> = json(&d.version.options)?;
            Ok(PaperQuestion {
                position: d.position,
                text: d.version.text.clone(),
                kind: Kind::parse(&d.version.kind).unwrap_or(Kind::Single),
                options: d.order.iter().filter_map(|i| options.get(*i).cloned()).collect(),
                chosen: saved.get(&d.position).map(|c| displayed(c, &d.order)).unwrap_or_default(),
            })
        })
        .collect()
}

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

/// Ends an attempt at `at_time` and scores it. Idempotent: an attempt already finished is
/// returned as it is. Safe when several servers race to finish the same attempt.
pub async fn finish(
    db: &DatabaseConnection,
    attempt: &attempt::Model,
    at_time: DateTime<Utc>,
    by: &str,
) -> Result<attempt::Model> {
    let submitted = at_time.min(attempt.deadline_at).max(attempt.started_at);
    let txn = db.begin().await?;
    let claimed = attempt::Entity::update_many()
        .col_expr(attempt::Column::Finished, true.into())
        .col_expr(attempt::Column::SubmittedAt, Some(submitted).into())
        .col_expr(attempt::Column::FinishedBy, Some(by.to_owned()).into())
        .col_expr(attempt::Column::DurationMs, Some(ms(submitted) - ms(attempt.started_at)).into())
        .filter(attempt::Column::Id.eq(attempt.id))
        .filter(attempt::Column::Finished.eq(false))
        .exec(&txn)
        .await?;
    if claimed.rows_affected == 1 {
        let correct = score(&txn, attempt.id).await?;
        attempt::Entity::update_many()
            .col_expr(attempt::Column::Correct, Some(correct as i32).into())
            .filter(attempt::Column::Id.eq(attempt.id))
            .exec(&txn)
            .await?;
        tally(&txn, attempt, correct as i32).await?;
    }
    txn.commit().await?;
    attempt::Entity::find_by_id(attempt.id).one(db).await?.ok_or(AttemptError::NotFound)
}

/// Keeps the round's per-person bests and per-unit tallies up to date with a finished attempt, and
/// bumps the round's results version (leaderboard caches key on it).
async fn tally(db: &impl ConnectionTrait, attempt: &attempt::Model, correct: i32) -> Result<()> {
    use crate::entity::round_best;
    let backend = db.get_database_backend();
    let Some(unit_id) = user::Entity::find_by_id(attempt.user_id).one(db).await?.and_then(|u| u.unit_id)
    else {
        return Ok(());
    };
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

/// Number of questions of an attempt answered exactly right.
pub async fn score(db: &impl ConnectionTrait, attempt_id: i64) -> Result<u32> {
    let saved = answers(db, attempt_id).await?;
    let drawn = drawn(db, attempt_id).await?;
    let keys: Vec<(Option<Vec<usize>>, Vec<usize>)> = drawn
        .iter()
        .map(|d| Ok((saved.get(&d.position).cloned(), json::<Vec<usize>>(&d.version.correct)?)))
        .collect::<Result<_>>()?;
    Ok(scoring::score(keys.iter().map(|(c, k)| (c.as_deref(), k.as_slice()))))
}

/// The contestant submits: the attempt ends now (or at its deadline, if that passed).
pub async fn submit(
    db: &DatabaseConnection,
    attempt_id: i64,
    user_id: i32,
    now: DateTime<Utc>,
) -> Result<attempt::Model> {
    let attempt = owned(db, attempt_id, user_id).await?;
    if attempt.finished {
        return Ok(attempt);
    }
    finish(db, &attempt, now, "contestant").await
}

/// Finishes every attempt whose deadline (plus the grace) has passed; returns how many. Run by a
/// background task on every server, and at start-up to catch up after a restart.
pub async fn finish_due(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<usize> {
    let due = attempt::Entity::find()
        .filter(attempt::Column::Finished.eq(false))
        .filter(attempt::Column::DeadlineAt.lt(at(ms(now) - GRACE_MS)))
        .order_by_asc(attempt::Column::DeadlineAt)
        .all(db)
        .await?;
    let mut finished = 0;
    for a in &due {
        let deadline = a.deadline_at;
        let done = finish(db, a, deadline, "deadline").await?;
        if done.finished_by.as_deref() == Some("deadline") {
            finished += 1;
        }
    }
    Ok(finished)
}

/// One question of a finished attempt with its key, for the review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewItem {
    pub position: i32,
    pub text: String,
    pub kind: Kind,
    pub options: Vec<String>,
    pub chosen: Vec<usize>,
    pub correct: Vec<usize>,
    pub explanation: String,
    pub basis: String,
}

/// The review of an attempt: options in the order the contestant saw them, with the key. Only
/// call once the round's policy allows it.
pub async fn review(db: &impl ConnectionTrait, attempt: &attempt::Model) -> Result<Vec<ReviewItem>> {
    let saved = answers(db, attempt.id).await?;
    drawn(db, attempt.id)
        .await?
        .into_iter()
        .map(|d| {
            let options: Vec<String> = json(&d.version.options)?;
            let correct: Vec<usize> = json(&d.version.correct)?;
            let basis = match &d.version.basis_article {
                Some(article) => {
                    format!("{article}, {} ngày {}", d.version.basis_document, d.version.basis_date)
                }
                None => format!("{} ngày {}", d.version.basis_document, d.version.basis_date),
            };
            Ok(ReviewItem {
                position: d.position,
                text: d.version.text.clone(),
                kind: Kind::parse(&d.version.kind).unwrap_or(Kind::Single),
                options: d.order.iter().filter_map(|i| options.get(*i).cloned()).collect(),
                chosen: saved.get(&d.position).map(|c| displayed(c, &d.order)).unwrap_or_default(),
                correct: displayed(&correct, &d.order),
                explanation: d.version.explanation.clone(),
                basis,
            })
        })
        .collect()
}

/// Whether drawing again from the attempt's stored seed gives the paper it got (an audit for
/// complaints; false only if the bank changed since the attempt started).
pub async fn verify_paper(db: &impl ConnectionTrait, attempt: &attempt::Model) -> Result<bool> {
    let round = rounds::get(db, attempt.round_id).await?.ok_or(AttemptError::NotFound)?;
    let settings = rounds::settings_of(&round)?;
    let pool = rounds::candidates(db).await?;
    let again = draw::draw(&pool, &settings.blueprint, attempt.seed as u64)?;
    let stored: Vec<draw::DrawnQuestion> = drawn(db, attempt.id)
        .await?
        .into_iter()
        .map(|d| draw::DrawnQuestion { id: i64::from(d.version.id), option_order: d.order })
        .collect();
    Ok(again == stored)
}
