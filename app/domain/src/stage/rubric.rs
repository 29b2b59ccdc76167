//! Parts of the stage contest, their rubrics and the time penalty rule.

use super::{aggregate::Aggregation, points::Quarters};
use serde::{Deserialize, Serialize};

/// Which score a judged part feeds in the team's standings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "orm",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "String(sea_orm::sea_query::StringLen::None)")
)]
pub enum PartKind {
    /// 1. Chào hỏi.
    #[cfg_attr(feature = "orm", sea_orm(string_value = "greeting"))]
    Greeting,
    /// The situation question of part 2 (Kiến thức); the live round adds the multiple choice.
    #[cfg_attr(feature = "orm", sea_orm(string_value = "situation"))]
    Situation,
    /// 3. Tiểu phẩm.
    #[cfg_attr(feature = "orm", sea_orm(string_value = "sketch"))]
    Sketch,
}

impl PartKind {
    pub const ALL: [PartKind; 3] = [PartKind::Greeting, PartKind::Situation, PartKind::Sketch];

    pub fn as_str(self) -> &'static str {
        match self {
            PartKind::Greeting => "greeting",
            PartKind::Situation => "situation",
            PartKind::Sketch => "sketch",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A criterion of a rubric and its maximum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    pub name: String,
    pub max: Quarters,
}

/// A judged part with its rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartRules {
    pub kind: PartKind,
    pub name: String,
    pub criteria: Vec<Criterion>,
    /// Scores are multiples of this (1 quarter = 0.25 by default).
    pub step: Quarters,
    pub aggregation: Aggregation,
    /// Time on stage before the overtime penalty starts.
    pub time_limit_secs: u32,
    /// The head judge reviews a team whose highest and lowest totals differ by more than this
    /// share of the part's maximum, in percent.
    pub divergence_percent: u32,
}

impl PartRules {
    /// The part's maximum: the sum of its criteria.
    pub fn max(&self) -> Quarters {
        Quarters(self.criteria.iter().map(|c| c.max.0).sum())
    }
}

fn criteria(list: &[(&str, u32)]) -> Vec<Criterion> {
    list.iter()
        .map(|(name, points)| Criterion { name: (*name).to_owned(), max: Quarters(points * 4) })
        .collect()
}

/// The defaults of the contest rules: greeting 20 (5 min), situation 10 (3 min), sketch 50 (15 min).
pub fn default_parts() -> Vec<PartRules> {
    let part = |kind, name: &str, list: &[(&str, u32)], minutes: u32| PartRules {
        kind,
        name: name.to_owned(),
        criteria: criteria(list),
        step: Quarters(1),
        aggregation: Aggregation::TrimmedMean,
        time_limit_secs: minutes * 60,
        divergence_percent: 25,
    };
    vec![
        part(
            PartKind::Greeting,
            "Phần 1. Chào hỏi",
            &[("Nội dung", 10), ("Hình thức", 5), ("Sáng tạo", 5)],
            5,
        ),
        part(
            PartKind::Situation,
            "Phần 2. Kiến thức – câu hỏi tình huống",
            &[("Nêu đúng vấn đề và căn cứ pháp lý", 5), ("Giải pháp", 3), ("Cách trình bày", 2)],
            3,
        ),
        part(
            PartKind::Sketch,
            "Phần 3. Tiểu phẩm",
            &[
                ("Nội dung", 20),
                ("Kịch bản và diễn xuất", 15),
                ("Hình thức", 10),
                ("Sáng tạo và sức lan tỏa", 5),
            ],
            15,
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_parts_have_the_rules_maxima() {
        let maxima: Vec<String> = default_parts().iter().map(|p| p.max().to_string()).collect();
        assert_eq!(maxima, ["20", "10", "50"]);
    }
}
