//! Correcting a question after attempts are in (chấm lại): a wrong key, several defensible
//! answers, or a question that must not count as asked. A correction applies to one version of a
//! question, to every attempt that drew it, and the latest correction of a version is the one in
//! force. Option indexes are the bank's order (A = 0), whatever order a contestant saw.

use super::scoring::is_correct;
use crate::{Kind, question::letter};
use serde::{Deserialize, Serialize};

/// What an organizer decides about a question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Correction {
    /// The key was wrong; `key` is the right one (later papers get a new version carrying it).
    ChangeKey { key: Vec<usize> },
    /// Several answers are defensible: an answer counts when it is exactly one of `accepted`.
    Accept { accepted: Vec<Vec<usize>> },
    /// The question is void and counts as answered right on every paper that has it.
    VoidCorrect,
    /// The question is void and is taken out of every paper that has it: it scores nothing and
    /// the paper counts one question fewer.
    VoidRemoved,
}

/// How a question of a paper counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Right,
    Wrong,
    Removed,
}

/// Why a correction cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CorrectionError {
    #[error("Hãy ghi đáp án bằng chữ cái của phương án, ví dụ “B” hoặc “A, C”.")]
    NoLetters,
    #[error("Phương án {0} không có trong câu hỏi.")]
    NoSuchOption(char),
    #[error("Câu hỏi {0} chỉ có một đáp án đúng.")]
    OneAnswerOnly(Kind),
    #[error("Câu hỏi nhiều đáp án phải có ít nhất hai đáp án đúng.")]
    TwoAnswersAtLeast,
    #[error("Đáp án mới trùng với đáp án hiện tại: không có gì để chấm lại.")]
    SameKey,
    #[error("Hãy ghi lý do chấm lại (người thi và ban giám khảo sẽ đọc lý do này).")]
    NoReason,
}

/// Parses option letters ("B", "a, c") against `options` options: indexes, sorted, no repeats.
pub fn parse_letters(typed: &str, options: usize) -> Result<Vec<usize>, CorrectionError> {
    let mut out = Vec::new();
    for part in typed.split([',', ';', ' ']).filter(|p| !p.is_empty()) {
        let mut chars = part.chars();
        let (Some(c), None) = (chars.next().map(|c| c.to_ascii_uppercase()), chars.next()) else {
            return Err(CorrectionError::NoLetters);
        };
        if !c.is_ascii_uppercase() {
            return Err(CorrectionError::NoLetters);
        }
        let index = (c as u8 - b'A') as usize;
        if index >= options {
            return Err(CorrectionError::NoSuchOption(c));
        }
        if !out.contains(&index) {
            out.push(index);
        }
    }
    if out.is_empty() {
        return Err(CorrectionError::NoLetters);
    }
    out.sort_unstable();
    Ok(out)
}

impl Correction {
    /// Builds a correction from the organizer's form: `action` is change_key | accept |
    /// void_correct | void_removed; `letters` the new key (change_key) or the answers accepted
    /// besides the key (accept: each letter on its own for one-answer questions, the letters
    /// together as one more set for several-answer ones).
    pub fn from_form(
        action: &str,
        letters: &str,
        kind: Kind,
        key: &[usize],
        options: usize,
    ) -> Result<Self, CorrectionError> {
        match action {
            "void_correct" => Ok(Correction::VoidCorrect),
            "void_removed" => Ok(Correction::VoidRemoved),
            "change_key" => {
                let new = parse_letters(letters, options)?;
                check_shape(kind, &new)?;
                if new == key {
                    return Err(CorrectionError::SameKey);
                }
                Ok(Correction::ChangeKey { key: new })
            }
            _ => {
                let extra = parse_letters(letters, options)?;
                let mut accepted = vec![key.to_vec()];
                if kind == Kind::Multiple {
                    check_shape(kind, &extra)?;
                    accepted.push(extra);
                } else {
                    accepted.extend(extra.into_iter().map(|i| vec![i]));
                }
                accepted.sort();
                accepted.dedup();
                if accepted.len() == 1 {
                    return Err(CorrectionError::SameKey);
                }
                Ok(Correction::Accept { accepted })
            }
        }
    }

