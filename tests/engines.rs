//! The compiled RVM path (used by `check`) and the interpreter (used by `verify`) give the same
//! findings, with the same severities, on every fixture: the rule fixtures, the example
//! inventory and the board policy, under both profiles (the publisher profile raises the
//! readiness findings, whose rules read keys most declarations lack: where the two engines
//! differed on an undefined value, it would show there).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use ibp_lint::check::{Options, run};
use ibp_lint::policy::EngineKind;
use ibp_lint::profile::Profile;

fn findings(path: &Path, engine: EngineKind, profile: Profile) -> Vec<String> {
    let options = Options {
        paths: vec![path.to_path_buf()],
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 23),
        engine,
        profile: Some(profile),
        ..Options::default()
    };
    let report = run(&options).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    report
        .findings
        .iter()
        .map(|f| {
            format!(
                "{}:{}:{} {} {} {} {:?}",
                f.file, f.position.line, f.position.column, f.code, f.severity, f.message, f.waived
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
        for profile in [Profile::Officer, Profile::Publisher] {
            let rvm = findings(&path, EngineKind::Rvm, profile);
            let interpreter = findings(&path, EngineKind::Interpreter, profile);
            assert_eq!(rvm, interpreter, "{} ({profile:?})", path.display());
            compared += rvm.len();
        }
    }
    assert!(compared > 400, "only {compared} findings compared");
}
