//! Warnings about questions that are valid but weak: a shape of the options that gives the answer
//! away, and two questions asking the same thing without sharing a family. Warnings never stop an
//! import; `hoithi questions check --strict` treats them as problems.

use crate::Question;
use domain::{Kind, question::letter};
use std::collections::BTreeSet;

/// How much longer than the longest wrong option the correct one may be before it stands out.
const LONG_RATIO: f64 = 1.5;
/// ... and by at least this many characters (short options differ a lot in ratio for nothing).
const LONG_MARGIN: usize = 15;
/// Share of words two stems have in common (diacritics, case and punctuation ignored) from which
/// they read as one question.
const NEAR_DUPLICATE: f64 = 0.8;

/// Options that point at other options: shuffled, they stop making sense, and they are give-aways.
const POINTING: [&str; 16] = [
    "phuong an tren",
    "phuong an noi tren",
    "y tren",
    "dap an tren",
    "cac phuong an deu",
    "tat ca deu dung",
    "tat ca deu sai",
    "ca a va b",
    "ca a, b",
    "ca b va c",
    "ca a va c",
    "ca hai phuong an",
    "ca ba phuong an",
    "khong co phuong an nao",
    "khong phuong an nao",
    "ca hai y",
];

/// The warnings of one question, in Vietnamese.
pub fn lint_question(q: &Question) -> Vec<String> {
    let mut warnings = Vec::new();
    if q.kind == Kind::TrueFalse {
        return warnings;
    }
    for (i, option) in q.options.iter().enumerate() {
        let folded = words(option).join(" ");
        let spaced = domain::text::fold(option);
        if POINTING.iter().any(|p| folded.contains(p) || spaced.contains(p)) {
            warnings.push(format!(
                "Cảnh báo: phương án {} (“{option}”) dựa vào các phương án khác, nhưng thứ tự phương \
                 án được xáo trộn khi thi; hãy dùng loại “nhiều đáp án”.",
                letter(i)
            ));
        }
    }
    type Options<'a> = Vec<(usize, &'a String)>;
    let (right, wrong): (Options, Options) =
        q.options.iter().enumerate().partition(|(i, _)| q.correct.contains(i));
    let first_word = |o: &str| words(o).into_iter().next();
    if wrong.len() >= 2 {
        let firsts: BTreeSet<Option<String>> = wrong.iter().map(|(_, o)| first_word(o)).collect();
        if let [Some(shared)] = firsts.iter().collect::<Vec<_>>()[..]
            && right.iter().all(|(_, o)| first_word(o).as_ref() != Some(shared))
        {
            let written = wrong[0].1.split_whitespace().next().unwrap_or_default();
            warnings.push(format!(
                "Cảnh báo: mọi phương án sai đều bắt đầu bằng “{written}”, phương án đúng thì không: \
                 người thi đoán được đáp án."
            ));
        }
    }
    if let [(_, correct)] = right[..]
        && wrong.len() >= 2
    {
        let len = correct.chars().count();
        let longest = wrong.iter().map(|(_, o)| o.chars().count()).max().unwrap_or(0);
        if len as f64 >= LONG_RATIO * longest as f64 && len >= longest + LONG_MARGIN {
            warnings.push(format!(
                "Cảnh báo: phương án đúng dài hơn hẳn các phương án sai ({len} ký tự, phương án sai dài \
                 nhất {longest}): người thi đoán được đáp án."
            ));
        }
    }
    warnings
}

