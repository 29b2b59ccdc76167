use anyhow::Result;
use hoithi_tests::{CONTESTANT, ORGANIZER, TestApp, TestDb, run_cli};
use reqwest::{StatusCode, multipart};
use sea_orm::{ConnectionTrait, Statement};

async fn count(db: &TestDb, sql: &str) -> Result<i64> {
    let conn = db.connect().await?;
    let row = conn
        .query_one_raw(Statement::from_string(conn.get_database_backend(), sql.to_owned()))
        .await?
        .expect("a count row");
    Ok(row.try_get::<i64>("", "n")?)
}

#[tokio::test]
async fn the_shipped_bank_passes_the_check() -> Result<()> {
    let out = run_cli("sqlite::memory:", &["questions", "check", "--strict", "questions/"], "").await?;
    assert!(out.status.success(), "{}", out.stderr);
    let n: usize = out.stdout.split_whitespace().next().unwrap_or("0").parse()?;
    assert!(n >= 500, "{}", out.stdout);
    assert!(out.stdout.contains("no problems, 0 warning(s)"), "{}", out.stdout);
    Ok(())
}

#[tokio::test]
async fn stats_count_the_bank_by_topic_and_difficulty() -> Result<()> {
    let out = run_cli("sqlite::memory:", &["questions", "stats"], "").await?;
    assert!(out.status.success(), "{}", out.stderr);
    let total = |line: &str| line.split_whitespace().last().and_then(|n| n.parse::<usize>().ok());
    let rows: Vec<&str> = out.stdout.lines().skip(1).take_while(|l| !l.trim().is_empty()).collect();
    let (sum_line, topics) = rows.split_last().expect("a table");
    assert!(sum_line.starts_with("Tổng"), "{}", out.stdout);
    assert!(topics.len() >= 12, "{}", out.stdout);
    for topic in topics {
        assert!(total(topic).is_some_and(|n| n >= 25), "a topic with fewer than 25 questions: {topic}");
    }
    let sum: usize = topics.iter().filter_map(|t| total(t)).sum();
    assert_eq!(total(sum_line), Some(sum), "{}", out.stdout);
    assert!(sum >= 500);
    assert!(out.stdout.contains("Hỏi được trong vòng thi tính đến 30/9/2017"), "{}", out.stdout);
    Ok(())
}

#[tokio::test]
async fn give_aways_and_near_duplicates_warn_and_strict_fails_on_them() -> Result<()> {
    let dir = tempfile::tempdir()?;
    std::fs::write(dir.path().join("topics.toml"), "[[topic]]\nslug = \"indices\"\nname = \"Các chỉ số\"\n")?;
    let question = |id: &str, text: &str, options: &str| {
        format!(
            "[[question]]\nid = \"{id}\"\ndifficulty = \"dễ\"\nkind = \"một đáp án\"\ntext = \"{text}\"\n\
             options = [{options}]\nanswer = \"A\"\nexplanation = \"Giải thích.\"\n\
             basis = {{ document = \"Quyết định số 4361/QĐ-BNV\", date = \"14/10/2014\" }}\n\n"
        )
    };
    let file = format!(
        "topic = \"indices\"\n\n{}{}",
        question(
            "idx-1",
            "Chỉ số PAR Index do cơ quan nào chủ trì xác định?",
            "\"Bộ Nội vụ\", \"Chỉ Bộ Tư pháp\", \"Chỉ Bộ Tài chính\""
        ),
        question(
            "idx-2",
            "Chỉ số PAR INDEX do cơ quan nào chủ trì, xác định?",
            "\"Bộ Nội vụ\", \"Bộ Tư pháp\", \"Bộ Y tế\""
        ),
    );
    std::fs::write(dir.path().join("indices.toml"), file)?;
    let path = dir.path().display().to_string();
    let out = run_cli("sqlite::memory:", &["questions", "check", &path], "").await?;
    assert!(out.status.success(), "warnings alone pass: {}", out.stderr);
    let at = format!("{path}/indices.toml");
    assert!(
        out.stderr.contains(&format!("{at}:3: Cảnh báo: mọi phương án sai đều bắt đầu bằng “Chỉ”")),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains(&format!("{at}:13: Cảnh báo: câu hỏi gần trùng với idx-1 ({at}:3)")),
        "{}",
        out.stderr
    );
    assert!(out.stdout.contains("2 warning(s)"), "{}", out.stdout);
    let strict = run_cli("sqlite::memory:", &["questions", "check", "--strict", &path], "").await?;
    assert!(!strict.status.success(), "--strict fails on warnings");
    Ok(())
}

