//! One module per page.

mod contestant;
mod home;
mod judge;
mod login;
mod not_found;
pub mod organizer;
mod register;
mod secretary;

pub use contestant::ContestantPage;
pub use home::HomePage;
pub use judge::JudgePage;
pub use login::LoginPage;
pub use not_found::NotFoundPage;
pub use register::RegisterPage;
pub use secretary::SecretaryPage;
