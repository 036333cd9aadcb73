//! Baselines: the accepted backlog of an inventory, so CI blocks what a change adds without
//! waivers for everything (like checkov's `--baseline`).
//!
//! `--write-baseline FILE` records every counted finding as (code, resource id, JSON Pointer,
//! hash of the offending value), never a line number, so edits elsewhere in a file keep the
//! entry valid while a changed value does not match any more. The file is JSON with one entry
//! per line, sorted, so a review sees exactly which findings were added or fixed.
//! `--baseline FILE` marks findings that match an entry as baselined (each entry matches one
//! finding); entries that no longer occur are reported as `BASE-001` (info) at their line, so
//! the file can be tightened by writing it again.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::finding::Finding;
use crate::locate::Position;

/// One recorded finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Entry {
    pub code: String,
    /// The declaration's id, or `file:PATH` for a file whose id could not be read.
    pub resource: String,
    pub path: String,
    /// FNV-1a hash of the offending value.
    pub value: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    entries: Vec<Entry>,
}

/// A baseline read from disk, each entry with the line it is written on.
#[derive(Debug, Clone, Default)]
pub(crate) struct Baseline {
    pub file: String,
    pub entries: Vec<(Entry, Position)>,
}

/// The baseline key of a finding.
pub fn entry(f: &Finding) -> Entry {
    Entry {
        code: f.code.clone(),
        resource: f
            .resource
            .clone()
            .unwrap_or_else(|| format!("file:{}", f.file)),
        path: f.path.clone(),
        value: f.value_hash.clone(),
    }
}

/// The baseline of these entries as text: sorted, one entry per line.
pub fn write_entries(mut entries: Vec<Entry>) -> String {
    entries.sort();
    let mut out = String::from("{\n  \"version\": 1,\n  \"entries\": [");
    for (i, e) in entries.iter().enumerate() {
        out.push_str(if i == 0 { "\n    " } else { ",\n    " });
        out.push_str(&serde_json::to_string(e).unwrap_or_default());
    }
    out.push_str(if entries.is_empty() {
        "]\n}\n"
    } else {
        "\n  ]\n}\n"
    });
    out
}

/// Reads a baseline; a file that cannot be read or parsed is a tool error (exit 2).
pub fn read(path: &Path, scope: &crate::trust::Scope) -> Result<Baseline, Error> {
    let shown = crate::discover::display(path);
    // A pull request controls the baseline too: a regular file, not a link out of the
    // repository, of bounded size (`trust`).
    let text =
        crate::trust::read_board_file(path, "baseline", crate::trust::MAX_BASELINE_BYTES, scope)?;
    let file: File = serde_json::from_str(&text).map_err(|e| Error::Config {
        file: shown.clone(),
        problems: vec![crate::error::ConfigProblem {
            line: e.line(),
            column: e.column(),
            message: format!("not an ibp-lint baseline: {e}"),
        }],
    })?;
    if file.version != 1 {
        return Err(Error::Config {
            file: shown,
            problems: vec![crate::error::ConfigProblem {
                line: 1,
                column: 1,
                message: format!("unsupported baseline version {}", file.version),
            }],
        });
    }
    // Entries are written one per line; find each entry's line for BASE-001 findings.
    let mut lines = text
        .lines()
        .enumerate()
        .filter_map(|(i, l)| l.find("{\"code\"").map(|col| (i + 1, col + 1, l.len())));
    let entries = file
        .entries
        .into_iter()
        .map(|e| {
            let position = lines.next().map_or(Position::START, |(line, column, len)| {
                Position::on_line(line, column, 0, len.saturating_sub(column - 1))
            });
            (e, position)
        })
        .collect();
    Ok(Baseline {
        file: shown,
        entries,
    })
}

/// A baseline's entries matched against a run's findings one at a time, as the files are
/// settled: each entry matches one counted finding with its key, the first unused one in file
/// order.
pub(crate) struct Matcher<'a> {
    baseline: &'a Baseline,
    /// The entries indexed by their key, each key with its entries in file order: one lookup
    /// per finding (200,000 findings against 10,000 entries took 7.5 s as a scan of the list
    /// per finding).
    index: std::collections::HashMap<&'a Entry, std::collections::VecDeque<usize>>,
    used: Vec<bool>,
}

impl<'a> Matcher<'a> {
    pub(crate) fn new(baseline: &'a Baseline) -> Self {
        let mut index: std::collections::HashMap<&Entry, std::collections::VecDeque<usize>> =
            std::collections::HashMap::with_capacity(baseline.entries.len());
        for (i, (e, _)) in baseline.entries.iter().enumerate() {
            index.entry(e).or_default().push_back(i);
        }
        Self {
            baseline,
            index,
            used: vec![false; baseline.entries.len()],
        }
    }

