//! `github`: GitHub Actions workflow commands, one annotation per counted finding
//! (`::error`, `::warning` or `::notice` with file, lines, columns and the code as title; the
//! message, then the help and the references on lines of their own), then the summary line.
//! Waived findings are left out, as in the human format's default.
//!
//! Every annotation has `file`, `line` and `col` as the JSON report gives them (the form of
//! GitHub's own example, `file=app.js,line=1,col=5,endColumn=7`). GitHub accepts an end
//! column only on a one-line annotation, so a one-line node also gets `endColumn`, and a node
//! over several lines (a block mapping or list) is annotated at its first line and column
//! alone: with `endLine` the columns would have to go.
//!
//! **GitHub's limits.** A step shows at most 10 error, 10 warning and 10 notice annotations
//! (actions/toolkit, docs/problem-matchers.md, "Limitations"); the rest are dropped without a
//! word. So the first [`PER_KIND`] findings of each severity, in report order, become
//! annotations (nine notices: the tenth is ours); every further finding is written, in its
//! place in report order, as a plain log line in the concise form
//! (`path:line:col: severity[CODE] message`), and at the end one `::notice` says how many were
//! not annotated and that they are in this step's log. [`step_summary`] is
//! the Markdown that `cli` appends to `$GITHUB_STEP_SUMMARY` (at most 1 MiB per step:
//! [`SUMMARY_BUDGET`] keeps far below it).

use std::fmt::Write;

use crate::finding::{Finding, Severity};
use crate::report::{Head, Part, Tally};

/// Annotations of one kind GitHub shows per step.
pub const PER_KIND: usize = 10;

/// Bytes the step summary may take (GitHub's cap is 1 MiB per step, shared with other steps'
/// output in the same step).
pub const SUMMARY_BUDGET: usize = 64 * 1024;

/// The GitHub sink: annotations and log lines as their files are reported, then the notice
/// about the findings not annotated and the summary line.
#[derive(Default)]
pub struct Github {
    /// Annotations written so far: errors, warnings, notices.
    shown: (usize, usize, usize),
    unannotated: usize,
}

impl super::Sink for Github {
    fn part(
        &mut self,
        head: &Head,
        part: &Part<'_>,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        let mut text = String::new();
        for f in part.findings.iter().filter(|f| f.counted()) {
            let (shown, cap) = match f.severity {
                Severity::Error => (&mut self.shown.0, PER_KIND),
                Severity::Warning => (&mut self.shown.1, PER_KIND),
                // One notice is kept for the line that counts the findings not annotated.
                Severity::Info => (&mut self.shown.2, PER_KIND - 1),
            };
            if *shown < cap {
                *shown += 1;
                let _ = writeln!(text, "{}", annotation(f, head.lang));
            } else {
                self.unannotated += 1;
                let _ = writeln!(text, "{}", log_line(f));
            }
        }
        out.write_all(text.as_bytes())
    }

    fn end(
        &mut self,
        head: &Head,
        tally: &Tally,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        let mut text = String::new();
        if self.unannotated > 0 {
            let words = crate::words::words(head.lang);
            let count = self.unannotated.to_string();
            let _ = writeln!(
                text,
                "::notice title=ibp-lint::{}",
                data(&crate::words::fill(
                    words.not_annotated,
                    &[("count", &count), ("max", &PER_KIND.to_string())]
                ))
            );
        }
        text.push_str(&super::closing_lines(head, tally));
        out.write_all(text.as_bytes())
    }
}

/// A finding GitHub would not show as an annotation, as a plain line of the step's log (the
/// concise form; a path that would start a workflow command gets `./`).
fn log_line(f: &Finding) -> String {
    format!(
        "{}:{}:{}: {}[{}] {}",
        super::line_safe_path(&f.file),
        f.position.line,
        f.position.column,
        f.severity,
        f.code,
        crate::text::printable(&f.message)
    )
}

