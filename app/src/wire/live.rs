//! What the live round's screens receive.

use domain::live::Phase;
use serde::{Deserialize, Serialize};

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
