//! `sarif`: a SARIF 2.1.0 log (OASIS) with one run, for code scanning in GitHub, Azure DevOps
//! and editors. `rules[]` lists every rule of the run's catalogue (custom rules included) in
//! catalogue order, so that `ruleIndex` is stable; each finding is a result with its region,
//! a fingerprint that survives lines added above it, the places it refers to
//! (`relatedLocations`), and, when a waiver applies, an external suppression with the reason.
//!
//! **As GitHub code scanning reads it** (docs.github.com, "SARIF support for code scanning"):
//! - GitHub ignores `suppressions`, so waived and baselined findings are left out by default;
//!   `--sarif-suppressed` puts them in, waived ones with an external suppression and its
//!   reason, baselined ones with a suppression and `baselineState: unchanged`, for consumers
//!   that read them.
//! - Every result carries `partialFingerprints.primaryLocationLineHash` made from the
//!   value-based fingerprint (`hex:1`, the shape of GitHub's own), besides `ibpLint/v1`:
//!   without it GitHub hashes the source line itself, so an alert would move with its line
//!   and two findings of one rule on one line would merge.
//! - A run holds at most [`MAX_RESULTS`] results (GitHub rejects an upload with more): the
//!   most severe are kept, in report order, and a `toolExecutionNotifications` entry says how
//!   many were left out ([`left_out`] gives the number, which `cli` also prints on standard
//!   error). The sink holds at most that many results while the run goes on.
//! - Each rule has `help.markdown` beside `help.text`.
//!
//! Columns count characters, as everywhere in ibp-lint (`columnKind: unicodeCodePoints`).
//! Artifact URIs are the display paths, percent-encoded: relative paths stay relative (a code
//! scanning upload resolves them against the repository root), absolute ones become `file:`
//! URIs. This module decides nothing: severities and waivers are settled in the report.

use std::io::Write;

use serde::Serialize;
use serde_json::{Value, json};

use crate::finding::{Finding, Severity};
use crate::lang::Lang;
use crate::locate::Position;
use crate::report::{Head, Part, Tally};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Results GitHub accepts in one run.
pub const MAX_RESULTS: usize = 25_000;

/// The results of a run as they come, at most [`MAX_RESULTS`]: when full, a result more severe
/// than the least severe one kept takes the place of the last of those (report order decides
/// within a severity), so the log keeps what a stable sort by severity, cut at the limit, would
/// keep. Each result is held as its compact text (about 700 bytes), never the whole run.
#[derive(Default)]
struct Kept {
    /// Per severity (info, warning, error): (place in the report, the result's text).
    by_severity: [std::collections::VecDeque<(usize, Box<str>)>; 3],
    len: usize,
    dropped: usize,
}

impl Kept {
    fn rank(severity: Severity) -> usize {
        match severity {
            Severity::Info => 0,
            Severity::Warning => 1,
            Severity::Error => 2,
        }
    }

    /// Whether a result of `severity` would be kept (checked before its text is made).
    fn takes(&self, severity: Severity) -> bool {
        self.len < MAX_RESULTS
            || self
                .by_severity
                .iter()
                .take(Self::rank(severity))
                .any(|q| !q.is_empty())
    }

    fn push(&mut self, severity: Severity, place: usize, text: Box<str>) {
        if self.len == MAX_RESULTS {
            let lowest = self
                .by_severity
                .iter_mut()
                .take(Self::rank(severity))
                .find(|q| !q.is_empty());
            match lowest {
                Some(queue) => {
                    queue.pop_back();
                    self.len -= 1;
                }
                None => {
                    self.dropped += 1;
                    return;
                }
            }
            self.dropped += 1;
        }
        if let Some(queue) = self.by_severity.get_mut(Self::rank(severity)) {
            queue.push_back((place, text));
            self.len += 1;
        }
    }

