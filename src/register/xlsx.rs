//! `report --format xlsx`: the register as an Excel workbook (written with `rust_xlsxwriter`,
//! which writes the Office Open XML format itself, no office suite needed).
//!
//! Three sheets, named in the run's language:
//! - **Resources** (`Middelen`, the active sheet): the columns of [`super::columns`], one row
//!   per resource, then the rows of the files outside the register as in the CSV. The header
//!   is bold, frozen and has an autofilter; dates are real Excel dates (`dd-mm-yyyy` in Dutch,
//!   `yyyy-mm-dd` in English), counts and days are numbers, lists hold one item per line (the
//!   cell wraps), and the status cell is coloured (Excel's own bad/neutral/good fills) next to
//!   its word, so colour is never the only sign. `ibp-lint import` reads this sheet back.
//! - **Findings** (`Bevindingen`): one row per open finding: resource, file, line, column,
//!   code, severity, message, how to fix.
//! - **Overview** (`Overzicht`): the counts on top of the register, the agreements by status,
//!   the convenant by status and the agreements that end soon.
//!
//! Every value is written as a string, number or date cell, never as a formula, so a value
//! starting with `=` is text here (the CSV needs a guard for that; a workbook does not). The
//! workbook's creation date is the run's `today` and the archive carries no clock time, so the
//! same inventory and `--today` give the same bytes. A cell holds at most 32,767 characters
//! (Excel's limit): a longer `findings` cell is cut with a note to see the findings sheet, and a
//! longer value of a declaration is an error rather than a register that reads back different.

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError,
};

use super::cells::other_cell;
use super::columns::{Cell, columns};
use super::{Register, Status, labels};
use crate::dates::parse_date;
use crate::lang::Lang;

/// Excel's limit on the characters in one cell.
const MAX_CELL: usize = 32_767;

/// Why the workbook could not be made.
#[derive(Debug, thiserror::Error)]
pub enum XlsxFailure {
    #[error("{0}")]
    Writer(#[from] XlsxError),
    #[error(
        "the value of column `{column}` of resource `{resource}` has {length} characters, more than the 32,767 an Excel cell holds; use --format csv"
    )]
    TooLong {
        column: &'static str,
        resource: String,
        length: usize,
    },
}

/// The sheet names, in `lang`.
pub fn sheet_names(lang: Lang) -> [&'static str; 3] {
    [
        labels::pick(lang, "Resources", "Middelen"),
        labels::pick(lang, "Findings", "Bevindingen"),
        labels::pick(lang, "Overview", "Overzicht"),
    ]
}

struct Formats {
    lang: Lang,
    header: Format,
    text: Format,
    wrap: Format,
    date: Format,
    status: [Format; 4],
}

impl Formats {
    fn new(lang: Lang) -> Self {
        let fill = |bg: u32, fg: u32| {
            Format::new()
                .set_background_color(Color::RGB(bg))
                .set_font_color(Color::RGB(fg))
                .set_align(FormatAlign::Top)
        };
        Formats {
            lang,
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color(Color::RGB(0x00D9_E1F2)),
            text: Format::new().set_align(FormatAlign::Top),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            date: Format::new()
                .set_num_format(labels::pick(lang, "yyyy-mm-dd", "dd-mm-yyyy"))
                .set_align(FormatAlign::Top),
            status: [
                fill(0x00FF_C7CE, 0x009C_0006),
                fill(0x00FF_EB9C, 0x009C_5700),
                fill(0x00C6_EFCE, 0x0000_6100),
                fill(0x00FF_C7CE, 0x009C_0006),
            ],
        }
    }
}

/// Renders the register as an `.xlsx` workbook.
pub fn render(register: &Register) -> Result<Vec<u8>, XlsxFailure> {
    let lang = register.lang;
    let formats = Formats::new(lang);
    let names = sheet_names(lang);
    let mut book = Workbook::new();
    let created = ExcelDateTime::parse_from_str(&register.today_text())?;
    book.set_properties(
        &DocProperties::new()
            .set_title(register.words().title)
            .set_creation_datetime(&created),
    );

    let overview = book.add_worksheet();
    overview.set_name(names[2])?;
    write_overview(overview, register, &formats)?;

    let sheet = book.add_worksheet();
    sheet.set_name(names[0])?;
    write_resources(sheet, register, &formats)?;
    sheet.set_active(true);

    let findings = book.add_worksheet();
    findings.set_name(names[1])?;
    write_findings(findings, register, &formats)?;

    Ok(book.save_to_buffer()?)
}

