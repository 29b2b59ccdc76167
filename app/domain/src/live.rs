//! The live knowledge round on stage: the host's state machine, the server-held question clock,
//! and scoring (points per correct answer, optional speed bonus, voided questions excluded).

use serde::{Deserialize, Serialize};

/// Late answers are accepted this long after the question's timer ends (network latency only).
pub const LIVE_GRACE_MS: i64 = 500;

/// Where the round is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Teams are joining; no question yet.
    Lobby,
    /// The current question is shown; its timer has not started.
    Showing,
    /// The timer runs; answers are taken until the deadline.
    Open,
    /// The timer is paused; `remaining_ms` is kept.
    Paused,
    /// Answers are closed; the correct answer is not shown yet.
    Locked,
    /// The correct answer and the distribution are shown.
    Revealed,
    /// The scoreboard is shown between questions.
    Scoreboard,
    /// The round is over; points are final.
    Ended,
}

impl Phase {
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Lobby => "lobby",
            Phase::Showing => "showing",
            Phase::Open => "open",
            Phase::Paused => "paused",
            Phase::Locked => "locked",
            Phase::Revealed => "revealed",
            Phase::Scoreboard => "scoreboard",
            Phase::Ended => "ended",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            Phase::Lobby,
            Phase::Showing,
            Phase::Open,
            Phase::Paused,
            Phase::Locked,
            Phase::Revealed,
            Phase::Scoreboard,
            Phase::Ended,
        ]
        .into_iter()
        .find(|p| p.as_str() == s)
    }

    /// Whether devices may see the correct answer of the current question.
    pub fn reveals(self) -> bool {
        matches!(self, Phase::Revealed | Phase::Scoreboard | Phase::Ended)
    }
}

/// The host's commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Command {
    /// Show the next question (from the lobby, a revealed question or the scoreboard).
    Next,
    /// Start the current question's timer.
    Start,
    Pause,
    Resume,
    /// Close answers now.
    Lock,
    /// Show the correct answer and the distribution.
    Reveal,
    Scoreboard,
    End,
}

impl Command {
    pub fn parse(s: &str) -> Option<Self> {
        serde_json::from_value(serde_json::Value::String(s.to_owned())).ok()
    }
}

/// The clock and position of a live round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    pub phase: Phase,
    /// Index of the current question; -1 before the first.
    pub index: i32,
    pub questions: i32,
    /// While open: when answers close (ms since the epoch).
    pub deadline_ms: Option<i64>,
    /// While paused: time left.
    pub remaining_ms: Option<i64>,
    pub question_secs: u32,
}

/// Why a command does not apply now.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CommandError {
    #[error("Thao tác này không thực hiện được ở bước hiện tại của vòng thi.")]
    NotNow,
    #[error("Đã hết câu hỏi: hãy xem bảng điểm hoặc kết thúc vòng thi.")]
    NoMoreQuestions,
}

impl State {
    /// The phase as seen at `now`: an open question whose deadline passed is locked.
    pub fn effective_phase(&self, now_ms: i64) -> Phase {
        match (self.phase, self.deadline_ms) {
            (Phase::Open, Some(deadline)) if now_ms > deadline + LIVE_GRACE_MS => Phase::Locked,
            (phase, _) => phase,
        }
    }

