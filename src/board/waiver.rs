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

/// Marks the findings that a waiver of `config` matches and returns the findings about the
/// waivers themselves.
pub(crate) fn apply(
    config: &Config,
    today: NaiveDate,
    engine: &EngineRules,
    lang: Lang,
    findings: &mut [Finding],
) -> Vec<Finding> {
    let mut out = Vec::new();
    if config.waivers.is_empty() {
        return out;
    }
    let vocabulary = config.vocabulary();
    let file = config
        .file
        .as_deref()
        .map(crate::discover::display)
        .unwrap_or_default();
    for waiver in &config.waivers {
        let spec = &waiver.spec;
        let expired = waiver.expires_on.is_some_and(|d| d < today);
        let base = format!("/waivers/{}", waiver.index);
        let args = |extra: Option<(&str, String)>| {
            let mut a = BTreeMap::from([
                ("rule".to_string(), spec.rule.clone()),
                ("resource".to_string(), spec.resource.clone()),
            ]);
            if let Some((k, v)) = extra {
                a.insert(k.to_string(), v);
            }
            a
        };
        if expired {
            let at = config.spans.locate(&format!("{base}/expires_on"));
            out.push(waiver_finding(
                engine,
                lang,
                EngineCode::Waive002,
                &file,
                at.pointer,
                at.position,
                &args(Some(("date", spec.expires_on.clone().unwrap_or_default()))),
            ));
            continue;
        }
        let matcher = &waiver.matcher;
        let field = spec.field.as_deref().map(|f| vocabulary.resolve(f).id);
        let mut used = false;
        for finding in findings.iter_mut() {
            if finding.code != spec.rule {
                continue;
            }
            let resource_ok = finding.resource.as_deref().is_some_and(|r| {
                matcher
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
                used = true;
            }
        }
        if !used {
            let at = config.spans.locate(&base);
            out.push(waiver_finding(
                engine,
                lang,
                EngineCode::Waive001,
                &file,
                at.pointer,
                at.position,
                &args(None),
            ));
        }
    }
    out
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
