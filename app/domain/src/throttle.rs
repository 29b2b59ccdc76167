//! Slowing down password guessing: after too many failed sign-ins for the same key within a
//! window, that key waits a while before it may try again.
//!
//! A try at one login is counted when it starts, before the password is checked, and taken back
//! when it succeeds: many guesses at one account sent at once therefore cannot all slip past the
//! limit. An address counts only failures, so an office full of people signing in at the same
//! minute from one shared address is never held up.

use std::collections::{HashMap, VecDeque};

/// Recent tries per key, with the clock passed in (so it is testable).
#[derive(Debug, Clone)]
pub struct Throttle {
    max_tries: usize,
    window_ms: i64,
    lock_ms: i64,
    tries: HashMap<String, VecDeque<i64>>,
}

impl Throttle {
    pub fn new(max_tries: usize, window_ms: i64, lock_ms: i64) -> Self {
        Self { max_tries: max_tries.max(1), window_ms, lock_ms, tries: HashMap::new() }
    }

    /// `Err(ms)` while `key` must wait: it has `max_tries` failures within the window and the
    /// latest is less than the lock time ago. Each further failure starts the wait again.
    pub fn check(&self, key: &str, now_ms: i64) -> Result<(), i64> {
        let Some(tries) = self.tries.get(key) else { return Ok(()) };
        let recent: Vec<i64> = tries.iter().copied().filter(|t| now_ms - t <= self.window_ms).collect();
        match recent.last() {
            Some(last) if recent.len() >= self.max_tries && last + self.lock_ms > now_ms => {
                Err(last + self.lock_ms - now_ms)
            }
            _ => Ok(()),
        }
    }

    /// Counts a try (a failure unless taken back with [`Throttle::forgive`]).
    pub fn record(&mut self, key: &str, now_ms: i64) {
        let window = self.window_ms;
        let tries = self.tries.entry(key.to_owned()).or_default();
        tries.retain(|t| now_ms - t <= window);
        tries.push_back(now_ms);
        if tries.len() > self.max_tries {
            tries.pop_front();
        }
        // Keep the map from growing without bound under a spray of logins.
        if self.tries.len() > 100_000 {
            self.tries.retain(|_, t| t.back().is_some_and(|last| now_ms - last <= window));
        }
    }

    /// Forgets every try of `key`.
    pub fn clear(&mut self, key: &str) {
        self.tries.remove(key);
    }
}

/// A sign-in try that has been counted; hand it back on success.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ticket {
    login: String,
    address: String,
    at_ms: i64,
}

/// The sign-in limits, each counted over 15 minutes and then waiting 5 minutes:
/// - a login from one address: 5 failures (the usual lock; others signing in to the same
///   account from elsewhere, such as the real owner, are not locked out by it);
/// - a login from anywhere: 50 failures (guessing spread over many addresses);
/// - an address: 30 failures over any logins (one device trying many accounts);
/// - registrations from an address: 50 (each one costs a password hash).
#[derive(Debug, Clone)]
pub struct SignInLimits {
    pairs: Throttle,
    logins: Throttle,
    addresses: Throttle,
    registrations: Throttle,
}

impl Default for SignInLimits {
    fn default() -> Self {
        const MIN: i64 = 60_000;
        Self {
            pairs: Throttle::new(5, 15 * MIN, 5 * MIN),
            logins: Throttle::new(50, 15 * MIN, 5 * MIN),
            addresses: Throttle::new(30, 15 * MIN, 5 * MIN),
            registrations: Throttle::new(50, 15 * MIN, 5 * MIN),
        }
    }
}

fn pair(login: &str, address: &str) -> String {
    format!("{login}\u{0}{address}")
}

impl SignInLimits {
    /// Starts a sign-in try: `Err(ms)` while the login or the address must wait; otherwise the
    /// try counts as a failure of the login until [`SignInLimits::succeeded`] takes it back.
    pub fn begin(&mut self, login: &str, address: &str, now_ms: i64) -> Result<Ticket, i64> {
        let pair = pair(login, address);
        self.pairs
            .check(&pair, now_ms)
            .and_then(|()| self.logins.check(login, now_ms))
            .and_then(|()| self.addresses.check(address, now_ms))?;
        self.pairs.record(&pair, now_ms);
        self.logins.record(login, now_ms);
        Ok(Ticket { login: login.to_owned(), address: address.to_owned(), at_ms: now_ms })
    }

    /// The try succeeded: the login's failures are forgotten.
    pub fn succeeded(&mut self, ticket: &Ticket) {
        self.pairs.clear(&pair(&ticket.login, &ticket.address));
        self.logins.clear(&ticket.login);
    }