    /// How an answer (original indexes; `None`: unanswered) counts under this correction.
    pub fn outcome(&self, chosen: Option<&[usize]>) -> Outcome {
        let right = |ok: bool| if ok { Outcome::Right } else { Outcome::Wrong };
        match self {
            Correction::ChangeKey { key } => right(chosen.is_some_and(|c| is_correct(c, key))),
            Correction::Accept { accepted } => {
                right(chosen.is_some_and(|c| accepted.iter().any(|a| is_correct(c, a))))
            }
            Correction::VoidCorrect => Outcome::Right,
            Correction::VoidRemoved => Outcome::Removed,
        }
    }

    /// Every option that is part of a right answer after the correction (for the review).
    pub fn key(&self, original: &[usize]) -> Vec<usize> {
        let mut out: Vec<usize> = match self {
            Correction::ChangeKey { key } => key.clone(),
            Correction::Accept { accepted } => accepted.iter().flatten().copied().collect(),
            Correction::VoidCorrect | Correction::VoidRemoved => original.to_vec(),
        };
        out.sort_unstable();
        out.dedup();
        out
    }

    /// What was decided, in Vietnamese, with the bank's letters: "đổi đáp án thành B", ...
    pub fn label(&self) -> String {
        self.label_with(|i| letter(i).to_string(), ", ")
    }

    /// The same, with the letters a contestant saw: `order[shown] = original`.
    pub fn label_displayed(&self, order: &[usize]) -> String {
        self.label_with(|i| letter(order.iter().position(|o| *o == i).unwrap_or(i)).to_string(), ", ")
    }

    /// The same, naming the options by their text (for notices read by people whose options
    /// were shuffled differently).
    pub fn label_texts(&self, options: &[String]) -> String {
        self.label_with(|i| format!("“{}”", options.get(i).map_or("", String::as_str)), " và ")
    }

    fn label_with(&self, name: impl Fn(usize) -> String, and: &str) -> String {
        let names = |set: &[usize]| {
            let mut named: Vec<String> = set.iter().map(|i| name(*i)).collect();
            named.sort();
            named.join(and)
        };
        match self {
            Correction::ChangeKey { key } => format!("đổi đáp án thành {}", names(key)),
            Correction::Accept { accepted } => {
                let mut sets: Vec<String> = accepted.iter().map(|a| names(a)).collect();
                sets.sort();
                format!("chấp nhận {}", sets.join(" hoặc "))
            }
            Correction::VoidCorrect => "hủy câu hỏi, tính là trả lời đúng cho mọi thí sinh".to_owned(),
            Correction::VoidRemoved => "hủy câu hỏi, không tính vào điểm của bài thi".to_owned(),
        }
    }
}

fn check_shape(kind: Kind, key: &[usize]) -> Result<(), CorrectionError> {
    match kind {
        Kind::Multiple if key.len() < 2 => Err(CorrectionError::TwoAnswersAtLeast),
        Kind::Single | Kind::TrueFalse if key.len() != 1 => Err(CorrectionError::OneAnswerOnly(kind)),
        _ => Ok(()),
    }
}

/// How one question of a paper counts: by its correction if it has one, else by its key.
pub fn outcome(chosen: Option<&[usize]>, key: &[usize], correction: Option<&Correction>) -> Outcome {
    match correction {
        Some(c) => c.outcome(chosen),
        None if chosen.is_some_and(|c| is_correct(c, key)) => Outcome::Right,
        None => Outcome::Wrong,
    }
}

/// A paper's score: (questions right, questions counted).
pub fn score<'a>(
    items: impl IntoIterator<Item = (Option<&'a [usize]>, &'a [usize], Option<&'a Correction>)>,
) -> (u32, u32) {
    let mut right = 0;
    let mut counted = 0;
    for (chosen, key, correction) in items {
        match outcome(chosen, key, correction) {
            Outcome::Right => {
                right += 1;
                counted += 1;
            }
            Outcome::Wrong => counted += 1,
            Outcome::Removed => {}
        }
    }
    (right, counted)
}

#[cfg(test)]
mod tests {
    use super::*;