/// Lowercase words without diacritics or punctuation: "Nghị định số 63/2010/NĐ-CP?" gives
/// nghi, dinh, so, 63, 2010, nd, cp.
fn words(text: &str) -> Vec<String> {
    domain::text::fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A stem prepared for comparison: its words and, apart, its numbers (two stems that differ in a
/// number, "Nghị định 43/2011" and "Nghị định 48/2013", ask different things).
struct Stem {
    words: BTreeSet<String>,
    numbers: Vec<String>,
}

impl Stem {
    fn of(text: &str) -> Self {
        let all = words(text);
        let mut numbers: Vec<String> =
            all.iter().filter(|w| w.chars().any(|c| c.is_ascii_digit())).cloned().collect();
        numbers.sort();
        Self { words: all.into_iter().collect(), numbers }
    }

    fn similarity(&self, other: &Stem) -> f64 {
        if self.numbers != other.numbers {
            return 0.0;
        }
        let common = self.words.intersection(&other.words).count();
        let all = self.words.union(&other.words).count();
        if all == 0 { 1.0 } else { common as f64 / all as f64 }
    }
}

/// Pairs of questions whose stems read as the same question but share no family: for each, the
/// later question's index, the earlier one's index and their similarity.
pub fn near_duplicates(questions: &[&Question]) -> Vec<(usize, usize, f64)> {
    let stems: Vec<Stem> = questions.iter().map(|q| Stem::of(&q.text)).collect();
    let mut found = Vec::new();
    for later in 0..questions.len() {
        for earlier in 0..later {
            let (a, b) = (questions[earlier], questions[later]);
            if a.family.is_some() && a.family == b.family {
                continue;
            }
            let similarity = stems[earlier].similarity(&stems[later]);
            if similarity >= NEAR_DUPLICATE {
                found.push((later, earlier, similarity));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{QuestionDraft, Topic};

    fn question(text: &str, options: &[&str], answer: &str) -> Question {
        QuestionDraft {
            id: "tthc-001".into(),
            topic: "tthc-control".into(),
            difficulty: "dễ".into(),
            kind: if answer.contains(',') { "nhiều đáp án" } else { "một đáp án" }.into(),
            text: text.into(),
            options: options.iter().map(|o| (*o).to_owned()).collect(),
            answer: answer.into(),
            explanation: "Giải thích.".into(),
            basis_document: "Nghị định số 63/2010/NĐ-CP".into(),
            basis_date: "08/6/2010".into(),
            ..Default::default()
        }
        .validate(&[Topic {
            slug: "tthc-control".into(), name: "Kiểm soát thủ tục hành chính".into()
        }])
        .unwrap()
    }

    #[test]
    fn wrong_options_sharing_a_first_word_the_correct_lacks_are_flagged() {
        let giveaway = question(
            "Ai ký ban hành?",
            &["Chỉ Bộ trưởng", "Thủ tướng Chính phủ", "chỉ Thứ trưởng", "Chỉ Chánh Văn phòng"],
            "B",
        );
        let warnings = lint_question(&giveaway);
        assert!(warnings.iter().any(|w| w.contains("bắt đầu bằng “Chỉ”")), "{warnings:?}");
        let fair = question(
            "Ai ký ban hành?",
            &["Chỉ Bộ trưởng", "Chỉ Thủ tướng Chính phủ", "Chỉ Thứ trưởng", "Chỉ Chánh Văn phòng"],
            "B",
        );
        assert!(lint_question(&fair).is_empty(), "the correct option starts the same way");
    }

    #[test]
    fn a_correct_option_markedly_longer_than_the_rest_is_flagged() {
        let long = question(
            "Cơ quan nào?",
            &["Bộ Tư pháp", "Văn phòng Chính phủ, phối hợp với Bộ Nội vụ và Bộ Tư pháp", "Bộ Nội vụ"],
            "B",
        );
        assert!(lint_question(&long).iter().any(|w| w.contains("dài hơn hẳn")));
        let even = question(
            "Cơ quan nào?",
            &["Bộ Tư pháp và Bộ Tài chính", "Văn phòng Chính phủ", "Thanh tra Chính phủ"],
            "B",
        );
        assert!(lint_question(&even).is_empty());
    }

    #[test]
    fn options_pointing_at_other_options_are_flagged() {
        let q = question("Nội dung nào?", &["Một", "Hai", "Tất cả các phương án trên"], "C");
        let warnings = lint_question(&q);
        assert!(warnings.iter().any(|w| w.contains("phương án C")), "{warnings:?}");
        let q = question("Nội dung nào?", &["Một", "Hai", "Cả A và B đều đúng"], "C");
        assert!(!lint_question(&q).is_empty());
        let q = question("Đối tượng nào?", &["Tất cả cán bộ, công chức", "Chỉ công chức"], "A");
        assert!(lint_question(&q).is_empty(), "“Tất cả” alone is an ordinary option");
    }

    #[test]
    fn rewordings_of_one_stem_are_near_duplicates_unless_they_share_a_family() {
        let a = question("Nghị định số 63/2010/NĐ-CP được ban hành ngày nào?", &["x", "y"], "A");
        let b = question("Nghị định 63/2010/NĐ-CP được ban hành vào ngày nào?", &["x", "y"], "A");
        let other_number = question("Nghị định số 48/2013/NĐ-CP được ban hành ngày nào?", &["x", "y"], "A");
        let other_thing = question("Nghị định số 63/2010/NĐ-CP có hiệu lực từ ngày nào?", &["x", "y"], "A");
        let found = near_duplicates(&[&a, &b, &other_number, &other_thing]);
        assert_eq!(found.iter().map(|(l, e, _)| (*l, *e)).collect::<Vec<_>>(), [(1, 0)]);
        let family = |q: &Question| Question { family: Some("nd63-date".into()), ..q.clone() };
        assert!(near_duplicates(&[&family(&a), &family(&b)]).is_empty());
    }
}
