//! HoiThi's persistence layer: sea-orm entities and plain query functions over
//! `&impl ConnectionTrait`, shared by the app's server functions and the `hoithi` CLI.

pub mod accounts;
pub mod attempts;
pub mod audience;
pub mod corrections;
pub mod db;
pub mod entity;
pub mod error;
pub mod events;
pub mod json;
pub mod limits;
pub mod live;
pub mod password;
pub mod questions;
pub mod results;
pub mod roster;
pub mod rounds;
pub mod session_store;
pub mod sheet;
pub mod stage;
pub mod units;

pub use db::{Database, connect};
pub use error::{Busy, StoreError, Taken};
pub use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, TransactionTrait};
