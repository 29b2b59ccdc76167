//! Server functions of the results pages, the projector and the contestants' standing.

mod public;
mod rounds;
mod stage;

pub use crate::wire::results::*;
pub use public::*;
pub use rounds::*;
pub use stage::*;
