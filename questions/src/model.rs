//! A question as typed (a draft of strings) and as validated.

pub use domain::question::LegalDate;
use domain::{Difficulty, Kind, question::TRUE_FALSE_OPTIONS, question::letter};
use serde::{Deserialize, Serialize};
use unicode_normalization::is_nfc;

/// Most and fewest options a question may have.
pub const MIN_OPTIONS: usize = 2;
pub const MAX_OPTIONS: usize = 6;

/// A topic of the bank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Topic {
    pub slug: String,
    pub name: String,
}

/// A question as someone typed it: every field still a string.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionDraft {
    pub id: String,
    /// Questions testing the same fact share a family (empty: none); a paper draws one of each.
    pub family: String,
    pub topic: String,
    pub difficulty: String,
    pub kind: String,
    pub text: String,
    pub options: Vec<String>,
    /// Letters of the correct options: "B" or "A, C".
    pub answer: String,
    pub explanation: String,
    pub basis_document: String,
    pub basis_date: String,
    pub basis_article: String,
    /// When the cited rule took effect, where the question needs it in force (empty: no need).
    pub basis_in_force: String,
}

/// The legal basis of a question: the document, its date and, where there is one, the article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegalBasis {
    pub document: String,
    pub date: LegalDate,
    pub article: Option<String>,
    /// When the rule the question relies on took effect, if the question needs it in force.
    pub in_force: Option<LegalDate>,
}

impl LegalBasis {
    /// Whether a contest held as of `day` may ask the question: the document was issued by then
    /// and, where the question needs it in force, in force by then.
    pub fn valid_on(&self, day: LegalDate) -> bool {
        self.date <= day && self.in_force.is_none_or(|d| d <= day)
    }
}

impl std::fmt::Display for LegalBasis {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.article {
            Some(article) => write!(f, "{article}, {} ngày {}", self.document, self.date),
            None => write!(f, "{} ngày {}", self.document, self.date),
        }
    }
}

/// A valid question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    pub family: Option<String>,
    pub topic: String,
    pub difficulty: Difficulty,
    pub kind: Kind,
    pub text: String,
    pub options: Vec<String>,
    /// Indexes of the correct options, ascending.
    pub correct: Vec<usize>,
    pub explanation: String,
    pub basis: LegalBasis,
}

impl Question {
    /// The correct letters, "A, C".
    pub fn answer_letters(&self) -> String {
        self.correct.iter().map(|i| letter(*i).to_string()).collect::<Vec<_>>().join(", ")
    }

    /// The draft that validates back into this question (for editing and export).
    pub fn to_draft(&self) -> QuestionDraft {
        QuestionDraft {
            id: self.id.clone(),
            family: self.family.clone().unwrap_or_default(),
            topic: self.topic.clone(),
            difficulty: self.difficulty.label().to_owned(),
            kind: self.kind.label().to_owned(),
            text: self.text.clone(),
            options: self.options.clone(),
            answer: self.answer_letters(),
            explanation: self.explanation.clone(),
            basis_document: self.basis.document.clone(),
            basis_date: self.basis.date.to_string(),
            basis_article: self.basis.article.clone().unwrap_or_default(),
            basis_in_force: self.basis.in_force.map(|d| d.to_string()).unwrap_or_default(),
        }
    }
}

/// Which part of a question a problem is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Id,
    Family,
    Topic,
    Difficulty,
    Kind,
    Text,
    Options,
    Option(usize),
    Answer,
    Explanation,
    BasisDocument,
    BasisDate,
    BasisArticle,
    BasisInForce,
}

impl Field {
    /// The field's name for users.
    pub fn label(self) -> String {
        match self {
            Field::Id => "Mã câu hỏi".into(),
            Field::Family => "Nhóm câu hỏi".into(),
            Field::Topic => "Chủ đề".into(),
            Field::Difficulty => "Mức độ".into(),
            Field::Kind => "Loại câu hỏi".into(),
            Field::Text => "Nội dung câu hỏi".into(),
            Field::Options => "Các phương án".into(),
            Field::Option(i) => format!("Phương án {}", letter(i)),
            Field::Answer => "Đáp án".into(),
            Field::Explanation => "Giải thích".into(),
            Field::BasisDocument => "Văn bản căn cứ".into(),
            Field::BasisDate => "Ngày ban hành".into(),
            Field::BasisArticle => "Điều, khoản".into(),
            Field::BasisInForce => "Ngày có hiệu lực".into(),
        }
    }
}

