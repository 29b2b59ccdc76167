//! The questions use cases.

#[allow(unused_imports)]
use crate::service::caller::*;
#[allow(unused_imports)]
use crate::wire::questions::*;
use crate::{error::AppError, ssr::AppState};
use domain::contest::items::{MIN_ANSWERS, MIN_GROUP_ANSWERS};
#[allow(unused_imports)]
use domain::{
    Difficulty, Kind, Role, UnitGroup,
    contest::round::{Phase, ReviewPolicy},
    results::prizes::PrizeCounts,
    stage::rubric::PartRules,
};

#[allow(clippy::too_many_arguments)]
pub async fn list_questions(
    state: &AppState,
    _me: &Organizer,
    session: &tower_sessions::Session,
    q: Option<String>,
    topic: Option<String>,
    difficulty: Option<String>,
    status: Option<String>,
    page: Option<u64>,
) -> Result<QuestionList, AppError> {
    use domain::text::search_terms;
    let db = state.db.clone();
    let page = page.unwrap_or(0).min(crate::ssr::MAX_PAGE);
    let filter = store::questions::QuestionFilter {
        search: search_terms(q.as_deref().unwrap_or_default())
            .map_err(|e| AppError::invalid(e.to_string()))?,
        topic: topic.filter(|t| !t.is_empty()),
        difficulty: difficulty.as_deref().and_then(Difficulty::parse),
        retired: match status.as_deref() {
            Some("active") => Some(false),
            Some("retired") => Some(true),
            _ => None,
        },
        page,
        per_page: PER_PAGE,
    };
    let (rows, total) = store::questions::list(&db, &filter).await?;
    let topics = store::questions::topics(&db).await?;
    let last_import =
        session.remove::<QuestionImportOutcome>(QUESTION_IMPORT_KEY).await.map_err(|_| AppError::Internal)?;
    Ok(QuestionList {
        rows,
        total,
        page,
        topics: topics.into_iter().map(|t| TopicChoice { slug: t.slug, name: t.name }).collect(),
        last_import,
    })
}

pub async fn get_question(
    state: &AppState,
    _me: &Organizer,
    code: String,
) -> Result<QuestionDetail, AppError> {
    let db = state.db.clone();
    let stored = store::questions::get(&db, &code).await?.ok_or(AppError::NotFound)?;
    let topics = store::questions::topics(&db).await?;
    let q = stored.question;
    Ok(QuestionDetail {
        answer: q.answer_letters(),
        basis: q.basis.to_string(),
        basis_date: q.basis.date.to_string(),
        basis_article: q.basis.article.clone().unwrap_or_default(),
        basis_in_force: q.basis.in_force.map(|d| d.to_string()).unwrap_or_default(),
        family: q.family.unwrap_or_default(),
        basis_document: q.basis.document,
        code: q.id,
        topic: q.topic,
        topic_name: stored.topic_name,
        difficulty: q.difficulty,
        kind: q.kind,
        text: q.text,
        options: q.options,
        correct: q.correct,
        explanation: q.explanation,
        retired: stored.retired,
        version: stored.version,
        topics: topics.into_iter().map(|t| TopicChoice { slug: t.slug, name: t.name }).collect(),
    })
}

/// Validates an edit with the bank's rules and saves it as a new version.
// One argument per field of the form it serves (the form works without JavaScript).
#[allow(clippy::too_many_arguments)]
pub async fn save_question(
    state: &AppState,
    by: &Organizer,
    code: String,
    topic: String,
    difficulty: String,
    kind: String,
    text: String,
    option_a: String,
    option_b: String,
    option_c: String,
    option_d: String,
    option_e: String,
    option_f: String,
    answer: String,
    explanation: String,
    basis_document: String,
    basis_date: String,
    basis_article: String,
    basis_in_force: Option<String>,
    family: Option<String>,
) -> Result<(), AppError> {
    let db = state.db.clone();
    let topics = store::questions::topics(&db).await?;
    let draft = questions::QuestionDraft {
        id: code,
        topic,
        difficulty,
        kind,
        text,
        options: vec![option_a, option_b, option_c, option_d, option_e, option_f],
        answer,
        explanation,
        basis_document,
        basis_date,
        basis_article,
        basis_in_force: basis_in_force.unwrap_or_default(),
        family: family.unwrap_or_default(),
    };
    let question = draft.validate(&topics).map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(|e| format!("{}: {}", e.field.label(), e.error)).collect();
        AppError::Invalid(lines.join("\n"))
    })?;
    let saved = store::questions::update(&db, &question, by.id()).await?;
    tracing::info!(by = by.id(), code = %question.id, ?saved, "question edited");
    Ok(())
}

