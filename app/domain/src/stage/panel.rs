//! Who scores whom: every scoring judge scores every team except their own unit's; the reserve
//! judge scores, in their place, the teams a judge stood down from.

/// A judge of the panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Judge {
    pub id: i64,
    pub unit_id: Option<i64>,
    pub reserve: bool,
}

/// A team and its unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Team {
    pub id: i64,
    pub unit_id: i64,
}

/// Whether `judge` must stand down from `team` (same unit).
pub fn recused(judge: &Judge, team: &Team) -> bool {
    judge.unit_id == Some(team.unit_id)
}

/// The (judge, team) sheets a part expects.
pub fn expected_sheets(judges: &[Judge], teams: &[Team]) -> Vec<(i64, i64)> {
    let reserve = judges.iter().find(|j| j.reserve);
    let mut out = Vec::new();
    for team in teams {
        let mut someone_recused = false;
        for judge in judges.iter().filter(|j| !j.reserve) {
            if recused(judge, team) {
                someone_recused = true;
            } else {
                out.push((judge.id, team.id));
            }
        }
        if someone_recused && let Some(r) = reserve.filter(|r| !recused(r, team)) {
            out.push((r.id, team.id));
        }
    }
    out
}

/// Whether a judge stands down from `team` and no reserve can score in their place: the team's
/// score is then the plain mean of the other judges' totals (never trimmed).
/// Follows [`expected_sheets`]: the (first) reserve takes one recused judge's place, so a team
/// with more judges standing down than that is short of a seat too.
pub fn recusal_uncovered(judges: &[Judge], team: &Team) -> bool {
    let recused_judges = judges.iter().filter(|j| !j.reserve && recused(j, team)).count();
    let reserve_steps_in = judges.iter().find(|j| j.reserve).is_some_and(|r| !recused(r, team));
    recused_judges > usize::from(reserve_steps_in)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn judges_skip_their_own_unit_and_the_reserve_steps_in() {
        let judges = [
            Judge { id: 1, unit_id: Some(10), reserve: false },
            Judge { id: 2, unit_id: Some(20), reserve: false },
            Judge { id: 3, unit_id: None, reserve: false },
            Judge { id: 9, unit_id: Some(90), reserve: true },
        ];
        let teams =
            [Team { id: 100, unit_id: 10 }, Team { id: 200, unit_id: 30 }, Team { id: 900, unit_id: 90 }];
        let sheets = expected_sheets(&judges, &teams);
        assert_eq!(
            sheets,
            vec![(2, 100), (3, 100), (9, 100), (1, 200), (2, 200), (3, 200), (1, 900), (2, 900), (3, 900)]
        );
        assert!(!sheets.contains(&(1, 100)), "judge 1 never scores their own unit's team");
    }

    #[test]
    fn without_a_reserve_the_others_score_alone() {
        let judges = [
            Judge { id: 1, unit_id: Some(10), reserve: false },
            Judge { id: 2, unit_id: None, reserve: false },
        ];
        assert_eq!(expected_sheets(&judges, &[Team { id: 100, unit_id: 10 }]), vec![(2, 100)]);
    }

    #[test]
    fn a_recusal_is_uncovered_only_without_an_eligible_reserve() {
        let six = |reserve_unit: Option<Option<i64>>| {
            let mut judges: Vec<Judge> =
                (1..=6).map(|id| Judge { id, unit_id: Some(id * 10), reserve: false }).collect();
            if let Some(unit_id) = reserve_unit {
                judges.push(Judge { id: 9, unit_id, reserve: true });
            }
            judges
        };
        let own = Team { id: 100, unit_id: 10 };
        let other = Team { id: 200, unit_id: 99 };
        assert!(recusal_uncovered(&six(None), &own), "no reserve at all");
        assert!(!recusal_uncovered(&six(Some(None)), &own), "the reserve steps in");
        assert!(recusal_uncovered(&six(Some(Some(10))), &own), "the reserve is of the same unit too");
        assert!(!recusal_uncovered(&six(None), &other), "nobody stands down");
        // Two judges of one unit stand down and one reserve takes one place: a seat is missing.
        let mut two = six(Some(None));
        two[1].unit_id = Some(10);
        assert!(recusal_uncovered(&two, &own));
    }
}
