//! Online-round rules: settings, the server-held clock and when reviews become visible.

use super::draw::Blueprint;
use serde::{Deserialize, Serialize};

/// How late an answer may arrive after the deadline and still count: network latency, not extra
/// time. Documented for contestants on the rules page.
pub const GRACE_MS: i64 = 2_000;

/// When contestants may see the correct answers and explanations of their attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewPolicy {
    /// Never during the contest.
    Never,
    /// After every attempt, also when more attempts are left: a contestant then knows the keys
    /// for the next attempt, so this suits trial rounds only.
    AfterSubmit,
    /// Once the contestant has finished their last allowed attempt, or the round has closed.
    AfterLastSubmit,
    /// Once the round has closed (the default: no answers leak while others still play).
    AfterClose,
}

impl ReviewPolicy {
    pub const ALL: [ReviewPolicy; 4] = [
        ReviewPolicy::AfterClose,
        ReviewPolicy::AfterLastSubmit,
        ReviewPolicy::AfterSubmit,
        ReviewPolicy::Never,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReviewPolicy::Never => "never",
            ReviewPolicy::AfterSubmit => "after_submit",
            ReviewPolicy::AfterLastSubmit => "after_last_submit",
            ReviewPolicy::AfterClose => "after_close",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ReviewPolicy::Never => "Không công bố đáp án",
            ReviewPolicy::AfterSubmit => "Ngay sau mỗi lần nộp bài (dành cho vòng thi thử)",
            ReviewPolicy::AfterLastSubmit => "Sau khi thí sinh nộp bài lần cuối",
            ReviewPolicy::AfterClose => "Sau khi vòng thi kết thúc",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// Whether an attempt's review may be shown now.
    pub fn allows_review(self, now: ReviewMoment) -> bool {
        now.attempt_finished
            && match self {
                ReviewPolicy::Never => false,
                ReviewPolicy::AfterSubmit => true,
                ReviewPolicy::AfterLastSubmit => !now.attempts_left || now.answers_closed,
                ReviewPolicy::AfterClose => now.answers_closed,
            }
    }
}

/// What decides whether a review may be shown, at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewMoment {
    /// The attempt under review is finished.
    pub attempt_finished: bool,
    /// The contestant may still start another attempt of the round.
    pub attempts_left: bool,
    /// No answer of the round can be accepted any more: the round has closed, the grace after
    /// the close has passed, and no attempt is still running.
    pub answers_closed: bool,
}

/// Where a round is in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Phase {
    Upcoming,
    Open,
    Closed,
}

/// The phase of a round opening at `opens_ms` and closing at `closes_ms`, at `now_ms`.
pub fn phase(now_ms: i64, opens_ms: i64, closes_ms: i64) -> Phase {
    if now_ms < opens_ms {
        Phase::Upcoming
    } else if now_ms < closes_ms {
        Phase::Open
    } else {
        Phase::Closed
    }
}

/// An attempt's deadline: its time limit, cut short by the round's close.
pub fn deadline(started_ms: i64, limit_secs: u32, closes_ms: i64) -> i64 {
    (started_ms + i64::from(limit_secs) * 1000).min(closes_ms)
}

/// Whether an answer saved at `now_ms` is on time for `deadline_ms`.
pub fn on_time(now_ms: i64, deadline_ms: i64) -> bool {
    now_ms <= deadline_ms + GRACE_MS
}

/// A round's settings, validated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundSettings {
    pub name: String,
    pub opens_ms: i64,
    pub closes_ms: i64,
    pub time_limit_secs: u32,
    pub attempts_allowed: u32,
    pub blueprint: Blueprint,
    pub prediction_enabled: bool,
    /// Units that may take part; empty means all.
    pub unit_ids: Vec<i32>,
    pub review_policy: ReviewPolicy,
    /// The public unit board stops changing this many minutes before the close (0: never).
    #[serde(default)]
    pub freeze_minutes: u32,
}

/// Why round settings were refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingsError {
    #[error("Tên vòng thi không được để trống.")]
    EmptyName,
    #[error("Thời điểm kết thúc phải sau thời điểm mở.")]
    ClosesBeforeOpens,
    #[error("Thời gian làm bài phải từ 1 đến 180 phút.")]
    TimeLimit,
    #[error("Số lần làm bài phải từ 1 đến 10.")]
    Attempts,
    #[error("Đề thi phải có từ 1 đến 100 câu hỏi.")]
    QuestionCount,
    #[error("Thời gian chốt bảng xếp hạng không được dài hơn vòng thi.")]
    Freeze,
}

