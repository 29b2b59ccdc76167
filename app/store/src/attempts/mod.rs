//! Attempts: starting (drawing a paper), saving answers, submitting, finishing at the deadline.
//!
//! The server's clock decides. An answer is stored only while its attempt is unfinished and on
//! time, checked in the same statement that stores it, so an answer the server acknowledged is
//! always counted and one it refused never is.

mod answers;
mod error;
mod finish;
mod paper;
mod start;
mod versions;

pub use answers::*;
pub use error::*;
pub use finish::*;
pub use paper::*;
pub use start::*;
pub use versions::*;
