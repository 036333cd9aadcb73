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

use std::fmt::Write;

use crate::finding::{Finding, Severity};
use crate::report::Report;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for f in report.findings.iter().filter(|f| f.counted()) {
        let _ = writeln!(out, "{}", annotation(f, report.lang));
    }
    let _ = writeln!(out, "{}", super::summary_line(report));
    out.push_str(&super::readiness_lines(report));
    out
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
