//! What the accounts pages send and receive.

#[allow(unused_imports)]
use domain::{
    Difficulty, Kind, Role, UnitGroup,
    contest::round::{Phase, ReviewPolicy},
};
use serde::{Deserialize, Serialize};

/// One account in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRow {
    pub id: i32,
    pub full_name: String,
    pub login: String,
    pub role: Role,
    pub unit_name: Option<String>,
    pub is_head_judge: bool,
    pub is_reserve_judge: bool,
    pub disabled: bool,
}

/// A page of the account list.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AccountList {
    pub rows: Vec<AccountRow>,
    pub total: u64,
    pub page: u64,
}

/// Figures for the organizer's overview.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Overview {
    pub units: usize,
    pub headcount: i64,
    pub accounts: Vec<(Role, u64)>,
}

/// Rows on a page of the list.
pub const PER_PAGE: u64 = 50;
