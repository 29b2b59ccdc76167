//! Judges' server functions: their parts, their sheets, saving and submitting scores.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use super::ssr;

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
            rows.push((t.id, store::stage::display_name(t), status));
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
        team: team.map(|(t, _)| store::stage::display_name(&t)).unwrap_or_default(),
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
