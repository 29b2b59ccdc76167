//! The stage contest's pages: organizers' setup and progress, judges' sheets, the secretary's
//! timers, the audit log.

pub mod api;
mod audit;
mod judge;
mod organizer;
mod part;
mod secretary;

pub use audit::AuditPage;
pub use judge::{JudgePage, SheetPage};
pub use organizer::StagePage;
pub use part::StagePartPage;
pub use secretary::SecretaryPage;

pub use domain::stage::status::{PartStatus, SheetStatus, TimerState};
