//! `json`: the versioned report of cli.md (version 1). Its keys are part of the contract, and
//! `version` comes first; a waived finding carries `"waived": true` and the waiver's reason. Streamed: the
//! findings are written as their files are reported, the summary after them.

use std::io::Write;

use serde::Serialize;

use crate::report::{Head, Part, Tally};

/// What comes before the findings; `summary` (and `readiness`) follow them, once counted.
#[derive(Serialize)]
struct Opening {
    version: u32,
    tool: Tool,
    today: String,
}

#[derive(Serialize)]
struct Readiness {
    met: usize,
    total: usize,
}

#[derive(Serialize)]
struct JsonReadiness<'a> {
    file: &'a str,
    resource: Option<&'a str>,
    met: usize,
    total: usize,
    unmet: &'a [&'static str],
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    resources: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    waived: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    baselined: Option<usize>,
    /// Under the publisher profile: the readiness requirements met, summed over the
    /// declarations, of those that apply to them.
    #[serde(skip_serializing_if = "Option::is_none")]
    readiness: Option<Readiness>,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    code: &'a str,
    severity: &'a str,
    file: &'a str,
    resource: Option<&'a str>,
    path: &'a str,
    line: usize,
    column: usize,
    message: &'a str,
    help: &'a str,
    references: &'a [String],
    waived: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    waiver_reason: Option<&'a str>,
    #[serde(skip_serializing_if = "is_false")]
    baselined: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// The JSON sink: the opening keys, then each finding as its file is reported, then the
/// summary. The document is the one `serde_json` would write for the whole report at once,
/// with `summary` after `findings` (cli.md's example has it before; key order carries no
/// meaning in JSON, and a summary first would mean holding every finding until the end).
#[derive(Default)]
pub struct Json {
    written: usize,
    /// A file's entries are laid out here, then written at once (a write per token through
    /// the output's layers cost more than the layout).
    buffer: Vec<u8>,
}

impl super::Sink for Json {
    fn begin(&mut self, head: &Head, out: &mut dyn Write) -> std::io::Result<()> {
        let opening = super::nested_json(
            &Opening {
                version: 1,
                tool: Tool {
                    name: "ibp-lint",
                    version: env!("CARGO_PKG_VERSION"),
                },
                today: head.today.format("%Y-%m-%d").to_string(),
            },
            0,
        )?;
        // `{ ... "today": "..."\n}` without its closing brace, then the findings' key.
        let open = opening.strip_suffix("\n}").unwrap_or(&opening);
        write!(out, "{open},\n  \"findings\": [")
    }

    fn part(&mut self, _: &Head, part: &Part<'_>, out: &mut dyn Write) -> std::io::Result<()> {
        let mut buffer = std::mem::take(&mut self.buffer);
        buffer.clear();
        for f in part.findings {
            let finding = JsonFinding {
                code: &f.code,
                severity: f.severity.as_str(),
                file: &f.file,
                resource: f.resource.as_deref(),
                path: &f.path,
                line: f.position.line,
                column: f.position.column,
                message: &f.message,
                help: &f.help,
                references: &f.references,
                waived: f.waived.is_some(),
                waiver_reason: f.waived.as_deref(),
                baselined: f.baselined,
            };
            let separator = if self.written == 0 {
                "\n    "
            } else {
                ",\n    "
            };
            buffer.extend_from_slice(separator.as_bytes());
            super::write_nested_json(&mut buffer, &finding, 2)?;
            self.written += 1;
        }
        let result = out.write_all(&buffer);
        self.buffer = buffer;
        result
    }

    fn end(&mut self, head: &Head, tally: &Tally, out: &mut dyn Write) -> std::io::Result<()> {
        let publisher = head.profile == crate::profile::Profile::Publisher;
        let summary = Summary {
            files: head.files,
            resources: tally.resources,
            errors: tally.errors,
            warnings: tally.warnings,
            infos: tally.infos,
            waived: tally.waived,
            baselined: head.baseline.as_ref().map(|_| tally.baselined),
            readiness: publisher.then(|| {
                let (met, total) = crate::profile::totals(&tally.readiness);
                Readiness { met, total }
            }),
        };
        let close = if self.written == 0 { "]" } else { "\n  ]" };
        write!(
            out,
            "{close},\n  \"summary\": {}",
            super::nested_json(&summary, 1)?
        )?;
        if publisher {
            let readiness: Vec<JsonReadiness<'_>> = tally
                .readiness
                .iter()
                .map(|r| JsonReadiness {
                    file: &r.file,
                    resource: r.resource.as_deref(),
                    met: r.met,
                    total: r.total,
                    unmet: &r.unmet,
                })
                .collect();
            write!(
                out,
                ",\n  \"readiness\": {}",
                super::nested_json(&readiness, 1)?
            )?;
        }
        out.write_all(b"\n}\n")
    }
}
