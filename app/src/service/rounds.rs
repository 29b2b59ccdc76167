//! The rounds use cases.

#[allow(unused_imports)]
use crate::service::caller::*;
#[allow(unused_imports)]
use crate::wire::rounds::*;
use crate::{error::AppError, ssr::AppState};
#[allow(unused_imports)]
use domain::{
    Difficulty, Kind, Role, UnitGroup,
    contest::round::{Phase, ReviewPolicy},
    results::prizes::PrizeCounts,
    stage::rubric::PartRules,
};

pub async fn list_rounds(state: &AppState, _me: &Organizer) -> Result<Vec<RoundRow>, AppError> {
    let db = state.db.clone();
    let now = chrono::Utc::now().timestamp_millis();
    let mut rows = Vec::new();
    for r in store::rounds::list(&db).await? {
        let p = store::rounds::progress(&db, r.id).await?;
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

pub async fn get_round_form(
    state: &AppState,
    _me: &Organizer,
    id: Option<i32>,
) -> Result<RoundForm, AppError> {
    use domain::contest::{draw::Blueprint, round::RoundSettings};
    let db = state.db.clone();
    let (settings, progress) = match id {
        Some(id) => {
            let round = store::rounds::get(&db, id).await?.ok_or(AppError::NotFound)?;
            let p = store::rounds::progress(&db, id).await?;
            (store::rounds::settings_of(&round)?, Some((p.participants, p.running, p.finished)))
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
    let topics = store::questions::topics(&db).await?;
    let topic_ids = store::questions::topic_ids(&db).await?;
    let counts = store::questions::count_active(&db).await?;
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
    let units = store::units::list(&db).await?;
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
        as_of: settings.blueprint.as_of.map(|d| d.to_string()).unwrap_or_default(),
        blueprint,
        topics: topics.into_iter().map(|t| (t.slug, t.name)).collect(),
        units: units.into_iter().map(|u| (u.id, u.name)).collect(),
        available,
        progress,
    })
}

/// The "as of" day typed in a form: empty means any day (questions of every date); a request
/// without the field (a script) gets the rules' default, the end of Quý III 2017.
pub fn parse_as_of(typed: Option<&str>) -> Result<Option<domain::question::LegalDate>, AppError> {
    match typed.map(str::trim) {
        None => Ok(Some(domain::contest::draw::DEFAULT_AS_OF)),
        Some("") => Ok(None),
        Some(day) => domain::question::LegalDate::parse(day).map(Some).ok_or_else(|| {
            AppError::invalid(
                "Ngày tính căn cứ pháp lý không hợp lệ (viết dạng ngày/tháng/năm, ví dụ 30/9/2017).",
            )
        }),
    }
}

/// Creates (no `id`) or updates a round, checking that the bank can fill its blueprint.
/// Returns the id of a round it created.
pub async fn save_round(state: &AppState, by: &Organizer, form: RoundInput) -> Result<Option<i32>, AppError> {
    let RoundInput {
        id,
        name,
        opens,
        closes,
        time_limit_minutes,
        attempts_allowed,
        prediction_enabled,
        review_policy,
        units,
        blueprint,
        freeze_minutes,
        as_of,
    } = form;
    use domain::contest::{
        draw::{Blueprint, BlueprintCell, check_blueprint},
        round::RoundSettings,
    };
    let invalid = |m: &str| AppError::invalid(m);
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
        blueprint: Blueprint { cells, as_of: parse_as_of(as_of.as_deref())? },
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
    .map_err(|e| AppError::Invalid(e.to_string()))?;
    let state = state.clone();
    let pool = store::rounds::candidates(&state.db).await?;
    check_blueprint(&pool, &settings.blueprint).map_err(|e| AppError::Invalid(e.to_string()))?;
    let db = state.db.clone();
    let round = match id {
        Some(id) => store::rounds::update(&db, id, &settings).await,
        None => store::rounds::create(&db, &settings).await,
    }?;
    state.pool.clear();
    tracing::info!(by = by.id(), round_id = round.id, "round saved");
    Ok(id.is_none().then_some(round.id))
}

/// Audit for complaints: draws the attempt's paper again from its stored seed and compares.
pub async fn verify_attempt(state: &AppState, _me: &Organizer, attempt_id: i64) -> Result<bool, AppError> {
    use sea_orm::EntityTrait;
    let db = state.db.clone();
    let attempt =
        store::entity::attempt::Entity::find_by_id(attempt_id).one(&db).await?.ok_or(AppError::NotFound)?;
    store::attempts::verify_paper(&db, &attempt).await.map_err(AppError::from)
}

/// The rounds (open ones first, then upcoming, then past) and the published results; public.
pub async fn get_schedule(state: &AppState) -> Result<Schedule, AppError> {
    let db = state.db.clone();
    let now = chrono::Utc::now().timestamp_millis();
    let mut rounds: Vec<PublicRound> = store::rounds::list(&db)
        .await?
        .into_iter()
        .filter_map(|r| {
            let settings = store::rounds::settings_of(&r).ok()?;
            Some(PublicRound {
                id: r.id,
                phase: domain::contest::round::phase(now, settings.opens_ms, settings.closes_ms),
                questions: settings.blueprint.total(),
                time_limit_secs: settings.time_limit_secs,
                attempts_allowed: settings.attempts_allowed,
                opens_ms: settings.opens_ms,
                closes_ms: settings.closes_ms,
                published: r.results_published,
                name: settings.name,
            })
        })
        .collect();
    let order = |p: Phase| match p {
        Phase::Open => 0,
        Phase::Upcoming => 1,
        Phase::Closed => 2,
    };
    rounds
        .sort_by_key(|r| (order(r.phase), if r.phase == Phase::Closed { -r.closes_ms } else { r.opens_ms }));
    let stage_published = store::results::stage_published(&db).await?;
    Ok(Schedule { rounds, stage_published })
}
