//! Drawing a paper: which questions an attempt gets, in which order, with options shuffled.
//! Deterministic: the same pool and seed always give the same paper.

use crate::{Difficulty, Kind, question::LegalDate};
use rand::{SeedableRng, seq::SliceRandom};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

/// One cell of a blueprint: how many questions of a topic (any when `None`) and difficulty (any
/// when `None`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlueprintCell {
    pub topic: Option<String>,
    pub difficulty: Option<Difficulty>,
    pub count: u32,
}

/// The rules' default for "as of": the end of Quý III 2017, when the contest is held.
pub const DEFAULT_AS_OF: LegalDate = LegalDate { year: 2017, month: 9, day: 30 };

/// How a paper is put together. Cells are filled in order; a question is never drawn twice, nor
/// two questions of one family.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Blueprint {
    pub cells: Vec<BlueprintCell>,
    /// Only questions whose legal basis was issued (and in force, where the question needs it)
    /// by this day are drawn; `None`: any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<LegalDate>,
}

impl Blueprint {
    /// The default of the contest rules: 20 questions, 8 easy, 8 medium, 4 hard, any topic.
    pub fn default_20() -> Self {
        let cell = |difficulty, count| BlueprintCell { topic: None, difficulty: Some(difficulty), count };
        Self {
            cells: vec![cell(Difficulty::Easy, 8), cell(Difficulty::Medium, 8), cell(Difficulty::Hard, 4)],
            as_of: Some(DEFAULT_AS_OF),
        }
    }

    pub fn total(&self) -> u32 {
        self.cells.iter().map(|c| c.count).sum()
    }
}

/// A question that may be drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The question version's id.
    pub id: i64,
    pub topic: String,
    pub difficulty: Difficulty,
    pub kind: Kind,
    pub options: usize,
    /// Questions testing the same fact share a family; at most one of a family is drawn.
    pub family: Option<String>,
    /// The first day the question may be asked: its basis issued and, where needed, in force.
    pub valid_from: Option<LegalDate>,
}

impl Candidate {
    /// Whether a round held as of `day` (any day when `None`) may ask it.
    pub fn valid_on(&self, day: Option<LegalDate>) -> bool {
        day.is_none_or(|day| self.valid_from.is_some_and(|from| from <= day))
    }
}

/// Picks up to `count` of `eligible` at random, skipping a question whose family is already in
/// `families` (and adding the families of those picked).
pub fn pick_distinct<'a, T, R: rand::Rng>(
    mut eligible: Vec<&'a T>,
    count: usize,
    family_of: impl Fn(&T) -> Option<&str>,
    families: &mut Vec<String>,
    rng: &mut R,
) -> Vec<&'a T> {
    eligible.shuffle(rng);
    let mut picked = Vec::with_capacity(count);
    for c in eligible {
        if picked.len() == count {
            break;
        }
        if let Some(family) = family_of(c) {
            if families.iter().any(|f| f == family) {
                continue;
            }
            families.push(family.to_owned());
        }
        picked.push(c);
    }
    picked
}

/// A drawn question: which version, and the order its options are shown in (original indexes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrawnQuestion {
    pub id: i64,
    pub option_order: Vec<usize>,
}

/// Why a blueprint cannot be filled from the pool.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DrawError {
    #[error("Không đủ câu hỏi cho {what}: cần {wanted}, chỉ còn {available}.")]
    NotEnough { what: String, wanted: u32, available: usize },
    #[error("Đề thi phải có ít nhất một câu hỏi.")]
    Empty,
}

fn describe(cell: &BlueprintCell) -> String {
    match (&cell.topic, cell.difficulty) {
        (Some(t), Some(d)) => format!("chủ đề “{t}”, mức {}", d.label()),
        (Some(t), None) => format!("chủ đề “{t}”"),
        (None, Some(d)) => format!("mức {}", d.label()),
        (None, None) => "đề thi".to_owned(),
    }
}

