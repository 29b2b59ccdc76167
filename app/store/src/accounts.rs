//! Accounts: creation, lookup, sign-in and the organizers' account list.

use crate::{
    entity::{unit, user},
    error::{Result, StoreError},
    password,
};
use domain::{FullName, Role, text};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};

/// Turns what a user typed in the sign-in box into the stored login key: an email or phone is
/// normalised like at registration, anything else is lowercased.
pub fn normalize_login(input: &str) -> String {
    domain::account::login_key(input)
}

/// A new account, with its password already hashed.
pub struct NewUser {
    pub login: String,
    pub full_name: FullName,
    pub role: Role,
    pub unit_id: Option<i32>,
    pub is_head_judge: bool,
    pub is_reserve_judge: bool,
    pub password_hash: String,
}

fn search_key(full_name: &str, login: &str) -> String {
    text::fold(&format!("{full_name} {login}"))
}

/// Inserts an account; a taken login is a [`StoreError::Conflict`].
pub async fn create(db: &impl ConnectionTrait, new: NewUser) -> Result<user::Model> {
    if new.role == Role::Contestant && new.unit_id.is_none() {
        return Err(StoreError::UnitRequired);
    }
    if find_by_login(db, &new.login).await?.is_some() {
        return Err(StoreError::Conflict(crate::error::Taken::Login));
    }
    let name = new.full_name.into_inner();
    let row = user::ActiveModel {
        search_key: Set(search_key(&name, &new.login)),
        sort_key: Set(domain::results::collation::sort_key(&name)),
        login: Set(new.login),
        full_name: Set(name),
        role: Set(new.role),
        unit_id: Set(new.unit_id),
        is_head_judge: Set(new.is_head_judge),
        is_reserve_judge: Set(new.is_reserve_judge),
        password_hash: Set(new.password_hash),
        disabled: Set(false),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    };
    Ok(row.insert(db).await?)
}

pub async fn find_by_login(db: &impl ConnectionTrait, login: &str) -> Result<Option<user::Model>> {
    Ok(user::Entity::find().filter(user::Column::Login.eq(login)).one(db).await?)
}

/// An account and its unit's name, in one query.
pub async fn find_with_unit(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<Option<(user::Model, Option<String>)>> {
    let found = user::Entity::find_by_id(id).find_also_related(unit::Entity).one(db).await?;
    Ok(found.map(|(user, unit)| (user, unit.map(|u| u.name))))
}

pub async fn find_by_id(db: &impl ConnectionTrait, id: i32) -> Result<Option<user::Model>> {
    Ok(user::Entity::find_by_id(id).one(db).await?)
}

/// Checks a sign-in. `None` for an unknown login, a wrong password or a disabled account alike,
/// and the same work is done in each case.
#[tracing::instrument(skip_all)]
pub async fn authenticate(
    db: &impl ConnectionTrait,
    login: &str,
    password: String,
) -> Result<Option<user::Model>> {
    let found = find_by_login(db, &normalize_login(login)).await?;
    let stored = found.as_ref().map(|u| u.password_hash.clone());
    let ok = password::verify(password, stored).await;
    Ok(found.filter(|u| ok && !u.disabled))
}

/// Filters for the organizers' account list.
#[derive(Debug, Default, Clone)]
pub struct UserFilter {
    pub role: Option<Role>,
    pub unit_id: Option<i32>,
    /// Folded words that must all occur ([`domain::text::search_terms`]).
    pub search: Vec<String>,
    pub page: u64,
    pub per_page: u64,
}

/// One row of the account list, with the unit's name.
#[derive(Debug, Clone)]
pub struct UserRow {
    pub user: user::Model,
    pub unit_name: Option<String>,
}

/// A page of accounts, sorted by role then name, and the total matching.
pub async fn list(db: &impl ConnectionTrait, filter: &UserFilter) -> Result<(Vec<UserRow>, u64)> {
    let mut cond = Condition::all();
    if let Some(role) = filter.role {
        cond = cond.add(user::Column::Role.eq(role.as_str()));
    }
    if let Some(unit_id) = filter.unit_id {
        cond = cond.add(user::Column::UnitId.eq(unit_id));
    }
    for word in &filter.search {
        let pattern = sea_orm::sea_query::LikeExpr::new(text::like_contains(word)).escape('\\');
        cond = cond.add(user::Column::SearchKey.like(pattern));
    }
    let query = user::Entity::find().filter(cond);
    let total = query.clone().count(db).await?;
    let per_page = filter.per_page.clamp(1, 500);
    let rows = query
        .find_also_related(unit::Entity)
        .order_by_asc(user::Column::Role)
        .order_by_asc(user::Column::SortKey)
        .order_by_asc(user::Column::Id)
        .offset(filter.page.saturating_mul(per_page).min(i64::MAX as u64))
        .limit(per_page)
        .all(db)
        .await?;
    let rows =
        rows.into_iter().map(|(user, unit)| UserRow { user, unit_name: unit.map(|u| u.name) }).collect();
    Ok((rows, total))
}

/// Enables or disables sign-in for an account.
pub async fn set_disabled(db: &impl ConnectionTrait, id: i32, disabled: bool) -> Result<()> {
    let found = find_by_id(db, id).await?.ok_or(StoreError::NotFound)?;
    let mut row: user::ActiveModel = found.into();
    row.disabled = Set(disabled);
    row.update(db).await?;
    Ok(())
}

/// Replaces an account's password hash.
pub async fn set_password_hash(db: &impl ConnectionTrait, id: i32, hash: String) -> Result<()> {
    let found = find_by_id(db, id).await?.ok_or(StoreError::NotFound)?;
    let mut row: user::ActiveModel = found.into();
    row.password_hash = Set(hash);
    row.update(db).await?;
    Ok(())
}

/// Fills the sort key of accounts created before it existed.
pub async fn backfill_sort_keys(db: &impl ConnectionTrait) -> Result<usize> {
    let missing = user::Entity::find().filter(user::Column::SortKey.eq("")).all(db).await?;
    let n = missing.len();
    for u in missing {
        user::Entity::update_many()
            .col_expr(user::Column::SortKey, domain::results::collation::sort_key(&u.full_name).into())
            .filter(user::Column::Id.eq(u.id))
            .exec(db)
            .await?;
    }
    Ok(n)
}

/// Counts accounts per role, for the organizer dashboard.
pub async fn count_by_role(db: &impl ConnectionTrait) -> Result<Vec<(Role, u64)>> {
    let mut counts = Vec::new();
    for role in Role::ALL {
        let n = user::Entity::find().filter(user::Column::Role.eq(role.as_str())).count(db).await?;
        counts.push((role, n));
    }
    Ok(counts)
}
