//! Counts of the bank for round blueprints, and item statistics from finished attempts.

use crate::{
    entity::{question, question_version, topic},
    error::Result,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use std::collections::HashMap;

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
    use crate::entity::attempt;
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
            Some((v.id, (code, v.correct.0)))
        })
        .collect();
    let mut per_attempt = Vec::with_capacity(finished.len());
    for chunk in finished.chunks(500) {
        let ids: Vec<i64> = chunk.iter().map(|(id, _)| *id).collect();
        let (drawn, chosen) = crate::attempts::papers_and_answers(db, ids).await?;
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
