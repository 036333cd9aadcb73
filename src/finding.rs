//! A finding: one rule violated at one place, the unit every stage produces and every
//! renderer consumes. Findings are data collected for the whole run, never errors.

use serde::{Deserialize, Serialize};

use crate::locate::Position;

/// How serious a finding is. The order is the order of `--fail-on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    /// The word for it in `lang` (`fout`, `waarschuwing`, `info` in Dutch); `as_str` is the
    /// English identifier the machine formats use.
    pub(crate) fn label(self, lang: crate::lang::Lang) -> &'static str {
        let words = crate::words::words(lang);
        match self {
            Severity::Info => words.info,
            Severity::Warning => words.warning,
            Severity::Error => words.error,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A secondary place a finding refers to (INV-001's first declaration with the same id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub file: String,
    pub position: Position,
    pub label: String,
}

/// One finding, fully rendered in the chosen language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: String,
    pub severity: Severity,
    /// Path as reached from the given PATH, with `/` separators.
    pub file: String,
    /// The declaration's `id`, when it could be read.
    pub resource: Option<String>,
    /// JSON Pointer of the node reported at (the nearest existing parent for a missing key).
    pub path: String,
    pub position: Position,
    pub message: String,
    pub help: String,
    pub references: Vec<String>,
    /// Canonical id of the field the finding is about, for field rules.
    pub field: Option<String>,
    pub related: Vec<Related>,
    /// Set when a waiver suppresses the finding: the waiver's reason.
    pub waived: Option<String>,
    /// Hash of the offending value (the node at the requested path, or its absence), for
    /// baselines: stable when other parts of the file change.
    pub value_hash: String,
    /// Set when the finding is in the `--baseline` file: known, accepted backlog.
    pub baselined: bool,
}

impl Finding {
    /// Whether the finding counts (towards the summary's severities and the exit code): not
    /// waived and not in the baseline.
    pub fn counted(&self) -> bool {
        self.waived.is_none() && !self.baselined
    }

    /// The order of every report: file, line, column, code.
    pub(crate) fn sort_key(&self) -> (&str, usize, usize, &str) {
        (
            &self.file,
            self.position.line,
            self.position.column,
            &self.code,
        )
    }
}
