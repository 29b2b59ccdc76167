//! What the questions pages send and receive.

#[allow(unused_imports)]
use domain::{
    Difficulty, Kind, Role, UnitGroup,
    contest::round::{Phase, ReviewPolicy},
};
use serde::{Deserialize, Serialize};

/// What the last spreadsheet upload did, shown once after the redirect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuestionImportOutcome {
    Imported { file: String, created: usize, updated: usize, unchanged: usize },
    Rejected { file: String, message: String, problems: Vec<(String, String)> },
}

/// A topic in filters and forms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicChoice {
    pub slug: String,
    pub name: String,
}

pub use domain::question::QuestionRow;

/// A page of the question list.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct QuestionList {
    pub rows: Vec<QuestionRow>,
    pub total: u64,
    pub page: u64,
    pub topics: Vec<TopicChoice>,
    pub last_import: Option<QuestionImportOutcome>,
}

/// A question as the editor shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionDetail {
    pub code: String,
    pub topic: String,
    pub topic_name: String,
    pub difficulty: Difficulty,
    pub kind: Kind,
    pub text: String,
    pub options: Vec<String>,
    pub correct: Vec<usize>,
    pub answer: String,
    pub explanation: String,
    pub basis_document: String,
    pub basis_date: String,
    pub basis_article: String,
    pub basis_in_force: String,
    pub family: String,
    pub basis: String,
    pub retired: bool,
    pub version: i32,
    pub topics: Vec<TopicChoice>,
}

/// One question's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemRow {
    pub code: String,
    pub text: String,
    pub answered: usize,
    pub difficulty: f64,
    pub discrimination: f64,
    pub upper_correct: f64,
    pub upper_n: usize,
    pub lower_n: usize,
    pub enough: bool,
    pub flagged: bool,
}

/// Session key under which the upload handler leaves the outcome for this page.
pub const QUESTION_IMPORT_KEY: &str = "question_import";

/// Rows on a page of the list.
pub const PER_PAGE: u64 = 25;
