//! The contestant's use cases: rounds open to them, starting and resuming an attempt, saving
//! answers and the prediction, submitting, and the result with its review.

use crate::{
    error::AppError,
    service::caller::Contestant,
    ssr::AppState,
    wire::contestant::{AttemptSummary, AttemptView, ResultView, RoundCard},
};
use chrono::Utc;
use domain::contest::round::{GRACE_MS, ReviewMoment, ReviewPolicy, phase};
use std::collections::BTreeMap;

/// The rounds, with the contestant's attempts and whether their unit may take part.
pub async fn my_rounds(state: &AppState, me: &Contestant) -> Result<Vec<RoundCard>, AppError> {
    let db = &state.db;
    let now = Utc::now().timestamp_millis();
    let mut cards = Vec::new();
    for round in store::rounds::list(db).await? {
        let s = store::rounds::settings_of(&round)?;
        let allowed = s.unit_ids.is_empty() || me.user().unit_id.is_some_and(|u| s.unit_ids.contains(&u));
        let attempts = store::attempts::of_user(db, round.id, me.id()).await?;
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

/// Starts an attempt (or resumes the running one); returns its id.
pub async fn start(state: &AppState, me: &Contestant, round_id: i32) -> Result<i64, AppError> {
    let round = store::rounds::get(&state.db, round_id).await?.ok_or(AppError::NotFound)?;
    let attempt =
        store::attempts::start(&state.db, &state.pool, &state.papers, &round, me.user(), Utc::now()).await?;
    tracing::info!(user_id = me.id(), round_id, attempt_id = attempt.id, "attempt started");
    Ok(attempt.id)
}

/// A running attempt's paper (no keys). A finished one is a conflict: the page shows the result.
pub async fn paper(state: &AppState, me: &Contestant, id: i64) -> Result<AttemptView, AppError> {
    let db = &state.db;
    let attempt = store::attempts::owned(db, id, me.id()).await?;
    let now = Utc::now().timestamp_millis();
    let deadline_ms = attempt.deadline_at.timestamp_millis();
    if attempt.finished || now > deadline_ms + GRACE_MS {
        return Err(AppError::Conflict("Bài thi đã kết thúc.".into()));
    }
    let round = store::rounds::get(db, attempt.round_id).await?.ok_or(AppError::NotFound)?;
    let questions = store::attempts::paper(db, &state.papers, &state.versions, &attempt).await?;
    Ok(AttemptView {
        id,
        round_name: round.name,
        number: attempt.number,
        questions,
        deadline_ms,
        remaining_ms: (deadline_ms - now).max(0),
        prediction_enabled: round.prediction_enabled,
        prediction: attempt.prediction,
    })
}

/// The chosen options as sent: displayed positions, comma-separated ("" clears the answer).
pub fn parse_choice(chosen: &str) -> Result<Vec<usize>, AppError> {
    chosen
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| s.trim().parse::<usize>())
        .collect::<Result<_, _>>()
        .map_err(|_| AppError::invalid("Phương án đã chọn không hợp lệ."))
}

/// Saves one answer; returns the server time it was saved (Unix ms).
pub async fn save_answer(
    state: &AppState,
    me: &Contestant,
    attempt_id: i64,
    position: i32,
    chosen: &[usize],
    client: &str,
) -> Result<i64, AppError> {
    let saved = store::attempts::save_answer(
        &state.db,
        &state.papers,
        attempt_id,
        me.id(),
        position,
        chosen,
        Utc::now(),
        client,
    )
    .await?;
    metrics::counter!("hoithi_answers_saved_total").increment(1);
    Ok(saved.timestamp_millis())
}

/// Saves the prediction of the number of participants, typed as "1.234" or "1234".
pub async fn save_prediction(
    state: &AppState,
    me: &Contestant,
    attempt_id: i64,
    value: &str,
) -> Result<(), AppError> {
    let value: i64 = value
        .trim()
        .replace('.', "")
        .parse()
        .map_err(|_| AppError::invalid("Dự đoán phải là số nguyên từ 0 đến 10.000.000."))?;
    Ok(store::attempts::save_prediction(&state.db, attempt_id, me.id(), value, Utc::now()).await?)
}

/// This server's memory of papers and question versions, which finishing an attempt reads.
fn kept(state: &AppState) -> store::attempts::Kept<'_> {
    store::attempts::Kept { papers: &state.papers, versions: &state.versions }
}

