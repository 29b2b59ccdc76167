//! `hoithi demo`: the 2017 Bình Định contest with its units and demo accounts. Idempotent: what
//! exists already (by unit name, login or contest name) is left as it is.

use anyhow::Context;
use domain::{FullName, Headcount, Role, UnitName};
use rand::SeedableRng;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
};
use store::{accounts, entity::contest, units};
mod data;

pub use data::CONTEST_NAME;
use data::*;

const DEMO_ROUND: &str = "Vòng sơ khảo trực tuyến (thử nghiệm)";

/// An online round open now for a week, with the contest rules' defaults; created once.
async fn demo_round(db: &DatabaseConnection) -> anyhow::Result<bool> {
    use domain::contest::{
        draw::Blueprint,
        round::{ReviewPolicy, RoundSettings},
    };
    let exists = store::rounds::list(db).await?.iter().any(|r| r.name == DEMO_ROUND);
    if exists {
        return Ok(false);
    }
    let now = chrono::Utc::now().timestamp_millis();
    let settings = RoundSettings {
        name: DEMO_ROUND.to_owned(),
        opens_ms: now - 60_000,
        closes_ms: now + 7 * 86_400_000,
        time_limit_secs: 15 * 60,
        attempts_allowed: 3,
        blueprint: Blueprint::default_20(),
        prediction_enabled: true,
        unit_ids: Vec::new(),
        review_policy: ReviewPolicy::AfterSubmit,
        freeze_minutes: 0,
    }
    .validate()?;
    store::rounds::create(db, &settings).await?;
    Ok(true)
}

/// A team per unit for the stage contest, its members drawn from the unit's demo contestants.
async fn demo_teams(db: &DatabaseConnection) -> anyhow::Result<()> {
    if store::stage::ensure_teams(db).await? == 0 {
        return Ok(());
    }
    store::stage::parts(db).await?;
    for (team, unit) in store::stage::teams(db).await? {
        if !team.members.is_empty() {
            continue;
        }
        let filter = accounts::UserFilter {
            role: Some(Role::Contestant),
            unit_id: Some(unit.id),
            per_page: 6,
            ..Default::default()
        };
        let (people, _) = accounts::list(db, &filter).await?;
        let mut names: Vec<String> = people.into_iter().map(|p| p.user.full_name).collect();
        let reserve = if names.len() == 6 { names.pop().unwrap_or_default() } else { String::new() };
        store::stage::update_team(db, team.id, &team.name, &names, &reserve).await?;
    }
    Ok(())
}

fn hashes_for_teams() -> anyhow::Result<String> {
    Ok(store::password::hash_blocking(PASSWORD_TEAM)?)
}

/// A sign-in per team for its device in the live round: `doi01@hoithi.test`, … (by team id).
async fn demo_team_accounts(db: &DatabaseConnection, hash: &str) -> anyhow::Result<()> {
    for (team, unit) in store::stage::teams(db).await? {
        if team.account_user_id.is_some() {
            continue;
        }
        let login = format!("doi{:02}@hoithi.test", team.id);
        let user = match accounts::find_by_login(db, &login).await? {
            Some(u) => u,
            None => {
                accounts::create(
                    db,
                    accounts::NewUser {
                        login,
                        full_name: FullName::parse(&format!("Đội {}", unit.name))
                            .unwrap_or(FullName::parse("Đội thi")?),
                        role: Role::Team,
                        unit_id: Some(unit.id),
                        is_head_judge: false,
                        is_reserve_judge: false,
                        password_hash: hash.to_owned(),
                    },
                )
                .await?
            }
        };
        store::stage::set_team_account(db, team.id, user.id).await?;
    }
    Ok(())
}

/// How many demo contestants each unit gets: CONTESTANTS in all, in proportion to headcount.
fn contestant_shares() -> Vec<usize> {
    let total: i64 = UNITS.iter().map(|(_, _, h)| h).sum();
    let exact: Vec<(usize, i64)> = UNITS
        .iter()
        .map(|(_, _, h)| (h * CONTESTANTS as i64 / total, h * CONTESTANTS as i64 % total))
        .map(|(q, r)| (q as usize, r))
        .collect();
    let mut shares: Vec<usize> = exact.iter().map(|(q, _)| *q).collect();
    let mut by_remainder: Vec<usize> = (0..exact.len()).collect();
    by_remainder.sort_by_key(|&i| std::cmp::Reverse(exact[i].1));
    let missing = CONTESTANTS - shares.iter().sum::<usize>();
    for &i in by_remainder.iter().take(missing) {
        shares[i] += 1;
    }
    shares
}

