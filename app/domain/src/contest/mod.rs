//! The contest's rules as pure functions: drawing papers, scoring attempts, ranking contestants.

pub mod correction;
pub mod draw;
pub mod items;
pub mod paper;
pub mod ranking;
pub mod round;
pub mod scoring;
