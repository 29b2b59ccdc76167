//! The live knowledge round: setup, the host's controls, the team devices and the projector.

pub mod api;
mod host;
mod projector;
mod team;

pub use host::{LiveHostPage, LiveListPage};
pub use projector::LiveProjectorPage;
pub use team::TeamPage;

use domain::live::Phase;

/// What each phase is called on screen.
pub fn phase_label(p: Phase) -> &'static str {
    match p {
        Phase::Lobby => "Chờ bắt đầu",
        Phase::Showing => "Đang hiện câu hỏi",
        Phase::Open => "Đang tính giờ",
        Phase::Paused => "Tạm dừng",
        Phase::Locked => "Hết giờ",
        Phase::Revealed => "Công bố đáp án",
        Phase::Scoreboard => "Bảng điểm",
        Phase::Ended => "Đã kết thúc",
    }
}

/// "A", "B", … for option `i`.
pub fn letter(i: usize) -> String {
    domain::question::letter(i).to_string()
}