    /// Applies a host command at `now`.
    pub fn apply(&self, command: Command, now_ms: i64) -> Result<State, CommandError> {
        let phase = self.effective_phase(now_ms);
        let mut next = self.clone();
        match (command, phase) {
            (Command::Next, Phase::Lobby | Phase::Revealed | Phase::Scoreboard) => {
                if self.index + 1 >= self.questions {
                    return Err(CommandError::NoMoreQuestions);
                }
                next.index += 1;
                next.phase = Phase::Showing;
                next.deadline_ms = None;
                next.remaining_ms = None;
            }
            (Command::Start, Phase::Showing) => {
                next.phase = Phase::Open;
                next.deadline_ms = Some(now_ms + i64::from(self.question_secs) * 1000);
            }
            (Command::Pause, Phase::Open) => {
                next.phase = Phase::Paused;
                next.remaining_ms = self.deadline_ms.map(|d| (d - now_ms).max(0));
                next.deadline_ms = None;
            }
            (Command::Resume, Phase::Paused) => {
                next.phase = Phase::Open;
                next.deadline_ms = Some(now_ms + self.remaining_ms.unwrap_or(0));
                next.remaining_ms = None;
            }
            (Command::Lock, Phase::Open | Phase::Paused | Phase::Locked) => {
                next.phase = Phase::Locked;
                next.deadline_ms = Some(self.deadline_ms.map_or(now_ms, |d| d.min(now_ms)));
                next.remaining_ms = None;
            }
            (Command::Reveal, Phase::Locked) => next.phase = Phase::Revealed,
            (Command::Scoreboard, Phase::Lobby | Phase::Revealed | Phase::Scoreboard) => {
                next.phase = Phase::Scoreboard
            }
            (Command::End, Phase::Revealed | Phase::Scoreboard | Phase::Lobby) => next.phase = Phase::Ended,
            _ => return Err(CommandError::NotNow),
        }
        Ok(next)
    }

    /// Whether an answer arriving at `now` is on time for the current question.
    pub fn accepts_answers(&self, now_ms: i64) -> bool {
        self.phase == Phase::Open && self.deadline_ms.is_some_and(|d| now_ms <= d + LIVE_GRACE_MS)
    }

    /// Time left on the current question at `now`.
    pub fn remaining_at(&self, now_ms: i64) -> i64 {
        match self.phase {
            Phase::Open => self.deadline_ms.map_or(0, |d| (d - now_ms).max(0)),
            Phase::Paused => self.remaining_ms.unwrap_or(0),
            Phase::Showing => i64::from(self.question_secs) * 1000,
            _ => 0,
        }
    }
}

/// How a live round scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scoring {
    /// Points for a correct answer, in hundredths (200 = 2 points).
    pub points: i64,
    /// Extra points for speed, in hundredths, earned in proportion to the time left (0: off).
    pub speed_bonus: i64,
    pub question_secs: u32,
}

/// One team's answer to one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub team_id: i64,
    pub question: i32,
    pub option: usize,
    /// Time left when it arrived, in ms.
    pub remaining_ms: i64,
}

/// A voided question: counted right for every team (with the plain points, no speed bonus), or
/// taken out of the round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Void {
    pub question: i32,
    pub counts_for_all: bool,
}

/// Points per team (hundredths) over the revealed questions, voided ones as their void says.
pub fn score(
    answers: &[Answer],
    correct: &[usize],
    revealed_up_to: i32,
    voided: &[Void],
    teams: &[i64],
    s: Scoring,
) -> Vec<(i64, i64)> {
    let mut totals: Vec<(i64, i64)> = teams.iter().map(|t| (*t, 0)).collect();
    let for_all = voided.iter().filter(|v| v.counts_for_all && v.question <= revealed_up_to).count();
    for entry in &mut totals {
        entry.1 += s.points * for_all as i64;
    }
    for a in answers {
        let counts = a.question <= revealed_up_to && !voided.iter().any(|v| v.question == a.question);
        let right = counts && correct.get(a.question as usize) == Some(&a.option);
        let mut points = 0;
        if right {
            points = s.points;
            if s.speed_bonus > 0 && s.question_secs > 0 {
                let total = i64::from(s.question_secs) * 1000;
                points += s.speed_bonus * a.remaining_ms.clamp(0, total) / total;
            }
        }
        match totals.iter_mut().find(|(t, _)| *t == a.team_id) {
            Some(entry) => entry.1 += points,
            None => totals.push((a.team_id, points)),
        }
    }
    totals
}

