//! The compiled RVM path (used by `check`) and the interpreter (used by `verify`) give the same
//! findings on every fixture: the rule fixtures, the example inventory and the board policy.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use ibp_lint::check::{Options, run};
use ibp_lint::policy::EngineKind;

fn findings(path: &Path, engine: EngineKind) -> Vec<String> {
    let options = Options {
        paths: vec![path.to_path_buf()],
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 23),
        engine,
        ..Options::default()
    };
    let report = run(&options).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    report
        .findings
        .iter()
        .map(|f| {
            format!(
                "{}:{}:{} {} {} {:?}",
                f.file, f.position.line, f.position.column, f.code, f.message, f.waived
            )
        })
        .collect()
}

#[test]
fn rvm_and_interpreter_agree_on_every_fixture() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths: Vec<PathBuf> = vec![
        root.join("fixtures/inventory"),
        root.join("fixtures/board-policy/inventory"),
    ];
    for entry in std::fs::read_dir(root.join("fixtures/rules")).unwrap() {
        let dir = entry.unwrap().path();
        if dir.is_dir() {
            paths.push(dir);
        }
    }
    let mut compared = 0;
    for path in paths {
        let rvm = findings(&path, EngineKind::Rvm);
        let interpreter = findings(&path, EngineKind::Interpreter);
        assert_eq!(rvm, interpreter, "{}", path.display());
        compared += rvm.len();
    }
    assert!(compared > 200, "only {compared} findings compared");
}
