//! The whole bank: every topic file checked together, so duplicate ids across files are found.

use crate::{
    Problem, Question, QuestionError, Topic,
    toml_file::{self, Located},
};
use std::collections::HashMap;

/// A file's path (as it should appear in messages) and its contents.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    pub contents: String,
}

/// A valid bank: its topics and questions, in file order, and what looks weak in it.
#[derive(Debug, Clone)]
pub struct Bank {
    pub topics: Vec<Topic>,
    pub questions: Vec<Question>,
    /// Give-away options and near-duplicate stems, located like problems (see [`crate::lint`]).
    pub warnings: Vec<Problem>,
}

/// Checks `topics.toml` and every topic file; returns the bank or every problem, sorted by place.
pub fn check_bank(topics_file: &SourceFile, files: &[SourceFile]) -> Result<Bank, Vec<Problem>> {
    let topics = toml_file::parse_topics(&topics_file.path, &topics_file.contents)?;
    let mut problems = Vec::new();
    let mut questions = Vec::new();
    let mut warnings = Vec::new();
    let mut seen: HashMap<String, String> = HashMap::new();
    for file in files {
        let (found, mut file_problems) = toml_file::parse_topic_file(&file.path, &file.contents, &topics);
        for Located { question, line } in found {
            let here = format!("{}:{line}", file.path);
            if let Some(first) = seen.get(&question.id) {
                file_problems.push(Problem {
                    location: here,
                    message: QuestionError::DuplicateId(question.id.clone(), first.clone()).to_string(),
                });
            } else {
                for message in crate::lint::lint_question(&question) {
                    warnings.push(Problem { location: here.clone(), message });
                }
                seen.insert(question.id.clone(), here);
                questions.push(question);
            }
        }
        // In file order, top to bottom.
        file_problems.sort_by_key(|p| p.location.rsplit(':').next().and_then(|l| l.parse::<usize>().ok()));
        problems.extend(file_problems);
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let all: Vec<&Question> = questions.iter().collect();
    for (later, earlier, _) in crate::lint::near_duplicates(&all) {
        let (q, first) = (all[later], all[earlier]);
        warnings.push(Problem {
            location: seen.get(&q.id).cloned().unwrap_or_default(),
            message: format!(
                "Cảnh báo: câu hỏi gần trùng với {} ({}) mà không cùng nhóm (family): nếu cùng kiểm \
                 tra một nội dung, hãy cho chung một nhóm; nếu không, hãy viết lại cho rõ khác biệt.",
                first.id,
                seen.get(&first.id).cloned().unwrap_or_default()
            ),
        });
    }
    Ok(Bank { topics, questions, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOPICS: &str = "[[topic]]\nslug = \"tthc-control\"\nname = \"Kiểm soát thủ tục hành chính\"\n";

    fn file(path: &str, contents: &str) -> SourceFile {
        SourceFile { path: path.into(), contents: contents.into() }
    }

    /// A file with one mistake of each kind the validator knows, for the snapshot below.
    const BROKEN: &str = r#"topic = "tthc-control"

[[question]]
id = "tthc-001"
difficulty = "dễ"
kind = "một đáp án"
text = "Nghị định về kiểm soát thủ tục hành chính là nghị định nào?"
options = ["Nghị định số 63/2010/NĐ-CP", "Nghị định số 43/2011/NĐ-CP"]
answer = "A"
explanation = "Nghị định số 63/2010/NĐ-CP quy định về kiểm soát thủ tục hành chính."
basis = { document = "Nghị định số 63/2010/NĐ-CP", date = "08/6/2010" }

[[question]]
id = "tthc-001"
difficulty = "dễ"
kind = "một đáp án"
text = "Câu hỏi trùng mã?"
options = ["Có", "Không"]
answer = "A"
explanation = "Mã phải là duy nhất."
basis = { document = "Nghị định số 63/2010/NĐ-CP", date = "08/6/2010" }

[[question]]
id = "tthc-002"
difficulty = "siêu khó"
kind = "một đáp án"
text = ""
options = ["Một phương án"]
answer = "C"
explanation = "Giải thích."

[[question]]
id = "tthc-003"
difficulty = "khó"
kind = "nhiều đáp án"
text = "Câu có phương án trùng?"
options = [
  "Bộ Tư pháp",
  "Bộ Nội vụ",
  "bộ tư pháp",
]
answer = "A, B"
explanation = "Giải thích."
basis = { document = "Nghị định số 48/2013/NĐ-CP", date = "14/5/2013" }

[[question]]
id = "tthc-004"
difficulty = "trung bình"
kind = "đúng sai"
text = "Văn bản gõ dấu rời: Thu\u0309 tu\u0323c?"
options = ["Đúng", "Sai"]
answer = "A"
explanation = "Giải thích."
basis = { document = "", date = "32/13/2010" }
"#;

    #[test]
    fn a_broken_file_reports_each_problem_at_its_line() {
        let problems =
            check_bank(&file("bank/topics.toml", TOPICS), &[file("bank/tthc-control.toml", BROKEN)])
                .err()
                .unwrap_or_default();
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        insta::assert_snapshot!(lines.join("\n"));
    }

    #[test]
    fn unknown_topics_fields_and_syntax_errors_are_reported_with_lines() {
        let unknown_topic = "topic = \"thue\"\n";
        let unknown_field = "topic = \"tthc-control\"\n\n[[question]]\nid = \"a-1\"\nhint = \"x\"\n";
        let syntax = "topic = \"tthc-control\"\n[[question]\n";
        let problems = check_bank(
            &file("topics.toml", TOPICS),
            &[file("a.toml", unknown_topic), file("b.toml", unknown_field), file("c.toml", syntax)],
        )
        .err()
        .unwrap_or_default();
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        insta::assert_snapshot!(lines.join("\n"));
    }

    #[test]
    fn the_shipped_bank_is_valid_and_large_enough() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("bank");
        let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
        let mut files: Vec<SourceFile> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
            .filter(|n| n.ends_with(".toml") && n != "topics.toml")
            .map(|n| file(&n, &read(&n)))
            .collect();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        let bank = match check_bank(&file("topics.toml", &read("topics.toml")), &files) {
            Ok(bank) => bank,
            Err(problems) => {
                panic!("{}", problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))
            }
        };
        assert!(bank.questions.len() >= 500, "only {} questions", bank.questions.len());
        for topic in &bank.topics {
            let n = bank.questions.iter().filter(|q| q.topic == topic.slug).count();
            assert!(n >= 25, "topic {} has only {n} questions", topic.slug);
        }
        let warnings: Vec<String> = bank.warnings.iter().map(ToString::to_string).collect();
        assert!(warnings.is_empty(), "the shipped bank has warnings:\n{}", warnings.join("\n"));
        let cited = bank.questions.iter().filter(|q| q.basis.article.is_some()).count();
        assert!(cited * 10 >= bank.questions.len() * 6, "only {cited} cite an article or section");
    }
}
