//! Reading uploaded spreadsheets (.xlsx or .csv) into rows of text with the numbers a user sees in
//! Excel, so every error can name its sheet and row.

pub use domain::sheet::Table;

use calamine::{Data, Reader, Xlsx};
use std::{collections::BTreeMap, io::Cursor};

/// Why a file could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SheetError {
    #[error("Chỉ nhận tệp .xlsx hoặc .csv.")]
    UnsupportedType,
    #[error("Không đọc được tệp Excel: tệp hỏng hoặc không phải .xlsx.")]
    BadXlsx,
    #[error("Không đọc được tệp CSV: {0}")]
    BadCsv(String),
    #[error("Tệp không có dữ liệu.")]
    Empty,
    #[error("Tệp quá lớn: mỗi trang tính tối đa 256 cột và 100.000 dòng.")]
    TooLarge,
}

/// Reads every sheet of an .xlsx, or the one table of a .csv, chosen by the file name.
pub fn read(file_name: &str, bytes: &[u8]) -> Result<Vec<Table>, SheetError> {
    let lower = file_name.to_lowercase();
    let tables = if lower.ends_with(".xlsx") {
        read_xlsx(bytes)?
    } else if lower.ends_with(".csv") {
        vec![read_csv(bytes)?]
    } else {
        return Err(SheetError::UnsupportedType);
    };
    let tables: Vec<Table> = tables.into_iter().filter(|t| !t.header.is_empty()).collect();
    if tables.iter().all(|t| t.rows.is_empty()) {
        return Err(SheetError::Empty);
    }
    Ok(tables)
}

/// [`read`] on tokio's blocking pool: parsing a large upload is CPU work that must not hold up
/// the async workers serving everyone else.
pub async fn read_off_runtime(file_name: &str, bytes: &[u8]) -> Result<Vec<Table>, SheetError> {
    let (name, bytes) = (file_name.to_owned(), bytes.to_vec());
    tokio::task::spawn_blocking(move || read(&name, &bytes)).await.unwrap_or(Err(SheetError::BadXlsx))
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_owned(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        other => other.to_string().trim().to_owned(),
    }
}

/// At most this many columns and filled rows per sheet: far more than any roster or bank, and
/// small enough that a crafted file cannot make the server allocate without bound.
const MAX_COLUMNS: u32 = 256;
const MAX_ROWS: usize = 100_000;

fn read_xlsx(bytes: &[u8]) -> Result<Vec<Table>, SheetError> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|_| SheetError::BadXlsx)?;
    let mut tables = Vec::new();
    for name in book.sheet_names() {
        // Cells are read one by one (not as a dense range, whose size a file can inflate by
        // naming a far-away cell), keeping only filled ones, with rows as Excel numbers them.
        let mut cells: BTreeMap<u32, Vec<(u32, String)>> = BTreeMap::new();
        let mut reader = book.worksheet_cells_reader(&name).map_err(|_| SheetError::BadXlsx)?;
        while let Some(cell) = reader.next_cell().map_err(|_| SheetError::BadXlsx)? {
            let (row, col) = cell.get_position();
            let text = cell_text(&Data::from(cell.get_value().clone()));
            if text.is_empty() {
                continue;
            }
            if col >= MAX_COLUMNS || (cells.len() >= MAX_ROWS && !cells.contains_key(&row)) {
                return Err(SheetError::TooLarge);
            }
            cells.entry(row).or_default().push((col, text));
        }
        drop(reader);
        let Some(first_col) = cells.values().flatten().map(|(c, _)| *c).min() else { continue };
        let width = cells.values().flatten().map(|(c, _)| *c).max().unwrap_or(first_col) - first_col + 1;
        let mut rows = cells.into_iter().map(|(row, filled)| {
            let mut line = vec![String::new(); width as usize];
            for (col, text) in filled {
                line[(col - first_col) as usize] = text;
            }
            (row as usize + 1, line)
        });
        let Some((_, header)) = rows.next() else { continue };
        tables.push(Table { sheet: Some(name), header, rows: rows.collect() });
    }
    Ok(tables)
}

fn read_csv(bytes: &[u8]) -> Result<Table, SheetError> {
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
        .map_err(|_| SheetError::BadCsv("tệp phải được lưu với mã UTF-8".into()))?;
    // Excel in Vietnamese locales saves CSV with semicolons.
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter =
        if first_line.matches(';').count() > first_line.matches(',').count() { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| SheetError::BadCsv(format!("dòng {}: {e}", i + 1)))?;
        records.push((i + 1, record.iter().map(|c| c.trim().to_owned()).collect::<Vec<_>>()));
    }
    let mut iter = records.into_iter();
    let header = iter.next().map(|(_, h)| h).ok_or(SheetError::Empty)?;
    let rows = iter.filter(|(_, cells)| cells.iter().any(|c| !c.is_empty())).collect();
    Ok(Table { sheet: None, header, rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_keep_their_line_numbers_and_skip_blank_lines() {
        let csv = "\u{feff}Họ và tên;Đơn vị\nNguyễn Văn A;Sở Nội vụ\n;\nTrần Thị B;Sở Tư pháp\n";
        let tables = read("ds.csv", csv.as_bytes()).unwrap();
        assert_eq!(tables[0].header, ["Họ và tên", "Đơn vị"]);
        let numbers: Vec<usize> = tables[0].rows.iter().map(|(n, _)| *n).collect();
        assert_eq!(numbers, [2, 4]);
        assert_eq!(tables[0].column(&["don vi"]), Some(1));
    }

    #[test]
    fn xlsx_rows_are_numbered_as_excel_shows_them() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet().set_name("Danh sách").unwrap();
        sheet.write(0, 0, "Họ và tên").unwrap();
        sheet.write(1, 0, "Nguyễn Văn A").unwrap();
        sheet.write(3, 0, "Trần Thị B").unwrap();
        sheet.write(3, 1, 42).unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let tables = read("ds.xlsx", &bytes).unwrap();
        assert_eq!(tables[0].sheet.as_deref(), Some("Danh sách"));
        assert_eq!(
            tables[0].rows,
            vec![(2, vec!["Nguyễn Văn A".into(), "".into()]), (4, vec!["Trần Thị B".into(), "42".into()])]
        );
        assert_eq!(tables[0].locate(4), "Trang tính “Danh sách”, dòng 4");
    }

    #[test]
    fn far_away_cells_are_read_sparsely_and_too_many_columns_refused() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write(0, 0, "Họ và tên").unwrap();
        sheet.write(1_000_000, 0, "Nguyễn Văn A").unwrap();
        let tables = read("ds.xlsx", &book.save_to_buffer().unwrap()).unwrap();
        assert_eq!(tables[0].rows, vec![(1_000_001, vec!["Nguyễn Văn A".into()])]);

        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write(0, 0, "Họ và tên").unwrap();
        sheet.write(1_000_000, 16_000, "x").unwrap();
        assert_eq!(read("ds.xlsx", &book.save_to_buffer().unwrap()).unwrap_err(), SheetError::TooLarge);
    }

    #[test]
    fn unknown_file_types_and_garbage_are_refused() {
        assert_eq!(read("ds.pdf", b"x").unwrap_err(), SheetError::UnsupportedType);
        assert_eq!(read("ds.xlsx", b"not a zip").unwrap_err(), SheetError::BadXlsx);
        assert_eq!(read("ds.csv", b"").unwrap_err(), SheetError::Empty);
    }
}
