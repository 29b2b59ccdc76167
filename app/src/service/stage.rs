//! The stage contest's use cases: judges' sheets, parts (rules, lock, publish), unlocks and
//! divergence reviews, the secretary's timers and penalties, teams and the running order, the
//! audit log.

use crate::{
    error::AppError,
    service::caller::{Judge, Organizer, Supervisor, Timekeeper},
    ssr::AppState,
    wire::stage::*,
};
use domain::stage::rubric::PartRules;

/// Tells the stage pages open anywhere (organizers, head judge, secretary) that something
/// changed, so they refetch within a second.
pub async fn changed(state: &AppState) {
    state.events.publish(&state.db, STAGE_TOPIC).await;
}

pub async fn get_judge_home(state: &AppState, me: &Judge) -> Result<JudgeHome, AppError> {
    let db = state.db.clone();
    let teams = store::stage::teams(&db).await?;
    let mine: Vec<i32> = store::stage::assignments(&db)
        .await?
        .into_iter()
        .filter(|(j, _)| *j == me.id())
        .map(|(_, t)| t)
        .collect();
    let mut parts = Vec::new();
    for p in store::stage::parts(&db).await? {
        let mut rows = Vec::new();
        for (t, _) in teams.iter().filter(|(t, _)| mine.contains(&t.id)) {
            let status = store::stage::sheet(&db, p.id, t.id, me.id()).await?.map(|s| s.status);
            rows.push(JudgeTeam { id: t.id, name: store::stage::display_name(t), sheet: status });
        }
        parts.push(JudgePart { id: p.id, name: p.rules.name.clone(), status: p.status, teams: rows });
    }
    Ok(JudgeHome { is_head: me.0.user.is_head_judge, is_reserve: me.0.user.is_reserve_judge, parts })
}

pub async fn get_sheet(
    state: &AppState,
    me: &Judge,
    part_id: i32,
    team_id: i32,
) -> Result<SheetView, AppError> {
    let db = state.db.clone();
    store::stage::check_assigned(&db, me.user(), team_id).await?;
    let part = store::stage::part(&db, part_id).await?;
    let team = store::stage::teams(&db).await?.into_iter().find(|(t, _)| t.id == team_id);
    let sheet = store::stage::sheet(&db, part_id, team_id, me.id()).await?;
    let values: Vec<String> = match &sheet {
        Some(s) => store::stage::sheet_scores(s)
            .iter()
            .map(|v| v.map(|q| q.to_string()).unwrap_or_default())
            .collect(),
        None => vec![String::new(); part.rules.criteria.len()],
    };
    Ok(SheetView {
        part_id,
        part: part.rules.name.clone(),
        team_id,
        team: team.map(|(t, _)| store::stage::display_name(&t)).unwrap_or_default(),
        criteria: part.rules.criteria.iter().map(|c| (c.name.clone(), c.max.to_string())).collect(),
        step: part.rules.step.to_string(),
        values,
        status: sheet.as_ref().map(|s| s.status),
        total: sheet.and_then(|s| s.total_quarters).map(|t| domain::stage::Quarters(t as u32).to_string()),
        part_open: part.status == store::stage::PartStatus::Open,
    })
}

/// Saves a sheet (`submit` = "true" locks it). Scores are typed values ("7,25"), one per criterion.
pub async fn save_sheet(
    state: &AppState,
    me: &Judge,
    part_id: i32,
    team_id: i32,
    scores: Vec<String>,
    submit: Option<String>,
) -> Result<(), AppError> {
    use domain::stage::Quarters;
    let db = state.db.clone();
    let part = store::stage::part(&db, part_id).await?;
    if scores.len() != part.rules.criteria.len() {
        return Err(AppError::invalid("Số điểm không khớp với số tiêu chí của phần thi."));
    }
    let mut values = Vec::with_capacity(scores.len());
    for (typed, criterion) in scores.iter().zip(&part.rules.criteria) {
        if typed.trim().is_empty() {
            values.push(None);
            continue;
        }
        let q = Quarters::parse(typed, criterion.max, part.rules.step)
            .map_err(|e| AppError::Invalid(format!("Tiêu chí “{}”: {e}", criterion.name)))?;
        values.push(Some(q));
    }
    let submit = submit.is_some_and(|s| s == "true");
    store::stage::save_sheet(&db, part_id, team_id, me.user(), &values, submit).await?;
    tracing::info!(judge = me.id(), part_id, team_id, submit, "sheet saved");
    crate::service::stage::changed(state).await;
    Ok(())
}

