//! Errors of the persistence layer.

use domain::ValidationError;

/// What went wrong in a store operation. Callers map each variant to an HTTP status and a
/// Vietnamese message; `Db` is logged and shown as a generic failure.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Db(#[from] sea_orm::DbErr),
    #[error("not found")]
    NotFound,
    #[error("already exists: {0}")]
    Conflict(Taken),
    #[error("invalid input: {0}")]
    Invalid(#[from] ValidationError),
    #[error("not possible now: {0}")]
    InUse(Busy),
    #[error("a contestant must belong to a unit")]
    UnitRequired,
    #[error("stored data is inconsistent: {0}")]
    Corrupt(String),
    #[error("password hashing failed")]
    PasswordHash,
}

/// What is already taken when a write conflicts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Taken {
    #[error("login")]
    Login,
    #[error("unit name")]
    UnitName,
    /// A several-answer question asked where only one answer fits (the live round).
    #[error("multiple-answer question")]
    MultipleAnswer,
    /// Two questions of one family chosen together (the second gives the first away).
    #[error("two questions of one family")]
    SameFamily,
}

/// Why a change cannot be made in the current state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Busy {
    #[error("the round has attempts: its blueprint is fixed")]
    RoundStarted,
    #[error("the unit has accounts")]
    UnitHasAccounts,
    #[error("the round is still open")]
    RoundOpen,
    #[error("not enough questions")]
    NotEnoughQuestions,
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
