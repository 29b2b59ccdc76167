//! `hoithi`: serves the contest app and administers its data from the command line.

mod assets;
mod backup;
mod bank;
mod cli;
mod demo;
mod export;
mod observe;
mod routes;
mod security;
mod startup;
mod users;

use clap::Parser;
use std::process::ExitCode;

/// mimalloc instead of the system allocator: glibc keeps freed memory in per-thread arenas
/// (argon2's 19 MiB buffers, request buffers of many threads), so a server held several times the
/// memory it used; measured in BENCHMARKS.md.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    observe::init_tracing();
    match cli.run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // One clear line; the chain of causes is joined, never a backtrace.
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
