//! Server functions of the live knowledge round: setup, host commands, team devices, projector.
// Server functions here take one argument per form field, so the forms work without JavaScript.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use domain::live::Phase;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A live round as shown on any screen at a moment. `correct` and `distribution` are filled only
/// for the host, or for everyone once revealed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveView {
    pub id: i32,
    pub name: String,
    pub version: i64,
    pub phase: Phase,
    pub index: i32,
    pub questions: i32,
    pub question_secs: u32,
    pub remaining_ms: i64,
    pub text: Option<String>,
    pub options: Vec<String>,
    pub correct: Option<usize>,
    pub distribution: Option<Vec<u32>>,
    pub answered: usize,
    pub teams: usize,
    pub scoreboard: Vec<ScoreRow>,
    pub voided: Vec<(i32, String)>,
    /// For a team device: its answer to the current question and its points.
    pub my_answer: Option<usize>,
    pub my_points: Option<String>,
}

/// A team on the live scoreboard; teams with equal points share a rank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreRow {
    pub rank: u32,
    pub name: String,
    pub points: String,
}

/// A live round in the organizers' list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveRow {
    pub id: i32,
    pub name: String,
    pub phase: Phase,
    pub questions: i32,
    pub teams: usize,
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use super::*;
    use crate::ssr::fail;
    use store::live::LiveError;

    pub fn live_error(e: LiveError) -> AppError {
        let message = e.to_string();
        fail(match e {
            LiveError::NotFound => AppError::NotFound,
            LiveError::NotPlaying => AppError::Refused(message),
            LiveError::BadOption | LiveError::MissingReason | LiveError::Empty => AppError::Invalid(message),
            LiveError::Store(e) => return crate::ssr::store_error(e),
            _ => AppError::Conflict(message),
        })
    }

    /// Builds the view; `host` sees the key before the reveal, `team` sees its own answer.
    pub async fn view(id: i32, host: bool, team: Option<i32>) -> Result<LiveView, AppError> {
        let db = crate::ssr::db()?;
        let s = store::live::snapshot(&db, id, chrono::Utc::now()).await.map_err(live_error)?;
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
        serde_json::from_str::<Vec<usize>>(&v.correct).ok()?.first().copied()
    }
}

