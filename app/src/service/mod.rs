//! The use cases, one function each: they take a typed caller (so the role is checked before
//! they run), validate their input, and do their work through the store, in one transaction
//! where they write. Server functions, plain routes and no-JavaScript forms are thin adapters
//! over them; nothing here knows about pages or HTTP responses.

pub mod accounts;
pub mod attempts;
pub mod audience;
pub mod auth;
pub mod caller;
pub mod callers;
pub mod corrections;
pub mod errors;
pub mod live;
pub mod questions;
pub mod request;
pub mod results;
pub mod roster;
pub mod rounds;
pub mod rules;
pub mod stage;
pub mod units;
