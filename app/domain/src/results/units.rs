//! Collective results of an online round by unit: participants, participation rate, average of
//! the best scores, and rank within the unit's group (by participation rate, then average).

use crate::UnitGroup;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// A unit's aggregate for a round (kept up to date as attempts finish).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitTally {
    pub unit_id: i64,
    pub name: String,
    pub group: UnitGroup,
    pub headcount: u32,
    /// People with at least one finished attempt.
    pub participants: u32,
    /// Sum of each participant's best number of correct answers.
    pub sum_best: u64,
}

/// A unit's standing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitStanding {
    pub tally: UnitTally,
    /// Participation rate in hundredths of a percent (participants / headcount), rounded half up.
    pub rate_bp: u32,
    /// Average best score in hundredths, rounded half up.
    pub average_hundredths: u64,
    /// Rank within its group; units equal on rate and average share it. A unit nobody from has
    /// taken part in is not ranked (and listed after the ranked ones).
    pub rank_in_group: Option<u32>,
}

/// participants / headcount compared exactly (cross-multiplied); no headcount ranks last.
fn cmp_rate(a: &UnitTally, b: &UnitTally) -> Ordering {
    match (a.headcount, b.headcount) {
        (0, 0) => Ordering::Equal,
        (0, _) => Ordering::Greater,
        (_, 0) => Ordering::Less,
        _ => (u64::from(b.participants) * u64::from(a.headcount))
            .cmp(&(u64::from(a.participants) * u64::from(b.headcount))),
    }
}

fn cmp_average(a: &UnitTally, b: &UnitTally) -> Ordering {
    // b.sum / b.n vs a.sum / a.n, exactly.
    (u128::from(b.sum_best) * u128::from(a.participants.max(1)))
        .cmp(&(u128::from(a.sum_best) * u128::from(b.participants.max(1))))
}

fn compare(a: &UnitTally, b: &UnitTally) -> Ordering {
    (a.participants == 0)
        .cmp(&(b.participants == 0))
        .then_with(|| cmp_rate(a, b))
        .then_with(|| cmp_average(a, b))
}

fn half_up(numerator: u64, denominator: u64) -> u64 {
    if denominator == 0 { 0 } else { (2 * numerator + denominator) / (2 * denominator) }
}

/// Standings of every unit, grouped and ranked within each group.
pub fn standings(tallies: &[UnitTally]) -> Vec<UnitStanding> {
    let mut out = Vec::with_capacity(tallies.len());
    for group in UnitGroup::ALL {
        let mut members: Vec<&UnitTally> = tallies.iter().filter(|t| t.group == group).collect();
        members.sort_by(|a, b| compare(a, b).then_with(|| a.name.cmp(&b.name)));
        let mut previous: Option<&UnitTally> = None;
        let mut rank = 0;
        for (i, t) in members.into_iter().enumerate() {
            if previous.is_none_or(|p| compare(p, t) != Ordering::Equal) {
                rank = i as u32 + 1;
            }
            previous = Some(t);
            out.push(UnitStanding {
                rate_bp: half_up(u64::from(t.participants) * 10_000, u64::from(t.headcount)) as u32,
                average_hundredths: half_up(t.sum_best * 100, u64::from(t.participants)),
                rank_in_group: (t.participants > 0).then_some(rank),
                tally: t.clone(),
            });
        }
    }
    out
}

/// A rank as boards print it: "3", or "—" for a unit that is not ranked.
pub fn rank_text(rank: Option<u32>) -> String {
    rank.map_or_else(|| "—".to_owned(), |r| r.to_string())
}

/// "12,5%" from hundredths of a percent.
pub fn format_rate(bp: u32) -> String {
    let (whole, frac) = (bp / 100, bp % 100);
    match frac {
        0 => format!("{whole}%"),
        f if f % 10 == 0 => format!("{whole},{}%", f / 10),
        f => format!("{whole},{f:02}%"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(id: i64, group: UnitGroup, headcount: u32, participants: u32, sum_best: u64) -> UnitTally {
        UnitTally { unit_id: id, name: format!("Đơn vị {id}"), group, headcount, participants, sum_best }
    }

    #[test]
    fn participation_rates_and_averages_match_hand_worked_figures() {
        // 45/120 = 37.5%; best scores 18+17+...: sum 702 over 45 = 15.6.
        let s = standings(&[t(1, UnitGroup::Department, 120, 45, 702)]);
        assert_eq!((s[0].rate_bp, s[0].average_hundredths), (3750, 1560));
        assert_eq!(format_rate(s[0].rate_bp), "37,5%");
        // 2/3 = 66.666..% -> 66.67%; 31/2 = 15.5.
        let s = standings(&[t(2, UnitGroup::Department, 3, 2, 31)]);
        assert_eq!((s[0].rate_bp, s[0].average_hundredths), (6667, 1550));
        assert_eq!(format_rate(6667), "66,67%");
        // Nobody yet.
        let s = standings(&[t(3, UnitGroup::Department, 50, 0, 0)]);
        assert_eq!((s[0].rate_bp, s[0].average_hundredths), (0, 0));
    }

    #[test]
    fn units_rank_within_their_group_by_rate_then_average_and_ties_share() {
        let tallies = [
            t(1, UnitGroup::Department, 100, 50, 800), // 50%, avg 16
            t(2, UnitGroup::Department, 10, 5, 90),    // 50%, avg 18 -> ahead of 1
            t(3, UnitGroup::Department, 200, 150, 0),  // 75%
            t(4, UnitGroup::District, 400, 100, 1600), // 25%, avg 16
            t(5, UnitGroup::District, 4, 1, 16),       // 25%, avg 16 -> shares with 4
            t(6, UnitGroup::District, 0, 3, 40),       // no headcount: last of the ranked
            t(7, UnitGroup::District, 50, 0, 0),       // nobody took part: not ranked
            t(8, UnitGroup::Department, 80, 0, 0),     // nobody took part: not ranked
        ];
        let ranks: Vec<(i64, Option<u32>)> =
            standings(&tallies).iter().map(|s| (s.tally.unit_id, s.rank_in_group)).collect();
        assert_eq!(
            ranks,
            vec![
                (3, Some(1)),
                (2, Some(2)),
                (1, Some(3)),
                (8, None),
                (4, Some(1)),
                (5, Some(1)),
                (6, Some(3)),
                (7, None)
            ]
        );
    }
}
