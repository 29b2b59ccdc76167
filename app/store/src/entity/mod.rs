//! Table models. The schema itself is owned by the migrations crate.

pub mod answer;
pub mod attempt;
pub mod attempt_question;
pub mod contest;
pub mod correction;
pub mod divergence_review;
pub mod judge_sheet;
pub mod penalty;
pub mod question;
pub mod question_version;
pub mod round;
pub mod round_best;
pub mod round_unit_stat;
pub mod score_audit;
pub mod session;
pub mod setting;
pub mod sign_in_try;
pub mod stage_part;
pub mod stage_timer;
pub mod team;
pub mod topic;
pub mod unit;
pub mod user;
