//! `concise`: one line per counted finding, `path:line:col: severity[CODE] message`, then the
//! summary line. Waived findings are left out, as in the human format's default.

use std::fmt::Write;

use crate::check::Report;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for f in report.findings.iter().filter(|f| f.counted()) {
        let _ = writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            f.file, f.position.line, f.position.column, f.severity, f.code, f.message
        );
    }
    let _ = writeln!(out, "{}", super::summary_line(report));
    out
}
