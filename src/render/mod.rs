//! Output formats of `check`: one module per format, each a [`Sink`] that writes a run file by
//! file as it is checked (`report`'s head, parts and tally), so that no format needs the whole
//! run in memory. Renderers never decide anything (severity, waivers and order are settled
//! before); they only lay the report out. The same run gives the same bytes, streamed or not.

pub mod concise;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

use std::io::Write;

use crate::finding::Finding;
use crate::hash::fnv1a64;
use crate::locate::Position;
use crate::report::{Head, Part, Report, Tally};

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
    /// JUnit XML: one test suite per file, one test case per rule with findings there.
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

/// A format written as the run goes: [`Sink::begin`] before the first file, [`Sink::part`]
/// for each file in report order, [`Sink::end`] with the counts. A sink keeps no more of the
/// run than its format needs at the end (SARIF: at most [`sarif::MAX_RESULTS`] results; the
/// others a few counters).
pub trait Sink {
    /// What comes before the first file (nothing, for the formats that are a list of lines).
    fn begin(&mut self, head: &Head, out: &mut dyn Write) -> std::io::Result<()> {
        let _ = (head, out);
        Ok(())
    }
    fn part(&mut self, head: &Head, part: &Part<'_>, out: &mut dyn Write) -> std::io::Result<()>;
    fn end(&mut self, head: &Head, tally: &Tally, out: &mut dyn Write) -> std::io::Result<()>;
}

/// The sink of `format`.
pub fn sink(format: Format, options: HumanOptions) -> Box<dyn Sink> {
    match format {
        Format::Human => Box::new(human::Human::new(options)),
        Format::Concise => Box::new(concise::Concise { options }),
        Format::Json => Box::new(json::Json::default()),
        Format::Sarif => Box::new(sarif::Sarif::new(options.sarif_suppressed)),
        Format::Junit => Box::new(junit::Junit),
        Format::Github => Box::new(github::Github::default()),
        Format::Gitlab => Box::new(gitlab::Gitlab::default()),
    }
}

/// Writes a whole report in `format` to `out`, through the format's sink.
pub fn write(
    report: &Report,
    format: Format,
    options: HumanOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut sink = sink(format, options);
    sink.begin(report, out)?;
    for part in report.parts() {
        sink.part(report, &part, out)?;
    }
    sink.end(report, &Tally::of(report), out)
}

/// Renders a report in `format`.
pub fn render(report: &Report, format: Format, options: HumanOptions) -> String {
    let mut buffer = Vec::new();
    if let Err(e) = write(report, format, options, &mut buffer) {
        return format!("error: {e}\n");
    }
    String::from_utf8(buffer).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// `checked N files: E errors, W warnings, I infos (X waived)`: the same words in both
/// languages, a line that scripts read.
pub(crate) fn summary_line(head: &Head, tally: &Tally) -> String {
    let baselined = match head.baseline {
        Some(_) => format!(", {} baselined", tally.baselined),
        None => String::new(),
    };
    format!(
        "checked {} files: {} errors, {} warnings, {} infos ({} waived{baselined})",
        head.files, tally.errors, tally.warnings, tally.infos, tally.waived
    )
}

/// What ends a text report: the summary line, then under the publisher profile one readiness
/// line per declaration (`convenant readiness: N of M requirements met (file; not met:
/// ...)`), each line ending in a line break.
pub(crate) fn closing_lines(head: &Head, tally: &Tally) -> String {
    let mut out = summary_line(head, tally);
    out.push('\n');
    for r in &tally.readiness {
        out.push_str(&r.line(head.lang));
        out.push('\n');
    }
    out
}

/// `value` as pretty JSON (serde_json's two-space style) nested `depth` levels deep: every line
/// after the first indented by two spaces a level, so that a streamed document has the bytes
/// of the same document written at once.
pub(crate) fn nested_json(value: &impl serde::Serialize, depth: usize) -> std::io::Result<String> {
    let mut out = Vec::with_capacity(512);
    write_nested_json(&mut out, value, depth)?;
    String::from_utf8(out).map_err(std::io::Error::other)
}

/// [`nested_json`] written straight to `out`, without a text in between (a finding of the
/// JSON report is written this way, half a million times for a large inventory).
pub(crate) fn write_nested_json<W: Write + ?Sized>(
    out: &mut W,
    value: &impl serde::Serialize,
    depth: usize,
) -> std::io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(
        out,
        Nested {
            level: depth,
            has_value: false,
        },
    );
    value
        .serialize(&mut serializer)
        .map_err(std::io::Error::from)
}

/// serde_json's `PrettyFormatter` (two spaces), starting `level` levels deep.
struct Nested {
    level: usize,
    has_value: bool,
}

impl Nested {
    fn indent(&self, out: &mut (impl Write + ?Sized)) -> std::io::Result<()> {
        for _ in 0..self.level {
            out.write_all(b"  ")?;
        }
        Ok(())
    }