pub async fn load(db: &DatabaseConnection) -> anyhow::Result<()> {
    let existing = contest::Entity::find().filter(contest::Column::Name.eq(CONTEST_NAME)).one(db).await?;
    if existing.is_none() {
        contest::ActiveModel {
            name: Set(CONTEST_NAME.to_owned()),
            description: Set(CONTEST_DESCRIPTION.to_owned()),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }

    let mut all_units = units::list(db).await?;
    let mut units_created = 0;
    for (name, group, headcount) in UNITS {
        if units::find_by_name(&all_units, name).is_none() {
            let input = units::UnitInput {
                name: UnitName::parse(name)?,
                group: *group,
                headcount: Headcount::new(*headcount)?,
            };
            all_units.push(units::create(db, input).await?);
            units_created += 1;
        }
    }

    // One hash per demo password: all demo accounts of a role share their password anyway.
    let mut hashes = std::collections::HashMap::new();
    for role in Role::ALL {
        hashes.insert(role, store::password::hash_blocking(password_for(role))?);
    }
    let unit_id = |name: &str| units::find_by_name(&all_units, name).map(|u| u.id);

    let mut users_created = 0;
    for staff in STAFF {
        if accounts::find_by_login(db, staff.login).await?.is_none() {
            accounts::create(
                db,
                accounts::NewUser {
                    login: staff.login.to_owned(),
                    full_name: FullName::parse(staff.name)?,
                    role: staff.role,
                    unit_id: staff.unit.and_then(unit_id),
                    is_head_judge: staff.head,
                    is_reserve_judge: staff.reserve,
                    password_hash: hashes[&staff.role].clone(),
                },
            )
            .await?;
            users_created += 1;
        }
    }

    // Contestants spread over the units in proportion to their headcount (largest remainder).
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(2017);
    let mut n = 0usize;
    for (unit_name, share) in UNITS.iter().map(|(name, _, _)| *name).zip(contestant_shares()) {
        let id = unit_id(unit_name).context("demo unit missing")?;
        for _ in 0..share {
            n += 1;
            let name = demo_name(&mut rng);
            let login = format!("thisinh{n:03}@hoithi.test");
            if accounts::find_by_login(db, &login).await?.is_none() {
                accounts::create(
                    db,
                    accounts::NewUser {
                        login,
                        full_name: FullName::parse(&name)?,
                        role: Role::Contestant,
                        unit_id: Some(id),
                        is_head_judge: false,
                        is_reserve_judge: false,
                        password_hash: hashes[&Role::Contestant].clone(),
                    },
                )
                .await?;
                users_created += 1;
            }
        }
    }

    crate::bank::import_bank(db, &crate::bank::shipped()?).await?;
    let round_created = demo_round(db).await?;
    demo_teams(db).await?;
    demo_team_accounts(db, &hashes_for_teams()?).await?;

    println!(
        "Demo data loaded: {units_created} units and {users_created} accounts created ({} units, {n} demo contestants in all).",
        all_units.len()
    );
    if round_created {
        println!("Demo online round “{DEMO_ROUND}” is open for 7 days from now.");
    }
    println!();
    println!("Demo sign-ins (http://127.0.0.1:3000/dang-nhap):");
    println!("  {:<14} {:<30} password", "role", "login");
    for staff in STAFF {
        let role = if staff.head {
            "head judge"
        } else if staff.reserve {
            "reserve judge"
        } else {
            staff.role.as_str()
        };
        println!("  {:<14} {:<30} {}", role, staff.login, password_for(staff.role));
    }
    println!(
        "  {:<14} {:<30} {}",
        "contestant",
        format!("thisinh001..{n:03}@hoithi.test"),
        PASSWORD_CONTESTANT
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_contestants_add_up_and_follow_headcounts() {
        let shares = contestant_shares();
        assert_eq!(shares.iter().sum::<usize>(), CONTESTANTS);
        let quy_nhon = shares[0];
        let ban_dan_toc = shares[UNITS.iter().position(|u| u.0 == "Ban Dân tộc").unwrap()];
        assert!(quy_nhon > 10 * ban_dan_toc / 2, "{quy_nhon} vs {ban_dan_toc}");
    }
}