impl RoundSettings {
    pub fn validate(mut self) -> Result<Self, SettingsError> {
        self.name = crate::text::clean(&self.name);
        if self.name.is_empty() {
            return Err(SettingsError::EmptyName);
        }
        if self.closes_ms <= self.opens_ms {
            return Err(SettingsError::ClosesBeforeOpens);
        }
        if !(60..=180 * 60).contains(&self.time_limit_secs) {
            return Err(SettingsError::TimeLimit);
        }
        if !(1..=10).contains(&self.attempts_allowed) {
            return Err(SettingsError::Attempts);
        }
        self.blueprint.cells.retain(|c| c.count > 0);
        if !(1..=100).contains(&self.blueprint.total()) {
            return Err(SettingsError::QuestionCount);
        }
        if i64::from(self.freeze_minutes) * 60_000 > self.closes_ms - self.opens_ms {
            return Err(SettingsError::Freeze);
        }
        self.unit_ids.sort_unstable();
        self.unit_ids.dedup();
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_deadline_is_the_time_limit_cut_short_by_the_close() {
        assert_eq!(deadline(1_000, 900, 10_000_000), 901_000);
        assert_eq!(deadline(9_500_000, 900, 10_000_000), 10_000_000);
    }

    #[test]
    fn answers_within_the_grace_count_and_later_ones_do_not() {
        assert!(on_time(10_000, 10_000));
        assert!(on_time(12_000, 10_000));
        assert!(!on_time(12_001, 10_000));
    }

    #[test]
    fn phases_follow_the_clock() {
        assert_eq!(phase(5, 10, 20), Phase::Upcoming);
        assert_eq!(phase(10, 10, 20), Phase::Open);
        assert_eq!(phase(20, 10, 20), Phase::Closed);
    }

    #[test]
    fn reviews_follow_the_policy() {
        let at = |attempt_finished, attempts_left, answers_closed| ReviewMoment {
            attempt_finished,
            attempts_left,
            answers_closed,
        };
        use ReviewPolicy::*;
        // (policy, finished, attempts left, answers closed, shown)
        let table = [
            (AfterClose, true, false, false, false),
            (AfterClose, true, true, true, true),
            (AfterClose, false, false, true, false),
            (AfterSubmit, true, true, false, true),
            (AfterSubmit, false, false, true, false),
            (AfterLastSubmit, true, false, false, true),
            (AfterLastSubmit, true, true, false, false),
            (AfterLastSubmit, true, true, true, true),
            (AfterLastSubmit, false, false, true, false),
            (Never, true, false, true, false),
        ];
        for (policy, finished, left, closed, shown) in table {
            assert_eq!(
                policy.allows_review(at(finished, left, closed)),
                shown,
                "{policy:?} finished={finished} left={left} closed={closed}"
            );
        }
    }

    fn settings() -> RoundSettings {
        RoundSettings {
            name: " Vòng 1 ".into(),
            opens_ms: 0,
            closes_ms: 1000,
            time_limit_secs: 900,
            attempts_allowed: 3,
            blueprint: Blueprint::default_20(),
            prediction_enabled: true,
            unit_ids: vec![3, 1, 3],
            review_policy: ReviewPolicy::AfterClose,
            freeze_minutes: 0,
        }
    }

    #[test]
    fn settings_are_checked_and_tidied() {
        let ok = settings().validate().unwrap();
        assert_eq!((ok.name.as_str(), ok.unit_ids.as_slice()), ("Vòng 1", &[1, 3][..]));
        let cases = [
            (RoundSettings { name: " ".into(), ..settings() }, SettingsError::EmptyName),
            (RoundSettings { closes_ms: 0, ..settings() }, SettingsError::ClosesBeforeOpens),
            (RoundSettings { time_limit_secs: 30, ..settings() }, SettingsError::TimeLimit),
            (RoundSettings { attempts_allowed: 0, ..settings() }, SettingsError::Attempts),
            (
                RoundSettings { blueprint: Blueprint { cells: vec![], as_of: None }, ..settings() },
                SettingsError::QuestionCount,
            ),
        ];
        for (s, e) in cases {
            assert_eq!(s.validate(), Err(e));
        }
    }
}