    type Item<'a> = (Option<&'a [usize]>, &'a [usize], Option<&'a Correction>);

    #[test]
    fn without_a_correction_a_paper_scores_by_its_keys() {
        let items: Vec<Item> = vec![(Some(&[1]), &[1], None), (None, &[0], None), (Some(&[2]), &[3], None)];
        assert_eq!(score(items), (1, 3));
    }

    #[test]
    fn a_changed_key_scores_the_new_key_only() {
        let c = Correction::from_form("change_key", "c", Kind::Single, &[1], 4).unwrap();
        assert_eq!(c, Correction::ChangeKey { key: vec![2] });
        assert_eq!(c.outcome(Some(&[2])), Outcome::Right);
        assert_eq!(c.outcome(Some(&[1])), Outcome::Wrong, "the old key no longer counts");
        assert_eq!(c.outcome(None), Outcome::Wrong);
        assert_eq!(c.label(), "đổi đáp án thành C");
    }

    #[test]
    fn accepting_more_keeps_the_key_and_adds_each_letter_for_one_answer_questions() {
        let c = Correction::from_form("accept", "A", Kind::Single, &[2], 4).unwrap();
        assert_eq!(c, Correction::Accept { accepted: vec![vec![0], vec![2]] });
        assert_eq!(c.outcome(Some(&[0])), Outcome::Right);
        assert_eq!(c.outcome(Some(&[2])), Outcome::Right);
        assert_eq!(c.outcome(Some(&[1])), Outcome::Wrong);
        assert_eq!(c.outcome(Some(&[0, 2])), Outcome::Wrong, "one choice, not both");
        assert_eq!(c.key(&[2]), [0, 2]);
        assert_eq!(c.label(), "chấp nhận A hoặc C");
        assert_eq!(c.label_displayed(&[2, 3, 0, 1]), "chấp nhận A hoặc C", "C was shown first, A third");
        assert_eq!(c.label_displayed(&[1, 2, 3, 0]), "chấp nhận B hoặc D");
        let texts: Vec<String> =
            ["Bộ Nội vụ", "Bộ Tư pháp", "Văn phòng Chính phủ", "Thanh tra"].map(String::from).to_vec();
        assert_eq!(c.label_texts(&texts), "chấp nhận “Bộ Nội vụ” hoặc “Văn phòng Chính phủ”");
        let multiple = Correction::from_form("accept", "A, B", Kind::Multiple, &[0, 2], 4).unwrap();
        assert_eq!(multiple.outcome(Some(&[0, 1])), Outcome::Right);
        assert_eq!(multiple.outcome(Some(&[0, 2])), Outcome::Right);
        assert_eq!(multiple.outcome(Some(&[0])), Outcome::Wrong);
    }

    #[test]
    fn a_void_question_counts_right_for_everyone_or_leaves_the_paper() {
        let items = |c: &'static Correction| -> Vec<Item<'static>> {
            vec![(Some(&[1]), &[1], None), (None, &[0], Some(c)), (Some(&[2]), &[3], None)]
        };
        static CORRECT: Correction = Correction::VoidCorrect;
        static REMOVED: Correction = Correction::VoidRemoved;
        assert_eq!(score(items(&CORRECT)), (2, 3), "unanswered, still right");
        assert_eq!(score(items(&REMOVED)), (1, 2), "one question fewer on the paper");
    }

    #[test]
    fn bad_corrections_are_refused_with_a_reason() {
        let form = |action, letters, kind| Correction::from_form(action, letters, kind, &[1], 3);
        assert_eq!(form("change_key", "", Kind::Single), Err(CorrectionError::NoLetters));
        assert_eq!(form("change_key", "D", Kind::Single), Err(CorrectionError::NoSuchOption('D')));
        assert_eq!(form("change_key", "1", Kind::Single), Err(CorrectionError::NoLetters));
        assert_eq!(form("change_key", "B", Kind::Single), Err(CorrectionError::SameKey));
        assert_eq!(
            form("change_key", "A, C", Kind::Single),
            Err(CorrectionError::OneAnswerOnly(Kind::Single))
        );
        assert_eq!(form("accept", "B", Kind::Single), Err(CorrectionError::SameKey));
        assert_eq!(
            Correction::from_form("change_key", "A", Kind::Multiple, &[0, 1], 3),
            Err(CorrectionError::TwoAnswersAtLeast)
        );
    }
}
