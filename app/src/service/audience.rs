//! The audience in the hall: votes for a team from phones (no account), the host's audience
//! questions with a server-timed window, and the draw among the right answers with a kept seed.

use crate::{error::AppError, service::caller::Organizer, ssr::AppState, wire::audience::*};
use domain::audience::{VoteSettings, draw_winners, network_of, normalize_ticket, voter_code};
use store::audience::AnswerRefusal;

/// Most tickets printed in one go.
const MAX_TICKETS: u32 = 5_000;

/// The draw waits this long after a question's time is up, so answers sent in time and still
/// waiting for the database are in the list drawn from.
const DRAW_GRACE_MS: i64 = 5_000;

async fn announce(state: &AppState) {
    state.events.publish(&state.db, AUDIENCE_TOPIC).await;
}

/// The phone page for `voter` (the phone's cookie, if it has one).
pub async fn phone(state: &AppState, voter: Option<&str>) -> Result<PhoneView, AppError> {
    let db = state.db.clone();
    let settings = store::audience::settings(&db).await?;
    let teams = store::stage::teams(&db).await?.into_iter().map(|(t, _)| (t.id, t.name)).collect();
    let my_vote = match voter {
        Some(v) => store::audience::my_vote(&db, v).await?.map(|(_, name)| name),
        None => None,
    };
    let now = chrono::Utc::now().timestamp_millis();
    let question = match store::audience::current(&db).await? {
        Some(q) => {
            let closes = q.closes_ms().unwrap_or(now);
            let closed = now > closes;
            let mine = match voter {
                Some(v) => store::audience::my_answer(&db, q.row.id, v).await?,
                None => None,
            };
            let won = match (voter, mine, q.row.seed) {
                (Some(v), Some(_), Some(_)) => {
                    Some(store::audience::winners_of(&q.row).iter().any(|w| w == v))
                }
                _ => None,
            };
            Some(PhoneQuestion {
                id: q.row.id,
                text: q.text,
                options: q.options,
                remaining_ms: (closes - now).max(0),
                my_answer: mine,
                correct: if closed { q.correct } else { None },
                won,
            })
        }
        None => None,
    };
    let acted = my_vote.is_some() || question.as_ref().is_some_and(|q| q.my_answer.is_some());
    Ok(PhoneView {
        vote_open: settings.open,
        tickets_required: settings.tickets_required,
        teams,
        my_vote,
        my_code: voter.filter(|_| acted).map(voter_code),
        question,
    })
}

/// A phone's vote for `team_id`; repeating the same vote changes nothing.
pub async fn vote(
    state: &AppState,
    voter: &str,
    address: &str,
    team_id: &str,
    ticket: Option<&str>,
) -> Result<(), AppError> {
    let team: i32 =
        team_id.trim().parse().map_err(|_| AppError::invalid("Hãy chọn một đội để bình chọn."))?;
    let ticket = match ticket.map(str::trim).filter(|t| !t.is_empty()) {
        Some(raw) => Some(normalize_ticket(raw).ok_or_else(|| {
            AppError::invalid("Mã bình chọn gồm 8 chữ và số in trên vé (ví dụ K7PQ-2M4X).")
        })?),
        None => None,
    };
    match store::audience::vote(&state.db, voter, team, &network_of(address), ticket.as_deref()).await? {
        Ok(_) => Ok(()),
        Err(refusal) => Err(AppError::Conflict(refusal.message())),
    }
}

/// A phone's answer to an audience question (option index); the same answer again changes nothing.
pub async fn answer(
    state: &AppState,
    voter: &str,
    address: &str,
    question_id: i32,
    option: &str,
) -> Result<(), AppError> {
    let option: usize = option.trim().parse().map_err(|_| AppError::invalid("Hãy chọn một phương án."))?;
    let now = chrono::Utc::now().timestamp_millis();
    match store::audience::answer(&state.db.clone(), question_id, voter, &network_of(address), option, now).await? {
        Ok(()) => Ok(()),
        Err(AnswerRefusal::NotOpen) => Err(AppError::Conflict("Câu hỏi này chưa mở.".into())),
        Err(AnswerRefusal::Late) => Err(AppError::Conflict("Đã hết thời gian trả lời câu hỏi này.".into())),
        Err(AnswerRefusal::BadOption) => Err(AppError::invalid("Phương án không có trong câu hỏi.")),
        Err(AnswerRefusal::Answered) => {
            Err(AppError::Conflict("Bạn đã trả lời câu hỏi này; mỗi điện thoại trả lời một lần.".into()))
        }
        Err(AnswerRefusal::AddressLimit) => Err(AppError::Conflict(
            "Mạng bạn đang dùng đã gửi quá nhiều câu trả lời cho câu hỏi này; hãy dùng dữ liệu di động hoặc hỏi Ban tổ chức."
                .into(),
        )),
    }
}

