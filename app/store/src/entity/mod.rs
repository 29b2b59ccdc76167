//! Table models. The schema itself is owned by the migrations crate.

pub mod answer;
pub mod attempt;
pub mod attempt_question;
pub mod contest;
pub mod question;
pub mod question_version;
pub mod round;
pub mod session;
pub mod topic;
pub mod unit;
pub mod user;
