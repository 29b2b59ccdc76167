//! Command line: `hoithi serve | migrate | demo | user add`.

use crate::{bank, demo, startup, users};
use anyhow::Context;
use clap::{Parser, Subcommand};
use std::net::SocketAddr;

/// HoiThi: the administrative-reform knowledge contest of Bình Định.
#[derive(Debug, Parser)]
#[command(name = "hoithi", version, about)]
pub struct Cli {
    /// Database URL: `sqlite://path?mode=rwc` or `postgres://user@host/db`.
    /// Unset means the SQLite file `hoithi.db` in the working directory.
    #[arg(long, env = "DATABASE_URL", global = true, hide_env_values = true)]
    database_url: Option<String>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Migrate the database and serve the app.
    Serve {
        /// Address to listen on.
        #[arg(long, env = "HOITHI_ADDR", default_value = "127.0.0.1:3000")]
        addr: SocketAddr,
    },
    /// Apply pending database migrations.
    Migrate,
    /// Load the demo contest: units, organizers, judges and contestants. Safe to run twice.
    Demo,
    /// Check or import the question bank files.
    Questions {
        #[command(subcommand)]
        command: bank::QuestionsCommand,
    },
    /// Print every server function, plain route and page as JSON (for tests and audits).
    Routes,
    /// Manage accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
}

#[derive(Debug, Subcommand)]
enum UserCommand {
    /// Create an account; the password is read from standard input.
    Add(users::AddUser),
}

impl Cli {
    pub async fn run(self) -> anyhow::Result<()> {
        if let Command::Questions { command: bank::QuestionsCommand::Check { path } } = &self.command {
            return bank::check(path.as_deref());
        }
        if let Command::Routes = &self.command {
            println!("{:#}", startup::route_list());
            return Ok(());
        }
        let url = self.database_url.unwrap_or_else(|| store::db::DEFAULT_URL.to_owned());
        let db = startup::open_database(&url).await?;
        match self.command {
            Command::Serve { addr } => startup::serve(db, addr).await,
            Command::Migrate => {
                println!("Database is up to date.");
                Ok(())
            }
            Command::Demo => demo::load(&db).await.context("loading the demo data failed"),
            Command::User { command: UserCommand::Add(args) } => users::add(&db, args).await,
            Command::Questions { command: bank::QuestionsCommand::Import { path } } => {
                bank::import(&db, path.as_deref()).await
            }
            Command::Questions { command: bank::QuestionsCommand::Check { path } } => {
                bank::check(path.as_deref())
            }
            Command::Routes => Ok(()),
        }
    }
}
