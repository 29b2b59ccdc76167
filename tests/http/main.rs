//! Black-box HTTP tests: each starts the real `hoithi` on a fresh database.

mod abuse;
mod accounts;
mod assets;
mod audience;
mod awards;
mod backup;
mod cli;
mod corrections;
mod hardening;
mod live;
mod questions;
mod results;
mod roster;
mod rounds;
mod service;
mod stage;
