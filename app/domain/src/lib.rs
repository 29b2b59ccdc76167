//! HoiThi's domain: typed values parsed at the boundary and the contest rules.
//!
//! Everything here is pure (no IO, no database, no Leptos), so it runs on the server and in the
//! browser alike and is unit-tested in place.

pub mod account;
pub mod audience;
pub mod contest;
pub mod live;
pub mod question;
pub mod request;
pub mod results;
pub mod role;
pub mod sheet;
pub mod stage;
pub mod text;
pub mod throttle;
pub mod time;
pub mod unit;

pub use account::{Contact, FullName, Password, ValidationError};
pub use question::{Difficulty, Kind};
pub use role::Role;
pub use unit::{Headcount, UnitGroup, UnitName};
