//! Command line: `hoithi serve | migrate | backup | restore | export | demo | questions | routes | user add`.

use crate::{backup, bank, demo, export, startup, users};
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
        /// Take a backup this often while serving (SQLite), e.g. `15m`, `1h`.
        #[arg(long, env = "HOITHI_BACKUP_EVERY", value_parser = humantime::parse_duration)]
        backup_every: Option<std::time::Duration>,
        /// Where the rolling backups go.
        #[arg(long, env = "HOITHI_BACKUP_DIR", default_value = "backups")]
        backup_dir: std::path::PathBuf,
        /// How many rolling backups to keep (the oldest are removed).
        #[arg(long, env = "HOITHI_BACKUP_KEEP", default_value_t = 96, value_parser = clap::value_parser!(u32).range(1..))]
        backup_keep: u32,
    },
    /// Write a consistent snapshot of the database to FILE while the server keeps running (SQLite).
    Backup {
        /// The new backup file.
        file: std::path::PathBuf,
    },
    /// Write the whole contest (rounds, questions as used, attempts and answers, sheets, audit log,
    /// results) as .csv files and one .xlsx inside FILE.zip, for the records.
    Export {
        /// The new archive (.zip); an existing file is not overwritten.
        file: std::path::PathBuf,
    },
    /// Load a backup into the database (SQLite) after checking it; the server must be stopped.
    Restore {
        /// The backup file.
        file: std::path::PathBuf,
        /// Overwrite a database that already holds a contest.
        #[arg(long)]
        replace: bool,
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
        match &self.command {
            Command::Questions { command: bank::QuestionsCommand::Check { path, strict } } => {
                return bank::check(path.as_deref(), *strict);
            }
            Command::Questions { command: bank::QuestionsCommand::Stats { path } } => {
                return bank::stats(path.as_deref());
            }
            _ => {}
        }
        if let Command::Routes = &self.command {
            println!("{:#}", startup::route_list());
            return Ok(());
        }
        let url = self.database_url.unwrap_or_else(|| store::db::DEFAULT_URL.to_owned());
        if let Command::Restore { file, replace } = &self.command {
            backup::restore(&url, file, *replace).await?;
            println!("Restored {} into the database.", file.display());
            return Ok(());
        }
        let db = startup::open_database(&url).await?;
        match self.command {
            Command::Serve { addr, backup_every, backup_dir, backup_keep } => {
                if let Some(every) = backup_every {
                    tokio::spawn(backup::every(db.clone(), every, backup_dir, backup_keep as usize));
                }
                startup::serve(db, addr).await
            }
            Command::Backup { file } => {
                backup::backup(&db, &file).await?;
                println!("Backup written to {}.", file.display());
                Ok(())
            }
            Command::Export { file } => {
                let rows = export::export(&db, &file).await?;
                println!("Exported {rows} rows to {}.", file.display());
                Ok(())
            }
            Command::Restore { .. } => Ok(()),
            Command::Migrate => {
                println!("Database is up to date.");
                Ok(())
            }
            Command::Demo => demo::load(&db).await.context("loading the demo data failed"),
            Command::User { command: UserCommand::Add(args) } => users::add(&db, args).await,
            Command::Questions { command: bank::QuestionsCommand::Import { path } } => {
                bank::import(&db, path.as_deref()).await
            }
            Command::Questions {
                command: bank::QuestionsCommand::Check { .. } | bank::QuestionsCommand::Stats { .. },
            } => Ok(()),
            Command::Routes => Ok(()),
        }
    }
}
