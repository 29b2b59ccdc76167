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
    Conflict(&'static str),
    #[error("invalid input: {0}")]
    Invalid(#[from] ValidationError),
    #[error("still referenced: {0}")]
    InUse(&'static str),
    #[error("a contestant must belong to a unit")]
    UnitRequired,
    #[error("stored data is inconsistent: {0}")]
    Corrupt(String),
    #[error("password hashing failed")]
    PasswordHash,
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
