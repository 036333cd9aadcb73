//! `gitlab`: a GitLab Code Quality report, the JSON array GitLab shows in merge requests.
//! One entry per counted finding (waived ones are left out), with the code as `check_name`, the
//! line where the finding starts, GitLab's severity names, and a fingerprint that survives
//! lines added above the finding (GitLab matches findings between branches by it).

use serde::Serialize;

use crate::finding::Severity;
use crate::report::Report;

#[derive(Serialize)]
struct Issue<'a> {
    description: &'a str,
    check_name: &'a str,
    fingerprint: &'a str,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

pub fn render(report: &Report) -> String {
    let fingerprints = super::fingerprints(&report.findings);
    let issues: Vec<Issue<'_>> = report
        .findings
        .iter()
        .zip(&fingerprints)
        .filter(|(f, _)| f.counted())
        .map(|(f, fingerprint)| Issue {
            description: &f.message,
            check_name: &f.code,
            fingerprint,
            severity: severity(f.severity),
            location: Location {
                path: &f.file,
                lines: Lines {
                    begin: f.position.line,
                },
            },
        })
        .collect();
    // Never an empty array on failure: that would read as "no issues".
    let mut text =
        serde_json::to_string_pretty(&issues).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}

/// GitLab's names (`info`, `minor`, `major`, `critical`, `blocker`): an error blocks compliance
/// but is no outage, so `critical`; a warning `major`.
fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "critical",
        Severity::Warning => "major",
        Severity::Info => "info",
    }
}
