//! What anyone may see once published: the projector, a contestant's own standing, versions.

use super::*;
use crate::error::AppError;
use leptos::prelude::*;

/// Everything published, for the projector (no sign-in needed; nothing unpublished).
#[server(endpoint = "results/projector")]
pub async fn get_projector_data() -> Result<ProjectorData, AppError> {
    use crate::ssr::{state, store_error};
    let state = state()?;
    let mut rounds = Vec::new();
    for r in store::rounds::list(&state.db).await.map_err(store_error)? {
        if r.results_published {
            let mut results = ssr::round_results(&state, &r).await?;
            // The top ten and every prize winner below them: what the projector shows.
            let last_prize = results.people.iter().rposition(|p| p.prize.is_some()).map_or(0, |i| i + 1);
            results.people.truncate(last_prize.max(10));
            rounds.push(results);
        }
    }
    let stage = if store::results::stage_published(&state.db).await.map_err(store_error)? {
        Some(ssr::stage_results(&state.db).await?)
    } else {
        None
    };
    let version = store::results::board_version(&state.db).await.map_err(store_error)?;
    Ok(ProjectorData { version, rounds, stage })
}

/// The signed-in contestant's rank and unit standing in each published round.
#[server(endpoint = "results/mine")]
pub async fn get_my_standing() -> Result<Vec<MyStanding>, AppError> {
    use crate::ssr::{require, state, store_error};
    let me = require(&[domain::Role::Contestant]).await?;
    let state = state()?;
    let mut out = Vec::new();
    for r in
        store::rounds::list(&state.db).await.map_err(store_error)?.into_iter().filter(|r| r.results_published)
    {
        let board = state.boards.get(&state.db, &r).await.map_err(store_error)?;
        let mine = board.entries.iter().find(|e| e.user_id == i64::from(me.id));
        let results = ssr::round_results(&state, &r).await?;
        let unit = me.unit_name.as_ref().and_then(|n| results.units.iter().find(|u| &u.name == n).cloned());
        let unit_count =
            unit.as_ref().map_or(0, |u| results.units.iter().filter(|x| x.group == u.group).count());
        out.push(MyStanding {
            round: r.name.clone(),
            round_id: r.id,
            rank: mine.map(|e| e.rank),
            people: board.entries.len(),
            score: mine.map(|e| format!("{}/{}", e.correct, e.total)).unwrap_or_default(),
            unit,
            unit_count,
        });
    }
    Ok(out)
}

/// The current version of every board (the projector reloads its data when it changes).
#[server(endpoint = "results/version")]
pub async fn get_board_version() -> Result<i64, AppError> {
    use crate::ssr::{db, store_error};
    store::results::board_version(&db()?).await.map_err(store_error)
}
