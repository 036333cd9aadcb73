//! Settling a run's findings: the board's rule levels, its waivers, the command line's
//! selection and the baseline, in that order (rules.md, Waivers; cli.md, `--select`). Which
//! codes a run reports is decided in one place, [`Selection`].

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;

use crate::board::baseline::Baseline;
use crate::board::config::{Config, Level};
use crate::board::waiver;
use crate::catalogue::{EngineRules, selects};
use crate::codes::EngineCode;
use crate::finding::{Finding, Severity};
use crate::lang::Lang;
use crate::profile::Readiness;

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

/// What settling needs besides the findings.
pub(super) struct Settle<'a> {
    pub(super) selection: &'a Selection<'a>,
    pub(super) config: &'a Config,
    pub(super) today: NaiveDate,
    /// Under `--changed-since`: the changed declarations, the only ones reported.
    pub(super) changed: Option<&'a HashSet<String>>,
    pub(super) baseline: Option<&'a Baseline>,
    pub(super) engine: &'a EngineRules,
    pub(super) lang: Lang,
}

impl Settle<'_> {
    /// Settles `findings` (and, under `--changed-since`, `readiness`) in place, then sorts
    /// the findings in report order.
    pub(super) fn run(&self, findings: &mut Vec<Finding>, readiness: &mut Vec<Readiness>) {
        // A rule set to `off` produces no findings (so a waiver for it is unused); waivers are
        // matched before the command line's selection, which only narrows what is shown.
        findings.retain(|f| !self.selection.off(&f.code));
        let waiver_findings =
            waiver::apply(self.config, self.today, self.engine, self.lang, findings);
        if let Some(changed) = self.changed {
            // Only the changed declarations are reported; a waiver for an unchanged one cannot
            // match here, so unused-waiver findings would be noise.
            findings.retain(|f| changed.contains(&f.file));
            readiness.retain(|r| changed.contains(&r.file));
            findings.extend(
                waiver_findings
                    .into_iter()
                    .filter(|f| f.code != EngineCode::Waive001.as_str()),
            );
        } else {
            findings.extend(waiver_findings);
        }
        findings.retain_mut(|f| {
            match self.selection.levels.get(&f.code) {
                Some(Level::Off) => return false,
                Some(Level::Error) => f.severity = Severity::Error,
                Some(Level::Warning) => f.severity = Severity::Warning,
                Some(Level::Info) => f.severity = Severity::Info,
                None => {}
            }
            self.selection.reports(&f.code)
        });
        if let Some(baseline) = self.baseline {
            let stale = crate::board::baseline::apply(baseline, findings, |entry| {
                // An entry can only be stale if its rule ran and its resource was reported on.
                self.selection.applies(&entry.code) && self.changed.is_none()
            });
            findings.extend(crate::board::baseline::stale_findings(
                baseline,
                &stale,
                self.engine,
                self.lang,
            ));
        }
        findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }
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