#[tokio::test]
async fn a_broken_bank_file_is_reported_as_path_and_line() -> Result<()> {
    let dir = tempfile::tempdir()?;
    std::fs::write(dir.path().join("topics.toml"), "[[topic]]\nslug = \"indices\"\nname = \"Các chỉ số\"\n")?;
    let broken = "topic = \"indices\"\n\n[[question]]\nid = \"idx-1\"\ndifficulty = \"dễ\"\nkind = \"một đáp án\"\n\
                  text = \"PAPI đo gì?\"\noptions = [\"A\", \"B\"]\nanswer = \"D\"\nexplanation = \"x\"\n";
    std::fs::write(dir.path().join("indices.toml"), broken)?;
    let path = dir.path().display().to_string();
    let out = run_cli("sqlite::memory:", &["questions", "check", &path], "").await?;
    assert!(!out.status.success());
    let file = format!("{path}/indices.toml");
    assert!(
        out.stderr.contains(&format!("{file}:9: Đáp án “D” không có trong các phương án.")),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains(&format!("{file}:3: Thiếu số, ký hiệu văn bản")), "{}", out.stderr);
    Ok(())
}

#[tokio::test]
async fn demo_loads_the_bank_and_importing_it_again_changes_nothing() -> Result<()> {
    let db = TestDb::new().await?;
    assert!(run_cli(&db.url, &["demo"], "").await?.status.success());
    let questions = count(&db, "SELECT COUNT(*) AS n FROM questions").await?;
    assert!(questions >= 300, "{questions}");
    let again = run_cli(&db.url, &["questions", "import", "questions/bank"], "").await?;
    assert!(again.status.success(), "{}", again.stderr);
    assert!(again.stdout.contains("0 new, 0 updated"), "{}", again.stdout);
    assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM question_versions").await?, questions);
    Ok(())
}

fn form<'a>(code: &'a str, text: &'a str, answer: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("code", code),
        ("topic", "tthc-control"),
        ("difficulty", "dễ"),
        ("kind", "một đáp án"),
        ("text", text),
        ("option_a", "Nghị định số 63/2010/NĐ-CP"),
        ("option_b", "Nghị định số 43/2011/NĐ-CP"),
        ("option_c", ""),
        ("option_d", ""),
        ("option_e", ""),
        ("option_f", ""),
        ("answer", answer),
        ("explanation", "Nghị định số 63/2010/NĐ-CP quy định về kiểm soát thủ tục hành chính."),
        ("basis_document", "Nghị định số 63/2010/NĐ-CP"),
        ("basis_date", "08/6/2010"),
        ("basis_article", ""),
    ]
}

#[tokio::test]
async fn an_edit_adds_a_version_and_keeps_the_old_one_unchanged() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let client = app.signed_in(ORGANIZER).await?;
    let before = app
        .call(&client, "organizer/question", &[("code", "tthc-001")])
        .await?
        .json::<serde_json::Value>()
        .await?;
    let res = app
        .call(&client, "organizer/question/save", &form("tthc-001", "Câu hỏi đã sửa về kiểm soát TTHC?", "A"))
        .await?;
    assert_eq!(res.status(), StatusCode::OK, "{}", res.text().await?);
    let after = app
        .call(&client, "organizer/question", &[("code", "tthc-001")])
        .await?
        .json::<serde_json::Value>()
        .await?;
    assert_eq!(after["text"], "Câu hỏi đã sửa về kiểm soát TTHC?");
    assert_eq!(after["version"], before["version"].as_i64().unwrap_or(0) + 1);
    let old_text = before["text"].as_str().unwrap_or_default().replace('\'', "''");
    let kept =
        count(&app.db, &format!("SELECT COUNT(*) AS n FROM question_versions WHERE text = '{old_text}'"))
            .await?;
    assert_eq!(kept, 1, "the old version must stay as it was");

    let bad = app.call(&client, "organizer/question/save", &form("tthc-001", "", "E")).await?;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = bad.text().await?;
    assert!(body.contains("Nội dung câu hỏi không được để trống") && body.contains("Đáp án “E”"), "{body}");
    let unchanged = app
        .call(&client, "organizer/question", &[("code", "tthc-001")])
        .await?
        .json::<serde_json::Value>()
        .await?;
    assert_eq!(unchanged["version"], after["version"]);
    Ok(())
}