pub async fn get_part_detail(state: &AppState, _me: &Supervisor, id: i32) -> Result<PartDetail, AppError> {
    let db = state.db.clone();
    let part = store::stage::part(&db, id).await?;
    let teams = store::stage::teams(&db).await?;
    let judges = store::stage::judges(&db).await?;
    let sheets = store::stage::sheets_of_part(&db, id).await?;
    let assignments = store::stage::assignments(&db).await?;
    let cells = assignments
        .iter()
        .map(|(j, t)| {
            let sheet = sheets.iter().find(|s| s.judge_id == *j && s.team_id == *t);
            SheetCell {
                sheet_id: sheet.map(|s| s.id),
                judge: judges.iter().find(|u| u.id == *j).map(|u| u.full_name.clone()).unwrap_or_default(),
                team_id: *t,
                status: sheet.map(|s| s.status),
            }
        })
        .collect();
    let head_unit = judges.iter().find(|j| j.is_head_judge).and_then(|j| j.unit_id);
    let results = store::stage::results(&db, &part)
        .await?
        .into_iter()
        .map(|r| TeamResultRow {
            head_recused: head_unit.is_some()
                && teams.iter().any(|(t, _)| t.id == r.team_id && Some(t.unit_id) == head_unit),
            team: teams
                .iter()
                .find(|(t, _)| t.id == r.team_id)
                .map(|(t, _)| store::stage::display_name(t))
                .unwrap_or_default(),
            team_id: r.team_id,
            totals: r.totals.iter().map(ToString::to_string).collect(),
            score: r.score.map(|s| s.to_string()),
            penalty: r.penalty.to_string(),
            divergent: r.divergent,
            reviewed: r.reviewed,
            submitted: r.totals.len(),
            expected: r.expected,
        })
        .collect();
    Ok(PartDetail { part: part_row(&db, &part).await?, cells, results, has_sheets: !sheets.is_empty() })
}

/// Changes a part's rubric (criteria "Tên: điểm" one per line), step, aggregation, time limit
/// and divergence share; only before any sheet exists.
// One argument per field of the form it serves (the form works without JavaScript).
#[allow(clippy::too_many_arguments)]
pub async fn save_part_rules(
    state: &AppState,
    _me: &Organizer,
    id: i32,
    name: String,
    criteria: String,
    step: String,
    aggregation: String,
    time_limit_minutes: String,
    divergence_percent: String,
) -> Result<(), AppError> {
    use domain::stage::{Quarters, aggregate::Aggregation, rubric::Criterion};
    let invalid = |m: String| AppError::Invalid(m);
    let db = state.db.clone();
    let part = store::stage::part(&db, id).await?;
    let step =
        Quarters::parse(&step, Quarters(400), Quarters(1)).map_err(|e| invalid(format!("Bước điểm: {e}")))?;
    if step.0 == 0 {
        return Err(invalid("Bước điểm phải lớn hơn 0.".into()));
    }
    let mut list = Vec::new();
    for line in criteria.lines().filter(|l| !l.trim().is_empty()) {
        let (n, p) = line.rsplit_once(':').ok_or_else(|| {
            invalid(format!("Dòng “{}”: viết dạng “Tên tiêu chí: điểm tối đa”.", line.trim()))
        })?;
        let max = Quarters::parse(p, Quarters(400), step)
            .map_err(|e| invalid(format!("Tiêu chí “{}”: {e}", n.trim())))?;
        let n = domain::text::clean(n);
        if n.is_empty() || max.0 == 0 {
            return Err(invalid(format!("Dòng “{}”: cần tên và điểm tối đa lớn hơn 0.", line.trim())));
        }
        list.push(Criterion { name: n, max });
    }
    if list.is_empty() {
        return Err(invalid("Cần ít nhất một tiêu chí.".into()));
    }
    let rules = PartRules {
        kind: part.rules.kind,
        name: Some(domain::text::clean(&name)).filter(|n| !n.is_empty()).unwrap_or(part.rules.name),
        criteria: list,
        step,
        aggregation: Aggregation::parse(&aggregation)
            .ok_or_else(|| invalid("Cách tính điểm không hợp lệ.".into()))?,
        time_limit_secs: time_limit_minutes
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|m| (1..=180).contains(m))
            .ok_or_else(|| invalid("Thời gian phải là số phút, từ 1 đến 180.".into()))?
            * 60,
        divergence_percent: divergence_percent
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|p| (1..=100).contains(p))
            .ok_or_else(|| invalid("Ngưỡng chênh lệch phải từ 1 đến 100%.".into()))?,
    };
    store::stage::update_rules(&db, id, &rules).await.map_err(AppError::from)
}

