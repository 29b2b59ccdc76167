//! The spreadsheet layout of the bank (the Excel/CSV template, import and export): one question per
//! row, columns named in Vietnamese.

use crate::{Field, Problem, Question, QuestionDraft, QuestionError, Topic, model::MAX_OPTIONS};
use domain::sheet::Table;
use std::collections::HashMap;

/// Column headers, in template order.
pub const COLUMNS: [&str; 18] = [
    "Mã câu hỏi",
    "Chủ đề",
    "Mức độ",
    "Loại",
    "Câu hỏi",
    "Phương án A",
    "Phương án B",
    "Phương án C",
    "Phương án D",
    "Phương án E",
    "Phương án F",
    "Đáp án",
    "Giải thích",
    "Văn bản căn cứ",
    "Ngày ban hành",
    "Điều, khoản",
    "Ngày có hiệu lực",
    "Nhóm câu hỏi",
];

/// Columns every sheet must have (the option and article columns may be left out).
const REQUIRED: [usize; 9] = [0, 1, 2, 3, 4, 11, 12, 13, 14];

/// The cells of a row for `question`, in [`COLUMNS`] order. The topic is shown by name.
pub fn row_of(question: &Question, topics: &[Topic]) -> Vec<String> {
    let draft = question.to_draft();
    let topic =
        topics.iter().find(|t| t.slug == question.topic).map_or(draft.topic.clone(), |t| t.name.clone());
    let mut row = vec![draft.id, topic, draft.difficulty, draft.kind, draft.text];
    row.extend((0..MAX_OPTIONS).map(|i| draft.options.get(i).cloned().unwrap_or_default()));
    row.extend([
        draft.answer,
        draft.explanation,
        draft.basis_document,
        draft.basis_date,
        draft.basis_article,
        draft.basis_in_force,
        draft.family,
    ]);
    row
}

/// Which spreadsheet column is a given field, and the letter Excel shows for it.
fn column_letter(index: usize) -> char {
    char::from(b'A' + u8::try_from(index).unwrap_or(25))
}

fn field_column(field: Field) -> usize {
    match field {
        Field::Id => 0,
        Field::Topic => 1,
        Field::Difficulty => 2,
        Field::Kind => 3,
        Field::Text | Field::Options => 4,
        Field::Option(i) => 5 + i.min(MAX_OPTIONS - 1),
        Field::Answer => 11,
        Field::Explanation => 12,
        Field::BasisDocument => 13,
        Field::BasisDate => 14,
        Field::BasisArticle => 15,
        Field::BasisInForce => 16,
        Field::Family => 17,
    }
}

