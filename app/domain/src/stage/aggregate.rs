//! Turning judges' totals into a team's score for a part.

use super::points::{Hundredths, Quarters};
use serde::{Deserialize, Serialize};

/// How a part combines the judges' totals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Aggregation {
    /// Plain mean of every total.
    Mean,
    /// With 5 or more totals, drop one highest and one lowest, then the mean; with fewer, the
    /// plain mean.
    TrimmedMean,
}

impl Aggregation {
    pub fn as_str(self) -> &'static str {
        match self {
            Aggregation::Mean => "mean",
            Aggregation::TrimmedMean => "trimmed_mean",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Aggregation::Mean => "Trung bình cộng",
            Aggregation::TrimmedMean => "Bỏ điểm cao nhất và thấp nhất (từ 5 giám khảo)",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Aggregation::Mean, Aggregation::TrimmedMean].into_iter().find(|a| a.as_str() == s)
    }
}

/// Minimum number of totals for trimming.
pub const TRIM_FROM: usize = 5;

/// Who the totals came from, as far as aggregation cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    /// Every expected judge (or the reserve in a recused judge's place) scored.
    Full,
    /// A judge stood down and no reserve took the place: the rules give the plain mean of the
    /// others, however many they are.
    RecusedWithoutReserve,
}

/// The team's score: `None` without any total. Exact: the mean of quarters is rounded half up to
/// hundredths in integer arithmetic (17.625 becomes 17.63).
pub fn aggregate(totals: &[Quarters], how: Aggregation, panel: Panel) -> Option<Hundredths> {
    let mut sorted: Vec<u64> = totals.iter().map(|q| u64::from(q.0)).collect();
    sorted.sort_unstable();
    let kept = match (how, panel) {
        (Aggregation::TrimmedMean, Panel::Full) if sorted.len() >= TRIM_FROM => &sorted[1..sorted.len() - 1],
        _ => &sorted[..],
    };
    if kept.is_empty() {
        return None;
    }
    let n = kept.len() as u64;
    let sum_quarters: u64 = kept.iter().sum();
    // mean in hundredths = sum * 25 / n; half up: (2 * sum * 25 + n) / (2n).
    let hundredths = (2 * sum_quarters * 25 + n) / (2 * n);
    Some(Hundredths(i64::try_from(hundredths).unwrap_or(i64::MAX)))
}

/// Whether the highest and lowest totals differ by more than `percent` of the part's maximum (the
/// head judge must then review before the part is locked).
pub fn diverges(totals: &[Quarters], part_max: Quarters, percent: u32) -> bool {
    let (Some(min), Some(max)) = (totals.iter().min(), totals.iter().max()) else {
        return false;
    };
    // spread / max > percent / 100, without division.
    u64::from(max.0 - min.0) * 100 > u64::from(part_max.0) * u64::from(percent)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(points: &[f64]) -> Vec<Quarters> {
        points.iter().map(|p| Quarters((p * 4.0) as u32)).collect()
    }

    #[test]
    fn five_judges_drop_the_highest_and_lowest() {
        // 15, 16, 17, 18, 20 -> mean of 16, 17, 18 = 17.
        assert_eq!(
            aggregate(&q(&[18.0, 15.0, 20.0, 16.0, 17.0]), Aggregation::TrimmedMean, Panel::Full),
            Some(Hundredths(1700))
        );
        // Six judges: drop one of each, mean of four.
        assert_eq!(
            aggregate(&q(&[10.0, 12.0, 12.5, 13.0, 14.0, 19.0]), Aggregation::TrimmedMean, Panel::Full),
            Some(Hundredths(1288))
        );
    }

    #[test]
    fn four_judges_take_the_plain_mean() {
        // 15 + 16 + 17.25 + 20 = 68.25 / 4 = 17.0625 -> 17.06.
        assert_eq!(
            aggregate(&q(&[15.0, 16.0, 17.25, 20.0]), Aggregation::TrimmedMean, Panel::Full),
            Some(Hundredths(1706))
        );
    }

    #[test]
    fn six_judges_one_recused_and_no_reserve_take_the_plain_mean_of_the_five_others() {
        // 10, 12, 13, 14, 19: the plain mean is 68 / 5 = 13.60; trimming would give 13.00.
        let five = q(&[10.0, 12.0, 13.0, 14.0, 19.0]);
        assert_eq!(
            aggregate(&five, Aggregation::TrimmedMean, Panel::RecusedWithoutReserve),
            Some(Hundredths(1360))
        );
        assert_eq!(aggregate(&five, Aggregation::TrimmedMean, Panel::Full), Some(Hundredths(1300)));
    }

    #[test]
    fn a_recused_judge_replaced_by_the_reserve_still_gives_five_totals() {
        // Judge 5 recused; the reserve's 16.5 takes the place: 14, 16, 16.5, 17, 19 -> 16.5.
        let with_reserve = q(&[14.0, 16.0, 17.0, 19.0, 16.5]);
        assert_eq!(aggregate(&with_reserve, Aggregation::TrimmedMean, Panel::Full), Some(Hundredths(1650)));
        // Without a reserve only four totals exist: plain mean 16.5.
        assert_eq!(
            aggregate(&q(&[14.0, 16.0, 17.0, 19.0]), Aggregation::TrimmedMean, Panel::Full),
            Some(Hundredths(1650))
        );
    }

    #[test]
    fn rounding_is_half_up_in_exact_arithmetic() {
        // 17.5 + 17.75 = 35.25 / 2 = 17.625 -> 17.63 (binary floats would give 17.62).
        assert_eq!(aggregate(&q(&[17.5, 17.75]), Aggregation::Mean, Panel::Full), Some(Hundredths(1763)));
        // 10 + 10 + 10.25 = 30.25 / 3 = 10.0833 -> 10.08.
        assert_eq!(
            aggregate(&q(&[10.0, 10.0, 10.25]), Aggregation::Mean, Panel::Full),
            Some(Hundredths(1008))
        );
        // 10 + 10.25 + 10.25 = 30.5 / 3 = 10.1666 -> 10.17.
        assert_eq!(
            aggregate(&q(&[10.0, 10.25, 10.25]), Aggregation::Mean, Panel::Full),
            Some(Hundredths(1017))
        );
        assert_eq!(aggregate(&[], Aggregation::Mean, Panel::Full), None);
    }

    #[test]
    fn divergence_is_more_than_the_share_of_the_maximum() {
        let max = Quarters(80); // 20 points; 25% is 5 points.
        assert!(!diverges(&q(&[12.0, 17.0]), max, 25), "exactly 5 is not more than 5");
        assert!(diverges(&q(&[12.0, 17.25]), max, 25));
        assert!(!diverges(&[], max, 25));
    }
}
