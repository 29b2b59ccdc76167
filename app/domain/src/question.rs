//! The vocabulary of questions: difficulty and kind.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How hard a question is (mức độ).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "orm",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "String(sea_orm::sea_query::StringLen::None)")
)]
pub enum Difficulty {
    #[cfg_attr(feature = "orm", sea_orm(string_value = "easy"))]
    Easy,
    #[cfg_attr(feature = "orm", sea_orm(string_value = "medium"))]
    Medium,
    #[cfg_attr(feature = "orm", sea_orm(string_value = "hard"))]
    Hard,
}

impl Difficulty {
    pub const ALL: [Difficulty; 3] = [Difficulty::Easy, Difficulty::Medium, Difficulty::Hard];

    /// Stable key stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Difficulty::Easy => "easy",
            Difficulty::Medium => "medium",
            Difficulty::Hard => "hard",
        }
    }

    /// The Vietnamese word, as written in bank files and shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Difficulty::Easy => "dễ",
            Difficulty::Medium => "trung bình",
            Difficulty::Hard => "khó",
        }
    }

    /// Parses the key or the Vietnamese word (with or without diacritics, any case).
    pub fn parse(input: &str) -> Option<Self> {
        let folded = crate::text::fold(input);
        Self::ALL.into_iter().find(|d| d.as_str() == input || crate::text::fold(d.label()) == folded)
    }
}

impl fmt::Display for Difficulty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// How a question is answered (loại câu hỏi).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "orm",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "String(sea_orm::sea_query::StringLen::None)")
)]
pub enum Kind {
    /// Một đáp án: exactly one correct option.
    #[cfg_attr(feature = "orm", sea_orm(string_value = "single"))]
    Single,
    /// Nhiều đáp án: two or more correct options; all must be chosen, and nothing else.
    #[cfg_attr(feature = "orm", sea_orm(string_value = "multiple"))]
    Multiple,
    /// Đúng sai: the options are "Đúng" and "Sai".
    #[cfg_attr(feature = "orm", sea_orm(string_value = "true_false"))]
    TrueFalse,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Single, Kind::Multiple, Kind::TrueFalse];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Single => "single",
            Kind::Multiple => "multiple",
            Kind::TrueFalse => "true_false",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::Single => "một đáp án",
            Kind::Multiple => "nhiều đáp án",
            Kind::TrueFalse => "đúng sai",
        }
    }

    /// Parses the key or the Vietnamese words ("đúng/sai" and "đúng sai" both work).
    pub fn parse(input: &str) -> Option<Self> {
        let folded = crate::text::fold(&input.replace('/', " "));
        Self::ALL.into_iter().find(|k| k.as_str() == input || crate::text::fold(k.label()) == folded)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The options of a true/false question, in this order.
pub const TRUE_FALSE_OPTIONS: [&str; 2] = ["Đúng", "Sai"];

/// "A".."F" for option 0..5.
pub fn letter(index: usize) -> char {
    char::from(b'A' + u8::try_from(index.min(25)).unwrap_or(0))
}

/// A question in the organizers' list of the bank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionRow {
    pub code: String,
    pub topic: String,
    pub difficulty: Difficulty,
    pub kind: Kind,
    pub text: String,
    pub retired: bool,
    pub version: i32,
}

/// A date written day/month/year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct LegalDate {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl LegalDate {
    /// Parses `d/m/yyyy` (leading zeros optional) into a real calendar date.
    pub fn parse(input: &str) -> Option<Self> {
        let mut parts = input.trim().split('/');
        let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some()
            || y.len() != 4
            || d.is_empty()
            || d.len() > 2
            || m.is_empty()
            || m.len() > 2
        {
            return None;
        }
        let (day, month, year): (u8, u8, u16) = (d.parse().ok()?, m.parse().ok()?, y.parse().ok()?);
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1900..=2100).contains(&year).then_some(())?;
        (1..=days).contains(&day).then_some(Self { year, month, day })
    }
}

impl std::fmt::Display for LegalDate {
    /// Vietnamese style: day with two digits, month as written in legal documents (08/6/2010).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.month < 3 {
            write!(f, "{:02}/{:02}/{}", self.day, self.month, self.year)
        } else {
            write!(f, "{:02}/{}/{}", self.day, self.month, self.year)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn difficulty_and_kind_parse_from_vietnamese_words() {
        assert_eq!(Difficulty::parse("dễ"), Some(Difficulty::Easy));
        assert_eq!(Difficulty::parse("Trung bình"), Some(Difficulty::Medium));
        assert_eq!(Difficulty::parse("kho"), Some(Difficulty::Hard));
        assert_eq!(Difficulty::parse("rất khó"), None);
        assert_eq!(Kind::parse("một đáp án"), Some(Kind::Single));
        assert_eq!(Kind::parse("Nhiều đáp án"), Some(Kind::Multiple));
        assert_eq!(Kind::parse("đúng/sai"), Some(Kind::TrueFalse));
        assert_eq!(Kind::parse("tự luận"), None);
    }

    #[test]
    fn letters_name_options_in_order() {
        assert_eq!((0..6).map(letter).collect::<String>(), "ABCDEF");
    }
}
