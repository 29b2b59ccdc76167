//! Server-side building of boards, shared by the server functions and the file exports.

use super::*;
use crate::error::AppError;
use crate::ssr::{fail, store_error};
use domain::results::{
    prizes::allocate,
    units::{format_rate, standings},
};
use domain::{UnitGroup, results::prizes::Prize};
use sea_orm::DatabaseConnection;
use serde::{Deserialize, Serialize};

/// The winners a board proposes now: (name, prize) in rank order.
pub fn proposal<'a>(rows: impl Iterator<Item = (&'a str, Option<Prize>)>) -> Vec<(String, String)> {
    rows.filter_map(|(name, prize)| Some((name.to_owned(), prize?.label().to_owned()))).collect()
}

#[derive(Serialize, Deserialize)]
struct Stored {
    by: String,
    at_ms: i64,
    winners: Vec<(String, String)>,
}

/// The stored confirmation of `scope`, compared with the current proposal.
pub async fn confirmation(
    db: &DatabaseConnection,
    scope: &str,
    current: &[(String, String)],
) -> Result<Option<Confirmation>, AppError> {
    let raw =
        store::results::get_setting(db, &format!("prizes_confirmed:{scope}")).await.map_err(store_error)?;
    Ok(raw.and_then(|r| serde_json::from_str::<Stored>(&r).ok()).map(|s| Confirmation {
        current: s.winners == current,
        by: s.by,
        at_ms: s.at_ms,
        winners: s.winners,
    }))
}

/// Records the organizer's confirmation of the current proposal.
pub async fn confirm(
    db: &DatabaseConnection,
    scope: &str,
    by: &str,
    winners: Vec<(String, String)>,
) -> Result<(), AppError> {
    let stored = Stored { by: by.to_owned(), at_ms: chrono::Utc::now().timestamp_millis(), winners };
    store::results::put_setting(
        db,
        &format!("prizes_confirmed:{scope}"),
        &serde_json::to_string(&stored).unwrap_or_default(),
    )
    .await
    .map_err(store_error)
}

