//! What the bank holds, counted (`hoithi questions stats`): questions per topic and difficulty,
//! kinds, families, citations and dates.

use crate::{Bank, LegalDate};
use domain::{Difficulty, Kind, contest::draw::DEFAULT_AS_OF};
use std::collections::BTreeSet;

/// One topic's counts by difficulty (easy, medium, hard).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicRow {
    pub slug: String,
    pub name: String,
    pub by_difficulty: [usize; 3],
}

impl TopicRow {
    pub fn total(&self) -> usize {
        self.by_difficulty.iter().sum()
    }
}

/// The counts of a bank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stats {
    pub topics: Vec<TopicRow>,
    /// Single answer, several answers, true/false.
    pub by_kind: [usize; 3],
    pub families: usize,
    pub in_families: usize,
    pub citing_article: usize,
    pub needing_in_force: usize,
    /// Questions a round held as of the rules' default day may ask.
    pub valid_on_default: usize,
    /// The latest day a question becomes askable, and the questions that wait for it.
    pub latest: Option<(LegalDate, Vec<String>)>,
}

impl Stats {
    pub fn of(bank: &Bank) -> Self {
        let topics = bank
            .topics
            .iter()
            .map(|t| {
                let mut by_difficulty = [0; 3];
                for q in bank.questions.iter().filter(|q| q.topic == t.slug) {
                    by_difficulty[Difficulty::ALL.iter().position(|d| *d == q.difficulty).unwrap_or(0)] += 1;
                }
                TopicRow { slug: t.slug.clone(), name: t.name.clone(), by_difficulty }
            })
            .collect();
        let mut by_kind = [0; 3];
        for q in &bank.questions {
            by_kind[match q.kind {
                Kind::Single => 0,
                Kind::Multiple => 1,
                Kind::TrueFalse => 2,
            }] += 1;
        }
        let families: BTreeSet<&str> = bank.questions.iter().filter_map(|q| q.family.as_deref()).collect();
        let from = |q: &crate::Question| q.basis.in_force.map_or(q.basis.date, |f| f.max(q.basis.date));
        let latest = bank.questions.iter().map(from).max().map(|day| {
            let ids = bank.questions.iter().filter(|q| from(q) == day).map(|q| q.id.clone()).collect();
            (day, ids)
        });
        Self {
            topics,
            by_kind,
            families: families.len(),
            in_families: bank.questions.iter().filter(|q| q.family.is_some()).count(),
            citing_article: bank.questions.iter().filter(|q| q.basis.article.is_some()).count(),
            needing_in_force: bank.questions.iter().filter(|q| q.basis.in_force.is_some()).count(),
            valid_on_default: bank.questions.iter().filter(|q| q.basis.valid_on(DEFAULT_AS_OF)).count(),
            latest,
        }
    }

    pub fn total(&self) -> usize {
        self.topics.iter().map(TopicRow::total).sum()
    }
}

fn percent(part: usize, whole: usize) -> usize {
    (part * 100 + whole / 2).checked_div(whole).unwrap_or(0)
}

impl std::fmt::Display for Stats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let total = self.total();
        let width = self.topics.iter().map(|t| t.name.chars().count()).max().unwrap_or(0).max(8);
        writeln!(f, "{:<width$}  {:>5}  {:>10}  {:>5}  {:>5}", "Chủ đề", "Dễ", "Trung bình", "Khó", "Tổng")?;
        let mut sums = [0; 3];
        for t in &self.topics {
            let [e, m, h] = t.by_difficulty;
            writeln!(f, "{:<width$}  {e:>5}  {m:>10}  {h:>5}  {:>5}", t.name, t.total())?;
            for (s, n) in sums.iter_mut().zip(t.by_difficulty) {
                *s += n;
            }
        }
        let [e, m, h] = sums;
        writeln!(f, "{:<width$}  {e:>5}  {m:>10}  {h:>5}  {total:>5}", "Tổng")?;
        writeln!(f)?;
        let [single, multiple, true_false] = self.by_kind;
        writeln!(f, "Loại: một đáp án {single} · nhiều đáp án {multiple} · đúng sai {true_false}")?;
        writeln!(f, "Nhóm câu hỏi cùng nội dung: {} nhóm, gồm {} câu", self.families, self.in_families)?;
        writeln!(
            f,
            "Dẫn đến điều, khoản, mục: {} câu ({}%)",
            self.citing_article,
            percent(self.citing_article, total)
        )?;
        writeln!(f, "Cần văn bản đã có hiệu lực: {} câu", self.needing_in_force)?;
        writeln!(
            f,
            "Hỏi được trong vòng thi tính đến {}: {} câu ({} câu có căn cứ muộn hơn)",
            DEFAULT_AS_OF,
            self.valid_on_default,
            total - self.valid_on_default
        )?;
        if let Some((day, ids)) = &self.latest {
            writeln!(f, "Căn cứ muộn nhất: {day} ({})", ids.join(", "))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{SourceFile, check_bank};

    #[test]
    fn counts_follow_the_bank() {
        let topics = SourceFile {
            path: "topics.toml".into(),
            contents:
                "[[topic]]\nslug = \"a\"\nname = \"Chủ đề A\"\n[[topic]]\nslug = \"b\"\nname = \"Chủ đề B\"\n"
                    .into(),
        };
        let q = |id: &str, difficulty: &str, family: &str, basis: &str| {
            format!(
                "[[question]]\nid = \"{id}\"\n{family}difficulty = \"{difficulty}\"\nkind = \"một đáp án\"\n\
                 text = \"Câu {id}?\"\noptions = [\"Có\", \"Không\"]\nanswer = \"A\"\nexplanation = \"Vì vậy.\"\n\
                 basis = {{ {basis} }}\n\n"
            )
        };
        let a = format!(
            "topic = \"a\"\n\n{}{}{}",
            q(
                "a-1",
                "dễ",
                "family = \"f\"\n",
                "document = \"Luật X\", date = \"01/01/2010\", article = \"Điều 1\""
            ),
            q("a-2", "khó", "family = \"f\"\n", "document = \"Luật X\", date = \"01/01/2010\""),
            q("a-3", "khó", "", "document = \"QĐ Y\", date = \"10/10/2017\""),
        );
        let b = format!(
            "topic = \"b\"\n\n{}",
            q("b-1", "trung bình", "", "document = \"NĐ Z\", date = \"01/9/2017\", in_force = \"25/9/2017\""),
        );
        let files = [
            SourceFile { path: "a.toml".into(), contents: a },
            SourceFile { path: "b.toml".into(), contents: b },
        ];
        let stats = Stats::of(&check_bank(&topics, &files).unwrap());
        assert_eq!(stats.topics[0].by_difficulty, [1, 0, 2]);
        assert_eq!(stats.topics[1].by_difficulty, [0, 1, 0]);
        assert_eq!(stats.total(), 4);
        assert_eq!((stats.families, stats.in_families), (1, 2));
        assert_eq!((stats.citing_article, stats.needing_in_force), (1, 1));
        assert_eq!(stats.valid_on_default, 3, "the decision of 10/10/2017 comes after Quý III");
        assert_eq!(stats.latest, Some((LegalDate::parse("10/10/2017").unwrap(), vec!["a-3".to_owned()])));
        let printed = stats.to_string();
        assert!(printed.contains("Chủ đề A"), "{printed}");
        assert!(printed.contains("Dẫn đến điều, khoản, mục: 1 câu (25%)"), "{printed}");
    }
}
