//! Table models. The schema itself is owned by the migrations crate.

pub mod contest;
pub mod session;
pub mod unit;
pub mod user;
