//! Item statistics: how often each question is answered correctly, and how well it separates
//! strong from weak contestants (the upper–lower discrimination index: the share correct in the
//! top 27% of attempts by score minus the share correct in the bottom 27%).

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Share of attempts in each of the upper and lower groups.
pub const GROUP_SHARE: f64 = 0.27;
/// Fewer answers than this give no reliable figures, and no flag.
pub const MIN_ANSWERS: usize = 30;
/// Nor do fewer answers than this in the upper or the lower group.
pub const MIN_GROUP_ANSWERS: usize = 8;

/// One finished attempt: its total score and, per question, whether it was answered right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttemptItems<K> {
    pub score: u32,
    pub items: Vec<(K, bool)>,
}

/// Figures for one question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemStats {
    /// Times it was drawn in finished attempts.
    pub answered: usize,
    /// Share answered correctly (0..=1).
    pub difficulty: f64,
    /// Share correct in the upper group minus share correct in the lower group (-1..=1).
    pub discrimination: f64,
    /// Share correct in the upper group.
    pub upper_correct: f64,
    /// Answers in the upper and in the lower group.
    pub upper_n: usize,
    pub lower_n: usize,
    /// Strong contestants miss it (upper group under half correct) or weak ones do better
    /// (negative discrimination): worth a second look at the key.
    pub flagged: bool,
}

fn share(v: &[bool]) -> f64 {
    if v.is_empty() { 0.0 } else { v.iter().filter(|c| **c).count() as f64 / v.len() as f64 }
}

/// Computes the statistics of every question that appears in `attempts`.
pub fn item_stats<K: Eq + std::hash::Hash + Clone>(attempts: &[AttemptItems<K>]) -> HashMap<K, ItemStats> {
    let mut ranked: Vec<&AttemptItems<K>> = attempts.iter().collect();
    ranked.sort_by_key(|a| std::cmp::Reverse(a.score));
    let group = ((ranked.len() as f64) * GROUP_SHARE).ceil() as usize;
    let mut all: HashMap<K, Vec<bool>> = HashMap::new();
    let mut upper: HashMap<K, Vec<bool>> = HashMap::new();
    let mut lower: HashMap<K, Vec<bool>> = HashMap::new();
    for (i, attempt) in ranked.iter().enumerate() {
        for (key, correct) in &attempt.items {
            all.entry(key.clone()).or_default().push(*correct);
            if i < group {
                upper.entry(key.clone()).or_default().push(*correct);
            }
            if i >= ranked.len().saturating_sub(group) {
                lower.entry(key.clone()).or_default().push(*correct);
            }
        }
    }
    all.into_iter()
        .map(|(key, answers)| {
            let up = upper.get(&key).map(|v| share(v)).unwrap_or(0.0);
            let low = lower.get(&key).map(|v| share(v)).unwrap_or(0.0);
            let (upper_n, lower_n) =
                (upper.get(&key).map_or(0, Vec::len), lower.get(&key).map_or(0, Vec::len));
            let discrimination = up - low;
            let enough =
                answers.len() >= MIN_ANSWERS && upper_n >= MIN_GROUP_ANSWERS && lower_n >= MIN_GROUP_ANSWERS;
            let stats = ItemStats {
                answered: answers.len(),
                difficulty: share(&answers),
                discrimination,
                upper_correct: up,
                upper_n,
                lower_n,
                flagged: enough && (up < 0.5 || discrimination < 0.0),
            };
            (key, stats)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Forty attempts scored 40 down to 1; question "good" is right for the top half only, "hard"
    /// is right for nobody, "odd" is right for the bottom twelve only.
    fn attempts() -> Vec<AttemptItems<&'static str>> {
        (0..40)
            .map(|i| AttemptItems {
                score: 40 - i,
                items: vec![("good", i < 20), ("hard", false), ("odd", i >= 28), ("easy", true)],
            })
            .collect()
    }

    #[test]
    fn difficulty_and_discrimination_match_hand_worked_figures() {
        let stats = item_stats(&attempts());
        // Groups of ceil(40 * 0.27) = 11: the upper group is scores 40..=30; the lower 11..=1.
        let good = &stats["good"];
        assert_eq!((good.answered, good.difficulty, good.discrimination), (40, 0.5, 1.0));
        assert_eq!((good.upper_n, good.lower_n), (11, 11));
        assert!(!good.flagged);
        let easy = &stats["easy"];
        assert_eq!((easy.difficulty, easy.discrimination, easy.flagged), (1.0, 0.0, false));
    }

    #[test]
    fn questions_strong_contestants_miss_are_flagged() {
        let stats = item_stats(&attempts());
        assert!(stats["hard"].flagged, "nobody in the upper group got it right");
        let odd = &stats["odd"];
        assert_eq!(odd.discrimination, -1.0);
        assert!(odd.flagged);
    }

    #[test]
    fn too_few_answers_are_never_flagged() {
        for n in [2, 4, 10, 29] {
            let few: Vec<_> = attempts().into_iter().take(n).collect();
            assert!(!item_stats(&few)["hard"].flagged, "{n} answers");
        }
        assert!(item_stats(&attempts().into_iter().take(30).collect::<Vec<_>>())["hard"].flagged);
    }
}