    /// The kept results in report order.
    fn into_ordered(self) -> Vec<Box<str>> {
        let mut all: Vec<(usize, Box<str>)> = self.by_severity.into_iter().flatten().collect();
        all.sort_unstable_by_key(|(place, _)| *place);
        all.into_iter().map(|(_, text)| text).collect()
    }
}

/// How many findings a SARIF log leaves out for GitHub's limit, given the run's counts.
pub fn left_out(tally: &Tally, suppressed: bool) -> usize {
    let candidates = if suppressed {
        tally.findings
    } else {
        tally.errors + tally.warnings + tally.infos
    };
    candidates.saturating_sub(MAX_RESULTS)
}

/// The SARIF sink: results kept as their files are reported (at most [`MAX_RESULTS`]), the log
/// written at the end, when the invocation can say how many were left out.
pub struct Sarif {
    suppressed: bool,
    kept: Kept,
    seen: usize,
    /// `ruleIndex` by code.
    index: std::collections::HashMap<String, usize>,
}

impl Sarif {
    pub fn new(suppressed: bool) -> Self {
        Self {
            suppressed,
            kept: Kept::default(),
            seen: 0,
            index: std::collections::HashMap::new(),
        }
    }
}

impl super::Sink for Sarif {
    fn begin(&mut self, head: &Head, _: &mut dyn Write) -> std::io::Result<()> {
        self.index = head
            .catalogue
            .rules()
            .iter()
            .enumerate()
            .map(|(i, r)| (r.code.clone(), i))
            .collect();
        Ok(())
    }

    fn part(&mut self, head: &Head, part: &Part<'_>, _: &mut dyn Write) -> std::io::Result<()> {
        let fingerprints = super::fingerprints(part.findings);
        for (f, fingerprint) in part.findings.iter().zip(&fingerprints) {
            if !(self.suppressed || f.counted()) {
                continue;
            }
            let place = self.seen;
            self.seen += 1;
            if !self.kept.takes(f.severity) {
                self.kept.dropped += 1;
                continue;
            }
            let value = result(f, fingerprint, self.index.get(&f.code).copied(), head);
            // Held compact, laid out when written.
            // (A boxed text holds its length, a `String` up to twice that.)
            let text = serde_json::to_string(&value)?.into_boxed_str();
            self.kept.push(f.severity, place, text);
        }
        Ok(())
    }

    fn end(&mut self, head: &Head, _: &Tally, out: &mut dyn Write) -> std::io::Result<()> {
        let kept = std::mem::take(&mut self.kept);
        let dropped = kept.dropped;
        let results = kept.into_ordered();
        let text = log(head, dropped);
        // The results go where the placeholder is: a string value that serde_json writes as
        // exactly this (inside any other string its quotes would be escaped). The last one:
        // a board's rule text could be the placeholder itself, and the rules come before the
        // results (only the run's date comes after them).
        let placeholder = format!("\"{RESULTS_PLACEHOLDER}\"");
        let (before, after) = text
            .rsplit_once(&placeholder)
            .unwrap_or((text.as_str(), ""));
        out.write_all(before.as_bytes())?;
        if results.is_empty() {
            out.write_all(b"[]")?;
        } else {
            out.write_all(b"[")?;
            for (i, r) in results.iter().enumerate() {
                out.write_all(if i == 0 {
                    b"\n        "
                } else {
                    b",\n        "
                })?;
                // A result sits in `runs[0].results[]`: four levels deep.
                out.write_all(super::reindent(r, 4).as_bytes())?;
            }
            out.write_all(b"\n      ]")?;
        }
        out.write_all(after.as_bytes())?;
        out.write_all(b"\n")
    }
}

/// Stands for the results in the log written by [`log`].
const RESULTS_PLACEHOLDER: &str = "@@ibp-lint:sarif-results@@";

