//! The built-in Rego pack means the same on Go OPA as on regorus: its unit tests (the modules
//! `ibp-lint verify` loads: the policies, their tests, `testing.rego` and the generated entry
//! module), with those of the example board's policies, pass under OPA's test runner, and they
//! are the same tests, by name, that pass under `verify`. Board policy authors test with `opa test` (or conftest), so a rule that OPA reads
//! otherwise would mislead them.
//!
//! Go OPA comes from the PyPI wheel `opa-golib-python-bindings`, driven by
//! `scripts/opa_test.py`; `IBP_OPA_BINDINGS` names the wheel or the folder it was unpacked into
//! (`.ci/run` downloads the pinned wheel and sets it). Without it the tests say they are
//! skipped, except under CI (`CI` set), where a skip would hide a missing install step: there
//! they fail.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use ibp_lint::policy::{BUILTIN, BUILTIN_TESTS, entry_module};
use ibp_lint::verify::Outcome;

/// The bindings named by `IBP_OPA_BINDINGS`, or `None` (with a note) when the test is to be
/// skipped; panics under CI without them.
fn bindings() -> Option<PathBuf> {
    common::tool_path(
        "IBP_OPA_BINDINGS",
        "the Rego tests must run on Go OPA too (the opa-golib-python-bindings wheel or its unpacked folder)",
    )
}

/// Runs `scripts/opa_test.py -v DIR`: exit code, standard output, standard error.
fn opa_test(bindings: &Path, dir: &Path) -> (i32, String, String) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/opa_test.py");
    let out = Command::new("python3")
        .arg(&script)
        .arg("--bindings")
        .arg(bindings)
        .arg("-v")
        .arg(dir)
        .output()
        .unwrap_or_else(|e| panic!("python3 {}: {e}", script.display()));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The names (`data.pkg.test_x`) of the lines of the script's output that start with `word`.
fn named(stdout: &str, word: &str) -> BTreeSet<String> {
    stdout
        .lines()
        .filter_map(|l| l.strip_prefix(word))
        .filter_map(|l| l.rsplit_once(": ").map(|(_, name)| name.to_string()))
        .collect()
}

/// The example board's policy folder, whose tests run beside the built-in ones.
const BOARD: &str = "fixtures/board-policy/board-policies";

/// The modules `verify BOARD` loads, written under `dir` by their names: the built-in pack and
/// its tests, the board's modules and the entry module generated over both.
fn write_modules(dir: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources: Vec<(String, String)> = BUILTIN
        .iter()
        .chain(BUILTIN_TESTS.iter())
        .map(|(name, source)| ((*name).to_string(), (*source).to_string()))
        .collect();
    for entry in std::fs::read_dir(root.join(BOARD)).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rego") {
            let name = format!("board/{}", path.file_name().unwrap().to_str().unwrap());
            sources.push((name, std::fs::read_to_string(&path).unwrap()));
        }
    }
    let entry = entry_module(sources.iter().map(|(_, s)| s.as_str()));
    sources.push(("ibp-lint-main.rego".to_string(), entry));
    for (name, source) in sources {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, source).unwrap();
    }
}

#[test]
fn builtin_and_board_rego_tests_pass_on_go_opa() {
    let Some(bindings) = bindings() else { return };
    let dir = tempfile::tempdir().unwrap();
    write_modules(dir.path());
    let (code, stdout, stderr) = opa_test(&bindings, dir.path());
    let failed: Vec<&str> = stdout.lines().filter(|l| !l.starts_with("PASS ")).collect();
    assert_eq!(
        code,
        0,
        "the built-in Rego tests fail on Go OPA:\n{}\n{stderr}",
        failed.join("\n")
    );
    // The same tests pass on regorus (`verify`) and on OPA: none found by one runner only.
    let on_opa = named(&stdout, "PASS ");
    let board = Path::new(env!("CARGO_MANIFEST_DIR")).join(BOARD);
    let report = ibp_lint::verify::run(&[board], false).unwrap();
    let on_regorus: BTreeSet<String> = report
        .results
        .iter()
        .filter(|r| r.outcome == Outcome::Pass)
        .map(|r| r.name.clone())
        .collect();
    assert_eq!(on_opa, on_regorus, "{stdout}");
    assert!(on_opa.len() > 300, "only {} tests ran on OPA", on_opa.len());
    assert!(
        stdout.ends_with(&format!(
            "opa: {} passed, 0 failed, 0 skipped\n",
            on_opa.len()
        )),
        "{stdout}"
    );
}

/// The runner is not vacuous: a false, an undefined and an erring test fail (and the others
/// of an erring package are still told apart), `todo_` is skipped, and the exit code says so.
/// `test_not_in_absent` is the construct of SEC-001 before it was rewritten: true on regorus,
/// undefined on OPA.
#[test]
fn the_opa_runner_reports_failing_tests() {
    let Some(bindings) = bindings() else { return };
    let dir = tempfile::tempdir().unwrap();
    let module = "package ibp.test.probe\n\n\
        test_true if true\n\n\
        test_false if false\n\n\
        test_not_in_absent if not \"security\" in input.resource.processing_agreement.annexes\n\n\
        todo_later if false\n";
    std::fs::write(dir.path().join("probe_test.rego"), module).unwrap();
    let conflict = "package ibp.test.conflict\n\n\
        value := 1 if true\n\n\
        value := 2 if true\n\n\
        test_conflict if value == 1\n\n\
        test_fine if true\n";
    std::fs::write(dir.path().join("conflict_test.rego"), conflict).unwrap();
    let (code, stdout, stderr) = opa_test(&bindings, dir.path());
    assert_eq!(code, 1, "{stdout}\n{stderr}");
    assert_eq!(
        named(&stdout, "FAIL "),
        BTreeSet::from([
            "data.ibp.test.probe.test_false".to_string(),
            "data.ibp.test.probe.test_not_in_absent".to_string(),
            "data.ibp.test.conflict.test_conflict".to_string(),
        ]),
        "{stdout}"
    );
    assert_eq!(
        named(&stdout, "PASS "),
        BTreeSet::from([
            "data.ibp.test.probe.test_true".to_string(),
            "data.ibp.test.conflict.test_fine".to_string(),
        ]),
        "{stdout}"
    );
    assert!(stdout.contains("conflict"), "{stdout}");
    assert!(
        stdout.ends_with("opa: 2 passed, 3 failed, 1 skipped\n"),
        "{stdout}"
    );
}
