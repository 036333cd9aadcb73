//! Output formats of `check`: one module per format, each a function from a finished report
//! to text. Renderers never decide anything (severity, waivers and order are settled before);
//! they only lay the report out. The same report gives the same bytes.

pub mod concise;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

use crate::finding::Finding;
use crate::hash::fnv1a64;
use crate::locate::Position;
use crate::report::Report;

/// The `--format` values of `check` that exist in this version.
/// (The command line offers them through `cli`'s `clap::ValueEnum` implementation.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Diagnostics with source snippets (default).
    Human,
    /// One line per finding: `path:line:col: severity[CODE] message`.
    Concise,
    /// The versioned JSON report (version 1).
    Json,
    /// SARIF 2.1.0, for code scanning (GitHub, Azure DevOps, IDEs).
    Sarif,
    /// JUnit XML: one test suite per file, one test case per rule.
    Junit,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
    /// GitLab Code Quality report (JSON).
    Gitlab,
}

/// Options of the human renderer.
#[derive(Debug, Clone, Copy, Default)]
pub struct HumanOptions {
    pub color: bool,
    pub quiet: bool,
    pub show_waived: bool,
    pub show_baselined: bool,
    /// Terminal width for wrapping; fixed in tests.
    pub width: usize,
    /// SARIF: put waived and baselined findings in, as `suppressions` (`--sarif-suppressed`).
    pub sarif_suppressed: bool,
}

/// Renders a report in `format`.
pub fn render(report: &Report, format: Format, human: HumanOptions) -> String {
    match format {
        Format::Human => human::render(report, human),
        Format::Concise => concise::render(report, human),
        Format::Json => json::render(report),
        Format::Sarif => sarif::render(report, human.sarif_suppressed),
        Format::Junit => junit::render(report),
        Format::Github => github::render(report),
        Format::Gitlab => gitlab::render(report),
    }
}

/// Writes a report in `format` to `out`; the JSON report is streamed as it is serialised.
pub fn write(
    report: &Report,
    format: Format,
    human: HumanOptions,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Json => json::write(report, out),
        other => out.write_all(render(report, other, human).as_bytes()),
    }
}

/// `checked N files: E errors, W warnings, I infos (X waived)`: the same words in both
/// languages, a line that scripts read.
pub(crate) fn summary_line(report: &Report) -> String {
    let (e, w, i, x) = report.counts();
    let baselined = match report.baseline {
        Some(_) => format!(
            ", {} baselined",
            report.findings.iter().filter(|f| f.baselined).count()
        ),
        None => String::new(),
    };
    format!(
        "checked {} files: {e} errors, {w} warnings, {i} infos ({x} waived{baselined})",
        report.files
    )
}

/// Under the publisher profile, the readiness lines that end a text report: one per
/// declaration (`convenant readiness: N of M requirements met (file; not met: ...)`), each
/// ending in a line break; empty under the officer profile.
pub(crate) fn readiness_lines(report: &Report) -> String {
    let mut out = String::new();
    for r in &report.readiness {
        out.push_str(&r.line(report.lang));
        out.push('\n');
    }
    out
}

/// A stable fingerprint of every finding of the report, in the report's order: a hex FNV-1a
/// hash of its code, file and JSON Pointer, so that it survives lines added above it (SARIF
/// `partialFingerprints`, GitLab `fingerprint`). A finding about a field hashes the field's
/// canonical id instead of its pointer, which holds a list index (`/fields/5`) that a field
/// added above would shift. Findings that share all three (a rule that reports several
/// problems at one node) get their ordinal among them hashed in too, so each fingerprint is
/// unique in a report; the first keeps the plain hash. Language, message, severity and waiver
/// status are left out: none of them makes it another finding.
pub fn fingerprints(findings: &[Finding]) -> Vec<String> {
    let mut seen: std::collections::HashMap<(&str, &str, String), usize> =
        std::collections::HashMap::new();
    findings
        .iter()
        .map(|f| {
            let place = f
                .field
                .as_ref()
                .map_or_else(|| f.path.clone(), |field| format!("field:{field}"));
            let n = seen
                .entry((f.code.as_str(), f.file.as_str(), place.clone()))
                .or_insert(0);
            let ordinal = *n;
            *n += 1;
            let mut parts = vec![f.code.as_str(), f.file.as_str(), place.as_str()];
            let ordinal_text = ordinal.to_string();
            if ordinal > 0 {
                parts.push(&ordinal_text);
            }
            format!("{:016x}", fnv1a64(&parts))
        })
        .collect()
}

/// The end of a finding's region as (line, column), exclusive, never before the start: a
/// position without a usable end (an empty node, a missing key) covers one character.
pub(crate) fn region_end(position: &Position) -> (usize, usize) {
    let before_start = position.end_line < position.line
        || (position.end_line == position.line && position.end_column <= position.column);
    if before_start {
        (position.line, position.column + 1)
    } else {
        (position.end_line, position.end_column)
    }
}

/// A file path as the first thing on a line of text output: control characters visible, and
/// `./` before a path that starts with `::` or `##[` (GitHub reads such a line in the CI log
/// as a workflow command, `::add-mask::`); `./x` names the same file as `x`.
pub(crate) fn line_safe_path(path: &str) -> String {
    let shown = crate::text::printable(path);
    if shown.starts_with(':') || shown.starts_with('#') {
        format!("./{shown}")
    } else {
        shown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a64_matches_the_published_test_vectors() {
        // From the FNV reference test suite (draft-eastlake-fnv).
        assert_eq!(fnv1a64(&[""]), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(&["a"]), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(&["foobar"]), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn parts_are_separated_so_that_shifting_a_boundary_changes_the_hash() {
        assert_ne!(fnv1a64(&["AGR-001", "ab"]), fnv1a64(&["AGR-001a", "b"]));
    }

    #[test]
    fn region_end_is_never_before_the_start() {
        let empty = Position::on_line(4, 7, 0, 0);
        assert_eq!(region_end(&empty), (4, 8));
        assert_eq!(region_end(&Position::START), (1, 2));
        let word = Position::on_line(4, 7, 0, 5);
        assert_eq!(region_end(&word), (4, 12));
        let block = Position {
            end_line: 9,
            end_column: 1,
            ..Position::on_line(4, 7, 0, 0)
        };
        assert_eq!(region_end(&block), (9, 1));
    }
}
