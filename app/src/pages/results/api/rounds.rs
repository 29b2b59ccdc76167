//! Online rounds' results: the organizers' hub, boards, publishing and prize settings.

use super::*;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use domain::results::prizes::PrizeCounts;
use leptos::prelude::*;

#[server(endpoint = "results/hub")]
pub async fn get_results_hub() -> Result<ResultsHub, AppError> {
    use crate::ssr::{db, require, store_error};
    require(&[domain::Role::Organizer]).await?;
    let db = db()?;
    let now = chrono::Utc::now().timestamp_millis();
    let mut rounds = Vec::new();
    for r in store::rounds::list(&db).await.map_err(store_error)? {
        let tallies = store::results::unit_tallies(&db, r.id).await.map_err(store_error)?;
        rounds.push(RoundSummary {
            id: r.id,
            phase: domain::contest::round::phase(
                now,
                r.opens_at.timestamp_millis(),
                r.closes_at.timestamp_millis(),
            ),
            published: r.results_published,
            participants: tallies.iter().map(|t| t.participants).sum(),
            name: r.name,
        });
    }
    let p = store::results::prize_settings(&db).await.map_err(store_error)?;
    Ok(ResultsHub {
        rounds,
        prizes: [p.online, p.stage, p.collective],
        collective_min_rate: domain::results::units::format_rate(p.collective_min_rate_bp),
        stage_published: store::results::stage_published(&db).await.map_err(store_error)?,
    })
}

/// A round's results: always for organizers, for everyone else once published.
#[server(endpoint = "results/round")]
pub async fn get_round_results(id: i32) -> Result<RoundResults, AppError> {
    use crate::ssr::{current_user, fail, state, store_error};
    let state = state()?;
    let round = store::rounds::get(&state.db, id)
        .await
        .map_err(store_error)?
        .ok_or_else(|| fail(AppError::NotFound))?;
    let organizer = current_user().await?.is_some_and(|u| u.role == domain::Role::Organizer);
    if !round.results_published && !organizer {
        return Err(fail(AppError::Conflict("Kết quả vòng thi này chưa được công bố.".into())));
    }
    ssr::round_results(&state, &round).await
}

/// Unit standings across every online round (organizers: all rounds; others: published ones).
#[server(endpoint = "results/all-rounds")]
pub async fn get_all_rounds() -> Result<Vec<UnitRow>, AppError> {
    use crate::ssr::{current_user, db, store_error};
    let organizer = current_user().await?.is_some_and(|u| u.role == domain::Role::Organizer);
    let db = db()?;
    let tallies = store::results::unit_tallies_all_rounds(&db, !organizer).await.map_err(store_error)?;
    let prizes = store::results::prize_settings(&db).await.map_err(store_error)?;
    Ok(ssr::unit_rows(&tallies, prizes.collective, prizes.collective_min_rate_bp))
}

#[server(endpoint = "results/round/publish")]
pub async fn publish_round(id: i32, published: bool) -> Result<(), AppError> {
    use crate::ssr::{db, fail, require, state, store_error};
    let me = require(&[domain::Role::Organizer]).await?;
    if published {
        let state = state()?;
        let round = store::rounds::get(&state.db, id)
            .await
            .map_err(store_error)?
            .ok_or_else(|| fail(AppError::NotFound))?;
        if let Some(why) = ssr::round_results(&state, &round).await?.publish_blocker {
            return Err(fail(AppError::Conflict(why)));
        }
    }
    store::results::set_round_published(&db()?, id, published).await.map_err(|e| match e {
        store::StoreError::InUse(_) => {
            fail(AppError::Conflict("Vòng thi chưa kết thúc: chưa thể công bố kết quả.".into()))
        }
        other => store_error(other),
    })?;
    tracing::info!(by = me.id, round_id = id, published, "round results publication changed");
    Ok(())
}

/// Confirms the proposed prize list of a round ("round:ID") or of the stage contest ("stage").
#[server(endpoint = "results/confirm")]
pub async fn confirm_prizes(scope: String) -> Result<(), AppError> {
    use crate::ssr::{db, fail, require, state, store_error};
    let me = require(&[domain::Role::Organizer]).await?;
    let winners = if scope == "stage" {
        let s = ssr::stage_results(&db()?).await?;
        if !s.parts_pending.is_empty() {
            return Err(fail(AppError::Conflict(format!(
                "Chưa có danh sách giải để xác nhận: các phần thi chưa công bố: {}.",
                s.parts_pending.join("; ")
            ))));
        }
        ssr::proposal(s.teams.iter().map(|t| (t.name.as_str(), t.prize)))
    } else {
        let id: i32 = scope
            .strip_prefix("round:")
            .and_then(|i| i.parse().ok())
            .ok_or_else(|| fail(AppError::invalid("Phạm vi không hợp lệ.")))?;
        let state = state()?;
        let round = store::rounds::get(&state.db, id)
            .await
            .map_err(store_error)?
            .ok_or_else(|| fail(AppError::NotFound))?;
        let r = ssr::round_results(&state, &round).await?;
        ssr::proposal(r.people.iter().map(|p| (p.name.as_str(), p.prize)))
    };
    ssr::confirm(&db()?, &scope, &me.full_name, winners).await?;
    tracing::info!(by = me.id, %scope, "prizes confirmed");
    Ok(())
}

/// Prize counts: online round, stage contest and collective (per group), each "nhất,nhì,ba,kk".
#[server(endpoint = "results/prizes")]
pub async fn save_prizes(
    online: String,
    stage: String,
    collective: String,
    collective_min_rate: Option<String>,
) -> Result<(), AppError> {
    use crate::ssr::{db, fail, require, store_error};
    require(&[domain::Role::Organizer]).await?;
    let parse = |s: &str| -> Result<PrizeCounts, AppError> {
        let n: Vec<u32> = s
            .split([',', ' ', ';'])
            .filter(|x| !x.is_empty())
            .map(|x| x.parse::<u32>())
            .collect::<Result<_, _>>()
            .map_err(|_| {
                fail(AppError::invalid(
                    "Số giải phải là 4 số nguyên: nhất, nhì, ba, khuyến khích (ví dụ 1, 2, 3, 5).",
                ))
            })?;
        let counts: [u32; 4] = n
            .try_into()
            .map_err(|_| fail(AppError::invalid("Cần đúng 4 số: nhất, nhì, ba, khuyến khích.")))?;
        if counts.iter().any(|c| *c > 1000) {
            return Err(fail(AppError::invalid("Số giải quá lớn.")));
        }
        Ok(PrizeCounts(counts))
    };
    let min_rate_bp = match collective_min_rate.as_deref().map(|r| r.trim().trim_end_matches('%').trim()) {
        None | Some("") => 0,
        Some(r) => match r.replace(',', ".").parse::<f64>() {
            Ok(pct) if (0.0..=100.0).contains(&pct) => (pct * 100.0).round() as u32,
            _ => {
                return Err(fail(AppError::invalid(
                    "Tỷ lệ tham gia tối thiểu phải là số phần trăm từ 0 đến 100 (ví dụ 10 hoặc 12,5).",
                )));
            }
        },
    };
    let settings = store::results::PrizeSettings {
        online: parse(&online)?,
        stage: parse(&stage)?,
        collective: parse(&collective)?,
        collective_min_rate_bp: min_rate_bp,
    };
    let db = db()?;
    store::results::set_prize_settings(&db, &settings).await.map_err(store_error)?;
    store::results::bump_stage_version(&db).await.map_err(store_error)
}
