//! What the correction (chấm lại) pages send and receive.

use domain::Kind;
use serde::{Deserialize, Serialize};

/// A version of a question that attempts drew.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionUse {
    pub id: i32,
    pub version: i32,
    pub text: String,
    pub kind: Kind,
    pub options: Vec<String>,
    /// The key's letters, "B" or "A, C".
    pub answer: String,
    pub attempts: usize,
    /// The correction in force for it, if any ("chấp nhận A hoặc C").
    pub corrected: Option<String>,
}

/// A correction made, for the history and the audit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectionRow {
    pub id: i32,
    pub at_ms: i64,
    pub code: String,
    pub version: i32,
    pub label: String,
    pub reason: String,
    pub by: String,
    pub attempts: i32,
    pub moved: usize,
}

/// The correction page of a question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectionForm {
    pub code: String,
    /// Versions drawn by attempts (finished or running), newest first (empty: nothing to correct).
    pub versions: Vec<VersionUse>,
    pub history: Vec<CorrectionRow>,
}

/// One person whose result moves, as shown in a preview, the change log and the print view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeRow {
    pub round: String,
    pub name: String,
    pub unit: String,
    /// "12/20".
    pub before: String,
    pub after: String,
    pub rank_before: u32,
    pub rank_after: u32,
    pub prize_before: String,
    pub prize_after: String,
}

/// What a correction would do (or did).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectionPreview {
    pub label: String,
    pub attempts: usize,
    pub rounds: Vec<String>,
    pub changes: Vec<ChangeRow>,
    /// Set once applied.
    pub applied: bool,
}

/// A correction as the public boards announce it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectionNotice {
    pub at_ms: i64,
    pub question: String,
    pub label: String,
    pub reason: String,
    pub changes: Vec<ChangeRow>,
}
