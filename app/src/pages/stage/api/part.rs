//! Server functions of one part: its detail, rules, locking, publishing, unlocking sheets and
//! reviewing divergent scores (organizers and the head judge).

use crate::error::AppError;
#[cfg(feature = "ssr")]
use domain::stage::rubric::PartRules;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::PartRow;
#[cfg(feature = "ssr")]
use super::organizer::part_row;
#[cfg(feature = "ssr")]
use super::ssr;

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
