//! What the results pages receive.

use domain::{
    UnitGroup,
    contest::round::Phase,
    results::prizes::{Prize, PrizeCounts},
};
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
    /// "10%": the participation rate a unit needs for a collective prize.
    pub collective_min_rate: String,
    pub stage_published: bool,
    /// Khuyến khích for every team not otherwise awarded.
    #[serde(default)]
    pub stage_rest_encouraged: bool,
    #[serde(default)]
    pub side: domain::results::side::SideCounts,
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
    /// Why it cannot be published yet, if something stops it.
    pub publish_blocker: Option<String>,
    /// The rule for collective prizes, as organizers set it.
    pub collective_rule: String,
    /// Corrections that re-scored this round's attempts, oldest first.
    #[serde(default)]
    pub corrections: Vec<crate::wire::corrections::CorrectionNotice>,
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
    /// Judged parts not yet published: until there are none, no prize is proposed.
    pub parts_pending: Vec<String>,
    /// Why the final ranking cannot be published yet, if something stops it.
    pub publish_blocker: Option<String>,
    pub teams: Vec<TeamRow>,
    pub printed_on: String,
    /// Side prizes (best sketch, best greeting) with their winners, once the prize list is proposed.
    #[serde(default)]
    pub side_prizes: Vec<SideAward>,
    /// Whether every team below the third prize is encouraged.
    #[serde(default)]
    pub rest_encouraged: bool,
}

/// A side prize and who wins it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SideAward {
    pub prize: String,
    /// What decides it, e.g. "điểm phần Tiểu phẩm".
    pub basis: String,
    /// Winners: (team, score).
    pub winners: Vec<(String, String)>,
}

impl StageResults {
    /// Every (team, prize) of the proposal: the ranking's prizes, then the side prizes.
    pub fn proposal(&self) -> Vec<(String, String)> {
        let main = self.teams.iter().filter_map(|t| Some((t.name.clone(), t.prize?.label().to_owned())));
        let side = self
            .side_prizes
            .iter()
            .flat_map(|s| s.winners.iter().map(|(team, _)| (team.clone(), s.prize.clone())));
        main.chain(side).collect()
    }
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

/// One certificate (giấy chứng nhận) for a confirmed prize.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Certificate {
    /// The person, unit or team receiving it.
    pub recipient: String,
    /// "Đơn vị: Sở Tư pháp", or empty.
    pub detail: String,
    /// "Giải Nhất", "Giải Tiểu phẩm xuất sắc nhất", "Giải Nhất tập thể Khối …".
    pub prize: String,
    /// "Vòng thi trực tuyến tháng 7", "Vòng chung kết".
    pub event: String,
}

/// The certificates of one prize list, in the list's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Certificates {
    /// Where the prize list is shown (to go back).
    pub back: String,
    /// "Bình Định, ngày 27 tháng 11 năm 2026".
    pub issued_on: String,
    pub items: Vec<Certificate>,
    /// Why nothing can be printed yet (the prize list is not confirmed, or changed since).
    pub blocker: Option<String>,
}
