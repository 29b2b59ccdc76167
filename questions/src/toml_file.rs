//! The TOML files: `topics.toml` and one file per topic (see FORMAT.md). Every problem is reported
//! as `path:line: message`.

use crate::{Field, Problem, Question, QuestionDraft, Topic};
use serde::Deserialize;
use std::collections::HashMap;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTopics {
    #[serde(default)]
    topic: Vec<Spanned<RawTopic>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTopic {
    slug: String,
    name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    topic: Spanned<String>,
    #[serde(default)]
    question: Vec<Spanned<RawQuestion>>,
}

type Text = Option<Spanned<String>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: Text,
    family: Text,
    difficulty: Text,
    kind: Text,
    text: Text,
    options: Option<Spanned<Vec<Spanned<String>>>>,
    answer: Text,
    explanation: Text,
    basis: Option<Spanned<RawBasis>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBasis {
    document: Text,
    date: Text,
    article: Text,
    in_force: Text,
}

/// 1-based line of a byte offset.
fn line_of(src: &str, offset: usize) -> usize {
    src.as_bytes()[..offset.min(src.len())].iter().filter(|b| **b == b'\n').count() + 1
}

fn syntax_problem(path: &str, src: &str, e: &toml::de::Error) -> Problem {
    let line = e.span().map_or(1, |s| line_of(src, s.start));
    // The toml message is English and multi-line; keep its first line after our own words.
    let detail = e.message().lines().next().unwrap_or_default().to_owned();
    Problem { location: format!("{path}:{line}"), message: format!("Lỗi cú pháp TOML: {detail}") }
}

/// Parses `topics.toml`.
pub fn parse_topics(path: &str, src: &str) -> Result<Vec<Topic>, Vec<Problem>> {
    let raw: RawTopics = toml::from_str(src).map_err(|e| vec![syntax_problem(path, src, &e)])?;
    let mut problems = Vec::new();
    let mut seen = HashMap::new();
    let mut topics = Vec::new();
    for t in raw.topic {
        let line = line_of(src, t.span().start);
        let t = t.into_inner();
        let slug_ok = !t.slug.is_empty()
            && t.slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !slug_ok {
            problems.push(Problem {
                location: format!("{path}:{line}"),
                message: format!(
                    "Mã chủ đề “{}” chỉ được gồm chữ thường không dấu, chữ số và dấu gạch nối.",
                    t.slug
                ),
            });
        } else if let Some(first) = seen.insert(t.slug.clone(), line) {
            problems.push(Problem {
                location: format!("{path}:{line}"),
                message: format!("Mã chủ đề “{}” trùng với dòng {first}.", t.slug),
            });
        }
        if t.name.trim().is_empty() {
            problems.push(Problem {
                location: format!("{path}:{line}"),
                message: "Tên chủ đề không được để trống.".into(),
            });
        }
        topics.push(Topic { slug: t.slug, name: domain::text::clean(&t.name) });
    }
    if problems.is_empty() { Ok(topics) } else { Err(problems) }
}

/// A question of a file and the line of its `[[question]]` table.
#[derive(Debug, Clone)]
pub struct Located {
    pub question: Question,
    pub line: usize,
}

/// Parses one topic file. Returns the valid questions and a problem for everything else.
pub fn parse_topic_file(path: &str, src: &str, topics: &[Topic]) -> (Vec<Located>, Vec<Problem>) {
    let raw: RawFile = match toml::from_str(src) {
        Ok(raw) => raw,
        Err(e) => return (Vec::new(), vec![syntax_problem(path, src, &e)]),
    };
    let mut problems = Vec::new();
    let at = |offset: usize| format!("{path}:{}", line_of(src, offset));
    let topic_line = at(raw.topic.span().start);
    let topic = raw.topic.into_inner();
    if !topics.iter().any(|t| t.slug == topic) {
        problems.push(Problem {
            location: topic_line,
            message: format!("Chủ đề “{topic}” không có trong topics.toml."),
        });
    }
    let mut questions = Vec::new();
    for q in raw.question {
        let table_start = q.span().start;
        let q = q.into_inner();
        // Where each field is, so a problem points at its own line.
        let mut lines: HashMap<Field, usize> = HashMap::new();
        if let Some(b) = &q.basis {
            // A missing document or date is reported at the basis table itself.
            lines.insert(Field::BasisDocument, b.span().start);
            lines.insert(Field::BasisDate, b.span().start);
        }
        let mut take = |field: Field, value: &Text| -> String {
            match value {
                Some(v) => {
                    lines.insert(field, v.span().start);
                    v.get_ref().clone()
                }
                None => String::new(),
            }
        };
        let id = take(Field::Id, &q.id);
        let family = take(Field::Family, &q.family);
        let difficulty = take(Field::Difficulty, &q.difficulty);
        let kind = take(Field::Kind, &q.kind);
        let text = take(Field::Text, &q.text);
        let answer = take(Field::Answer, &q.answer);
        let explanation = take(Field::Explanation, &q.explanation);
        let (basis_document, basis_date, basis_article, basis_in_force) = match &q.basis {
            Some(b) => {
                let b = b.get_ref();
                (
                    take(Field::BasisDocument, &b.document),
                    take(Field::BasisDate, &b.date),
                    take(Field::BasisArticle, &b.article),
                    take(Field::BasisInForce, &b.in_force),
                )
            }
            None => Default::default(),
        };
        let options = match &q.options {
            Some(list) => {
                lines.insert(Field::Options, list.span().start);
                list.get_ref()
                    .iter()
                    .enumerate()
                    .map(|(i, o)| {
                        lines.insert(Field::Option(i), o.span().start);
                        o.get_ref().clone()
                    })
                    .collect()
            }
            None => Vec::new(),
        };
        let draft = QuestionDraft {
            id,
            family,
            topic: topic.clone(),
            difficulty,
            kind,
            text,
            options,
            answer,
            explanation,
            basis_document,
            basis_date,
            basis_article,
            basis_in_force,
        };
        match draft.validate(topics) {
            Ok(question) => questions.push(Located { question, line: line_of(src, table_start) }),
            Err(errors) => {
                for e in errors {
                    // The topic is the file's, already reported once above.
                    if e.field == Field::Topic {
                        continue;
                    }
                    let offset = lines.get(&e.field).copied().unwrap_or(table_start);
                    problems.push(Problem { location: at(offset), message: e.error.to_string() });
                }
            }
        }
    }
    (questions, problems)
}
