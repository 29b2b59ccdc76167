//! Roster upload (multipart form, works without JavaScript) and the template files.

use super::{errors, guard};
use app::{
    pages::organizer::{ROSTER_RESULT_KEY, RosterOutcome},
    ssr::AppState,
};
use axum::{
    extract::{Multipart, State},
    http::{StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use domain::Role;
use store::roster::{self, RosterError};
use tower_sessions::Session;

const PAGE: &str = "/ban-to-chuc/nhap-danh-sach";
const HEADER: [&str; 4] = ["Họ và tên", "Đơn vị", "Email hoặc số điện thoại", "Mật khẩu"];
const EXAMPLE: [[&str; 4]; 2] = [
    ["Nguyễn Văn An", "Sở Nội vụ", "an.nguyen@example.vn", ""],
    ["Trần Thị Bình", "UBND thành phố Quy Nhơn", "0905123456", "MatKhau@2017"],
];

/// Imports the uploaded roster, leaves the outcome in the session and goes back to the page.
pub async fn upload(State(state): State<AppState>, session: Session, mut form: Multipart) -> Response {
    let user = match guard::require(&state, &session, Role::Organizer, PAGE).await {
        Ok(u) => u,
        Err(response) => return response,
    };
    let mut file = None;
    loop {
        match form.next_field().await {
            Ok(Some(field)) if field.name() == Some("file") => {
                let name = field.file_name().unwrap_or("tep-tai-len").to_owned();
                match field.bytes().await {
                    Ok(bytes) => file = Some((name, bytes)),
                    Err(_) => {
                        return errors::page(
                            StatusCode::BAD_REQUEST,
                            "Tải tệp lên không thành công hoặc tệp quá lớn (tối đa 10 MB).",
                        );
                    }
                }
            }
            Ok(Some(_)) => continue,
            Ok(None) => break,
            Err(_) => {
                return errors::page(
                    StatusCode::BAD_REQUEST,
                    "Tải tệp lên không thành công hoặc tệp quá lớn (tối đa 10 MB).",
                );
            }
        }
    }
    let Some((name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        return errors::page(StatusCode::BAD_REQUEST, "Vui lòng chọn tệp danh sách để tải lên.");
    };
    let outcome = match roster::import(&state.db, &name, &bytes).await {
        Ok(done) => {
            tracing::info!(by = user.id, created = done.created, "roster upload imported");
            RosterOutcome::Imported {
                file: name,
                created: done.created,
                generated: done.generated.into_iter().map(|g| (g.full_name, g.login, g.password)).collect(),
            }
        }
        Err(RosterError::Store(e)) => {
            tracing::error!(error = %e, "roster import failed");
            return errors::page(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Hệ thống đang gặp sự cố, vui lòng thử lại sau ít phút.",
            );
        }
        Err(e) => {
            tracing::info!(by = user.id, error = %e, "roster upload rejected");
            let problems = match &e {
                RosterError::Rows(rows) => {
                    rows.iter().map(|p| (p.location.clone(), p.message.clone())).collect()
                }
                _ => Vec::new(),
            };
            RosterOutcome::Rejected { file: name, message: e.to_string(), problems }
        }
    };
    if session.insert(ROSTER_RESULT_KEY, outcome).await.is_err() {
        return errors::page(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Hệ thống đang gặp sự cố, vui lòng thử lại sau ít phút.",
        );
    }
    Redirect::to(PAGE).into_response()
}

/// The roster template as .xlsx.
pub async fn template_xlsx(State(state): State<AppState>, session: Session) -> Response {
    if let Err(response) = guard::require(&state, &session, Role::Organizer, PAGE).await {
        return response;
    }
    match template_workbook() {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                (header::CONTENT_DISPOSITION, "attachment; filename=\"mau-danh-sach.xlsx\""),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template generation failed");
            errors::page(StatusCode::INTERNAL_SERVER_ERROR, "Không tạo được tệp mẫu.")
        }
    }
}

fn template_workbook() -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let sheet = book.add_worksheet().set_name("Danh sách")?;
    for (col, title) in (0u16..).zip(HEADER) {
        sheet.write_with_format(0, col, title, &bold)?;
        sheet.set_column_width(col, 32)?;
    }
    for (row, cells) in (1u32..).zip(EXAMPLE) {
        for (col, value) in (0u16..).zip(cells) {
            sheet.write(row, col, value)?;
        }
    }
    book.save_to_buffer()
}

/// The roster template as UTF-8 CSV (with a BOM, so Excel shows the diacritics).
pub async fn template_csv(State(state): State<AppState>, session: Session) -> Response {
    if let Err(response) = guard::require(&state, &session, Role::Organizer, PAGE).await {
        return response;
    }
    let mut out = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let written = std::iter::once(HEADER).chain(EXAMPLE).try_for_each(|row| out.write_record(row));
    match (written, out.into_inner()) {
        (Ok(()), Ok(bytes)) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (header::CONTENT_DISPOSITION, "attachment; filename=\"mau-danh-sach.csv\""),
            ],
            bytes,
        )
            .into_response(),
        _ => errors::page(StatusCode::INTERNAL_SERVER_ERROR, "Không tạo được tệp mẫu."),
    }
}
