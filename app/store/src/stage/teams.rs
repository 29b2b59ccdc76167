//! Teams, their device accounts, the judging panel and who scores whom.

use super::*;
use crate::entity::{team, unit, user};
use domain::{
    Role,
    stage::panel::{self, expected_sheets},
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};
use std::collections::HashMap;

/// A team as stage pages show it: with its number in the running order, once there is one.
pub fn display_name(t: &team::Model) -> String {
    match t.running_order {
        Some(n) => format!("{n}. {}", t.name),
        None => t.name.clone(),
    }
}

/// Sets the running order: `(team id, position)`; teams not listed lose their number.
pub async fn set_running_order(db: &impl ConnectionTrait, order: &[(i32, i32)]) -> Result<()> {
    team::Entity::update_many()
        .col_expr(team::Column::RunningOrder, Option::<i32>::None.into())
        .exec(db)
        .await?;
    for (id, position) in order {
        team::Entity::update_many()
            .col_expr(team::Column::RunningOrder, Some(*position).into())
            .filter(team::Column::Id.eq(*id))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Teams in their running order (teams without a number after, by group and unit name).
pub async fn teams(db: &impl ConnectionTrait) -> Result<Vec<(team::Model, unit::Model)>> {
    let units: HashMap<i32, unit::Model> =
        unit::Entity::find().all(db).await?.into_iter().map(|u| (u.id, u)).collect();
    let mut out: Vec<(team::Model, unit::Model)> = team::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|t| Some((t.clone(), units.get(&t.unit_id)?.clone())))
        .collect();
    out.sort_by(|a, b| {
        let order = |t: &team::Model| t.running_order.unwrap_or(i32::MAX);
        order(&a.0).cmp(&order(&b.0)).then(a.1.group_key.cmp(&b.1.group_key)).then(a.1.name.cmp(&b.1.name))
    });
    Ok(out)
}

/// Creates a team for every unit that has none; returns how many.
pub async fn ensure_teams(db: &impl ConnectionTrait) -> Result<usize> {
    let have: Vec<i32> = team::Entity::find().all(db).await?.into_iter().map(|t| t.unit_id).collect();
    let mut created = 0;
    for u in unit::Entity::find().all(db).await? {
        if !have.contains(&u.id) {
            team::ActiveModel {
                unit_id: Set(u.id),
                name: Set(format!("Đội {}", u.name)),
                members: Set(crate::json::Json(Vec::new())),
                reserve: Set(String::new()),
                account_user_id: Set(None),
                running_order: Set(None),
                ..Default::default()
            }
            .insert(db)
            .await?;
            created += 1;
        }
    }
    Ok(created)
}

pub async fn update_team(
    db: &impl ConnectionTrait,
    id: i32,
    name: &str,
    members: &[String],
    reserve: &str,
) -> Result<()> {
    let found = team::Entity::find_by_id(id).one(db).await?.ok_or(StageError::NotFound)?;
    let mut row: team::ActiveModel = found.into();
    row.name = Set(name.to_owned());
    row.members = Set(crate::json::Json(members.to_vec()));
    row.reserve = Set(reserve.to_owned());
    row.update(db).await?;
    Ok(())
}

/// Links a team to the account its device signs in with.
pub async fn set_team_account(db: &impl ConnectionTrait, team_id: i32, user_id: i32) -> Result<()> {
    team::Entity::update_many()
        .col_expr(team::Column::AccountUserId, Some(user_id).into())
        .filter(team::Column::Id.eq(team_id))
        .exec(db)
        .await?;
    Ok(())
}

/// The team whose device signs in as `user_id`.
pub async fn team_of_account(db: &impl ConnectionTrait, user_id: i32) -> Result<Option<team::Model>> {
    Ok(team::Entity::find().filter(team::Column::AccountUserId.eq(user_id)).one(db).await?)
}

/// The judges (scoring and reserve).
pub async fn judges(db: &impl ConnectionTrait) -> Result<Vec<user::Model>> {
    Ok(user::Entity::find()
        .filter(user::Column::Role.eq(Role::Judge.as_str()))
        .filter(user::Column::Disabled.eq(false))
        .order_by_asc(user::Column::IsReserveJudge)
        .order_by_desc(user::Column::IsHeadJudge)
        .order_by_asc(user::Column::FullName)
        .all(db)
        .await?)
}

/// Every (judge, team) sheet the parts expect.
pub async fn assignments(db: &impl ConnectionTrait) -> Result<Vec<(i32, i32)>> {
    let (judges, teams) = panel_and_teams(db).await?;
    Ok(expected_sheets(&judges, &teams).into_iter().map(|(j, t)| (j as i32, t as i32)).collect())
}

/// Teams a judge stands down from with no reserve in their place (scored by the plain mean).
pub async fn uncovered_recusals(db: &impl ConnectionTrait) -> Result<Vec<i32>> {
    let (judges, teams) = panel_and_teams(db).await?;
    Ok(teams.iter().filter(|t| panel::recusal_uncovered(&judges, t)).map(|t| t.id as i32).collect())
}

async fn panel_and_teams(db: &impl ConnectionTrait) -> Result<(Vec<panel::Judge>, Vec<panel::Team>)> {
    let judges: Vec<panel::Judge> = judges(db)
        .await?
        .iter()
        .map(|j| panel::Judge {
            id: i64::from(j.id),
            unit_id: j.unit_id.map(i64::from),
            reserve: j.is_reserve_judge,
        })
        .collect();
    let teams: Vec<panel::Team> = team::Entity::find()
        .all(db)
        .await?
        .iter()
        .map(|t| panel::Team { id: i64::from(t.id), unit_id: i64::from(t.unit_id) })
        .collect();
    Ok((judges, teams))
}

/// Whether `judge` may score `team` (and, if not, why).
pub async fn check_assigned(db: &impl ConnectionTrait, judge: &user::Model, team_id: i32) -> Result<()> {
    if assignments(db).await?.contains(&(judge.id, team_id)) {
        return Ok(());
    }
    let team = team::Entity::find_by_id(team_id).one(db).await?.ok_or(StageError::NotFound)?;
    if judge.unit_id == Some(team.unit_id) { Err(StageError::Recused) } else { Err(StageError::NotAssigned) }
}
