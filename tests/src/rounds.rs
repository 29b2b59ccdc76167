//! Driving online rounds through the server functions, as the pages do.

use crate::TestApp;
use anyhow::{Result, bail};
use reqwest::Client;
use serde_json::Value;
use std::time::{SystemTime, UNIX_EPOCH};

pub fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

/// `datetime-local` text `offset_ms` from now, in Vietnam time, with seconds.
pub fn at(offset_ms: i64) -> String {
    let t = now_ms() + offset_ms;
    let s = domain::time::to_input(t);
    format!("{s}:{:02}", (t / 1000 + 7 * 3600).rem_euclid(60))
}

/// Creates a round open now (closing `closes_in_ms` from now) and returns its id.
pub async fn create_round(
    app: &TestApp,
    org: &Client,
    closes_in_ms: i64,
    attempts: &str,
    review: &str,
) -> Result<i32> {
    static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);
    let name = format!("Vòng kiểm thử số {}", COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
    let opens = at(-3_600_000);
    let closes = at(closes_in_ms);
    let form = [
        ("name", name.as_str()),
        ("opens", opens.as_str()),
        ("closes", closes.as_str()),
        ("time_limit_minutes", "15"),
        ("attempts_allowed", attempts),
        ("prediction_enabled", "on"),
        ("review_policy", review),
        ("blueprint[0][topic]", ""),
        ("blueprint[0][difficulty]", "easy"),
        ("blueprint[0][count]", "8"),
        ("blueprint[1][topic]", ""),
        ("blueprint[1][difficulty]", "medium"),
        ("blueprint[1][count]", "8"),
        ("blueprint[2][topic]", ""),
        ("blueprint[2][difficulty]", "hard"),
        ("blueprint[2][count]", "4"),
    ];
    let res = app.call(org, "organizer/round/save", &form).await?;
    if !res.status().is_success() {
        bail!("creating the round failed: {} {}", res.status(), res.text().await?);
    }
    let rounds = app.call(org, "organizer/rounds", &[]).await?.json::<Value>().await?;
    let created = rounds.as_array().and_then(|all| all.iter().find(|r| r["name"] == name.as_str())).cloned();
    Ok(created.and_then(|r| r["id"].as_i64()).unwrap_or(0) as i32)
}

pub async fn start(app: &TestApp, who: &Client, round: i32) -> Result<i64> {
    let res = app.call(who, "contestant/start", &[("round_id", &round.to_string())]).await?;
    if !res.status().is_success() {
        bail!("start failed: {} {}", res.status(), res.text().await?);
    }
    Ok(res.json::<i64>().await?)
}

pub async fn paper(app: &TestApp, who: &Client, attempt: i64) -> Result<Value> {
    Ok(app.call(who, "contestant/attempt", &[("id", &attempt.to_string())]).await?.json::<Value>().await?)
}

pub async fn answer(
    app: &TestApp,
    who: &Client,
    attempt: i64,
    position: i64,
    chosen: &str,
) -> Result<reqwest::Response> {
    app.call(
        who,
        "contestant/answer",
        &[("attempt_id", &attempt.to_string()), ("position", &position.to_string()), ("chosen", chosen)],
    )
    .await
}
