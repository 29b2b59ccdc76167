//! The audience in the hall: votes for a team, ticket codes, audience questions and answers.

use crate::entity::{
    audience_answer, audience_question, audience_ticket, audience_vote, question_version, team,
};
use crate::{StoreError, error::Result};
use chrono::{DateTime, Utc};
use domain::audience::{VoteRefusal, VoteSettings, judge_vote};
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, TransactionTrait,
    sea_query::{Expr, OnConflict},
};

/// Setting key of [`VoteSettings`].
const SETTINGS_KEY: &str = "audience_vote";

pub async fn settings(db: &impl ConnectionTrait) -> Result<VoteSettings> {
    Ok(crate::results::get_setting(db, SETTINGS_KEY)
        .await?
        .and_then(|v| serde_json::from_str(&v).ok())
        .unwrap_or_default())
}

pub async fn set_settings(db: &impl ConnectionTrait, s: &VoteSettings) -> Result<()> {
    crate::results::put_setting(db, SETTINGS_KEY, &serde_json::to_string(s).unwrap_or_default()).await
}

/// This phone's vote: (team id, team name).
pub async fn my_vote(db: &impl ConnectionTrait, voter: &str) -> Result<Option<(i32, String)>> {
    let Some(v) =
        audience_vote::Entity::find().filter(audience_vote::Column::Voter.eq(voter)).one(db).await?
    else {
        return Ok(None);
    };
    let name = team::Entity::find_by_id(v.team_id).one(db).await?.map(|t| t.name).unwrap_or_default();
    Ok(Some((v.team_id, name)))
}

/// Takes a phone's vote: `Ok(Ok(true))` for a new vote, `Ok(Ok(false))` when the phone repeats
/// its vote (nothing changes), `Ok(Err(_))` when the rules refuse it (nothing changes either).
pub async fn vote(
    db: &DatabaseConnection,
    voter: &str,
    team_id: i32,
    address: &str,
    ticket: Option<&str>,
) -> Result<Result<bool, VoteRefusal>> {
    team::Entity::find_by_id(team_id).one(db).await?.ok_or(StoreError::NotFound)?;
    let settings = settings(db).await?;
    let existing = my_vote(db, voter).await?;
    let address: String = address.chars().take(64).collect();
    let from_address = || async {
        let n = audience_vote::Entity::find()
            .filter(audience_vote::Column::Address.eq(&address))
            .count(db)
            .await?;
        Ok::<_, StoreError>(u32::try_from(n).unwrap_or(u32::MAX))
    };
    // Checked first without a lock (most refusals end here), then again inside the write.
    let verdict = judge_vote(
        &settings,
        existing.as_ref().map(|(t, n)| (i64::from(*t), n.as_str())),
        i64::from(team_id),
        if settings.tickets_required { 0 } else { from_address().await? },
        ticket.is_some(),
    );
    match verdict {
        Ok(true) => {}
        other => return Ok(other),
    }
    let now = Utc::now();
    let ticket = if settings.tickets_required { ticket } else { None };
    // The transaction's first statement writes, so SQLite takes its write lock (waiting its turn)
    // before anything is read.
    let txn = db.begin().await?;
    if let Some(code) = ticket {
        // One vote per code: only an unused code is marked used.
        let used = audience_ticket::Entity::update_many()
            .col_expr(audience_ticket::Column::UsedAt, Expr::value(now))
            .filter(audience_ticket::Column::Code.eq(code))
            .filter(audience_ticket::Column::UsedAt.is_null())
            .exec(&txn)
            .await?;
        if used.rows_affected != 1 {
            return Ok(Err(VoteRefusal::TicketInvalid));
        }
    }
    let inserted = audience_vote::Entity::insert(audience_vote::ActiveModel {
        voter: Set(voter.to_owned()),
        team_id: Set(team_id),
        address: Set(address.clone()),
        ticket: Set(ticket.map(str::to_owned)),
        at: Set(now),
        ..Default::default()
    })
    .on_conflict(OnConflict::column(audience_vote::Column::Voter).do_nothing().to_owned())
    .exec_without_returning(&txn)
    .await?;
    if !self::settings(&txn).await?.open {
        // Closed while this vote waited for the write lock: the closed tally does not move.
        return Ok(Err(VoteRefusal::Closed));
    }
    if inserted == 0 {
        // The same phone voted at the same moment through another request: that vote stands.
        drop(txn);
        return Ok(match my_vote(db, voter).await? {
            Some((t, _)) if t == team_id => Ok(false),
            Some((_, name)) => Err(VoteRefusal::AlreadyVoted(name)),
            None => Err(VoteRefusal::Closed),
        });
    }
    if ticket.is_none() {
        // Counted with this vote in, under the write lock: never more than the limit.
        let n = audience_vote::Entity::find()
            .filter(audience_vote::Column::Address.eq(&address))
            .count(&txn)
            .await?;
        if n > u64::from(settings.per_address) {
            return Ok(Err(VoteRefusal::AddressLimit));
        }
    }
    txn.commit().await?;
    Ok(Ok(true))
}

