//! Corrections (chấm lại): an organizer corrects a question that attempts already drew, sees
//! who would move first, then applies it for everyone at once.

use crate::{error::AppError, service::caller::Organizer, ssr::AppState, wire::corrections::*};
use domain::contest::correction::Correction;
use std::collections::HashMap;
use store::{corrections::Effect, entity::question_version};

/// "12/20".
fn score((correct, total): (u32, u32)) -> String {
    format!("{correct}/{total}")
}

/// Round names and people for showing an effect.
async fn change_rows(state: &AppState, effect: &Effect) -> Result<Vec<ChangeRow>, AppError> {
    let names = round_names(state, &effect.rounds).await?;
    Ok(effect
        .changes
        .iter()
        .map(|c| ChangeRow {
            round: names.get(&c.round_id).cloned().unwrap_or_default(),
            name: c.name.clone(),
            unit: c.unit.clone(),
            before: score(c.before),
            after: score(c.after),
            rank_before: c.rank_before,
            rank_after: c.rank_after,
            prize_before: c.prize_before.clone().unwrap_or_default(),
            prize_after: c.prize_after.clone().unwrap_or_default(),
        })
        .collect())
}

async fn round_names(state: &AppState, ids: &[i32]) -> Result<HashMap<i32, String>, AppError> {
    let mut out = HashMap::new();
    for id in ids {
        if let Some(r) = store::rounds::get(&state.db, *id).await? {
            out.insert(r.id, r.name);
        }
    }
    Ok(out)
}

fn letters(set: &[usize]) -> String {
    set.iter().map(|i| domain::question::letter(*i).to_string()).collect::<Vec<_>>().join(", ")
}

/// The question's versions that finished attempts drew, and its corrections so far.
pub async fn correction_form(
    state: &AppState,
    _me: &Organizer,
    code: String,
) -> Result<CorrectionForm, AppError> {
    let db = &state.db;
    let (row, versions) = store::corrections::versions(db, code.trim()).await?;
    let ids: Vec<i32> = versions.iter().map(|v| v.id).collect();
    let usage = store::corrections::usage(db, &ids).await?;
    let in_force = store::corrections::in_force(db, &ids).await?;
    let used = versions
        .iter()
        .filter(|v| usage.get(&v.id).is_some_and(|n| *n > 0))
        .map(|v| VersionUse {
            id: v.id,
            version: v.version,
            text: v.text.clone(),
            kind: v.kind,
            options: v.options.0.clone(),
            answer: letters(&v.correct.0),
            attempts: usage.get(&v.id).copied().unwrap_or(0) as usize,
            corrected: in_force.get(&v.id).map(|c| c.correction.0.label()),
        })
        .collect();
    let history = history(state, Some(row.id)).await?;
    Ok(CorrectionForm { code: row.code, versions: used, history })
}

/// Corrections made (of one question, or all), newest first.
pub async fn history(state: &AppState, question_id: Option<i32>) -> Result<Vec<CorrectionRow>, AppError> {
    use sea_orm::EntityTrait;
    let db = &state.db;
    let mut rows = Vec::new();
    for c in store::corrections::list(db).await? {
        if question_id.is_some_and(|q| q != c.question_id) {
            continue;
        }
        let version = question_version::Entity::find_by_id(c.question_version_id).one(db).await?;
        let code = store::entity::question::Entity::find_by_id(c.question_id).one(db).await?.map(|q| q.code);
        let by = store::entity::user::Entity::find_by_id(c.by_user).one(db).await?.map(|u| u.full_name);
        rows.push(CorrectionRow {
            id: c.id,
            at_ms: c.at.timestamp_millis(),
            code: code.unwrap_or_default(),
            version: version.map_or(0, |v| v.version),
            label: c.correction.0.label(),
            reason: c.reason.clone(),
            by: by.unwrap_or_default(),
            attempts: c.affected_attempts,
            moved: c.changes.0.changes.len(),
        });
    }
    Ok(rows)
}

