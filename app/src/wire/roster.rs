//! What the roster pages send and receive.

#[allow(unused_imports)]
use domain::{
    Difficulty, Kind, Role, UnitGroup,
    contest::round::{Phase, ReviewPolicy},
};
use serde::{Deserialize, Serialize};

/// What the last roster upload did, shown once after the redirect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RosterOutcome {
    Imported { file: String, created: usize, generated: Vec<(String, String, String)> },
    Rejected { file: String, message: String, problems: Vec<(String, String)> },
}

/// Session key under which the upload handler leaves the outcome for this page.
pub const ROSTER_RESULT_KEY: &str = "roster_result";
