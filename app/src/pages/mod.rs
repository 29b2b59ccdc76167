//! One module per page.

pub mod contestant;
mod home;
mod judge;
mod login;
mod not_found;
pub mod organizer;
mod register;
mod rules;
mod secretary;

pub use contestant::{AttemptPage, ContestantPage, ResultPage};
pub use home::HomePage;
pub use judge::JudgePage;
pub use login::LoginPage;
pub use not_found::NotFoundPage;
pub use register::RegisterPage;
pub use rules::RulesPage;
pub use secretary::SecretaryPage;
