//! `hoithi questions check|stats|import`: the question bank files on disk.

use anyhow::{Context, bail};
use clap::Subcommand;
use questions::{Bank, SourceFile, check_bank};
use sea_orm::DatabaseConnection;
use std::path::{Path, PathBuf};

const DEFAULT_DIR: &str = "questions/bank";

#[derive(Debug, Subcommand)]
pub enum QuestionsCommand {
    /// Check bank files; print every problem and warning as `path:line: message`, exit non-zero
    /// if there is a problem (or, with --strict, a warning).
    Check {
        /// A bank directory (with topics.toml), its parent, or one topic file. Default: questions/bank.
        path: Option<PathBuf>,
        /// Fail on warnings too (give-away options, near-duplicate questions without a family).
        #[arg(long)]
        strict: bool,
    },
    /// Check, then print counts per topic and difficulty, kinds, families, citations and dates.
    Stats {
        /// As for `check`.
        path: Option<PathBuf>,
    },
    /// Check, then import into the database: all or nothing; changed questions get a new version.
    Import {
        /// As for `check`.
        path: Option<PathBuf>,
    },
}

/// Finds the bank directory and the topic files to read for `path`.
fn locate(path: Option<&Path>) -> anyhow::Result<(PathBuf, Vec<PathBuf>)> {
    let path = path.unwrap_or(Path::new(DEFAULT_DIR));
    if path.is_file() {
        let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
        return Ok((dir, vec![path.to_path_buf()]));
    }
    let dir = if path.join("topics.toml").is_file() { path.to_path_buf() } else { path.join("bank") };
    if !dir.join("topics.toml").is_file() {
        bail!("no question bank at {} (expected topics.toml there or in bank/)", path.display());
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|e| e == "toml") && p.file_name().is_some_and(|n| n != "topics.toml")
        })
        .collect();
    files.sort();
    Ok((dir, files))
}

fn read(path: &Path) -> anyhow::Result<SourceFile> {
    let contents = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(SourceFile { path: path.display().to_string(), contents })
}

/// Reads and checks the bank; prints problems to stderr.
fn load(path: Option<&Path>) -> anyhow::Result<Bank> {
    let (dir, files) = locate(path)?;
    let topics = read(&dir.join("topics.toml"))?;
    let files = files.iter().map(|f| read(f)).collect::<anyhow::Result<Vec<_>>>()?;
    match check_bank(&topics, &files) {
        Ok(bank) => Ok(bank),
        Err(problems) => {
            for p in &problems {
                eprintln!("{p}");
            }
            bail!("{} problem(s) in the question bank; nothing was imported", problems.len())
        }
    }
}

/// Runs `check` (no database needed).
pub fn check(path: Option<&Path>, strict: bool) -> anyhow::Result<()> {
    let bank =
        load(path).map_err(|e| anyhow::anyhow!(e.to_string().replace("; nothing was imported", "")))?;
    for w in &bank.warnings {
        eprintln!("{w}");
    }
    let warnings = bank.warnings.len();
    println!(
        "{} questions in {} topics: no problems, {warnings} warning(s).",
        bank.questions.len(),
        bank.topics.len()
    );
    if strict && warnings > 0 {
        bail!("{warnings} warning(s) in the question bank (--strict)");
    }
    Ok(())
}

/// Runs `stats` (no database needed).
pub fn stats(path: Option<&Path>) -> anyhow::Result<()> {
    let bank =
        load(path).map_err(|e| anyhow::anyhow!(e.to_string().replace("; nothing was imported", "")))?;
    print!("{}", questions::stats::Stats::of(&bank));
    Ok(())
}

/// Runs `import`.
pub async fn import(db: &DatabaseConnection, path: Option<&Path>) -> anyhow::Result<()> {
    let bank = load(path)?;
    import_bank(db, &bank).await
}

/// Imports a checked bank with a progress bar.
pub async fn import_bank(db: &DatabaseConnection, bank: &Bank) -> anyhow::Result<()> {
    let bar = indicatif::ProgressBar::new(bank.questions.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("importing questions {bar:40} {pos}/{len}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let summary = store::questions::import(db, Some(&bank.topics), &bank.questions, None, &|n| {
        bar.set_position(n as u64)
    })
    .await
    .context("importing the question bank failed; nothing was changed")?;
    bar.finish_and_clear();
    println!(
        "Question bank: {} new, {} updated (new version), {} unchanged.",
        summary.created, summary.updated, summary.unchanged
    );
    Ok(())
}

/// The bank embedded in the binary.
pub fn shipped() -> anyhow::Result<Bank> {
    let (topics, files) = questions::shipped::files();
    check_bank(&topics, &files).map_err(|problems| {
        anyhow::anyhow!(
            "the shipped question bank is invalid: {}",
            problems.first().map(ToString::to_string).unwrap_or_default()
        )
    })
}
