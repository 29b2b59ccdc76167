//! The question bank in the database: topics, questions and their versions.

use crate::{
    entity::{question, question_version, topic},
    error::{Result, StoreError},
};
use domain::text;
use questions::{LegalBasis, LegalDate, Question, Topic};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder, TransactionTrait,
};
use std::collections::HashMap;
mod browse;
mod stats;

pub use browse::*;
pub use stats::*;

/// All topics, in bank order.
pub async fn topics(db: &impl ConnectionTrait) -> Result<Vec<Topic>> {
    let rows = topic::Entity::find().order_by_asc(topic::Column::Position).all(db).await?;
    Ok(rows.into_iter().map(|t| Topic { slug: t.slug, name: t.name }).collect())
}

/// Creates or renames topics to match `wanted` (by slug); returns slug -> id for all topics.
pub async fn sync_topics(db: &impl ConnectionTrait, wanted: &[Topic]) -> Result<HashMap<String, i32>> {
    let existing = topic::Entity::find().all(db).await?;
    let mut ids: HashMap<String, i32> = existing.iter().map(|t| (t.slug.clone(), t.id)).collect();
    for (position, t) in (0i32..).zip(wanted) {
        match existing.iter().find(|e| e.slug == t.slug) {
            Some(e) if e.name == t.name && e.position == position => {}
            Some(e) => {
                let mut row: topic::ActiveModel = e.clone().into();
                row.name = Set(t.name.clone());
                row.position = Set(position);
                row.update(db).await?;
            }
            None => {
                let row = topic::ActiveModel {
                    slug: Set(t.slug.clone()),
                    name: Set(t.name.clone()),
                    position: Set(position),
                    ..Default::default()
                }
                .insert(db)
                .await?;
                ids.insert(row.slug, row.id);
            }
        }
    }
    Ok(ids)
}

fn search_key(q: &Question) -> String {
    text::fold(&format!("{} {} {} {}", q.id, q.text, q.options.join(" "), q.basis.document))
}

/// Rebuilds a question from a stored version.
pub fn from_version(code: &str, topic_slug: &str, v: &question_version::Model) -> Result<Question> {
    let corrupt = |what: &str| StoreError::Corrupt(format!("question {code} version {}: {what}", v.version));
    let in_force = match &v.basis_in_force {
        Some(d) => Some(LegalDate::parse(d).ok_or_else(|| corrupt("basis in-force date"))?),
        None => None,
    };
    Ok(Question {
        id: code.to_owned(),
        family: v.family.clone(),
        topic: topic_slug.to_owned(),
        difficulty: v.difficulty,
        kind: v.kind,
        text: v.text.clone(),
        options: v.options.0.clone(),
        correct: v.correct.0.clone(),
        explanation: v.explanation.clone(),
        basis: LegalBasis {
            document: v.basis_document.clone(),
            date: LegalDate::parse(&v.basis_date).ok_or_else(|| corrupt("basis date"))?,
            article: v.basis_article.clone(),
            in_force,
        },
    })
}

/// What saving a question did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    Created,
    /// A new version was added.
    Updated,
    Unchanged,
}

/// Saves `q` by its code: a new question, a new version of a changed one, or nothing.
pub async fn save(
    db: &impl ConnectionTrait,
    q: &Question,
    topic_ids: &HashMap<String, i32>,
    by: Option<i32>,
) -> Result<Saved> {
    let topic_id = *topic_ids.get(&q.topic).ok_or(StoreError::NotFound)?;
    let now = chrono::Utc::now();
    let existing = question::Entity::find().filter(question::Column::Code.eq(&q.id)).one(db).await?;
    let (question_id, version, outcome) = match &existing {
        Some(row) => {
            let current = question_version::Entity::find_by_id(row.current_version_id)
                .one(db)
                .await?
                .ok_or_else(|| StoreError::Corrupt(format!("question {} has no current version", q.id)))?;
            let slug = topic_ids
                .iter()
                .find(|(_, id)| **id == row.topic_id)
                .map(|(s, _)| s.clone())
                .unwrap_or_default();
            if from_version(&q.id, &slug, &current).ok().as_ref() == Some(q) {
                return Ok(Saved::Unchanged);
            }
            (row.id, current.version + 1, Saved::Updated)
        }
        None => {
            let row = question::ActiveModel {
                code: Set(q.id.clone()),
                topic_id: Set(topic_id),
                difficulty: Set(q.difficulty),
                kind: Set(q.kind),
                retired: Set(false),
                current_version_id: Set(0),
                search_key: Set(search_key(q)),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?;
            (row.id, 1, Saved::Created)
        }
    };
    let version_row = question_version::ActiveModel {
        question_id: Set(question_id),
        version: Set(version),
        topic_id: Set(topic_id),
        difficulty: Set(q.difficulty),
        kind: Set(q.kind),
        text: Set(q.text.clone()),
        options: Set(crate::json::Json(q.options.clone())),
        correct: Set(crate::json::Json(q.correct.clone())),
        explanation: Set(q.explanation.clone()),
        basis_document: Set(q.basis.document.clone()),
        basis_date: Set(q.basis.date.to_string()),
        basis_article: Set(q.basis.article.clone()),
        basis_in_force: Set(q.basis.in_force.map(|d| d.to_string())),
        family: Set(q.family.clone()),
        created_by: Set(by),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    question::Entity::update_many()
        .col_expr(question::Column::CurrentVersionId, version_row.id.into())
        .col_expr(question::Column::TopicId, topic_id.into())
        .col_expr(question::Column::Difficulty, q.difficulty.as_str().into())
        .col_expr(question::Column::Kind, q.kind.as_str().into())
        .col_expr(question::Column::SearchKey, search_key(q).into())
        .col_expr(question::Column::UpdatedAt, now.into())
        .filter(question::Column::Id.eq(question_id))
        .exec(db)
        .await?;
    Ok(outcome)
}

/// Counts of an import.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
}

/// Imports valid questions in one transaction: all are saved or none. `topics`, when given, are
/// created or renamed first (bank files carry them; spreadsheets use existing topics).
pub async fn import(
    db: &DatabaseConnection,
    topics: Option<&[Topic]>,
    questions: &[Question],
    by: Option<i32>,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<ImportSummary> {
    let txn = db.begin().await?;
    let topic_ids = match topics {
        Some(t) => sync_topics(&txn, t).await?,
        None => topic::Entity::find().all(&txn).await?.into_iter().map(|t| (t.slug, t.id)).collect(),
    };
    let mut summary = ImportSummary::default();
    for (i, q) in questions.iter().enumerate() {
        match save(&txn, q, &topic_ids, by).await? {
            Saved::Created => summary.created += 1,
            Saved::Updated => summary.updated += 1,
            Saved::Unchanged => summary.unchanged += 1,
        }
        progress(i + 1);
    }
    txn.commit().await?;
    Ok(summary)
}