pub async fn lock_part(state: &AppState, me: &Supervisor, id: i32) -> Result<(), AppError> {
    store::stage::lock_part(&state.db.clone(), id, me.id()).await?;
    crate::service::stage::changed(state).await;
    Ok(())
}

pub async fn publish_part(state: &AppState, me: &Organizer, id: i32) -> Result<(), AppError> {
    store::stage::publish_part(&state.db.clone(), id, me.id()).await?;
    crate::service::stage::changed(state).await;
    Ok(())
}

pub async fn unlock_sheet(
    state: &AppState,
    me: &Supervisor,
    sheet_id: i32,
    reason: String,
) -> Result<(), AppError> {
    store::stage::unlock_sheet(&state.db.clone(), sheet_id, me.id(), &reason).await?;
    tracing::info!(by = me.id(), sheet_id, "sheet unlocked");
    crate::service::stage::changed(state).await;
    Ok(())
}

pub async fn review_divergence(
    state: &AppState,
    me: &Supervisor,
    part_id: i32,
    team_id: i32,
    note: String,
) -> Result<(), AppError> {
    let db = state.db.clone();
    // The head judge reviews every team but their own unit's; organizers confirm that one.
    let team = store::stage::teams(&db)
        .await?
        .into_iter()
        .find(|(t, _)| t.id == team_id)
        .ok_or(AppError::NotFound)?
        .0;
    let head_unit =
        store::stage::judges(&db).await?.into_iter().find(|j| j.is_head_judge).and_then(|j| j.unit_id);
    let own_unit = head_unit == Some(team.unit_id);
    match (me.0.current.role, own_unit) {
        (domain::Role::Judge, true) => {
            return Err(AppError::Refused(
                "Trưởng Ban giám khảo không xem xét đội của đơn vị mình; Ban tổ chức xác nhận thay.".into(),
            ));
        }
        (domain::Role::Organizer, false) => {
            return Err(AppError::Refused(
                "Việc xem xét chênh lệch điểm do Trưởng Ban giám khảo thực hiện.".into(),
            ));
        }
        _ => {}
    }
    store::stage::review_divergence(&db, part_id, team_id, me.id(), &note).await?;
    crate::service::stage::changed(state).await;
    Ok(())
}

pub async fn get_secretary_view(
    state: &AppState,
    _me: &Timekeeper,
    part_id: Option<i32>,
) -> Result<SecretaryView, AppError> {
    let db = state.db.clone();
    let parts = store::stage::parts(&db).await?;
    let part = part_id.and_then(|id| parts.iter().find(|p| p.id == id)).or(parts.first()).cloned();
    let Some(part) = part else {
        return Ok(SecretaryView { parts: Vec::new(), part_id: 0, timers: Vec::new() });
    };
    let penalties = store::stage::results(&db, &part).await?;
    let now = chrono::Utc::now();
    let mut timers = Vec::new();
    for (t, _) in store::stage::teams(&db).await? {
        let timer = store::stage::timer(&db, part.id, t.id).await?;
        let p = penalties.iter().find(|r| r.team_id == t.id);
        let reason = penalty_reason(&db, part.id, t.id).await?;
        timers.push(TimerRow {
            team_id: t.id,
            team: store::stage::display_name(&t),
            elapsed_ms: store::stage::elapsed_at(&timer, now),
            state: timer.state,
            limit_secs: part.rules.time_limit_secs,
            penalty: reason.as_ref().and(p.map(|p| p.penalty.to_string())),
            penalty_reason: reason.unwrap_or_default(),
        });
    }
    Ok(SecretaryView {
        parts: parts.iter().map(|p| (p.id, p.rules.name.clone())).collect(),
        part_id: part.id,
        timers,
    })
}

/// start | pause | stop | reset.
pub async fn timer_action(
    state: &AppState,
    me: &Timekeeper,
    part_id: i32,
    team_id: i32,
    action: String,
) -> Result<(), AppError> {
    use store::stage::TimerAction;
    let action = match action.as_str() {
        "start" => TimerAction::Start,
        "pause" => TimerAction::Pause,
        "stop" => TimerAction::Stop,
        "reset" => TimerAction::Reset,
        _ => return Err(AppError::invalid("Thao tác đồng hồ không hợp lệ.")),
    };
    store::stage::timer_action(&state.db.clone(), part_id, team_id, action, me.id(), chrono::Utc::now())
        .await?;
    crate::service::stage::changed(state).await;
    Ok(())
}

