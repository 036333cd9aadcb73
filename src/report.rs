//! The outcome of a `check` run, as every renderer, the register and the command line read it:
//! the findings, the files, the run's catalogue, settings and profile. Built by `check`; knows
//! nothing of how it is shown.

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use serde_json::Value;

use crate::catalogue::Catalogue;
use crate::finding::{Finding, Severity};
use crate::lang::Lang;

#[derive(Debug, Clone)]
pub struct Declaration {
    pub file: String,
    pub value: Value,
    pub fields: Vec<crate::normalize::Field>,
}

/// The outcome of a run.
#[derive(Debug, Clone)]
pub struct Report {
    /// The rules of this run: the built-in catalogue plus the board's custom rules.
    pub catalogue: Catalogue,
    pub lang: Lang,
    pub today: NaiveDate,
    pub files: usize,
    /// Every checked file (display paths, sorted), with or without findings.
    pub checked: Vec<String>,
    /// The schema-valid declarations, in file order, when `Options::keep_documents` was set.
    pub declarations: Vec<Declaration>,
    /// The baseline file used, if any (then the summary counts baselined findings).
    pub baseline: Option<String>,
    /// The board's organisation name from the configuration, if any.
    pub organisation: Option<String>,
    /// The run's profile (`--profile`, else the configuration's, else officer).
    pub profile: crate::profile::Profile,
    /// Under the publisher profile: every declaration's convenant readiness, in file order.
    pub readiness: Vec<crate::profile::Readiness>,
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
    pub resources: usize,
    pub findings: Vec<Finding>,
    /// File text by display path, for files with findings (when asked for).
    pub sources: HashMap<String, String>,
}

impl Report {
    /// The files of this run that no output may replace: every checked declaration and the
    /// board's files.
    pub(crate) fn protected(&self) -> crate::output::Protected {
        crate::output::Protected::new(
            self.checked
                .iter()
                .map(PathBuf::from)
                .chain(self.board_files.iter().cloned()),
        )
    }

    /// Counts of (errors, warnings, infos, waived); waived findings count only as waived.
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        let mut c = (0, 0, 0, 0);
        for f in &self.findings {
            if f.waived.is_some() {
                c.3 += 1;
                continue;
            }
            if f.baselined {
                continue;
            }
            match f.severity {
                Severity::Error => c.0 += 1,
                Severity::Warning => c.1 += 1,
                Severity::Info => c.2 += 1,
            }
        }
        c
    }

    /// Whether a counted finding is at or above `level` (`None` = never fail).
    pub fn fails(&self, level: Option<Severity>) -> bool {
        level.is_some_and(|level| {
            self.findings
                .iter()
                .any(|f| f.counted() && f.severity >= level)
        })
    }
}
