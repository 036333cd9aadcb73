//! Reading a spreadsheet into a grid of cells: `.xlsx`, `.xlsm`, `.xls`, `.ods` with
//! `calamine` (pure Rust, reads the files itself), `.csv` / `.txt` with the `csv` crate.
//!
//! CSV: UTF-8 with or without a byte order mark; the separator is `;` or `,`, whichever the
//! first line holds more of outside quotes (Dutch Excel writes `;`, English `,`); quoted fields
//! may hold separators and line breaks (RFC 4180). The `'` that `report --format csv` puts
//! before a value starting with `=`, `+`, `-`, `@`, a tab or CR (against formula injection) is
//! taken off again. A file that is not UTF-8 is refused with a hint to save it as "CSV UTF-8",
//! rather than read with guessed characters.

use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};

use crate::register::csv::GUARDED;

/// One cell as the spreadsheet holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// A date cell: days since 1899-12-30 (Excel's serial number, what calamine gives).
    Serial(f64),
    /// A date cell of an OpenDocument file, as ISO 8601 text.
    Iso(String),
    /// An error value such as `#N/A`.
    Error(String),
}

impl Value {
    pub fn is_empty(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// The cells of one sheet, row by row, and the sheet's name for messages.
#[derive(Debug)]
pub struct Grid {
    pub sheet: String,
    pub rows: Vec<Vec<Value>>,
}

/// The cell reference of 0-based `row` and `col`: `Q5`.
pub fn reference(row: usize, col: usize) -> String {
    let mut letters = String::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.insert(0, char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

/// Reads `path`: a workbook's sheet `sheet` (default: the register's resources sheet,
/// `Resources` or `Middelen`, else the first), or a CSV file. The error is for the user.
pub fn read(path: &Path, sheet: Option<&str>) -> Result<Grid, String> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "csv" | "txt" => {
            let bytes =
                std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            read_csv(&bytes, &name)
        }
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => read_workbook(path, sheet),
        _ => Err(format!(
            "{}: not a spreadsheet ibp-lint reads (.xlsx, .xls, .ods or .csv)",
            path.display()
        )),
    }
}

fn read_workbook(path: &Path, sheet: Option<&str>) -> Result<Grid, String> {
    let mut book =
        open_workbook_auto(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| n.as_str() == wanted)
            .or_else(|| names.iter().find(|n| n.eq_ignore_ascii_case(wanted)))
            .cloned()
            .ok_or_else(|| {
                format!(
                    "{} has no sheet `{wanted}`; its sheets: {}",
                    path.display(),
                    names.join(", ")
                )
            })?,
        None => names
            .iter()
            .find(|n| {
                crate::register::xlsx::sheet_names(crate::lang::Lang::En)[0].eq_ignore_ascii_case(n)
                    || crate::register::xlsx::sheet_names(crate::lang::Lang::Nl)[0]
                        .eq_ignore_ascii_case(n)
            })
            .or_else(|| names.first())
            .cloned()
            .ok_or_else(|| format!("{} has no sheets", path.display()))?,
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|e| format!("cannot read sheet `{name}` of {}: {e}", path.display()))?;
    // The range starts at its first used cell; references count from A1.
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut rows: Vec<Vec<Value>> = vec![Vec::new(); top as usize];
    for row in range.rows() {
        let mut cells = vec![Value::Empty; left as usize];
        cells.extend(row.iter().map(cell));
        rows.push(cells);
    }
    Ok(Grid { sheet: name, rows })
}

fn cell(data: &Data) -> Value {
    match data {
        Data::Empty => Value::Empty,
        Data::String(s) => Value::Text(s.clone()),
        Data::Int(i) => Value::Number(*i as f64),
        Data::Float(f) => Value::Number(*f),
        Data::Bool(b) => Value::Bool(*b),
        Data::DateTime(d) => Value::Serial(d.as_f64()),
        Data::DateTimeIso(s) => Value::Iso(s.clone()),
        Data::DurationIso(s) => Value::Text(s.clone()),
        Data::Error(e) => Value::Error(e.to_string()),
    }
}

fn read_csv(bytes: &[u8], name: &str) -> Result<Grid, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| {
        format!(
            "{name} is not UTF-8 text; in Excel save it as \"CSV UTF-8 (comma delimited)\", in LibreOffice choose the character set Unicode (UTF-8)"
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delimiter = separator(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| format!("{name}: not valid CSV: {e}"))?;
        rows.push(
            record
                .iter()
                .map(|field| match unguard(field) {
                    "" => Value::Empty,
                    s => Value::Text(s.to_string()),
                })
                .collect(),
        );
    }
    Ok(Grid {
        sheet: name.to_string(),
        rows,
    })
}

/// `;` or `,`: the one the first line holds more of, outside quotes (`;` on a tie).
fn separator(text: &str) -> u8 {
    let (mut semicolons, mut commas, mut quoted) = (0, 0, false);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => semicolons += 1,
            ',' if !quoted => commas += 1,
            '\n' if !quoted => break,
            _ => {}
        }
    }
    if commas > semicolons { b',' } else { b';' }
}

/// Takes off the `'` the CSV register puts before a value a spreadsheet would run as a formula.
fn unguard(field: &str) -> &str {
    match field.strip_prefix('\'') {
        Some(rest)
            if rest.starts_with(GUARDED)
                || rest
                    .strip_prefix('\'')
                    .is_some_and(|r| r.starts_with(GUARDED)) =>
        {
            rest
        }
        _ => field,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_spreadsheet_style() {
        assert_eq!(reference(0, 0), "A1");
        assert_eq!(reference(4, 16), "Q5");
        assert_eq!(reference(9, 25), "Z10");
        assert_eq!(reference(0, 26), "AA1");
        assert_eq!(reference(1, 701), "ZZ2");
        assert_eq!(reference(1, 702), "AAA2");
    }

    #[test]
    fn csv_takes_either_separator_with_or_without_bom() {
        let semi = read_csv("\u{feff}naam;soort\r\nA;\"x;y\"\r\n".as_bytes(), "a.csv").unwrap();
        assert_eq!(
            semi.rows[1],
            vec![Value::Text("A".into()), Value::Text("x;y".into())]
        );
        let comma = read_csv(b"naam,soort\nA,\"x,y\"\n", "b.csv").unwrap();
        assert_eq!(
            comma.rows[1],
            vec![Value::Text("A".into()), Value::Text("x,y".into())]
        );
        assert!(
            read_csv(b"naam;\xff\n", "c.csv")
                .unwrap_err()
                .contains("UTF-8")
        );
    }

    #[test]
    fn the_formula_guard_comes_off_and_only_it() {
        assert_eq!(unguard("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(unguard("'-1"), "-1");
        assert_eq!(unguard("''=x"), "'=x");
        assert_eq!(unguard("'t Vlonder"), "'t Vlonder");
        assert_eq!(unguard("''t"), "''t");
        assert_eq!(unguard("plain"), "plain");
    }
}