    /// `[` or `{`: one level deeper, nothing in it yet.
    fn open(&mut self, out: &mut (impl Write + ?Sized), bracket: &[u8]) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        out.write_all(bracket)
    }

    /// `]` or `}`: on a line of its own unless the array or object is empty.
    fn close(&mut self, out: &mut (impl Write + ?Sized), bracket: &[u8]) -> std::io::Result<()> {
        self.level -= 1;
        if self.has_value {
            out.write_all(b"\n")?;
            self.indent(out)?;
        }
        out.write_all(bracket)
    }

    /// Before an entry: a line of its own, after a comma unless it is the first.
    fn entry(&self, out: &mut (impl Write + ?Sized), first: bool) -> std::io::Result<()> {
        out.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(out)
    }
}

impl serde_json::ser::Formatter for Nested {
    fn begin_array<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.open(out, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.close(out, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        out: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.entry(out, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.open(out, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.close(out, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        out: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.entry(out, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        out.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Compact JSON (as `serde_json::to_string` writes it: no white space outside strings) laid out
/// as [`nested_json`] lays out the same value, without parsing it again: the SARIF sink holds
/// its results compact (a third of the size) and lays them out only when it writes them.
pub(crate) fn reindent(compact: &str, depth: usize) -> String {
    let mut out = String::with_capacity(compact.len() * 3 / 2);
    let mut level = depth;
    let newline = |out: &mut String, level: usize| {
        out.push('\n');
        for _ in 0..level {
            out.push_str("  ");
        }
    };
    let mut chars = compact.chars().peekable();
    let (mut in_string, mut escaped) = (false, false);
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                let close = if c == '{' { '}' } else { ']' };
                if chars.peek() == Some(&close) {
                    chars.next();
                    out.push(close);
                } else {
                    level += 1;
                    newline(&mut out, level);
                }
            }
            '}' | ']' => {
                level = level.saturating_sub(1);
                newline(&mut out, level);
                out.push(c);
            }
            ',' => {
                out.push(',');
                newline(&mut out, level);
            }
            ':' => out.push_str(": "),
            _ => out.push(c),
        }
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
    fn nested_json_is_serde_json_pretty_indented_by_its_depth() {
        let v = serde_json::json!({"a": [1, {"b": []}, {}], "c": {"d": "e"}});
        let pretty = serde_json::to_string_pretty(&v).unwrap_or_default();
        for depth in [0, 1, 3] {
            let indent = "  ".repeat(depth);
            assert_eq!(
                nested_json(&v, depth).unwrap_or_default(),
                pretty.replace('\n', &format!("\n{indent}"))
            );
        }
    }

    #[test]
    fn reindent_lays_out_compact_json_as_serde_json_does() {
        let values = [
            serde_json::json!({"a": 1, "b": [1, 2, {"c": null}], "d": {}, "e": [], "f": true}),
            serde_json::json!([{"x": "quote \" brace { } [ ] colon : comma , back \\ slash"}]),
            serde_json::json!({"k": {"nested": {"deep": [[], [[]], {}]}}, "é": "😀\n\t"}),
            serde_json::json!("plain"),
            serde_json::json!([]),
            serde_json::json!(-1.5e300),
        ];
        for v in &values {
            for depth in [0, 1, 4] {
                let compact = serde_json::to_string(v).unwrap_or_default();
                assert_eq!(
                    reindent(&compact, depth),
                    nested_json(v, depth).unwrap_or_default(),
                    "{compact}"
                );
            }
        }
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
