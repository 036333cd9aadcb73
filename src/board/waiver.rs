//! Waivers: a board's documented decision to accept a finding (format.md, `waivers`).
//!
//! A waiver matches a finding when the rule code is equal, the resource id matches its glob,
//! the finding lies at or under its `path` (when given) and is about its `field` (when given,
//! by canonical id or alias). Matched findings stay in the report, marked with the waiver's
//! reason, and no longer count towards the exit code. A waiver that matched nothing gives
//! `WAIVE-001`, an expired one `WAIVE-002` (and suppresses nothing), both at the waiver's own
//! line in `ibp-lint.yaml`. Findings in the configuration itself cannot be waived.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::board::config::Config;
use crate::catalogue::{EngineRules, Place};
use crate::codes::EngineCode;
use crate::finding::Finding;
use crate::lang::Lang;
use crate::locate::Position;

/// The waivers of a run, matched against its findings one at a time as the files are settled,
/// each remembering whether it matched anything (for WAIVE-001 at the end).
pub(crate) struct Waivers<'a> {
    config: &'a Config,
    /// Per waiver of the configuration: its field's canonical id, whether it has expired,
    /// whether it has matched a finding.
    state: Vec<(Option<String>, bool, bool)>,
}

impl<'a> Waivers<'a> {
    pub(crate) fn new(config: &'a Config, today: NaiveDate) -> Self {
        let vocabulary = config.vocabulary();
        let state = config
            .waivers
            .iter()
            .map(|w| {
                let field = w.spec.field.as_deref().map(|f| vocabulary.resolve(f).id);
                let expired = w.expires_on.is_some_and(|d| d < today);
                (field, expired, false)
            })
            .collect();
        Self { config, state }
    }

    /// Marks `finding` as waived by the first waiver that matches it (its reason), and every
    /// waiver that matches it as used.
    pub(crate) fn mark(&mut self, finding: &mut Finding) {
        for (waiver, (field, expired, used)) in self.config.waivers.iter().zip(&mut self.state) {
            let spec = &waiver.spec;
            if *expired || finding.code != spec.rule {
                continue;
            }
            let resource_ok = finding.resource.as_deref().is_some_and(|r| {
                waiver
                    .matcher
                    .as_ref()
                    .map_or(r == spec.resource, |m| m.is_match(r))
            });
            let path_ok = spec.path.as_deref().is_none_or(|p| under(&finding.path, p));
            let field_ok = field
                .as_deref()
                .is_none_or(|f| finding.field.as_deref() == Some(f));
            if resource_ok && path_ok && field_ok {
                // A finding an earlier waiver already took keeps that waiver's reason, but
                // this waiver matched it too, so it is not unused (WAIVE-001).
                if finding.waived.is_none() {
                    finding.waived = Some(spec.reason.clone());
                }
                *used = true;
            }
        }
    }

    /// The findings about the waivers themselves, once every finding has been marked:
    /// WAIVE-002 for an expired waiver, WAIVE-001 for one that matched nothing.
    pub(crate) fn finish(self, engine: &EngineRules, lang: Lang) -> Vec<Finding> {
        let file = self
            .config
            .file
            .as_deref()
            .map(crate::discover::display)
            .unwrap_or_default();
        let mut out = Vec::new();
        for (waiver, (_, expired, used)) in self.config.waivers.iter().zip(self.state) {
            let spec = &waiver.spec;
            let base = format!("/waivers/{}", waiver.index);
            let mut args = BTreeMap::from([
                ("rule".to_string(), spec.rule.clone()),
                ("resource".to_string(), spec.resource.clone()),
            ]);
            let (code, at) = if expired {
                args.insert(
                    "date".to_string(),
                    spec.expires_on.clone().unwrap_or_default(),
                );
                (
                    EngineCode::Waive002,
                    self.config.spans.locate(&format!("{base}/expires_on")),
                )
            } else if !used {
                (EngineCode::Waive001, self.config.spans.locate(&base))
            } else {
                continue;
            };
            out.push(waiver_finding(
                engine,
                lang,
                code,
                &file,
                at.pointer,
                at.position,
                &args,
            ));
        }
        out
    }
}

/// Whether JSON Pointer `path` lies at or under `prefix`.
fn under(path: &str, prefix: &str) -> bool {
    let prefix = prefix.trim_end_matches('/');
    path == prefix
        || path
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.starts_with('/'))
}

fn waiver_finding(
    engine: &EngineRules,
    lang: Lang,
    code: EngineCode,
    file: &str,
    path: String,
    position: Position,
    args: &BTreeMap<String, String>,
) -> Finding {
    let mut f = engine.get(code).finding(
        lang,
        None,
        args,
        Place {
            file,
            resource: None,
            path,
            position,
        },
    );
    f.value_hash = format!("{:016x}", crate::hash::fnv1a64(&[&f.message]));
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_match_at_or_under() {
        assert!(under("/retention/delete_after_contract_days", "/retention"));
        assert!(under("/retention", "/retention"));
        assert!(!under("/retention_x", "/retention"));
        assert!(under("/a/b", "/"));
    }
}