/// The organizer's choice, checked: the version (of this question, drawn by attempts), the
/// correction and the reason.
async fn parse(
    state: &AppState,
    code: &str,
    version_id: &str,
    action: &str,
    letters: &str,
    reason: &str,
) -> Result<(question_version::Model, Correction, String), AppError> {
    let (_, versions) = store::corrections::versions(&state.db, code.trim()).await?;
    let version = version_id
        .trim()
        .parse::<i32>()
        .ok()
        .and_then(|id| versions.into_iter().find(|v| v.id == id))
        .ok_or_else(|| AppError::invalid("Hãy chọn phiên bản câu hỏi cần chấm lại."))?;
    let drawn = store::corrections::usage(&state.db, &[version.id]).await?;
    if drawn.get(&version.id).copied().unwrap_or(0) == 0 {
        return Err(AppError::invalid(
            "Chưa có bài thi nào có phiên bản này: không có gì để chấm lại (hãy sửa trực tiếp câu hỏi).",
        ));
    }
    if !["change_key", "accept", "void_correct", "void_removed"].contains(&action) {
        return Err(AppError::invalid("Hãy chọn cách chấm lại."));
    }
    let correction =
        Correction::from_form(action, letters, version.kind, &version.correct.0, version.options.0.len())
            .map_err(|e| AppError::Invalid(e.to_string()))?;
    let reason = domain::text::clean(reason);
    if reason.is_empty() {
        return Err(AppError::Invalid(domain::contest::correction::CorrectionError::NoReason.to_string()));
    }
    if reason.chars().count() > 1_000 {
        return Err(AppError::invalid("Lý do chấm lại dài quá 1.000 ký tự."));
    }
    Ok((version, correction, reason))
}

/// What the correction would change now; changes nothing.
pub async fn preview_correction(
    state: &AppState,
    _me: &Organizer,
    code: String,
    version_id: String,
    action: String,
    letters: String,
    reason: String,
) -> Result<CorrectionPreview, AppError> {
    let (version, correction, _) = parse(state, &code, &version_id, &action, &letters, &reason).await?;
    let effect = store::corrections::preview(&state.db, version.id, &correction).await?;
    if effect.attempts == 0 {
        return Err(AppError::invalid(
            "Chưa có bài thi nào đã nộp có phiên bản này: không có gì để chấm lại.",
        ));
    }
    shown(state, &correction, &effect, false).await
}

/// A correction's effect as the page shows it.
async fn shown(
    state: &AppState,
    correction: &Correction,
    effect: &Effect,
    applied: bool,
) -> Result<CorrectionPreview, AppError> {
    Ok(CorrectionPreview {
        label: correction.label(),
        attempts: effect.attempts,
        rounds: round_names(state, &effect.rounds).await?.into_values().collect(),
        changes: change_rows(state, effect).await?,
        applied,
    })
}

/// Applies the correction to every finished attempt that drew the version, in one transaction.
pub async fn apply_correction(
    state: &AppState,
    me: &Organizer,
    code: String,
    version_id: String,
    action: String,
    letters: String,
    reason: String,
) -> Result<CorrectionPreview, AppError> {
    let (version, correction, reason) = parse(state, &code, &version_id, &action, &letters, &reason).await?;
    let (saved, effect) =
        store::corrections::apply(&state.db, &version, &correction, &reason, me.id(), chrono::Utc::now())
            .await?;
    if matches!(correction, Correction::ChangeKey { .. }) {
        state.pool.clear();
    }
    tracing::info!(
        by = me.id(),
        code = %code.trim(),
        version = version.version,
        correction = %correction.label(),
        attempts = effect.attempts,
        moved = effect.changes.len(),
        id = saved.id,
        "question corrected"
    );
    shown(state, &correction, &effect, true).await
}

/// The corrections of a round, as its board announces them.
pub async fn notices(state: &AppState, round_id: i32) -> Result<Vec<CorrectionNotice>, AppError> {
    let mut out = Vec::new();
    for (c, version) in store::corrections::of_round(&state.db, round_id).await? {
        let mut effect = c.changes.0.clone();
        effect.changes.retain(|ch| ch.round_id == round_id);
        out.push(CorrectionNotice {
            at_ms: c.at.timestamp_millis(),
            question: version.text.clone(),
            label: c.correction.0.label_texts(&version.options.0),
            reason: c.reason.clone(),
            changes: change_rows(state, &effect).await?,
        });
    }
    Ok(out)
}
