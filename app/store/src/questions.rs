//! The question bank in the database: topics, questions and their versions.

use crate::{
    entity::{question, question_version, topic},
    error::{Result, StoreError},
};
use domain::{Difficulty, Kind, text};
use questions::{LegalBasis, LegalDate, Question, Topic};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};
use std::collections::HashMap;

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
    Ok(Question {
        id: code.to_owned(),
        topic: topic_slug.to_owned(),
        difficulty: Difficulty::parse(&v.difficulty).ok_or_else(|| corrupt("difficulty"))?,
        kind: Kind::parse(&v.kind).ok_or_else(|| corrupt("kind"))?,
        text: v.text.clone(),
        options: serde_json::from_str(&v.options).map_err(|_| corrupt("options"))?,
        correct: serde_json::from_str(&v.correct).map_err(|_| corrupt("correct"))?,
        explanation: v.explanation.clone(),
        basis: LegalBasis {
            document: v.basis_document.clone(),
            date: LegalDate::parse(&v.basis_date).ok_or_else(|| corrupt("basis date"))?,
            article: v.basis_article.clone(),
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
                difficulty: Set(q.difficulty.as_str().to_owned()),
                kind: Set(q.kind.as_str().to_owned()),
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
        difficulty: Set(q.difficulty.as_str().to_owned()),
        kind: Set(q.kind.as_str().to_owned()),
        text: Set(q.text.clone()),
        options: Set(serde_json::to_string(&q.options).unwrap_or_default()),
        correct: Set(serde_json::to_string(&q.correct).unwrap_or_default()),
        explanation: Set(q.explanation.clone()),
        basis_document: Set(q.basis.document.clone()),
        basis_date: Set(q.basis.date.to_string()),
        basis_article: Set(q.basis.article.clone()),
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

/// Filters of the organizers' question list.
#[derive(Debug, Clone, Default)]
pub struct QuestionFilter {
    pub search: Option<String>,
    pub topic: Option<String>,
    pub difficulty: Option<Difficulty>,
    pub retired: Option<bool>,
    pub page: u64,
    pub per_page: u64,
}

/// A question in the list.
#[derive(Debug, Clone)]
pub struct QuestionRow {
    pub code: String,
    pub topic: String,
    pub difficulty: Difficulty,
    pub kind: Kind,
    pub text: String,
    pub retired: bool,
    pub version: i32,
}

/// A page of questions matching `filter` (search ignores case and diacritics), and the total.
pub async fn list(db: &impl ConnectionTrait, filter: &QuestionFilter) -> Result<(Vec<QuestionRow>, u64)> {
    let mut cond = Condition::all();
    if let Some(search) = filter.search.as_deref().map(text::fold).filter(|s| !s.is_empty()) {
        for word in search.split(' ') {
            cond = cond.add(question::Column::SearchKey.contains(word));
        }
    }
    let topics = topic::Entity::find().all(db).await?;
    if let Some(slug) = &filter.topic {
        let id = topics.iter().find(|t| &t.slug == slug).map_or(-1, |t| t.id);
        cond = cond.add(question::Column::TopicId.eq(id));
    }
    if let Some(d) = filter.difficulty {
        cond = cond.add(question::Column::Difficulty.eq(d.as_str()));
    }
    if let Some(r) = filter.retired {
        cond = cond.add(question::Column::Retired.eq(r));
    }
    let query = question::Entity::find().filter(cond);
    let total = query.clone().count(db).await?;
    let per_page = filter.per_page.clamp(1, 200);
    let rows = query
        .order_by_asc(question::Column::Code)
        .offset(filter.page * per_page)
        .limit(per_page)
        .all(db)
        .await?;
    let version_ids: Vec<i32> = rows.iter().map(|r| r.current_version_id).collect();
    let versions: HashMap<i32, question_version::Model> = question_version::Entity::find()
        .filter(question_version::Column::Id.is_in(version_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|v| (v.id, v))
        .collect();
    let rows = rows
        .into_iter()
        .filter_map(|r| {
            let v = versions.get(&r.current_version_id)?;
            Some(QuestionRow {
                topic: topics.iter().find(|t| t.id == r.topic_id).map(|t| t.name.clone()).unwrap_or_default(),
                difficulty: Difficulty::parse(&r.difficulty)?,
                kind: Kind::parse(&r.kind)?,
                text: v.text.clone(),
                retired: r.retired,
                version: v.version,
                code: r.code,
            })
        })
        .collect();
    Ok((rows, total))
}

/// A stored question with its state.
#[derive(Debug, Clone)]
pub struct StoredQuestion {
    pub question: Question,
    pub topic_name: String,
    pub retired: bool,
    pub version: i32,
    pub version_id: i32,
}

pub async fn get(db: &impl ConnectionTrait, code: &str) -> Result<Option<StoredQuestion>> {
    let Some(row) = question::Entity::find().filter(question::Column::Code.eq(code)).one(db).await? else {
        return Ok(None);
    };
    let topic = topic::Entity::find_by_id(row.topic_id).one(db).await?.ok_or(StoreError::NotFound)?;
    let v = question_version::Entity::find_by_id(row.current_version_id)
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok(Some(StoredQuestion {
        question: from_version(&row.code, &topic.slug, &v)?,
        topic_name: topic.name,
        retired: row.retired,
        version: v.version,
        version_id: v.id,
    }))
}

/// Saves an organizer's edit of an existing question as a new version.
pub async fn update(db: &DatabaseConnection, q: &Question, by: i32) -> Result<Saved> {
    if question::Entity::find().filter(question::Column::Code.eq(&q.id)).one(db).await?.is_none() {
        return Err(StoreError::NotFound);
    }
    let txn = db.begin().await?;
    let topic_ids = topic::Entity::find().all(&txn).await?.into_iter().map(|t| (t.slug, t.id)).collect();
    let saved = save(&txn, q, &topic_ids, Some(by)).await?;
    txn.commit().await?;
    Ok(saved)
}

/// Retires a question (never drawn again) or puts it back in use.
pub async fn set_retired(db: &impl ConnectionTrait, code: &str, retired: bool) -> Result<()> {
    let result = question::Entity::update_many()
        .col_expr(question::Column::Retired, retired.into())
        .filter(question::Column::Code.eq(code))
        .exec(db)
        .await?;
    if result.rows_affected == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Every question's current version, by code, with whether it is retired (for export).
pub async fn all_current(db: &impl ConnectionTrait) -> Result<Vec<(Question, bool)>> {
    let topics: HashMap<i32, String> =
        topic::Entity::find().all(db).await?.into_iter().map(|t| (t.id, t.slug)).collect();
    let rows = question::Entity::find().order_by_asc(question::Column::Code).all(db).await?;
    let versions: HashMap<i32, question_version::Model> = question_version::Entity::find()
        .filter(
            question_version::Column::Id.is_in(rows.iter().map(|r| r.current_version_id).collect::<Vec<_>>()),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|v| (v.id, v))
        .collect();
    rows.iter()
        .filter_map(|r| Some((r, versions.get(&r.current_version_id)?, topics.get(&r.topic_id)?)))
        .map(|(r, v, slug)| Ok((from_version(&r.code, slug, v)?, r.retired)))
        .collect()
}

/// Topic slug -> id.
pub async fn topic_ids(db: &impl ConnectionTrait) -> Result<HashMap<String, i32>> {
    Ok(topic::Entity::find().all(db).await?.into_iter().map(|t| (t.slug, t.id)).collect())
}

/// Number of questions in use per topic and difficulty (for round blueprints).
pub async fn count_active(db: &impl ConnectionTrait) -> Result<HashMap<(i32, String), u64>> {
    let rows: Vec<(i32, String, i64)> = question::Entity::find()
        .select_only()
        .column(question::Column::TopicId)
        .column(question::Column::Difficulty)
        .column_as(question::Column::Id.count(), "n")
        .filter(question::Column::Retired.eq(false))
        .group_by(question::Column::TopicId)
        .group_by(question::Column::Difficulty)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(t, d, n)| ((t, d), u64::try_from(n).unwrap_or(0))).collect())
}

/// Item statistics of every question drawn in a finished attempt, by question code.
pub async fn item_stats(
    db: &impl ConnectionTrait,
) -> Result<HashMap<String, domain::contest::items::ItemStats>> {
    use crate::entity::{answer, attempt, attempt_question};
    use domain::contest::{items, scoring};
    let finished: Vec<(i64, Option<i32>)> = attempt::Entity::find()
        .select_only()
        .column(attempt::Column::Id)
        .column(attempt::Column::Correct)
        .filter(attempt::Column::Finished.eq(true))
        .into_tuple()
        .all(db)
        .await?;
    let codes: HashMap<i32, String> =
        question::Entity::find().all(db).await?.into_iter().map(|q| (q.id, q.code)).collect();
    let keys: HashMap<i32, (String, Vec<usize>)> = question_version::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|v| {
            let code = codes.get(&v.question_id)?.clone();
            Some((v.id, (code, serde_json::from_str(&v.correct).ok()?)))
        })
        .collect();
    let mut per_attempt = Vec::with_capacity(finished.len());
    for chunk in finished.chunks(500) {
        let ids: Vec<i64> = chunk.iter().map(|(id, _)| *id).collect();
        let drawn = attempt_question::Entity::find()
            .filter(attempt_question::Column::AttemptId.is_in(ids.clone()))
            .all(db)
            .await?;
        let chosen: HashMap<(i64, i32), Vec<usize>> = answer::Entity::find()
            .filter(answer::Column::AttemptId.is_in(ids))
            .all(db)
            .await?
            .into_iter()
            .filter_map(|a| Some(((a.attempt_id, a.position), serde_json::from_str(&a.chosen).ok()?)))
            .collect();
        let mut by_attempt: HashMap<i64, Vec<(String, bool)>> = HashMap::new();
        for d in drawn {
            let Some((code, correct)) = keys.get(&d.question_version_id) else { continue };
            let right =
                chosen.get(&(d.attempt_id, d.position)).is_some_and(|c| scoring::is_correct(c, correct));
            by_attempt.entry(d.attempt_id).or_default().push((code.clone(), right));
        }
        for (id, score) in chunk {
            per_attempt.push(items::AttemptItems {
                score: u32::try_from(score.unwrap_or(0)).unwrap_or(0),
                items: by_attempt.remove(id).unwrap_or_default(),
            });
        }
    }
    Ok(items::item_stats(&per_attempt))
}
