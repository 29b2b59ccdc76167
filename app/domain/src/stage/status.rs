//! Where a part, a sheet and a stage clock are in their lives: typed states, stored as their keys.

use serde::{Deserialize, Serialize};

/// A judged part: open for sheets, locked (every sheet in and reviewed), published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "orm",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "String(sea_orm::sea_query::StringLen::None)")
)]
pub enum PartStatus {
    #[cfg_attr(feature = "orm", sea_orm(string_value = "open"))]
    Open,
    #[cfg_attr(feature = "orm", sea_orm(string_value = "locked"))]
    Locked,
    #[cfg_attr(feature = "orm", sea_orm(string_value = "published"))]
    Published,
}

impl PartStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PartStatus::Open => "open",
            PartStatus::Locked => "locked",
            PartStatus::Published => "published",
        }
    }

    /// What users see.
    pub fn label(self) -> &'static str {
        match self {
            PartStatus::Open => "Đang chấm",
            PartStatus::Locked => "Đã khóa",
            PartStatus::Published => "Đã công bố",
        }
    }
}

/// A judge's sheet: a draft, or submitted (and locked).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "orm",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "String(sea_orm::sea_query::StringLen::None)")
)]
pub enum SheetStatus {
    #[cfg_attr(feature = "orm", sea_orm(string_value = "draft"))]
    Draft,
    #[cfg_attr(feature = "orm", sea_orm(string_value = "submitted"))]
    Submitted,
}

impl SheetStatus {
    /// What users see of a sheet, or of a sheet not started (`None`).
    pub fn label(status: Option<Self>) -> &'static str {
        match status {
            None => "Chưa chấm",
            Some(SheetStatus::Draft) => "Bản nháp",
            Some(SheetStatus::Submitted) => "Đã nộp",
        }
    }
}

/// The secretary's clock for a team in a part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "orm",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "String(sea_orm::sea_query::StringLen::None)")
)]
pub enum TimerState {
    #[cfg_attr(feature = "orm", sea_orm(string_value = "idle"))]
    Idle,
    #[cfg_attr(feature = "orm", sea_orm(string_value = "running"))]
    Running,
    #[cfg_attr(feature = "orm", sea_orm(string_value = "paused"))]
    Paused,
    #[cfg_attr(feature = "orm", sea_orm(string_value = "stopped"))]
    Stopped,
}