/// Votes per team, every team listed (most votes first, then by name).
pub async fn tally(db: &impl ConnectionTrait) -> Result<Vec<(i32, String, u32)>> {
    let counts: Vec<(i32, i64)> = audience_vote::Entity::find()
        .select_only()
        .column(audience_vote::Column::TeamId)
        .column_as(audience_vote::Column::Id.count(), "votes")
        .group_by(audience_vote::Column::TeamId)
        .into_tuple()
        .all(db)
        .await?;
    let mut out: Vec<(i32, String, u32)> = team::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|t| {
            let n = counts.iter().find(|(id, _)| *id == t.id).map_or(0, |(_, n)| *n);
            (t.id, t.name, u32::try_from(n).unwrap_or(0))
        })
        .collect();
    out.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.1.cmp(&b.1)));
    Ok(out)
}

/// Creates `count` new one-time codes; returns them.
pub async fn create_tickets(db: &impl ConnectionTrait, count: usize) -> Result<Vec<String>> {
    let now = Utc::now();
    let mut made = Vec::with_capacity(count);
    while made.len() < count {
        // Drawn before any await: the thread's generator stays on its thread.
        let batch: Vec<String> = {
            let mut rng = rand::thread_rng();
            (made.len()..count).map(|_| domain::audience::ticket_code(&mut rng)).collect()
        };
        for code in batch {
            let res = audience_ticket::Entity::insert(audience_ticket::ActiveModel {
                code: Set(code.clone()),
                created_at: Set(now),
                used_at: Set(None),
            })
            .on_conflict(OnConflict::column(audience_ticket::Column::Code).do_nothing().to_owned())
            .exec_without_returning(db)
            .await?;
            if res == 1 {
                made.push(code);
            }
        }
    }
    Ok(made)
}

/// Every ticket: (code, used), oldest first.
pub async fn tickets(db: &impl ConnectionTrait) -> Result<Vec<(String, bool)>> {
    Ok(audience_ticket::Entity::find()
        .order_by_asc(audience_ticket::Column::CreatedAt)
        .order_by_asc(audience_ticket::Column::Code)
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.code, t.used_at.is_some()))
        .collect())
}

/// An audience question with its bank version.
#[derive(Debug, Clone)]
pub struct Question {
    pub row: audience_question::Model,
    pub text: String,
    pub options: Vec<String>,
    pub correct: Option<usize>,
    pub code: String,
}

impl Question {
    pub fn closes_ms(&self) -> Option<i64> {
        self.row.opened_at.map(|o| o.timestamp_millis() + i64::from(self.row.seconds) * 1000)
    }
}

async fn with_version(
    db: &impl ConnectionTrait,
    rows: Vec<audience_question::Model>,
) -> Result<Vec<Question>> {
    let ids: Vec<i32> = rows.iter().map(|r| r.question_version_id).collect();
    let versions =
        question_version::Entity::find().filter(question_version::Column::Id.is_in(ids)).all(db).await?;
    let question_ids: Vec<i32> = versions.iter().map(|v| v.question_id).collect();
    let codes = crate::entity::question::Entity::find()
        .filter(crate::entity::question::Column::Id.is_in(question_ids))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let v = versions.iter().find(|v| v.id == row.question_version_id)?;
            let code =
                codes.iter().find(|q| q.id == v.question_id).map(|q| q.code.clone()).unwrap_or_default();
            Some(Question {
                text: v.text.clone(),
                options: v.options.0.clone(),
                correct: v.correct.0.first().copied(),
                code,
                row,
            })
        })
        .collect())
}

/// Every audience question, in the order added.
pub async fn questions(db: &impl ConnectionTrait) -> Result<Vec<Question>> {
    let rows = audience_question::Entity::find().order_by_asc(audience_question::Column::Id).all(db).await?;
    with_version(db, rows).await
}

/// The question phones show: the one opened last.
pub async fn current(db: &impl ConnectionTrait) -> Result<Option<Question>> {
    let row = audience_question::Entity::find()
        .filter(audience_question::Column::OpenedAt.is_not_null())
        .order_by_desc(audience_question::Column::OpenedAt)
        .order_by_desc(audience_question::Column::Id)
        .one(db)
        .await?;
    Ok(with_version(db, row.into_iter().collect()).await?.into_iter().next())
}

