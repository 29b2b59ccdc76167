//! Ranking online-round results. The rule, in order: more correct answers; then a prediction
//! closer to the participation figure frozen at close; then less time taken; then earlier
//! submission. Entries equal on all four share a rank.

use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// One finished attempt, as the ranking sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub user_id: i64,
    pub attempt_id: i64,
    pub correct: u32,
    /// The contestant's guess of the number of participants; `None` ranks after any guess.
    pub prediction: Option<i64>,
    pub duration_ms: i64,
    /// Submission time, milliseconds since the epoch.
    pub submitted_at_ms: i64,
}

impl Entry {
    fn distance(&self, figure: Option<i64>) -> Option<u64> {
        Some(self.prediction?.abs_diff(figure?))
    }
}

/// Compares two entries by the ranking rule: `Less` means `a` ranks higher.
pub fn compare(a: &Entry, b: &Entry, figure: Option<i64>) -> Ordering {
    let by_distance = match (a.distance(figure), b.distance(figure)) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    b.correct
        .cmp(&a.correct)
        .then(by_distance)
        .then(a.duration_ms.cmp(&b.duration_ms))
        .then(a.submitted_at_ms.cmp(&b.submitted_at_ms))
}

/// A ranked entry: rank 1 is first; tied entries share a rank and the next rank is skipped (1, 1, 3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ranked {
    pub rank: u32,
    pub entry: Entry,
}

/// Each person's best attempt, ranked.
pub fn rank(entries: &[Entry], figure: Option<i64>) -> Vec<Ranked> {
    let mut best: Vec<Entry> = Vec::new();
    let mut sorted = entries.to_vec();
    sorted.sort_by(|a, b| a.user_id.cmp(&b.user_id).then(compare(a, b, figure)));
    for e in sorted {
        if best.last().is_none_or(|last| last.user_id != e.user_id) {
            best.push(e);
        }
    }
    best.sort_by(|a, b| compare(a, b, figure).then(a.user_id.cmp(&b.user_id)));
    let mut ranked: Vec<Ranked> = Vec::with_capacity(best.len());
    for (i, entry) in best.into_iter().enumerate() {
        let rank = match ranked.last() {
            Some(prev) if compare(&prev.entry, &entry, figure) == Ordering::Equal => prev.rank,
            _ => i as u32 + 1,
        };
        ranked.push(Ranked { rank, entry });
    }
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(user_id: i64, correct: u32, prediction: Option<i64>, duration_s: i64, submitted_s: i64) -> Entry {
        Entry {
            user_id,
            attempt_id: user_id * 10 + i64::from(correct),
            correct,
            prediction,
            duration_ms: duration_s * 1000,
            submitted_at_ms: submitted_s * 1000,
        }
    }

    fn order(entries: &[Entry], figure: Option<i64>) -> Vec<(u32, i64)> {
        rank(entries, figure).into_iter().map(|r| (r.rank, r.entry.user_id)).collect()
    }

    #[test]
    fn each_tie_break_applies_in_order() {
        let figure = Some(1000);
        type Case = (&'static str, Vec<Entry>, Vec<(u32, i64)>);
        let cases: Vec<Case> = vec![
            (
                "more correct wins",
                vec![e(1, 15, Some(1000), 100, 1), e(2, 16, None, 900, 9)],
                vec![(1, 2), (2, 1)],
            ),
            (
                "closer prediction wins",
                vec![e(1, 15, Some(1200), 100, 1), e(2, 15, Some(950), 900, 9)],
                vec![(1, 2), (2, 1)],
            ),
            (
                "over and under count alike",
                vec![e(1, 15, Some(1050), 100, 1), e(2, 15, Some(950), 200, 2)],
                vec![(1, 1), (2, 2)],
            ),
            (
                "any prediction beats none",
                vec![e(1, 15, None, 100, 1), e(2, 15, Some(5000), 900, 9)],
                vec![(1, 2), (2, 1)],
            ),
            (
                "faster wins",
                vec![e(1, 15, Some(990), 300, 1), e(2, 15, Some(1010), 200, 9)],
                vec![(1, 2), (2, 1)],
            ),
            (
                "earlier submission wins",
                vec![e(1, 15, Some(990), 300, 50), e(2, 15, Some(1010), 300, 40)],
                vec![(1, 2), (2, 1)],
            ),
            (
                "equal on everything shares a rank",
                vec![e(1, 15, Some(990), 300, 50), e(2, 15, Some(1010), 300, 50), e(3, 14, None, 1, 1)],
                vec![(1, 1), (1, 2), (3, 3)],
            ),
        ];
        for (name, entries, expected) in cases {
            assert_eq!(order(&entries, figure), expected, "{name}");
        }
    }

    #[test]
    fn only_each_persons_best_attempt_counts() {
        let entries = vec![
            e(1, 12, Some(1000), 100, 1),
            e(1, 17, None, 800, 5),
            e(1, 17, Some(999), 900, 9),
            e(2, 16, Some(1000), 10, 2),
        ];
        let ranked = rank(&entries, Some(1000));
        assert_eq!(ranked.len(), 2);
        assert_eq!(
            (ranked[0].entry.user_id, ranked[0].entry.correct, ranked[0].entry.prediction),
            (1, 17, Some(999))
        );
    }

    #[test]
    fn before_the_figure_is_frozen_predictions_do_not_separate() {
        let entries = vec![e(1, 15, Some(10), 300, 1), e(2, 15, Some(1000), 200, 2)];
        assert_eq!(order(&entries, None), vec![(1, 2), (2, 1)]);
    }
}
