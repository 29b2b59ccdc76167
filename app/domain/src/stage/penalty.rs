//! Time penalties on stage: what overtime costs a team.

use super::Hundredths;

/// The penalty for `overtime_secs` over the limit, as a positive number of hundredths to deduct:
/// none on time, 0.5 for up to a minute over, then 1 more for each started minute after the first.
pub fn overtime_penalty(overtime_secs: u32) -> Hundredths {
    match overtime_secs {
        0 => Hundredths(0),
        1..=60 => Hundredths(50),
        s => Hundredths(50 + 100 * i64::from((s - 60).div_ceil(60))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overtime_penalties_follow_the_rule() {
        for (secs, penalty) in [(0, 0), (1, 50), (60, 50), (61, 150), (120, 150), (121, 250), (300, 450)] {
            assert_eq!(overtime_penalty(secs), Hundredths(penalty), "{secs} s over");
        }
    }
}
