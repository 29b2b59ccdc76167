//! What the rules pages send and receive.

#[allow(unused_imports)]
use domain::{
    Difficulty, Kind, Role, UnitGroup,
    contest::round::{Phase, ReviewPolicy},
};
use serde::{Deserialize, Serialize};

/// A judged part of the final as organizers set it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinalPart {
    pub name: String,
    pub max: String,
    pub minutes: u32,
    pub criteria: Vec<(String, String)>,
    pub step: String,
    pub trimmed: bool,
    pub divergence_percent: u32,
}

/// The final's rules as set now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinalRules {
    pub parts: Vec<FinalPart>,
    /// Nhất, nhì, ba, khuyến khích.
    pub prizes: [u32; 4],
    /// Khuyến khích for every team not otherwise awarded (the count above is then unused).
    #[serde(default)]
    pub rest_encouraged: bool,
    /// Side prizes in words, e.g. "1 Giải Tiểu phẩm xuất sắc nhất (theo điểm phần Tiểu phẩm)".
    #[serde(default)]
    pub side: Vec<String>,
}
