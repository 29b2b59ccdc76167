//! The vocabulary pages and use cases share: what server functions send and receive, one type
//! per concept (serde; compiled for the server and the browser alike).

pub mod accounts;
pub mod audience;
pub mod auth;
pub mod contestant;
pub mod corrections;
pub mod live;
pub mod questions;
pub mod results;
pub mod roster;
pub mod rounds;
pub mod rules;
pub mod stage;
pub mod units;
