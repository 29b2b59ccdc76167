//! The rules use cases.

#[allow(unused_imports)]
use crate::service::caller::*;
#[allow(unused_imports)]
use crate::wire::rules::*;
use crate::{error::AppError, ssr::AppState};
#[allow(unused_imports)]
use domain::{
    Difficulty, Kind, Role, UnitGroup,
    contest::round::{Phase, ReviewPolicy},
    results::prizes::PrizeCounts,
    stage::rubric::PartRules,
};

/// The final's scoring rules (public: they are the rules every team plays by).
pub async fn get_final_rules(state: &AppState) -> Result<FinalRules, AppError> {
    let db = state.db.clone();
    let parts = store::stage::parts(&db).await?;
    let prizes = store::results::prize_settings(&db).await?;
    Ok(FinalRules {
        parts: parts
            .into_iter()
            .map(|p| FinalPart {
                max: p.rules.max().to_string(),
                minutes: p.rules.time_limit_secs / 60,
                criteria: p.rules.criteria.iter().map(|c| (c.name.clone(), c.max.to_string())).collect(),
                step: p.rules.step.to_string(),
                trimmed: p.rules.aggregation == domain::stage::aggregate::Aggregation::TrimmedMean,
                divergence_percent: p.rules.divergence_percent,
                name: p.rules.name,
            })
            .collect(),
        prizes: prizes.stage.0,
        rest_encouraged: prizes.stage_rest_encouraged,
        side: domain::results::side::SidePrize::ALL
            .into_iter()
            .filter(|p| prizes.side.of(*p) > 0)
            .map(|p| format!("{} {} (theo {})", prizes.side.of(p), p.label(), p.basis()))
            .collect(),
    })
}