    /// The try failed: it also counts against the address.
    pub fn failed(&mut self, ticket: &Ticket) {
        self.addresses.record(&ticket.address, ticket.at_ms);
    }

    /// Counts a registration from `address`: `Err(ms)` while it must wait.
    pub fn register(&mut self, address: &str, now_ms: i64) -> Result<(), i64> {
        self.registrations.check(address, now_ms)?;
        self.registrations.record(address, now_ms);
        Ok(())
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
            t.record("an@hoithi.test", i * 1000);
            assert_eq!(t.check("an@hoithi.test", i * 1000), Ok(()));
        }
        t.record("an@hoithi.test", 5_000);
        assert_eq!(t.check("an@hoithi.test", 6_000), Err(5 * MIN - 1_000));
        assert_eq!(t.check("binh@hoithi.test", 6_000), Ok(()), "other keys are not affected");
        assert_eq!(t.check("an@hoithi.test", 5_000 + 5 * MIN), Ok(()), "the lock ends");
        t.record("an@hoithi.test", 6 * MIN);
        assert!(t.check("an@hoithi.test", 6 * MIN + 1).is_err(), "another failure soon after waits again");
    }

    #[test]
    fn failures_spread_beyond_the_window_do_not_add_up_and_clearing_forgets_them() {
        let mut t = Throttle::new(3, MIN, MIN);
        t.record("k", 0);
        t.record("k", 1_000);
        t.record("k", 2 * MIN);
        assert_eq!(t.check("k", 2 * MIN), Ok(()));
        t.record("k", 2 * MIN + 1);
        t.clear("k");
        t.record("k", 2 * MIN + 2);
        assert_eq!(t.check("k", 2 * MIN + 3), Ok(()));
    }

    #[test]
    fn guesses_sent_at_once_are_counted_before_any_is_checked() {
        let mut limits = SignInLimits::default();
        let started = (0..20).filter(|_| limits.begin("giamkhao1", "10.0.0.9", 1_000).is_ok()).count();
        assert_eq!(started, 5, "only five guesses reach the password check");
    }

    #[test]
    fn a_login_locked_from_one_address_still_opens_from_another() {
        let mut limits = SignInLimits::default();
        for i in 0..5 {
            assert!(limits.begin("giamkhao1", "10.0.0.66", i).is_ok());
        }
        assert!(limits.begin("giamkhao1", "10.0.0.66", 10).is_err(), "the guesser waits");
        let owner = limits.begin("giamkhao1", "10.0.0.7", 10).expect("the owner's tablet is not locked out");
        limits.succeeded(&owner);
        assert!(
            limits.begin("giamkhao1", "10.0.0.66", 20).is_err(),
            "the owner's success does not free the guesser"
        );
    }

    #[test]
    fn one_address_guessing_many_logins_is_slowed_down_too() {
        let mut limits = SignInLimits::default();
        for i in 0..30 {
            let ticket = limits.begin(&format!("user{i}"), "10.0.0.9", i).expect("not yet limited");
            limits.failed(&ticket);
        }
        assert!(limits.begin("someone-else", "10.0.0.9", 100).is_err());
        assert!(limits.begin("someone-else", "10.0.0.10", 100).is_ok());
    }

    #[test]
    fn an_office_signing_in_at_once_from_one_address_is_never_held_up() {
        let mut limits = SignInLimits::default();
        // Two hundred people start at the same moment; none has been checked yet.
        let tickets: Vec<Ticket> = (0..200)
            .map(|i| limits.begin(&format!("thisinh{i}"), "10.1.1.1", 1_000).expect("an office signs in"))
            .collect();
        for ticket in &tickets {
            limits.succeeded(ticket);
        }
        assert!(limits.begin("thisinh999", "10.1.1.1", 2_000).is_ok());
    }

    #[test]
    fn many_logins_failing_from_many_addresses_lock_that_login() {
        let mut limits = SignInLimits::default();
        for i in 0..50 {
            let ticket =
                limits.begin("snv", &format!("10.0.{}.{}", i / 4, i % 4), i).expect("not yet limited");
            limits.failed(&ticket);
        }
        assert!(limits.begin("snv", "10.9.9.9", 60).is_err());
    }

    #[test]
    fn registrations_from_one_address_are_limited() {
        let mut limits = SignInLimits::default();
        for i in 0..50 {
            assert_eq!(limits.register("10.0.0.9", i), Ok(()));
        }
        assert!(limits.register("10.0.0.9", 60).is_err());
        assert_eq!(limits.register("10.0.0.10", 60), Ok(()));
    }
}
