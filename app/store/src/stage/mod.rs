//! The stage contest in the database: parts and rubrics, teams, the judging panel, sheets,
//! divergence reviews, penalties, timers and the audit log.

mod audit;
mod error;
mod parts;
mod results;
mod sheets;
mod teams;
mod timers;

pub use audit::*;
pub use error::*;
pub use parts::*;
pub use results::*;
pub use sheets::*;
pub use teams::*;
pub use timers::*;
