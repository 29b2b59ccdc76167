//! The results' use cases: boards built from the kept tallies (shared by the pages and the file
//! exports), prize proposals and their confirmation, publication, and what the public sees.

use crate::{
    error::AppError,
    service::caller::{Caller, Contestant, Organizer},
    ssr::AppState,
    wire::results::*,
};
use domain::results::prizes::PrizeCounts;
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
    let raw = store::results::get_setting(db, &format!("prizes_confirmed:{scope}")).await?;
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
    .await?;
    Ok(())
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
    let prizes = store::results::prize_settings(db).await?;
    let board = state.boards.get(db, round).await?;
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
            serde_json::from_str(frozen).map_err(|_| AppError::Internal)?
        }
        _ => store::results::unit_tallies(db, round.id).await?,
    };
    let units = unit_rows(&tallies, prizes.collective, prizes.collective_min_rate_bp);
    let confirmed = confirmation(db, &format!("round:{}", round.id), &round_proposal(&people)).await?;
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
        corrections: crate::service::corrections::notices(state, round.id).await?,
    })
}

/// A round's prize list as confirmed: the people's prizes. Collective prizes follow from the
/// unit tallies and the settings (a frozen board shows older tallies until publication, so they
/// are not part of the confirmed list).
fn round_proposal(people: &[PersonRow]) -> Vec<(String, String)> {
    proposal(people_rows(people))
}

fn people_rows(people: &[PersonRow]) -> impl Iterator<Item = (&str, Option<Prize>)> {
    people.iter().map(|p| (p.name.as_str(), p.prize))
}