#[server(endpoint = "live/list")]
pub async fn live_rounds() -> Result<Vec<LiveRow>, AppError> {
    use crate::ssr::{db, require};
    require(&[domain::Role::Organizer]).await?;
    let rounds = store::live::list(&db()?).await.map_err(ssr::live_error)?;
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
#[server(endpoint = "live/topics")]
pub async fn live_topics() -> Result<Vec<(String, String)>, AppError> {
    use crate::ssr::{db, require, store_error};
    require(&[domain::Role::Organizer]).await?;
    Ok(store::questions::topics(&db()?)
        .await
        .map_err(store_error)?
        .into_iter()
        .map(|t| (t.slug, t.name))
        .collect())
}

/// Creates a live round: questions by bank codes (comma-separated) or `draw` of them at random;
/// the teams ticked (none: every team with a device account).
#[server(endpoint = "live/create")]
pub async fn create_live_round(
    name: String,
    codes: String,
    draw: String,
    question_secs: String,
    points: String,
    speed_bonus: String,
    teams: Option<HashMap<String, String>>,
    topic: Option<String>,
    difficulty: Option<String>,
) -> Result<i32, AppError> {
    use crate::ssr::{db, fail, require, store_error};
    use domain::stage::{Hundredths, Quarters};
    require(&[domain::Role::Organizer]).await?;
    let invalid = |m: &str| fail(AppError::invalid(m));
    let db = db()?;
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
        store::live::draw_questions(&db, n, topic.as_deref(), difficulty, seed).await.map_err(
            |e| match e {
                store::StoreError::InUse(_) => {
                    fail(AppError::invalid("Không đủ câu hỏi một đáp án thuộc chủ đề và mức độ đã chọn."))
                }
                other => store_error(other),
            },
        )?
    } else {
        store::live::question_ids_for(&db, &codes).await.map_err(|e| match e {
            store::StoreError::NotFound => {
                fail(AppError::invalid("Có mã câu hỏi không tồn tại trong ngân hàng."))
            }
            store::StoreError::Conflict(_) => {
                fail(AppError::invalid("Câu hỏi nhiều đáp án không dùng được cho phần thi trực tiếp."))
            }
            other => store_error(other),
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
            .map_err(|e| fail(AppError::Invalid(format!("Điểm mỗi câu: {e}"))))?,
    );
    let bonus = if speed_bonus.trim().is_empty() {
        Hundredths(0)
    } else {
        Hundredths::from(
            Quarters::parse(&speed_bonus, Quarters(400), Quarters(1))
                .map_err(|e| fail(AppError::Invalid(format!("Điểm thưởng tốc độ: {e}"))))?,
        )
    };
    let all_teams = store::stage::teams(&db).await.map_err(crate::pages::stage::api::ssr::stage_error)?;
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
    .await
    .map_err(ssr::live_error)?;
    leptos_axum::redirect(&format!("/ban-to-chuc/truc-tiep/{}", round.id));
    Ok(round.id)
}

/// The host's view (with the key).
#[server(endpoint = "live/host")]
pub async fn host_view(id: i32) -> Result<LiveView, AppError> {
    crate::ssr::require(&[domain::Role::Organizer]).await?;
    ssr::view(id, true, None).await
}

/// A host command: next | start | pause | resume | lock | reveal | scoreboard | end.
#[server(endpoint = "live/command")]
pub async fn live_command(id: i32, command: String) -> Result<(), AppError> {
    use crate::ssr::{fail, require, state};
    let me = require(&[domain::Role::Organizer]).await?;
    let command = domain::live::Command::parse(&command)
        .ok_or_else(|| fail(AppError::invalid("Lệnh không hợp lệ.")))?;
    let state = state()?;
    store::live::command(&state.db, id, command, chrono::Utc::now()).await.map_err(ssr::live_error)?;
    state.events.publish(&state.db, &format!("live:{id}")).await;
    tracing::info!(by = me.id, live_round = id, ?command, "live command");
    Ok(())
}

#[server(endpoint = "live/void")]
pub async fn void_question(id: i32, question: i32, reason: String) -> Result<(), AppError> {
    use crate::ssr::{require, state};
    let me = require(&[domain::Role::Organizer]).await?;
    let state = state()?;
    store::live::void_question(&state.db, id, question, &reason, me.id).await.map_err(ssr::live_error)?;
    state.events.publish(&state.db, &format!("live:{id}")).await;
    Ok(())
}

/// The projector's view: no key before the reveal.
#[server(endpoint = "live/projector")]
pub async fn projector_view(id: i32) -> Result<LiveView, AppError> {
    ssr::view(id, false, None).await
}

/// The signed-in team's device: the live round it plays (the newest not ended, else the newest).
#[server(endpoint = "live/team")]
pub async fn team_view() -> Result<Option<LiveView>, AppError> {
    use crate::ssr::{db, fail, require};
    let me = require(&[domain::Role::Team]).await?;
    let db = db()?;
    let team = store::stage::team_of_account(&db, me.id)
        .await
        .map_err(crate::pages::stage::api::ssr::stage_error)?
        .ok_or_else(|| fail(AppError::Refused("Tài khoản này chưa gắn với đội thi nào.".into())))?;
    let rounds = store::live::list(&db).await.map_err(ssr::live_error)?;
    let mine: Vec<_> = rounds.into_iter().filter(|r| r.team_ids.contains(&team.id)).collect();
    let Some(round) = mine.iter().find(|r| r.state.phase != Phase::Ended).or(mine.first()) else {
        return Ok(None);
    };
    ssr::view(round.id, false, Some(team.id)).await.map(Some)
}

/// A team answers the current question (may change it until the timer ends).
#[server(endpoint = "live/answer")]
pub async fn team_answer(id: i32, option: usize) -> Result<(), AppError> {
    use crate::ssr::{db, fail, require};
    let me = require(&[domain::Role::Team]).await?;
    let db = db()?;
    let team = store::stage::team_of_account(&db, me.id)
        .await
        .map_err(crate::pages::stage::api::ssr::stage_error)?
        .ok_or_else(|| fail(AppError::Refused("Tài khoản này chưa gắn với đội thi nào.".into())))?;
    store::live::answer(&db, id, team.id, option, chrono::Utc::now()).await.map_err(ssr::live_error)
}
