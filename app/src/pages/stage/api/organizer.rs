//! Organizers' server functions for teams: the stage overview, creating teams and their devices.

use crate::error::AppError;
use domain::stage::rubric::PartRules;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use super::ssr;

/// A team as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamRow {
    pub id: i32,
    pub unit: String,
    pub name: String,
    pub members: Vec<String>,
    pub reserve: String,
    pub has_device: bool,
}

/// A part with its progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartRow {
    pub id: i32,
    pub rules: PartRules,
    pub status: String,
    pub submitted: usize,
    pub expected: usize,
    pub unreviewed: usize,
}

/// Everything of the organizers' stage page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageOverview {
    pub teams: Vec<TeamRow>,
    pub parts: Vec<PartRow>,
    pub judges: Vec<(String, Option<String>, bool, bool)>,
}

#[cfg(feature = "ssr")]
pub(super) async fn part_row(
    db: &sea_orm::DatabaseConnection,
    part: &store::stage::Part,
) -> Result<PartRow, AppError> {
    let results = store::stage::results(db, part).await.map_err(ssr::stage_error)?;
    Ok(PartRow {
        id: part.id,
        rules: part.rules.clone(),
        status: ssr::status_label(part.status),
        submitted: results.iter().map(|r| r.totals.len()).sum(),
        expected: results.iter().map(|r| r.expected).sum(),
        unreviewed: results.iter().filter(|r| r.divergent && !r.reviewed).count(),
    })
}

#[server(endpoint = "stage/overview")]
pub async fn get_stage_overview() -> Result<StageOverview, AppError> {
    use crate::ssr::{db, require, store_error};
    require(&[domain::Role::Organizer]).await?;
    let db = db()?;
    let teams = store::stage::teams(&db).await.map_err(ssr::stage_error)?;
    let mut parts = Vec::new();
    for p in store::stage::parts(&db).await.map_err(ssr::stage_error)? {
        parts.push(part_row(&db, &p).await?);
    }
    let units = store::units::list(&db).await.map_err(store_error)?;
    let judges = store::stage::judges(&db)
        .await
        .map_err(ssr::stage_error)?
        .into_iter()
        .map(|j| {
            let unit = j.unit_id.and_then(|id| units.iter().find(|u| u.id == id)).map(|u| u.name.clone());
            (j.full_name, unit, j.is_head_judge, j.is_reserve_judge)
        })
        .collect();
    Ok(StageOverview {
        teams: teams
            .into_iter()
            .map(|(t, u)| TeamRow {
                id: t.id,
                unit: u.name,
                name: t.name,
                members: serde_json::from_str(&t.members).unwrap_or_default(),
                reserve: t.reserve,
                has_device: t.account_user_id.is_some(),
            })
            .collect(),
        parts,
        judges,
    })
}

/// Creates a team for every unit that has none.
#[server(endpoint = "stage/teams/create")]
pub async fn create_teams() -> Result<usize, AppError> {
    use crate::ssr::{db, require};
    require(&[domain::Role::Organizer]).await?;
    store::stage::ensure_teams(&db()?).await.map_err(ssr::stage_error)
}

/// Gives every team without one a device account for the live round; returns (team, login,
/// password) for the new ones, shown once.
#[server(endpoint = "stage/team-accounts")]
pub async fn create_team_accounts() -> Result<Vec<(String, String, String)>, AppError> {
    use crate::ssr::{db, fail, require, store_error};
    let by = require(&[domain::Role::Organizer]).await?;
    let db = db()?;
    let mut created = Vec::new();
    for (team, unit) in store::stage::teams(&db).await.map_err(ssr::stage_error)? {
        if team.account_user_id.is_some() {
            continue;
        }
        let login = format!("doi{:02}", team.id);
        let password = store::roster::generate_password();
        let secret = domain::Password::parse(password.clone()).map_err(|e| fail(e.into()))?;
        let hash = store::password::hash(&secret).await.map_err(store_error)?;
        let name = domain::FullName::parse(&format!("Đội {}", unit.name))
            .or_else(|_| domain::FullName::parse("Đội thi"))
            .map_err(|e| fail(e.into()))?;
        let user = store::accounts::create(
            &db,
            store::accounts::NewUser {
                login: login.clone(),
                full_name: name,
                role: domain::Role::Team,
                unit_id: Some(unit.id),
                is_head_judge: false,
                is_reserve_judge: false,
                password_hash: hash,
            },
        )
        .await
        .map_err(store_error)?;
        store::stage::set_team_account(&db, team.id, user.id).await.map_err(ssr::stage_error)?;
        created.push((team.name, login, password));
    }
    tracing::info!(by = by.id, created = created.len(), "team device accounts created");
    Ok(created)
}

/// Updates a team: name, official members (one per line, at most 5) and the reserve.
#[server(endpoint = "stage/team/save")]
pub async fn save_team(id: i32, name: String, members: String, reserve: String) -> Result<(), AppError> {
    use crate::ssr::{db, fail, require};
    require(&[domain::Role::Organizer]).await?;
    let name = domain::text::clean(&name);
    if name.is_empty() {
        return Err(fail(AppError::invalid("Tên đội không được để trống.")));
    }
    let members: Vec<String> = members.lines().map(domain::text::clean).filter(|m| !m.is_empty()).collect();
    if members.len() > 5 {
        return Err(fail(AppError::invalid("Đội thi có tối đa 5 thành viên chính thức (và 1 dự bị).")));
    }
    store::stage::update_team(&db()?, id, &name, &members, &domain::text::clean(&reserve))
        .await
        .map_err(ssr::stage_error)
}
