//! The stage contest's standings: total = parts minus penalties; ties broken by the sketch, then
//! knowledge, then greeting; teams equal on all share a rank.

use super::points::Hundredths;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// A team's published scores (absent parts count as zero).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamScores {
    pub team_id: i64,
    pub greeting: Hundredths,
    /// Live multiple-choice round plus the situation question.
    pub knowledge: Hundredths,
    pub sketch: Hundredths,
    /// Total time penalties, as a positive number to deduct.
    pub penalties: Hundredths,
}

impl TeamScores {
    pub fn total(&self) -> Hundredths {
        self.greeting + self.knowledge + self.sketch - self.penalties
    }
}

fn compare(a: &TeamScores, b: &TeamScores) -> Ordering {
    b.total()
        .cmp(&a.total())
        .then(b.sketch.cmp(&a.sketch))
        .then(b.knowledge.cmp(&a.knowledge))
        .then(b.greeting.cmp(&a.greeting))
}

/// A ranked team; tied teams share a rank and the next rank is skipped (1, 1, 3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RankedTeam {
    pub rank: u32,
    pub scores: TeamScores,
}

pub fn rank_teams(teams: &[TeamScores]) -> Vec<RankedTeam> {
    let mut sorted = teams.to_vec();
    sorted.sort_by(|a, b| compare(a, b).then(a.team_id.cmp(&b.team_id)));
    let mut out: Vec<RankedTeam> = Vec::with_capacity(sorted.len());
    for (i, scores) in sorted.into_iter().enumerate() {
        let rank = match out.last() {
            Some(prev) if compare(&prev.scores, &scores) == Ordering::Equal => prev.rank,
            _ => i as u32 + 1,
        };
        out.push(RankedTeam { rank, scores });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(id: i64, greeting: i64, knowledge: i64, sketch: i64, penalties: i64) -> TeamScores {
        TeamScores {
            team_id: id,
            greeting: Hundredths(greeting),
            knowledge: Hundredths(knowledge),
            sketch: Hundredths(sketch),
            penalties: Hundredths(penalties),
        }
    }

    fn order(teams: &[TeamScores]) -> Vec<(u32, i64)> {
        rank_teams(teams).into_iter().map(|r| (r.rank, r.scores.team_id)).collect()
    }

    #[test]
    fn penalties_come_off_the_total() {
        let teams = [t(1, 1800, 2500, 4000, 150), t(2, 1800, 2500, 3900, 0)];
        // 8150 vs 8200.
        assert_eq!(order(&teams), vec![(1, 2), (2, 1)]);
    }

    #[test]
    fn ties_go_to_the_sketch_then_knowledge_then_greeting_then_share() {
        type Case = (&'static str, Vec<TeamScores>, Vec<(u32, i64)>);
        let cases: Vec<Case> = vec![
            (
                "sketch first",
                vec![t(1, 2000, 2500, 3500, 0), t(2, 1500, 2500, 4000, 0)],
                vec![(1, 2), (2, 1)],
            ),
            (
                "then knowledge",
                vec![t(1, 2000, 2400, 4000, 0), t(2, 1900, 2500, 4000, 0)],
                vec![(1, 2), (2, 1)],
            ),
            (
                "then greeting",
                vec![t(1, 1900, 2500, 4000, 0), t(2, 2000, 2500, 4000, 100)],
                vec![(1, 2), (2, 1)],
            ),
            (
                "equal on all: shared",
                vec![t(1, 1900, 2500, 4000, 0), t(2, 1900, 2500, 4000, 0), t(3, 0, 0, 0, 0)],
                vec![(1, 1), (1, 2), (3, 3)],
            ),
        ];
        for (name, teams, expected) in cases {
            assert_eq!(order(&teams), expected, "{name}");
        }
    }
}