#[tokio::test]
async fn a_retired_question_is_listed_as_retired_and_can_come_back() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let client = app.signed_in(ORGANIZER).await?;
    let res =
        app.call(&client, "organizer/question/retire", &[("code", "iso-001"), ("retired", "true")]).await?;
    assert_eq!(res.status(), StatusCode::OK);
    let list = app
        .call(&client, "organizer/questions", &[("status", "retired")])
        .await?
        .json::<serde_json::Value>()
        .await?;
    assert_eq!(list["total"], 1);
    assert_eq!(list["rows"][0]["code"], "iso-001");
    app.call(&client, "organizer/question/retire", &[("code", "iso-001"), ("retired", "false")]).await?;
    let list = app
        .call(&client, "organizer/questions", &[("status", "retired")])
        .await?
        .json::<serde_json::Value>()
        .await?;
    assert_eq!(list["total"], 0);
    Ok(())
}

#[tokio::test]
async fn searching_without_diacritics_finds_accented_questions() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let client = app.signed_in(ORGANIZER).await?;
    let list = app
        .call(&client, "organizer/questions", &[("q", "MOT CUA lien thong")])
        .await?
        .json::<serde_json::Value>()
        .await?;
    let rows = list["rows"].as_array().cloned().unwrap_or_default();
    let texts: Vec<String> =
        rows.iter().map(|r| r["text"].as_str().unwrap_or_default().to_lowercase()).collect();
    assert!(texts.iter().any(|t| t.contains("một cửa liên thông")), "{texts:?}");
    let none = app.call(&client, "organizer/questions", &[("q", "khong co cau nao nhu the nay")]).await?;
    assert_eq!(none.json::<serde_json::Value>().await?["total"], 0);
    Ok(())
}

#[tokio::test]
async fn contestants_cannot_read_or_change_the_bank() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let client = app.signed_in(CONTESTANT).await?;
    let read = app.call(&client, "organizer/question", &[("code", "tthc-001")]).await?;
    assert_eq!(read.status(), StatusCode::FORBIDDEN);
    let write =
        app.call(&client, "organizer/question/save", &form("tthc-001", "Sửa trái phép?", "A")).await?;
    assert_eq!(write.status(), StatusCode::FORBIDDEN);
    let page = client.get(app.url("/ban-to-chuc/cau-hoi/xuat.xlsx")).send().await?;
    assert_eq!(page.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        count(&app.db, "SELECT COUNT(*) AS n FROM question_versions WHERE text = 'Sửa trái phép?'").await?,
        0
    );
    Ok(())
}

/// Rows 2..=13 of a question sheet; `broken` rows get a wrong answer letter (row 7) and an empty
/// question (row 12).
fn sheet(broken: bool) -> Result<Vec<u8>> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet().set_name("Câu hỏi")?;
    let header = questions_header();
    for (c, h) in header.iter().enumerate() {
        ws.write(0, c as u16, *h)?;
    }
    for n in 0..12u32 {
        let excel_row = n + 2;
        let text = if broken && excel_row == 12 {
            String::new()
        } else {
            format!("Câu hỏi nhập từ Excel số {n}?")
        };
        let answer = if broken && excel_row == 7 { "E" } else { "B" };
        let cells = [
            format!("xl-{n:03}"),
            "Cơ chế một cửa, một cửa liên thông".into(),
            "trung bình".into(),
            "một đáp án".into(),
            text,
            "Phương án thứ nhất".into(),
            "Phương án thứ hai".into(),
            "Phương án thứ ba".into(),
            "".into(),
            "".into(),
            "".into(),
            answer.into(),
            "Giải thích ngắn.".into(),
            "Quyết định số 09/2015/QĐ-TTg".into(),
            "25/3/2015".into(),
            "".into(),
        ];
        for (c, v) in cells.iter().enumerate() {
            ws.write(excel_row - 1, c as u16, v.as_str())?;
        }
    }
    Ok(book.save_to_buffer()?)
}

