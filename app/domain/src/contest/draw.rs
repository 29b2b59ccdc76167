//! Drawing a paper: which questions an attempt gets, in which order, with options shuffled.
//! Deterministic: the same pool and seed always give the same paper.

use crate::{Difficulty, Kind};
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

/// How a paper is put together. Cells are filled in order; a question is never drawn twice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Blueprint {
    pub cells: Vec<BlueprintCell>,
}

impl Blueprint {
    /// The default of the contest rules: 20 questions, 8 easy, 8 medium, 4 hard, any topic.
    pub fn default_20() -> Self {
        let cell = |difficulty, count| BlueprintCell { topic: None, difficulty: Some(difficulty), count };
        Self {
            cells: vec![cell(Difficulty::Easy, 8), cell(Difficulty::Medium, 8), cell(Difficulty::Hard, 4)],
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
    let mut taken: Vec<&Candidate> = Vec::with_capacity(blueprint.total() as usize);
    for cell in &blueprint.cells {
        let eligible: Vec<&Candidate> = pool
            .iter()
            .copied()
            .filter(|c| cell.topic.as_ref().is_none_or(|t| *t == c.topic))
            .filter(|c| cell.difficulty.is_none_or(|d| d == c.difficulty))
            .filter(|c| !taken.iter().any(|t| t.id == c.id))
            .collect();
        if eligible.len() < cell.count as usize {
            return Err(DrawError::NotEnough {
                what: describe(cell),
                wanted: cell.count,
                available: eligible.len(),
            });
        }
        taken.extend(eligible.choose_multiple(&mut rng, cell.count as usize).copied());
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
        };
        assert_eq!(
            draw(&pool(), &blueprint, 1),
            Err(DrawError::NotEnough {
                what: "chủ đề “b”, mức dễ".into(), wanted: 11, available: 10
            })
        );
        assert_eq!(draw(&pool(), &Blueprint { cells: vec![] }, 1), Err(DrawError::Empty));
    }
}
