//! Organizers' online rounds: the list with live progress, and the settings form.
// Server functions here take one argument per form field, so the forms work without JavaScript.
#![allow(clippy::too_many_arguments)]

use super::OrganizerNav;
use crate::{
    components::{
        forms::{ActionError, ActionSuccess},
        outcome::outcome,
    },
    error::AppError,
};
use domain::{
    Difficulty,
    contest::round::{Phase, ReviewPolicy},
    text::format_number,
    time::format_datetime,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

const TITLE: &str = "Vòng thi trực tuyến";
const NEW: &str = "Tạo vòng thi";
const NAME: &str = "Tên vòng thi";
const WHEN: &str = "Thời gian";
const STATUS: &str = "Trạng thái";
const PARTICIPANTS: &str = "Người tham gia";
const RUNNING: &str = "Đang làm bài";
const FINISHED: &str = "Lượt đã nộp";
const EMPTY: &str = "Chưa có vòng thi nào.";
const OPENS: &str = "Mở lúc";
const CLOSES: &str = "Kết thúc lúc";
const LIMIT: &str = "Thời gian làm bài (phút)";
const ATTEMPTS: &str = "Số lần được làm";
const PREDICTION: &str = "Có câu hỏi dự đoán số người tham gia";
const REVIEW: &str = "Công bố đáp án, giải thích cho thí sinh";
const UNITS: &str = "Đơn vị được tham gia (không chọn đơn vị nào: tất cả)";
const FREEZE: &str = "Chốt bảng xếp hạng đơn vị trước khi kết thúc (phút, 0: không chốt)";
const BLUEPRINT: &str = "Cơ cấu đề thi";
const BLUEPRINT_HINT: &str = "Mỗi dòng: số câu rút theo chủ đề và mức độ (để “Bất kỳ” nếu không giới hạn). Các dòng được rút lần lượt, không trùng câu.";
const ANY_TOPIC: &str = "Bất kỳ chủ đề";
const ANY_LEVEL: &str = "Bất kỳ mức độ";
const COUNT: &str = "Số câu";
const AVAILABLE: &str = "Câu hỏi đang dùng theo chủ đề và mức độ";
const SAVE: &str = "Lưu vòng thi";
const SAVED: &str = "Đã lưu vòng thi.";
const BACK: &str = "‹ Danh sách vòng thi";
const LOADING: &str = "Đang tải…";

fn phase_label(p: Phase) -> &'static str {
    match p {
        Phase::Upcoming => "Sắp mở",
        Phase::Open => "Đang mở",
        Phase::Closed => "Đã kết thúc",
    }
}

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
        opens: domain::time::to_input(settings.opens_ms),
        closes: domain::time::to_input(settings.closes_ms),
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

#[component]
pub fn RoundsPage() -> impl IntoView {
    // Participants and running attempts change by the second during a round.
    let ticks = crate::components::live_events::refresh_every(std::time::Duration::from_secs(10));
    let rounds = Resource::new(move || ticks.get(), |_| list_rounds());
    view! {
        <Title text=TITLE/>
        <section class="panel" data-testid="rounds-page">
            <h1>{TITLE}</h1>
            <OrganizerNav/>
            <p><a class="btn btn-primary" href="/ban-to-chuc/vong-thi/moi" data-testid="new-round">{NEW}</a></p>
            <Transition fallback=|| view! { <p class="muted">{LOADING}</p> }>
                {move || Suspend::new(async move { outcome(rounds.await, round_table) })}
            </Transition>
        </section>
    }
}

fn round_table(rows: Vec<RoundRow>) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="muted">{EMPTY}</p> }.into_any();
    }
    view! {
        <div class="table-wrap"><table class="table">
            <thead><tr>
                <th>{NAME}</th><th>{WHEN}</th><th>{STATUS}</th>
                <th class="num">{PARTICIPANTS}</th><th class="num">{RUNNING}</th><th class="num">{FINISHED}</th>
            </tr></thead>
            <tbody>{rows.into_iter().map(|r| view! {
                <tr data-testid="round-row">
                    <td><a href=format!("/ban-to-chuc/vong-thi/{}", r.id)>{r.name}</a></td>
                    <td>{format!("{} – {}", format_datetime(r.opens_ms), format_datetime(r.closes_ms))}</td>
                    <td>{phase_label(r.phase)}</td>
                    <td class="num">{format_number(r.participants as i64)}</td>
                    <td class="num">{format_number(r.running as i64)}</td>
                    <td class="num">{format_number(r.finished as i64)}</td>
                </tr>
            }).collect_view()}</tbody>
        </table></div>
    }
    .into_any()
}

