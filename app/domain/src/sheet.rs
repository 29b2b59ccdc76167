//! Rows read from an uploaded spreadsheet, with the numbers a user sees in Excel.

use serde::{Deserialize, Serialize};

/// One sheet: its name (none for CSV), the header cells and the non-empty data rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    pub sheet: Option<String>,
    pub header: Vec<String>,
    /// (row number as shown by Excel, 1-based with the header on row 1; cells, trimmed).
    pub rows: Vec<(usize, Vec<String>)>,
}

impl Table {
    /// "Trang tính “Câu hỏi”, dòng 7" or "Dòng 7": where a row is, in Vietnamese.
    pub fn locate(&self, row: usize) -> String {
        match &self.sheet {
            Some(sheet) => format!("Trang tính “{sheet}”, dòng {row}"),
            None => format!("Dòng {row}"),
        }
    }

    /// Like [`Table::locate`], for the middle of a sentence: "trang tính “Câu hỏi”, dòng 7".
    pub fn locate_inline(&self, row: usize) -> String {
        match &self.sheet {
            Some(sheet) => format!("trang tính “{sheet}”, dòng {row}"),
            None => format!("dòng {row}"),
        }
    }

    /// Index of the first header whose accent-free form is one of `names`.
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        self.header.iter().position(|h| names.contains(&crate::text::fold(h).as_str()))
    }
}
