//! An attempt's paper as the contestant sees it, and its review: one type each, shared by the
//! store that builds them and the pages that show them.

use crate::Kind;
use serde::{Deserialize, Serialize};

/// A question as the contestant sees it: options in their shuffled order, no correct answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperQuestion {
    pub position: i32,
    pub text: String,
    pub kind: Kind,
    pub options: Vec<String>,
    /// Displayed positions the contestant has chosen so far.
    pub chosen: Vec<usize>,
}

/// One question of a finished attempt with its key, for the review (options as displayed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewItem {
    pub position: i32,
    pub text: String,
    pub kind: Kind,
    pub options: Vec<String>,
    pub chosen: Vec<usize>,
    pub correct: Vec<usize>,
    pub explanation: String,
    pub basis: String,
    /// Whether the answer counted as right (by the key, or by a correction made since).
    pub right: bool,
    /// False when a correction took the question out of the score.
    pub counted: bool,
    /// The correction this question had after the attempts were in (when, what, why), if any.
    pub note: Option<String>,
}