pub async fn tally(state: &AppState) -> Result<Tally, AppError> {
    let db = state.db.clone();
    let settings = store::audience::settings(&db).await?;
    let teams: Vec<(String, u32)> =
        store::audience::tally(&db).await?.into_iter().map(|(_, name, n)| (name, n)).collect();
    Ok(Tally {
        open: settings.open,
        closed_once: settings.closed_once,
        total: teams.iter().map(|(_, n)| n).sum(),
        teams,
        address: String::new(),
    })
}

pub async fn desk(state: &AppState, _me: &Organizer) -> Result<Desk, AppError> {
    let db = state.db.clone();
    let settings = store::audience::settings(&db).await?;
    let tickets = store::audience::tickets(&db).await?;
    let now = chrono::Utc::now().timestamp_millis();
    let mut questions = Vec::new();
    for q in store::audience::questions(&db).await? {
        let answers = store::audience::answers(&db, q.row.id).await?;
        let opened = q.row.opened_at.map(|o| o.timestamp_millis());
        let closed = q.closes_ms().is_some_and(|c| now > c);
        let right: Vec<_> = answers.iter().filter(|a| a.correct).collect();
        questions.push(DeskQuestion {
            id: q.row.id,
            code: q.code.clone(),
            text: q.text.clone(),
            options: q.options.clone(),
            correct: q.correct,
            seconds: q.row.seconds,
            state: match (opened, closed) {
                (None, _) => "chưa mở",
                (Some(_), false) => "đang mở",
                (Some(_), true) => "đã đóng",
            }
            .to_owned(),
            open: opened.is_some() && !closed,
            closed,
            answers: answers.len() as u32,
            right: right.len() as u32,
            first_right: right
                .iter()
                .map(|a| {
                    let after = a.at_ms - opened.unwrap_or(a.at_ms);
                    (voter_code(&a.voter), format!("{},{} giây", after / 1000, (after % 1000) / 100))
                })
                .collect(),
            seed: q.row.seed,
            winners: store::audience::winners_of(&q.row).iter().map(|w| voter_code(w)).collect(),
        });
    }
    Ok(Desk {
        open: settings.open,
        closed_once: settings.closed_once,
        tickets_required: settings.tickets_required,
        per_address: settings.per_address,
        tally: tally(state).await?,
        tickets: tickets.len() as u32,
        tickets_used: tickets.iter().filter(|(_, used)| *used).count() as u32,
        questions,
    })
}

/// Opens or closes the vote. Closing makes the tally decide the audience favourite.
pub async fn set_vote_open(state: &AppState, me: &Organizer, open: bool) -> Result<(), AppError> {
    let db = state.db.clone();
    if open && store::results::stage_published(&db).await? {
        return Err(AppError::Conflict(
            "Kết quả chung cuộc đã công bố: không mở lại bình chọn (thu hồi công bố trước nếu thật cần)."
                .into(),
        ));
    }
    let mut s = store::audience::settings(&db).await?;
    s.open = open;
    if !open {
        s.closed_once = true;
    }
    store::audience::set_settings(&db, &s).await?;
    store::results::bump_stage_version(&db).await?;
    tracing::info!(by = me.id(), open, "audience vote opened or closed");
    announce(state).await;
    Ok(())
}

pub async fn save_settings(
    state: &AppState,
    _me: &Organizer,
    tickets_required: bool,
    per_address: &str,
) -> Result<(), AppError> {
    let per_address: u32 =
        per_address.trim().parse().ok().filter(|n| (1..=100_000).contains(n)).ok_or_else(|| {
            AppError::invalid("Số phiếu tối đa từ một địa chỉ mạng phải là số nguyên từ 1 đến 100000.")
        })?;
    let db = state.db.clone();
    let current = store::audience::settings(&db).await?;
    let s = VoteSettings { tickets_required, per_address, ..current };
    store::audience::set_settings(&db, &s).await?;
    announce(state).await;
    Ok(())
}

