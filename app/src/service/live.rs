//! The live knowledge round's use cases: setting a round up, the host's commands, voiding a
//! question, team devices answering, and what each screen may see (the key only for the host,
//! or for everyone once revealed).

use crate::{
    error::AppError,
    service::caller::{Organizer, TeamDevice},
    ssr::AppState,
    wire::live::*,
};
use domain::live::Phase;
use std::collections::HashMap;
use views::view;

pub async fn live_rounds(state: &AppState, _me: &Organizer) -> Result<Vec<LiveRow>, AppError> {
    let rounds = store::live::list(&state.db.clone()).await?;
    Ok(rounds
        .into_iter()
        .map(|r| LiveRow {
            id: r.id,
            name: r.name,
            phase: r.state.phase,
            questions: r.state.questions,
            teams: r.team_ids.len(),
        })
        .collect())
}

/// The bank's topics, for drawing live questions by topic.
pub async fn live_topics(state: &AppState, _me: &Organizer) -> Result<Vec<(String, String)>, AppError> {
    Ok(store::questions::topics(&state.db.clone()).await?.into_iter().map(|t| (t.slug, t.name)).collect())
}

/// Creates a live round: questions by bank codes (comma-separated) or `draw` of them at random;
/// the teams ticked (none: every team with a device account).
// One argument per field of the form it serves (the form works without JavaScript).
#[allow(clippy::too_many_arguments)]
pub async fn create_live_round(
    state: &AppState,
    _me: &Organizer,
    name: String,
    codes: String,
    draw: String,
    question_secs: String,
    points: String,
    speed_bonus: String,
    teams: Option<HashMap<String, String>>,
    topic: Option<String>,
    difficulty: Option<String>,
    as_of: Option<String>,
) -> Result<i32, AppError> {
    use domain::stage::{Hundredths, Quarters};
    let invalid = |m: &str| AppError::invalid(m);
    let db = state.db.clone();
    let codes: Vec<String> =
        codes.split([',', ' ', '\n']).map(str::trim).filter(|c| !c.is_empty()).map(str::to_owned).collect();
    let question_ids = if codes.is_empty() {
        let n: usize =
            draw.trim().parse().map_err(|_| invalid("Số câu hỏi rút ngẫu nhiên phải là số nguyên."))?;
        if !(1..=50).contains(&n) {
            return Err(invalid("Số câu hỏi phải từ 1 đến 50."));
        }
        let seed = chrono::Utc::now().timestamp_millis() as u64;
        let topic = topic.filter(|t| !t.is_empty());
        let difficulty = difficulty.as_deref().and_then(domain::Difficulty::parse);
        let as_of = crate::service::rounds::parse_as_of(as_of.as_deref())?;
        store::live::draw_questions(&db, n, topic.as_deref(), difficulty, as_of, seed).await?
    } else {
        store::live::question_ids_for(&db, &codes).await.map_err(|e| match e {
            store::StoreError::NotFound => AppError::invalid("Có mã câu hỏi không tồn tại trong ngân hàng."),
            other => other.into(),
        })?
    };
    let secs: u32 = question_secs
        .trim()
        .parse()
        .ok()
        .filter(|s| (5..=600).contains(s))
        .ok_or_else(|| invalid("Thời gian mỗi câu phải từ 5 đến 600 giây."))?;
    let points = Hundredths::from(
        Quarters::parse(&points, Quarters(400), Quarters(1))
            .map_err(|e| AppError::Invalid(format!("Điểm mỗi câu: {e}")))?,
    );
    let bonus = if speed_bonus.trim().is_empty() {
        Hundredths(0)
    } else {
        Hundredths::from(
            Quarters::parse(&speed_bonus, Quarters(400), Quarters(1))
                .map_err(|e| AppError::Invalid(format!("Điểm thưởng tốc độ: {e}")))?,
        )
    };
    let all_teams = store::stage::teams(&db).await?;
    let chosen: Vec<i32> = teams.unwrap_or_default().keys().filter_map(|k| k.parse().ok()).collect();
    let team_ids: Vec<i32> = if chosen.is_empty() {
        all_teams.iter().filter(|(t, _)| t.account_user_id.is_some()).map(|(t, _)| t.id).collect()
    } else {
        chosen
    };
    let scoring = domain::live::Scoring { points: points.0, speed_bonus: bonus.0, question_secs: secs };
    let name = domain::text::clean(&name);
    let round = store::live::create(
        &db,
        if name.is_empty() { "Phần thi kiến thức" } else { &name },
        &question_ids,
        &team_ids,
        scoring,
    )
    .await?;
    Ok(round.id)
}

/// The host's view (with the key).
pub async fn host_view(state: &AppState, _me: &Organizer, id: i32) -> Result<LiveView, AppError> {
    view(state, id, true, None).await
}

/// A host command: next | start | pause | resume | lock | reveal | scoreboard | end.
pub async fn live_command(
    state: &AppState,
    me: &Organizer,
    id: i32,
    command: String,
) -> Result<(), AppError> {
    let command =
        domain::live::Command::parse(&command).ok_or_else(|| AppError::invalid("Lệnh không hợp lệ."))?;
    let state = state.clone();
    store::live::command(&state.db, id, command, chrono::Utc::now()).await?;
    state.events.publish(&state.db, &format!("live:{id}")).await;
    tracing::info!(by = me.id(), live_round = id, ?command, "live command");
    Ok(())
}

