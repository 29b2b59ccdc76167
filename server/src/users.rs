//! `hoithi user add`.

use anyhow::{Context, anyhow, bail};
use clap::Args;
use domain::{FullName, Password, Role};
use sea_orm::DatabaseConnection;
use std::io::BufRead;

#[derive(Debug, Args)]
pub struct AddUser {
    /// organizer, judge, secretary or contestant.
    #[arg(long)]
    role: Role,
    /// Sign-in name: an email, a phone number or a user name.
    #[arg(long)]
    login: String,
    /// Full name (họ và tên).
    #[arg(long)]
    name: String,
    /// Unit name (required for contestants; for judges, used for recusal).
    #[arg(long)]
    unit: Option<String>,
    /// Make this judge the head judge.
    #[arg(long)]
    head_judge: bool,
    /// Make this judge the reserve judge.
    #[arg(long)]
    reserve_judge: bool,
}

/// Creates the account; the password is the first line of standard input.
pub async fn add(db: &DatabaseConnection, args: AddUser) -> anyhow::Result<()> {
    let full_name = FullName::parse(&args.name).map_err(|e| anyhow!("--name: {e}"))?;
    if (args.head_judge || args.reserve_judge) && args.role != Role::Judge {
        bail!("--head-judge and --reserve-judge apply to judges only");
    }
    let unit_id = match &args.unit {
        Some(name) => {
            let units = store::units::list(db).await?;
            Some(
                store::units::find_by_name(&units, name)
                    .with_context(|| format!("unknown unit `{name}`"))?
                    .id,
            )
        }
        None if args.role == Role::Contestant => bail!("contestants need --unit"),
        None => None,
    };
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).context("reading the password from stdin")?;
    let password = Password::parse(line.trim_end_matches(['\r', '\n']).to_owned())
        .map_err(|e| anyhow!("password: {e}"))?;
    let password_hash = store::password::hash(&password).await?;
    let login = store::accounts::normalize_login(&args.login);
    let user = store::accounts::create(
        db,
        store::accounts::NewUser {
            login: login.clone(),
            full_name,
            role: args.role,
            unit_id,
            is_head_judge: args.head_judge,
            is_reserve_judge: args.reserve_judge,
            password_hash,
        },
    )
    .await
    .map_err(|e| match e {
        store::StoreError::Conflict(_) => anyhow!("an account with login `{login}` already exists"),
        other => anyhow!(other),
    })?;
    println!("Created {} account `{}` (id {}).", args.role, user.login, user.id);
    Ok(())
}
