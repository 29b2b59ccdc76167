//! Server functions of the results pages, the projector and the contestants' standing.

mod public;
mod rounds;
#[cfg(feature = "ssr")]
pub mod ssr;
mod stage;
mod types;

pub use public::*;
pub use rounds::*;
pub use stage::*;
pub use types::*;
