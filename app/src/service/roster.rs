//! The roster use cases.

#[allow(unused_imports)]
use crate::service::caller::*;
#[allow(unused_imports)]
use crate::wire::roster::*;
use crate::{error::AppError, ssr::AppState};
#[allow(unused_imports)]
use domain::{
    Difficulty, Kind, Role, UnitGroup,
    contest::round::{Phase, ReviewPolicy},
    results::prizes::PrizeCounts,
    stage::rubric::PartRules,
};

/// Takes the outcome of the last upload out of the session (it is shown once).
pub async fn take_roster_result(
    _me: &Organizer,
    session: &tower_sessions::Session,
) -> Result<Option<RosterOutcome>, AppError> {
    session.remove::<RosterOutcome>(ROSTER_RESULT_KEY).await.map_err(|_| AppError::Internal)
}

/// Imports an uploaded roster (all or nothing) and keeps the outcome in `session`, shown once by
/// the roster page.
pub async fn import(
    state: &AppState,
    me: &Organizer,
    session: &tower_sessions::Session,
    file: String,
    bytes: &[u8],
) -> Result<(), AppError> {
    use store::roster::RosterError;
    let outcome = match store::roster::import(&state.db, &file, bytes).await {
        Ok(done) => {
            tracing::info!(by = me.id(), created = done.created, "roster upload imported");
            RosterOutcome::Imported {
                file,
                created: done.created,
                generated: done.generated.into_iter().map(|g| (g.full_name, g.login, g.password)).collect(),
            }
        }
        Err(RosterError::Store(e)) => return Err(e.into()),
        Err(e) => {
            tracing::info!(by = me.id(), error = %e, "roster upload rejected");
            let problems = match &e {
                RosterError::Rows(rows) => {
                    rows.iter().map(|p| (p.location.clone(), p.message.clone())).collect()
                }
                _ => Vec::new(),
            };
            RosterOutcome::Rejected { file, message: e.to_string(), problems }
        }
    };
    session.insert(ROSTER_RESULT_KEY, outcome).await.map_err(|e| {
        tracing::error!(error = %e, "saving the upload outcome in the session failed");
        AppError::Internal
    })
}
