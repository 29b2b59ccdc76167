//! Roles of HoiThi accounts.

use serde::{Deserialize, Serialize};
use std::{fmt, str::FromStr};

/// What an account may do. Stored as its [`Role::as_str`] key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "orm",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "String(sea_orm::sea_query::StringLen::None)")
)]
pub enum Role {
    /// Ban tổ chức: configures the contest, units, accounts, rounds, and publishes results.
    #[cfg_attr(feature = "orm", sea_orm(string_value = "organizer"))]
    Organizer,
    /// Ban giám khảo: scores stage presentations.
    #[cfg_attr(feature = "orm", sea_orm(string_value = "judge"))]
    Judge,
    /// Thư ký: keeps time on stage and enters penalties.
    #[cfg_attr(feature = "orm", sea_orm(string_value = "secretary"))]
    Secretary,
    /// Thí sinh: a civil servant of exactly one unit.
    #[cfg_attr(feature = "orm", sea_orm(string_value = "contestant"))]
    Contestant,
    /// Đội thi: a team's device in the live round.
    #[cfg_attr(feature = "orm", sea_orm(string_value = "team"))]
    Team,
}

impl Role {
    pub const ALL: [Role; 5] = [Role::Organizer, Role::Judge, Role::Secretary, Role::Contestant, Role::Team];

    /// Stable key used in the database, URLs and the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Organizer => "organizer",
            Role::Judge => "judge",
            Role::Secretary => "secretary",
            Role::Contestant => "contestant",
            Role::Team => "team",
        }
    }

    /// Vietnamese name shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Role::Organizer => "Ban tổ chức",
            Role::Judge => "Giám khảo",
            Role::Secretary => "Thư ký",
            Role::Contestant => "Thí sinh",
            Role::Team => "Đội thi",
        }
    }

    /// The dashboard a signed-in user of this role lands on.
    pub fn home_path(self) -> &'static str {
        match self {
            Role::Organizer => "/ban-to-chuc",
            Role::Judge => "/giam-khao",
            Role::Secretary => "/thu-ky",
            Role::Contestant => "/thi-sinh",
            Role::Team => "/doi-thi",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The key is not one of the known roles.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role `{0}` (expected organizer, judge, secretary, contestant or team)")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL.into_iter().find(|r| r.as_str() == s).ok_or_else(|| UnknownRole(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_round_trips_through_its_key() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        }
    }

    #[test]
    fn unknown_role_key_is_rejected() {
        assert_eq!("admin".parse::<Role>(), Err(UnknownRole("admin".into())));
    }
}
