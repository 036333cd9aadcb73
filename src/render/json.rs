//! `json`: the versioned report of cli.md (version 1). Keys and their order are part of the
//! contract; a waived finding carries `"waived": true` and the waiver's reason.

use serde::Serialize;

use crate::report::Report;

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    tool: Tool,
    today: String,
    summary: Summary,
    findings: Vec<JsonFinding<'a>>,
    /// Under the publisher profile: each declaration's readiness.
    #[serde(skip_serializing_if = "Option::is_none")]
    readiness: Option<Vec<JsonReadiness<'a>>>,
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

pub fn render(report: &Report) -> String {
    // Sized up front (a finding takes about 600 bytes): growing by doubling would, for a large
    // inventory, hold the old and the new buffer at once.
    let mut buffer = Vec::with_capacity(1024 + report.findings.len() * 640);
    if let Err(e) = write(report, &mut buffer) {
        return format!("{{\"error\": \"{e}\"}}\n");
    }
    // serde_json writes UTF-8 only.
    String::from_utf8(buffer).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Writes the report to `out` as it is serialised, without holding the text in memory (for
/// 100,000 declarations the text alone is tens of megabytes).
pub fn write(report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let (errors, warnings, infos, waived) = report.counts();
    let publisher = report.profile == crate::profile::Profile::Publisher;
    let doc = JsonReport {
        version: 1,
        tool: Tool {
            name: "ibp-lint",
            version: env!("CARGO_PKG_VERSION"),
        },
        today: report.today.format("%Y-%m-%d").to_string(),
        summary: Summary {
            files: report.files,
            resources: report.resources,
            errors,
            warnings,
            infos,
            waived,
            baselined: report
                .baseline
                .as_ref()
                .map(|_| report.findings.iter().filter(|f| f.baselined).count()),
            readiness: publisher.then(|| {
                let (met, total) = crate::profile::totals(&report.readiness);
                Readiness { met, total }
            }),
        },
        findings: report
            .findings
            .iter()
            .map(|f| JsonFinding {
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
            })
            .collect(),
        readiness: publisher.then(|| {
            report
                .readiness
                .iter()
                .map(|r| JsonReadiness {
                    file: &r.file,
                    resource: r.resource.as_deref(),
                    met: r.met,
                    total: r.total,
                    unmet: &r.unmet,
                })
                .collect()
        }),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    out.write_all(b"\n")
}
