//! One module per page.

pub mod contestant;
mod home;
mod login;
mod not_found;
pub mod organizer;
mod register;
mod rules;
pub mod stage;

pub use contestant::{AttemptPage, ContestantPage, ResultPage};
pub use home::HomePage;
pub use login::LoginPage;
pub use not_found::NotFoundPage;
pub use register::RegisterPage;
pub use rules::RulesPage;
pub use stage::{AuditPage, JudgePage, SecretaryPage, SheetPage, StagePage, StagePartPage};
