//! Server functions of the stage contest: teams, parts, sheets, reviews, timers, penalties.

use crate::error::AppError;
use domain::stage::rubric::PartRules;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The event topic of every change to the stage contest.
pub const STAGE_TOPIC: &str = "stage";

/// Where stage pages listen for changes.
pub const STAGE_EVENTS_URL: &str = "/su-kien/san-khau";

/// A team as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamRow {
    pub id: i32,
    pub unit: String,
    pub name: String,
    pub members: Vec<String>,
    pub reserve: String,
    pub has_device: bool,
}

/// A part with its progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartRow {
    pub id: i32,
    pub rules: PartRules,
    pub status: String,
    pub submitted: usize,
    pub expected: usize,
    pub unreviewed: usize,
}

/// Everything of the organizers' stage page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageOverview {
    pub teams: Vec<TeamRow>,
    pub parts: Vec<PartRow>,
    pub judges: Vec<(String, Option<String>, bool, bool)>,
}

/// One cell of the progress matrix: a judge's sheet for a team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetCell {
    pub sheet_id: Option<i32>,
    pub judge: String,
    pub team_id: i32,
    /// "missing", "draft" or "submitted".
    pub status: String,
}

/// A team's result in a part, for organizers (and the head judge's review).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamResultRow {
    pub team_id: i32,
    pub team: String,
    pub totals: Vec<String>,
    pub score: Option<String>,
    pub penalty: String,
    pub divergent: bool,
    pub reviewed: bool,
    pub submitted: usize,
    pub expected: usize,
    /// The team is of the head judge's own unit: organizers confirm its divergence review.
    pub head_recused: bool,
}

/// A part in detail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartDetail {
    pub part: PartRow,
    pub cells: Vec<SheetCell>,
    pub results: Vec<TeamResultRow>,
    pub has_sheets: bool,
}

/// A judge's view of a part: the teams they score and their sheets' status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JudgePart {
    pub id: i32,
    pub name: String,
    pub status: String,
    pub teams: Vec<(i32, String, String)>,
}

/// The judge's page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JudgeHome {
    pub is_head: bool,
    pub is_reserve: bool,
    pub parts: Vec<JudgePart>,
}

/// A sheet as its judge sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetView {
    pub part_id: i32,
    pub part: String,
    pub team_id: i32,
    pub team: String,
    pub criteria: Vec<(String, String)>,
    pub step: String,
    pub values: Vec<String>,
    pub status: String,
    pub total: Option<String>,
    pub part_open: bool,
}

/// A team's timer and penalty, for the secretary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimerRow {
    pub team_id: i32,
    pub team: String,
    pub state: String,
    pub elapsed_ms: i64,
    pub limit_secs: u32,
    pub penalty: Option<String>,
    pub penalty_reason: String,
}

/// The secretary's page for one part.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SecretaryView {
    pub parts: Vec<(i32, String)>,
    pub part_id: i32,
    pub timers: Vec<TimerRow>,
}

/// An audit entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    pub at_ms: i64,
    pub by: String,
    pub part: String,
    pub team: String,
    pub judge: String,
    pub action: String,
    pub field: String,
    pub old: String,
    pub new: String,
    pub reason: String,
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use crate::{error::AppError, ssr::fail};
    use store::stage::StageError;

    pub fn stage_error(e: StageError) -> AppError {
        let message = e.to_string();
        fail(match e {
            StageError::NotFound => AppError::NotFound,
            StageError::Recused | StageError::NotAssigned => AppError::Refused(message),
            StageError::Points { .. }
            | StageError::MissingReason
            | StageError::Incomplete
            | StageError::WrongShape => AppError::Invalid(message),
            StageError::Store(e) => return crate::ssr::store_error(e),
            _ => AppError::Conflict(message),
        })
    }

    /// The signed-in judge's account row.
    pub async fn judge() -> Result<store::entity::user::Model, AppError> {
        let me = crate::ssr::require(&[domain::Role::Judge]).await?;
        store::accounts::find_by_id(&crate::ssr::db()?, me.id)
            .await
            .map_err(crate::ssr::store_error)?
            .ok_or_else(|| fail(AppError::Unauthorized))
    }

    /// The head judge or an organizer.
    pub async fn head_or_organizer() -> Result<crate::auth::CurrentUser, AppError> {
        let me = crate::ssr::require(&[domain::Role::Judge, domain::Role::Organizer]).await?;
        if me.role == domain::Role::Judge && !me.is_head_judge {
            return Err(fail(AppError::Forbidden));
        }
        Ok(me)
    }

    /// Tells the stage pages open anywhere (organizers, head judge, secretary) that something
    /// changed, so they refetch within a second.
    pub async fn changed() {
        if let Ok(state) = crate::ssr::state() {
            state.events.publish(&state.db, super::STAGE_TOPIC).await;
        }
    }

    pub fn status_label(s: store::stage::PartStatus) -> String {
        s.as_str().to_owned()
    }
}

