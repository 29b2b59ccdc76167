//! Leaderboards and prizes: unit standings with participation rates, prize allocation with ties,
//! and Vietnamese name order.

pub mod collation;
pub mod prizes;
pub mod publication;
pub mod side;
pub mod units;

/// Competition ranks ("1, 1, 3") of values already sorted best first: equal values share a rank.
pub fn shared_ranks<T: PartialEq>(sorted: &[T]) -> Vec<u32> {
    let mut ranks = Vec::with_capacity(sorted.len());
    for (i, v) in sorted.iter().enumerate() {
        let rank = match i {
            0 => 1,
            _ if sorted[i - 1] == *v => ranks[i - 1],
            _ => i as u32 + 1,
        };
        ranks.push(rank);
    }
    ranks
}

#[cfg(test)]
mod tests {
    use super::shared_ranks;

    #[test]
    fn equal_values_share_a_rank_and_the_next_skips() {
        assert_eq!(shared_ranks(&[10, 8, 8, 5, 5, 5, 1]), [1, 2, 2, 4, 4, 4, 7]);
        assert_eq!(shared_ranks(&[0; 33]), [1; 33]);
        assert_eq!(shared_ranks::<i32>(&[]), Vec::<u32>::new());
    }
}
