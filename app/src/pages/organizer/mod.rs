//! The organizers' pages (Ban tổ chức).

mod accounts;
mod correction;
mod dashboard;
mod item_stats;
mod question_edit;
mod questions;
mod roster;
mod rounds;
mod rounds_api;
mod units;

pub use accounts::AccountsPage;
pub use correction::CorrectionPage;
pub use dashboard::DashboardPage;
pub use item_stats::ItemStatsPage;
pub use question_edit::QuestionPage;
pub use questions::{QUESTION_IMPORT_KEY, QuestionImportOutcome, QuestionsPage};
pub use roster::{ROSTER_RESULT_KEY, RosterOutcome, RosterPage};
pub use rounds::{RoundEditPage, RoundsPage};
pub use units::UnitsPage;

use leptos::prelude::*;
use leptos_router::hooks::use_location;

const TABS: &[(&str, &str)] = &[
    ("/ban-to-chuc", "Tổng quan"),
    ("/ban-to-chuc/don-vi", "Đơn vị"),
    ("/ban-to-chuc/tai-khoan", "Tài khoản"),
    ("/ban-to-chuc/cau-hoi", "Câu hỏi"),
    ("/ban-to-chuc/vong-thi", "Vòng thi"),
    ("/ban-to-chuc/san-khau", "Sân khấu"),
    ("/ban-to-chuc/truc-tiep", "Trực tiếp"),
    ("/ban-to-chuc/khan-gia", "Khán giả"),
    ("/ban-to-chuc/ket-qua", "Kết quả"),
    ("/ban-to-chuc/nhap-danh-sach", "Nhập danh sách"),
];

/// Tabs between the organizer pages.
#[component]
pub fn OrganizerNav() -> impl IntoView {
    let location = use_location();
    view! {
        <nav class="tabs" aria-label="Ban tổ chức">
            {TABS
                .iter()
                .map(|(href, label)| {
                    let current = move || (location.pathname.get() == *href).then_some("page");
                    view! { <a href=*href aria-current=current>{*label}</a> }
                })
                .collect_view()}
        </nav>
    }
}
