//! Papers as the database holds them, for tests that need to know the keys: answering a paper
//! right or wrong on purpose, and finding a question's code and letters.

use crate::{
    TestApp, TestDb,
    rounds::{answer, start},
};
use anyhow::Result;
use reqwest::{Client, StatusCode};
use sea_orm::{ConnectionTrait, Statement};

/// One question of a paper: position, version id, its key as the contestant saw it, and how
/// many options it has.
pub struct Item {
    pub position: i64,
    pub version: i64,
    pub shown_key: Vec<usize>,
    pub options: usize,
}

pub async fn rows(db: &TestDb, sql: &str) -> Result<Vec<sea_orm::QueryResult>> {
    let conn = db.connect().await?;
    Ok(conn.query_all_raw(Statement::from_string(conn.get_database_backend(), sql.to_owned())).await?)
}

/// The first column of the first row as a number (integer columns of any width; 0 without rows).
pub async fn scalar(db: &TestDb, sql: &str) -> Result<i64> {
    let found = rows(db, sql).await?;
    let Some(row) = found.first() else { return Ok(0) };
    Ok(match row.try_get_by_index::<i64>(0) {
        Ok(n) => n,
        Err(_) => i64::from(row.try_get_by_index::<i32>(0)?),
    })
}

pub async fn paper_items(db: &TestDb, attempt: i64) -> Result<Vec<Item>> {
    let mut items = Vec::new();
    for row in rows(
        db,
        &format!(
            "SELECT q.position, q.question_version_id, q.option_order, v.correct FROM attempt_questions q \
             JOIN question_versions v ON v.id = q.question_version_id WHERE q.attempt_id = {attempt} \
             ORDER BY q.position"
        ),
    )
    .await?
    {
        let position: i32 = row.try_get_by_index(0)?;
        let version: i32 = row.try_get_by_index(1)?;
        let order: Vec<usize> = serde_json::from_str(&row.try_get_by_index::<String>(2)?)?;
        let key: Vec<usize> = serde_json::from_str(&row.try_get_by_index::<String>(3)?)?;
        let mut shown_key: Vec<usize> =
            key.iter().filter_map(|k| order.iter().position(|o| o == k)).collect();
        shown_key.sort_unstable();
        items.push(Item {
            position: i64::from(position),
            version: i64::from(version),
            shown_key,
            options: order.len(),
        });
    }
    Ok(items)
}

pub fn joined(set: &[usize]) -> String {
    set.iter().map(usize::to_string).collect::<Vec<_>>().join(",")
}

/// A displayed option that is not part of the key.
pub fn wrong_choice(item: &Item) -> usize {
    (0..item.options).find(|i| !item.shown_key.contains(i)).unwrap_or(0)
}

/// A contestant who sat a round: their session, the attempt, its paper, and the question they
/// got wrong on purpose (if asked to).
pub struct Sat {
    pub who: Client,
    pub attempt: i64,
    pub items: Vec<Item>,
    pub missed: Option<Item>,
}

/// Signs in contestant `n`, starts the round and answers every question right, except (with
/// `miss_one`) the first question with a single correct option, answered with a wrong one;
/// submits.
pub async fn sit(app: &TestApp, round: i32, n: u32, miss_one: bool) -> Result<Sat> {
    let who = app.signed_in((&format!("thisinh{n:03}@hoithi.test"), "ThiSinh@2017")).await?;
    let attempt = start(app, &who, round).await?;
    let items = paper_items(&app.db, attempt).await?;
    let missed_at = miss_one.then(|| items.iter().position(|i| i.shown_key.len() == 1)).flatten();
    for (index, item) in items.iter().enumerate() {
        let chosen =
            if Some(index) == missed_at { wrong_choice(item).to_string() } else { joined(&item.shown_key) };
        anyhow::ensure!(
            answer(app, &who, attempt, item.position, &chosen).await?.status() == StatusCode::OK,
            "answer refused"
        );
    }
    app.call(&who, "contestant/submit", &[("attempt_id", &attempt.to_string())]).await?;
    let missed = missed_at.map(|index| {
        let item = &items[index];
        Item {
            position: item.position,
            version: item.version,
            shown_key: item.shown_key.clone(),
            options: item.options,
        }
    });
    if miss_one {
        anyhow::ensure!(missed.is_some(), "a paper without a one-answer question");
    }
    Ok(Sat { who, attempt, items, missed })
}

pub async fn code_of(db: &TestDb, version: i64) -> Result<String> {
    let found = rows(
        db,
        &format!(
            "SELECT q.code FROM questions q JOIN question_versions v ON v.question_id = q.id WHERE v.id = {version}"
        ),
    )
    .await?;
    Ok(found.first().map(|r| r.try_get_by_index::<String>(0)).transpose()?.unwrap_or_default())
}

/// The bank's letter of the option a contestant saw at `shown` for `version` in `attempt`.
pub async fn bank_letter(db: &TestDb, attempt: i64, position: i64, shown: usize) -> Result<char> {
    let order: Vec<usize> = serde_json::from_str(
        &rows(
            db,
            &format!("SELECT option_order FROM attempt_questions WHERE attempt_id = {attempt} AND position = {position}"),
        )
        .await?
        .first()
        .map(|r| r.try_get_by_index::<String>(0))
        .transpose()?
        .unwrap_or_default(),
    )?;
    Ok((b'A' + order[shown] as u8) as char)
}
