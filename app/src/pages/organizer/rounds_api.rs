//! Server functions of the organizers' online rounds: the list with progress, the settings
//! form, saving and the paper audit.
// Server functions here take one argument per form field, so the forms work without JavaScript.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use domain::{
    Difficulty,
    contest::round::{Phase, ReviewPolicy},
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A round in the organizers' list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundRow {
    pub id: i32,
    pub name: String,
    pub phase: Phase,
    pub opens_ms: i64,
    pub closes_ms: i64,
    pub participants: u64,
    pub running: u64,
    pub finished: u64,
}

#[server(endpoint = "organizer/rounds")]
pub async fn list_rounds() -> Result<Vec<RoundRow>, AppError> {
    use crate::ssr::{db, require, store_error};
    require(&[domain::Role::Organizer]).await?;
    let db = db()?;
    let now = chrono::Utc::now().timestamp_millis();
    let mut rows = Vec::new();
    for r in store::rounds::list(&db).await.map_err(store_error)? {
        let p = store::rounds::progress(&db, r.id).await.map_err(store_error)?;
        let (opens_ms, closes_ms) = (r.opens_at.timestamp_millis(), r.closes_at.timestamp_millis());
        rows.push(RoundRow {
            id: r.id,
            name: r.name,
            phase: domain::contest::round::phase(now, opens_ms, closes_ms),
            opens_ms,
            closes_ms,
            participants: p.participants,
            running: p.running,
            finished: p.finished,
        });
    }
    Ok(rows)
}

/// One row of the blueprint editor as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlueprintRow {
    pub topic: String,
    pub difficulty: String,
    pub count: String,
}

/// What the settings form needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundForm {
    pub id: Option<i32>,
    pub name: String,
    pub opens: String,
    pub closes: String,
    pub time_limit_minutes: u32,
    pub attempts_allowed: u32,
    pub prediction_enabled: bool,
    pub review_policy: ReviewPolicy,
    pub unit_ids: Vec<i32>,
    pub freeze_minutes: u32,
    pub blueprint: Vec<BlueprintRow>,
    pub topics: Vec<(String, String)>,
    pub units: Vec<(i32, String)>,
    /// (topic name, difficulty, questions in use).
    pub available: Vec<(String, Difficulty, u64)>,
    pub progress: Option<(u64, u64, u64)>,
}

#[server(endpoint = "organizer/round")]
pub async fn get_round_form(id: Option<i32>) -> Result<RoundForm, AppError> {
    use crate::ssr::{db, fail, require, store_error};
    use domain::contest::{draw::Blueprint, round::RoundSettings};
    require(&[domain::Role::Organizer]).await?;
    let db = db()?;
    let (settings, progress) = match id {
        Some(id) => {
            let round = store::rounds::get(&db, id)
                .await
                .map_err(store_error)?
                .ok_or_else(|| fail(AppError::NotFound))?;
            let p = store::rounds::progress(&db, id).await.map_err(store_error)?;
            (
                store::rounds::settings_of(&round).map_err(store_error)?,
                Some((p.participants, p.running, p.finished)),
            )
        }
        None => {
            // Defaults of the contest rules: a week from the next hour, 15 minutes, 3 attempts, 20 questions.
            let now = chrono::Utc::now().timestamp_millis();
            let opens = now - now.rem_euclid(3_600_000) + 3_600_000;
            let settings = RoundSettings {
                name: "Vòng sơ khảo trực tuyến".into(),
                opens_ms: opens,
                closes_ms: opens + 7 * 86_400_000,
                time_limit_secs: 15 * 60,
                attempts_allowed: 3,
                blueprint: Blueprint::default_20(),
                prediction_enabled: true,
                unit_ids: Vec::new(),
                review_policy: ReviewPolicy::AfterClose,
                freeze_minutes: 0,
            };
            (settings, None)
        }
    };
    let topics = store::questions::topics(&db).await.map_err(store_error)?;
    let topic_ids = store::questions::topic_ids(&db).await.map_err(store_error)?;
    let counts = store::questions::count_active(&db).await.map_err(store_error)?;
    let mut available = Vec::new();
    for t in &topics {
        for d in Difficulty::ALL {
            let n = topic_ids
                .get(&t.slug)
                .and_then(|id| counts.get(&(*id, d.as_str().to_owned())))
                .copied()
                .unwrap_or(0);
            available.push((t.name.clone(), d, n));
        }
    }
    let units = store::units::list(&db).await.map_err(store_error)?;
    let mut blueprint: Vec<BlueprintRow> = settings
        .blueprint
        .cells
        .iter()
        .map(|c| BlueprintRow {
            topic: c.topic.clone().unwrap_or_default(),
            difficulty: c.difficulty.map(|d| d.as_str().to_owned()).unwrap_or_default(),
            count: c.count.to_string(),
        })
        .collect();
    // Room for six rows in the editor.
    blueprint.resize(blueprint.len().max(6), BlueprintRow::default());
    Ok(RoundForm {
        id,
        name: settings.name,
        opens: domain::time::to_vietnamese_input(settings.opens_ms),
        closes: domain::time::to_vietnamese_input(settings.closes_ms),
        time_limit_minutes: settings.time_limit_secs / 60,
        attempts_allowed: settings.attempts_allowed,
        prediction_enabled: settings.prediction_enabled,
        review_policy: settings.review_policy,
        unit_ids: settings.unit_ids,
        freeze_minutes: settings.freeze_minutes,
        blueprint,
        topics: topics.into_iter().map(|t| (t.slug, t.name)).collect(),
        units: units.into_iter().map(|u| (u.id, u.name)).collect(),
        available,
        progress,
    })
}

