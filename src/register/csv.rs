//! `report --format csv`: the register as one row per resource, for Excel and LibreOffice.
//!
//! # Encoding and layout, and why
//!
//! - **UTF-8 with a byte order mark.** Excel decides the encoding of a CSV file it opens by
//!   double-click from the BOM alone: without one it reads Windows-1252 and Dutch text
//!   (`één`, `financiële`, `’t Vlonder`) comes out garbled. LibreOffice Calc, Python's
//!   `utf-8-sig`, R and pandas recognise the BOM and drop it. UTF-8 without a BOM would only be
//!   safe for tools, not for the people this file is for.
//! - **`;` as separator.** Excel splits a CSV at the *list separator* of the Windows regional
//!   settings, which is `;` for Dutch (nl-NL uses the comma as decimal sign). A `,`-separated
//!   file opened by double-click on a Dutch computer lands in one column. LibreOffice asks for
//!   the separator on import and detects `;`; English Excel needs Data > From Text/CSV, which
//!   detects it too. So `;` works by double-click where most of the readers are, and everywhere
//!   with one import step. No `sep=;` line: it breaks the BOM detection and every other parser.
//! - **RFC 4180 otherwise.** Rows end in CRLF; a field is quoted when it contains `;`, `,`,
//!   `"`, CR or LF (`,` too, so that a reader guessing `,` still keeps the fields whole), and a
//!   `"` inside is doubled. Line breaks inside a value are kept (quoted), as Excel shows them.
//! - **Formula injection.** Values come from many hands. A cell that starts with `=`, `+`, `-`,
//!   `@`, a tab or CR would be run as a formula by spreadsheet programs (`=HYPERLINK(...)`), so
//!   it gets a leading `'`, which shows the text as written. The register has no negative
//!   numbers, so no real value is changed by this.
//! - **Lists within a cell** are joined with ` | `.
//! - **Leading zeros.** The file keeps a KvK number like `08142957` as written; Excel shows it
//!   as the number 8142957 when the file is opened by double-click. Import it with Data >
//!   From Text/CSV and set that column to Text to keep the zero.
//!
//! # Columns
//!
//! The columns and how a list is written within a cell are in [`super::columns`]; the header
//! row holds the column ids with `--lang en` and their Dutch headings with `--lang nl`.

use super::Register;
use super::cells::other_cell;
use super::columns::{columns, header};

/// Renders the register as CSV: BOM, `;`, CRLF, a header row, one row per resource, then one
/// row per file that is not in the register (a file that is not a valid declaration:
/// `not_in_register`) and one for the board configuration when it has findings of its own
/// (`board_configuration`). Those rows fill only `status`, the counts, `findings` and `file`:
/// a spreadsheet of the register must not look clean while files of the inventory have errors.
pub fn render(register: &Register) -> String {
    let lang = register.lang;
    let mut out = String::from("\u{feff}");
    push_row(&mut out, header(lang).into_iter().map(str::to_string));
    for r in &register.resources {
        push_row(
            &mut out,
            columns()
                .iter()
                .map(|c| c.value(r, lang).joined(lang, " | ")),
        );
    }
    for o in &register.other_files {
        push_row(
            &mut out,
            columns()
                .iter()
                .map(|c| other_cell(c.id, o, lang).joined(lang, " | ")),
        );
    }
    out
}

fn push_row(out: &mut String, cells: impl Iterator<Item = String>) {
    let cells: Vec<String> = cells.map(|c| cell(&c)).collect();
    out.push_str(&cells.join(";"));
    out.push_str("\r\n");
}

/// One field: guarded against formula injection, then quoted when needed (RFC 4180). A value
/// that starts with `'` followed by what the guard is for gets the guard too, so that `import`,
/// which takes one guard `'` off, reads every value back as written.
pub(crate) fn cell(value: &str) -> String {
    let guarded = if value.starts_with(GUARDED)
        || value
            .strip_prefix('\'')
            .is_some_and(|v| v.starts_with(GUARDED))
    {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if guarded.contains([';', ',', '"', '\r', '\n']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// The first characters that make a spreadsheet program read a cell as a formula.
pub(crate) const GUARDED: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_guarded() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a;b"), "\"a;b\"");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("+31 20"), "'+31 20");
        assert_eq!(cell("-1"), "'-1");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("\tcmd"), "'\tcmd");
        assert_eq!(cell("\r=1+1"), "\"'\r=1+1\"");
        assert_eq!(cell("a=b"), "a=b");
        assert_eq!(cell("'t Vlonder"), "'t Vlonder");
        assert_eq!(cell("'=x"), "''=x");
        assert_eq!(cell(""), "");
    }
}
