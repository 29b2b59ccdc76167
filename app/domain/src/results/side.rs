//! Side prizes of the final: best sketch and best greeting on a part's published score, the
//! audience favourite on the audience's votes once voting is closed. Each goes to the best
//! `count` places, ties sharing as with the main prizes. A team without a score (or a vote) is not
//! considered, and a count of 0 turns the prize off.

use super::shared_ranks;
use serde::{Deserialize, Serialize};

/// The side prizes the rules name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SidePrize {
    BestSketch,
    BestGreeting,
    AudienceFavourite,
}

impl SidePrize {
    pub const ALL: [SidePrize; 3] =
        [SidePrize::BestSketch, SidePrize::BestGreeting, SidePrize::AudienceFavourite];

    pub fn label(self) -> &'static str {
        match self {
            SidePrize::BestSketch => "Giải Tiểu phẩm xuất sắc nhất",
            SidePrize::BestGreeting => "Giải Chào hỏi ấn tượng nhất",
            SidePrize::AudienceFavourite => "Giải Khán giả bình chọn",
        }
    }

    /// The part whose score decides it, as the board names it.
    pub fn basis(self) -> &'static str {
        match self {
            SidePrize::BestSketch => "điểm phần Tiểu phẩm",
            SidePrize::BestGreeting => "điểm phần Chào hỏi",
            SidePrize::AudienceFavourite => "số phiếu bình chọn của khán giả",
        }
    }
}

/// How many of each side prize (0 = not awarded).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SideCounts {
    pub best_sketch: u32,
    pub best_greeting: u32,
    #[serde(default = "one")]
    pub audience: u32,
}

fn one() -> u32 {
    1
}

impl Default for SideCounts {
    /// The rules give one of each.
    fn default() -> Self {
        Self { best_sketch: 1, best_greeting: 1, audience: 1 }
    }
}

impl SideCounts {
    pub fn of(self, prize: SidePrize) -> u32 {
        match prize {
            SidePrize::BestSketch => self.best_sketch,
            SidePrize::BestGreeting => self.best_greeting,
            SidePrize::AudienceFavourite => self.audience,
        }
    }
}

/// The winners among `(entry, score)` pairs (score `None` = not scored in the part): every
/// entry ranked within the first `count` places.
pub fn winners(scores: &[(i64, Option<i64>)], count: u32) -> Vec<i64> {
    let mut scored: Vec<(i64, i64)> = scores.iter().filter_map(|(id, s)| Some((*id, (*s)?))).collect();
    scored.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let values: Vec<i64> = scored.iter().map(|(_, s)| *s).collect();
    shared_ranks(&values)
        .into_iter()
        .zip(scored)
        .filter(|(rank, _)| *rank <= count)
        .map(|(_, (id, _))| id)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_best_score_wins_and_ties_share() {
        type Case = (&'static str, Vec<(i64, Option<i64>)>, u32, Vec<i64>);
        let cases: Vec<Case> = vec![
            ("one best", vec![(1, Some(4200)), (2, Some(4550)), (3, Some(3900))], 1, vec![2]),
            (
                "a tie for best is shared",
                vec![(1, Some(4550)), (2, Some(4550)), (3, Some(3900))],
                1,
                vec![1, 2],
            ),
            ("two places", vec![(1, Some(4200)), (2, Some(4550)), (3, Some(3900))], 2, vec![2, 1]),
            (
                "a tie across the last place is shared",
                vec![(1, Some(4200)), (2, Some(4550)), (3, Some(4200))],
                2,
                vec![2, 1, 3],
            ),
            ("off", vec![(1, Some(4200))], 0, vec![]),
            ("an unscored team never wins", vec![(1, None), (2, Some(0))], 1, vec![2]),
            ("nobody scored", vec![(1, None), (2, None)], 1, vec![]),
        ];
        for (name, scores, count, expected) in cases {
            assert_eq!(winners(&scores, count), expected, "{name}");
        }
    }
}
