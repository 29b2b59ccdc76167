//! Server functions of the contestant's pages: thin adapters over `service::attempts`.

use crate::error::AppError;
pub use crate::wire::contestant::*;
use leptos::prelude::*;

/// The rounds open to the signed-in contestant, with their attempts.
#[server(endpoint = "contestant/rounds")]
pub async fn my_rounds() -> Result<Vec<RoundCard>, AppError> {
    use crate::{
        service::{attempts, caller::Contestant},
        ssr::{caller_as, fail, state},
    };
    let me = caller_as::<Contestant>().await?;
    attempts::my_rounds(&state()?, &me).await.map_err(fail)
}

/// Starts an attempt (or resumes the running one) and goes to it.
#[server(endpoint = "contestant/start")]
pub async fn start_attempt(round_id: i32) -> Result<i64, AppError> {
    use crate::{
        service::{attempts, caller::Contestant},
        ssr::{caller_as, fail, state},
    };
    let me = caller_as::<Contestant>().await?;
    let id = attempts::start(&state()?, &me, round_id).await.map_err(fail)?;
    leptos_axum::redirect(&format!("/thi-sinh/bai-thi/{id}"));
    Ok(id)
}

/// A running attempt's paper. A finished one answers 409 so the page goes to the result.
#[server(endpoint = "contestant/attempt")]
pub async fn get_attempt(id: i64) -> Result<AttemptView, AppError> {
    use crate::{
        service::{attempts, caller::Contestant},
        ssr::{caller_as, fail, state},
    };
    let me = caller_as::<Contestant>().await?;
    attempts::paper(&state()?, &me, id).await.map_err(fail)
}

/// Saves one answer as it is chosen. `chosen` lists displayed option positions, comma-separated
/// ("" clears the answer). Returns the server time it was saved.
#[server(endpoint = "contestant/answer")]
pub async fn save_answer(attempt_id: i64, position: i32, chosen: String) -> Result<i64, AppError> {
    use crate::{
        service::{attempts, caller::Contestant},
        ssr::{caller_as, client_ip, fail, state},
    };
    let me = caller_as::<Contestant>().await?;
    let chosen = attempts::parse_choice(&chosen).map_err(fail)?;
    attempts::save_answer(&state()?, &me, attempt_id, position, &chosen, &client_ip().await)
        .await
        .map_err(fail)
}

/// Saves the prediction of the number of participants.
#[server(endpoint = "contestant/prediction")]
pub async fn save_prediction(attempt_id: i64, value: String) -> Result<(), AppError> {
    use crate::{
        service::{attempts, caller::Contestant},
        ssr::{caller_as, fail, state},
    };
    let me = caller_as::<Contestant>().await?;
    attempts::save_prediction(&state()?, &me, attempt_id, &value).await.map_err(fail)
}

/// Submits the attempt (the page then shows its result).
#[server(endpoint = "contestant/submit")]
pub async fn submit_attempt(attempt_id: i64) -> Result<(), AppError> {
    use crate::{
        service::{attempts, caller::Contestant},
        ssr::{caller_as, fail, state},
    };
    let me = caller_as::<Contestant>().await?;
    attempts::submit(&state()?, &me, attempt_id).await.map_err(fail)
}

/// The result of a finished attempt, with the review when the policy allows it.
#[server(endpoint = "contestant/result")]
pub async fn get_result(id: i64) -> Result<ResultView, AppError> {
    use crate::{
        service::{attempts, caller::Contestant},
        ssr::{caller_as, fail, state},
    };
    let me = caller_as::<Contestant>().await?;
    attempts::result(&state()?, &me, id).await.map_err(fail)
}
