//! Server functions of the stage contest: teams, parts, sheets, reviews, timers, penalties.

mod audit;
mod judge;
mod organizer;
mod part;
mod secretary;
#[cfg(feature = "ssr")]
pub(crate) mod ssr;

pub use audit::*;
pub use judge::*;
pub use organizer::*;
pub use part::*;
pub use secretary::*;

/// The event topic of every change to the stage contest.
pub const STAGE_TOPIC: &str = "stage";

/// Where stage pages listen for changes.
pub const STAGE_EVENTS_URL: &str = "/su-kien/san-khau";