/// Today's date as official documents write it.
pub fn printed_on() -> String {
    let date = domain::time::format_datetime(chrono::Utc::now().timestamp_millis());
    let d = date.rsplit(' ').next().unwrap_or_default().to_owned();
    let mut parts = d.split('/');
    let (day, month, year) =
        (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    format!("Bình Định, ngày {day} tháng {month} năm {year}")
}

/// Builds a round's results (individual board from the cache, units from the aggregates).
pub async fn round_results(
    state: &crate::ssr::AppState,
    round: &store::entity::round::Model,
) -> Result<RoundResults, AppError> {
    let db: &DatabaseConnection = &state.db;
    let prizes = store::results::prize_settings(db).await.map_err(store_error)?;
    let board = state.boards.get(db, round).await.map_err(store_error)?;
    let person_prizes = allocate(&board.entries.iter().map(|e| e.rank).collect::<Vec<_>>(), prizes.online);
    let mut distribution = vec![0u32; board.entries.iter().map(|e| e.total as usize + 1).max().unwrap_or(1)];
    for e in &board.entries {
        if let Some(slot) = distribution.get_mut(e.correct as usize) {
            *slot += 1;
        }
    }
    let people: Vec<PersonRow> = board
        .entries
        .iter()
        .zip(person_prizes)
        .map(|(e, prize)| PersonRow {
            rank: e.rank,
            name: e.full_name.clone(),
            unit: e.unit.clone(),
            correct: e.correct,
            total: e.total,
            prediction: e.prediction,
            duration_ms: e.duration_ms,
            prize,
        })
        .collect();
    let tallies = match round.frozen_board.as_deref() {
        // The public board stays as it was when the freeze began, until the results are out.
        Some(frozen) if !round.results_published => {
            serde_json::from_str(frozen).map_err(|_| fail(AppError::Internal))?
        }
        _ => store::results::unit_tallies(db, round.id).await.map_err(store_error)?,
    };
    let units = unit_rows(&tallies, prizes.collective, prizes.collective_min_rate_bp);
    let people_proposal = proposal(people_rows(&people));
    let confirmed = confirmation(db, &format!("round:{}", round.id), &people_proposal).await?;
    let phase = domain::contest::round::phase(
        chrono::Utc::now().timestamp_millis(),
        round.opens_at.timestamp_millis(),
        round.closes_at.timestamp_millis(),
    );
    let publish_blocker = domain::results::publication::round_blocker(
        phase == domain::contest::round::Phase::Closed,
        confirmed.as_ref().is_some_and(|c| c.current),
    )
    .map(str::to_owned);
    Ok(RoundResults {
        confirmed,
        publish_blocker,
        collective_rule: collective_rule(prizes.collective_min_rate_bp),
        id: round.id,
        name: round.name.clone(),
        phase,
        published: round.results_published,
        figure: board.figure,
        people,
        units,
        distribution,
        closes_ms: round.closes_at.timestamp_millis(),
        printed_on: printed_on(),
    })
}

fn people_rows(people: &[PersonRow]) -> impl Iterator<Item = (&str, Option<Prize>)> {
    people.iter().map(|p| (p.name.as_str(), p.prize))
}

pub async fn stage_results(db: &DatabaseConnection) -> Result<StageResults, AppError> {
    use domain::stage::standings::rank_teams;
    let prizes = store::results::prize_settings(db).await.map_err(store_error)?;
    let scores = store::results::stage_scores(db).await.map_err(store_error)?;
    let names: std::collections::HashMap<i64, String> =
        scores.iter().map(|(s, n)| (s.team_id, n.clone())).collect();
    let ranked = rank_teams(&scores.into_iter().map(|(s, _)| s).collect::<Vec<_>>());
    let parts = store::stage::parts(db).await.map_err(crate::pages::stage::api::ssr::stage_error)?;
    let parts_pending: Vec<String> = parts
        .iter()
        .filter(|p| p.status != store::stage::PartStatus::Published)
        .map(|p| p.rules.name.clone())
        .collect();
    // Prizes follow the final ranking only: nothing is proposed while parts are still open.
    let prizes_here = if parts_pending.is_empty() {
        allocate(&ranked.iter().map(|r| r.rank).collect::<Vec<_>>(), prizes.stage)
    } else {
        vec![None; ranked.len()]
    };
    let now = chrono::Utc::now().timestamp_millis();
    let live_running =
        store::live::list(db).await.map_err(crate::pages::live::api::ssr::live_error)?.iter().any(|r| {
            !matches!(r.state.effective_phase(now), domain::live::Phase::Lobby | domain::live::Phase::Ended)
        });
    let teams: Vec<TeamRow> = ranked
        .into_iter()
        .zip(prizes_here)
        .map(|(r, prize)| TeamRow {
            rank: r.rank,
            name: names.get(&r.scores.team_id).cloned().unwrap_or_default(),
            greeting: r.scores.greeting.to_string(),
            knowledge: r.scores.knowledge.to_string(),
            sketch: r.scores.sketch.to_string(),
            penalties: r.scores.penalties.to_string(),
            total: r.scores.total().to_string(),
            prize,
        })
        .collect();
    let current = proposal(teams.iter().map(|t| (t.name.as_str(), t.prize)));
    let confirmed = confirmation(db, "stage", &current).await?;
    let publish_blocker = domain::results::publication::final_blocker(
        &parts_pending,
        live_running,
        confirmed.as_ref().is_some_and(|c| c.current),
    );
    Ok(StageResults {
        confirmed,
        publish_blocker,
        parts_pending,
        published: store::results::stage_published(db).await.map_err(store_error)?,
        parts_published: parts
            .iter()
            .filter(|p| p.status == store::stage::PartStatus::Published)
            .map(|p| p.rules.name.clone())
            .collect(),
        teams,
        printed_on: printed_on(),
    })
}

/// The collective prizes' rule in words.
pub fn collective_rule(min_rate_bp: u32) -> String {
    if min_rate_bp == 0 {
        "Giải tập thể xét theo tỷ lệ tham gia, rồi điểm trung bình; đơn vị không có người tham gia không được xét.".to_owned()
    } else {
        format!(
            "Giải tập thể xét theo tỷ lệ tham gia, rồi điểm trung bình; chỉ đơn vị có tỷ lệ tham gia từ {} trở lên được xét giải.",
            domain::results::units::format_rate(min_rate_bp)
        )
    }
}

/// Units of a board, ranked within each group, with collective prizes for units that took part.
pub fn unit_rows(
    tallies: &[domain::results::units::UnitTally],
    collective: domain::results::prizes::PrizeCounts,
    min_rate_bp: u32,
) -> Vec<UnitRow> {
    let standing = standings(tallies);
    let mut rows = Vec::new();
    for group in UnitGroup::ALL {
        let in_group: Vec<_> = standing.iter().filter(|s| s.tally.group == group).collect();
        // Units under the minimum rate are ranked but take no prize place.
        let eligible =
            |s: &&domain::results::units::UnitStanding| s.tally.participants > 0 && s.rate_bp >= min_rate_bp;
        let prizes_here = allocate(
            &in_group
                .iter()
                .map(|s| if eligible(s) { s.rank_in_group.unwrap_or(u32::MAX) } else { u32::MAX })
                .collect::<Vec<_>>(),
            collective,
        );
        for (s, prize) in in_group.into_iter().zip(prizes_here) {
            rows.push(UnitRow {
                rank: s.rank_in_group,
                name: s.tally.name.clone(),
                group,
                headcount: s.tally.headcount,
                participants: s.tally.participants,
                rate: format_rate(s.rate_bp),
                rate_bp: s.rate_bp,
                average: domain::stage::Hundredths(s.average_hundredths as i64).to_string(),
                prize: prize.filter(|_| eligible(&s)),
            });
        }
    }
    rows
}