pub async fn set_question_retired(
    state: &AppState,
    by: &Organizer,
    code: String,
    retired: bool,
) -> Result<(), AppError> {
    store::questions::set_retired(&state.db.clone(), &code, retired).await?;
    tracing::info!(by = by.id(), %code, retired, "question status changed");
    Ok(())
}

pub async fn question_stats(state: &AppState, _me: &Organizer) -> Result<Vec<ItemRow>, AppError> {
    let db = state.db.clone();
    let stats = store::questions::item_stats(&db).await?;
    let mut rows = Vec::with_capacity(stats.len());
    for (code, s) in stats {
        let text = store::questions::get(&db, &code).await?.map(|q| q.question.text).unwrap_or_default();
        rows.push(ItemRow {
            code,
            text,
            answered: s.answered,
            difficulty: s.difficulty,
            discrimination: s.discrimination,
            upper_correct: s.upper_correct,
            upper_n: s.upper_n,
            lower_n: s.lower_n,
            enough: s.answered >= MIN_ANSWERS
                && s.upper_n >= MIN_GROUP_ANSWERS
                && s.lower_n >= MIN_GROUP_ANSWERS,
            flagged: s.flagged,
        });
    }
    rows.sort_by(|a, b| {
        b.flagged
            .cmp(&a.flagged)
            .then(a.discrimination.total_cmp(&b.discrimination))
            .then(a.code.cmp(&b.code))
    });
    Ok(rows)
}

/// Imports an uploaded spreadsheet of questions (all or nothing: every bad row is listed) and
/// keeps the outcome in `session`, shown once by the bank's page.
pub async fn import_sheet(
    state: &AppState,
    me: &Organizer,
    session: &tower_sessions::Session,
    file: String,
    bytes: &[u8],
) -> Result<(), AppError> {
    let topics = store::questions::topics(&state.db).await?;
    let checked = store::sheet::read_off_runtime(&file, bytes)
        .await
        .map_err(|e| (e.to_string(), Vec::new()))
        .and_then(|tables| {
            questions::table::questions_from_tables(&tables, &topics).map_err(|problems| {
                let message = format!("Có {} lỗi; chưa nhập câu hỏi nào.", problems.len());
                (message, problems.into_iter().map(|p| (p.location, p.message)).collect())
            })
        });
    let outcome = match checked {
        Ok(questions) => {
            let s = store::questions::import(&state.db, None, &questions, Some(me.id()), &|_| {}).await?;
            state.pool.clear();
            tracing::info!(
                by = me.id(),
                created = s.created,
                updated = s.updated,
                "question spreadsheet imported"
            );
            QuestionImportOutcome::Imported {
                file,
                created: s.created,
                updated: s.updated,
                unchanged: s.unchanged,
            }
        }
        Err((message, problems)) => {
            tracing::info!(by = me.id(), problems = problems.len(), "question spreadsheet rejected");
            QuestionImportOutcome::Rejected { file, message, problems }
        }
    };
    session.insert(QUESTION_IMPORT_KEY, outcome).await.map_err(|e| {
        tracing::error!(error = %e, "saving the upload outcome in the session failed");
        AppError::Internal
    })
}

/// The whole bank for the export: topics, and every question's current version with whether it
/// is retired.
pub async fn bank(
    state: &AppState,
    _me: &Organizer,
) -> Result<(Vec<questions::Topic>, Vec<(questions::Question, bool)>), AppError> {
    Ok((store::questions::topics(&state.db).await?, store::questions::all_current(&state.db).await?))
}
