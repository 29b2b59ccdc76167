//! Server functions of the results pages, the projector and the contestants' standing.

use crate::error::AppError;
use domain::{
    UnitGroup,
    contest::round::Phase,
    results::prizes::{Prize, PrizeCounts},
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A round in the results list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundSummary {
    pub id: i32,
    pub name: String,
    pub phase: Phase,
    pub published: bool,
    pub participants: u32,
}

/// The organizers' results hub.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultsHub {
    pub rounds: Vec<RoundSummary>,
    pub prizes: [PrizeCounts; 3],
    pub stage_published: bool,
}

/// A person on a board, with the proposed prize.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRow {
    pub rank: u32,
    pub name: String,
    pub unit: String,
    pub correct: u32,
    pub total: u32,
    pub prediction: Option<i64>,
    pub duration_ms: i64,
    pub prize: Option<Prize>,
}

/// A unit on a board, with its collective prize.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitRow {
    /// None for a unit nobody from has taken part in.
    pub rank: Option<u32>,
    pub name: String,
    pub group: UnitGroup,
    pub headcount: u32,
    pub participants: u32,
    pub rate: String,
    pub rate_bp: u32,
    pub average: String,
    pub prize: Option<Prize>,
}

/// The organizers' confirmation of a prize list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Confirmation {
    pub by: String,
    pub at_ms: i64,
    /// Winners as confirmed: (name, prize).
    pub winners: Vec<(String, String)>,
    /// Whether the current proposal is still the confirmed one.
    pub current: bool,
}

/// A round's results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundResults {
    pub confirmed: Option<Confirmation>,
    pub id: i32,
    pub name: String,
    pub phase: Phase,
    pub published: bool,
    pub figure: Option<i64>,
    pub people: Vec<PersonRow>,
    pub units: Vec<UnitRow>,
    /// Count of best scores per number of correct answers (index = correct).
    pub distribution: Vec<u32>,
    pub closes_ms: i64,
    /// "Bình Định, ngày 27 tháng 11 năm 2026": the date for printed reports.
    pub printed_on: String,
}

/// A team in the stage standings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamRow {
    pub rank: u32,
    pub name: String,
    pub greeting: String,
    pub knowledge: String,
    pub sketch: String,
    pub penalties: String,
    pub total: String,
    pub prize: Option<Prize>,
}

/// The stage standings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageResults {
    pub confirmed: Option<Confirmation>,
    pub published: bool,
    pub parts_published: Vec<String>,
    pub teams: Vec<TeamRow>,
    pub printed_on: String,
}

/// What the projector shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectorData {
    pub version: i64,
    pub rounds: Vec<RoundResults>,
    pub stage: Option<StageResults>,
}

/// A contestant's own standing in published rounds: (round, rank, correct/total, unit, unit rank).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyStanding {
    pub round: String,
    pub round_id: i32,
    pub rank: Option<u32>,
    pub people: usize,
    pub score: String,
    pub unit: Option<UnitRow>,
    pub unit_count: usize,
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use super::*;
    use crate::ssr::{fail, store_error};
    use domain::results::{
        prizes::allocate,
        units::{format_rate, standings},
    };
    use sea_orm::DatabaseConnection;

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
        let raw = store::results::get_setting(db, &format!("prizes_confirmed:{scope}"))
            .await
            .map_err(store_error)?;
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
        let person_prizes =
            allocate(&board.entries.iter().map(|e| e.rank).collect::<Vec<_>>(), prizes.online);
        let mut distribution =
            vec![0u32; board.entries.iter().map(|e| e.total as usize + 1).max().unwrap_or(1)];
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
        let standing = standings(&tallies);
        let mut units = Vec::new();
        for group in UnitGroup::ALL {
            let in_group: Vec<_> = standing.iter().filter(|s| s.tally.group == group).collect();
            let prizes_here = allocate(
                &in_group.iter().map(|s| s.rank_in_group.unwrap_or(u32::MAX)).collect::<Vec<_>>(),
                prizes.collective,
            );
            for (s, prize) in in_group.into_iter().zip(prizes_here) {
                units.push(UnitRow {
                    rank: s.rank_in_group,
                    name: s.tally.name.clone(),
                    group,
                    headcount: s.tally.headcount,
                    participants: s.tally.participants,
                    rate: format_rate(s.rate_bp),
                    rate_bp: s.rate_bp,
                    average: domain::stage::Hundredths(s.average_hundredths as i64).to_string(),
                    prize: prize.filter(|_| s.tally.participants > 0),
                });
            }
        }
        let people_proposal = proposal(people_rows(&people));
        Ok(RoundResults {
            confirmed: confirmation(db, &format!("round:{}", round.id), &people_proposal).await?,
            id: round.id,
            name: round.name.clone(),
            phase: domain::contest::round::phase(
                chrono::Utc::now().timestamp_millis(),
                round.opens_at.timestamp_millis(),
                round.closes_at.timestamp_millis(),
            ),
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
        let prizes_here = allocate(&ranked.iter().map(|r| r.rank).collect::<Vec<_>>(), prizes.stage);
        let parts = store::stage::parts(db).await.map_err(crate::pages::stage::api::ssr::stage_error)?;
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
        Ok(StageResults {
            confirmed: confirmation(db, "stage", &current).await?,
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
}

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
    use domain::results::units::{format_rate, standings};
    let organizer = current_user().await?.is_some_and(|u| u.role == domain::Role::Organizer);
    let db = db()?;
    let tallies = store::results::unit_tallies_all_rounds(&db, !organizer).await.map_err(store_error)?;
    let prizes = store::results::prize_settings(&db).await.map_err(store_error)?;
    let standing = standings(&tallies);
    let mut rows = Vec::new();
    for group in UnitGroup::ALL {
        let in_group: Vec<_> = standing.iter().filter(|s| s.tally.group == group).collect();
        let prizes_here = domain::results::prizes::allocate(
            &in_group.iter().map(|s| s.rank_in_group.unwrap_or(u32::MAX)).collect::<Vec<_>>(),
            prizes.collective,
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
                prize: prize.filter(|_| s.tally.participants > 0),
            });
        }
    }
    Ok(rows)
}