/// Corrects a penalty (points to deduct, "0,5") with a reason.
pub async fn correct_penalty(
    state: &AppState,
    me: &Timekeeper,
    part_id: i32,
    team_id: i32,
    deduction: String,
    reason: String,
) -> Result<(), AppError> {
    use domain::stage::{Hundredths, Quarters};
    let q = Quarters::parse(&deduction, Quarters(400), Quarters(2))
        .map_err(|e| AppError::Invalid(format!("Điểm trừ: {e}")))?;
    store::stage::correct_penalty(&state.db.clone(), part_id, team_id, Hundredths::from(q), &reason, me.id())
        .await?;
    crate::service::stage::changed(state).await;
    Ok(())
}

pub async fn get_stage_overview(state: &AppState, _me: &Organizer) -> Result<StageOverview, AppError> {
    let db = state.db.clone();
    let teams = store::stage::teams(&db).await?;
    let mut parts = Vec::new();
    for p in store::stage::parts(&db).await? {
        parts.push(part_row(&db, &p).await?);
    }
    let units = store::units::list(&db).await?;
    let judges = store::stage::judges(&db)
        .await?
        .into_iter()
        .map(|j| {
            let unit = j.unit_id.and_then(|id| units.iter().find(|u| u.id == id)).map(|u| u.name.clone());
            (j.full_name, unit, j.is_head_judge, j.is_reserve_judge)
        })
        .collect();
    Ok(StageOverview {
        teams: teams
            .into_iter()
            .map(|(t, u)| TeamRow {
                id: t.id,
                unit: u.name,
                name: t.name,
                members: t.members.0,
                reserve: t.reserve,
                has_device: t.account_user_id.is_some(),
                running_order: t.running_order,
            })
            .collect(),
        draw: store::results::get_setting(&db, ORDER_DRAW_KEY)
            .await?
            .and_then(|raw| serde_json::from_str(&raw).ok()),
        parts,
        judges,
    })
}

/// Sets the running order by hand: `order[TEAM_ID] = position` (blank: no number).
pub async fn save_running_order(
    state: &AppState,
    me: &Organizer,
    order: Option<std::collections::HashMap<String, String>>,
) -> Result<(), AppError> {
    let db = state.db.clone();
    let teams = store::stage::teams(&db).await?;
    let mut positions = Vec::new();
    for (id, value) in order.unwrap_or_default() {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        let team_id: i32 = id.parse().map_err(|_| AppError::invalid("Đội không hợp lệ."))?;
        if !teams.iter().any(|(t, _)| t.id == team_id) {
            return Err(AppError::invalid("Đội không hợp lệ."));
        }
        let position: u32 = value.parse().map_err(|_| {
            AppError::Invalid(domain::stage::order::OrderError::OutOfRange(teams.len() as u32).to_string())
        })?;
        positions.push((team_id, position));
    }
    domain::stage::order::check(&positions.iter().map(|(_, p)| *p).collect::<Vec<_>>(), teams.len())
        .map_err(|e| AppError::Invalid(e.to_string()))?;
    let order: Vec<(i32, i32)> = positions.into_iter().map(|(t, p)| (t, p as i32)).collect();
    store::stage::set_running_order(&db, &order).await?;
    tracing::info!(by = me.id(), "running order set by hand");
    crate::service::stage::changed(state).await;
    Ok(())
}

/// Draws the running order at random from a fresh seed, which is recorded with who drew it.
pub async fn draw_running_order(state: &AppState, me: &Organizer) -> Result<OrderDraw, AppError> {
    let db = state.db.clone();
    let teams = store::stage::teams(&db).await?;
    let seed = {
        use rand::RngCore;
        rand::rngs::OsRng.next_u64()
    };
    let ids: Vec<i32> = teams.iter().map(|(t, _)| t.id).collect();
    let order: Vec<(i32, i32)> = domain::stage::order::draw(&ids, seed).into_iter().zip(1..).collect();
    store::stage::set_running_order(&db, &order).await?;
    let draw =
        OrderDraw { by: me.0.current.full_name.clone(), at_ms: chrono::Utc::now().timestamp_millis(), seed };
    store::results::put_setting(&db, ORDER_DRAW_KEY, &serde_json::to_string(&draw).unwrap_or_default())
        .await?;
    tracing::info!(by = me.id(), seed, "running order drawn");
    crate::service::stage::changed(state).await;
    Ok(draw)
}

/// Creates a team for every unit that has none.
pub async fn create_teams(state: &AppState, _me: &Organizer) -> Result<usize, AppError> {
    store::stage::ensure_teams(&state.db.clone()).await.map_err(AppError::from)
}

