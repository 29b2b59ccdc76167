//! Question bank spreadsheets: upload (all or nothing), export of the whole bank, templates.

use super::{errors, files, guard};
use app::{
    service::{
        caller::{Identified, Organizer},
        questions as service,
    },
    ssr::AppState,
};
use axum::{
    extract::{Multipart, State},
    response::{IntoResponse, Redirect, Response},
};
use questions::table::{COLUMNS, row_of};
use tower_sessions::Session;

const PAGE: &str = "/ban-to-chuc/cau-hoi";
const WIDTHS: [f64; 18] = [
    12.0, 28.0, 11.0, 13.0, 60.0, 30.0, 30.0, 30.0, 30.0, 20.0, 20.0, 9.0, 50.0, 30.0, 14.0, 18.0, 14.0, 22.0,
];

/// Imports an uploaded sheet of questions, leaves the outcome in the session, back to the page.
pub async fn upload(
    State(state): State<AppState>,
    caller: Identified,
    session: Session,
    mut form: Multipart,
) -> Response {
    let me = match guard::require::<Organizer>(&caller, PAGE) {
        Ok(me) => me,
        Err(response) => return response,
    };
    let (name, bytes) = match files::read_upload(&mut form).await {
        Ok(file) => file,
        Err(response) => return response,
    };
    match service::import_sheet(&state, &me, &session, name, &bytes).await {
        Ok(()) => Redirect::to(PAGE).into_response(),
        Err(e) => errors::internal("question import failed", &e),
    }
}

/// The whole bank as .xlsx, in the template's layout (so it can be edited and uploaded again),
/// with a status column and a sheet listing the topics.
pub async fn export(State(state): State<AppState>, caller: Identified) -> Response {
    let me = match guard::require::<Organizer>(&caller, PAGE) {
        Ok(me) => me,
        Err(response) => return response,
    };
    let (topics, all) = match service::bank(&state, &me).await {
        Ok(data) => data,
        Err(e) => {
            return errors::internal("export failed", &e);
        }
    };
    let mut header: Vec<&str> = COLUMNS.to_vec();
    header.push("Trạng thái");
    let rows = all
        .iter()
        .map(|(q, retired)| {
            let mut row = row_of(q, &topics);
            row.push(if *retired { "Đã loại" } else { "Đang dùng" }.to_owned());
            row
        })
        .collect();
    let topic_rows = topics.iter().map(|t| vec![t.slug.clone(), t.name.clone()]).collect();
    let built = files::xlsx(&[
        files::Sheet { name: "Câu hỏi", header: &header, rows, widths: &WIDTHS },
        files::Sheet {
            name: "Chủ đề",
            header: &["Mã chủ đề", "Tên chủ đề"],
            rows: topic_rows,
            widths: &[24.0, 50.0],
        },
    ]);
    files::download(built, "ngan-hang-cau-hoi.xlsx")
}

fn example() -> Vec<Vec<String>> {
    vec![
        [
            "tthc-901",
            "Kiểm soát thủ tục hành chính",
            "dễ",
            "một đáp án",
            "Nghị định nào quy định về kiểm soát thủ tục hành chính?",
            "Nghị định số 63/2010/NĐ-CP",
            "Nghị định số 43/2011/NĐ-CP",
            "Nghị định số 20/2008/NĐ-CP",
            "Nghị định số 34/2011/NĐ-CP",
            "",
            "",
            "A",
            "Nghị định số 63/2010/NĐ-CP ngày 08/6/2010 quy định về kiểm soát thủ tục hành chính.",
            "Nghị định số 63/2010/NĐ-CP",
            "08/6/2010",
            "Điều 1",
            "14/10/2010",
            "tthc-nd63-scope",
        ]
        .map(String::from)
        .to_vec(),
    ]
}

pub async fn template_xlsx(caller: Identified) -> Response {
    if let Err(response) = guard::require::<Organizer>(&caller, PAGE) {
        return response;
    }
    let sheet = files::Sheet { name: "Câu hỏi", header: &COLUMNS, rows: example(), widths: &WIDTHS };
    files::download(files::xlsx(&[sheet]), "mau-cau-hoi.xlsx")
}

pub async fn template_csv(caller: Identified) -> Response {
    if let Err(response) = guard::require::<Organizer>(&caller, PAGE) {
        return response;
    }
    files::download(files::csv(&COLUMNS, &example()), "mau-cau-hoi.csv")
}
