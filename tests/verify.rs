//! The Rego unit tests of the built-in policy pack (`policies/*_test.rego`): they all pass, every
//! rule code a policy emits has tests of its own, the tests reach every line of every policy
//! file, and `ibp-lint verify` reports them (and a failing board test) with the right exit code.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::run;

use std::collections::BTreeSet;

use ibp_lint::policy::BUILTIN;
use ibp_lint::verify::{Outcome, VerifyReport};

/// The built-in tests, run with coverage.
fn builtin_report() -> VerifyReport {
    ibp_lint::verify::run(&[], true).expect("the built-in Rego tests run")
}

/// Codes the Rego pack can emit, read from its source (`"code": "XXX-000"`).
fn rego_codes() -> BTreeSet<String> {
    let mut codes = BTreeSet::new();
    for (_, source) in BUILTIN {
        let mut rest = *source;
        while let Some(i) = rest.find("\"code\": \"") {
            rest = &rest[i + 9..];
            let end = rest.find('"').unwrap();
            codes.insert(rest[..end].to_string());
        }
    }
    codes
}

#[test]
fn builtin_tests_pass_and_none_is_skipped() {
    let report = builtin_report();
    let failures: Vec<String> = report
        .results
        .iter()
        .filter_map(|r| match &r.outcome {
            Outcome::Fail(why) => Some(format!("{}:{}: {}\n    {why}", r.file, r.line, r.name)),
            _ => None,
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} Rego test(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    let skipped: Vec<&str> = report
        .results
        .iter()
        .filter(|r| r.outcome == Outcome::Skip)
        .map(|r| r.name.as_str())
        .collect();
    assert!(
        skipped.is_empty(),
        "the built-in pack has skipped (todo_) tests: {skipped:?}"
    );
}

#[test]
fn every_emitted_code_has_tests() {
    let report = builtin_report();
    let codes = rego_codes();
    assert!(
        codes.len() > 30,
        "too few codes found in the policies: {codes:?}"
    );
    let mut missing = Vec::new();
    for code in &codes {
        let prefix = format!("test_{}_", code.to_lowercase().replace('-', ""));
        let tests = report
            .results
            .iter()
            .filter(|r| r.name.contains(&prefix))
            .count();
        if tests < 2 {
            missing.push(format!("{code}: {tests} test(s) named `{prefix}*`"));
        }
    }
    assert!(
        missing.is_empty(),
        "codes without at least two tests:\n{}",
        missing.join("\n")
    );
}

#[test]
fn tests_reach_every_line_of_every_policy() {
    let report = builtin_report();
    let coverage = report.coverage.expect("coverage was asked for");
    let mut problems = Vec::new();
    for (name, _) in BUILTIN {
        let Some(file) = coverage.iter().find(|f| f.file == *name) else {
            problems.push(format!("{name}: not in the coverage report"));
            continue;
        };
        if !file.not_covered.is_empty() {
            let total = file.covered + file.not_covered.len();
            let lines: Vec<String> = file.not_covered.iter().map(u32::to_string).collect();
            problems.push(format!(
                "{name}: {}/{total} lines covered, not reached: {}",
                file.covered,
                lines.join(", ")
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "policy lines the Rego tests do not reach:\n{}",
        problems.join("\n")
    );
}

#[test]
fn verify_command_passes_on_the_builtin_pack() {
    let (code, stdout, stderr) = run(&["verify"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let last = stdout.lines().last().unwrap_or_default();
    let passed: usize = last
        .strip_suffix(" passed, 0 failed, 0 skipped")
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("unexpected summary line `{last}`:\n{stdout}"));
    assert!(passed > 60, "only {passed} Rego tests passed");
    assert!(!stdout.contains("FAIL "), "{stdout}");
}

#[test]
fn verify_command_fails_on_a_failing_board_test() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("board_test.rego");
    std::fs::write(
        &file,
        r#"package ibp.test.board

import data.ibp.main
import data.ibp.testing

test_board_compliant_example_passes if {
	found := main.findings with input as testing.input_base with data.settings as testing.settings
	count(found) == 0
}

test_board_expects_a_finding_that_is_not_there if {
	found := main.findings with input as testing.input_base with data.settings as testing.settings
	"AGR-001" in testing.codes(found)
}
"#,
    )
    .unwrap();
    let (code, stdout, stderr) = run(&["verify", dir.path().to_str().unwrap()]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    let fail = stdout
        .lines()
        .find(|l| l.starts_with("FAIL "))
        .unwrap_or_else(|| panic!("no FAIL line:\n{stdout}"));
    assert!(
        fail.contains("board_test.rego:11:")
            && fail.contains("data.ibp.test.board.test_board_expects_a_finding_that_is_not_there"),
        "{fail}"
    );
    assert!(
        stdout.contains("data.ibp.test.board.test_board_compliant_example_passes"),
        "{stdout}"
    );
    let last = stdout.lines().last().unwrap_or_default();
    assert!(last.ends_with(" passed, 1 failed, 0 skipped"), "{last}");
}
