//! Percentiles, the result table, and the check that nothing acknowledged was lost.

use anyhow::Result;
use sea_orm::{ConnectionTrait, Statement};
use std::{collections::HashMap, time::Duration};

/// The `p` quantile (0..=1) of sorted latencies, in milliseconds.
pub fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

/// One table line: requests, rate over `secs`, p50, p99, max.
pub fn line(step: &str, latencies: &mut [Duration], secs: f64) -> String {
    latencies.sort_unstable();
    format!(
        "{:<8} {:>9} {:>10.1} {:>9.1} {:>9.1} {:>9.1}",
        step,
        latencies.len(),
        latencies.len() as f64 / secs.max(f64::EPSILON),
        percentile(latencies, 0.5),
        percentile(latencies, 0.99),
        percentile(latencies, 1.0)
    )
}

pub fn header() -> String {
    format!("{:<8} {:>9} {:>10} {:>9} {:>9} {:>9}", "step", "requests", "req/s", "p50 ms", "p99 ms", "max ms")
}

/// Counts acknowledged answers (last choice per attempt and position) that are missing or
/// different in the database.
pub async fn lost_answers(database_url: &str, acknowledged: &HashMap<(i64, i32), usize>) -> Result<usize> {
    let db = sea_orm::Database::connect(database_url).await?;
    let backend = db.get_database_backend();
    let mut ids: Vec<i64> = acknowledged.keys().map(|(a, _)| *a).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut lost = 0;
    for chunk in ids.chunks(500) {
        let list = chunk.iter().map(ToString::to_string).collect::<Vec<_>>().join(",");
        let sql = format!(
            "SELECT a.attempt_id, a.position, a.chosen, q.option_order FROM answers a JOIN attempt_questions q \
             ON q.attempt_id = a.attempt_id AND q.position = a.position WHERE a.attempt_id IN ({list})"
        );
        let mut stored: HashMap<(i64, i32), usize> = HashMap::new();
        for row in db.query_all_raw(Statement::from_string(backend, sql)).await? {
            let (a, p): (i64, i32) = (row.try_get_by_index(0)?, row.try_get_by_index(1)?);
            let chosen: Vec<usize> = serde_json::from_str(&row.try_get_by_index::<String>(2)?)?;
            let order: Vec<usize> = serde_json::from_str(&row.try_get_by_index::<String>(3)?)?;
            if let Some(displayed) = chosen.first().and_then(|c| order.iter().position(|o| o == c)) {
                stored.insert((a, p), displayed);
            }
        }
        let wanted = acknowledged.iter().filter(|((a, _), _)| chunk.binary_search(a).is_ok());
        lost += wanted.filter(|(key, choice)| stored.get(key) != Some(choice)).count();
    }
    Ok(lost)
}
