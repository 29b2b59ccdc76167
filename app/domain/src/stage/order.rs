//! The order of appearance on stage (bốc thăm thứ tự): drawn from a seed that is kept, so the
//! draw can be repeated and checked, or set by hand.

use rand::{SeedableRng, seq::SliceRandom};
use rand_chacha::ChaCha8Rng;

/// The teams in the order the draw with `seed` gives them (the same seed always gives the same
/// order for the same teams, whatever order they are passed in).
pub fn draw(team_ids: &[i32], seed: u64) -> Vec<i32> {
    let mut ids = team_ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    ids.shuffle(&mut ChaCha8Rng::seed_from_u64(seed));
    ids
}

/// A running order typed by hand that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OrderError {
    #[error("Số thứ tự phải là số nguyên từ 1 đến {0}.")]
    OutOfRange(u32),
    #[error("Số thứ tự {0} được gán cho hai đội.")]
    Repeated(u32),
}

/// Checks positions typed for `teams` teams: each from 1 to the number of teams, none twice
/// (teams without a number go after the numbered ones).
pub fn check(positions: &[u32], teams: usize) -> Result<(), OrderError> {
    let max = u32::try_from(teams).unwrap_or(u32::MAX);
    let mut seen = std::collections::HashSet::new();
    for p in positions {
        if *p == 0 || *p > max {
            return Err(OrderError::OutOfRange(max));
        }
        if !seen.insert(*p) {
            return Err(OrderError::Repeated(*p));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draw_is_a_permutation_repeatable_from_its_seed() {
        let teams: Vec<i32> = (1..=33).collect();
        let order = draw(&teams, 2017);
        let mut sorted = order.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, teams, "every team once");
        assert_eq!(draw(&teams, 2017), order, "same seed, same order");
        let mut reversed = teams.clone();
        reversed.reverse();
        assert_eq!(draw(&reversed, 2017), order, "whatever order the teams come in");
        assert_ne!(draw(&teams, 2018), order, "another seed, another order");
    }

    #[test]
    fn typed_positions_are_within_range_and_unique() {
        assert_eq!(check(&[1, 2, 3], 3), Ok(()));
        assert_eq!(check(&[3, 1], 3), Ok(()), "some teams may have no number yet");
        assert_eq!(check(&[0], 3), Err(OrderError::OutOfRange(3)));
        assert_eq!(check(&[4], 3), Err(OrderError::OutOfRange(3)));
        assert_eq!(check(&[2, 2], 3), Err(OrderError::Repeated(2)));
    }
}
