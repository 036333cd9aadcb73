//! `gitlab`: a GitLab Code Quality report, the JSON array GitLab shows in merge requests.
//! One entry per counted finding (waived ones are left out), with the code as `check_name`, the
//! line where the finding starts, GitLab's severity names, and a fingerprint that survives
//! lines added above the finding (GitLab matches findings between branches by it).

use std::io::Write;

use serde::Serialize;

use crate::finding::Severity;
use crate::report::{Head, Part, Tally};

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

/// The GitLab sink: the array's entries as their files are reported.
#[derive(Default)]
pub struct Gitlab {
    written: usize,
    /// A file's entries are laid out here, then written at once (a write per token through
    /// the output's layers cost more than the layout).
    buffer: Vec<u8>,
}

impl super::Sink for Gitlab {
    fn begin(&mut self, _: &Head, out: &mut dyn Write) -> std::io::Result<()> {
        out.write_all(b"[")
    }

    fn part(&mut self, _: &Head, part: &Part<'_>, out: &mut dyn Write) -> std::io::Result<()> {
        let mut buffer = std::mem::take(&mut self.buffer);
        buffer.clear();
        // Fingerprints count repeats within a file only: a part is a whole file.
        let fingerprints = super::fingerprints(part.findings);
        for (f, fingerprint) in part.findings.iter().zip(&fingerprints) {
            if !f.counted() {
                continue;
            }
            let issue = Issue {
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
            };
            let separator = if self.written == 0 { "\n  " } else { ",\n  " };
            buffer.extend_from_slice(separator.as_bytes());
            super::write_nested_json(&mut buffer, &issue, 1)?;
            self.written += 1;
        }
        let result = out.write_all(&buffer);
        self.buffer = buffer;
        result
    }

    fn end(&mut self, _: &Head, _: &Tally, out: &mut dyn Write) -> std::io::Result<()> {
        // An empty array only when there is nothing to report: a write error ends the run
        // with exit 2, never with a short array that reads as "no issues".
        out.write_all(if self.written == 0 { b"]\n" } else { b"\n]\n" })
    }
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
