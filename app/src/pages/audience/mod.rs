//! The audience of the final: the phone page (vote and audience questions, no account), the vote
//! projector with its QR code, the organizers' desk and the printable ticket codes.

pub mod api;
mod desk;
mod phone;
mod projector;
mod tickets;

pub use desk::AudienceDeskPage;
pub use phone::AudiencePage;
pub use projector::AudienceProjectorPage;
pub use tickets::TicketsPage;

/// The phone page's address (what the QR code holds).
pub const PHONE_PATH: &str = "/binh-chon";
