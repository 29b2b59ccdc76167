//! The stage contest's rules: rubrics and points in exact quarters, aggregation of judges'
//! totals (mean or trimmed mean, rounded half up to hundredths), time penalties, divergence and
//! the team ranking with its tie-breaks.

pub mod aggregate;
pub mod order;
pub mod panel;
pub mod penalty;
pub mod points;
pub mod rubric;
pub mod standings;
pub mod status;

pub use points::{Hundredths, Quarters};
