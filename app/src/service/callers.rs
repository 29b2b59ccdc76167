//! Who is behind a session, remembered for a few seconds per process, so a contestant saving an
//! answer every few seconds costs one query (the answer) rather than three (session, account,
//! answer).
//!
//! What this process changes it forgets at once (signing out, a password reset, an account
//! disabled), and it tells the other servers sharing the database through the event bus
//! (PostgreSQL's `NOTIFY`), which forget that account's sessions when the notification arrives.
//! Should a notification be missed (the listener reconnecting), every remembered caller is
//! forgotten; [`TTL`] bounds what is left: a race between a lookup and a notification.

use super::caller::Caller;
use crate::ssr::AppState;
use std::{sync::LazyLock, time::Duration};
use tokio::sync::broadcast::error::RecvError;
use tower_sessions::session::Id;

/// How long a resolved caller is trusted without asking the database again. Longer than the
/// pause between two answers (a few seconds), so a contestant's saves do not look the session up
/// again every other time.
pub const TTL: Duration = Duration::from_secs(60);

/// Event topic prefix: `callers:<user id>` makes every server forget that account's sessions.
const TOPIC: &str = "callers:";

/// At most this many sessions are remembered (a few hundred bytes each).
const CAPACITY: u64 = 100_000;

static CALLERS: LazyLock<moka::sync::Cache<Id, Caller>> =
    LazyLock::new(|| moka::sync::Cache::builder().max_capacity(CAPACITY).time_to_live(TTL).build());

/// The caller of session `id`, when resolved less than [`TTL`] ago.
pub fn get(id: &Id) -> Option<Caller> {
    CALLERS.get(id)
}

/// Remembers the caller of session `id`.
pub fn put(id: Id, caller: Caller) {
    CALLERS.insert(id, caller);
}

/// Forgets session `id` (signed out, or signed in again under a new id).
pub fn forget_session(id: &Id) {
    CALLERS.invalidate(id);
}

/// Forgets every session of account `user_id` (password reset, account disabled or changed).
pub fn forget_user(user_id: i32) {
    let ids: Vec<Id> = CALLERS.iter().filter(|(_, c)| c.user.id == user_id).map(|(id, _)| *id).collect();
    for id in ids {
        CALLERS.invalidate(&id);
    }
}

/// Forgets every session of `user_id` here and on every other server sharing the database.
pub async fn forget_user_everywhere(state: &AppState, user_id: i32) {
    forget_user(user_id);
    state.events.publish(&state.db, &format!("{TOPIC}{user_id}")).await;
}

/// Follows the event bus for the lifetime of the process, forgetting what other servers changed.
pub async fn follow(events: store::events::EventBus) {
    let mut rx = events.subscribe();
    loop {
        match rx.recv().await {
            Ok(topic) if topic == store::events::RESYNC => CALLERS.invalidate_all(),
            Ok(topic) => {
                if let Some(user_id) = topic.strip_prefix(TOPIC).and_then(|id| id.parse().ok()) {
                    forget_user(user_id);
                }
            }
            Err(RecvError::Lagged(_)) => CALLERS.invalidate_all(),
            Err(RecvError::Closed) => return,
        }
    }
}
