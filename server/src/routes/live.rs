//! Change events (Server-Sent Events) for the live round's devices, host and projector, and for
//! the stage pages of organizers, head judge and secretary. Each event is only "something
//! changed"; pages fetch the state, which never carries an unrevealed key or another judge's
//! scores.

use app::ssr::AppState;
use axum::{
    extract::{Path, State},
    response::sse::{Event, KeepAlive, Sse},
};
use futures_util::stream::{self, Stream};
use std::{convert::Infallible, time::Duration};
use tokio::sync::broadcast::error::RecvError;

/// `/su-kien/truc-tiep/{id}` (one round) or `/su-kien/truc-tiep/tat-ca` (every live round).
pub async fn events(
    State(state): State<AppState>,
    Path(which): Path<String>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    topic_events(&state, which.parse::<i32>().ok().map(|id| format!("live:{id}")))
}

/// `/su-kien/san-khau`: sheets, timers, penalties, locks and publications of the stage contest.
pub async fn stage_events(
    State(state): State<AppState>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    topic_events(&state, Some(app::wire::stage::STAGE_TOPIC.to_owned()))
}

/// Every event of `topic` (every event at all when None).
pub(super) fn topic_events(
    state: &AppState,
    topic: Option<String>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>> + use<>> {
    let rx = state.events.subscribe();
    // A first message at once, so a page that (re)connects fetches the current state.
    let stream = stream::unfold((rx, topic, true), |(mut rx, topic, first)| async move {
        if first {
            return Some((Ok(Event::default().event("message").data("hello")), (rx, topic, false)));
        }
        loop {
            match rx.recv().await {
                Ok(t) if t == store::events::RESYNC || topic.as_ref().is_none_or(|want| *want == t) => {
                    return Some((Ok(Event::default().event("message").data(t)), (rx, topic, false)));
                }
                Ok(_) => continue,
                // Missed some: tell the page to refresh.
                Err(RecvError::Lagged(_)) => {
                    return Some((Ok(Event::default().event("message").data("lagged")), (rx, topic, false)));
                }
                Err(RecvError::Closed) => return None,
            }
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}