#[component]
pub fn RoundEditPage() -> impl IntoView {
    let params = use_params_map();
    let save = ServerAction::<SaveRound>::new();
    let form = Resource::new(
        move || (params.with(|p| p.get("id").and_then(|s| s.parse::<i32>().ok())), save.version().get()),
        |(id, _)| get_round_form(id),
    );
    view! {
        <Title text=TITLE/>
        <section class="panel" data-testid="round-edit-page">
            <OrganizerNav/>
            <p><a href="/ban-to-chuc/vong-thi">{BACK}</a></p>
            <ActionError value=save.value()/>
            <ActionSuccess value=save.value() message=SAVED/>
            <Suspense fallback=|| view! { <p class="muted">{LOADING}</p> }>
                {move || Suspend::new(async move { outcome(form.await, move |f| round_form(f, save)) })}
            </Suspense>
        </section>
    }
}

fn round_form(f: RoundForm, save: ServerAction<SaveRound>) -> impl IntoView {
    let title = if f.id.is_some() { f.name.clone() } else { NEW.to_owned() };
    let topics = f.topics.clone();
    view! {
        <h1>{title}</h1>
        {f.progress.map(|(participants, running, finished)| view! {
            <div class="stats">
                <div class="stat"><strong data-testid="round-participants">{format_number(participants as i64)}</strong><span>{PARTICIPANTS}</span></div>
                <div class="stat"><strong>{format_number(running as i64)}</strong><span>{RUNNING}</span></div>
                <div class="stat"><strong>{format_number(finished as i64)}</strong><span>{FINISHED}</span></div>
            </div>
        })}
        <ActionForm action=save attr:class="form" attr:data-testid="round-form">
            {f.id.map(|id| view! { <input type="hidden" name="id" value=id/> })}
            <label><span>{NAME}</span><input type="text" name="name" required value=f.name.clone() data-testid="round-name"/></label>
            <div class="form-inline">
                <label><span>{OPENS}</span><input type="datetime-local" name="opens" required value=f.opens.clone() data-testid="round-opens"/></label>
                <label><span>{CLOSES}</span><input type="datetime-local" name="closes" required value=f.closes.clone() data-testid="round-closes"/></label>
            </div>
            <div class="form-inline">
                <label><span>{LIMIT}</span><input type="number" name="time_limit_minutes" min="1" max="180" required value=f.time_limit_minutes/></label>
                <label><span>{ATTEMPTS}</span><input type="number" name="attempts_allowed" min="1" max="10" required value=f.attempts_allowed/></label>
                <label>
                    <span>{REVIEW}</span>
                    <select name="review_policy">
                        {ReviewPolicy::ALL.map(|p| view! { <option value=p.as_str() selected=p == f.review_policy>{p.label()}</option> }).into_iter().collect_view()}
                    </select>
                </label>
            </div>
            <label class="check"><input type="checkbox" name="prediction_enabled" value="on" checked=f.prediction_enabled/><span>{PREDICTION}</span></label>
            <label><span>{FREEZE}</span><input type="number" name="freeze_minutes" min="0" value=f.freeze_minutes/></label>
            <h2>{BLUEPRINT}</h2>
            <p class="muted">{BLUEPRINT_HINT}</p>
            {f.blueprint.iter().enumerate().map(|(i, row)| {
                let topics = topics.clone();
                view! {
                    <div class="form-inline blueprint-row">
                        <label><span>"Chủ đề"</span>
                            <select name=format!("blueprint[{i}][topic]")>
                                <option value="">{ANY_TOPIC}</option>
                                {topics.into_iter().map(|(slug, name)| {
                                    let selected = slug == row.topic;
                                    view! { <option value=slug selected=selected>{name}</option> }
                                }).collect_view()}
                            </select>
                        </label>
                        <label><span>"Mức độ"</span>
                            <select name=format!("blueprint[{i}][difficulty]")>
                                <option value="">{ANY_LEVEL}</option>
                                {Difficulty::ALL.map(|d| view! { <option value=d.as_str() selected=d.as_str() == row.difficulty>{d.label()}</option> }).into_iter().collect_view()}
                            </select>
                        </label>
                        <label><span>{COUNT}</span><input type="number" min="0" max="100" name=format!("blueprint[{i}][count]") value=row.count.clone()/></label>
                    </div>
                }
            }).collect_view()}
            <details>
                <summary>{AVAILABLE}</summary>
                <div class="table-wrap"><table class="table">
                    <tbody>{f.available.iter().map(|(t, d, n)| view! { <tr><td>{t.clone()}</td><td>{d.label()}</td><td class="num">{*n}</td></tr> }).collect_view()}</tbody>
                </table></div>
            </details>
            <h2>{UNITS}</h2>
            <div class="unit-checks">
                {f.units.iter().map(|(id, name)| view! {
                    <label class="check"><input type="checkbox" name=format!("units[{id}]") value="on" checked=f.unit_ids.contains(id)/><span>{name.clone()}</span></label>
                }).collect_view()}
            </div>
            <button type="submit" class="btn btn-primary" data-testid="save-round">{SAVE}</button>
        </ActionForm>
    }
}