/// What is wrong with a question. The message is for organizers, in Vietnamese.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuestionError {
    #[error("Mã câu hỏi không được để trống.")]
    EmptyId,
    #[error("Mã câu hỏi “{0}” chỉ được gồm chữ thường không dấu, chữ số và dấu gạch nối.")]
    BadId(String),
    #[error("Chủ đề “{0}” không có trong danh sách chủ đề.")]
    UnknownTopic(String),
    #[error("Mức độ “{0}” không hợp lệ (dễ, trung bình hoặc khó).")]
    UnknownDifficulty(String),
    #[error("Loại câu hỏi “{0}” không hợp lệ (một đáp án, nhiều đáp án hoặc đúng sai).")]
    UnknownKind(String),
    #[error("Nội dung câu hỏi không được để trống.")]
    EmptyText,
    #[error("Cần ít nhất 2 phương án (hiện có {0}).")]
    TooFewOptions(usize),
    #[error("Tối đa 6 phương án (hiện có {0}).")]
    TooManyOptions(usize),
    #[error("Phương án {0} để trống.")]
    EmptyOption(char),
    #[error("Phương án {1} trùng với phương án {0}.")]
    DuplicateOption(char, char),
    #[error("Chưa có đáp án.")]
    EmptyAnswer,
    #[error("Đáp án “{0}” không hợp lệ: ghi chữ cái của phương án đúng, ví dụ “B” hoặc “A, C”.")]
    BadAnswer(String),
    #[error("Đáp án “{0}” không có trong các phương án.")]
    AnswerNotAnOption(char),
    #[error("Đáp án “{0}” bị lặp lại.")]
    RepeatedAnswer(char),
    #[error("Câu hỏi {0} phải có đúng một đáp án.")]
    NeedsOneAnswer(Kind),
    #[error("Câu hỏi nhiều đáp án phải có ít nhất hai đáp án đúng.")]
    NeedsTwoAnswers,
    #[error("Câu hỏi đúng sai phải có đúng hai phương án “Đúng” và “Sai”.")]
    TrueFalseOptions,
    #[error("Phần giải thích không được để trống.")]
    EmptyExplanation,
    #[error("Thiếu số, ký hiệu văn bản làm căn cứ pháp lý.")]
    MissingBasisDocument,
    #[error("Thiếu ngày ban hành của văn bản làm căn cứ pháp lý.")]
    MissingBasisDate,
    #[error("Ngày ban hành “{0}” không hợp lệ (viết dạng ngày/tháng/năm, ví dụ 08/6/2010).")]
    BadBasisDate(String),
    #[error("Nhóm câu hỏi “{0}” chỉ được gồm chữ thường không dấu, chữ số và dấu gạch nối.")]
    BadFamily(String),
    #[error("Ngày có hiệu lực “{0}” không hợp lệ (viết dạng ngày/tháng/năm, ví dụ 25/9/2017).")]
    BadInForce(String),
    #[error("Ngày có hiệu lực {0} sớm hơn ngày ban hành {1}.")]
    InForceBeforeIssue(String, String),
    #[error("{0} chưa ở dạng Unicode dựng sẵn (NFC); hãy gõ lại bằng bộ gõ tiếng Việt chuẩn.")]
    NotNfc(String),
    #[error("Mã câu hỏi “{0}” trùng với câu hỏi ở {1}.")]
    DuplicateId(String, String),
}

/// A problem with one field of a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub error: QuestionError,
}

fn is_valid_id(id: &str) -> bool {
    is_slug(id, 40)
}

