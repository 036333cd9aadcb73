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
//!   error).
//! - Each rule has `help.markdown` beside `help.text`.
//!
//! Columns count characters, as everywhere in ibp-lint (`columnKind: unicodeCodePoints`).
//! Artifact URIs are the display paths, percent-encoded: relative paths stay relative (a code
//! scanning upload resolves them against the repository root), absolute ones become `file:`
//! URIs. This module decides nothing: severities and waivers are settled in the report.

use serde_json::{Value, json};

use crate::finding::Severity;
use crate::lang::Lang;
use crate::locate::Position;
use crate::report::Report;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Results GitHub accepts in one run.
pub const MAX_RESULTS: usize = 25_000;

/// The findings a SARIF log holds: counted ones, and with `suppressed` the waived and
/// baselined ones too; at most [`MAX_RESULTS`], the most severe first (kept in report order).
/// Returns their indices in `report.findings` and how many were left out for the limit.
fn selected(report: &Report, suppressed: bool) -> (Vec<usize>, usize) {
    let candidates: Vec<usize> = report
        .findings
        .iter()
        .enumerate()
        .filter(|(_, f)| suppressed || f.counted())
        .map(|(i, _)| i)
        .collect();
    if candidates.len() <= MAX_RESULTS {
        return (candidates, 0);
    }
    let mut by_severity = candidates.clone();
    // Stable: within a severity, report order decides.
    by_severity.sort_by_key(|&i| {
        std::cmp::Reverse(
            report
                .findings
                .get(i)
                .map_or(Severity::Info, |f| f.severity),
        )
    });
    let mut kept: Vec<usize> = by_severity.into_iter().take(MAX_RESULTS).collect();
    kept.sort_unstable();
    (kept, candidates.len() - MAX_RESULTS)
}

/// How many findings a SARIF log of `report` leaves out for GitHub's limit.
pub fn left_out(report: &Report, suppressed: bool) -> usize {
    // The count alone: no need to sort the findings as `selected` does.
    report
        .findings
        .iter()
        .filter(|f| suppressed || f.counted())
        .count()
        .saturating_sub(MAX_RESULTS)
}

pub fn render(report: &Report, suppressed: bool) -> String {
    let lang = report.lang;
    let rules: Vec<Value> = report
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
    let fingerprints = super::fingerprints(&report.findings);
    let (indices, dropped) = selected(report, suppressed);
    let results: Vec<Value> = indices
        .iter()
        .filter_map(|&i| Some((report.findings.get(i)?, fingerprints.get(i)?)))
        .map(|(f, fingerprint)| {
            let mut result = serde_json::Map::new();
            result.insert("ruleId".into(), json!(f.code));
            if let Some(index) = report
                .catalogue
                .rules()
                .iter()
                .position(|r| r.code == f.code)
            {
                result.insert("ruleIndex".into(), json!(index));
            }
            result.insert("level".into(), json!(level(f.severity)));
            result.insert("message".into(), json!({"text": f.message}));
            result.insert(
                "locations".into(),
                json!([{"physicalLocation": physical_location(&f.file, &f.position)}]),
            );
            result.insert(
                "partialFingerprints".into(),
                json!({
                    "ibpLint/v1": fingerprint,
                    "primaryLocationLineHash": format!("{fingerprint}:1"),
                }),
            );
            if !f.related.is_empty() {
                let related: Vec<Value> = f
                    .related
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        json!({
                            "id": i + 1,
                            "physicalLocation": physical_location(&r.file, &r.position),
                            "message": {"text": crate::text::printable(&r.label)},
                        })
                    })
                    .collect();
                result.insert("relatedLocations".into(), Value::Array(related));
            }
            if let Some(reason) = &f.waived {
                result.insert(
                    "suppressions".into(),
                    json!([{"kind": "external", "status": "accepted", "justification": reason}]),
                );
            } else if f.baselined {
                let justification = report
                    .baseline
                    .as_deref()
                    .map_or_else(|| "baseline".to_string(), |b| format!("baseline {b}"));
                result.insert(
                    "suppressions".into(),
                    json!([{"kind": "external", "status": "accepted", "justification": justification}]),
                );
                result.insert("baselineState".into(), json!("unchanged"));
            }
            let mut properties = serde_json::Map::new();
            properties.insert("jsonPointer".into(), json!(f.path));
            if let Some(resource) = &f.resource {
                properties.insert("resource".into(), json!(crate::text::printable(resource)));
            }
            if let Some(field) = &f.field {
                properties.insert("field".into(), json!(crate::text::printable(field)));
            }
            result.insert("properties".into(), Value::Object(properties));
            Value::Object(result)
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
            "results": results,
            "properties": {"today": report.today.format("%Y-%m-%d").to_string()},
        }]
    });
    let mut text =
        serde_json::to_string_pretty(&log).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
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

fn physical_location(file: &str, position: &Position) -> Value {
    let (end_line, end_column) = super::region_end(position);
    json!({
        "artifactLocation": {"uri": artifact_uri(file)},
        "region": {
            "startLine": position.line,
            "startColumn": position.column,
            "endLine": end_line,
            "endColumn": end_column,
        }
    })
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
