//! The outcome of a `check` run, as every renderer, the register and the command line read it.
//!
//! A run is told in three parts, so that it can be written while it runs (issue 20: a national
//! inventory's findings never have to be in memory at once):
//! - [`Head`]: what is known before the first file (the catalogue, the settings, the files);
//! - one [`Part`] per file in report order (sorted by path), with that file's findings and the
//!   source texts its snippets need;
//! - [`Tally`]: the counts, known at the end.
//!
//! [`Report`] is the whole run held at once (the register, tests, the fuzz target): a head with
//! every finding. [`Report::parts`] and [`Tally::of`] turn it back into the streamed form, so
//! every renderer has one code path. Knows nothing of how any of it is shown.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use chrono::NaiveDate;
use serde_json::Value;

use crate::catalogue::Catalogue;
use crate::finding::{Finding, Severity};
use crate::lang::Lang;
use crate::profile::Readiness;

#[derive(Debug, Clone)]
pub struct Declaration {
    pub file: String,
    pub value: Value,
    pub fields: Vec<crate::normalize::Field>,
}

/// What a run knows before its first file is reported.
#[derive(Debug, Clone)]
pub struct Head {
    /// The rules of this run: the built-in catalogue plus the board's custom rules.
    pub catalogue: Catalogue,
    pub lang: Lang,
    pub today: NaiveDate,
    pub files: usize,
    /// Every checked file (display paths, sorted), with or without findings; shared, as the
    /// outputs' protected files hold it too.
    pub checked: std::sync::Arc<Vec<std::sync::Arc<str>>>,
    /// The baseline file used, if any (then the summary counts baselined findings).
    pub baseline: Option<String>,
    /// The board's organisation name from the configuration, if any.
    pub organisation: Option<String>,
    /// The run's profile (`--profile`, else the configuration's, else officer).
    pub profile: crate::profile::Profile,
    /// The board's own files this run read (configuration, baseline, policy files and
    /// folders), which no output may replace (`output::Protected`).
    pub board_files: Vec<PathBuf>,
    /// YAML files inside the board's policy folders, which the check leaves out (allowed by
    /// `policies_may_hold_yaml: true`); the command line names them on standard error.
    pub unchecked: Vec<String>,
    /// The run's settings (thresholds), for reports that explain them.
    pub settings: crate::board::config::Settings,
    /// Codes of the catalogue this run did not apply: set to `off`, or left out by
    /// `--select`/`--ignore`.
    pub inactive: std::collections::BTreeSet<String>,
}

impl Head {
    /// The files of this run that no output may replace: every checked declaration and the
    /// board's files.
    pub(crate) fn protected(&self) -> crate::output::Protected {
        crate::output::Protected::of(self.checked.clone(), &self.board_files)
    }
}

/// One file's share of a report: its findings (settled, in report order) and the texts of the
/// files they show (the file itself, and the files of their related places), by display path.
#[derive(Debug, Clone, Copy)]
pub struct Part<'a> {
    pub file: &'a str,
    /// False for a file with findings that was not checked as a declaration (the board
    /// configuration, for its waivers; the baseline).
    pub checked: bool,
    pub findings: &'a [Finding],
    pub sources: &'a HashMap<String, String>,
}

/// A [`Part`] that owns its data, as a streamed run hands it over.
#[derive(Debug, Clone, Default)]
pub struct OwnedPart {
    pub file: String,
    pub checked: bool,
    pub findings: Vec<Finding>,
    pub sources: HashMap<String, String>,
    /// The schema-valid declaration, when the run keeps documents (the register).
    pub declaration: Option<Declaration>,
}

impl OwnedPart {
    pub fn as_part(&self) -> Part<'_> {
        Part {
            file: &self.file,
            checked: self.checked,
            findings: &self.findings,
            sources: &self.sources,
        }
    }
}

/// Files the step summary names, at most.
pub const WORST_FILES: usize = 10;

/// The counts of a run, added up part by part.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub waived: usize,
    pub baselined: usize,
    /// Every finding, counted or not.
    pub findings: usize,
    /// Declarations whose `id` could be read.
    pub resources: usize,
    /// Under the publisher profile: every declaration's convenant readiness, in file order.
    pub readiness: Vec<Readiness>,
    /// Counted findings per code, with the highest severity among them.
    pub per_rule: BTreeMap<String, (usize, Severity)>,
    /// The files with the most counted errors, then warnings: at most [`WORST_FILES`], worst
    /// first, ties by path.
    pub worst: Vec<(String, (usize, usize))>,
}

