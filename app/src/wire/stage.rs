//! What the stage pages receive: parts, sheets, timers, teams, the audit log.

use domain::stage::{
    rubric::PartRules,
    status::{PartStatus, SheetStatus, TimerState},
};
use serde::{Deserialize, Serialize};

/// The event topic of every change to the stage contest.
pub const STAGE_TOPIC: &str = "stage";

/// Where stage pages listen for changes.
pub const STAGE_EVENTS_URL: &str = "/su-kien/san-khau";

/// A team a judge scores in a part, with their sheet's status (None: not started).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JudgeTeam {
    pub id: i32,
    pub name: String,
    pub sheet: Option<SheetStatus>,
}

/// A judge's view of a part: the teams they score and their sheets' status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JudgePart {
    pub id: i32,
    pub name: String,
    pub status: PartStatus,
    pub teams: Vec<JudgeTeam>,
}

/// The judge's page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JudgeHome {
    pub is_head: bool,
    pub is_reserve: bool,
    pub parts: Vec<JudgePart>,
}

/// A sheet as its judge sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetView {
    pub part_id: i32,
    pub part: String,
    pub team_id: i32,
    pub team: String,
    pub criteria: Vec<(String, String)>,
    pub step: String,
    pub values: Vec<String>,
    pub status: Option<SheetStatus>,
    pub total: Option<String>,
    pub part_open: bool,
}

/// One cell of the progress matrix: a judge's sheet for a team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetCell {
    pub sheet_id: Option<i32>,
    pub judge: String,
    pub team_id: i32,
    /// "missing", "draft" or "submitted".
    pub status: Option<SheetStatus>,
}

/// A team's result in a part, for organizers (and the head judge's review).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamResultRow {
    pub team_id: i32,
    pub team: String,
    pub totals: Vec<String>,
    pub score: Option<String>,
    pub penalty: String,
    pub divergent: bool,
    pub reviewed: bool,
    pub submitted: usize,
    pub expected: usize,
    /// The team is of the head judge's own unit: organizers confirm its divergence review.
    pub head_recused: bool,
}

/// A part in detail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartDetail {
    pub part: PartRow,
    pub cells: Vec<SheetCell>,
    pub results: Vec<TeamResultRow>,
    pub has_sheets: bool,
}

/// A team's timer and penalty, for the secretary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimerRow {
    pub team_id: i32,
    pub team: String,
    pub state: TimerState,
    pub elapsed_ms: i64,
    pub limit_secs: u32,
    pub penalty: Option<String>,
    pub penalty_reason: String,
}

/// The secretary's page for one part.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SecretaryView {
    pub parts: Vec<(i32, String)>,
    pub part_id: i32,
    pub timers: Vec<TimerRow>,
}

/// A team as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamRow {
    pub id: i32,
    pub unit: String,
    pub name: String,
    pub members: Vec<String>,
    pub reserve: String,
    pub has_device: bool,
    /// Order of appearance on stage, once drawn or set.
    pub running_order: Option<i32>,
}

/// A recorded draw of the running order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderDraw {
    pub by: String,
    pub at_ms: i64,
    pub seed: u64,
}

/// A part with its progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartRow {
    pub id: i32,
    pub rules: PartRules,
    pub status: PartStatus,
    pub submitted: usize,
    pub expected: usize,
    pub unreviewed: usize,
}

/// Everything of the organizers' stage page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageOverview {
    pub teams: Vec<TeamRow>,
    /// The last draw of the running order: who, when, and its seed (to repeat and check it).
    pub draw: Option<OrderDraw>,
    pub parts: Vec<PartRow>,
    pub judges: Vec<(String, Option<String>, bool, bool)>,
}

/// An audit entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    pub at_ms: i64,
    pub by: String,
    pub part: String,
    pub team: String,
    pub judge: String,
    pub action: String,
    pub field: String,
    pub old: String,
    pub new: String,
    pub reason: String,
}

/// Vietnamese names of audit actions.
pub fn action_label(action: &str) -> &str {
    match action {
        "score" => "Chấm điểm",
        "submit" => "Nộp phiếu",
        "unlock" => "Mở khóa phiếu",
        "penalty" => "Điểm trừ",
        "divergence_reviewed" => "Xác nhận chênh lệch",
        "lock" => "Khóa phần thi",
        "publish" => "Công bố",
        other => other,
    }
}
