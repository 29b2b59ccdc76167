//! Server functions of the contestant's pages: rounds, attempts, answers, results.

use crate::error::AppError;
use domain::{Kind, contest::round::Phase};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A finished or running attempt in the round list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttemptSummary {
    pub id: i64,
    pub number: i32,
    pub finished: bool,
    pub correct: Option<i32>,
    pub total: i32,
    pub duration_ms: Option<i64>,
}

/// A round as a contestant sees it in their list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundCard {
    pub id: i32,
    pub name: String,
    pub phase: Phase,
    pub opens_ms: i64,
    pub closes_ms: i64,
    pub time_limit_secs: u32,
    pub question_count: u32,
    pub attempts_allowed: u32,
    pub attempts: Vec<AttemptSummary>,
    pub allowed: bool,
}

/// A question on the contestant's screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperQuestion {
    pub position: i32,
    pub text: String,
    pub kind: Kind,
    pub options: Vec<String>,
    pub chosen: Vec<usize>,
}

/// A running attempt: the paper, the saved answers and the time left by the server's clock.
/// Carries no correct answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttemptView {
    pub id: i64,
    pub round_name: String,
    pub number: i32,
    pub questions: Vec<PaperQuestion>,
    pub deadline_ms: i64,
    pub remaining_ms: i64,
    pub prediction_enabled: bool,
    pub prediction: Option<i64>,
}

/// One reviewed question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

/// A finished attempt's result, and its review when the round's policy allows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultView {
    pub id: i64,
    pub round_id: i32,
    pub round_name: String,
    pub number: i32,
    pub correct: i32,
    pub total: i32,
    pub duration_ms: i64,
    pub submitted_ms: i64,
    pub by_deadline: bool,
    pub prediction: Option<i64>,
    pub review: Option<Vec<ReviewItem>>,
    pub review_note: String,
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use crate::{error::AppError, ssr::fail};
    use store::attempts::AttemptError;

    /// Maps attempt errors to statuses: 403 for another person's attempt, 409 for the state of
    /// the round or attempt, 422 for bad input.
    pub fn attempt_error(e: AttemptError) -> AppError {
        let message = e.to_string();
        fail(match e {
            AttemptError::NotFound => AppError::NotFound,
            AttemptError::NotYours => AppError::Refused(message),
            AttemptError::NoSuchQuestion(_)
            | AttemptError::BadOption
            | AttemptError::OneOptionOnly
            | AttemptError::BadPrediction
            | AttemptError::NoPrediction => AppError::Invalid(message),
            AttemptError::Store(e) => return crate::ssr::store_error(e),
            _ => AppError::Conflict(message),
        })
    }

    /// The signed-in contestant's account row.
    pub async fn contestant() -> Result<store::entity::user::Model, AppError> {
        Ok(crate::ssr::require_caller(&[domain::Role::Contestant]).await?.user)
    }
}

/// The rounds open to the signed-in contestant, with their attempts.
#[server(endpoint = "contestant/rounds")]
pub async fn my_rounds() -> Result<Vec<RoundCard>, AppError> {
    use crate::ssr::{db, store_error};
    use domain::contest::round::phase;
    let me = ssr::contestant().await?;
    let db = db()?;
    let now = chrono::Utc::now().timestamp_millis();
    let mut cards = Vec::new();
    for round in store::rounds::list(&db).await.map_err(store_error)? {
        let s = store::rounds::settings_of(&round).map_err(store_error)?;
        let allowed = s.unit_ids.is_empty() || me.unit_id.is_some_and(|u| s.unit_ids.contains(&u));
        let attempts = store::attempts::of_user(&db, round.id, me.id).await.map_err(ssr::attempt_error)?;
        cards.push(RoundCard {
            id: round.id,
            name: s.name,
            phase: phase(now, s.opens_ms, s.closes_ms),
            opens_ms: s.opens_ms,
            closes_ms: s.closes_ms,
            time_limit_secs: s.time_limit_secs,
            question_count: s.blueprint.total(),
            attempts_allowed: s.attempts_allowed,
            attempts: attempts
                .into_iter()
                .map(|a| AttemptSummary {
                    id: a.id,
                    number: a.number,
                    finished: a.finished,
                    correct: a.correct,
                    total: a.question_count,
                    duration_ms: a.duration_ms,
                })
                .collect(),
            allowed,
        });
    }
    Ok(cards)
}