/// Validates every row of every sheet. Returns all questions, or every problem as
/// "Trang tính “…”, dòng N: message"; ids must be unique across the file.
pub fn questions_from_tables(tables: &[Table], topics: &[Topic]) -> Result<Vec<Question>, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut questions = Vec::new();
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut question_sheets = 0;
    for table in tables {
        let columns: Vec<Option<usize>> =
            COLUMNS.iter().map(|name| table.column(&[domain::text::fold(name).as_str()])).collect();
        // Sheets without the question or id column (a topic list, instructions) are not question sheets.
        if columns[0].is_none() && columns[4].is_none() {
            continue;
        }
        question_sheets += 1;
        let missing: Vec<&str> =
            REQUIRED.iter().filter(|i| columns[**i].is_none()).map(|i| COLUMNS[*i]).collect();
        if !missing.is_empty() {
            problems.push(Problem {
                location: table.locate(1),
                message: format!("Thiếu cột: {}. Hãy dùng tệp mẫu.", missing.join(", ")),
            });
            continue;
        }
        for (number, cells) in &table.rows {
            let cell = |i: usize| columns[i].and_then(|c| cells.get(c)).cloned().unwrap_or_default();
            let draft = QuestionDraft {
                id: cell(0),
                topic: cell(1),
                difficulty: cell(2),
                kind: cell(3),
                text: cell(4),
                options: (5..5 + MAX_OPTIONS).map(cell).collect(),
                answer: cell(11),
                explanation: cell(12),
                basis_document: cell(13),
                basis_date: cell(14),
                basis_article: cell(15),
                basis_in_force: cell(16),
                family: cell(17),
            };
            let location = table.locate(*number);
            match draft.validate(topics) {
                Ok(q) => {
                    if let Some(first) = seen.get(&q.id) {
                        problems.push(Problem {
                            location: format!("{location}, cột A"),
                            message: QuestionError::DuplicateId(q.id.clone(), first.clone()).to_string(),
                        });
                    } else {
                        seen.insert(q.id.clone(), table.locate_inline(*number));
                        questions.push(q);
                    }
                }
                Err(errors) => problems.extend(errors.into_iter().map(|e| Problem {
                    location: format!("{location}, cột {}", column_letter(field_column(e.field))),
                    message: e.error.to_string(),
                })),
            }
        }
    }
    if question_sheets == 0 {
        problems.push(Problem {
            location: "Tệp".into(),
            message: "Không có trang tính nào có cột “Mã câu hỏi” và “Câu hỏi”. Hãy dùng tệp mẫu.".into(),
        });
    }
    if problems.is_empty() { Ok(questions) } else { Err(problems) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn topics() -> Vec<Topic> {
        vec![Topic {
            slug: "one-stop-shop".into(), name: "Cơ chế một cửa, một cửa liên thông".into()
        }]
    }

    fn row(id: &str, text: &str, answer: &str) -> Vec<String> {
        let mut r: Vec<String> = [
            id,
            "Cơ chế một cửa, một cửa liên thông",
            "dễ",
            "một đáp án",
            text,
            "Một cửa",
            "Hai cửa",
            "",
            "",
            "",
            "",
        ]
        .map(String::from)
        .to_vec();
        r.extend([answer, "Giải thích.", "Quyết định số 09/2015/QĐ-TTg", "25/3/2015", ""].map(String::from));
        r
    }

    fn table(rows: Vec<Vec<String>>) -> Table {
        Table {
            sheet: Some("Câu hỏi".into()),
            header: COLUMNS.map(String::from).to_vec(),
            rows: rows.into_iter().enumerate().map(|(i, r)| (i + 2, r)).collect(),
        }
    }

    #[test]
    fn every_bad_row_is_named_by_sheet_row_and_column() {
        let t = table(vec![
            row("mc-101", "Câu hỏi tốt?", "A"),
            row("mc-102", "Đáp án sai?", "E"),
            row("mc-103", "", "B"),
            row("mc-101", "Mã trùng?", "B"),
        ]);
        let problems = questions_from_tables(&[t], &topics()).unwrap_err();
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "Trang tính “Câu hỏi”, dòng 3, cột L: Đáp án “E” không có trong các phương án.",
                "Trang tính “Câu hỏi”, dòng 4, cột E: Nội dung câu hỏi không được để trống.",
                "Trang tính “Câu hỏi”, dòng 5, cột A: Mã câu hỏi “mc-101” trùng với câu hỏi ở trang tính “Câu hỏi”, dòng 2.",
            ]
        );
    }

    #[test]
    fn rows_round_trip_through_the_layout() {
        let t = table(vec![row("mc-101", "Câu hỏi tốt?", "B")]);
        let questions = questions_from_tables(&[t], &topics()).unwrap();
        let again = table(vec![row_of(&questions[0], &topics())]);
        assert_eq!(questions_from_tables(&[again], &topics()).unwrap(), questions);
    }

    #[test]
    fn a_sheet_without_the_template_columns_is_refused() {
        let t = Table {
            sheet: Some("Sheet1".into()),
            header: vec!["Câu hỏi".into()],
            rows: vec![(2, vec!["x".into()])],
        };
        let problems = questions_from_tables(&[t], &topics()).unwrap_err();
        assert!(problems[0].message.starts_with("Thiếu cột: Mã câu hỏi, Chủ đề"), "{}", problems[0]);
        let other = Table {
            sheet: Some("Chủ đề".into()),
            header: vec!["Mã chủ đề".into()],
            rows: vec![(2, vec!["x".into()])],
        };
        let problems = questions_from_tables(&[other], &topics()).unwrap_err();
        assert!(problems[0].message.starts_with("Không có trang tính nào"), "{}", problems[0]);
    }
}