/// Submits the attempt.
pub async fn submit(state: &AppState, me: &Contestant, attempt_id: i64) -> Result<(), AppError> {
    let done = store::attempts::submit(&state.db, kept(state), attempt_id, me.id(), Utc::now()).await?;
    tracing::info!(user_id = me.id(), attempt_id, correct = ?done.correct, "attempt submitted");
    Ok(())
}

/// The quiz form posted without JavaScript: every answer on the page, the prediction, and
/// whether the contestant asked (and confirmed) to submit.
#[derive(Debug, Default)]
pub struct QuizForm {
    pub choices: BTreeMap<i32, Vec<usize>>,
    /// Positions of the questions the page showed.
    pub shown: Vec<i32>,
    pub prediction: Option<String>,
    pub submit: bool,
    pub confirmed: bool,
}

/// Where the no-JavaScript quiz goes after a post.
#[derive(Debug, PartialEq, Eq)]
pub enum AfterForm {
    /// The result page: submitted, or the attempt is over.
    Result,
    /// Back to the quiz at this anchor (the first unanswered question, or the submit button).
    Quiz(String),
}

/// Saves a posted quiz form and submits it when asked and confirmed (submitting cannot be
/// undone, so an unconfirmed "Nộp bài" only saves). The same checks as the hydrated quiz.
pub async fn save_form(
    state: &AppState,
    me: &Contestant,
    attempt_id: i64,
    form: QuizForm,
    client: &str,
) -> Result<AfterForm, AppError> {
    for (position, chosen) in &form.choices {
        match save_answer(state, me, attempt_id, *position, chosen, client).await {
            Err(AppError::Conflict(_)) => return Ok(AfterForm::Result),
            other => other?,
        };
    }
    if let Some(p) = &form.prediction {
        match save_prediction(state, me, attempt_id, p).await {
            Ok(()) => {}
            // A round without a prediction question simply ignores the field.
            Err(AppError::Invalid(m)) if m.contains("không có câu hỏi dự đoán") => {}
            Err(AppError::Conflict(_)) => return Ok(AfterForm::Result),
            Err(e) => return Err(e),
        }
    }
    if form.submit && form.confirmed {
        return match submit(state, me, attempt_id).await {
            Ok(()) | Err(AppError::Conflict(_)) => Ok(AfterForm::Result),
            Err(e) => Err(e),
        };
    }
    let anchor = match form.shown.iter().find(|p| !form.choices.contains_key(p)) {
        Some(p) => format!("cau-{p}"),
        None => "nop-bai".to_owned(),
    };
    Ok(AfterForm::Quiz(anchor))
}

/// A finished attempt's result, with the review when the round's policy allows it.
pub async fn result(state: &AppState, me: &Contestant, id: i64) -> Result<ResultView, AppError> {
    let db = &state.db;
    let mut attempt = store::attempts::owned(db, id, me.id()).await?;
    let now = Utc::now();
    if !attempt.finished && now.timestamp_millis() > attempt.deadline_at.timestamp_millis() + GRACE_MS {
        // The deadline passed a moment ago: finish it now rather than wait for the clock task.
        attempt = store::attempts::finish(db, kept(state), &attempt, attempt.deadline_at, "deadline").await?;
    }
    if !attempt.finished {
        return Err(AppError::Conflict("Bài thi chưa nộp.".into()));
    }
    let round = store::rounds::get(db, attempt.round_id).await?.ok_or(AppError::NotFound)?;
    let policy = ReviewPolicy::parse(&round.review_policy).unwrap_or(ReviewPolicy::AfterClose);
    let answers_closed = store::rounds::answers_closed(db, &round, now).await?;
    let used = store::attempts::of_user(db, round.id, me.id()).await?.len();
    let moment = ReviewMoment {
        attempt_finished: attempt.finished,
        attempts_left: now < round.closes_at && used < usize::try_from(round.attempts_allowed).unwrap_or(0),
        answers_closed,
    };
    let review =
        if policy.allows_review(moment) { Some(store::attempts::review(db, &attempt).await?) } else { None };
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