/// Draws a paper for `seed` from `pool` by `blueprint`.
pub fn draw(pool: &[Candidate], blueprint: &Blueprint, seed: u64) -> Result<Vec<DrawnQuestion>, DrawError> {
    if blueprint.total() == 0 {
        return Err(DrawError::Empty);
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    // A canonical order, so the result depends on the pool's contents, not on how it was read.
    let mut pool: Vec<&Candidate> = pool.iter().collect();
    pool.sort_by_key(|c| c.id);
    pool.retain(|c| c.valid_on(blueprint.as_of));
    let mut taken: Vec<&Candidate> = Vec::with_capacity(blueprint.total() as usize);
    let mut families: Vec<String> = Vec::new();
    for cell in &blueprint.cells {
        let eligible: Vec<&Candidate> = pool
            .iter()
            .copied()
            .filter(|c| cell.topic.as_ref().is_none_or(|t| *t == c.topic))
            .filter(|c| cell.difficulty.is_none_or(|d| d == c.difficulty))
            .filter(|c| !taken.iter().any(|t| t.id == c.id))
            .collect();
        let picked =
            pick_distinct(eligible, cell.count as usize, |c| c.family.as_deref(), &mut families, &mut rng);
        if picked.len() < cell.count as usize {
            return Err(DrawError::NotEnough {
                what: describe(cell),
                wanted: cell.count,
                available: picked.len(),
            });
        }
        taken.extend(picked);
    }
    taken.shuffle(&mut rng);
    Ok(taken
        .into_iter()
        .map(|c| {
            let mut option_order: Vec<usize> = (0..c.options).collect();
            // "Đúng" before "Sai" reads naturally; only real choices are shuffled.
            if c.kind != Kind::TrueFalse {
                option_order.shuffle(&mut rng);
            }
            DrawnQuestion { id: c.id, option_order }
        })
        .collect())
}

/// How many questions of the pool each cell could use (for checking a blueprint when saving it).
pub fn check_blueprint(pool: &[Candidate], blueprint: &Blueprint) -> Result<(), DrawError> {
    draw(pool, blueprint, 0).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pool() -> Vec<Candidate> {
        let mut pool = Vec::new();
        for (i, topic) in ["a", "b", "c"].iter().enumerate() {
            for (j, difficulty) in Difficulty::ALL.iter().enumerate() {
                for k in 0..10 {
                    pool.push(Candidate {
                        id: (i * 100 + j * 10 + k) as i64,
                        topic: (*topic).to_owned(),
                        difficulty: *difficulty,
                        kind: if k == 9 { Kind::TrueFalse } else { Kind::Single },
                        options: if k == 9 { 2 } else { 4 },
                        family: None,
                        valid_from: LegalDate::parse("01/01/2010"),
                    });
                }
            }
        }
        pool
    }

    #[test]
    fn the_same_seed_gives_the_same_paper_whatever_the_pool_order() {
        let mut reversed = pool();
        reversed.reverse();
        let a = draw(&pool(), &Blueprint::default_20(), 42).unwrap();
        let b = draw(&reversed, &Blueprint::default_20(), 42).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn different_seeds_give_different_papers() {
        let a = draw(&pool(), &Blueprint::default_20(), 1).unwrap();
        let b = draw(&pool(), &Blueprint::default_20(), 2).unwrap();
        assert_ne!(a, b);
    }

    #[test]
    fn a_paper_follows_the_blueprint_without_repeats() {
        let blueprint = Blueprint {
            cells: vec![
                BlueprintCell { topic: Some("a".into()), difficulty: Some(Difficulty::Hard), count: 10 },
                BlueprintCell { topic: Some("a".into()), difficulty: None, count: 5 },
                BlueprintCell { topic: None, difficulty: None, count: 60 },
            ],
            as_of: None,
        };
        let paper = draw(&pool(), &blueprint, 7).unwrap();
        assert_eq!(paper.len(), 75);
        let mut ids: Vec<i64> = paper.iter().map(|q| q.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 75, "no question twice");
        let by_id = |id: i64| pool().into_iter().find(|c| c.id == id).unwrap();
        let hard_a = paper
            .iter()
            .filter(|q| by_id(q.id).topic == "a" && by_id(q.id).difficulty == Difficulty::Hard)
            .count();
        assert_eq!(hard_a, 10);
    }

    #[test]
    fn options_are_a_permutation_and_true_false_stays_in_order() {
        for q in draw(&pool(), &Blueprint::default_20(), 9).unwrap() {
            let c = pool().into_iter().find(|c| c.id == q.id).unwrap();
            let mut sorted = q.option_order.clone();
            sorted.sort_unstable();
            assert_eq!(sorted, (0..c.options).collect::<Vec<_>>());
            if c.kind == Kind::TrueFalse {
                assert_eq!(q.option_order, [0, 1]);
            }
        }
    }

    #[test]
    fn a_blueprint_asking_for_more_than_the_pool_has_is_refused() {
        let blueprint = Blueprint {
            cells: vec![BlueprintCell {
                topic: Some("b".into()),
                difficulty: Some(Difficulty::Easy),
                count: 11,
            }],
            as_of: None,
        };
        assert_eq!(
            draw(&pool(), &blueprint, 1),
            Err(DrawError::NotEnough {
                what: "chủ đề “b”, mức dễ".into(), wanted: 11, available: 10
            })
        );
        assert_eq!(draw(&pool(), &Blueprint { cells: vec![], as_of: None }, 1), Err(DrawError::Empty));
    }

    /// Topic "a" has 30 questions in 3 families of 10 (one per difficulty).
    fn pool_with_families() -> Vec<Candidate> {
        pool()
            .into_iter()
            .map(|c| Candidate { family: (c.topic == "a").then(|| format!("a-{:?}", c.difficulty)), ..c })
            .collect()
    }

    #[test]
    fn a_paper_never_draws_two_questions_of_one_family() {
        let blueprint = Blueprint::default_20();
        for seed in 0..200 {
            let paper = draw(&pool_with_families(), &blueprint, seed).unwrap();
            let families: Vec<String> = paper
                .iter()
                .filter_map(|q| pool_with_families().into_iter().find(|c| c.id == q.id)?.family)
                .collect();
            let mut distinct = families.clone();
            distinct.sort();
            distinct.dedup();
            assert_eq!(families.len(), distinct.len(), "seed {seed}: {families:?}");
        }
    }

    #[test]
    fn a_cell_that_only_families_can_fill_is_refused_with_what_is_left() {
        // Topic "a" hard: 10 questions, all of one family, so one can be drawn.
        let blueprint = Blueprint {
            cells: vec![BlueprintCell {
                topic: Some("a".into()),
                difficulty: Some(Difficulty::Hard),
                count: 2,
            }],
            as_of: None,
        };
        assert_eq!(
            draw(&pool_with_families(), &blueprint, 3),
            Err(DrawError::NotEnough {
                what: "chủ đề “a”, mức khó".into(), wanted: 2, available: 1
            })
        );
    }

    #[test]
    fn a_round_as_of_a_day_draws_only_questions_valid_on_it() {
        let day = |s| LegalDate::parse(s);
        // Topic "c" becomes askable on 25/9/2017; the rest long before.
        let pool: Vec<Candidate> = pool()
            .into_iter()
            .map(|c| Candidate {
                valid_from: if c.topic == "c" { day("25/9/2017") } else { c.valid_from },
                ..c
            })
            .collect();
        let all_but_c = Blueprint {
            cells: vec![BlueprintCell { topic: None, difficulty: None, count: 60 }],
            as_of: day("24/9/2017"),
        };
        for seed in 0..20 {
            let paper = draw(&pool, &all_but_c, seed).unwrap();
            assert!(paper.iter().all(|q| q.id < 200), "seed {seed}: a topic-c question drawn too early");
        }
        assert!(matches!(
            draw(
                &pool,
                &Blueprint {
                    as_of: day("24/9/2017"),
                    ..Blueprint {
                        cells: vec![BlueprintCell { topic: Some("c".into()), difficulty: None, count: 1 }],
                        as_of: None
                    }
                },
                1
            ),
            Err(DrawError::NotEnough { available: 0, .. })
        ));
        let on_the_day = Blueprint { as_of: day("25/9/2017"), ..all_but_c.clone() };
        let covers_c =
            (0..20).any(|seed| draw(&pool, &on_the_day, seed).unwrap().iter().any(|q| q.id >= 200));
        assert!(covers_c, "in force that day: drawn");
        assert!(draw(&pool, &Blueprint { as_of: day("31/12/2009"), ..all_but_c }, 1).is_err());
    }
}
