//! The question bank's format and rules, with no IO: parse TOML topic files, validate questions
//! (from files, spreadsheets or the organizers' editor alike) and report every problem with where
//! it is.

pub mod bank;
pub mod lint;
pub mod model;
pub mod stats;
pub mod table;
pub mod toml_file;

pub use bank::{Bank, SourceFile, check_bank};
pub use model::{Field, FieldError, LegalBasis, LegalDate, Question, QuestionDraft, QuestionError, Topic};

/// The bank shipped with HoiThi, embedded at build time.
pub mod shipped {
    include!(concat!(env!("OUT_DIR"), "/shipped.rs"));

    /// `topics.toml` and the topic files of the shipped bank, as source files under `bank/`.
    pub fn files() -> (crate::SourceFile, Vec<crate::SourceFile>) {
        let file = |(name, contents): &(&str, &str)| crate::SourceFile {
            path: format!("questions/bank/{name}"),
            contents: (*contents).to_owned(),
        };
        let topics = SHIPPED
            .iter()
            .find(|(n, _)| *n == "topics.toml")
            .map(file)
            .unwrap_or_else(|| file(&("topics.toml", "")));
        let others = SHIPPED.iter().filter(|(n, _)| *n != "topics.toml").map(file).collect();
        (topics, others)
    }
}

/// One problem, located as `path:line` (files) or "sheet, row" (spreadsheets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub location: String,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}
