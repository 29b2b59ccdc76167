//! The live knowledge round in the database: its state (so a restart resumes it), the teams'
//! answers and voided questions. Host commands are compare-and-set on a version, so two hosts
//! cannot step on each other.

use crate::{
    entity::{question_version, team},
    error::{Result, StoreError},
};
use chrono::{DateTime, Utc};
use domain::live::{self, Answer, Command, CommandError, Phase, Scoring, State};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    sea_query::OnConflict,
};

pub mod entity;

use crate::json::Json;

use entity::{answer, round as live_round, void};

/// Why a live-round operation was refused. Messages are for users.
#[derive(Debug, thiserror::Error)]
pub enum LiveError {
    #[error("Không tìm thấy vòng thi trực tiếp.")]
    NotFound,
    #[error("{0}")]
    Command(#[from] CommandError),
    #[error("Người dẫn chương trình khác vừa thao tác; vui lòng thử lại.")]
    Conflict,
    #[error("Đã hết giờ trả lời câu hỏi này.")]
    Closed,
    #[error("Đội của bạn không tham gia vòng thi này.")]
    NotPlaying,
    #[error("Phương án không hợp lệ.")]
    BadOption,
    #[error("Cần ghi rõ lý do hủy câu hỏi.")]
    MissingReason,
    #[error("Cần ít nhất một câu hỏi và một đội.")]
    Empty,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sea_orm::DbErr> for LiveError {
    fn from(e: sea_orm::DbErr) -> Self {
        LiveError::Store(e.into())
    }
}

type LiveResult<T> = std::result::Result<T, LiveError>;

/// A live round with its parsed parts.
#[derive(Debug, Clone)]
pub struct LiveRound {
    pub id: i32,
    pub name: String,
    pub question_ids: Vec<i32>,
    pub team_ids: Vec<i32>,
    pub state: State,
    pub scoring: Scoring,
    pub version: i64,
}

fn parse(row: live_round::Model) -> LiveResult<LiveRound> {
    Ok(LiveRound {
        id: row.id,
        question_ids: row.question_ids.0,
        team_ids: row.team_ids.0,
        state: row.state.0,
        scoring: row.scoring.0,
        version: row.version,
        name: row.name,
    })
}

pub async fn create(
    db: &impl ConnectionTrait,
    name: &str,
    question_ids: &[i32],
    team_ids: &[i32],
    scoring: Scoring,
) -> LiveResult<LiveRound> {
    if question_ids.is_empty() || team_ids.is_empty() {
        return Err(LiveError::Empty);
    }
    let state = State {
        phase: Phase::Lobby,
        index: -1,
        questions: question_ids.len() as i32,
        deadline_ms: None,
        remaining_ms: None,
        question_secs: scoring.question_secs,
    };
    let row = live_round::ActiveModel {
        name: Set(name.to_owned()),
        question_ids: Set(Json(question_ids.to_vec())),
        team_ids: Set(Json(team_ids.to_vec())),
        state: Set(Json(state)),
        scoring: Set(Json(scoring)),
        version: Set(0),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    parse(row)
}

pub async fn get(db: &impl ConnectionTrait, id: i32) -> LiveResult<LiveRound> {
    parse(live_round::Entity::find_by_id(id).one(db).await?.ok_or(LiveError::NotFound)?)
}

pub async fn list(db: &impl ConnectionTrait) -> LiveResult<Vec<LiveRound>> {
    live_round::Entity::find()
        .order_by_desc(live_round::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(parse)
        .collect()
}

/// Applies a host command; the round's version must not have moved since it was read.
pub async fn command(
    db: &impl ConnectionTrait,
    id: i32,
    command: Command,
    now: DateTime<Utc>,
) -> LiveResult<LiveRound> {
    let round = get(db, id).await?;
    let next = round.state.apply(command, now.timestamp_millis())?;
    let updated = live_round::Entity::update_many()
        .col_expr(live_round::Column::State, sea_orm::Value::from(Json(next.clone())).into())
        .col_expr(live_round::Column::Version, (round.version + 1).into())
        .filter(live_round::Column::Id.eq(id))
        .filter(live_round::Column::Version.eq(round.version))
        .exec(db)
        .await?;
    if updated.rows_affected == 0 {
        return Err(LiveError::Conflict);
    }
    if next.phase == Phase::Ended {
        publish_points(db).await?;
    }
    get(db, id).await
}

/// A team answers the current question (it may change its answer until the timer ends).
pub async fn answer(
    db: &impl ConnectionTrait,
    id: i32,
    team_id: i32,
    option: usize,
    now: DateTime<Utc>,
) -> LiveResult<()> {
    let round = get(db, id).await?;
    if !round.team_ids.contains(&team_id) {
        return Err(LiveError::NotPlaying);
    }
    let now_ms = now.timestamp_millis();
    if !round.state.accepts_answers(now_ms) {
        return Err(LiveError::Closed);
    }
    let index = round.state.index;
    let version_id = *round.question_ids.get(index as usize).ok_or(LiveError::Closed)?;
    let options: Vec<String> = question_version::Entity::find_by_id(version_id)
        .one(db)
        .await?
        .map(|v| v.options.0)
        .unwrap_or_default();
    if option >= options.len() {
        return Err(LiveError::BadOption);
    }
    answer::Entity::insert(answer::ActiveModel {
        live_round_id: Set(id),
        question: Set(index),
        team_id: Set(team_id),
        option: Set(option as i32),
        remaining_ms: Set(round.state.remaining_at(now_ms)),
        answered_at: Set(now),
    })
    .on_conflict(
        OnConflict::columns([answer::Column::LiveRoundId, answer::Column::Question, answer::Column::TeamId])
            .update_columns([answer::Column::Option, answer::Column::RemainingMs, answer::Column::AnsweredAt])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Voids a question (wrong key, ambiguous): counted right for every team, or for no one, as the
/// organizer decides. The reason, who and when are kept.
pub async fn void_question(
    db: &impl ConnectionTrait,
    id: i32,
    question: i32,
    reason: &str,
    by: i32,
    counts_for_all: bool,
) -> LiveResult<()> {
    if reason.trim().is_empty() {
        return Err(LiveError::MissingReason);
    }
    let round = get(db, id).await?;
    if question < 0 || question >= round.state.questions {
        return Err(LiveError::NotFound);
    }
    // One statement, so two organizers voiding the same question at once both succeed and the
    // later reason is the one kept.
    void::Entity::insert(void::ActiveModel {
        live_round_id: Set(id),
        question: Set(question),
        reason: Set(reason.trim().to_owned()),
        by_user: Set(by),
        at: Set(Utc::now()),
        counts_for_all: Set(counts_for_all),
    })
    .on_conflict(
        OnConflict::columns([void::Column::LiveRoundId, void::Column::Question])
            .update_columns([
                void::Column::Reason,
                void::Column::ByUser,
                void::Column::At,
                void::Column::CountsForAll,
            ])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    // Relative bump: a host command may have moved the version on since `round` was read, and
    // pages must still see this void as a change of its own.
    live_round::Entity::update_many()
        .col_expr(
            live_round::Column::Version,
            sea_orm::sea_query::ExprTrait::add(sea_orm::sea_query::Expr::col(live_round::Column::Version), 1),
        )
        .filter(live_round::Column::Id.eq(id))
        .exec(db)
        .await?;
    if round.state.phase == Phase::Ended {
        publish_points(db).await?;
    }
    Ok(())
}

/// Everything needed to show a live round at `now`.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub round: LiveRound,
    pub phase: Phase,
    pub remaining_ms: i64,
    /// The current question's text and options (in the bank's order; the same for every device).
    pub question: Option<(String, Vec<String>)>,
    /// The correct option of the current question, only once revealed.
    pub correct: Option<usize>,
    pub distribution: Option<Vec<u32>>,
    pub answers: Vec<answer::Model>,
    pub voided: Vec<(i32, String)>,
    /// (team id, team name, points in hundredths), best first.
    pub scoreboard: Vec<(i32, String, i64)>,
}

/// The round as it stands at `now`.
pub async fn snapshot(db: &impl ConnectionTrait, id: i32, now: DateTime<Utc>) -> LiveResult<Snapshot> {
    let round = get(db, id).await?;
    let now_ms = now.timestamp_millis();
    let phase = round.state.effective_phase(now_ms);
    let versions = question_version::Entity::find()
        .filter(question_version::Column::Id.is_in(round.question_ids.clone()))
        .all(db)
        .await?;
    let version_of = |index: i32| {
        round.question_ids.get(index as usize).and_then(|id| versions.iter().find(|v| v.id == *id))
    };
    let correct_of = |index: i32| -> Option<usize> {
        version_of(index).map(|v| v.correct.0.clone()).and_then(|c| c.first().copied())
    };
    let current = version_of(round.state.index);
    let question = current.map(|v| (v.text.clone(), v.options.0.clone()));
    let answers = answer::Entity::find().filter(answer::Column::LiveRoundId.eq(id)).all(db).await?;
    let voids = void::Entity::find().filter(void::Column::LiveRoundId.eq(id)).all(db).await?;
    let voided: Vec<(i32, String)> = voids
        .iter()
        .map(|v| {
            let how = if v.counts_for_all { "tính đúng cho mọi đội" } else { "không tính điểm" };
            (v.question, format!("{} ({how})", v.reason))
        })
        .collect();
    let revealed_up_to = if phase.reveals() { round.state.index } else { round.state.index - 1 };
    let keys: Vec<usize> = (0..round.state.questions).map(|i| correct_of(i).unwrap_or(usize::MAX)).collect();
    let domain_answers: Vec<Answer> = answers
        .iter()
        .map(|a| Answer {
            team_id: i64::from(a.team_id),
            question: a.question,
            option: a.option as usize,
            remaining_ms: a.remaining_ms,
        })
        .collect();
    let void_list: Vec<live::Void> =
        voids.iter().map(|v| live::Void { question: v.question, counts_for_all: v.counts_for_all }).collect();
    let team_ids: Vec<i64> = round.team_ids.iter().map(|t| i64::from(*t)).collect();
    let points = live::score(&domain_answers, &keys, revealed_up_to, &void_list, &team_ids, round.scoring);
    let teams = team::Entity::find().filter(team::Column::Id.is_in(round.team_ids.clone())).all(db).await?;
    let mut scoreboard: Vec<(i32, String, i64)> = teams
        .into_iter()
        .map(|t| {
            let p = points.iter().find(|(id, _)| *id == i64::from(t.id)).map_or(0, |(_, p)| *p);
            (t.id, t.name, p)
        })
        .collect();
    scoreboard.sort_by(|a, b| b.2.cmp(&a.2).then(a.1.cmp(&b.1)));
    let options = question.as_ref().map_or(0, |(_, o)| o.len());
    Ok(Snapshot {
        remaining_ms: round.state.remaining_at(now_ms),
        correct: if phase.reveals() { correct_of(round.state.index) } else { None },
        distribution: phase
            .reveals()
            .then(|| live::distribution(&domain_answers, round.state.index, options)),
        phase,
        question,
        answers,
        voided,
        scoreboard,
        round,
    })
}

/// Writes the points of every ended live round to the stage contest's knowledge scores.
async fn publish_points(db: &impl ConnectionTrait) -> LiveResult<()> {
    let mut totals: std::collections::HashMap<i32, i64> = std::collections::HashMap::new();
    for r in list(db).await?.into_iter().filter(|r| r.state.phase == Phase::Ended) {
        for (team_id, _, points) in snapshot(db, r.id, Utc::now()).await?.scoreboard {
            *totals.entry(team_id).or_default() += points;
        }
    }
    let list: Vec<(i32, i64)> = totals.into_iter().collect();
    crate::results::put_setting(
        db,
        crate::results::LIVE_POINTS_KEY,
        &serde_json::to_string(&list).unwrap_or_default(),
    )
    .await?;
    crate::results::bump_stage_version(db).await?;
    Ok(())
}

/// `count` questions with a single correct option (one choice per team), drawn at random from the
/// questions in use that were valid on `as_of`, optionally of one topic and one difficulty; never
/// two of one family.
pub async fn draw_questions(
    db: &impl ConnectionTrait,
    count: usize,
    topic: Option<&str>,
    difficulty: Option<domain::Difficulty>,
    as_of: Option<domain::question::LegalDate>,
    seed: u64,
) -> Result<Vec<i32>> {
    use rand::SeedableRng;
    let mut pool: Vec<domain::contest::draw::Candidate> = crate::rounds::candidates(db)
        .await?
        .into_iter()
        .filter(|c| c.kind != domain::Kind::Multiple)
        .filter(|c| topic.is_none_or(|t| c.topic == t))
        .filter(|c| difficulty.is_none_or(|d| c.difficulty == d))
        .filter(|c| c.valid_on(as_of))
        .collect();
    pool.sort_unstable_by_key(|c| c.id);
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let picked = domain::contest::draw::pick_distinct(
        pool.iter().collect(),
        count,
        |c| c.family.as_deref(),
        &mut Vec::new(),
        &mut rng,
    );
    if picked.len() < count {
        return Err(StoreError::InUse(crate::error::Busy::NotEnoughQuestions));
    }
    Ok(picked.into_iter().map(|c| c.id as i32).collect())
}

/// Question version ids for the given bank codes, or drawn at random from the bank.
pub async fn question_ids_for(db: &impl ConnectionTrait, codes: &[String]) -> Result<Vec<i32>> {
    use crate::entity::question;
    let mut out = Vec::new();
    for code in codes {
        let q = question::Entity::find()
            .filter(question::Column::Code.eq(code.as_str()))
            .one(db)
            .await?
            .ok_or(StoreError::NotFound)?;
        if q.kind == domain::Kind::Multiple {
            // One choice per team: a several-answer question cannot be played live.
            return Err(StoreError::Conflict(crate::error::Taken::MultipleAnswer));
        }
        out.push(q.current_version_id);
    }
    // Two questions testing one fact: the second gives the first away.
    let versions = question_version::Entity::find()
        .filter(question_version::Column::Id.is_in(out.clone()))
        .all(db)
        .await?;
    let mut families: Vec<&str> = versions.iter().filter_map(|v| v.family.as_deref()).collect();
    families.sort_unstable();
    if families.windows(2).any(|w| w[0] == w[1]) {
        return Err(StoreError::Conflict(crate::error::Taken::SameFamily));
    }
    Ok(out)
}