pub async fn void_question(
    state: &AppState,
    me: &Organizer,
    id: i32,
    question: i32,
    reason: String,
    action: Option<String>,
) -> Result<(), AppError> {
    // The same choice as for online rounds; by default the question counts right for everyone.
    let counts_for_all = match action.as_deref() {
        None | Some("void_correct") => true,
        Some("void_removed") => false,
        Some(_) => return Err(AppError::invalid("Hãy chọn cách hủy câu hỏi.")),
    };
    let state = state.clone();
    store::live::void_question(&state.db, id, question, &reason, me.id(), counts_for_all).await?;
    tracing::info!(by = me.id(), live_round = id, question, counts_for_all, reason = %reason.trim(), "live question voided");
    state.events.publish(&state.db, &format!("live:{id}")).await;
    Ok(())
}

/// The projector's view: no key before the reveal.
pub async fn projector_view(state: &AppState, id: i32) -> Result<LiveView, AppError> {
    view(state, id, false, None).await
}

/// The signed-in team's device: the live round it plays (the newest not ended, else the newest).
pub async fn team_view(state: &AppState, me: &TeamDevice) -> Result<Option<LiveView>, AppError> {
    let db = state.db.clone();
    let team = store::stage::team_of_account(&db, me.id())
        .await?
        .ok_or_else(|| AppError::Refused("Tài khoản này chưa gắn với đội thi nào.".into()))?;
    let rounds = store::live::list(&db).await?;
    let mine: Vec<_> = rounds.into_iter().filter(|r| r.team_ids.contains(&team.id)).collect();
    let Some(round) = mine.iter().find(|r| r.state.phase != Phase::Ended).or(mine.first()) else {
        return Ok(None);
    };
    view(state, round.id, false, Some(team.id)).await.map(Some)
}

/// A team answers the current question (may change it until the timer ends).
pub async fn team_answer(state: &AppState, me: &TeamDevice, id: i32, option: usize) -> Result<(), AppError> {
    let db = state.db.clone();
    let team = store::stage::team_of_account(&db, me.id())
        .await?
        .ok_or_else(|| AppError::Refused("Tài khoản này chưa gắn với đội thi nào.".into()))?;
    store::live::answer(&db, id, team.id, option, chrono::Utc::now()).await.map_err(AppError::from)
}

mod views {
    use super::*;

    /// Builds the view; `host` sees the key before the reveal, `team` sees its own answer.
    pub async fn view(
        state: &AppState,
        id: i32,
        host: bool,
        team: Option<i32>,
    ) -> Result<LiveView, AppError> {
        let db = state.db.clone();
        let s = store::live::snapshot(&db, id, chrono::Utc::now()).await?;
        let index = s.round.state.index;
        let key = if host { host_key(&db, &s).await } else { s.correct };
        let (text, options) = s.question.clone().unzip();
        let my_answer = team
            .and_then(|t| s.answers.iter().find(|a| a.team_id == t && a.question == index))
            .map(|a| a.option as usize);
        let my_points = team
            .and_then(|t| s.scoreboard.iter().find(|(id, _, _)| *id == t))
            .map(|(_, _, p)| domain::stage::Hundredths(*p).to_string());
        Ok(LiveView {
            id,
            name: s.round.name.clone(),
            version: s.round.version,
            phase: s.phase,
            index,
            questions: s.round.state.questions,
            question_secs: s.round.state.question_secs,
            remaining_ms: s.remaining_ms,
            text,
            options: options.unwrap_or_default(),
            correct: key,
            // The host follows the answers as they come in; others see them with the reveal.
            distribution: if host {
                let answers: Vec<domain::live::Answer> = s
                    .answers
                    .iter()
                    .map(|a| domain::live::Answer {
                        team_id: i64::from(a.team_id),
                        question: a.question,
                        option: a.option as usize,
                        remaining_ms: 0,
                    })
                    .collect();
                Some(domain::live::distribution(
                    &answers,
                    index,
                    s.question.as_ref().map_or(0, |(_, o)| o.len()),
                ))
            } else {
                s.distribution.clone()
            },
            answered: s.answers.iter().filter(|a| a.question == index).count(),
            teams: s.round.team_ids.len(),
            scoreboard: {
                let points: Vec<i64> = s.scoreboard.iter().map(|(_, _, p)| *p).collect();
                domain::results::shared_ranks(&points)
                    .into_iter()
                    .zip(&s.scoreboard)
                    .map(|(rank, (_, n, p))| ScoreRow {
                        rank,
                        name: n.clone(),
                        points: domain::stage::Hundredths(*p).to_string(),
                    })
                    .collect()
            },
            voided: s.voided.clone(),
            my_answer,
            my_points,
        })
    }

    /// The current question's key, for the host only.
    async fn host_key(db: &sea_orm::DatabaseConnection, s: &store::live::Snapshot) -> Option<usize> {
        use sea_orm::EntityTrait;
        let id = *s.round.question_ids.get(s.round.state.index as usize)?;
        let v = store::entity::question_version::Entity::find_by_id(id).one(db).await.ok()??;
        v.correct.first().copied()
    }
}
