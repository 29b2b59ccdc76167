//! Slowing down password guessing: after too many failed sign-ins for the same key within a
//! window, that key waits a while before it may try again.
//!
//! A try at one login is counted when it starts, before the password is checked, and taken back
//! when it succeeds: many guesses at one account sent at once therefore cannot all slip past the
//! limit. An address counts only failures, so an office full of people signing in at the same
//! minute from one shared address is never held up.
//!
//! The tries are kept where every server process sees them (the database); the rules here decide
//! from the tries made before the one being judged.

const MIN: i64 = 60_000;

/// At most `max` tries within `window_ms`; after that, wait `lock_ms` from the latest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub max: usize,
    pub window_ms: i64,
    pub lock_ms: i64,
}

impl Rule {
    /// `Err(ms)` while a key with these earlier tries must wait: `max` of them within the window
    /// and the latest less than the lock time ago. Each further failure starts the wait again.
    pub fn check(&self, tries_ms: impl IntoIterator<Item = i64>, now_ms: i64) -> Result<(), i64> {
        let (count, last) = tries_ms
            .into_iter()
            .filter(|t| now_ms - t <= self.window_ms)
            .fold((0usize, i64::MIN), |(n, last), t| (n + 1, last.max(t)));
        if count >= self.max.max(1) && last + self.lock_ms > now_ms {
            Err(last + self.lock_ms - now_ms)
        } else {
            Ok(())
        }
    }
}

/// A login from one address: 5 failures (the usual lock; the real owner signing in from
/// elsewhere is not locked out by it).
pub const PAIR: Rule = Rule { max: 5, window_ms: 15 * MIN, lock_ms: 5 * MIN };
/// A login from anywhere: 50 failures (guessing spread over many addresses).
pub const LOGIN: Rule = Rule { max: 50, window_ms: 15 * MIN, lock_ms: 5 * MIN };
/// An address: 30 failures over any logins (one device trying many accounts).
pub const ADDRESS: Rule = Rule { max: 30, window_ms: 15 * MIN, lock_ms: 5 * MIN };
/// Registrations from an address: 50 (each one costs a password hash).
pub const REGISTRATION: Rule = Rule { max: 50, window_ms: 15 * MIN, lock_ms: 5 * MIN };
/// How long a try is worth keeping.
pub const KEEP_MS: i64 = 15 * MIN;

/// A sign-in try as kept: still running or failed (a success forgets the login's tries).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Try {
    pub login: String,
    pub address: String,
    pub at_ms: i64,
    pub failed: bool,
}

/// Whether a sign-in at `login` from `address` may start, given the tries made before it
/// (those of this login, and the failures of this address): `Err(ms)` while it must wait.
pub fn sign_in_allowed(earlier: &[Try], login: &str, address: &str, now_ms: i64) -> Result<(), i64> {
    let of_login = || earlier.iter().filter(|t| t.login == login);
    PAIR.check(of_login().filter(|t| t.address == address).map(|t| t.at_ms), now_ms)?;
    LOGIN.check(of_login().map(|t| t.at_ms), now_ms)?;
    ADDRESS.check(earlier.iter().filter(|t| t.address == address && t.failed).map(|t| t.at_ms), now_ms)
}

/// The rules over an in-memory list of tries: what the database keeps, for tests and one-off
/// tools.
#[derive(Debug, Clone, Default)]
pub struct SignInLimits {
    tries: Vec<Try>,
    registrations: Vec<(String, i64)>,
}

/// A sign-in try that has been counted; hand it back when it ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ticket(usize);

impl SignInLimits {
    /// Starts a sign-in try: `Err(ms)` while the login or the address must wait; otherwise the
    /// try counts as a failure of the login until [`SignInLimits::succeeded`] takes it back.
    pub fn begin(&mut self, login: &str, address: &str, now_ms: i64) -> Result<Ticket, i64> {
        sign_in_allowed(&self.tries, login, address, now_ms)?;
        self.tries.push(Try { login: login.into(), address: address.into(), at_ms: now_ms, failed: false });
        Ok(Ticket(self.tries.len() - 1))
    }

    /// The try succeeded: the tries of this login from this address are forgotten (guesses
    /// from elsewhere still count against the login).
    pub fn succeeded(&mut self, ticket: Ticket) {
        if let Some(done) = self.tries.get(ticket.0).cloned() {
            // Keep indexes of other tickets valid: forget by blanking rather than removing.
            for t in self.tries.iter_mut().filter(|t| t.login == done.login && t.address == done.address) {
                t.login.clear();
                t.address.clear();
                t.failed = false;
            }
        }
    }

    /// The try failed: it also counts against the address.
    pub fn failed(&mut self, ticket: Ticket) {
        if let Some(t) = self.tries.get_mut(ticket.0) {
            t.failed = true;
        }
    }

    /// Counts a registration from `address`: `Err(ms)` while it must wait.
    pub fn register(&mut self, address: &str, now_ms: i64) -> Result<(), i64> {
        REGISTRATION
            .check(self.registrations.iter().filter(|(a, _)| a == address).map(|(_, t)| *t), now_ms)?;
        self.registrations.push((address.to_owned(), now_ms));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_in_the_window_lock_the_key_for_a_while() {
        let mut tries = vec![0, 1_000, 2_000, 3_000];
        assert_eq!(PAIR.check(tries.clone(), 4_000), Ok(()));
        tries.push(5_000);
        assert_eq!(PAIR.check(tries.clone(), 6_000), Err(5 * MIN - 1_000));
        assert_eq!(PAIR.check(tries.clone(), 5_000 + 5 * MIN), Ok(()), "the lock ends");
        tries.push(6 * MIN);
        assert!(PAIR.check(tries, 6 * MIN + 1).is_err(), "another failure soon after waits again");
    }

    #[test]
    fn failures_spread_beyond_the_window_do_not_add_up() {
        let rule = Rule { max: 3, window_ms: MIN, lock_ms: MIN };
        assert_eq!(rule.check([0, 1_000, 2 * MIN], 2 * MIN), Ok(()));
        assert!(rule.check([MIN + 10, MIN + 20, 2 * MIN], 2 * MIN).is_err());
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
        limits.succeeded(owner);
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
            limits.failed(ticket);
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
            limits.succeeded(*ticket);
        }
        assert!(limits.begin("thisinh999", "10.1.1.1", 2_000).is_ok());
    }

    #[test]
    fn many_logins_failing_from_many_addresses_lock_that_login() {
        let mut limits = SignInLimits::default();
        for i in 0..50 {
            let ticket =
                limits.begin("snv", &format!("10.0.{}.{}", i / 4, i % 4), i).expect("not yet limited");
            limits.failed(ticket);
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
