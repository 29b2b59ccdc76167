//! Units (đơn vị) and their groups (khối).

use crate::{account::ValidationError, text};
use serde::{Deserialize, Serialize};
use std::{fmt, str::FromStr};

/// The group a unit competes in for collective prizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum UnitGroup {
    /// Khối sở, ban, ngành.
    Department,
    /// Khối huyện, thị xã, thành phố.
    District,
}

impl UnitGroup {
    pub const ALL: [UnitGroup; 2] = [UnitGroup::Department, UnitGroup::District];

    /// Stable key stored in the database and used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            UnitGroup::Department => "department",
            UnitGroup::District => "district",
        }
    }

    /// Vietnamese name shown to users.
    pub fn label(self) -> &'static str {
        match self {
            UnitGroup::Department => "Khối sở, ban, ngành",
            UnitGroup::District => "Khối huyện, thị xã, thành phố",
        }
    }

    /// The same name inside a sentence ("… trong khối sở, ban, ngành").
    pub fn label_in_sentence(self) -> &'static str {
        match self {
            UnitGroup::Department => "khối sở, ban, ngành",
            UnitGroup::District => "khối huyện, thị xã, thành phố",
        }
    }
}

impl fmt::Display for UnitGroup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for UnitGroup {
    type Err = ValidationError;

    /// Accepts the key or the Vietnamese label, with or without diacritics.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let folded = text::fold(s);
        UnitGroup::ALL
            .into_iter()
            .find(|g| g.as_str() == s || text::fold(g.label()) == folded)
            .ok_or(ValidationError::UnknownGroup)
    }
}

/// A unit's name: cleaned, 2 to 200 characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitName(String);

impl UnitName {
    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        let name = text::clean(input);
        match name.chars().count() {
            0 => Err(ValidationError::EmptyUnitName),
            1 | 201.. => Err(ValidationError::UnitNameLength),
            _ => Ok(Self(name)),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// Staff headcount (số biên chế) of a unit, the denominator of participation rates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Headcount(u32);

impl Headcount {
    pub const MAX: u32 = 1_000_000;

    pub fn new(value: i64) -> Result<Self, ValidationError> {
        u32::try_from(value).ok().filter(|v| *v <= Self::MAX).map(Self).ok_or(ValidationError::Headcount)
    }

    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        let digits: String = input.chars().filter(|c| !c.is_whitespace() && *c != '.').collect();
        digits.parse::<i64>().map_err(|_| ValidationError::Headcount).and_then(Self::new)
    }

    pub fn get(self) -> u32 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_parses_from_key_or_label_without_accents() {
        assert_eq!("district".parse(), Ok(UnitGroup::District));
        assert_eq!("Khối sở, ban, ngành".parse(), Ok(UnitGroup::Department));
        assert_eq!("khoi huyen, thi xa, thanh pho".parse(), Ok(UnitGroup::District));
        assert_eq!("khối xã".parse::<UnitGroup>(), Err(ValidationError::UnknownGroup));
    }

    #[test]
    fn the_group_name_inside_a_sentence_is_its_label_in_lower_case() {
        for group in [UnitGroup::Department, UnitGroup::District] {
            assert_eq!(group.label_in_sentence(), group.label().to_lowercase());
        }
    }

    #[test]
    fn unit_name_is_cleaned_and_bounded() {
        assert_eq!(UnitName::parse("  Sở   Nội vụ ").map(UnitName::into_inner), Ok("Sở Nội vụ".into()));
        assert_eq!(UnitName::parse("   "), Err(ValidationError::EmptyUnitName));
        assert_eq!(UnitName::parse(&"a".repeat(201)), Err(ValidationError::UnitNameLength));
    }

    #[test]
    fn headcount_accepts_thousands_separators_and_rejects_negatives() {
        assert_eq!(Headcount::parse("1.250").map(Headcount::get), Ok(1250));
        assert_eq!(Headcount::parse("0").map(Headcount::get), Ok(0));
        assert_eq!(Headcount::parse("-3"), Err(ValidationError::Headcount));
        assert_eq!(Headcount::parse("nhiều"), Err(ValidationError::Headcount));
    }
}
