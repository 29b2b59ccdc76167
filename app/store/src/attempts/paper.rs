//! Papers as contestants see them (no keys), reviews with keys, and the seed audit.

use super::*;
use crate::{
    entity::{answer, attempt, attempt_question, question_version},
    error::StoreError,
    rounds,
};
pub use domain::contest::paper::{PaperQuestion, ReviewItem};
use domain::contest::{correction::Outcome, draw};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// A drawn question with its version and the order its options were shown in.
pub(super) struct Drawn {
    pub(super) position: i32,
    pub(super) version: question_version::Model,
    pub(super) order: Vec<usize>,
}

pub(super) async fn drawn(db: &impl ConnectionTrait, attempt_id: i64) -> Result<Vec<Drawn>> {
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
            Ok(Drawn { position: r.position, order: r.option_order.0, version })
        })
        .collect()
}

/// The drawn questions of `attempt_ids` and their saved answers (original option indexes, by
/// attempt and position), in two queries: for work over many attempts at once.
pub async fn papers_and_answers(
    db: &impl ConnectionTrait,
    attempt_ids: Vec<i64>,
) -> std::result::Result<(Vec<attempt_question::Model>, HashMap<(i64, i32), Vec<usize>>), sea_orm::DbErr> {
    let drawn = attempt_question::Entity::find()
        .filter(attempt_question::Column::AttemptId.is_in(attempt_ids.clone()))
        .all(db)
        .await?;
    let saved = answer::Entity::find()
        .filter(answer::Column::AttemptId.is_in(attempt_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| ((a.attempt_id, a.position), a.chosen.0))
        .collect();
    Ok((drawn, saved))
}

pub(super) async fn answers(db: &impl ConnectionTrait, attempt_id: i64) -> Result<HashMap<i32, Vec<usize>>> {
    answer::Entity::find()
        .filter(answer::Column::AttemptId.eq(attempt_id))
        .all(db)
        .await?
        .into_iter()
        .map(|a| Ok((a.position, a.chosen.0)))
        .collect()
}

fn displayed(original: &[usize], order: &[usize]) -> Vec<usize> {
    let mut out: Vec<usize> = original.iter().filter_map(|o| order.iter().position(|x| x == o)).collect();
    out.sort_unstable();
    out
}

/// The paper of an attempt, with the answers saved so far: one read (the answers) once the
/// paper's facts and its question versions are in this process's caches.
pub async fn paper(
    db: &impl ConnectionTrait,
    papers: &PaperCache,
    versions: &VersionCache,
    attempt: &attempt::Model,
) -> Result<Vec<PaperQuestion>> {
    let facts = papers.get(db, attempt.id).await?;
    let ids: Vec<i32> = facts.positions().map(|(_, id, _)| id).collect();
    let texts = versions.get_many(db, &ids).await?;
    let saved = answers(db, attempt.id).await?;
    facts
        .positions()
        .map(|(position, id, order)| {
            let version = texts
                .get(&id)
                .ok_or_else(|| AttemptError::Store(StoreError::Corrupt(format!("version {id} missing"))))?;
            Ok(PaperQuestion {
                position,
                text: version.text.clone(),
                kind: version.kind,
                options: order.iter().filter_map(|i| version.options.0.get(*i).cloned()).collect(),
                chosen: saved.get(&position).map(|c| displayed(c, order)).unwrap_or_default(),
            })
        })
        .collect()
}

/// The review of an attempt: options in the order the contestant saw them, with the key. Only
/// call once the round's policy allows it.
pub async fn review(db: &impl ConnectionTrait, attempt: &attempt::Model) -> Result<Vec<ReviewItem>> {
    let saved = answers(db, attempt.id).await?;
    let drawn = drawn(db, attempt.id).await?;
    let versions: Vec<i32> = drawn.iter().map(|d| d.version.id).collect();
    let corrections = crate::corrections::in_force(db, &versions).await?;
    drawn
        .into_iter()
        .map(|d| {
            let options: Vec<String> = d.version.options.0.clone();
            let correction = corrections.get(&d.version.id);
            let correct: Vec<usize> = match correction {
                Some(c) => c.correction.0.key(&d.version.correct.0),
                None => d.version.correct.0.clone(),
            };
            let outcome = domain::contest::correction::outcome(
                saved.get(&d.position).map(Vec::as_slice),
                &d.version.correct.0,
                correction.map(|c| &c.correction.0),
            );
            let note = correction.map(|c| {
                format!(
                    "Chấm lại lúc {}: {}. Lý do: {}",
                    domain::time::format_datetime(c.at.timestamp_millis()),
                    c.correction.0.label_displayed(&d.order),
                    c.reason
                )
            });
            let basis = match &d.version.basis_article {
                Some(article) => {
                    format!("{article}, {} ngày {}", d.version.basis_document, d.version.basis_date)
                }
                None => format!("{} ngày {}", d.version.basis_document, d.version.basis_date),
            };
            Ok(ReviewItem {
                position: d.position,
                text: d.version.text.clone(),
                kind: d.version.kind,
                options: d.order.iter().filter_map(|i| options.get(*i).cloned()).collect(),
                chosen: saved.get(&d.position).map(|c| displayed(c, &d.order)).unwrap_or_default(),
                correct: displayed(&correct, &d.order),
                explanation: d.version.explanation.clone(),
                basis,
                right: outcome == Outcome::Right,
                counted: outcome != Outcome::Removed,
                note,
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