/// Starts an attempt (or resumes the running one) and goes to it.
#[server(endpoint = "contestant/start")]
pub async fn start_attempt(round_id: i32) -> Result<i64, AppError> {
    use crate::ssr::{fail, state, store_error};
    let me = ssr::contestant().await?;
    let state = state()?;
    let round = store::rounds::get(&state.db, round_id)
        .await
        .map_err(store_error)?
        .ok_or_else(|| fail(AppError::NotFound))?;
    let attempt = store::attempts::start(&state.db, &state.pool, &round, &me, chrono::Utc::now())
        .await
        .map_err(ssr::attempt_error)?;
    tracing::info!(user_id = me.id, round_id, attempt_id = attempt.id, "attempt started");
    leptos_axum::redirect(&format!("/thi-sinh/bai-thi/{}", attempt.id));
    Ok(attempt.id)
}

/// A running attempt's paper. A finished one answers 409 so the page goes to the result.
#[server(endpoint = "contestant/attempt")]
pub async fn get_attempt(id: i64) -> Result<AttemptView, AppError> {
    use crate::ssr::{db, fail, store_error};
    let me = ssr::contestant().await?;
    let db = db()?;
    let attempt = store::attempts::owned(&db, id, me.id).await.map_err(ssr::attempt_error)?;
    let now = chrono::Utc::now().timestamp_millis();
    let deadline_ms = attempt.deadline_at.timestamp_millis();
    if attempt.finished || now > deadline_ms + domain::contest::round::GRACE_MS {
        return Err(fail(AppError::Conflict("Bài thi đã kết thúc.".into())));
    }
    let round = store::rounds::get(&db, attempt.round_id)
        .await
        .map_err(store_error)?
        .ok_or_else(|| fail(AppError::NotFound))?;
    let paper = store::attempts::paper(&db, &attempt).await.map_err(ssr::attempt_error)?;
    Ok(AttemptView {
        id,
        round_name: round.name,
        number: attempt.number,
        questions: paper
            .into_iter()
            .map(|q| PaperQuestion {
                position: q.position,
                text: q.text,
                kind: q.kind,
                options: q.options,
                chosen: q.chosen,
            })
            .collect(),
        deadline_ms,
        remaining_ms: (deadline_ms - now).max(0),
        prediction_enabled: round.prediction_enabled,
        prediction: attempt.prediction,
    })
}

/// Saves one answer as it is chosen. `chosen` lists displayed option positions, comma-separated
/// ("" clears the answer). Returns the server time it was saved.
#[server(endpoint = "contestant/answer")]
pub async fn save_answer(attempt_id: i64, position: i32, chosen: String) -> Result<i64, AppError> {
    use crate::ssr::{client_ip, db, fail};
    let me = ssr::contestant().await?;
    let chosen: Vec<usize> = chosen
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| s.trim().parse::<usize>())
        .collect::<Result<_, _>>()
        .map_err(|_| fail(AppError::invalid("Phương án đã chọn không hợp lệ.")))?;
    let ip = client_ip().await;
    let saved =
        store::attempts::save_answer(&db()?, attempt_id, me.id, position, &chosen, chrono::Utc::now(), &ip)
            .await
            .map_err(ssr::attempt_error)?;
    Ok(saved.timestamp_millis())
}

/// Saves the prediction of the number of participants.
#[server(endpoint = "contestant/prediction")]
pub async fn save_prediction(attempt_id: i64, value: String) -> Result<(), AppError> {
    use crate::ssr::{db, fail};
    let me = ssr::contestant().await?;
    let value: i64 = value
        .trim()
        .replace('.', "")
        .parse()
        .map_err(|_| fail(AppError::invalid("Dự đoán phải là số nguyên từ 0 đến 10.000.000.")))?;
    store::attempts::save_prediction(&db()?, attempt_id, me.id, value, chrono::Utc::now())
        .await
        .map_err(ssr::attempt_error)
}