/// Gives every team without one a device account for the live round; returns (team, login,
/// password) for the new ones, shown once.
pub async fn create_team_accounts(
    state: &AppState,
    by: &Organizer,
) -> Result<Vec<(String, String, String)>, AppError> {
    let db = state.db.clone();
    let mut created = Vec::new();
    for (team, unit) in store::stage::teams(&db).await? {
        if team.account_user_id.is_some() {
            continue;
        }
        let login = format!("doi{:02}", team.id);
        let password = store::roster::generate_password();
        let secret = domain::Password::parse(password.clone())?;
        let hash = store::password::hash(&secret).await?;
        let name = domain::FullName::parse(&format!("Đội {}", unit.name))
            .or_else(|_| domain::FullName::parse("Đội thi"))?;
        let user = store::accounts::create(
            &db,
            store::accounts::NewUser {
                login: login.clone(),
                full_name: name,
                role: domain::Role::Team,
                unit_id: Some(unit.id),
                is_head_judge: false,
                is_reserve_judge: false,
                password_hash: hash,
            },
        )
        .await?;
        store::stage::set_team_account(&db, team.id, user.id).await?;
        created.push((team.name, login, password));
    }
    tracing::info!(by = by.id(), created = created.len(), "team device accounts created");
    Ok(created)
}

/// Updates a team: name, official members (one per line, at most 5) and the reserve.
pub async fn save_team(
    state: &AppState,
    _me: &Organizer,
    id: i32,
    name: String,
    members: String,
    reserve: String,
) -> Result<(), AppError> {
    let name = domain::text::clean(&name);
    if name.is_empty() {
        return Err(AppError::invalid("Tên đội không được để trống."));
    }
    let members: Vec<String> = members.lines().map(domain::text::clean).filter(|m| !m.is_empty()).collect();
    if members.len() > 5 {
        return Err(AppError::invalid("Đội thi có tối đa 5 thành viên chính thức (và 1 dự bị)."));
    }
    store::stage::update_team(&state.db.clone(), id, &name, &members, &domain::text::clean(&reserve))
        .await
        .map_err(AppError::from)
}

pub async fn audit_log(state: &AppState, _me: &Organizer) -> Result<Vec<AuditRow>, AppError> {
    audit_rows(&state.db.clone()).await
}

async fn penalty_reason(
    db: &sea_orm::DatabaseConnection,
    part_id: i32,
    team_id: i32,
) -> Result<Option<String>, AppError> {
    use sea_orm::EntityTrait;
    store::entity::penalty::Entity::find_by_id((part_id, team_id))
        .one(db)
        .await
        .map(|p| p.map(|p| p.reason))
        .map_err(AppError::from)
}

pub async fn part_row(
    db: &sea_orm::DatabaseConnection,
    part: &store::stage::Part,
) -> Result<PartRow, AppError> {
    let results = store::stage::results(db, part).await?;
    Ok(PartRow {
        id: part.id,
        rules: part.rules.clone(),
        status: part.status,
        submitted: results.iter().map(|r| r.totals.len()).sum(),
        expected: results.iter().map(|r| r.expected).sum(),
        unreviewed: results.iter().filter(|r| r.divergent && !r.reviewed).count(),
    })
}

/// Where the last draw of the running order is recorded.
const ORDER_DRAW_KEY: &str = "running_order_draw";

/// The audit log with names, newest first (also used by the CSV export).
pub async fn audit_rows(db: &sea_orm::DatabaseConnection) -> Result<Vec<AuditRow>, AppError> {
    use sea_orm::EntityTrait;
    let log = store::stage::audit_log(db).await?;
    let users: std::collections::HashMap<i32, String> =
        store::entity::user::Entity::find().all(db).await?.into_iter().map(|u| (u.id, u.full_name)).collect();
    let parts = store::stage::parts(db).await?;
    let teams = store::stage::teams(db).await?;
    Ok(log
        .into_iter()
        .map(|a| AuditRow {
            at_ms: a.at.timestamp_millis(),
            by: users.get(&a.by_user).cloned().unwrap_or_default(),
            part: parts.iter().find(|p| p.id == a.part_id).map(|p| p.rules.name.clone()).unwrap_or_default(),
            team: teams
                .iter()
                .find(|(t, _)| t.id == a.team_id)
                .map(|(t, _)| t.name.clone())
                .unwrap_or_default(),
            judge: a.judge_id.and_then(|j| users.get(&j).cloned()).unwrap_or_default(),
            action: action_label(&a.action).to_owned(),
            field: a.field.unwrap_or_default(),
            old: a.old_value.unwrap_or_default(),
            new: a.new_value.unwrap_or_default(),
            reason: a.reason.unwrap_or_default(),
        })
        .collect())
}
