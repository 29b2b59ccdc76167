//! Sign-in and registration limits kept in the database, so every `hoithi` process counts the
//! same tries (the rules are `domain::throttle`).

use crate::{entity::sign_in_try, error::Result};
use domain::throttle::{self, Try};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
};

/// A counted sign-in try: the row to mark failed, or to forget with the login's other tries.
#[derive(Debug, Clone)]
pub struct Ticket {
    id: i64,
    login: String,
    address: String,
}

/// Counts a sign-in try at `login` from `address` before its password is checked. `Ok(Err(ms))`
/// when the caller must wait (the try is then not counted).
///
/// The try is written first and judged against the tries written before it, so guesses sent at
/// once to several processes are counted in one order and cannot all slip through.
pub async fn begin_sign_in(
    db: &impl ConnectionTrait,
    login: &str,
    address: &str,
    now_ms: i64,
) -> Result<Result<Ticket, i64>> {
    let row = sign_in_try::ActiveModel {
        login: Set(login.to_owned()),
        address: Set(address.to_owned()),
        registration: Set(false),
        failed: Set(false),
        at_ms: Set(now_ms),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let earlier: Vec<Try> = sign_in_try::Entity::find()
        .filter(sign_in_try::Column::Id.lt(row.id))
        .filter(sign_in_try::Column::Registration.eq(false))
        .filter(sign_in_try::Column::AtMs.gt(now_ms - throttle::KEEP_MS))
        .filter(
            Condition::any().add(sign_in_try::Column::Login.eq(login)).add(
                Condition::all()
                    .add(sign_in_try::Column::Address.eq(address))
                    .add(sign_in_try::Column::Failed.eq(true)),
            ),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|t| Try { login: t.login, address: t.address, at_ms: t.at_ms, failed: t.failed })
        .collect();
    match throttle::sign_in_allowed(&earlier, login, address, now_ms) {
        Ok(()) => Ok(Ok(Ticket { id: row.id, login: login.to_owned(), address: address.to_owned() })),
        Err(wait_ms) => {
            sign_in_try::Entity::delete_by_id(row.id).exec(db).await?;
            Ok(Err(wait_ms))
        }
    }
}

/// The try succeeded: the tries of this login from this address are forgotten (guesses from
/// elsewhere still count against the login).
pub async fn succeeded(db: &impl ConnectionTrait, ticket: &Ticket) -> Result<()> {
    sign_in_try::Entity::delete_many()
        .filter(sign_in_try::Column::Registration.eq(false))
        .filter(sign_in_try::Column::Login.eq(ticket.login.as_str()))
        .filter(sign_in_try::Column::Address.eq(ticket.address.as_str()))
        .exec(db)
        .await?;
    Ok(())
}

/// The try failed: it also counts against its address.
pub async fn failed(db: &impl ConnectionTrait, ticket: &Ticket) -> Result<()> {
    sign_in_try::Entity::update_many()
        .col_expr(sign_in_try::Column::Failed, true.into())
        .filter(sign_in_try::Column::Id.eq(ticket.id))
        .exec(db)
        .await?;
    Ok(())
}

/// Counts a registration from `address`: `Ok(Err(ms))` while it must wait.
pub async fn register(db: &impl ConnectionTrait, address: &str, now_ms: i64) -> Result<Result<(), i64>> {
    let row = sign_in_try::ActiveModel {
        login: Set(String::new()),
        address: Set(address.to_owned()),
        registration: Set(true),
        failed: Set(false),
        at_ms: Set(now_ms),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let earlier = sign_in_try::Entity::find()
        .filter(sign_in_try::Column::Id.lt(row.id))
        .filter(sign_in_try::Column::Registration.eq(true))
        .filter(sign_in_try::Column::Address.eq(address))
        .filter(sign_in_try::Column::AtMs.gt(now_ms - throttle::KEEP_MS))
        .all(db)
        .await?;
    match throttle::REGISTRATION.check(earlier.iter().map(|t| t.at_ms), now_ms) {
        Ok(()) => Ok(Ok(())),
        Err(wait_ms) => {
            sign_in_try::Entity::delete_by_id(row.id).exec(db).await?;
            Ok(Err(wait_ms))
        }
    }
}

/// Forgets tries too old to matter.
pub async fn prune(db: &impl ConnectionTrait, now_ms: i64) -> Result<u64> {
    let done = sign_in_try::Entity::delete_many()
        .filter(sign_in_try::Column::AtMs.lt(now_ms - throttle::KEEP_MS))
        .exec(db)
        .await?;
    Ok(done.rows_affected)
}
