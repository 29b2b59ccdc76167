//! The organizers' view of the bank: listing and searching, one question, edits, retiring,
//! the export.

use super::*;
use crate::{
    entity::{question, question_version, topic},
    error::{Result, StoreError},
};
use domain::{Difficulty, text};
use questions::Question;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, TransactionTrait,
};
use std::collections::HashMap;

/// Filters of the organizers' question list.
#[derive(Debug, Clone, Default)]
pub struct QuestionFilter {
    /// Folded words that must all occur ([`domain::text::search_terms`]).
    pub search: Vec<String>,
    pub topic: Option<String>,
    pub difficulty: Option<Difficulty>,
    pub retired: Option<bool>,
    pub page: u64,
    pub per_page: u64,
}

pub use domain::question::QuestionRow;

/// A page of questions matching `filter` (search ignores case and diacritics), and the total.
pub async fn list(db: &impl ConnectionTrait, filter: &QuestionFilter) -> Result<(Vec<QuestionRow>, u64)> {
    let mut cond = Condition::all();
    for word in &filter.search {
        let pattern = sea_orm::sea_query::LikeExpr::new(text::like_contains(word)).escape('\\');
        cond = cond.add(question::Column::SearchKey.like(pattern));
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
        .offset(filter.page.saturating_mul(per_page).min(i64::MAX as u64))
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
                difficulty: r.difficulty,
                kind: r.kind,
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
