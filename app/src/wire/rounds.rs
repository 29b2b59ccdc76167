//! What the rounds pages send and receive.

#[allow(unused_imports)]
use domain::{
    Difficulty, Kind, Role, UnitGroup,
    contest::round::{Phase, ReviewPolicy},
};
use serde::{Deserialize, Serialize};

/// A round in the organizers' list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundRow {
    pub id: i32,
    pub name: String,
    pub phase: Phase,
    pub opens_ms: i64,
    pub closes_ms: i64,
    pub participants: u64,
    pub running: u64,
    pub finished: u64,
}

/// One row of the blueprint editor as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlueprintRow {
    pub topic: String,
    pub difficulty: String,
    pub count: String,
}

/// What the settings form needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundForm {
    pub id: Option<i32>,
    pub name: String,
    pub opens: String,
    pub closes: String,
    pub time_limit_minutes: u32,
    pub attempts_allowed: u32,
    pub prediction_enabled: bool,
    pub review_policy: ReviewPolicy,
    pub unit_ids: Vec<i32>,
    pub freeze_minutes: u32,
    /// `dd/mm/yyyy`: only questions whose basis was issued (and in force) by then; empty: any.
    pub as_of: String,
    pub blueprint: Vec<BlueprintRow>,
    pub topics: Vec<(String, String)>,
    pub units: Vec<(i32, String)>,
    /// (topic name, difficulty, questions in use).
    pub available: Vec<(String, Difficulty, u64)>,
    pub progress: Option<(u64, u64, u64)>,
}

/// An online round as the public sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicRound {
    pub id: i32,
    pub name: String,
    pub opens_ms: i64,
    pub closes_ms: i64,
    pub phase: Phase,
    pub questions: u32,
    pub time_limit_secs: u32,
    pub attempts_allowed: u32,
    pub published: bool,
}

/// The contest's schedule and what has been published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    pub rounds: Vec<PublicRound>,
    pub stage_published: bool,
}

/// A round as the organizers' form sends it (each field as typed; the use case checks them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundInput {
    /// None creates a round.
    pub id: Option<i32>,
    pub name: String,
    pub opens: String,
    pub closes: String,
    pub time_limit_minutes: String,
    pub attempts_allowed: String,
    pub prediction_enabled: Option<String>,
    pub review_policy: String,
    pub units: Option<std::collections::HashMap<String, String>>,
    pub blueprint: Option<Vec<BlueprintRow>>,
    pub freeze_minutes: Option<String>,
    pub as_of: Option<String>,
}
