//! Units (đơn vị): the agencies whose staff compete.

use crate::{
    entity::{unit, user},
    error::{Result, StoreError},
};
use domain::{Headcount, Role, UnitGroup, UnitName, text};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashMap;

/// A unit's editable fields, already validated.
pub struct UnitInput {
    pub name: UnitName,
    pub group: UnitGroup,
    pub headcount: Headcount,
}

/// A unit with the number of contestant accounts it has.
#[derive(Debug, Clone)]
pub struct UnitRow {
    pub unit: unit::Model,
    pub contestants: u64,
}

/// All units, by group then name.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<unit::Model>> {
    Ok(unit::Entity::find()
        .order_by_asc(unit::Column::GroupKey)
        .order_by_asc(unit::Column::Name)
        .all(db)
        .await?)
}

/// All units with their contestant counts.
pub async fn list_with_counts(db: &impl ConnectionTrait) -> Result<Vec<UnitRow>> {
    let units = list(db).await?;
    let counts: Vec<(Option<i32>, i64)> = user::Entity::find()
        .select_only()
        .column(user::Column::UnitId)
        .column_as(user::Column::Id.count(), "n")
        .filter(user::Column::Role.eq(Role::Contestant.as_str()))
        .group_by(user::Column::UnitId)
        .into_tuple()
        .all(db)
        .await?;
    let counts: HashMap<i32, u64> =
        counts.into_iter().filter_map(|(id, n)| Some((id?, u64::try_from(n).unwrap_or(0)))).collect();
    Ok(units
        .into_iter()
        .map(|unit| UnitRow { contestants: counts.get(&unit.id).copied().unwrap_or(0), unit })
        .collect())
}

pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<Option<unit::Model>> {
    Ok(unit::Entity::find_by_id(id).one(db).await?)
}

/// Looks a unit up by name, ignoring case, spacing and diacritics, so a roster typed as
/// "so noi vu" still finds "Sở Nội vụ".
pub fn find_by_name<'a>(units: &'a [unit::Model], name: &str) -> Option<&'a unit::Model> {
    let wanted = text::fold(name);
    units.iter().find(|u| text::fold(&u.name) == wanted)
}

async fn name_taken(db: &impl ConnectionTrait, name: &str, except: Option<i32>) -> Result<bool> {
    let units = list(db).await?;
    Ok(find_by_name(&units, name).is_some_and(|u| Some(u.id) != except))
}

pub async fn create(db: &impl ConnectionTrait, input: UnitInput) -> Result<unit::Model> {
    if name_taken(db, input.name.as_str(), None).await? {
        return Err(StoreError::Conflict(crate::error::Taken::UnitName));
    }
    let row = unit::ActiveModel {
        name: Set(input.name.into_inner()),
        group_key: Set(input.group.as_str().to_owned()),
        headcount: Set(i32::try_from(input.headcount.get()).unwrap_or(i32::MAX)),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    };
    Ok(row.insert(db).await?)
}

pub async fn update(db: &impl ConnectionTrait, id: i32, input: UnitInput) -> Result<unit::Model> {
    let found = find(db, id).await?.ok_or(StoreError::NotFound)?;
    if name_taken(db, input.name.as_str(), Some(id)).await? {
        return Err(StoreError::Conflict(crate::error::Taken::UnitName));
    }
    let mut row: unit::ActiveModel = found.into();
    row.name = Set(input.name.into_inner());
    row.group_key = Set(input.group.as_str().to_owned());
    row.headcount = Set(i32::try_from(input.headcount.get()).unwrap_or(i32::MAX));
    Ok(row.update(db).await?)
}

/// Deletes a unit that no account belongs to.
pub async fn delete(db: &impl ConnectionTrait, id: i32) -> Result<()> {
    let members = user::Entity::find().filter(user::Column::UnitId.eq(id)).count(db).await?;
    if members > 0 {
        return Err(StoreError::InUse(crate::error::Busy::UnitHasAccounts));
    }
    let result = unit::Entity::delete_by_id(id).exec(db).await?;
    if result.rows_affected == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}
