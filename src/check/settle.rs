//! Settling a run's findings: the board's rule levels, its waivers, the command line's
//! selection and the baseline, in that order (rules.md, Waivers; cli.md, `--select`). Which
//! codes a run reports is decided in one place, [`Selection`].

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;

use crate::board::baseline::{Baseline, Matcher};
use crate::board::config::{Config, Level};
use crate::board::waiver::Waivers;
use crate::catalogue::{EngineRules, selects};
use crate::codes::EngineCode;
use crate::finding::{Finding, Severity};
use crate::lang::Lang;

/// Which codes a run applies: the board's levels (`off` removes a rule) and the command
/// line's `--select`/`--ignore`.
pub(super) struct Selection<'a> {
    pub(super) levels: &'a BTreeMap<String, Level>,
    pub(super) select: &'a [String],
    pub(super) ignore: &'a [String],
}

impl Selection<'_> {
    /// The board switched the rule off.
    fn off(&self, code: &str) -> bool {
        self.levels.get(code) == Some(&Level::Off)
    }

    /// The command line's selection takes the code in.
    fn selected(&self, code: &str) -> bool {
        (self.select.is_empty() || self.select.iter().any(|s| selects(s, code)))
            && !self.ignore.iter().any(|s| selects(s, code))
    }

    /// The rule runs in this run and its findings are reported: not `off`, and selected.
    pub(super) fn applies(&self, code: &str) -> bool {
        !self.off(code) && self.selected(code)
    }

    /// A finding of `code` is reported: its rule applies, or it means "this file was not
    /// evaluated" (those cannot be switched off or left out: the run must not pass such a
    /// file as if it had been checked).
    fn reports(&self, code: &str) -> bool {
        crate::codes::fails_closed(code) || self.applies(code)
    }
}

/// Settles a run's findings file by file, in report order, as the files are checked: the
/// waivers and the baseline remember what they matched, so that what is known only at the
/// end (unused waivers, stale baseline entries) comes from [`Settler::finish`].
pub(super) struct Settler<'a> {
    pub(super) selection: &'a Selection<'a>,
    /// Under `--changed-since`: the changed declarations, the only ones reported.
    changed: Option<&'a HashSet<String>>,
    waivers: Waivers<'a>,
    baseline: Option<Matcher<'a>>,
    engine: &'a EngineRules,
    lang: Lang,
}

impl<'a> Settler<'a> {
    pub(super) fn new(
        selection: &'a Selection<'a>,
        config: &'a Config,
        today: NaiveDate,
        changed: Option<&'a HashSet<String>>,
        baseline: Option<&'a Baseline>,
        engine: &'a EngineRules,
        lang: Lang,
    ) -> Self {
        Self {
            selection,
            changed,
            waivers: Waivers::new(config, today),
            baseline: baseline.map(Matcher::new),
            engine,
            lang,
        }
    }

    /// Settles the findings of one file in place and sorts them in report order.
    pub(super) fn file(&mut self, findings: &mut Vec<Finding>) {
        // A rule set to `off` produces no findings (so a waiver for it is unused); waivers are
        // matched before the command line's selection, which only narrows what is shown.
        findings.retain(|f| !self.selection.off(&f.code));
        for f in findings.iter_mut() {
            self.waivers.mark(f);
        }
        if let Some(changed) = self.changed {
            // Only the changed declarations are reported.
            findings.retain(|f| changed.contains(&f.file));
        }
        levels(self.selection, findings);
        if let Some(baseline) = &mut self.baseline {
            for f in findings.iter_mut() {
                baseline.mark(f);
            }
        }
        findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }

    /// The findings known once every file is settled, in report order: those about the
    /// waivers (in the configuration) and about stale baseline entries (in the baseline).
    pub(super) fn finish(self) -> Vec<Finding> {
        let mut findings = self.waivers.finish(self.engine, self.lang);
        if self.changed.is_some() {
            // A waiver for an unchanged declaration cannot match here, so unused-waiver
            // findings would be noise.
            findings.retain(|f| f.code != EngineCode::Waive001.as_str());
        }
        levels(self.selection, &mut findings);
        if let Some(mut baseline) = self.baseline {
            for f in &mut findings {
                baseline.mark(f);
            }
            let selection = self.selection;
            let changed = self.changed;
            let file = baseline.baseline();
            let stale = baseline.stale(|entry| {
                // An entry can only be stale if its rule ran and its resource was reported on.
                selection.applies(&entry.code) && changed.is_none()
            });
            findings.extend(crate::board::baseline::stale_findings(
                file,
                &stale,
                self.engine,
                self.lang,
            ));
        }
        findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        findings
    }
}

/// The board's levels, and the selection of what is reported.
fn levels(selection: &Selection<'_>, findings: &mut Vec<Finding>) {
    findings.retain_mut(|f| {
        match selection.levels.get(&f.code) {
            Some(Level::Off) => return false,
            Some(Level::Error) => f.severity = Severity::Error,
            Some(Level::Warning) => f.severity = Severity::Warning,
            Some(Level::Info) => f.severity = Severity::Info,
            None => {}
        }
        selection.reports(&f.code)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_predicate_for_off_select_and_ignore() {
        let levels = BTreeMap::from([
            ("AGR-003".to_string(), Level::Off),
            ("DECL-002".to_string(), Level::Off),
        ]);
        let select = vec!["AGR".to_string(), "DECL".to_string()];
        let ignore = vec!["AGR-005".to_string()];
        let s = Selection {
            levels: &levels,
            select: &select,
            ignore: &ignore,
        };
        assert!(s.applies("AGR-001"));
        assert!(!s.applies("AGR-003"), "off");
        assert!(!s.applies("AGR-005"), "ignored");
        assert!(!s.applies("LEAF-001"), "not selected");
        // Not evaluated: reported whatever the level and the selection say.
        assert!(s.reports("DECL-002") && s.reports("POL-001"));
        assert!(!s.reports("LEAF-001"));
        let all = Selection {
            levels: &BTreeMap::new(),
            select: &[],
            ignore: &[],
        };
        assert!(all.applies("LEAF-001") && all.reports("INV-002"));
    }
}