fn questions_header() -> [&'static str; 16] {
    [
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
    ]
}

async fn upload(
    app: &TestApp,
    client: &reqwest::Client,
    name: &str,
    bytes: Vec<u8>,
) -> Result<serde_json::Value> {
    let form = multipart::Form::new().part("file", multipart::Part::bytes(bytes).file_name(name.to_owned()));
    let res = client.post(app.url("/ban-to-chuc/cau-hoi/nhap")).multipart(form).send().await?;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    Ok(app.call(client, "organizer/questions", &[]).await?.json::<serde_json::Value>().await?)
}

#[tokio::test]
async fn a_broken_xlsx_is_rejected_naming_rows_7_and_12_and_a_good_one_imports() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let client = app.signed_in(ORGANIZER).await?;
    let questions = count(&app.db, "SELECT COUNT(*) AS n FROM questions").await?;
    let versions = count(&app.db, "SELECT COUNT(*) AS n FROM question_versions").await?;

    let list = upload(&app, &client, "cau-hoi.xlsx", sheet(true)?).await?;
    let rejected = &list["last_import"]["Rejected"];
    let problems: Vec<String> = rejected["problems"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|p| format!("{}: {}", p[0].as_str().unwrap_or_default(), p[1].as_str().unwrap_or_default()))
        .collect();
    assert_eq!(
        problems,
        [
            "Trang tính “Câu hỏi”, dòng 7, cột L: Đáp án “E” không có trong các phương án.",
            "Trang tính “Câu hỏi”, dòng 12, cột E: Nội dung câu hỏi không được để trống.",
        ]
    );
    assert_eq!(count(&app.db, "SELECT COUNT(*) AS n FROM questions").await?, questions, "nothing imported");
    assert_eq!(count(&app.db, "SELECT COUNT(*) AS n FROM question_versions").await?, versions);

    let list = upload(&app, &client, "cau-hoi.xlsx", sheet(false)?).await?;
    assert_eq!(list["last_import"]["Imported"]["created"], 12, "{list}");
    assert_eq!(count(&app.db, "SELECT COUNT(*) AS n FROM questions").await?, questions + 12);
    Ok(())
}

#[tokio::test]
async fn the_exported_bank_matches_the_database_and_reimports_unchanged() -> Result<()> {
    let app = TestApp::with_demo().await?;
    let client = app.signed_in(ORGANIZER).await?;
    let res = client.get(app.url("/ban-to-chuc/cau-hoi/xuat.xlsx")).send().await?;
    assert_eq!(res.status(), StatusCode::OK);
    let bytes = res.bytes().await?.to_vec();
    use calamine::Reader;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes.clone()))?;
    let range = book.worksheet_range("Câu hỏi")?;
    let questions = count(&app.db, "SELECT COUNT(*) AS n FROM questions").await?;
    assert_eq!(range.height() as i64 - 1, questions, "one row per question");
    let header: Vec<String> =
        range.rows().next().map(|r| r.iter().map(|c| c.to_string()).collect()).unwrap_or_default();
    assert_eq!(&header[..16], questions_header());
    let first = range.rows().nth(1).map(|r| r[0].to_string()).unwrap_or_default();
    let detail = app
        .call(&client, "organizer/question", &[("code", &first)])
        .await?
        .json::<serde_json::Value>()
        .await?;
    let row: Vec<String> =
        range.rows().nth(1).map(|r| r.iter().map(|c| c.to_string()).collect()).unwrap_or_default();
    assert_eq!(row[4], detail["text"].as_str().unwrap_or_default());
    assert_eq!(row[11], detail["answer"].as_str().unwrap_or_default());

    let list = upload(&app, &client, "ngan-hang-cau-hoi.xlsx", bytes).await?;
    let imported = &list["last_import"]["Imported"];
    assert_eq!(imported["created"], 0, "{list}");
    assert_eq!(imported["updated"], 0, "{list}");
    assert_eq!(imported["unchanged"], questions);
    Ok(())
}
