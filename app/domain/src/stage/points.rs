//! Points as exact integers: judges score in quarters (0.25), results are hundredths (0.01).
//! No binary floating point anywhere in the arithmetic.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A score in quarter points: `Quarters(71)` is 17.75.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
pub struct Quarters(pub u32);

/// A result in hundredths of a point, possibly negative (penalties): `Hundredths(1763)` is 17.63.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
pub struct Hundredths(pub i64);

/// Why a typed score was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PointsError {
    #[error("Điểm “{0}” không phải là số.")]
    NotANumber(String),
    #[error("Điểm phải từ 0 đến {max}.")]
    OutOfRange { max: String },
    #[error("Điểm phải theo bước {step} (ví dụ 7,25 hoặc 7,5).")]
    OffStep { step: String },
}

impl Quarters {
    /// Parses "7", "7.25" or "7,5" (Vietnamese decimal comma) into quarters, checking the maximum
    /// and the step (in quarters, e.g. 1 for 0.25, 2 for 0.5).
    pub fn parse(input: &str, max: Quarters, step: Quarters) -> Result<Self, PointsError> {
        let text = input.trim().replace(',', ".");
        let not_number = || PointsError::NotANumber(input.trim().to_owned());
        let (whole, frac) = text.split_once('.').unwrap_or((&text, ""));
        if whole.is_empty() && frac.is_empty()
            || !whole.chars().all(|c| c.is_ascii_digit())
            || !frac.chars().all(|c| c.is_ascii_digit())
        {
            return Err(not_number());
        }
        let whole: u64 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| not_number())? };
        // Hundredths of the typed value, exactly; more than two decimals can never be on a step.
        let frac_digits = frac.trim_end_matches('0');
        if frac_digits.len() > 2 {
            return Err(PointsError::OffStep { step: Hundredths::from(step).to_string() });
        }
        let frac_hundredths: u64 = format!("{frac_digits:0<2}").parse().map_err(|_| not_number())?;
        let hundredths =
            whole.checked_mul(100).and_then(|w| w.checked_add(frac_hundredths)).ok_or_else(not_number)?;
        if hundredths > u64::from(max.0) * 25 {
            return Err(PointsError::OutOfRange { max: Hundredths::from(max).to_string() });
        }
        let step_hundredths = u64::from(step.0.max(1)) * 25;
        if hundredths % step_hundredths != 0 {
            return Err(PointsError::OffStep { step: Hundredths::from(step).to_string() });
        }
        Ok(Quarters((hundredths / 25) as u32))
    }
}

impl From<Quarters> for Hundredths {
    fn from(q: Quarters) -> Self {
        Hundredths(i64::from(q.0) * 25)
    }
}

impl fmt::Display for Quarters {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Hundredths::from(*self).fmt(f)
    }
}

impl fmt::Display for Hundredths {
    /// Vietnamese style with a decimal comma and no trailing zeros: 17,63 · 20 · 7,5 · -0,5.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let (whole, frac) = (abs / 100, abs % 100);
        match frac {
            0 => write!(f, "{sign}{whole}"),
            f10 if f10 % 10 == 0 => write!(f, "{sign}{whole},{}", f10 / 10),
            _ => write!(f, "{sign}{whole},{frac:02}"),
        }
    }
}

impl std::ops::Add for Hundredths {
    type Output = Hundredths;
    fn add(self, rhs: Self) -> Self {
        Hundredths(self.0 + rhs.0)
    }
}

impl std::ops::Sub for Hundredths {
    type Output = Hundredths;
    fn sub(self, rhs: Self) -> Self {
        Hundredths(self.0 - rhs.0)
    }
}

impl std::iter::Sum for Hundredths {
    fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
        Hundredths(iter.map(|h| h.0).sum())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEN: Quarters = Quarters(40);
    const STEP: Quarters = Quarters(1);

    #[test]
    fn typed_scores_parse_on_the_step_within_the_maximum() {
        let cases: &[(&str, Result<u32, PointsError>)] = &[
            ("7", Ok(28)),
            ("7,25", Ok(29)),
            ("7.5", Ok(30)),
            (" 0 ", Ok(0)),
            ("10", Ok(40)),
            ("10.00", Ok(40)),
            ("7,3", Err(PointsError::OffStep { step: "0,25".into() })),
            ("7,125", Err(PointsError::OffStep { step: "0,25".into() })),
            ("10,25", Err(PointsError::OutOfRange { max: "10".into() })),
            ("-1", Err(PointsError::NotANumber("-1".into()))),
            ("bảy", Err(PointsError::NotANumber("bảy".into()))),
            ("", Err(PointsError::NotANumber("".into()))),
        ];
        for (input, expected) in cases {
            assert_eq!(Quarters::parse(input, TEN, STEP).map(|q| q.0), *expected, "{input:?}");
        }
        assert_eq!(
            Quarters::parse("7,25", TEN, Quarters(2)),
            Err(PointsError::OffStep { step: "0,5".into() })
        );
    }

    #[test]
    fn points_print_the_vietnamese_way() {
        for (h, s) in
            [(1763, "17,63"), (2000, "20"), (750, "7,5"), (-50, "-0,5"), (5, "0,05"), (-150, "-1,5")]
        {
            assert_eq!(Hundredths(h).to_string(), s);
        }
        assert_eq!(Quarters(71).to_string(), "17,75");
    }
}