/// The Markdown job summary of a run: the counts per severity, per rule (with its title) and
/// the files with the most errors and warnings. Cells are escaped (`|`, line breaks, markup),
/// and the whole stays within [`SUMMARY_BUDGET`]: rules and files beyond it are counted, not
/// listed.
pub fn step_summary(head: &Head, tally: &Tally) -> String {
    let w = crate::words::words(head.lang);
    let (errors, warnings, infos, waived) = tally.counts();
    let mut out = String::new();
    let _ = writeln!(out, "## ibp-lint\n");
    let _ = writeln!(out, "{}\n", super::summary_line(head, tally));
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} |\n|---:|---:|---:|---:|\n| {errors} | {warnings} | {infos} | {waived} |\n",
        w.errors, w.warnings, w.infos, w.waived
    );
    // Per rule: counted findings, in catalogue order.
    if !tally.per_rule.is_empty() {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |\n|---|---|---:|---|",
            w.rule_code, w.severity, w.findings, w.rule
        );
        let mut left = 0usize;
        for rule in head.catalogue.rules() {
            let Some((n, severity)) = tally.per_rule.get(rule.code.as_str()) else {
                continue;
            };
            if out.len() > SUMMARY_BUDGET / 2 {
                left += 1;
                continue;
            }
            let _ = writeln!(
                out,
                "| `{}` | {} | {n} | {} |",
                rule.code,
                severity.label(head.lang),
                cell(rule.title.get(head.lang))
            );
        }
        if left > 0 {
            let _ = writeln!(
                out,
                "| … | | | {} |",
                cell(&crate::words::fill(
                    w.more_rules,
                    &[("count", &left.to_string())]
                ))
            );
        }
        out.push('\n');
    }
    if !tally.worst.is_empty() {
        let _ = writeln!(
            out,
            "| {} | {} | {} |\n|---|---:|---:|",
            w.worst_files, w.errors, w.warnings
        );
        for (file, (e, warn)) in &tally.worst {
            if out.len() > SUMMARY_BUDGET - 1024 {
                break;
            }
            let _ = writeln!(out, "| `{}` | {e} | {warn} |", cell(file).replace('`', "'"));
        }
        out.push('\n');
    }
    out
}

/// Text safe in a Markdown table cell: no line break, no `|`, no HTML.
fn cell(text: &str) -> String {
    crate::text::printable(text)
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn annotation(f: &Finding, lang: crate::lang::Lang) -> String {
    let command = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let (end_line, end_column) = super::region_end(&f.position);
    let mut place = format!("line={},col={}", f.position.line, f.position.column);
    if end_line == f.position.line {
        let _ = write!(place, ",endColumn={end_column}");
    }
    let mut message = f.message.clone();
    if !f.help.is_empty() {
        message.push('\n');
        message.push_str(&f.help);
    }
    if !f.references.is_empty() {
        message.push('\n');
        message.push_str(crate::words::words(lang).references);
        message.push_str(": ");
        message.push_str(&f.references.join("; "));
    }
    format!(
        "::{command} file={},{place},title={}::{}",
        property(&crate::text::printable(&f.file)),
        property(&f.code),
        data(&crate::text::printable_but_lines(&message))
    )
}

/// Escapes the message of a workflow command (`%`, CR, LF).
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value of a workflow command: as [`data`], plus `:` and `,`, which
/// would otherwise end the value.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locate::Position;

    fn finding(message: &str, file: &str) -> Finding {
        Finding {
            code: "BOARD-001".into(),
            severity: Severity::Warning,
            file: file.into(),
            resource: Some("x".into()),
            path: "/purposes".into(),
            position: Position::on_line(7, 3, 0, 4),
            message: message.into(),
            help: "use 50% less: or none".into(),
            references: vec!["AVG art. 5(1)(c)".into(), "Convenant 4.0, art. 3".into()],
            field: None,
            related: Vec::new(),
            waived: None,
            value_hash: String::new(),
            baselined: false,
        }
    }

    #[test]
    fn message_and_properties_are_escaped() {
        assert_eq!(data("100% a:b, c\r\nd"), "100%25 a:b, c%0D%0Ad");
        assert_eq!(property("100% a:b, c\r\nd"), "100%25 a%3Ab%2C c%0D%0Ad");
        let line = annotation(
            &finding("50%: a, b\nc", "po, vo/a:b.yaml"),
            crate::lang::Lang::En,
        );
        assert_eq!(
            line,
            "::warning file=po%2C vo/a%3Ab.yaml,line=7,col=3,endColumn=7,title=BOARD-001\
             ::50%25: a, b%0Ac%0Ause 50%25 less: or none%0Areferences: AVG art. 5(1)(c); Convenant 4.0, art. 3"
        );
        assert_eq!(line.lines().count(), 1, "one command, one line");
    }

    #[test]
    fn a_node_over_several_lines_is_annotated_at_its_start() {
        let mut f = finding("m", "a.yaml");
        f.position.end_line = 9;
        f.position.end_column = 1;
        f.help.clear();
        f.references.clear();
        f.severity = Severity::Info;
        assert_eq!(
            annotation(&f, crate::lang::Lang::En),
            "::notice file=a.yaml,line=7,col=3,title=BOARD-001::m"
        );
    }
}
