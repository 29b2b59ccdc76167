//! Results: the organizers' hub, round and stage boards, print views and the projector.

pub mod api;
mod boards;
mod certificates;
mod hub;
mod print;
mod projector;

pub use boards::{AllRoundsPage, RoundResultsPage, StageResultsPage};
pub use certificates::{CertificatesPage, print};
pub use hub::ResultsHubPage;
pub use print::{PrintRoundPage, PrintStagePage};
pub use projector::ProjectorPage;

use domain::results::prizes::Prize;

/// The label of a prize, or nothing.
pub fn prize_label(p: Option<Prize>) -> &'static str {
    p.map_or("", Prize::label)
}
