//! Building blocks shared by pages.

pub mod charts;
pub mod forms;
pub mod layout;
pub mod live_events;
pub mod outcome;
pub mod role_page;