/// A SARIF result, its keys in the order of the log (typed, so that a result is written
/// without a tree of values made and freed per finding).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text<'a>,
    locations: [Location; 1],
    partial_fingerprints: Fingerprints<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<RelatedLocation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suppressions: Option<[Suppression; 1]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline_state: Option<&'static str>,
    properties: Properties<'a>,
}

#[derive(Serialize)]
struct Text<'a> {
    text: std::borrow::Cow<'a, str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Fingerprints<'a> {
    #[serde(rename = "ibpLint/v1")]
    ibp_lint: &'a str,
    primary_location_line_hash: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RelatedLocation {
    id: usize,
    physical_location: PhysicalLocation,
    message: Text<'static>,
}

#[derive(Serialize)]
struct Suppression {
    kind: &'static str,
    status: &'static str,
    justification: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Properties<'a> {
    json_pointer: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    resource: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<String>,
}

/// The SARIF result of a finding.
fn result<'a>(
    f: &'a Finding,
    fingerprint: &'a str,
    rule_index: Option<usize>,
    head: &Head,
) -> SarifResult<'a> {
    let suppression = |justification: String| {
        Some([Suppression {
            kind: "external",
            status: "accepted",
            justification,
        }])
    };
    let (suppressions, baseline_state) = match (&f.waived, f.baselined) {
        (Some(reason), _) => (suppression(reason.clone()), None),
        (None, true) => {
            let justification = head
                .baseline
                .as_deref()
                .map_or_else(|| "baseline".to_string(), |b| format!("baseline {b}"));
            (suppression(justification), Some("unchanged"))
        }
        (None, false) => (None, None),
    };
    SarifResult {
        rule_id: &f.code,
        rule_index,
        level: level(f.severity),
        message: Text {
            text: std::borrow::Cow::Borrowed(&f.message),
        },
        locations: [Location {
            physical_location: physical_location(&f.file, &f.position),
        }],
        partial_fingerprints: Fingerprints {
            ibp_lint: fingerprint,
            primary_location_line_hash: format!("{fingerprint}:1"),
        },
        related_locations: f
            .related
            .iter()
            .enumerate()
            .map(|(i, r)| RelatedLocation {
                id: i + 1,
                physical_location: physical_location(&r.file, &r.position),
                message: Text {
                    text: std::borrow::Cow::Owned(crate::text::printable(&r.label)),
                },
            })
            .collect(),
        suppressions,
        baseline_state,
        properties: Properties {
            json_pointer: &f.path,
            resource: f.resource.as_deref().map(crate::text::printable),
            field: f.field.as_deref().map(crate::text::printable),
        },
    }
}

/// The log of a run with [`RESULTS_PLACEHOLDER`] for its results.
fn log(head: &Head, dropped: usize) -> String {
    let lang = head.lang;
    let rules: Vec<Value> = head
        .catalogue
        .rules()
        .iter()
        .map(|rule| {
            json!({
                "id": rule.code,
                "name": rule.name,
                "shortDescription": {"text": rule.title.get(lang)},
                "fullDescription": {"text": rule.why.get(lang)},
                "help": {
                    "text": with_references(rule.help.get(lang), &rule.references, lang),
                    "markdown": help_markdown(rule, lang),
                },
                "defaultConfiguration": {"level": level(rule.severity)},
                "properties": {"tags": [rule.area]},
            })
        })
        .collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "ibp-lint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "language": match lang {
                Lang::En => "en",
                Lang::Nl => "nl",
            },
            "columnKind": "unicodeCodePoints",
            "invocations": [invocation(dropped)],
            "results": RESULTS_PLACEHOLDER,
            "properties": {"today": head.today.format("%Y-%m-%d").to_string()},
        }]
    });
    serde_json::to_string_pretty(&log).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// The run's invocation: successful, with a notification when results were left out.
