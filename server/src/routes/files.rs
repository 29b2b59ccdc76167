//! Building .xlsx and .csv downloads.

use super::errors;
use axum::{
    extract::Multipart,
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};

/// A sheet to write: name, header row and data rows.
pub struct Sheet<'a> {
    pub name: &'a str,
    pub header: &'a [&'a str],
    pub rows: Vec<Vec<String>>,
    /// Column widths in characters, for the first columns (the rest get a default).
    pub widths: &'a [f64],
}

/// An .xlsx workbook with bold, frozen headers.
pub fn xlsx(sheets: &[Sheet<'_>]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold().set_background_color("F5EFE9");
    let wrap = rust_xlsxwriter::Format::new().set_text_wrap().set_align(rust_xlsxwriter::FormatAlign::Top);
    for sheet in sheets {
        let ws = book.add_worksheet().set_name(sheet.name)?;
        for (col, title) in (0u16..).zip(sheet.header) {
            ws.write_with_format(0, col, *title, &bold)?;
            ws.set_column_width(col, sheet.widths.get(usize::from(col)).copied().unwrap_or(18.0))?;
        }
        ws.set_freeze_panes(1, 0)?;
        for (r, row) in (1u32..).zip(&sheet.rows) {
            for (c, value) in (0u16..).zip(row) {
                ws.write_with_format(r, c, value.as_str(), &wrap)?;
            }
        }
    }
    book.save_to_buffer()
}

/// UTF-8 CSV with a BOM, so Excel shows the diacritics. Text that a spreadsheet would run as a
/// formula is written with a leading apostrophe.
pub fn csv(header: &[&str], rows: &[Vec<String>]) -> Result<Vec<u8>, csv::Error> {
    let mut out = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    out.write_record(header)?;
    for row in rows {
        out.write_record(row.iter().map(|cell| inert(cell).into_owned()))?;
    }
    out.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

/// `cell` as a spreadsheet shows it without evaluating it: text starting with `=`, `+`, `-`, `@`,
/// a tab or a carriage return gets a leading apostrophe; numbers such as `-0.5` stay numbers.
fn inert(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.replace(',', ".").parse::<f64>().is_err() {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// A file download response, or an error page when building the file failed.
pub fn download<E: std::fmt::Display>(built: Result<Vec<u8>, E>, file_name: &str) -> Response {
    let content_type = if file_name.ends_with(".xlsx") {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    } else {
        "text/csv; charset=utf-8"
    };
    match built {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, content_type.to_owned()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{file_name}\"")),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, file = file_name, "building a download failed");
            errors::page(StatusCode::INTERNAL_SERVER_ERROR, "Không tạo được tệp tải về.")
        }
    }
}

/// Reads the `file` field of a multipart upload.
pub async fn read_upload(form: &mut Multipart) -> Result<(String, Vec<u8>), Response> {
    let too_big = || {
        errors::page(StatusCode::BAD_REQUEST, "Tải tệp lên không thành công hoặc tệp quá lớn (tối đa 10 MB).")
    };
    while let Some(field) = form.next_field().await.map_err(|_| too_big())? {
        if field.name() == Some("file") {
            let name = field.file_name().unwrap_or("tep-tai-len").to_owned();
            let bytes = field.bytes().await.map_err(|_| too_big())?;
            if bytes.is_empty() {
                break;
            }
            return Ok((name, bytes.to_vec()));
        }
    }
    Err(errors::page(StatusCode::BAD_REQUEST, "Vui lòng chọn tệp để tải lên."))
}

#[cfg(test)]
mod tests {
    use super::inert;

    #[test]
    fn formulas_in_csv_cells_are_made_inert_and_numbers_kept() {
        let table = [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+84 912", "'+84 912"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("-cmd", "'-cmd"),
            ("-0.5", "-0.5"),
            ("-1,25", "-1,25"),
            ("Nguyễn Văn An", "Nguyễn Văn An"),
            ("", ""),
        ];
        for (cell, written) in table {
            assert_eq!(inert(cell), written);
        }
    }
}