#[server(endpoint = "results/round/publish")]
pub async fn publish_round(id: i32, published: bool) -> Result<(), AppError> {
    use crate::ssr::{db, fail, require, store_error};
    let me = require(&[domain::Role::Organizer]).await?;
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

#[server(endpoint = "results/stage")]
pub async fn get_stage_results() -> Result<StageResults, AppError> {
    use crate::ssr::{current_user, db, fail, store_error};
    let db = db()?;
    let organizer = current_user().await?.is_some_and(|u| u.role == domain::Role::Organizer);
    if !organizer && !store::results::stage_published(&db).await.map_err(store_error)? {
        return Err(fail(AppError::Conflict("Kết quả chung cuộc vòng chung kết chưa được công bố.".into())));
    }
    ssr::stage_results(&db).await
}

#[server(endpoint = "results/stage/publish")]
pub async fn publish_stage(published: bool) -> Result<(), AppError> {
    use crate::ssr::{db, require, store_error};
    require(&[domain::Role::Organizer]).await?;
    let db = db()?;
    store::results::put_setting(&db, "stage_published", if published { "true" } else { "false" })
        .await
        .map_err(store_error)?;
    store::results::bump_stage_version(&db).await.map_err(store_error)
}

/// Prize counts: online round, stage contest and collective (per group), each "nhất,nhì,ba,kk".
#[server(endpoint = "results/prizes")]
pub async fn save_prizes(online: String, stage: String, collective: String) -> Result<(), AppError> {
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
    let settings = store::results::PrizeSettings {
        online: parse(&online)?,
        stage: parse(&stage)?,
        collective: parse(&collective)?,
    };
    let db = db()?;
    store::results::set_prize_settings(&db, &settings).await.map_err(store_error)?;
    store::results::bump_stage_version(&db).await.map_err(store_error)
}

/// Everything published, for the projector (no sign-in needed; nothing unpublished).
#[server(endpoint = "results/projector")]
pub async fn get_projector_data() -> Result<ProjectorData, AppError> {
    use crate::ssr::{state, store_error};
    let state = state()?;
    let mut rounds = Vec::new();
    for r in store::rounds::list(&state.db).await.map_err(store_error)? {
        if r.results_published {
            let mut results = ssr::round_results(&state, &r).await?;
            results.people.truncate(10);
            rounds.push(results);
        }
    }
    let stage = if store::results::stage_published(&state.db).await.map_err(store_error)? {
        Some(ssr::stage_results(&state.db).await?)
    } else {
        None
    };
    let version = store::results::board_version(&state.db).await.map_err(store_error)?;
    Ok(ProjectorData { version, rounds, stage })
}

/// The signed-in contestant's rank and unit standing in each published round.
#[server(endpoint = "results/mine")]
pub async fn get_my_standing() -> Result<Vec<MyStanding>, AppError> {
    use crate::ssr::{require, state, store_error};
    let me = require(&[domain::Role::Contestant]).await?;
    let state = state()?;
    let mut out = Vec::new();
    for r in
        store::rounds::list(&state.db).await.map_err(store_error)?.into_iter().filter(|r| r.results_published)
    {
        let board = state.boards.get(&state.db, &r).await.map_err(store_error)?;
        let mine = board.entries.iter().find(|e| e.user_id == i64::from(me.id));
        let results = ssr::round_results(&state, &r).await?;
        let unit = me.unit_name.as_ref().and_then(|n| results.units.iter().find(|u| &u.name == n).cloned());
        let unit_count =
            unit.as_ref().map_or(0, |u| results.units.iter().filter(|x| x.group == u.group).count());
        out.push(MyStanding {
            round: r.name.clone(),
            round_id: r.id,
            rank: mine.map(|e| e.rank),
            people: board.entries.len(),
            score: mine.map(|e| format!("{}/{}", e.correct, e.total)).unwrap_or_default(),
            unit,
            unit_count,
        });
    }
    Ok(out)
}

/// The current version of every board (the projector reloads its data when it changes).
#[server(endpoint = "results/version")]
pub async fn get_board_version() -> Result<i64, AppError> {
    use crate::ssr::{db, store_error};
    store::results::board_version(&db()?).await.map_err(store_error)
}
