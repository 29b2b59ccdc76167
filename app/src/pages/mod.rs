//! One module per page.

pub mod audience;
pub mod contestant;
mod home;
pub mod live;
mod login;
mod not_found;
pub mod organizer;
mod register;
pub mod results;
mod rules;
pub mod stage;

pub use audience::{AudienceDeskPage, AudiencePage, AudienceProjectorPage, TicketsPage};
pub use contestant::{AttemptPage, ContestantPage, ResultPage};
pub use home::HomePage;
pub use live::{LiveHostPage, LiveListPage, LiveProjectorPage, TeamPage};
pub use login::LoginPage;
pub use not_found::NotFoundPage;
pub use register::RegisterPage;
pub use results::{
    AllRoundsPage, CertificatesPage, PrintRoundPage, PrintStagePage, ProjectorPage, ResultsHubPage,
    RoundResultsPage, StageResultsPage,
};
pub use rules::RulesPage;
pub use stage::{AuditPage, JudgePage, SecretaryPage, SheetPage, StagePage, StagePartPage};