#[cfg(feature = "ssr")]
async fn part_row(db: &sea_orm::DatabaseConnection, part: &store::stage::Part) -> Result<PartRow, AppError> {
    let results = store::stage::results(db, part).await.map_err(ssr::stage_error)?;
    Ok(PartRow {
        id: part.id,
        rules: part.rules.clone(),
        status: ssr::status_label(part.status),
        submitted: results.iter().map(|r| r.totals.len()).sum(),
        expected: results.iter().map(|r| r.expected).sum(),
        unreviewed: results.iter().filter(|r| r.divergent && !r.reviewed).count(),
    })
}

#[server(endpoint = "stage/overview")]
pub async fn get_stage_overview() -> Result<StageOverview, AppError> {
    use crate::ssr::{db, require, store_error};
    require(&[domain::Role::Organizer]).await?;
    let db = db()?;
    let teams = store::stage::teams(&db).await.map_err(ssr::stage_error)?;
    let mut parts = Vec::new();
    for p in store::stage::parts(&db).await.map_err(ssr::stage_error)? {
        parts.push(part_row(&db, &p).await?);
    }
    let units = store::units::list(&db).await.map_err(store_error)?;
    let judges = store::stage::judges(&db)
        .await
        .map_err(ssr::stage_error)?
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
                members: serde_json::from_str(&t.members).unwrap_or_default(),
                reserve: t.reserve,
                has_device: t.account_user_id.is_some(),
            })
            .collect(),
        parts,
        judges,
    })
}

/// Creates a team for every unit that has none.
#[server(endpoint = "stage/teams/create")]
pub async fn create_teams() -> Result<usize, AppError> {
    use crate::ssr::{db, require};
    require(&[domain::Role::Organizer]).await?;
    store::stage::ensure_teams(&db()?).await.map_err(ssr::stage_error)
}

/// Gives every team without one a device account for the live round; returns (team, login,
/// password) for the new ones, shown once.
#[server(endpoint = "stage/team-accounts")]
pub async fn create_team_accounts() -> Result<Vec<(String, String, String)>, AppError> {
    use crate::ssr::{db, fail, require, store_error};
    let by = require(&[domain::Role::Organizer]).await?;
    let db = db()?;
    let mut created = Vec::new();
    for (team, unit) in store::stage::teams(&db).await.map_err(ssr::stage_error)? {
        if team.account_user_id.is_some() {
            continue;
        }
        let login = format!("doi{:02}", team.id);
        let password = store::roster::generate_password();
        let secret = domain::Password::parse(password.clone()).map_err(|e| fail(e.into()))?;
        let hash = store::password::hash(&secret).await.map_err(store_error)?;
        let name = domain::FullName::parse(&format!("Đội {}", unit.name))
            .or_else(|_| domain::FullName::parse("Đội thi"))
            .map_err(|e| fail(e.into()))?;
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
        .await
        .map_err(store_error)?;
        store::stage::set_team_account(&db, team.id, user.id).await.map_err(ssr::stage_error)?;
        created.push((team.name, login, password));
    }
    tracing::info!(by = by.id, created = created.len(), "team device accounts created");
    Ok(created)
}

/// Updates a team: name, official members (one per line, at most 5) and the reserve.
#[server(endpoint = "stage/team/save")]
pub async fn save_team(id: i32, name: String, members: String, reserve: String) -> Result<(), AppError> {
    use crate::ssr::{db, fail, require};
    require(&[domain::Role::Organizer]).await?;
    let name = domain::text::clean(&name);
    if name.is_empty() {
        return Err(fail(AppError::invalid("Tên đội không được để trống.")));
    }
    let members: Vec<String> = members.lines().map(domain::text::clean).filter(|m| !m.is_empty()).collect();
    if members.len() > 5 {
        return Err(fail(AppError::invalid("Đội thi có tối đa 5 thành viên chính thức (và 1 dự bị).")));
    }
    store::stage::update_team(&db()?, id, &name, &members, &domain::text::clean(&reserve))
        .await
        .map_err(ssr::stage_error)
}