/// Submits the attempt (the page then shows its result).
#[server(endpoint = "contestant/submit")]
pub async fn submit_attempt(attempt_id: i64) -> Result<(), AppError> {
    use crate::ssr::db;
    let me = ssr::contestant().await?;
    let done = store::attempts::submit(&db()?, attempt_id, me.id, chrono::Utc::now())
        .await
        .map_err(ssr::attempt_error)?;
    tracing::info!(user_id = me.id, attempt_id, correct = ?done.correct, "attempt submitted");
    Ok(())
}

/// The result of a finished attempt, with the review when the policy allows it.
#[server(endpoint = "contestant/result")]
pub async fn get_result(id: i64) -> Result<ResultView, AppError> {
    use crate::ssr::{db, fail, store_error};
    use domain::contest::round::{ReviewMoment, ReviewPolicy};
    let me = ssr::contestant().await?;
    let db = db()?;
    let mut attempt = store::attempts::owned(&db, id, me.id).await.map_err(ssr::attempt_error)?;
    let now = chrono::Utc::now();
    if !attempt.finished
        && now.timestamp_millis() > attempt.deadline_at.timestamp_millis() + domain::contest::round::GRACE_MS
    {
        // The deadline passed a moment ago: finish it now rather than wait for the clock task.
        attempt = store::attempts::finish(&db, &attempt, attempt.deadline_at, "deadline")
            .await
            .map_err(ssr::attempt_error)?;
    }
    if !attempt.finished {
        return Err(fail(AppError::Conflict("Bài thi chưa nộp.".into())));
    }
    let round = store::rounds::get(&db, attempt.round_id)
        .await
        .map_err(store_error)?
        .ok_or_else(|| fail(AppError::NotFound))?;
    let policy = ReviewPolicy::parse(&round.review_policy).unwrap_or(ReviewPolicy::AfterClose);
    let answers_closed = store::rounds::answers_closed(&db, &round, now).await.map_err(store_error)?;
    let used = store::attempts::of_user(&db, round.id, me.id).await.map_err(ssr::attempt_error)?.len();
    let moment = ReviewMoment {
        attempt_finished: attempt.finished,
        attempts_left: now < round.closes_at && used < usize::try_from(round.attempts_allowed).unwrap_or(0),
        answers_closed,
    };
    let review = if policy.allows_review(moment) {
        let items = store::attempts::review(&db, &attempt).await.map_err(ssr::attempt_error)?;
        Some(
            items
                .into_iter()
                .map(|i| ReviewItem {
                    position: i.position,
                    text: i.text,
                    kind: i.kind,
                    options: i.options,
                    chosen: i.chosen,
                    correct: i.correct,
                    explanation: i.explanation,
                    basis: i.basis,
                })
                .collect(),
        )
    } else {
        None
    };
    let review_note = match policy {
        _ if review.is_some() => String::new(),
        ReviewPolicy::Never => "Ban tổ chức không công bố đáp án của vòng thi này.".to_owned(),
        ReviewPolicy::AfterLastSubmit if moment.attempts_left => {
            "Đáp án và giải thích sẽ hiện khi bạn đã dùng hết số lần làm bài hoặc khi vòng thi kết thúc."
                .to_owned()
        }
        _ => format!(
            "Đáp án và giải thích sẽ được công bố sau khi vòng thi kết thúc ({}).",
            domain::time::format_datetime(round.closes_at.timestamp_millis())
        ),
    };
    let submitted = attempt.submitted_at.unwrap_or(attempt.deadline_at);
    Ok(ResultView {
        id,
        round_id: round.id,
        round_name: round.name,
        number: attempt.number,
        correct: attempt.correct.unwrap_or(0),
        total: attempt.question_count,
        duration_ms: attempt.duration_ms.unwrap_or(0),
        submitted_ms: submitted.timestamp_millis(),
        // Finished by the clock, whether the server's or the page's at zero.
        by_deadline: attempt.finished_by.as_deref() == Some("deadline")
            || attempt
                .submitted_at
                .is_some_and(|at| at >= attempt.deadline_at - chrono::Duration::seconds(1)),
        prediction: attempt.prediction,
        review,
        review_note,
    })
}