/// How many teams chose each option.
pub fn distribution(answers: &[Answer], question: i32, options: usize) -> Vec<u32> {
    let mut counts = vec![0; options];
    for a in answers.iter().filter(|a| a.question == question) {
        if let Some(c) = counts.get_mut(a.option) {
            *c += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lobby() -> State {
        State {
            phase: Phase::Lobby,
            index: -1,
            questions: 2,
            deadline_ms: None,
            remaining_ms: None,
            question_secs: 30,
        }
    }

    #[test]
    fn the_host_walks_through_a_question() {
        let s = lobby().apply(Command::Next, 0).unwrap();
        assert_eq!((s.phase, s.index), (Phase::Showing, 0));
        let s = s.apply(Command::Start, 1_000).unwrap();
        assert_eq!((s.phase, s.deadline_ms), (Phase::Open, Some(31_000)));
        assert!(s.accepts_answers(31_000) && s.accepts_answers(31_500) && !s.accepts_answers(31_501));
        let paused = s.apply(Command::Pause, 11_000).unwrap();
        assert_eq!((paused.phase, paused.remaining_ms), (Phase::Paused, Some(20_000)));
        assert!(!paused.accepts_answers(12_000));
        let resumed = paused.apply(Command::Resume, 50_000).unwrap();
        assert_eq!(resumed.deadline_ms, Some(70_000), "the time left is kept across the pause");
        assert_eq!(resumed.effective_phase(71_000), Phase::Locked, "the clock locks on its own");
        let revealed = resumed.apply(Command::Reveal, 71_000).unwrap();
        assert_eq!(revealed.phase, Phase::Revealed);
        assert!(revealed.phase.reveals());
        let second = revealed.apply(Command::Next, 72_000).unwrap();
        assert_eq!(second.index, 1);
        let last = second.apply(Command::Start, 72_000).unwrap().apply(Command::Lock, 80_000).unwrap();
        assert_eq!(last.deadline_ms, Some(80_000));
        let last = last.apply(Command::Reveal, 80_000).unwrap();
        assert_eq!(last.apply(Command::Next, 81_000), Err(CommandError::NoMoreQuestions));
        assert_eq!(last.apply(Command::End, 81_000).unwrap().phase, Phase::Ended);
    }

    #[test]
    fn commands_out_of_turn_are_refused() {
        assert_eq!(lobby().apply(Command::Start, 0), Err(CommandError::NotNow));
        assert_eq!(lobby().apply(Command::Reveal, 0), Err(CommandError::NotNow));
        let showing = lobby().apply(Command::Next, 0).unwrap();
        assert_eq!(
            showing.apply(Command::Reveal, 0),
            Err(CommandError::NotNow),
            "no reveal before answers close"
        );
    }

    #[test]
    fn scoring_counts_revealed_correct_answers_voids_as_decided_and_optional_speed() {
        let answers = vec![
            Answer { team_id: 1, question: 0, option: 2, remaining_ms: 15_000 },
            Answer { team_id: 2, question: 0, option: 1, remaining_ms: 29_000 },
            Answer { team_id: 1, question: 1, option: 0, remaining_ms: 30_000 },
            Answer { team_id: 2, question: 1, option: 0, remaining_ms: 0 },
            Answer { team_id: 1, question: 2, option: 3, remaining_ms: 1_000 },
        ];
        let correct = [2, 0, 3];
        let plain = Scoring { points: 200, speed_bonus: 0, question_secs: 30 };
        let teams = [1, 2, 3];
        // Question 2 is not revealed yet; team 3 answered nothing.
        assert_eq!(score(&answers, &correct, 1, &[], &teams, plain), vec![(1, 400), (2, 200), (3, 0)]);
        // Question 1 voided and taken out.
        let out = [Void { question: 1, counts_for_all: false }];
        assert_eq!(score(&answers, &correct, 2, &out, &teams, plain), vec![(1, 400), (2, 0), (3, 0)]);
        // Question 0 voided and counted right for every team, answered or not.
        let for_all = [Void { question: 0, counts_for_all: true }];
        assert_eq!(score(&answers, &correct, 1, &for_all, &teams, plain), vec![(1, 400), (2, 400), (3, 200)]);
        let fast = Scoring { points: 200, speed_bonus: 100, question_secs: 30 };
        // Team 1: q0 2 + 0.5 bonus, q1 2 + 1 bonus.
        assert_eq!(score(&answers, &correct, 1, &[], &teams, fast), vec![(1, 550), (2, 200), (3, 0)]);
        assert_eq!(distribution(&answers, 0, 4), vec![0, 1, 1, 0]);
    }
}
