//! Browser journeys in headless Chromium, one per role, on the hydrated app.

mod audience;
mod corrections;
mod foundation;
mod live;
mod questions;
mod quiz;
mod results;
mod security;
mod stage;
mod usability;
mod weight;