/// Creates (no `id`) or updates a round, checking that the bank can fill its blueprint.
#[server(endpoint = "organizer/round/save")]
pub async fn save_round(
    id: Option<i32>,
    name: String,
    opens: String,
    closes: String,
    time_limit_minutes: String,
    attempts_allowed: String,
    prediction_enabled: Option<String>,
    review_policy: String,
    units: Option<HashMap<String, String>>,
    blueprint: Option<Vec<BlueprintRow>>,
    freeze_minutes: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::{db, fail, require, state, store_error};
    use domain::contest::{
        draw::{Blueprint, BlueprintCell, check_blueprint},
        round::RoundSettings,
    };
    let by = require(&[domain::Role::Organizer]).await?;
    let invalid = |m: &str| fail(AppError::invalid(m));
    let opens_ms = domain::time::parse_input(&opens).ok_or_else(|| invalid("Thời điểm mở không hợp lệ."))?;
    let closes_ms =
        domain::time::parse_input(&closes).ok_or_else(|| invalid("Thời điểm kết thúc không hợp lệ."))?;
    let minutes: u32 =
        time_limit_minutes.trim().parse().map_err(|_| invalid("Thời gian làm bài phải là số phút."))?;
    let attempts: u32 =
        attempts_allowed.trim().parse().map_err(|_| invalid("Số lần làm bài phải là số nguyên."))?;
    let mut cells = Vec::new();
    for row in blueprint.unwrap_or_default() {
        let count: u32 = match row.count.trim() {
            "" | "0" => continue,
            n => n.parse().map_err(|_| invalid("Số câu trong cơ cấu đề phải là số nguyên."))?,
        };
        let difficulty = match row.difficulty.as_str() {
            "" => None,
            d => Some(Difficulty::parse(d).ok_or_else(|| invalid("Mức độ không hợp lệ."))?),
        };
        cells.push(BlueprintCell { topic: Some(row.topic).filter(|t| !t.is_empty()), difficulty, count });
    }
    let settings = RoundSettings {
        name,
        opens_ms,
        closes_ms,
        time_limit_secs: minutes.saturating_mul(60),
        attempts_allowed: attempts,
        blueprint: Blueprint { cells },
        prediction_enabled: prediction_enabled.is_some(),
        unit_ids: units.unwrap_or_default().keys().filter_map(|k| k.parse().ok()).collect(),
        review_policy: ReviewPolicy::parse(&review_policy)
            .ok_or_else(|| invalid("Chế độ công bố đáp án không hợp lệ."))?,
        freeze_minutes: match freeze_minutes.as_deref().map(str::trim) {
            None | Some("") => 0,
            Some(m) => m.parse().map_err(|_| invalid("Thời gian chốt bảng xếp hạng phải là số phút."))?,
        },
    }
    .validate()
    .map_err(|e| fail(AppError::Invalid(e.to_string())))?;
    let state = state()?;
    let pool = store::rounds::candidates(&state.db).await.map_err(store_error)?;
    check_blueprint(&pool, &settings.blueprint).map_err(|e| fail(AppError::Invalid(e.to_string())))?;
    let db = db()?;
    let round = match id {
        Some(id) => store::rounds::update(&db, id, &settings).await,
        None => store::rounds::create(&db, &settings).await,
    }
    .map_err(|e| match e {
        store::StoreError::InUse(_) => {
            fail(AppError::Conflict("Vòng thi đã có người làm bài: không thể đổi cơ cấu đề.".into()))
        }
        other => store_error(other),
    })?;
    state.pool.clear();
    tracing::info!(by = by.id, round_id = round.id, "round saved");
    if id.is_none() {
        leptos_axum::redirect(&format!("/ban-to-chuc/vong-thi/{}", round.id));
    }
    Ok(())
}

/// Audit for complaints: draws the attempt's paper again from its stored seed and compares.
#[server(endpoint = "organizer/attempt/verify")]
pub async fn verify_attempt(attempt_id: i64) -> Result<bool, AppError> {
    use crate::ssr::{db, fail, require, store_error};
    use sea_orm::EntityTrait;
    require(&[domain::Role::Organizer]).await?;
    let db = db()?;
    let attempt = store::entity::attempt::Entity::find_by_id(attempt_id)
        .one(&db)
        .await
        .map_err(|e| store_error(e.into()))?
        .ok_or_else(|| fail(AppError::NotFound))?;
    store::attempts::verify_paper(&db, &attempt)
        .await
        .map_err(crate::pages::contestant::api::ssr::attempt_error)
}
