//! The publisher profile end to end: readiness findings raised as errors, LEAF-004 and CONV-001
//! as errors, the readiness line per declaration (English and Dutch) and `summary.readiness`
//! in JSON, `profile:` in the configuration, and `rules --profile publisher`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{TODAY, ibp_in, outcome, repo, write_files};

/// The complete example of format.md (model 4.0, a participant, one subprocessor, the ECK iD).
fn example() -> String {
    std::fs::read_to_string(repo("fixtures/rules/AGR-007/pass-model-4.0-no-covers.yaml"))
        .unwrap()
        .replace("agr-007-pass-model-4-0-no-covers", "rekenmeester")
}

/// The example with every readiness requirement declared.
fn ready() -> String {
    example()
        .replace(
            "  updated_on: 2025-03-01\n",
            "  updated_on: 2025-03-01\n  covers: [product, purposes, data, subprocessors, locations, retention, security, breach, rights, eck_id]\n",
        )
        .replace(
            "transfers: []\n",
            "subprocessor_terms:\n  authorisation: specific\ntransfers: []\nrights_support:\n  access: true\n  rectification: true\n  erasure: true\n  response_working_days: 5\n",
        )
        .replace(
            "  delete_after_contract_days: 60\n",
            "  delete_after_contract_days: 60\n  return_on_exit:\n    formats: [CSV]\n    days: 30\n",
        )
        .replace(
            "  certifications: [ISO27001]\n",
            "  certifications: [ISO27001]\n  vulnerability_disclosure:\n    url: https://www.voorbeeld.example/.well-known/security.txt\n    security_txt: true\n",
        )
}

fn check(dir: &std::path::Path, args: &[&str]) -> common::Outcome {
    let mut cmd = ibp_in(dir);
    cmd.args(["check", "--today", TODAY]).args(args);
    outcome(cmd)
}

#[test]
fn the_officer_profile_raises_no_readiness_finding() {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), &[("a.yaml", &example())]);
    let run = check(dir.path(), &["--format", "json", "a.yaml"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert!(report["summary"].get("readiness").is_none());
    assert!(report.get("readiness").is_none());
}

#[test]
fn a_publisher_sees_what_is_not_declared_yet_and_the_count() {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), &[("a.yaml", &example())]);
    // Applicable: the 11 unconditional requirements, SUB-002 (a subprocessor) and ID-004 (the
    // ECK iD), not TRACK-001 (no tracker): 13. Not declared: the leaflet's sections
    // (LEAF-005), subprocessor terms, rights support, exit, CVD: 5.
    let run = check(dir.path(), &["--profile", "publisher", "a.yaml"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let last = run.stdout.lines().last().unwrap();
    assert_eq!(
        last,
        "convenant readiness: 8 of 13 requirements met (a.yaml; not met: LEAF-005, SUB-002, RIGHTS-001, EXIT-001, CVD-001)"
    );
    let run = check(
        dir.path(),
        &["--profile", "publisher", "--format", "json", "a.yaml"],
    );
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        report["summary"]["readiness"],
        serde_json::json!({"met": 8, "total": 13})
    );
    let codes: Vec<(&str, &str)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["code"].as_str().unwrap(), f["severity"].as_str().unwrap()))
        .collect();
    for code in ["LEAF-005", "SUB-002", "RIGHTS-001", "EXIT-001", "CVD-001"] {
        assert!(
            codes.contains(&(code, "error")),
            "{code} raised as an error: {codes:?}"
        );
    }
    assert_eq!(codes.len(), 5, "nothing else: {codes:?}");
    // In Dutch.
    let run = check(
        dir.path(),
        &["--profile", "publisher", "--lang", "nl", "-q", "a.yaml"],
    );
    assert!(
        run.stdout
            .ends_with("gereed voor het convenant: 8 van 13 eisen voldaan (a.yaml; niet voldaan: LEAF-005, SUB-002, RIGHTS-001, EXIT-001, CVD-001)\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_ready_declaration_meets_every_requirement_and_passes() {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), &[("a.yaml", &ready())]);
    let run = check(dir.path(), &["--profile", "publisher", "a.yaml"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout
            .ends_with("convenant readiness: 13 of 13 requirements met (a.yaml)\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn leaf_004_and_conv_001_are_errors_for_a_publisher_and_the_config_can_choose_the_profile() {
    let dir = tempfile::tempdir().unwrap();
    let text = ready()
        .replace("  updated_on: 2025-03-01\n", "")
        .replace("  status: participant\n", "  status: none\n")
        .replace("model: \"4.0\"", "model: custom");
    write_files(dir.path(), &[("a.yaml", &text)]);
    let severities = |args: &[&str]| -> Vec<(String, String)> {
        let mut all = vec!["--format", "json"];
        all.extend_from_slice(args);
        all.push("a.yaml");
        let run = check(dir.path(), &all);
        let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| ["LEAF-004", "CONV-001"].contains(&f["code"].as_str().unwrap()))
            .map(|f| {
                (
                    f["code"].as_str().unwrap().to_string(),
                    f["severity"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let officer = severities(&[]);
    assert_eq!(
        officer,
        vec![
            ("CONV-001".to_string(), "warning".to_string()),
            ("LEAF-004".to_string(), "info".to_string())
        ]
    );
    let publisher = severities(&["--profile", "publisher"]);
    assert_eq!(
        publisher,
        vec![
            ("CONV-001".to_string(), "error".to_string()),
            ("LEAF-004".to_string(), "error".to_string())
        ]
    );
    std::fs::write(
        dir.path().join("ibp-lint.yaml"),
        "apiVersion: ibp-lint/v1\nkind: Config\nprofile: publisher\n",
    )
    .unwrap();
    assert_eq!(severities(&[]), publisher, "profile: in the configuration");
    assert_eq!(
        severities(&["--profile", "officer"]),
        officer,
        "--profile beats it"
    );
}

#[test]
fn rules_marks_the_readiness_requirements_for_a_publisher() {
    let mut cmd = common::ibp();
    cmd.args(["rules", "--profile", "publisher", "--format", "json"]);
    let run = outcome(cmd);
    assert_eq!(run.code, 0);
    let rules: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let marked: Vec<&str> = rules
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["readiness"] == true)
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        marked,
        vec![
            "AGR-001",
            "AGR-006",
            "LEAF-001",
            "LEAF-002",
            "LEAF-003",
            "LEAF-004",
            "LEAF-005",
            "ID-004",
            "PURP-001",
            "SUB-002",
            "TRACK-001",
            "RIGHTS-001",
            "EXIT-001",
            "CVD-001"
        ],
        "the 14 codes of rules.md, in catalogue order"
    );
    let mut cmd = common::ibp();
    cmd.args(["rules", "--profile", "publisher"]);
    let run = outcome(cmd);
    let lines: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.ends_with("[readiness]"))
        .collect();
    assert_eq!(lines.len(), 14);
    let mut cmd = common::ibp();
    cmd.args(["rules"]);
    assert!(!outcome(cmd).stdout.contains("[readiness]"));
}