fn write_resources(
    sheet: &mut Worksheet,
    register: &Register,
    formats: &Formats,
) -> Result<(), XlsxFailure> {
    let lang = register.lang;
    let columns = columns();
    let mut widths: Vec<usize> = columns
        .iter()
        .map(|c| c.heading(lang).len().min(30))
        .collect();
    for (col, c) in (0u16..).zip(columns) {
        sheet.write_string_with_format(0, col, c.heading(lang), &formats.header)?;
    }
    let mut row: u32 = 1;
    for r in &register.resources {
        for ((col, c), width) in (0u16..).zip(columns).zip(widths.iter_mut()) {
            let cell = c.value(r, lang);
            let status = (c.id == "status").then(|| match r.status() {
                Status::Errors => 0,
                Status::Warnings => 1,
                Status::Compliant => 2,
            });
            write_cell(sheet, (row, col), &cell, status, formats, &r.id, width)?;
        }
        row += 1;
    }
    for o in &register.other_files {
        for ((col, c), width) in (0u16..).zip(columns).zip(widths.iter_mut()) {
            let cell = other_cell(c.id, o, lang);
            let status = (c.id == "status").then_some(3);
            write_cell(sheet, (row, col), &cell, status, formats, &o.file, width)?;
        }
        row += 1;
    }
    for (col, width) in (0u16..).zip(&widths) {
        // Excel's width unit is about one character of the default font; longer cells wrap.
        sheet.set_column_width(col, (*width).clamp(8, 60) as f64 + 1.0)?;
    }
    sheet.set_freeze_panes(1, 1)?;
    let last_col = u16::try_from(columns.len().saturating_sub(1)).unwrap_or(u16::MAX);
    sheet.autofilter(0, 0, row.saturating_sub(1), last_col)?;
    Ok(())
}

/// One cell of the resources sheet, of the row of `owner` (a resource id or a file, for the
/// error); `status` picks the status fill.
fn write_cell(
    sheet: &mut Worksheet,
    (row, col): (u32, u16),
    cell: &Cell,
    status: Option<usize>,
    formats: &Formats,
    owner: &str,
    width: &mut usize,
) -> Result<(), XlsxFailure> {
    let lang = formats.lang;
    let column = columns().get(usize::from(col)).map_or("", |c| c.id);
    match cell {
        Cell::Number(n) => {
            sheet.write_number_with_format(row, col, *n as f64, &formats.text)?;
            *width = (*width).max(n.to_string().len());
        }
        Cell::Date(d) => match parse_date(d).and_then(|date| excel_date(date).ok()) {
            Some(date) => {
                sheet.write_datetime_with_format(row, col, &date, &formats.date)?;
                *width = (*width).max(10);
            }
            None => {
                sheet.write_string_with_format(row, col, d, &formats.text)?;
                *width = (*width).max(d.chars().count());
            }
        },
        Cell::Text(t) if t.is_empty() => {}
        Cell::Text(_) | Cell::List(_) => {
            let mut text = cell.joined(lang, "\n");
            let length = text.chars().count();
            if length > MAX_CELL {
                if column != "findings" {
                    return Err(XlsxFailure::TooLong {
                        column,
                        resource: owner.to_string(),
                        length,
                    });
                }
                let note = labels::pick(
                    lang,
                    "\n… (cut: Excel's cell limit; every finding is on the findings sheet)",
                    "\n… (ingekort: de limiet van een Excel-cel; alle bevindingen staan op het blad Bevindingen)",
                );
                text = text.chars().take(MAX_CELL - note.chars().count()).collect();
                text.push_str(note);
            }
            let format = match status {
                Some(i) => formats.status.get(i).unwrap_or(&formats.text),
                None if matches!(cell, Cell::List(_)) || text.contains('\n') => &formats.wrap,
                None => &formats.text,
            };
            sheet.write_string_with_format(row, col, &text, format)?;
            let longest = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
            *width = (*width).max(longest);
        }
    }
    Ok(())
}

fn excel_date(date: chrono::NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    use chrono::Datelike;
    let year =
        u16::try_from(date.year()).map_err(|_| XlsxError::DateTimeRangeError(date.to_string()))?;
    ExcelDateTime::from_ymd(year, date.month() as u8, date.day() as u8)
}

