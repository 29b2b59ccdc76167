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

/// Vietnamese name of a part's status.
pub fn status_label(status: &str) -> &'static str {
    match status {
        "locked" => "Đã khóa",
        "published" => "Đã công bố",
        _ => "Đang chấm",
    }
}

/// Vietnamese name of a sheet's status.
pub fn sheet_label(status: &str) -> &'static str {
    match status {
        "submitted" => "Đã nộp",
        "draft" => "Bản nháp",
        _ => "Chưa chấm",
    }
}