    /// The baseline matched against.
    pub(crate) fn baseline(&self) -> &'a Baseline {
        self.baseline
    }

    /// Marks `f` as baselined when it is counted and an unused entry has its key.
    pub(crate) fn mark(&mut self, f: &mut Finding) {
        if !f.counted() {
            return;
        }
        let key = entry(f);
        if let Some(i) = self
            .index
            .get_mut(&key)
            .and_then(std::collections::VecDeque::pop_front)
        {
            if let Some(u) = self.used.get_mut(i) {
                *u = true;
            }
            f.baselined = true;
        }
    }

    /// The entries that matched nothing among the findings of `evaluated` codes and resources
    /// (others could not have matched).
    pub(crate) fn stale(self, evaluated: impl Fn(&Entry) -> bool) -> Vec<&'a (Entry, Position)> {
        self.baseline
            .entries
            .iter()
            .zip(self.used)
            .filter(|((e, _), used)| !used && evaluated(e))
            .map(|(entry, _)| entry)
            .collect()
    }
}

/// Marks the findings the baseline knows, and returns the entries that matched nothing among
/// the findings of `evaluated` codes and resources (others could not have matched).
#[cfg(test)]
pub(crate) fn apply<'a>(
    baseline: &'a Baseline,
    findings: &mut [Finding],
    evaluated: impl Fn(&Entry) -> bool,
) -> Vec<&'a (Entry, Position)> {
    let mut matcher = Matcher::new(baseline);
    for f in findings.iter_mut() {
        matcher.mark(f);
    }
    matcher.stale(evaluated)
}

/// `BASE-001` findings for stale entries.
pub(crate) fn stale_findings(
    baseline: &Baseline,
    stale: &[&(Entry, Position)],
    engine: &crate::catalogue::EngineRules,
    lang: crate::lang::Lang,
) -> Vec<Finding> {
    let rule = engine.get(crate::codes::EngineCode::Base001);
    stale
        .iter()
        .map(|(e, position)| {
            let args = std::collections::BTreeMap::from([
                ("code".to_string(), e.code.clone()),
                ("resource".to_string(), e.resource.clone()),
                ("path".to_string(), e.path.clone()),
            ]);
            rule.finding(
                lang,
                None,
                &args,
                crate::catalogue::Place {
                    file: &baseline.file,
                    resource: None,
                    path: String::new(),
                    position: *position,
                },
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Severity;

    fn finding(code: &str, resource: &str, value: &str) -> Finding {
        Finding {
            code: code.into(),
            severity: Severity::Warning,
            file: format!("{resource}.yaml"),
            resource: Some(resource.into()),
            path: "/fields/0".into(),
            position: Position::START,
            message: String::new(),
            help: String::new(),
            references: Vec::new(),
            field: None,
            related: Vec::new(),
            waived: None,
            value_hash: value.into(),
            baselined: false,
        }
    }

    fn baseline(findings: &[Finding]) -> Baseline {
        Baseline {
            file: "baseline.json".into(),
            entries: findings
                .iter()
                .map(|f| (entry(f), Position::START))
                .collect(),
        }
    }

    #[test]
    fn each_entry_matches_one_finding_and_the_rest_are_stale() {
        // Two equal findings and one entry: one is baselined, the other still counts.
        let mut findings = vec![finding("MIN-001", "a", "1"), finding("MIN-001", "a", "1")];
        let one = baseline(&findings[..1]);
        let stale = apply(&one, &mut findings, |_| true);
        assert!(stale.is_empty());
        assert_eq!(findings.iter().filter(|f| f.baselined).count(), 1);

        // Three entries for two findings (one key twice, one gone): one entry is stale.
        let mut findings = vec![finding("MIN-001", "a", "1"), finding("MIN-001", "a", "1")];
        let mut three = baseline(&findings);
        three
            .entries
            .push((entry(&finding("RET-002", "b", "9")), Position::START));
        let stale = apply(&three, &mut findings, |_| true);
        assert!(findings.iter().all(|f| f.baselined));
        assert_eq!(stale.len(), 1);
        assert_eq!(stale[0].0.code, "RET-002");
        // A changed value does not match.
        let mut changed = vec![finding("MIN-001", "a", "2")];
        let stale = apply(&one, &mut changed, |_| false);
        assert!(!changed[0].baselined);
        assert!(
            stale.is_empty(),
            "entries of codes that did not run are not stale"
        );
    }
}