pub async fn add_question(db: &impl ConnectionTrait, version_id: i32, seconds: i32) -> Result<i32> {
    let row = audience_question::ActiveModel {
        question_version_id: Set(version_id),
        seconds: Set(seconds),
        opened_at: Set(None),
        seed: Set(None),
        winners: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// Opens a question now (once: an opened question keeps its time).
pub async fn open_question(db: &impl ConnectionTrait, id: i32, now: DateTime<Utc>) -> Result<bool> {
    let res = audience_question::Entity::update_many()
        .col_expr(audience_question::Column::OpenedAt, Expr::value(now))
        .filter(audience_question::Column::Id.eq(id))
        .filter(audience_question::Column::OpenedAt.is_null())
        .exec(db)
        .await?;
    if res.rows_affected == 0 {
        audience_question::Entity::find_by_id(id).one(db).await?.ok_or(StoreError::NotFound)?;
    }
    Ok(res.rows_affected == 1)
}

/// Why an answer is not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerRefusal {
    NotOpen,
    Late,
    BadOption,
    /// This phone answered already (with another option).
    Answered,
    /// The network sent as many answers to this question as the limit allows.
    AddressLimit,
}

/// Takes a phone's answer; the same answer again changes nothing.
pub async fn answer(
    db: &impl ConnectionTrait,
    id: i32,
    voter: &str,
    address: &str,
    option: usize,
    now_ms: i64,
) -> Result<Result<(), AnswerRefusal>> {
    let row = audience_question::Entity::find_by_id(id).one(db).await?.ok_or(StoreError::NotFound)?;
    let Some(opened) = row.opened_at else { return Ok(Err(AnswerRefusal::NotOpen)) };
    let q = with_version(db, vec![row.clone()]).await?.into_iter().next().ok_or(StoreError::NotFound)?;
    if option >= q.options.len() {
        return Ok(Err(AnswerRefusal::BadOption));
    }
    let previous = audience_answer::Entity::find()
        .filter(audience_answer::Column::QuestionId.eq(id))
        .filter(audience_answer::Column::Voter.eq(voter))
        .one(db)
        .await?;
    if let Some(p) = previous {
        return Ok(if p.option as usize == option { Ok(()) } else { Err(AnswerRefusal::Answered) });
    }
    if !domain::audience::in_time(opened.timestamp_millis(), i64::from(row.seconds), now_ms) {
        return Ok(Err(AnswerRefusal::Late));
    }
    // Someone clearing cookies gets a new phone each time: one network answers at most as many
    // times as it may vote.
    let limit = settings(db).await?.per_address;
    let from_address = audience_answer::Entity::find()
        .filter(audience_answer::Column::QuestionId.eq(id))
        .filter(audience_answer::Column::Address.eq(address))
        .count(db)
        .await?;
    if from_address >= u64::from(limit) {
        return Ok(Err(AnswerRefusal::AddressLimit));
    }
    let inserted = audience_answer::Entity::insert(audience_answer::ActiveModel {
        question_id: Set(id),
        voter: Set(voter.to_owned()),
        address: Set(address.chars().take(64).collect()),
        option: Set(option as i32),
        correct: Set(q.correct == Some(option)),
        at_ms: Set(now_ms),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([audience_answer::Column::QuestionId, audience_answer::Column::Voter])
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(if inserted == 1 { Ok(()) } else { Err(AnswerRefusal::Answered) })
}

/// A phone's answer to a question, if any.
pub async fn my_answer(db: &impl ConnectionTrait, id: i32, voter: &str) -> Result<Option<usize>> {
    Ok(audience_answer::Entity::find()
        .filter(audience_answer::Column::QuestionId.eq(id))
        .filter(audience_answer::Column::Voter.eq(voter))
        .one(db)
        .await?
        .map(|a| a.option as usize))
}

/// Answers to a question, earliest first.
pub async fn answers(db: &impl ConnectionTrait, id: i32) -> Result<Vec<audience_answer::Model>> {
    Ok(audience_answer::Entity::find()
        .filter(audience_answer::Column::QuestionId.eq(id))
        .order_by_asc(audience_answer::Column::AtMs)
        .order_by_asc(audience_answer::Column::Id)
        .all(db)
        .await?)
}

/// The phones (tokens) a question's draw picked.
pub fn winners_of(row: &audience_question::Model) -> Vec<String> {
    row.winners.as_deref().and_then(|w| serde_json::from_str(w).ok()).unwrap_or_default()
}

/// Records a draw's seed and winners (phone tokens), once: `false` if the question was drawn
/// already.
pub async fn record_draw(db: &impl ConnectionTrait, id: i32, seed: i64, winners: &[String]) -> Result<bool> {
    let res = audience_question::Entity::update_many()
        .col_expr(audience_question::Column::Seed, Expr::value(seed))
        .col_expr(
            audience_question::Column::Winners,
            Expr::value(serde_json::to_string(winners).unwrap_or_default()),
        )
        .filter(audience_question::Column::Id.eq(id))
        .filter(audience_question::Column::Seed.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}
