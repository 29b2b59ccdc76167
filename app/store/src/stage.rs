//! The stage contest in the database: parts and rubrics, teams, the judging panel, sheets,
//! divergence reviews, penalties, timers and the audit log.

use crate::{
    entity::{
        divergence_review, judge_sheet, penalty, score_audit, stage_part, stage_timer, team, unit, user,
    },
    error::StoreError,
};
use chrono::{DateTime, Utc};
use domain::{
    Role,
    stage::{
        Hundredths, Quarters,
        aggregate::{aggregate, diverges},
        panel::{self, expected_sheets},
        rubric::{PartKind, PartRules, default_parts, overtime_penalty},
    },
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder, TransactionTrait,
};
use std::collections::HashMap;

/// Why a stage operation was refused. Messages are for users.
#[derive(Debug, thiserror::Error)]
pub enum StageError {
    #[error("Không tìm thấy.")]
    NotFound,
    #[error(
        "Phần thi đã khóa: không thể chấm thêm. Cần Trưởng Ban giám khảo hoặc Ban tổ chức mở khóa phiếu."
    )]
    PartLocked,
    #[error("Phần thi đã công bố kết quả: không thể thay đổi điểm.")]
    PartPublished,
    #[error("Giám khảo không chấm đội của đơn vị mình.")]
    Recused,
    #[error("Bạn không được phân công chấm đội này.")]
    NotAssigned,
    #[error("Phiếu điểm đã nộp và bị khóa. Cần Trưởng Ban giám khảo hoặc Ban tổ chức mở khóa kèm lý do.")]
    SheetLocked,
    #[error("Phiếu điểm chưa nộp.")]
    SheetNotSubmitted,
    #[error("Cần chấm đủ tất cả tiêu chí trước khi nộp phiếu.")]
    Incomplete,
    #[error("Số điểm không khớp với số tiêu chí của phần thi.")]
    WrongShape,
    #[error("Tiêu chí “{criterion}”: {message}")]
    Points { criterion: String, message: String },
    #[error("Cần ghi rõ lý do.")]
    MissingReason,
    #[error("Còn {0} phiếu điểm chưa nộp.")]
    SheetsMissing(usize),
    #[error("Còn {0} đội có điểm chênh lệch lớn chưa được Trưởng Ban giám khảo xem xét.")]
    DivergenceUnreviewed(usize),
    #[error("Phần thi phải được khóa trước khi công bố.")]
    NotLocked,
    #[error("Đã có phiếu điểm: không thể sửa thang điểm.")]
    RulesInUse,
    #[error("Thao tác đồng hồ không hợp lệ lúc này.")]
    BadTimerAction,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sea_orm::DbErr> for StageError {
    fn from(e: sea_orm::DbErr) -> Self {
        StageError::Store(e.into())
    }
}

type Result<T, E = StageError> = std::result::Result<T, E>;

/// A part's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartStatus {
    Open,
    Locked,
    Published,
}

impl PartStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PartStatus::Open => "open",
            PartStatus::Locked => "locked",
            PartStatus::Published => "published",
        }
    }

    fn parse(s: &str) -> Self {
        match s {
            "locked" => PartStatus::Locked,
            "published" => PartStatus::Published,
            _ => PartStatus::Open,
        }
    }
}

/// A judged part with its rules.
#[derive(Debug, Clone)]
pub struct Part {
    pub id: i32,
    pub rules: PartRules,
    pub status: PartStatus,
}

fn to_part(row: stage_part::Model) -> Result<Part> {
    let rules = serde_json::from_str(&row.rules)
        .map_err(|_| StoreError::Corrupt(format!("part {} rules", row.id)))?;
    Ok(Part { id: row.id, rules, status: PartStatus::parse(&row.status) })
}

/// The judged parts, in order; the contest rules' defaults are created on first use.
pub async fn parts(db: &impl ConnectionTrait) -> Result<Vec<Part>> {
    let mut rows = stage_part::Entity::find().order_by_asc(stage_part::Column::Position).all(db).await?;
    if rows.is_empty() {
        for (position, rules) in (0i32..).zip(default_parts()) {
            let row = stage_part::ActiveModel {
                kind: Set(rules.kind.as_str().to_owned()),
                position: Set(position),
                rules: Set(serde_json::to_string(&rules).unwrap_or_default()),
                status: Set(PartStatus::Open.as_str().to_owned()),
                ..Default::default()
            };
            // Another server may have created them at the same moment: the unique kind decides.
            let _ = row.insert(db).await;
        }
        rows = stage_part::Entity::find().order_by_asc(stage_part::Column::Position).all(db).await?;
    }
    rows.into_iter().map(to_part).collect()
}

