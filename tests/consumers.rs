//! ibp-lint's CI reports as real consumers read them: the SARIF log through sarif-tools' loader
//! and the JUnit XML through junitparser (`scripts/consumers.py`), compared with the JSON
//! report of the same run; and the register's workbook through openpyxl (sheets, frozen and
//! filtered header, date cells, status fills). `IBP_PY_CONSUMERS` names the folder the pinned wheels were unpacked
//! into (`.ci/run` does it). Without it the tests say they were skipped, except under CI (`CI`
//! set), where a skip would hide a missing install step: there they fail.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use common::{TODAY, ibp, repo};
use serde_json::Value;

/// The folder of the unpacked consumers, or `None` (with a note) when the tests are skipped;
/// panics under CI without it.
fn consumers() -> Option<PathBuf> {
    common::tool_path(
        "IBP_PY_CONSUMERS",
        "the reports must be read by sarif-tools, junitparser and openpyxl (the folder of their unpacked wheels)",
    )
}

/// Runs `check --format FORMAT` on the example inventory into a file and lets the consumer
/// read it; returns what it understood.
fn read_back(consumers: &std::path::Path, format: &str) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(format!("report.{format}"));
    let out = ibp()
        .args(["check", "--today", TODAY, "--format", format, "--output"])
        .arg(&file)
        .arg("fixtures/inventory")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    consume(consumers, format, &file)
}

/// Lets the consumer of `kind` read `file`; returns what it understood.
fn consume(consumers: &std::path::Path, kind: &str, file: &std::path::Path) -> Value {
    // `-S`: no site-packages, so only the unpacked, pinned wheels are used.
    let read = std::process::Command::new("python3")
        .arg("-S")
        .arg(repo("scripts/consumers.py"))
        .arg(kind)
        .arg(file)
        .env("PYTHONPATH", consumers)
        .output()
        .unwrap();
    assert!(
        read.status.success(),
        "{kind}: {}",
        String::from_utf8_lossy(&read.stderr)
    );
    serde_json::from_slice(&read.stdout).unwrap()
}

/// The JSON report of the example inventory.
fn report() -> Value {
    let out = ibp()
        .args([
            "check",
            "--today",
            TODAY,
            "--format",
            "json",
            "fixtures/inventory",
        ])
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn sarif_tools_reads_every_counted_finding() {
    let Some(consumers) = consumers() else {
        return;
    };
    let seen = read_back(&consumers, "sarif");
    let report = report();
    let findings: Vec<&Value> = report["findings"].as_array().unwrap().iter().collect();
    assert_eq!(seen["tools"], serde_json::json!(["ibp-lint"]));
    assert_eq!(seen["results"], findings.len());
    let mut expected: Vec<(String, String, u64, String)> = findings
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                // sarif-tools shows SARIF's levels: error, warning, note.
                match f["severity"].as_str().unwrap() {
                    "info" => "note".to_string(),
                    other => other.to_string(),
                },
            )
        })
        .collect();
    let mut got: Vec<(String, String, u64, String)> = seen["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["code"].as_str().unwrap().to_string(),
                r["file"].as_str().unwrap().to_string(),
                r["line"].as_u64().unwrap(),
                r["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    expected.sort();
    got.sort();
    assert_eq!(got, expected);
}

#[test]
fn junitparser_reads_one_suite_per_file_and_the_failing_rules() {
    let Some(consumers) = consumers() else {
        return;
    };
    let seen = read_back(&consumers, "junit");
    let report = report();
    // A rule fails for a file when the file has a counted error or warning of it.
    let mut failing: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for f in report["findings"].as_array().unwrap() {
        if f["severity"] == "info" || f["waived"] == true {
            continue;
        }
        let codes = failing
            .entry(f["file"].as_str().unwrap().to_string())
            .or_default();
        let code = f["code"].as_str().unwrap().to_string();
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    let suites = seen["suites"].as_array().unwrap();
    assert_eq!(
        suites.len(),
        report["summary"]["files"].as_u64().unwrap() as usize
    );
    let mut total_failures = 0;
    for suite in suites {
        let name = suite["name"].as_str().unwrap();
        let mut expected = failing.get(name).cloned().unwrap_or_default();
        expected.sort();
        let got: Vec<String> = suite["failing"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap().to_string())
            .collect();
        assert_eq!(got, expected, "{name}");
        assert_eq!(
            suite["failures"].as_u64().unwrap() as usize,
            expected.len(),
            "{name}"
        );
        total_failures += expected.len();
    }
    assert_eq!(seen["failures"].as_u64().unwrap() as usize, total_failures);
    assert_eq!(seen["errors"], 0);
}

#[test]
fn openpyxl_reads_the_register_workbook_with_its_frozen_filtered_header_and_dates() {
    let Some(consumers) = consumers() else { return };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("register.xlsx");
    let out = ibp()
        .args([
            "report", "--today", TODAY, "--format", "xlsx", "--lang", "nl", "--output",
        ])
        .arg(&file)
        .arg("fixtures/inventory")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let book = consume(&consumers, "xlsx", &file);
    assert_eq!(
        book["sheets"],
        serde_json::json!(["Overzicht", "Middelen", "Bevindingen"])
    );
    assert_eq!(book["active"], "Middelen");
    let sheet = &book["content"]["Middelen"];
    assert_eq!(
        sheet["freeze_panes"], "B2",
        "header row and id column frozen"
    );
    let rows = sheet["rows"].as_array().unwrap();
    // A header and one row per resource, all under the filter.
    assert_eq!(rows.len(), 11);
    let last = ibp_lint::register::columns::columns().len() - 1;
    let corner = ibp_lint::import::cell_reference(10, last);
    assert_eq!(sheet["auto_filter"], format!("A1:{corner}"));
    let header: Vec<&str> = rows[0]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["value"].as_str().unwrap())
        .collect();
    let at = |h: &str| header.iter().position(|x| *x == h).unwrap();
    let peilwijzer = rows.iter().find(|r| r[0]["value"] == "peilwijzer").unwrap();
    let expires = &peilwijzer[at("loopt af op")];
    assert_eq!(expires["value"], "2026-07-31");
    assert_eq!(expires["date"], true, "an Excel date, not text");
    assert_eq!(peilwijzer[at("fouten")]["value"], 1);
    assert_eq!(peilwijzer[at("status")]["value"], "met fouten");
    assert_eq!(
        peilwijzer[at("status")]["fill"],
        "FFFFC7CE",
        "Excel's bad fill"
    );
    let volgwijzer = rows.iter().find(|r| r[0]["value"] == "volgwijzer").unwrap();
    assert_eq!(volgwijzer[at("KvK-nummer")]["value"], "08142957");
    assert_eq!(
        volgwijzer[at("status")]["fill"],
        "FFC6EFCE",
        "Excel's good fill"
    );
    let findings = book["content"]["Bevindingen"]["rows"].as_array().unwrap();
    assert_eq!(findings.len(), 1 + 21, "a row per open finding");
}
