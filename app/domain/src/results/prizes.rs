//! Allocating prizes down a ranking. Tied entries share a prize, and a shared prize uses up the
//! places it covers: with 1 first and 2 second prizes, two entries tied first both get the first
//! prize and one second prize remains. A prize may stay empty when there are too few entries.

use serde::{Deserialize, Serialize};

/// Prize ranks, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Prize {
    First,
    Second,
    Third,
    Encouragement,
}

impl Prize {
    pub const ALL: [Prize; 4] = [Prize::First, Prize::Second, Prize::Third, Prize::Encouragement];

    pub fn label(self) -> &'static str {
        match self {
            Prize::First => "Giải Nhất",
            Prize::Second => "Giải Nhì",
            Prize::Third => "Giải Ba",
            Prize::Encouragement => "Giải Khuyến khích",
        }
    }
}

/// How many prizes of each rank (nhất, nhì, ba, khuyến khích).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrizeCounts(pub [u32; 4]);

impl PrizeCounts {
    /// The contest rules' default for an online round: 1, 2, 3, 5.
    pub const ONLINE: PrizeCounts = PrizeCounts([1, 2, 3, 5]);

    /// The same counts, with encouragement for every entry not otherwise awarded (the stage
    /// contest's rule: "khuyến khích cho các đội còn lại").
    pub fn with_rest_encouraged(self) -> PrizeCounts {
        let [a, b, c, _] = self.0;
        PrizeCounts([a, b, c, u32::MAX])
    }
}

/// Gives prizes to entries ranked 1.. (tied entries share a rank). Returns, for each entry in the
/// given order, its prize (if any).
pub fn allocate(ranks: &[u32], counts: PrizeCounts) -> Vec<Option<Prize>> {
    let mut out = vec![None; ranks.len()];
    // Places covered so far, and the last place each prize reaches.
    let mut bounds = [0u32; 4];
    let mut acc: u32 = 0;
    for (i, c) in counts.0.iter().enumerate() {
        acc = acc.saturating_add(*c);
        bounds[i] = acc;
    }
    for (i, rank) in ranks.iter().enumerate() {
        // An entry ranked r starts at place r; it gets the prize whose places include r.
        // A prize with no places has the same last place as the one before, so it is never found.
        out[i] = Prize::ALL.iter().zip(bounds).find(|(_, last)| *rank <= *last).map(|(p, _)| *p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use Prize::*;

    #[test]
    fn prizes_follow_ranks_with_ties_sharing() {
        let counts = PrizeCounts([1, 2, 3, 5]);
        type Case = (&'static str, Vec<u32>, Vec<Option<Prize>>);
        let cases: Vec<Case> = vec![
            ("no ties", vec![1, 2, 3, 4], vec![Some(First), Some(Second), Some(Second), Some(Third)]),
            (
                "two tied first both win it; one second left",
                vec![1, 1, 3, 4],
                vec![Some(First), Some(First), Some(Second), Some(Third)],
            ),
            (
                "a tie across the second/third boundary shares second",
                vec![1, 2, 3, 3, 5],
                vec![Some(First), Some(Second), Some(Second), Some(Second), Some(Third)],
            ),
            ("beyond all prizes: none", (1..=13).collect(), {
                let mut v =
                    vec![Some(First), Some(Second), Some(Second), Some(Third), Some(Third), Some(Third)];
                v.extend([Some(Encouragement); 5]);
                v.extend([None, None]);
                v
            }),
            (
                "a tie over the last place all get encouragement",
                vec![11, 11, 11],
                vec![Some(Encouragement); 3],
            ),
            ("too few entries leave prizes empty", vec![1], vec![Some(First)]),
        ];
        for (name, ranks, expected) in cases {
            assert_eq!(allocate(&ranks, counts), expected, "{name}");
        }
    }

    #[test]
    fn a_prize_with_no_places_is_skipped() {
        assert_eq!(allocate(&[1, 2], PrizeCounts([0, 1, 0, 0])), vec![Some(Second), None]);
        assert_eq!(
            allocate(&[1, 2, 3], PrizeCounts([1, 0, 2, 0])),
            vec![Some(First), Some(Third), Some(Third)]
        );
    }

    #[test]
    fn encouragement_for_the_rest_reaches_every_remaining_entry() {
        let rest = PrizeCounts([1, 2, 3, 5]).with_rest_encouraged();
        let ranks: Vec<u32> = (1..=14).collect();
        let got = allocate(&ranks, rest);
        assert_eq!(
            &got[..6],
            &[Some(First), Some(Second), Some(Second), Some(Third), Some(Third), Some(Third)]
        );
        assert!(got[6..].iter().all(|p| *p == Some(Encouragement)), "all 8 others: {got:?}");
        // Ties still share; the last entries tied all get it.
        assert_eq!(
            allocate(&[1, 1, 3, 3, 3], PrizeCounts([1, 0, 0, 0]).with_rest_encouraged()),
            vec![Some(First), Some(First), Some(Encouragement), Some(Encouragement), Some(Encouragement)]
        );
        // With no higher prizes at all, everyone is encouraged.
        assert_eq!(
            allocate(&[1, 2], PrizeCounts([0, 0, 0, 0]).with_rest_encouraged()),
            vec![Some(Encouragement); 2]
        );
    }
}
