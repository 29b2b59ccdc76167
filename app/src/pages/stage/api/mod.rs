//! Server functions of the stage contest: teams, parts, sheets, reviews, timers, penalties.

mod audit;
mod judge;
mod organizer;
mod part;
mod secretary;

pub use crate::wire::stage::{STAGE_EVENTS_URL, STAGE_TOPIC};
pub use audit::*;
pub use judge::*;
pub use organizer::*;
pub use part::*;
pub use secretary::*;
