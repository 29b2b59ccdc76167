//! Leaderboards and prizes: unit standings with participation rates, prize allocation with ties,
//! and Vietnamese name order.

pub mod collation;
pub mod prizes;
pub mod units;