pub async fn part(db: &impl ConnectionTrait, id: i32) -> Result<Part> {
    to_part(stage_part::Entity::find_by_id(id).one(db).await?.ok_or(StageError::NotFound)?)
}

/// The part of a kind.
pub async fn part_of_kind(db: &impl ConnectionTrait, kind: PartKind) -> Result<Option<Part>> {
    Ok(parts(db).await?.into_iter().find(|p| p.rules.kind == kind))
}

/// Changes a part's rubric and rules; refused once any sheet exists.
pub async fn update_rules(db: &impl ConnectionTrait, id: i32, rules: &PartRules) -> Result<()> {
    let any = judge_sheet::Entity::find().filter(judge_sheet::Column::PartId.eq(id)).one(db).await?;
    if any.is_some() {
        return Err(StageError::RulesInUse);
    }
    stage_part::Entity::update_many()
        .col_expr(stage_part::Column::Rules, serde_json::to_string(rules).unwrap_or_default().into())
        .filter(stage_part::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

async fn set_status(db: &impl ConnectionTrait, id: i32, status: PartStatus) -> Result<()> {
    stage_part::Entity::update_many()
        .col_expr(stage_part::Column::Status, status.as_str().into())
        .filter(stage_part::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Teams, by their unit's name.
pub async fn teams(db: &impl ConnectionTrait) -> Result<Vec<(team::Model, unit::Model)>> {
    let units: HashMap<i32, unit::Model> =
        unit::Entity::find().all(db).await?.into_iter().map(|u| (u.id, u)).collect();
    let mut out: Vec<(team::Model, unit::Model)> = team::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|t| Some((t.clone(), units.get(&t.unit_id)?.clone())))
        .collect();
    out.sort_by(|a, b| a.1.group_key.cmp(&b.1.group_key).then(a.1.name.cmp(&b.1.name)));
    Ok(out)
}

/// Creates a team for every unit that has none; returns how many.
pub async fn ensure_teams(db: &impl ConnectionTrait) -> Result<usize> {
    let have: Vec<i32> = team::Entity::find().all(db).await?.into_iter().map(|t| t.unit_id).collect();
    let mut created = 0;
    for u in unit::Entity::find().all(db).await? {
        if !have.contains(&u.id) {
            team::ActiveModel {
                unit_id: Set(u.id),
                name: Set(format!("Đội {}", u.name)),
                members: Set("[]".to_owned()),
                reserve: Set(String::new()),
                account_user_id: Set(None),
                ..Default::default()
            }
            .insert(db)
            .await?;
            created += 1;
        }
    }
    Ok(created)
}

pub async fn update_team(
    db: &impl ConnectionTrait,
    id: i32,
    name: &str,
    members: &[String],
    reserve: &str,
) -> Result<()> {
    let found = team::Entity::find_by_id(id).one(db).await?.ok_or(StageError::NotFound)?;
    let mut row: team::ActiveModel = found.into();
    row.name = Set(name.to_owned());
    row.members = Set(serde_json::to_string(members).unwrap_or_else(|_| "[]".into()));
    row.reserve = Set(reserve.to_owned());
    row.update(db).await?;
    Ok(())
}

/// Links a team to the account its device signs in with.
pub async fn set_team_account(db: &impl ConnectionTrait, team_id: i32, user_id: i32) -> Result<()> {
    team::Entity::update_many()
        .col_expr(team::Column::AccountUserId, Some(user_id).into())
        .filter(team::Column::Id.eq(team_id))
        .exec(db)
        .await?;
    Ok(())
}

/// The team whose device signs in as `user_id`.
pub async fn team_of_account(db: &impl ConnectionTrait, user_id: i32) -> Result<Option<team::Model>> {
    Ok(team::Entity::find().filter(team::Column::AccountUserId.eq(user_id)).one(db).await?)
}

/// The judges (scoring and reserve).
pub async fn judges(db: &impl ConnectionTrait) -> Result<Vec<user::Model>> {
    Ok(user::Entity::find()
        .filter(user::Column::Role.eq(Role::Judge.as_str()))
        .filter(user::Column::Disabled.eq(false))
        .order_by_asc(user::Column::IsReserveJudge)
        .order_by_desc(user::Column::IsHeadJudge)
        .order_by_asc(user::Column::FullName)
        .all(db)
        .await?)
}

/// Every (judge, team) sheet the parts expect.
pub async fn assignments(db: &impl ConnectionTrait) -> Result<Vec<(i32, i32)>> {
    let judges: Vec<panel::Judge> = judges(db)
        .await?
        .iter()
        .map(|j| panel::Judge {
            id: i64::from(j.id),
            unit_id: j.unit_id.map(i64::from),
            reserve: j.is_reserve_judge,
        })
        .collect();
    let teams: Vec<panel::Team> = team::Entity::find()
        .all(db)
        .await?
        .iter()
        .map(|t| panel::Team { id: i64::from(t.id), unit_id: i64::from(t.unit_id) })
        .collect();
    Ok(expected_sheets(&judges, &teams).into_iter().map(|(j, t)| (j as i32, t as i32)).collect())
}

/// Whether `judge` may score `team` (and, if not, why).
pub async fn check_assigned(db: &impl ConnectionTrait, judge: &user::Model, team_id: i32) -> Result<()> {
    if assignments(db).await?.contains(&(judge.id, team_id)) {
        return Ok(());
    }
    let team = team::Entity::find_by_id(team_id).one(db).await?.ok_or(StageError::NotFound)?;
    if judge.unit_id == Some(team.unit_id) { Err(StageError::Recused) } else { Err(StageError::NotAssigned) }
}

fn scores_of(sheet: &judge_sheet::Model) -> Vec<Option<u32>> {
    serde_json::from_str(&sheet.scores).unwrap_or_default()
}

/// A sheet's per-criterion scores.
pub fn sheet_scores(sheet: &judge_sheet::Model) -> Vec<Option<Quarters>> {
    scores_of(sheet).into_iter().map(|v| v.map(Quarters)).collect()
}

pub async fn sheet(
    db: &impl ConnectionTrait,
    part_id: i32,
    team_id: i32,
    judge_id: i32,
) -> Result<Option<judge_sheet::Model>> {
    Ok(judge_sheet::Entity::find()
        .filter(judge_sheet::Column::PartId.eq(part_id))
        .filter(judge_sheet::Column::TeamId.eq(team_id))
        .filter(judge_sheet::Column::JudgeId.eq(judge_id))
        .one(db)
        .await?)
}

pub async fn sheets_of_part(db: &impl ConnectionTrait, part_id: i32) -> Result<Vec<judge_sheet::Model>> {
    Ok(judge_sheet::Entity::find().filter(judge_sheet::Column::PartId.eq(part_id)).all(db).await?)
}

#[allow(clippy::too_many_arguments)]
async fn audit(
    db: &impl ConnectionTrait,
    part_id: i32,
    team_id: i32,
    judge_id: Option<i32>,
    action: &str,
    field: Option<String>,
    old: Option<String>,
    new: Option<String>,
    reason: Option<String>,
    by: i32,
) -> Result<()> {
    score_audit::ActiveModel {
        part_id: Set(part_id),
        team_id: Set(team_id),
        judge_id: Set(judge_id),
        action: Set(action.to_owned()),
        field: Set(field),
        old_value: Set(old),
        new_value: Set(new),
        reason: Set(reason),
        by_user: Set(by),
        at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Saves a judge's scores (validated against the rubric); `submit` locks the sheet. Every changed
/// criterion is written to the audit log.
pub async fn save_sheet(
    db: &DatabaseConnection,
    part_id: i32,
    team_id: i32,
    judge: &user::Model,
    values: &[Option<Quarters>],
    submit: bool,
) -> Result<judge_sheet::Model> {
    let part = part(db, part_id).await?;
    match part.status {
        PartStatus::Published => return Err(StageError::PartPublished),
        PartStatus::Locked => return Err(StageError::PartLocked),
        PartStatus::Open => {}
    }
    check_assigned(db, judge, team_id).await?;
    if values.len() != part.rules.criteria.len() {
        return Err(StageError::WrongShape);
    }
    for (value, criterion) in values.iter().zip(&part.rules.criteria) {
        if let Some(v) = value
            && (v.0 > criterion.max.0 || v.0 % part.rules.step.0.max(1) != 0)
        {
            let message = if v.0 > criterion.max.0 {
                format!("điểm phải từ 0 đến {}.", criterion.max)
            } else {
                format!("điểm phải theo bước {}.", part.rules.step)
            };
            return Err(StageError::Points { criterion: criterion.name.clone(), message });
        }
    }
    if submit && values.iter().any(Option::is_none) {
        return Err(StageError::Incomplete);
    }
    let txn = db.begin().await?;
    let existing = sheet(&txn, part_id, team_id, judge.id).await?;
    if existing.as_ref().is_some_and(|s| s.status == "submitted") {
        return Err(StageError::SheetLocked);
    }
    let old: Vec<Option<u32>> = existing.as_ref().map(scores_of).unwrap_or_default();
    let new: Vec<Option<u32>> = values.iter().map(|v| v.map(|q| q.0)).collect();
    for (i, (value, criterion)) in new.iter().zip(&part.rules.criteria).enumerate() {
        let before = old.get(i).copied().flatten();
        if before != *value {
            audit(
                &txn,
                part_id,
                team_id,
                Some(judge.id),
                "score",
                Some(criterion.name.clone()),
                before.map(|q| Quarters(q).to_string()),
                value.map(|q| Quarters(q).to_string()),
                None,
                judge.id,
            )
            .await?;
        }
    }
    let total = new.iter().all(Option::is_some).then(|| new.iter().flatten().sum::<u32>() as i32);
    let now = Utc::now();
    let status = if submit { "submitted" } else { "draft" };
    let saved = match existing {
        Some(row) => {
            let mut am: judge_sheet::ActiveModel = row.into();
            am.scores = Set(serde_json::to_string(&new).unwrap_or_default());
            am.total_quarters = Set(total);
            am.status = Set(status.to_owned());
            am.submitted_at = Set(submit.then_some(now));
            am.updated_at = Set(now);
            am.update(&txn).await?
        }
        None => {
            judge_sheet::ActiveModel {
                part_id: Set(part_id),
                team_id: Set(team_id),
                judge_id: Set(judge.id),
                status: Set(status.to_owned()),
                scores: Set(serde_json::to_string(&new).unwrap_or_default()),
                total_quarters: Set(total),
                submitted_at: Set(submit.then_some(now)),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?
        }
    };
    if submit {
        audit(
            &txn,
            part_id,
            team_id,
            Some(judge.id),
            "submit",
            None,
            None,
            total.map(|t| Quarters(t as u32).to_string()),
            None,
            judge.id,
        )
        .await?;
        // A review of this team's spread no longer holds once a total changes.
        divergence_review::Entity::delete_many()
            .filter(divergence_review::Column::PartId.eq(part_id))
            .filter(divergence_review::Column::TeamId.eq(team_id))
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(saved)
}

/// Unlocks a submitted sheet so its judge can change it (head judge or organizer, with a reason).
pub async fn unlock_sheet(db: &DatabaseConnection, sheet_id: i32, by: i32, reason: &str) -> Result<()> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(StageError::MissingReason);
    }
    let found = judge_sheet::Entity::find_by_id(sheet_id).one(db).await?.ok_or(StageError::NotFound)?;
    let part = part(db, found.part_id).await?;
    if part.status == PartStatus::Published {
        return Err(StageError::PartPublished);
    }
    if found.status != "submitted" {
        return Err(StageError::SheetNotSubmitted);
    }
    let txn = db.begin().await?;
    let (part_id, team_id, judge_id) = (found.part_id, found.team_id, found.judge_id);
    let mut am: judge_sheet::ActiveModel = found.into();
    am.status = Set("draft".to_owned());
    am.submitted_at = Set(None);
    am.updated_at = Set(Utc::now());
    am.update(&txn).await?;
    if part.status == PartStatus::Locked {
        set_status(&txn, part_id, PartStatus::Open).await?;
    }
    audit(&txn, part_id, team_id, Some(judge_id), "unlock", None, None, None, Some(reason.to_owned()), by)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// A team's figures in a part, from the submitted sheets.
#[derive(Debug, Clone)]
pub struct TeamResult {
    pub team_id: i32,
    pub totals: Vec<Quarters>,
    pub score: Option<Hundredths>,
    pub divergent: bool,
    pub reviewed: bool,
    pub penalty: Hundredths,
    pub expected: usize,
}

pub async fn results(db: &impl ConnectionTrait, part: &Part) -> Result<Vec<TeamResult>> {
    let sheets = sheets_of_part(db, part.id).await?;
    let expected = assignments(db).await?;
    let reviews: Vec<i32> = divergence_review::Entity::find()
        .filter(divergence_review::Column::PartId.eq(part.id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.team_id)
        .collect();
    let penalties: HashMap<i32, i32> = penalty::Entity::find()
        .filter(penalty::Column::PartId.eq(part.id))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.team_id, p.deduction))
        .collect();
    let max = part.rules.max();
    let mut out = Vec::new();
    for (t, _) in teams(db).await? {
        let totals: Vec<Quarters> = sheets
            .iter()
            .filter(|s| s.team_id == t.id && s.status == "submitted")
            .filter_map(|s| s.total_quarters.map(|q| Quarters(q as u32)))
            .collect();
        out.push(TeamResult {
            team_id: t.id,
            score: aggregate(&totals, part.rules.aggregation),
            divergent: diverges(&totals, max, part.rules.divergence_percent),
            reviewed: reviews.contains(&t.id),
            penalty: Hundredths(i64::from(penalties.get(&t.id).copied().unwrap_or(0))),
            expected: expected.iter().filter(|(_, team)| *team == t.id).count(),
            totals,
        });
    }
    Ok(out)
}

/// The head judge confirms a diverging team was reviewed.
pub async fn review_divergence(
    db: &impl ConnectionTrait,
    part_id: i32,
    team_id: i32,
    by: i32,
    note: &str,
) -> Result<()> {
    let part = part(db, part_id).await?;
    if part.status == PartStatus::Published {
        return Err(StageError::PartPublished);
    }
    divergence_review::Entity::delete_many()
        .filter(divergence_review::Column::PartId.eq(part_id))
        .filter(divergence_review::Column::TeamId.eq(team_id))
        .exec(db)
        .await?;
    divergence_review::ActiveModel {
        part_id: Set(part_id),
        team_id: Set(team_id),
        reviewed_by: Set(by),
        note: Set(note.trim().to_owned()),
        reviewed_at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    audit(
        db,
        part_id,
        team_id,
        None,
        "divergence_reviewed",
        None,
        None,
        None,
        Some(note.trim().to_owned()),
        by,
    )
    .await
}

/// Locks a part once every expected sheet is in and every divergence reviewed.
pub async fn lock_part(db: &impl ConnectionTrait, part_id: i32, by: i32) -> Result<()> {
    let part = part(db, part_id).await?;
    if part.status == PartStatus::Published {
        return Err(StageError::PartPublished);
    }
    let sheets = sheets_of_part(db, part_id).await?;
    let missing = assignments(db)
        .await?
        .into_iter()
        .filter(|(j, t)| {
            !sheets.iter().any(|s| s.judge_id == *j && s.team_id == *t && s.status == "submitted")
        })
        .count();
    if missing > 0 {
        return Err(StageError::SheetsMissing(missing));
    }
    let unreviewed = results(db, &part).await?.iter().filter(|r| r.divergent && !r.reviewed).count();
    if unreviewed > 0 {
        return Err(StageError::DivergenceUnreviewed(unreviewed));
    }
    set_status(db, part_id, PartStatus::Locked).await?;
    audit(db, part_id, 0, None, "lock", None, None, None, None, by).await
}

/// Publishes a locked part: its results then appear on leaderboards.
pub async fn publish_part(db: &impl ConnectionTrait, part_id: i32, by: i32) -> Result<()> {
    let part = part(db, part_id).await?;
    if part.status != PartStatus::Locked {
        return Err(StageError::NotLocked);
    }
    set_status(db, part_id, PartStatus::Published).await?;
    crate::results::bump_stage_version(db).await?;
    audit(db, part_id, 0, None, "publish", None, None, None, None, by).await
}

/// A timer action of the secretary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimerAction {
    Start,
    Pause,
    Stop,
    Reset,
}

/// The timer of a team in a part (an idle one if never started).
pub async fn timer(db: &impl ConnectionTrait, part_id: i32, team_id: i32) -> Result<stage_timer::Model> {
    Ok(stage_timer::Entity::find_by_id((part_id, team_id)).one(db).await?.unwrap_or(stage_timer::Model {
        part_id,
        team_id,
        state: "idle".to_owned(),
        running_since: None,
        elapsed_ms: 0,
    }))
}

/// Milliseconds a timer shows at `now`.
pub fn elapsed_at(t: &stage_timer::Model, now: DateTime<Utc>) -> i64 {
    t.elapsed_ms + t.running_since.map_or(0, |since| (now - since).num_milliseconds().max(0))
}

/// Applies a timer action. Stopping turns overtime into the part's penalty.
pub async fn timer_action(
    db: &DatabaseConnection,
    part_id: i32,
    team_id: i32,
    action: TimerAction,
    by: i32,
    now: DateTime<Utc>,
) -> Result<stage_timer::Model> {
    let part = part(db, part_id).await?;
    if part.status == PartStatus::Published {
        return Err(StageError::PartPublished);
    }
    team::Entity::find_by_id(team_id).one(db).await?.ok_or(StageError::NotFound)?;
    let current = timer(db, part_id, team_id).await?;
    let elapsed = elapsed_at(&current, now);
    let (state, since, elapsed_ms) = match (action, current.state.as_str()) {
        (TimerAction::Start, "idle" | "paused") => ("running", Some(now), current.elapsed_ms),
        (TimerAction::Pause, "running") => ("paused", None, elapsed),
        (TimerAction::Stop, "running" | "paused") => ("stopped", None, elapsed),
        (TimerAction::Reset, _) => ("idle", None, 0),
        _ => return Err(StageError::BadTimerAction),
    };
    let txn = db.begin().await?;
    stage_timer::Entity::delete_by_id((part_id, team_id)).exec(&txn).await?;
    let saved = stage_timer::ActiveModel {
        part_id: Set(part_id),
        team_id: Set(team_id),
        state: Set(state.to_owned()),
        running_since: Set(since),
        elapsed_ms: Set(elapsed_ms),
    }
    .insert(&txn)
    .await?;
    if action == TimerAction::Stop {
        let over = u32::try_from((elapsed_ms / 1000 - i64::from(part.rules.time_limit_secs)).max(0))
            .unwrap_or(u32::MAX);
        let deduction = overtime_penalty(over);
        let reason = format!("Đồng hồ: {} giây, vượt {over} giây", elapsed_ms / 1000);
        write_penalty(&txn, part_id, team_id, over, deduction, &reason, by).await?;
    }
    txn.commit().await?;
    Ok(saved)
}

async fn write_penalty(
    db: &impl ConnectionTrait,
    part_id: i32,
    team_id: i32,
    overtime_secs: u32,
    deduction: Hundredths,
    reason: &str,
    by: i32,
) -> Result<()> {
    let old = penalty::Entity::find_by_id((part_id, team_id)).one(db).await?;
    penalty::Entity::delete_by_id((part_id, team_id)).exec(db).await?;
    penalty::ActiveModel {
        part_id: Set(part_id),
        team_id: Set(team_id),
        overtime_secs: Set(i32::try_from(overtime_secs).unwrap_or(i32::MAX)),
        deduction: Set(i32::try_from(deduction.0).unwrap_or(i32::MAX)),
        reason: Set(reason.to_owned()),
        by_user: Set(by),
        updated_at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    audit(
        db,
        part_id,
        team_id,
        None,
        "penalty",
        None,
        old.map(|p| Hundredths(i64::from(p.deduction)).to_string()),
        Some(deduction.to_string()),
        Some(reason.to_owned()),
        by,
    )
    .await
}

/// Corrects a penalty by hand, with a reason.
pub async fn correct_penalty(
    db: &DatabaseConnection,
    part_id: i32,
    team_id: i32,
    deduction: Hundredths,
    reason: &str,
    by: i32,
) -> Result<()> {
    if reason.trim().is_empty() {
        return Err(StageError::MissingReason);
    }
    if part(db, part_id).await?.status == PartStatus::Published {
        return Err(StageError::PartPublished);
    }
    let over = penalty::Entity::find_by_id((part_id, team_id)).one(db).await?.map_or(0, |p| p.overtime_secs);
    let txn = db.begin().await?;
    write_penalty(
        &txn,
        part_id,
        team_id,
        u32::try_from(over).unwrap_or(0),
        deduction,
        &format!("Điều chỉnh: {}", reason.trim()),
        by,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The audit log, newest first.
pub async fn audit_log(db: &impl ConnectionTrait) -> Result<Vec<score_audit::Model>> {
    Ok(score_audit::Entity::find().order_by_desc(score_audit::Column::Id).all(db).await?)
}
