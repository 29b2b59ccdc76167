//! `hoithi`: serves the contest app and administers its data from the command line.

mod assets;
mod bank;
mod cli;
mod demo;
mod routes;
mod security;
mod startup;
mod users;

use clap::Parser;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    startup::init_tracing();
    match cli.run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // One clear line; the chain of causes is joined, never a backtrace.
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