fn invocation(dropped: usize) -> Value {
    if dropped == 0 {
        return json!({"executionSuccessful": true});
    }
    json!({
        "executionSuccessful": true,
        "toolExecutionNotifications": [{
            "level": "warning",
            "descriptor": {"id": "results-left-out"},
            "message": {"text": format!(
                "{dropped} results were left out: a run holds at most {MAX_RESULTS} (GitHub code scanning rejects more); the most severe were kept, and the JSON report has them all"
            )},
        }],
    })
}

/// A rule's help as Markdown: its title, why, how to fix and the references.
fn help_markdown(rule: &crate::catalogue::Rule, lang: Lang) -> String {
    let w = crate::words::words(lang);
    let mut out = format!(
        "**{}**\n\n{}\n\n**{}:** {}",
        rule.title.get(lang),
        rule.why.get(lang),
        w.explain.fix,
        rule.help.get(lang)
    );
    if !rule.references.is_empty() {
        out.push_str(&format!(
            "\n\n**{}:** {}",
            w.explain.references,
            rule.references.join("; ")
        ));
    }
    out
}

/// SARIF's name for a severity.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn with_references(help: &str, references: &[String], lang: crate::lang::Lang) -> String {
    if references.is_empty() {
        help.to_string()
    } else {
        format!(
            "{help}\n{}: {}",
            crate::words::words(lang).references,
            references.join("; ")
        )
    }
}

fn physical_location(file: &str, position: &Position) -> PhysicalLocation {
    let (end_line, end_column) = super::region_end(position);
    PhysicalLocation {
        artifact_location: ArtifactLocation {
            uri: artifact_uri(file),
        },
        region: Region {
            start_line: position.line,
            start_column: position.column,
            end_line,
            end_column,
        },
    }
}

/// The URI of a display path: a relative reference for a relative path, a `file:` URI for an
/// absolute one (`/srv/x.yaml`, `C:/x.yaml`).
fn artifact_uri(file: &str) -> String {
    let drive = file.len() >= 2
        && file.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
        && file.as_bytes().get(1) == Some(&b':')
        && matches!(file.as_bytes().get(2), None | Some(b'/'));
    if drive {
        format!("file:///{}", percent_encode(file, true))
    } else if file.starts_with('/') {
        format!("file://{}", percent_encode(file, true))
    } else {
        percent_encode(file, false)
    }
}

/// Percent-encodes every byte that may not stand as itself in the path of a URI (RFC 3986
/// `pchar` plus `/`). A `:` is encoded in a relative reference, where it would otherwise
/// read as the end of a scheme (`a:b.yaml`).
fn percent_encode(path: &str, keep_colon: bool) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        let plain = byte.is_ascii_alphanumeric()
            || matches!(
                byte,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b'@'
                    | b'/'
            )
            || (keep_colon && byte == b':');
        if plain {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_stay_relative_and_are_percent_encoded() {
        assert_eq!(
            artifact_uri("inventory/peilwijzer.yaml"),
            "inventory/peilwijzer.yaml"
        );
        assert_eq!(
            artifact_uri("../ibp-lint.yaml"),
            "../ibp-lint.yaml",
            "a config found by walking up"
        );
        assert_eq!(
            artifact_uri("po school/één 100%.yaml"),
            "po%20school/%C3%A9%C3%A9n%20100%25.yaml"
        );
        assert_eq!(artifact_uri("a:b.yaml"), "a%3Ab.yaml", "not a scheme");
        assert_eq!(artifact_uri("a#b?.yaml"), "a%23b%3F.yaml");
    }

    #[test]
    fn absolute_paths_become_file_uris() {
        assert_eq!(artifact_uri("/tmp/x y/a.yaml"), "file:///tmp/x%20y/a.yaml");
        assert_eq!(
            artifact_uri("C:/inventaris/a.yaml"),
            "file:///C:/inventaris/a.yaml"
        );
    }

    #[test]
    fn levels_follow_sarif_names() {
        assert_eq!(level(Severity::Error), "error");
        assert_eq!(level(Severity::Warning), "warning");
        assert_eq!(level(Severity::Info), "note");
    }
}
