//! What the contestant's pages receive: rounds, attempts, papers and results.

pub use domain::contest::paper::{PaperQuestion, ReviewItem};
use domain::contest::round::Phase;
use serde::{Deserialize, Serialize};

/// A finished or running attempt in the round list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttemptSummary {
    pub id: i64,
    pub number: i32,
    pub finished: bool,
    pub correct: Option<i32>,
    pub total: i32,
    pub duration_ms: Option<i64>,
}

/// A round as a contestant sees it in their list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundCard {
    pub id: i32,
    pub name: String,
    pub phase: Phase,
    pub opens_ms: i64,
    pub closes_ms: i64,
    pub time_limit_secs: u32,
    pub question_count: u32,
    pub attempts_allowed: u32,
    pub attempts: Vec<AttemptSummary>,
    pub allowed: bool,
}

/// A running attempt: the paper, the saved answers and the time left by the server's clock.
/// Carries no correct answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttemptView {
    pub id: i64,
    pub round_name: String,
    pub number: i32,
    pub questions: Vec<PaperQuestion>,
    pub deadline_ms: i64,
    pub remaining_ms: i64,
    pub prediction_enabled: bool,
    pub prediction: Option<i64>,
}

/// A finished attempt's result, and its review when the round's policy allows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultView {
    pub id: i64,
    pub round_id: i32,
    pub round_name: String,
    pub number: i32,
    pub correct: i32,
    pub total: i32,
    pub duration_ms: i64,
    pub submitted_ms: i64,
    pub by_deadline: bool,
    pub prediction: Option<i64>,
    pub review: Option<Vec<ReviewItem>>,
    pub review_note: String,
}
