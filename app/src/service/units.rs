//! The units use cases.

#[allow(unused_imports)]
use crate::service::caller::*;
#[allow(unused_imports)]
use crate::wire::units::*;
use crate::{error::AppError, ssr::AppState};
#[allow(unused_imports)]
use domain::{
    Difficulty, Kind, Role, UnitGroup,
    contest::round::{Phase, ReviewPolicy},
    results::prizes::PrizeCounts,
    stage::rubric::PartRules,
};

pub async fn list_units(state: &AppState, _me: &Organizer) -> Result<Vec<UnitRow>, AppError> {
    let rows = store::units::list_with_counts(&state.db.clone()).await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(UnitRow {
                id: r.unit.id,
                group: r.unit.group_key.parse().ok()?,
                name: r.unit.name,
                headcount: r.unit.headcount,
                contestants: r.contestants,
            })
        })
        .collect())
}

/// Creates a unit (no `id`) or updates one.
pub async fn save_unit(
    state: &AppState,
    user: &Organizer,
    id: Option<i32>,
    name: String,
    group: String,
    headcount: String,
) -> Result<(), AppError> {
    use domain::{Headcount, UnitName};
    let input = store::units::UnitInput {
        name: UnitName::parse(&name)?,
        group: group.parse().map_err(|e: domain::ValidationError| AppError::from(e))?,
        headcount: Headcount::parse(&headcount)?,
    };
    let db = state.db.clone();
    let unit = match id {
        Some(id) => store::units::update(&db, id, input).await,
        None => store::units::create(&db, input).await,
    }?;
    tracing::info!(by = user.id(), unit_id = unit.id, "unit saved");
    Ok(())
}

pub async fn delete_unit(state: &AppState, user: &Organizer, id: i32) -> Result<(), AppError> {
    store::units::delete(&state.db.clone(), id).await?;
    tracing::info!(by = user.id(), unit_id = id, "unit deleted");
    Ok(())
}
