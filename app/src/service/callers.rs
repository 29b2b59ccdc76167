//! Who is behind a session, remembered for a few seconds per process, so a contestant saving an
//! answer every few seconds costs one query (the answer) rather than three (session, account,
//! answer).
//!
//! What this process changes it forgets at once (signing out, a password reset, an account
//! disabled). Another server sharing the database notices such a change within [`TTL`]: a
//! session ended elsewhere may go on being accepted here for at most that long.

use super::caller::Caller;
use std::{sync::LazyLock, time::Duration};
use tower_sessions::session::Id;

/// How long a resolved caller is trusted without asking the database again.
pub const TTL: Duration = Duration::from_secs(5);

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
