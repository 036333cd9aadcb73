//! Output formats of `check`: one module per format, each a function from a finished report
//! to text. Renderers never decide anything (severity, waivers and order are settled before);
//! they only lay the report out. The same report gives the same bytes.

pub mod concise;
pub mod human;
pub mod json;

use crate::check::Report;

/// The `--format` values of `check` that exist in this version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Diagnostics with source snippets (default).
    Human,
    /// One line per finding: `path:line:col: severity[CODE] message`.
    Concise,
    /// The versioned JSON report of cli.md.
    Json,
}

/// Options of the human renderer.
#[derive(Debug, Clone, Copy, Default)]
pub struct HumanOptions {
    pub color: bool,
    pub quiet: bool,
    pub show_waived: bool,
    /// Terminal width for wrapping; fixed in tests.
    pub width: usize,
}

/// Renders a report in `format`.
pub fn render(report: &Report, format: Format, human: HumanOptions) -> String {
    match format {
        Format::Human => human::render(report, human),
        Format::Concise => concise::render(report),
        Format::Json => json::render(report),
    }
}

/// `checked N files: E errors, W warnings, I infos (X waived)`.
pub fn summary_line(report: &Report) -> String {
    let (e, w, i, x) = report.counts();
    format!(
        "checked {} files: {e} errors, {w} warnings, {i} infos ({x} waived)",
        report.files
    )
}