pub async fn stage_results(db: &DatabaseConnection) -> Result<StageResults, AppError> {
    use domain::stage::standings::rank_teams;
    let prizes = store::results::prize_settings(db).await?;
    let scores = store::results::stage_scores(db).await?;
    let names: std::collections::HashMap<i64, String> =
        scores.iter().map(|(s, n)| (s.team_id, n.clone())).collect();
    let ranked = rank_teams(&scores.into_iter().map(|(s, _)| s).collect::<Vec<_>>());
    let parts = store::stage::parts(db).await?;
    let parts_pending: Vec<String> = parts
        .iter()
        .filter(|p| p.status != store::stage::PartStatus::Published)
        .map(|p| p.rules.name.clone())
        .collect();
    // Prizes follow the final ranking only: nothing is proposed while parts are still open.
    let counts =
        if prizes.stage_rest_encouraged { prizes.stage.with_rest_encouraged() } else { prizes.stage };
    let prizes_here = if parts_pending.is_empty() {
        allocate(&ranked.iter().map(|r| r.rank).collect::<Vec<_>>(), counts)
    } else {
        vec![None; ranked.len()]
    };
    let audience = store::audience::settings(db).await?;
    // The audience favourite follows the tally once voting is closed (not while it is open).
    let votes =
        if audience.closed_once && !audience.open { Some(store::audience::tally(db).await?) } else { None };
    let side_prizes = if parts_pending.is_empty() {
        side_awards(&ranked, &names, prizes.side, votes.as_deref())
    } else {
        Vec::new()
    };
    let now = chrono::Utc::now().timestamp_millis();
    let live_running = store::live::list(db).await?.iter().any(|r| {
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
    let mut out = StageResults {
        confirmed: None,
        publish_blocker: None,
        parts_pending,
        published: store::results::stage_published(db).await?,
        parts_published: parts
            .iter()
            .filter(|p| p.status == store::stage::PartStatus::Published)
            .map(|p| p.rules.name.clone())
            .collect(),
        teams,
        printed_on: printed_on(),
        side_prizes,
        rest_encouraged: prizes.stage_rest_encouraged,
    };
    out.confirmed = confirmation(db, "stage", &out.proposal()).await?;
    let complete = out.parts_pending.is_empty();
    out.publish_blocker = if complete && audience.open {
        Some("Khán giả đang bình chọn: đóng bình chọn (trang Khán giả) rồi xác nhận lại danh sách giải trước khi công bố.".to_owned())
    } else if complete && prizes.side.audience > 0 && !audience.closed_once {
        Some(
            "Giải Khán giả bình chọn chưa có kết quả: mở rồi đóng bình chọn (trang Khán giả), hoặc đặt số giải này là 0 (trang Kết quả)."
                .to_owned(),
        )
    } else {
        domain::results::publication::final_blocker(
            &out.parts_pending,
            live_running,
            out.confirmed.as_ref().is_some_and(|c| c.current),
        )
    };
    Ok(out)
}

/// Best sketch and best greeting on the published part scores (a team at zero is not considered).
fn side_awards(
    ranked: &[domain::stage::standings::RankedTeam],
    names: &std::collections::HashMap<i64, String>,
    counts: domain::results::side::SideCounts,
    votes: Option<&[(i32, String, u32)]>,
) -> Vec<SideAward> {
    use domain::results::side::{SidePrize, winners};
    SidePrize::ALL
        .into_iter()
        .filter(|p| counts.of(*p) > 0)
        .filter_map(|prize| {
            // (team, score in hundredths or votes, as shown).
            let scored: Vec<(i64, i64, String)> = match prize {
                SidePrize::BestSketch => ranked
                    .iter()
                    .map(|r| (r.scores.team_id, r.scores.sketch.0, r.scores.sketch.to_string()))
                    .collect(),
                SidePrize::BestGreeting => ranked
                    .iter()
                    .map(|r| (r.scores.team_id, r.scores.greeting.0, r.scores.greeting.to_string()))
                    .collect(),
                SidePrize::AudienceFavourite => votes?
                    .iter()
                    .map(|(id, _, n)| (i64::from(*id), i64::from(*n), format!("{n} phiếu")))
                    .collect(),
            };
            let scores: Vec<(i64, Option<i64>)> =
                scored.iter().map(|(id, s, _)| (*id, Some(*s).filter(|s| *s > 0))).collect();
            let won = winners(&scores, counts.of(prize));
            Some(SideAward {
                prize: prize.label().to_owned(),
                basis: prize.basis().to_owned(),
                winners: won
                    .iter()
                    .filter_map(|id| {
                        let (_, _, shown) = scored.iter().find(|(t, _, _)| t == id)?;
                        Some((names.get(id).cloned().unwrap_or_default(), shown.clone()))
                    })
                    .collect(),
            })
        })
        .collect()
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
pub async fn get_results_hub(state: &AppState, _me: &Organizer) -> Result<ResultsHub, AppError> {
    let db = state.db.clone();
    let now = chrono::Utc::now().timestamp_millis();
    let mut rounds = Vec::new();
    for r in store::rounds::list(&db).await? {
        let tallies = store::results::unit_tallies(&db, r.id).await?;
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
    let p = store::results::prize_settings(&db).await?;
    Ok(ResultsHub {
        rounds,
        prizes: [p.online, p.stage, p.collective],
        collective_min_rate: domain::results::units::format_rate(p.collective_min_rate_bp),
        stage_published: store::results::stage_published(&db).await?,
        stage_rest_encouraged: p.stage_rest_encouraged,
        side: p.side,
    })
}

/// A round's results: always for organizers, for everyone else once published.
pub async fn get_round_results(
    state: &AppState,
    caller: Option<&Caller>,
    id: i32,
) -> Result<RoundResults, AppError> {
    let state = state.clone();
    let round = store::rounds::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let organizer = caller.map(|c| c.current.clone()).is_some_and(|u| u.role == domain::Role::Organizer);
    if !round.results_published && !organizer {
        return Err(AppError::Conflict("Kết quả vòng thi này chưa được công bố.".into()));
    }
    round_results(&state, &round).await
}

/// Unit standings across every online round (organizers: all rounds; others: published ones).
pub async fn get_all_rounds(state: &AppState, caller: Option<&Caller>) -> Result<Vec<UnitRow>, AppError> {
    let organizer = caller.map(|c| c.current.clone()).is_some_and(|u| u.role == domain::Role::Organizer);
    let db = state.db.clone();
    let tallies = store::results::unit_tallies_all_rounds(&db, !organizer).await?;
    let prizes = store::results::prize_settings(&db).await?;
    Ok(unit_rows(&tallies, prizes.collective, prizes.collective_min_rate_bp))
}

pub async fn publish_round(
    state: &AppState,
    me: &Organizer,
    id: i32,
    published: bool,
) -> Result<(), AppError> {
    if published {
        let state = state.clone();
        let round = store::rounds::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
        if let Some(why) = round_results(&state, &round).await?.publish_blocker {
            return Err(AppError::Conflict(why));
        }
    }
    store::results::set_round_published(&state.db, id, published).await?;
    tracing::info!(by = me.id(), round_id = id, published, "round results publication changed");
    Ok(())
}

/// Confirms the proposed prize list of a round ("round:ID") or of the stage contest ("stage").
pub async fn confirm_prizes(state: &AppState, me: &Organizer, scope: String) -> Result<(), AppError> {
    let winners = if scope == "stage" {
        let s = stage_results(&state.db.clone()).await?;
        if !s.parts_pending.is_empty() {
            return Err(AppError::Conflict(format!(
                "Chưa có danh sách giải để xác nhận: các phần thi chưa công bố: {}.",
                s.parts_pending.join("; ")
            )));
        }
        s.proposal()
    } else {
        let id: i32 = scope
            .strip_prefix("round:")
            .and_then(|i| i.parse().ok())
            .ok_or_else(|| AppError::invalid("Phạm vi không hợp lệ."))?;
        let state = state.clone();
        let round = store::rounds::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
        let r = round_results(&state, &round).await?;
        round_proposal(&r.people)
    };
    confirm(&state.db.clone(), &scope, &me.0.current.full_name, winners).await?;
    tracing::info!(by = me.id(), %scope, "prizes confirmed");
    Ok(())
}

/// The final's prize settings as the form sends them.
pub struct StageExtras {
    /// "nhất, nhì, ba, khuyến khích".
    pub counts: String,
    pub rest_encouraged: bool,
    pub best_sketch: Option<String>,
    pub best_greeting: Option<String>,
    pub audience: Option<String>,
}

/// Prize counts: online round, stage contest and collective (per group), each "nhất,nhì,ba,kk".
pub async fn save_prizes(
    state: &AppState,
    _me: &Organizer,
    online: String,
    collective: String,
    collective_min_rate: Option<String>,
    stage: StageExtras,
) -> Result<(), AppError> {
    let parse = |s: &str| -> Result<PrizeCounts, AppError> {
        let n: Vec<u32> = s
            .split([',', ' ', ';'])
            .filter(|x| !x.is_empty())
            .map(|x| x.parse::<u32>())
            .collect::<Result<_, _>>()
            .map_err(|_| {
                AppError::invalid(
                    "Số giải phải là 4 số nguyên: nhất, nhì, ba, khuyến khích (ví dụ 1, 2, 3, 5).",
                )
            })?;
        let counts: [u32; 4] =
            n.try_into().map_err(|_| AppError::invalid("Cần đúng 4 số: nhất, nhì, ba, khuyến khích."))?;
        if counts.iter().any(|c| *c > 1000) {
            return Err(AppError::invalid("Số giải quá lớn."));
        }
        Ok(PrizeCounts(counts))
    };
    let min_rate_bp = match collective_min_rate.as_deref().map(|r| r.trim().trim_end_matches('%').trim()) {
        None | Some("") => 0,
        Some(r) => match r.replace(',', ".").parse::<f64>() {
            Ok(pct) if (0.0..=100.0).contains(&pct) => (pct * 100.0).round() as u32,
            _ => {
                return Err(AppError::invalid(
                    "Tỷ lệ tham gia tối thiểu phải là số phần trăm từ 0 đến 100 (ví dụ 10 hoặc 12,5).",
                ));
            }
        },
    };
    let side_count = |raw: Option<&str>, what: &str| -> Result<u32, AppError> {
        match raw.map(str::trim) {
            None | Some("") => Ok(0),
            Some(n) => n.parse::<u32>().ok().filter(|n| *n <= 100).ok_or_else(|| {
                AppError::invalid(format!("Số {what} phải là số nguyên từ 0 đến 100 (0 là không trao)."))
            }),
        }
    };
    let settings = store::results::PrizeSettings {
        online: parse(&online)?,
        stage: parse(&stage.counts)?,
        collective: parse(&collective)?,
        collective_min_rate_bp: min_rate_bp,
        stage_rest_encouraged: stage.rest_encouraged,
        side: domain::results::side::SideCounts {
            best_sketch: side_count(stage.best_sketch.as_deref(), "giải Tiểu phẩm xuất sắc nhất")?,
            best_greeting: side_count(stage.best_greeting.as_deref(), "giải Chào hỏi ấn tượng nhất")?,
            audience: side_count(stage.audience.as_deref(), "giải Khán giả bình chọn")?,
        },
    };
    let db = state.db.clone();
    store::results::set_prize_settings(&db, &settings).await?;
    store::results::bump_stage_version(&db).await.map_err(AppError::from)
}

pub async fn get_stage_results(state: &AppState, caller: Option<&Caller>) -> Result<StageResults, AppError> {
    let db = state.db.clone();
    let organizer = caller.map(|c| c.current.clone()).is_some_and(|u| u.role == domain::Role::Organizer);
    if !organizer && !store::results::stage_published(&db).await? {
        return Err(AppError::Conflict("Kết quả chung cuộc vòng chung kết chưa được công bố.".into()));
    }
    stage_results(&db).await
}

pub async fn publish_stage(state: &AppState, _me: &Organizer, published: bool) -> Result<(), AppError> {
    let db = state.db.clone();
    if published && let Some(why) = stage_results(&db).await?.publish_blocker {
        return Err(AppError::Conflict(why));
    }
    store::results::put_setting(&db, "stage_published", if published { "true" } else { "false" }).await?;
    store::results::bump_stage_version(&db).await.map_err(AppError::from)
}

/// Everything published, for the projector (no sign-in needed; nothing unpublished).
pub async fn get_projector_data(state: &AppState) -> Result<ProjectorData, AppError> {
    let state = state.clone();
    let mut rounds = Vec::new();
    for r in store::rounds::list(&state.db).await? {
        if r.results_published {
            let mut results = round_results(&state, &r).await?;
            // The top ten and every prize winner below them: what the projector shows.
            let last_prize = results.people.iter().rposition(|p| p.prize.is_some()).map_or(0, |i| i + 1);
            results.people.truncate(last_prize.max(10));
            rounds.push(results);
        }
    }
    let stage = if store::results::stage_published(&state.db).await? {
        Some(stage_results(&state.db).await?)
    } else {
        None
    };
    let version = store::results::board_version(&state.db).await?;
    Ok(ProjectorData { version, rounds, stage })
}

/// The signed-in contestant's rank and unit standing in each published round.
pub async fn get_my_standing(state: &AppState, me: &Contestant) -> Result<Vec<MyStanding>, AppError> {
    let state = state.clone();
    let mut out = Vec::new();
    for r in store::rounds::list(&state.db).await?.into_iter().filter(|r| r.results_published) {
        let board = state.boards.get(&state.db, &r).await?;
        let mine = board.entries.iter().find(|e| e.user_id == i64::from(me.id()));
        let results = round_results(&state, &r).await?;
        let unit =
            me.0.current
                .unit_name
                .as_ref()
                .and_then(|n| results.units.iter().find(|u| &u.name == n).cloned());
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
pub async fn get_board_version(state: &AppState) -> Result<i64, AppError> {
    store::results::board_version(&state.db.clone()).await.map_err(AppError::from)
}

/// The certificates of a confirmed prize list: `scope` is "stage" or "round:{id}". Nothing is
/// printed from a list that is not confirmed, or that changed since its confirmation.
pub async fn get_certificates(
    state: &AppState,
    _me: &Organizer,
    scope: &str,
) -> Result<Certificates, AppError> {
    let db = state.db.clone();
    let not_confirmed = "Danh sách giải chưa được Ban tổ chức xác nhận (hoặc đã thay đổi sau khi xác nhận): \
                         xác nhận danh sách giải trước khi in giấy chứng nhận.";
    let (back, confirmed, items) = if scope == "stage" {
        let s = stage_results(&db).await?;
        let event = "Vòng chung kết sân khấu".to_owned();
        let mut items: Vec<Certificate> = s
            .teams
            .iter()
            .filter_map(|t| {
                Some(Certificate {
                    recipient: t.name.clone(),
                    detail: format!("Tổng điểm: {}", t.total),
                    prize: t.prize?.label().to_owned(),
                    event: event.clone(),
                })
            })
            .collect();
        for a in &s.side_prizes {
            items.extend(a.winners.iter().map(|(team, score)| Certificate {
                recipient: team.clone(),
                detail: format!("{}: {score}", capitalized(&a.basis)),
                prize: a.prize.clone(),
                event: event.clone(),
            }));
        }
        ("/ket-qua/san-khau".to_owned(), s.confirmed, items)
    } else {
        let id: i32 = scope
            .strip_prefix("round:")
            .and_then(|i| i.parse().ok())
            .ok_or_else(|| AppError::invalid("Phạm vi không hợp lệ."))?;
        let round = store::rounds::get(&db, id).await?.ok_or(AppError::NotFound)?;
        let r = round_results(state, &round).await?;
        let mut items: Vec<Certificate> = r
            .people
            .iter()
            .filter_map(|p| {
                Some(Certificate {
                    recipient: p.name.clone(),
                    detail: format!("Đơn vị: {}", p.unit),
                    prize: p.prize?.label().to_owned(),
                    event: r.name.clone(),
                })
            })
            .collect();
        // Collective prizes from the final tallies: before publication a frozen board may show
        // older ones.
        let units = if r.published { r.units.clone() } else { Vec::new() };
        items.extend(units.iter().filter_map(|u| {
            Some(Certificate {
                recipient: u.name.clone(),
                detail: format!("Tỷ lệ tham gia: {}", u.rate),
                prize: format!("{} tập thể {}", u.prize?.label(), u.group.label()),
                event: r.name.clone(),
            })
        }));
        (format!("/ket-qua/vong/{id}"), r.confirmed, items)
    };
    let current = confirmed.is_some_and(|c| c.current);
    Ok(Certificates {
        back,
        issued_on: printed_on(),
        blocker: (!current).then(|| not_confirmed.to_owned()),
        items: if current { items } else { Vec::new() },
    })
}

fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
