//! What the auth pages send and receive.

#[allow(unused_imports)]
use domain::{
    Difficulty, Kind, Role, UnitGroup,
    contest::round::{Phase, ReviewPolicy},
};
use serde::{Deserialize, Serialize};

/// The signed-in user as the pages see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i32,
    pub full_name: String,
    pub login: String,
    pub role: Role,
    pub unit_name: Option<String>,
    pub is_head_judge: bool,
}

/// A unit as offered in the registration form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitChoice {
    pub id: i32,
    pub name: String,
    pub group: UnitGroup,
}