fn write_findings(
    sheet: &mut Worksheet,
    register: &Register,
    formats: &Formats,
) -> Result<(), XlsxFailure> {
    let lang = register.lang;
    let w = register.words();
    let headings = [
        w.resource,
        labels::pick(lang, "file", "bestand"),
        labels::pick(lang, "line", "regel"),
        labels::pick(lang, "column", "kolom"),
        w.code,
        w.severity,
        w.message,
        w.how_to_fix,
    ];
    for (col, h) in (0u16..).zip(headings) {
        sheet.write_string_with_format(0, col, h, &formats.header)?;
    }
    let mut row: u32 = 1;
    let resources = register
        .resources
        .iter()
        .map(|r| (r.id.as_str(), &r.findings));
    let others = register.other_files.iter().map(|o| ("", &o.findings));
    for (resource, findings) in resources.chain(others) {
        for f in findings {
            let cut = |s: &str| s.chars().take(MAX_CELL).collect::<String>();
            sheet.write_string_with_format(row, 0, resource, &formats.text)?;
            sheet.write_string_with_format(row, 1, cut(&f.file), &formats.text)?;
            sheet.write_number_with_format(row, 2, f.position.line as f64, &formats.text)?;
            sheet.write_number_with_format(row, 3, f.position.column as f64, &formats.text)?;
            sheet.write_string_with_format(row, 4, &f.code, &formats.text)?;
            sheet.write_string_with_format(row, 5, f.severity.label(lang), &formats.text)?;
            sheet.write_string_with_format(row, 6, cut(&f.message), &formats.wrap)?;
            sheet.write_string_with_format(row, 7, cut(&f.help), &formats.wrap)?;
            row += 1;
        }
    }
    for (col, width) in (0u16..).zip([20.0, 36.0, 7.0, 7.0, 10.0, 12.0, 70.0, 70.0]) {
        sheet.set_column_width(col, width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, row.saturating_sub(1), 7)?;
    Ok(())
}

fn write_overview(
    sheet: &mut Worksheet,
    register: &Register,
    formats: &Formats,
) -> Result<(), XlsxFailure> {
    let lang = register.lang;
    let w = register.words();
    let o = &register.overview;
    let mut row: u32 = 0;
    sheet.write_string_with_format(row, 0, w.title, &formats.header)?;
    row += 1;
    let organisation = register
        .organisation
        .as_deref()
        .unwrap_or(w.organisation_unset);
    sheet.write_string(row, 0, w.organisation)?;
    sheet.write_string(row, 1, organisation)?;
    row += 1;
    sheet.write_string(row, 0, w.date)?;
    if let Ok(today) = excel_date(register.today) {
        sheet.write_datetime_with_format(row, 1, &today, &formats.date)?;
    }
    row += 2;

    let mut counts: Vec<(String, usize)> = vec![
        (w.files_checked.to_string(), o.files),
        (w.resources.to_string(), o.resources),
        (w.with_errors.to_string(), o.with_errors),
        (w.warnings_only.to_string(), o.warnings_only),
        (w.compliant.to_string(), o.compliant),
        (w.not_in_register.to_string(), o.other_files),
    ];
    let severities = [
        (
            labels::pick(lang, "open errors", "open fouten"),
            o.counts.errors,
        ),
        (
            labels::pick(lang, "open warnings", "open waarschuwingen"),
            o.counts.warnings,
        ),
        (
            labels::pick(lang, "open infos", "open info"),
            o.counts.infos,
        ),
        (w.waived, o.counts.waived),
    ];
    counts.extend(severities.iter().map(|(l, n)| ((*l).to_string(), *n)));
    for (label, coded) in [(w.agreements, &o.agreements), (w.convenant, &o.convenant)] {
        for (c, n) in coded.iter() {
            counts.push((format!("{label}: {}", c.label), *n));
        }
    }
    sheet.write_string_with_format(row, 0, w.counts, &formats.header)?;
    sheet.write_string_with_format(row, 1, w.count, &formats.header)?;
    row += 1;
    for (label, n) in counts {
        sheet.write_string(row, 0, &label)?;
        sheet.write_number(row, 1, n as f64)?;
        row += 1;
    }
    row += 1;

    sheet.write_string_with_format(row, 0, w.expiring, &formats.header)?;
    sheet.write_string_with_format(row, 1, w.end_date, &formats.header)?;
    sheet.write_string_with_format(row, 2, w.state, &formats.header)?;
    row += 1;
    if o.ending.is_empty() {
        sheet.write_string(row, 0, w.expiring_none)?;
    }
    for e in &o.ending {
        let Some(r) = register.resources.get(e.resource) else {
            continue;
        };
        sheet.write_string(row, 0, format!("{} ({})", r.name, r.id))?;
        if let Ok(date) = excel_date(e.date) {
            sheet.write_datetime_with_format(row, 1, &date, &formats.date)?;
        }
        sheet.write_string(row, 2, labels::ends(lang, e.days_left))?;
        row += 1;
    }
    sheet.set_column_width(0, 48.0)?;
    sheet.set_column_width(1, 14.0)?;
    sheet.set_column_width(2, 40.0)?;
    Ok(())
}
