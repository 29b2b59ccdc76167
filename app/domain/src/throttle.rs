//! Slowing down password guessing: after too many failed sign-ins for the same key (a login or a
//! client address) within a window, that key is refused for a while.

use std::collections::HashMap;

#[derive(Debug, Clone, Copy)]
struct Entry {
    failures: u32,
    first_ms: i64,
    locked_until_ms: i64,
}

/// Failed-attempt counters per key, with the clock passed in (so it is testable).
#[derive(Debug, Clone)]
pub struct Throttle {
    max_failures: u32,
    window_ms: i64,
    lock_ms: i64,
    entries: HashMap<String, Entry>,
}

impl Throttle {
    pub fn new(max_failures: u32, window_ms: i64, lock_ms: i64) -> Self {
        Self { max_failures, window_ms, lock_ms, entries: HashMap::new() }
    }

    /// `Err(ms)` while `key` is locked: the time left before it may try again.
    pub fn check(&self, key: &str, now_ms: i64) -> Result<(), i64> {
        match self.entries.get(key) {
            Some(e) if e.locked_until_ms > now_ms => Err(e.locked_until_ms - now_ms),
            _ => Ok(()),
        }
    }

    /// Records a failed attempt; locks the key once it reaches the limit within the window.
    pub fn failure(&mut self, key: &str, now_ms: i64) {
        let e = self.entries.entry(key.to_owned()).or_insert(Entry {
            failures: 0,
            first_ms: now_ms,
            locked_until_ms: 0,
        });
        if now_ms - e.first_ms > self.window_ms {
            *e = Entry { failures: 0, first_ms: now_ms, locked_until_ms: 0 };
        }
        e.failures += 1;
        if e.failures >= self.max_failures {
            e.locked_until_ms = now_ms + self.lock_ms;
            e.failures = 0;
            e.first_ms = now_ms;
        }
        // Keep the map from growing without bound under a spray of logins.
        if self.entries.len() > 100_000 {
            let horizon = now_ms - self.window_ms;
            self.entries.retain(|_, e| e.first_ms > horizon || e.locked_until_ms > now_ms);
        }
    }

    /// A successful sign-in clears the key's failures.
    pub fn success(&mut self, key: &str) {
        self.entries.remove(key);
    }
}

/// The sign-in limits: per login (5 failures in 15 minutes) and per client address (30), each
/// then waiting 5 minutes.
#[derive(Debug, Clone)]
pub struct SignInLimits {
    logins: Throttle,
    addresses: Throttle,
}

impl Default for SignInLimits {
    fn default() -> Self {
        const MIN: i64 = 60_000;
        Self { logins: Throttle::new(5, 15 * MIN, 5 * MIN), addresses: Throttle::new(30, 15 * MIN, 5 * MIN) }
    }
}

impl SignInLimits {
    /// `Err(ms)` while the login or the address must wait.
    pub fn check(&self, login: &str, address: &str, now_ms: i64) -> Result<(), i64> {
        self.logins.check(login, now_ms).and_then(|()| self.addresses.check(address, now_ms))
    }

    pub fn failure(&mut self, login: &str, address: &str, now_ms: i64) {
        self.logins.failure(login, now_ms);
        self.addresses.failure(address, now_ms);
    }

    pub fn success(&mut self, login: &str) {
        self.logins.success(login);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: i64 = 60_000;

    #[test]
    fn five_failures_in_the_window_lock_the_key_for_a_while() {
        let mut t = Throttle::new(5, 15 * MIN, 5 * MIN);
        for i in 0..4 {
            t.failure("an@hoithi.test", i * 1000);
            assert_eq!(t.check("an@hoithi.test", i * 1000), Ok(()));
        }
        t.failure("an@hoithi.test", 5_000);
        assert_eq!(t.check("an@hoithi.test", 6_000), Err(5 * MIN - 1_000));
        assert_eq!(t.check("binh@hoithi.test", 6_000), Ok(()), "other keys are not affected");
        assert_eq!(t.check("an@hoithi.test", 5_000 + 5 * MIN), Ok(()), "the lock ends");
    }

    #[test]
    fn one_address_guessing_many_logins_is_slowed_down_too() {
        let mut limits = SignInLimits::default();
        for i in 0..30 {
            assert_eq!(limits.check(&format!("user{i}"), "10.0.0.9", i), Ok(()));
            limits.failure(&format!("user{i}"), "10.0.0.9", i);
        }
        assert!(limits.check("someone-else", "10.0.0.9", 100).is_err());
        assert_eq!(limits.check("someone-else", "10.0.0.10", 100), Ok(()));
    }

    #[test]
    fn failures_spread_beyond_the_window_do_not_add_up_and_success_clears_them() {
        let mut t = Throttle::new(3, MIN, MIN);
        t.failure("k", 0);
        t.failure("k", 1_000);
        t.failure("k", 2 * MIN);
        assert_eq!(t.check("k", 2 * MIN), Ok(()));
        t.failure("k", 2 * MIN + 1);
        t.success("k");
        t.failure("k", 2 * MIN + 2);
        assert_eq!(t.check("k", 2 * MIN + 3), Ok(()));
    }
}
