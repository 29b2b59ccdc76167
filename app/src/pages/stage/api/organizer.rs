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
    /// Order of appearance on stage, once drawn or set.
    pub running_order: Option<i32>,
}

/// A recorded draw of the running order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderDraw {
    pub by: String,
    pub at_ms: i64,
    pub seed: u64,
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
    /// The last draw of the running order: who, when, and its seed (to repeat and check it).
    pub draw: Option<OrderDraw>,
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
                running_order: t.running_order,
            })
            .collect(),
        draw: store::results::get_setting(&db, ORDER_DRAW_KEY)
            .await
            .map_err(store_error)?
            .and_then(|raw| serde_json::from_str(&raw).ok()),
        parts,
        judges,
    })
}

/// Where the last draw of the running order is recorded.
#[cfg(feature = "ssr")]
const ORDER_DRAW_KEY: &str = "running_order_draw";

/// Sets the running order by hand: `order[TEAM_ID] = position` (blank: no number).
#[server(endpoint = "stage/order/save")]
pub async fn save_running_order(
    order: Option<std::collections::HashMap<String, String>>,
) -> Result<(), AppError> {
    use crate::ssr::{db, fail, require};
    let me = require(&[domain::Role::Organizer]).await?;
    let db = db()?;
    let teams = store::stage::teams(&db).await.map_err(ssr::stage_error)?;
    let mut positions = Vec::new();
    for (id, value) in order.unwrap_or_default() {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        let team_id: i32 = id.parse().map_err(|_| fail(AppError::invalid("Đội không hợp lệ.")))?;
        if !teams.iter().any(|(t, _)| t.id == team_id) {
            return Err(fail(AppError::invalid("Đội không hợp lệ.")));
        }
        let position: u32 = value.parse().map_err(|_| {
            fail(AppError::Invalid(
                domain::stage::order::OrderError::OutOfRange(teams.len() as u32).to_string(),
            ))
        })?;
        positions.push((team_id, position));
    }
    domain::stage::order::check(&positions.iter().map(|(_, p)| *p).collect::<Vec<_>>(), teams.len())
        .map_err(|e| fail(AppError::Invalid(e.to_string())))?;
    let order: Vec<(i32, i32)> = positions.into_iter().map(|(t, p)| (t, p as i32)).collect();
    store::stage::set_running_order(&db, &order).await.map_err(|e| ssr::stage_error(e.into()))?;
    tracing::info!(by = me.id, "running order set by hand");
    ssr::changed().await;
    Ok(())
}

/// Draws the running order at random from a fresh seed, which is recorded with who drew it.
#[server(endpoint = "stage/order/draw")]
pub async fn draw_running_order() -> Result<OrderDraw, AppError> {
    use crate::ssr::{db, require, store_error};
    let me = require(&[domain::Role::Organizer]).await?;
    let db = db()?;
    let teams = store::stage::teams(&db).await.map_err(ssr::stage_error)?;
    let seed = {
        use rand::RngCore;
        rand::rngs::OsRng.next_u64()
    };
    let ids: Vec<i32> = teams.iter().map(|(t, _)| t.id).collect();
    let order: Vec<(i32, i32)> = domain::stage::order::draw(&ids, seed).into_iter().zip(1..).collect();
    store::stage::set_running_order(&db, &order).await.map_err(|e| ssr::stage_error(e.into()))?;
    let draw = OrderDraw { by: me.full_name.clone(), at_ms: chrono::Utc::now().timestamp_millis(), seed };
    store::results::put_setting(&db, ORDER_DRAW_KEY, &serde_json::to_string(&draw).unwrap_or_default())
        .await
        .map_err(store_error)?;
    tracing::info!(by = me.id, seed, "running order drawn");
    ssr::changed().await;
    Ok(draw)
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