pub async fn create_tickets(state: &AppState, _me: &Organizer, count: &str) -> Result<u32, AppError> {
    let n: u32 = count
        .trim()
        .parse()
        .ok()
        .filter(|n| (1..=MAX_TICKETS).contains(n))
        .ok_or_else(|| AppError::invalid(format!("Số vé phải là số nguyên từ 1 đến {MAX_TICKETS}.")))?;
    let made = store::audience::create_tickets(&state.db.clone(), n as usize).await?;
    Ok(made.len() as u32)
}

/// Every ticket code, unused first (for printing).
pub async fn ticket_codes(state: &AppState, _me: &Organizer) -> Result<Vec<(String, bool)>, AppError> {
    let mut all = store::audience::tickets(&state.db.clone()).await?;
    all.sort_by_key(|(_, used)| *used);
    Ok(all)
}

/// Adds an audience question by bank code (a one-answer question), timed `seconds` once opened.
pub async fn add_question(
    state: &AppState,
    _me: &Organizer,
    code: &str,
    seconds: &str,
) -> Result<(), AppError> {
    let seconds: i32 = seconds
        .trim()
        .parse()
        .ok()
        .filter(|s| (5..=600).contains(s))
        .ok_or_else(|| AppError::invalid("Thời gian trả lời phải từ 5 đến 600 giây."))?;
    let code = code.trim();
    if code.is_empty() {
        return Err(AppError::invalid("Hãy nhập mã câu hỏi trong ngân hàng (ví dụ tthc-004)."));
    }
    let db = state.db.clone();
    let ids = store::live::question_ids_for(&db, &[code.to_owned()]).await.map_err(|e| match e {
        store::StoreError::NotFound => {
            AppError::invalid(format!("Không có câu hỏi mã “{code}” trong ngân hàng."))
        }
        other => other.into(),
    })?;
    store::audience::add_question(&db, ids[0], seconds).await?;
    Ok(())
}

pub async fn open_question(state: &AppState, me: &Organizer, id: i32) -> Result<(), AppError> {
    if !store::audience::open_question(&state.db.clone(), id, chrono::Utc::now()).await? {
        return Err(AppError::Conflict("Câu hỏi này đã được mở; mỗi câu hỏi chỉ mở một lần.".into()));
    }
    tracing::info!(by = me.id(), id, "audience question opened");
    announce(state).await;
    Ok(())
}

/// Draws `count` winners at random among the right answers of a closed question; the seed is
/// kept with the winners, and a question is drawn once.
pub async fn draw(state: &AppState, me: &Organizer, id: i32, count: &str) -> Result<Vec<String>, AppError> {
    let n: usize = count
        .trim()
        .parse()
        .ok()
        .filter(|n| (1..=100).contains(n))
        .ok_or_else(|| AppError::invalid("Số người trúng thưởng phải từ 1 đến 100."))?;
    let db = state.db.clone();
    let q = store::audience::questions(&db)
        .await?
        .into_iter()
        .find(|q| q.row.id == id)
        .ok_or(AppError::NotFound)?;
    let now = chrono::Utc::now().timestamp_millis();
    if q.closes_ms().is_none_or(|c| now <= c + DRAW_GRACE_MS) {
        return Err(AppError::Conflict(
            "Chỉ bốc thăm sau khi câu hỏi hết giờ 5 giây (để mọi câu trả lời gửi kịp giờ được ghi nhận)."
                .into(),
        ));
    }
    if q.row.seed.is_some() {
        return Err(AppError::Conflict("Câu hỏi này đã bốc thăm; kết quả được giữ nguyên.".into()));
    }
    // Phones, not their short codes: two phones may share a code, and each is drawn at most once.
    let right: Vec<String> =
        store::audience::answers(&db, id).await?.into_iter().filter(|a| a.correct).map(|a| a.voter).collect();
    if right.is_empty() {
        return Err(AppError::Conflict("Không có câu trả lời đúng để bốc thăm.".into()));
    }
    let seed: i64 = {
        use rand::Rng;
        rand::thread_rng().r#gen::<i64>() & i64::MAX
    };
    let winners = draw_winners(&right, n, seed as u64);
    if !store::audience::record_draw(&db, id, seed, &winners).await? {
        return Err(AppError::Conflict("Câu hỏi này đã bốc thăm; kết quả được giữ nguyên.".into()));
    }
    tracing::info!(by = me.id(), id, seed, "audience winners drawn");
    Ok(winners.iter().map(|w| voter_code(w)).collect())
}