#[server(endpoint = "stage/part")]
pub async fn get_part_detail(id: i32) -> Result<PartDetail, AppError> {
    use crate::ssr::db;
    ssr::head_or_organizer().await?;
    let db = db()?;
    let part = store::stage::part(&db, id).await.map_err(ssr::stage_error)?;
    let teams = store::stage::teams(&db).await.map_err(ssr::stage_error)?;
    let judges = store::stage::judges(&db).await.map_err(ssr::stage_error)?;
    let sheets = store::stage::sheets_of_part(&db, id).await.map_err(ssr::stage_error)?;
    let assignments = store::stage::assignments(&db).await.map_err(ssr::stage_error)?;
    let cells = assignments
        .iter()
        .map(|(j, t)| {
            let sheet = sheets.iter().find(|s| s.judge_id == *j && s.team_id == *t);
            SheetCell {
                sheet_id: sheet.map(|s| s.id),
                judge: judges.iter().find(|u| u.id == *j).map(|u| u.full_name.clone()).unwrap_or_default(),
                team_id: *t,
                status: sheet.map_or("missing".to_owned(), |s| s.status.clone()),
            }
        })
        .collect();
    let head_unit = judges.iter().find(|j| j.is_head_judge).and_then(|j| j.unit_id);
    let results = store::stage::results(&db, &part)
        .await
        .map_err(ssr::stage_error)?
        .into_iter()
        .map(|r| TeamResultRow {
            head_recused: head_unit.is_some()
                && teams.iter().any(|(t, _)| t.id == r.team_id && Some(t.unit_id) == head_unit),
            team: teams
                .iter()
                .find(|(t, _)| t.id == r.team_id)
                .map(|(t, _)| t.name.clone())
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
#[server(endpoint = "stage/part/rules")]
pub async fn save_part_rules(
    id: i32,
    name: String,
    criteria: String,
    step: String,
    aggregation: String,
    time_limit_minutes: String,
    divergence_percent: String,
) -> Result<(), AppError> {
    use crate::ssr::{db, fail, require};
    use domain::stage::{Quarters, aggregate::Aggregation, rubric::Criterion};
    require(&[domain::Role::Organizer]).await?;
    let invalid = |m: String| fail(AppError::Invalid(m));
    let db = db()?;
    let part = store::stage::part(&db, id).await.map_err(ssr::stage_error)?;
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
    store::stage::update_rules(&db, id, &rules).await.map_err(ssr::stage_error)
}

#[server(endpoint = "stage/part/lock")]
pub async fn lock_part(id: i32) -> Result<(), AppError> {
    use crate::ssr::db;
    let me = ssr::head_or_organizer().await?;
    store::stage::lock_part(&db()?, id, me.id).await.map_err(ssr::stage_error)?;
    ssr::changed().await;
    Ok(())
}

#[server(endpoint = "stage/part/publish")]
pub async fn publish_part(id: i32) -> Result<(), AppError> {
    use crate::ssr::{db, require};
    let me = require(&[domain::Role::Organizer]).await?;
    store::stage::publish_part(&db()?, id, me.id).await.map_err(ssr::stage_error)?;
    ssr::changed().await;
    Ok(())
}

#[server(endpoint = "stage/sheet/unlock")]
pub async fn unlock_sheet(sheet_id: i32, reason: String) -> Result<(), AppError> {
    use crate::ssr::db;
    let me = ssr::head_or_organizer().await?;
    store::stage::unlock_sheet(&db()?, sheet_id, me.id, &reason).await.map_err(ssr::stage_error)?;
    tracing::info!(by = me.id, sheet_id, "sheet unlocked");
    ssr::changed().await;
    Ok(())
}

#[server(endpoint = "stage/divergence/review")]
pub async fn review_divergence(part_id: i32, team_id: i32, note: String) -> Result<(), AppError> {
    use crate::ssr::{db, fail};
    let me = ssr::head_or_organizer().await?;
    let db = db()?;
    // The head judge reviews every team but their own unit's; organizers confirm that one.
    let team = store::stage::teams(&db)
        .await
        .map_err(ssr::stage_error)?
        .into_iter()
        .find(|(t, _)| t.id == team_id)
        .ok_or_else(|| fail(AppError::NotFound))?
        .0;
    let head_unit = store::stage::judges(&db)
        .await
        .map_err(ssr::stage_error)?
        .into_iter()
        .find(|j| j.is_head_judge)
        .and_then(|j| j.unit_id);
    let own_unit = head_unit == Some(team.unit_id);
    match (me.role, own_unit) {
        (domain::Role::Judge, true) => {
            return Err(fail(AppError::Refused(
                "Trưởng Ban giám khảo không xem xét đội của đơn vị mình; Ban tổ chức xác nhận thay.".into(),
            )));
        }
        (domain::Role::Organizer, false) => {
            return Err(fail(AppError::Refused(
                "Việc xem xét chênh lệch điểm do Trưởng Ban giám khảo thực hiện.".into(),
            )));
        }
        _ => {}
    }
    store::stage::review_divergence(&db, part_id, team_id, me.id, &note).await.map_err(ssr::stage_error)?;
    ssr::changed().await;
    Ok(())
}

#[server(endpoint = "judge/home")]
pub async fn get_judge_home() -> Result<JudgeHome, AppError> {
    use crate::ssr::db;
    let me = ssr::judge().await?;
    let db = db()?;
    let teams = store::stage::teams(&db).await.map_err(ssr::stage_error)?;
    let mine: Vec<i32> = store::stage::assignments(&db)
        .await
        .map_err(ssr::stage_error)?
        .into_iter()
        .filter(|(j, _)| *j == me.id)
        .map(|(_, t)| t)
        .collect();
    let mut parts = Vec::new();
    for p in store::stage::parts(&db).await.map_err(ssr::stage_error)? {
        let mut rows = Vec::new();
        for (t, _) in teams.iter().filter(|(t, _)| mine.contains(&t.id)) {
            let status = store::stage::sheet(&db, p.id, t.id, me.id)
                .await
                .map_err(ssr::stage_error)?
                .map_or("missing".to_owned(), |s| s.status);
            rows.push((t.id, t.name.clone(), status));
        }
        parts.push(JudgePart {
            id: p.id,
            name: p.rules.name.clone(),
            status: ssr::status_label(p.status),
            teams: rows,
        });
    }
    Ok(JudgeHome { is_head: me.is_head_judge, is_reserve: me.is_reserve_judge, parts })
}

#[server(endpoint = "judge/sheet")]
pub async fn get_sheet(part_id: i32, team_id: i32) -> Result<SheetView, AppError> {
    use crate::ssr::db;
    let me = ssr::judge().await?;
    let db = db()?;
    store::stage::check_assigned(&db, &me, team_id).await.map_err(ssr::stage_error)?;
    let part = store::stage::part(&db, part_id).await.map_err(ssr::stage_error)?;
    let team =
        store::stage::teams(&db).await.map_err(ssr::stage_error)?.into_iter().find(|(t, _)| t.id == team_id);
    let sheet = store::stage::sheet(&db, part_id, team_id, me.id).await.map_err(ssr::stage_error)?;
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
        team: team.map(|(t, _)| t.name).unwrap_or_default(),
        criteria: part.rules.criteria.iter().map(|c| (c.name.clone(), c.max.to_string())).collect(),
        step: part.rules.step.to_string(),
        values,
        status: sheet.as_ref().map_or("missing".to_owned(), |s| s.status.clone()),
        total: sheet.and_then(|s| s.total_quarters).map(|t| domain::stage::Quarters(t as u32).to_string()),
        part_open: part.status == store::stage::PartStatus::Open,
    })
}

/// Saves a sheet (`submit` = "true" locks it). Scores are typed values ("7,25"), one per criterion.
#[server(endpoint = "judge/sheet/save")]
pub async fn save_sheet(
    part_id: i32,
    team_id: i32,
    scores: Vec<String>,
    submit: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::{db, fail};
    use domain::stage::Quarters;
    let me = ssr::judge().await?;
    let db = db()?;
    let part = store::stage::part(&db, part_id).await.map_err(ssr::stage_error)?;
    if scores.len() != part.rules.criteria.len() {
        return Err(fail(AppError::invalid("Số điểm không khớp với số tiêu chí của phần thi.")));
    }
    let mut values = Vec::with_capacity(scores.len());
    for (typed, criterion) in scores.iter().zip(&part.rules.criteria) {
        if typed.trim().is_empty() {
            values.push(None);
            continue;
        }
        let q = Quarters::parse(typed, criterion.max, part.rules.step)
            .map_err(|e| fail(AppError::Invalid(format!("Tiêu chí “{}”: {e}", criterion.name))))?;
        values.push(Some(q));
    }
    let submit = submit.is_some_and(|s| s == "true");
    store::stage::save_sheet(&db, part_id, team_id, &me, &values, submit).await.map_err(ssr::stage_error)?;
    tracing::info!(judge = me.id, part_id, team_id, submit, "sheet saved");
    ssr::changed().await;
    Ok(())
}

#[server(endpoint = "secretary/timers")]
pub async fn get_secretary_view(part_id: Option<i32>) -> Result<SecretaryView, AppError> {
    use crate::ssr::{db, require};
    require(&[domain::Role::Secretary, domain::Role::Organizer]).await?;
    let db = db()?;
    let parts = store::stage::parts(&db).await.map_err(ssr::stage_error)?;
    let part = part_id.and_then(|id| parts.iter().find(|p| p.id == id)).or(parts.first()).cloned();
    let Some(part) = part else {
        return Ok(SecretaryView { parts: Vec::new(), part_id: 0, timers: Vec::new() });
    };
    let penalties = store::stage::results(&db, &part).await.map_err(ssr::stage_error)?;
    let now = chrono::Utc::now();
    let mut timers = Vec::new();
    for (t, _) in store::stage::teams(&db).await.map_err(ssr::stage_error)? {
        let timer = store::stage::timer(&db, part.id, t.id).await.map_err(ssr::stage_error)?;
        let p = penalties.iter().find(|r| r.team_id == t.id);
        let reason = penalty_reason(&db, part.id, t.id).await?;
        timers.push(TimerRow {
            team_id: t.id,
            team: t.name,
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

#[cfg(feature = "ssr")]
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
        .map_err(|e| crate::ssr::store_error(e.into()))
}

/// start | pause | stop | reset.
#[server(endpoint = "secretary/timer")]
pub async fn timer_action(part_id: i32, team_id: i32, action: String) -> Result<(), AppError> {
    use crate::ssr::{db, fail, require};
    use store::stage::TimerAction;
    let me = require(&[domain::Role::Secretary, domain::Role::Organizer]).await?;
    let action = match action.as_str() {
        "start" => TimerAction::Start,
        "pause" => TimerAction::Pause,
        "stop" => TimerAction::Stop,
        "reset" => TimerAction::Reset,
        _ => return Err(fail(AppError::invalid("Thao tác đồng hồ không hợp lệ."))),
    };
    store::stage::timer_action(&db()?, part_id, team_id, action, me.id, chrono::Utc::now())
        .await
        .map_err(ssr::stage_error)?;
    ssr::changed().await;
    Ok(())
}

/// Corrects a penalty (points to deduct, "0,5") with a reason.
#[server(endpoint = "secretary/penalty")]
pub async fn correct_penalty(
    part_id: i32,
    team_id: i32,
    deduction: String,
    reason: String,
) -> Result<(), AppError> {
    use crate::ssr::{db, fail, require};
    use domain::stage::{Hundredths, Quarters};
    let me = require(&[domain::Role::Secretary, domain::Role::Organizer]).await?;
    let q = Quarters::parse(&deduction, Quarters(400), Quarters(2))
        .map_err(|e| fail(AppError::Invalid(format!("Điểm trừ: {e}"))))?;
    store::stage::correct_penalty(&db()?, part_id, team_id, Hundredths::from(q), &reason, me.id)
        .await
        .map_err(ssr::stage_error)?;
    ssr::changed().await;
    Ok(())
}

#[server(endpoint = "stage/audit")]
pub async fn audit_log() -> Result<Vec<AuditRow>, AppError> {
    use crate::ssr::{db, require};
    require(&[domain::Role::Organizer]).await?;
    audit_rows(&db()?).await
}

/// The audit log with names, newest first (also used by the CSV export).
#[cfg(feature = "ssr")]
pub async fn audit_rows(db: &sea_orm::DatabaseConnection) -> Result<Vec<AuditRow>, AppError> {
    use sea_orm::EntityTrait;
    let log = store::stage::audit_log(db).await.map_err(ssr::stage_error)?;
    let users: std::collections::HashMap<i32, String> = store::entity::user::Entity::find()
        .all(db)
        .await
        .map_err(|e| crate::ssr::store_error(e.into()))?
        .into_iter()
        .map(|u| (u.id, u.full_name))
        .collect();
    let parts = store::stage::parts(db).await.map_err(ssr::stage_error)?;
    let teams = store::stage::teams(db).await.map_err(ssr::stage_error)?;
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

/// Vietnamese names of audit actions.
pub fn action_label(action: &str) -> &str {
    match action {
        "score" => "Chấm điểm",
        "submit" => "Nộp phiếu",
        "unlock" => "Mở khóa phiếu",
        "penalty" => "Điểm trừ",
        "divergence_reviewed" => "Xác nhận chênh lệch",
        "lock" => "Khóa phần thi",
        "publish" => "Công bố",
        other => other,
    }
}
