//! `json`: the versioned report of cli.md (version 1). Keys and their order are part of the
//! contract; a waived finding carries `"waived": true` and the waiver's reason.

use serde::Serialize;

use crate::check::Report;

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    tool: Tool,
    today: String,
    summary: Summary,
    findings: Vec<JsonFinding<'a>>,
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
    let (errors, warnings, infos, waived) = report.counts();
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
    };
    let mut text =
        serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}