fn is_slug(id: &str, max: usize) -> bool {
    id.len() <= max
        && id.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

impl QuestionDraft {
    /// Checks every field and returns the question, or every problem found (not just the first).
    pub fn validate(&self, topics: &[Topic]) -> Result<Question, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut err = |field, error| errors.push(FieldError { field, error });

        let text_fields = [
            (Field::Id, &self.id),
            (Field::Topic, &self.topic),
            (Field::Text, &self.text),
            (Field::Answer, &self.answer),
            (Field::Explanation, &self.explanation),
            (Field::BasisDocument, &self.basis_document),
            (Field::BasisArticle, &self.basis_article),
        ];
        for (field, value) in text_fields {
            if !is_nfc(value) {
                err(field, QuestionError::NotNfc(field.label()));
            }
        }
        for (i, option) in self.options.iter().enumerate() {
            if !is_nfc(option) {
                err(Field::Option(i), QuestionError::NotNfc(Field::Option(i).label()));
            }
        }

        let id = self.id.trim();
        if id.is_empty() {
            err(Field::Id, QuestionError::EmptyId);
        } else if !is_valid_id(id) {
            err(Field::Id, QuestionError::BadId(id.to_owned()));
        }
        let family = self.family.trim();
        if !family.is_empty() && !is_slug(family, 60) {
            err(Field::Family, QuestionError::BadFamily(family.to_owned()));
        }
        let topic = topics.iter().find(|t| {
            t.slug == self.topic.trim() || domain::text::fold(&t.name) == domain::text::fold(&self.topic)
        });
        if topic.is_none() {
            err(Field::Topic, QuestionError::UnknownTopic(self.topic.trim().to_owned()));
        }
        let difficulty = Difficulty::parse(self.difficulty.trim());
        if difficulty.is_none() {
            err(Field::Difficulty, QuestionError::UnknownDifficulty(self.difficulty.trim().to_owned()));
        }
        let kind = Kind::parse(self.kind.trim());
        if kind.is_none() {
            err(Field::Kind, QuestionError::UnknownKind(self.kind.trim().to_owned()));
        }
        let text = domain::text::clean(&self.text);
        if text.is_empty() {
            err(Field::Text, QuestionError::EmptyText);
        }

        let options: Vec<String> = self.options.iter().map(|o| domain::text::clean(o)).collect();
        // Trailing empty options (blank spreadsheet columns) are not options at all.
        let used = options.iter().rposition(|o| !o.is_empty()).map_or(0, |i| i + 1);
        let options = options[..used].to_vec();
        if options.len() < MIN_OPTIONS {
            err(Field::Options, QuestionError::TooFewOptions(options.len()));
        } else if options.len() > MAX_OPTIONS {
            err(Field::Options, QuestionError::TooManyOptions(options.len()));
        }
        for (i, option) in options.iter().enumerate() {
            if option.is_empty() {
                err(Field::Option(i), QuestionError::EmptyOption(letter(i)));
            } else if let Some(j) =
                options[..i].iter().position(|o| o.to_lowercase() == option.to_lowercase())
            {
                err(Field::Option(i), QuestionError::DuplicateOption(letter(j), letter(i)));
            }
        }
        if kind == Some(Kind::TrueFalse) && options != TRUE_FALSE_OPTIONS {
            err(Field::Options, QuestionError::TrueFalseOptions);
        }

        let mut correct = Vec::new();
        let answer = self.answer.trim();
        if answer.is_empty() {
            err(Field::Answer, QuestionError::EmptyAnswer);
        } else {
            for part in answer.split([',', ';', ' ']).filter(|p| !p.is_empty()) {
                let mut chars = part.chars();
                match (chars.next().map(|c| c.to_ascii_uppercase()), chars.next()) {
                    (Some(c @ 'A'..='Z'), None) => {
                        let index = (c as u8 - b'A') as usize;
                        if index >= options.len() {
                            err(Field::Answer, QuestionError::AnswerNotAnOption(c));
                        } else if correct.contains(&index) {
                            err(Field::Answer, QuestionError::RepeatedAnswer(c));
                        } else {
                            correct.push(index);
                        }
                    }
                    _ => err(Field::Answer, QuestionError::BadAnswer(part.to_owned())),
                }
            }
            correct.sort_unstable();
            match kind {
                Some(k @ (Kind::Single | Kind::TrueFalse)) if correct.len() > 1 => {
                    err(Field::Answer, QuestionError::NeedsOneAnswer(k))
                }
                Some(Kind::Multiple) if correct.len() == 1 => {
                    err(Field::Answer, QuestionError::NeedsTwoAnswers)
                }
                _ => {}
            }
        }

        let explanation = domain::text::clean(&self.explanation);
        if explanation.is_empty() {
            err(Field::Explanation, QuestionError::EmptyExplanation);
        }
        let document = domain::text::clean(&self.basis_document);
        if document.is_empty() {
            err(Field::BasisDocument, QuestionError::MissingBasisDocument);
        }
        let date = if self.basis_date.trim().is_empty() {
            err(Field::BasisDate, QuestionError::MissingBasisDate);
            None
        } else {
            let parsed = LegalDate::parse(&self.basis_date);
            if parsed.is_none() {
                err(Field::BasisDate, QuestionError::BadBasisDate(self.basis_date.trim().to_owned()));
            }
            parsed
        };
        let article = Some(domain::text::clean(&self.basis_article)).filter(|a| !a.is_empty());
        let in_force = match self.basis_in_force.trim() {
            "" => None,
            written => {
                let parsed = LegalDate::parse(written);
                match (parsed, date) {
                    (None, _) => err(Field::BasisInForce, QuestionError::BadInForce(written.to_owned())),
                    (Some(f), Some(d)) if f < d => err(
                        Field::BasisInForce,
                        QuestionError::InForceBeforeIssue(f.to_string(), d.to_string()),
                    ),
                    _ => {}
                }
                parsed
            }
        };

        match (topic, difficulty, kind, date) {
            (Some(topic), Some(difficulty), Some(kind), Some(date)) if errors.is_empty() => Ok(Question {
                id: id.to_owned(),
                family: Some(family.to_owned()).filter(|f| !f.is_empty()),
                topic: topic.slug.clone(),
                difficulty,
                kind,
                text,
                options,
                correct,
                explanation,
                basis: LegalBasis { document, date, article, in_force },
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn topics() -> Vec<Topic> {
        vec![Topic { slug: "tthc-control".into(), name: "Kiểm soát thủ tục hành chính".into() }]
    }

    fn good() -> QuestionDraft {
        QuestionDraft {
            id: "tthc-001".into(),
            topic: "tthc-control".into(),
            difficulty: "dễ".into(),
            kind: "một đáp án".into(),
            text: "Nghị định về kiểm soát thủ tục hành chính là nghị định nào?".into(),
            options: vec!["Nghị định số 63/2010/NĐ-CP".into(), "Nghị định số 43/2011/NĐ-CP".into()],
            answer: "A".into(),
            explanation: "Nghị định số 63/2010/NĐ-CP quy định về kiểm soát thủ tục hành chính.".into(),
            basis_document: "Nghị định số 63/2010/NĐ-CP".into(),
            basis_date: "08/6/2010".into(),
            basis_article: String::new(),
            ..Default::default()
        }
    }

    fn errors_of(draft: QuestionDraft) -> Vec<String> {
        draft.validate(&topics()).err().unwrap_or_default().iter().map(|e| e.error.to_string()).collect()
    }

    #[test]
    fn a_good_draft_validates_with_its_basis() {
        let q = good().validate(&topics()).unwrap();
        assert_eq!(q.correct, [0]);
        assert_eq!(q.basis.to_string(), "Nghị định số 63/2010/NĐ-CP ngày 08/6/2010");
        assert_eq!(q.to_draft().validate(&topics()).unwrap(), q, "round trip through a draft");
    }

    #[test]
    fn each_broken_field_gets_its_own_message() {
        let cases: Vec<(QuestionDraft, &str)> = vec![
            (QuestionDraft { id: "".into(), ..good() }, "Mã câu hỏi không được để trống."),
            (QuestionDraft { id: "TTHC 1".into(), ..good() }, "Mã câu hỏi “TTHC 1” chỉ được"),
            (QuestionDraft { topic: "thue".into(), ..good() }, "Chủ đề “thue” không có"),
            (QuestionDraft { difficulty: "rất khó".into(), ..good() }, "Mức độ “rất khó” không hợp lệ"),
            (QuestionDraft { kind: "tự luận".into(), ..good() }, "Loại câu hỏi “tự luận” không hợp lệ"),
            (QuestionDraft { text: "  ".into(), ..good() }, "Nội dung câu hỏi không được để trống."),
            (QuestionDraft { options: vec!["Một".into()], ..good() }, "Cần ít nhất 2 phương án (hiện có 1)."),
            (
                QuestionDraft { options: vec!["A".into(), " a ".into()], ..good() },
                "Phương án B trùng với phương án A.",
            ),
            (
                QuestionDraft { options: vec!["x".into(), "".into(), "y".into()], ..good() },
                "Phương án B để trống.",
            ),
            (QuestionDraft { answer: "E".into(), ..good() }, "Đáp án “E” không có trong các phương án."),
            (QuestionDraft { answer: "".into(), ..good() }, "Chưa có đáp án."),
            (QuestionDraft { answer: "A, A".into(), ..good() }, "Đáp án “A” bị lặp lại."),
            (QuestionDraft { answer: "1".into(), ..good() }, "Đáp án “1” không hợp lệ"),
            (
                QuestionDraft { answer: "A, B".into(), ..good() },
                "Câu hỏi một đáp án phải có đúng một đáp án.",
            ),
            (QuestionDraft { kind: "nhiều đáp án".into(), ..good() }, "ít nhất hai đáp án đúng"),
            (
                QuestionDraft { kind: "đúng sai".into(), ..good() },
                "phải có đúng hai phương án “Đúng” và “Sai”",
            ),
            (QuestionDraft { explanation: "".into(), ..good() }, "Phần giải thích không được để trống."),
            (QuestionDraft { basis_document: "".into(), ..good() }, "Thiếu số, ký hiệu văn bản"),
            (QuestionDraft { basis_date: "".into(), ..good() }, "Thiếu ngày ban hành"),
            (
                QuestionDraft { basis_date: "31/6/2010".into(), ..good() },
                "Ngày ban hành “31/6/2010” không hợp lệ",
            ),
            (
                QuestionDraft { text: "Thu\u{309} tu\u{323}c?".into(), ..good() },
                "Nội dung câu hỏi chưa ở dạng Unicode dựng sẵn",
            ),
        ];
        for (draft, expected) in cases {
            let errors = errors_of(draft);
            assert!(errors.iter().any(|e| e.contains(expected)), "{expected:?} not in {errors:?}");
        }
    }

    #[test]
    fn trailing_blank_options_are_ignored_but_inner_blanks_are_not() {
        let q = QuestionDraft { options: vec!["x".into(), "y".into(), "".into(), "".into()], ..good() };
        assert_eq!(q.validate(&topics()).unwrap().options.len(), 2);
    }

    #[test]
    fn multiple_answers_are_sorted_and_lowercase_letters_accepted() {
        let q = QuestionDraft {
            kind: "nhiều đáp án".into(),
            options: vec!["a".into(), "b".into(), "c".into()],
            answer: "c; a".into(),
            ..good()
        };
        assert_eq!(q.validate(&topics()).unwrap().correct, [0, 2]);
    }

    #[test]
    fn a_question_is_valid_on_a_day_once_issued_and_in_force_where_it_needs_it() {
        let day = |s| LegalDate::parse(s).unwrap();
        let q = QuestionDraft { basis_in_force: "25/9/2017".into(), ..good() }.validate(&topics()).unwrap();
        assert!(!q.basis.valid_on(day("07/6/2010")), "not issued yet");
        assert!(!q.basis.valid_on(day("24/9/2017")), "issued but not in force");
        assert!(q.basis.valid_on(day("25/9/2017")));
        let plain = good().validate(&topics()).unwrap();
        assert!(plain.basis.valid_on(day("08/6/2010")), "issued that day");
        let family = QuestionDraft { family: "tthc-nd63".into(), ..good() }.validate(&topics()).unwrap();
        assert_eq!(family.family.as_deref(), Some("tthc-nd63"));
        assert_eq!(family.to_draft().validate(&topics()).unwrap(), family);
    }

    #[test]
    fn legal_dates_must_exist() {
        assert_eq!(LegalDate::parse("29/02/2016").map(|d| d.to_string()), Some("29/02/2016".into()));
        assert_eq!(LegalDate::parse("29/2/2017"), None);
        assert_eq!(LegalDate::parse("8/6/10"), None);
        assert_eq!(LegalDate::parse("14/10/2015").map(|d| d.to_string()), Some("14/10/2015".into()));
    }
}