impl Tally {
    /// Adds a part's findings.
    pub fn add(&mut self, part: &Part<'_>) {
        let mut file = (0usize, 0usize);
        for f in part.findings {
            self.findings += 1;
            if f.waived.is_some() {
                self.waived += 1;
                continue;
            }
            if f.baselined {
                self.baselined += 1;
                continue;
            }
            match f.severity {
                Severity::Error => {
                    self.errors += 1;
                    file.0 += 1;
                }
                Severity::Warning => {
                    self.warnings += 1;
                    file.1 += 1;
                }
                Severity::Info => self.infos += 1,
            }
            match self.per_rule.get_mut(&f.code) {
                Some(entry) => {
                    entry.0 += 1;
                    entry.1 = entry.1.max(f.severity);
                }
                None => {
                    self.per_rule.insert(f.code.clone(), (1, f.severity));
                }
            }
        }
        if file.0 + file.1 > 0 {
            self.rank(part.file, file);
        }
    }

    /// Keeps `file` among the worst files if it is one of them.
    fn rank(&mut self, file: &str, counts: (usize, usize)) {
        let worse = |a: &(usize, usize), a_file: &str, b: &(usize, usize), b_file: &str| {
            b.cmp(a).then(a_file.cmp(b_file)) == std::cmp::Ordering::Less
        };
        if self.worst.len() == WORST_FILES
            && self
                .worst
                .last()
                .is_some_and(|(last, c)| !worse(&counts, file, c, last))
        {
            return;
        }
        let at = self
            .worst
            .iter()
            .position(|(f, c)| worse(&counts, file, c, f))
            .unwrap_or(self.worst.len());
        self.worst.insert(at, (file.to_string(), counts));
        self.worst.truncate(WORST_FILES);
    }

    /// The counts of a whole report.
    pub fn of(report: &Report) -> Tally {
        let mut tally = Tally {
            resources: report.resources,
            readiness: report.readiness.clone(),
            ..Tally::default()
        };
        for part in report.parts() {
            tally.add(&part);
        }
        tally
    }

    /// Counts of (errors, warnings, infos, waived); waived findings count only as waived.
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        (self.errors, self.warnings, self.infos, self.waived)
    }

    /// Whether a counted finding is at or above `level` (`None` = never fail).
    pub fn fails(&self, level: Option<Severity>) -> bool {
        match level {
            None => false,
            Some(Severity::Error) => self.errors > 0,
            Some(Severity::Warning) => self.errors + self.warnings > 0,
            Some(Severity::Info) => self.errors + self.warnings + self.infos > 0,
        }
    }
}

/// The outcome of a run, held at once.
#[derive(Debug, Clone)]
pub struct Report {
    pub head: Head,
    /// The schema-valid declarations, in file order, when `Options::keep_documents` was set.
    pub declarations: Vec<Declaration>,
    /// Under the publisher profile: every declaration's convenant readiness, in file order.
    pub readiness: Vec<Readiness>,
    pub resources: usize,
    pub findings: Vec<Finding>,
    /// File text by display path, for files with findings (when asked for).
    pub sources: HashMap<String, String>,
}

impl std::ops::Deref for Report {
    type Target = Head;

    fn deref(&self) -> &Head {
        &self.head
    }
}

impl Report {
    /// The report as a streamed run tells it: one part per file, checked files and files
    /// with findings merged in path order (the findings are sorted by file already).
    pub fn parts(&self) -> impl Iterator<Item = Part<'_>> {
        let mut checked = self.checked.iter().map(|c| &**c).peekable();
        let mut rest: &[Finding] = &self.findings;
        std::iter::from_fn(move || {
            let next_finding = rest.first().map(|f| f.file.as_str());
            let file = match (checked.peek().copied(), next_finding) {
                (None, None) => return None,
                (Some(c), None) => c,
                (None, Some(f)) => f,
                (Some(c), Some(f)) => c.min(f),
            };
            let is_checked = checked.peek() == Some(&file);
            if is_checked {
                checked.next();
            }
            let n = rest.iter().take_while(|f| f.file == file).count();
            let (findings, after) = rest.split_at(n);
            rest = after;
            Some(Part {
                file,
                checked: is_checked,
                findings,
                sources: &self.sources,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worst_files_keep_the_most_errors_then_warnings_then_the_path() {
        let mut t = Tally::default();
        for (i, counts) in [(0, 3), (2, 0), (2, 1), (0, 3), (1, 9)]
            .into_iter()
            .enumerate()
        {
            t.rank(&format!("f{i}"), counts);
        }
        let names: Vec<&str> = t.worst.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(names, ["f2", "f1", "f4", "f0", "f3"]);
        for i in 10..30 {
            t.rank(&format!("g{i}"), (0, 1));
        }
        assert_eq!(t.worst.len(), WORST_FILES);
        assert_eq!(t.worst.last().map(|(f, _)| f.as_str()), Some("g14"));
        t.rank("h", (5, 0));
        assert_eq!(t.worst.first().map(|(f, _)| f.as_str()), Some("h"));
        assert_eq!(t.worst.len(), WORST_FILES);
    }
}
