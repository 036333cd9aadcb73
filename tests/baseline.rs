//! Adopting ibp-lint on an existing inventory: baselines and `--changed-since`, in real
//! temporary git repositories, as the README section "Adopting ibp-lint on an existing
//! inventory" describes.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{TODAY, git};

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// A git repository holding a copy of the example inventory under `inventory/`, committed.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let inventory = dir.path().join("inventory");
    std::fs::create_dir(&inventory).unwrap();
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/inventory");
    for entry in std::fs::read_dir(source).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            std::fs::copy(&path, inventory.join(path.file_name().unwrap())).unwrap();
        }
    }
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "inventory"]);
    dir
}

fn ibp(dir: &Path, args: &[&str]) -> (i32, Value, String) {
    let out = Command::cargo_bin("ibp-lint")
        .unwrap()
        .current_dir(dir)
        .env_remove("LC_ALL")
        .env_remove("LANG")
        .args(["check", "--today", TODAY, "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let value = serde_json::from_str(&stdout).unwrap_or(Value::Null);
    (out.status.code().unwrap(), value, stderr)
}

fn counted(report: &Value) -> Vec<(String, String)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["baselined"] != true && f["waived"] != true)
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["file"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn edit(path: &PathBuf, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_baseline_accepts_the_backlog_and_blocks_what_is_added() {
    let repo = repository();
    let dir = repo.path();
    let (code, _, _) = ibp(
        dir,
        &["--write-baseline", "ibp-lint-baseline.json", "inventory"],
    );
    assert_eq!(code, 0, "writing a baseline accepts the current findings");
    let text = std::fs::read_to_string(dir.join("ibp-lint-baseline.json")).unwrap();
    assert!(!text.contains("\"line\""), "no line numbers in a baseline");
    let entries = text.lines().filter(|l| l.contains("{\"code\"")).count();
    assert_eq!(
        entries, 21,
        "every counted finding of the example inventory, one per line"
    );
    let mut sorted: Vec<&str> = text.lines().filter(|l| l.contains("{\"code\"")).collect();
    sorted.sort();
    assert_eq!(
        text.lines()
            .filter(|l| l.contains("{\"code\""))
            .collect::<Vec<_>>(),
        sorted,
        "sorted"
    );

    let (code, report, _) = ibp(dir, &["--baseline", "ibp-lint-baseline.json", "inventory"]);
    assert_eq!(code, 0);
    assert_eq!(report["summary"]["baselined"], 21);
    assert_eq!(report["summary"]["errors"], 0);

    // Lines added above a baselined finding do not break the baseline.
    let peil = dir.join("inventory/peilwijzer.yaml");
    edit(
        &peil,
        "apiVersion:",
        "# a comment\n# another one\napiVersion:",
    );
    let (code, report, _) = ibp(dir, &["--baseline", "ibp-lint-baseline.json", "inventory"]);
    assert_eq!((code, counted(&report)), (0, vec![]));

    // A new non-compliant declaration is blocked; only its findings count.
    let vlug = std::fs::read_to_string(dir.join("inventory/vlugvinger.yaml")).unwrap();
    std::fs::write(
        dir.join("inventory/nieuw.yaml"),
        vlug.replace("id: vlugvinger", "id: nieuw"),
    )
    .unwrap();
    let (code, report, _) = ibp(dir, &["--baseline", "ibp-lint-baseline.json", "inventory"]);
    assert_eq!(code, 1);
    let new = counted(&report);
    assert!(!new.is_empty());
    assert!(
        new.iter().all(|(_, file)| file == "inventory/nieuw.yaml"),
        "{new:?}"
    );
    std::fs::remove_file(dir.join("inventory/nieuw.yaml")).unwrap();

    // A baselined value that changes counts again.
    edit(&peil, "expires_on: 2026-07-31", "expires_on: 2026-06-30");
    let (code, report, _) = ibp(dir, &["--baseline", "ibp-lint-baseline.json", "inventory"]);
    assert_eq!(code, 1);
    let new: Vec<(String, String)> = counted(&report)
        .into_iter()
        .filter(|(c, _)| c != "BASE-001")
        .collect();
    assert_eq!(
        new,
        vec![(
            "AGR-002".to_string(),
            "inventory/peilwijzer.yaml".to_string()
        )]
    );
    let stale: Vec<&Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "BASE-001")
        .collect();
    assert_eq!(
        stale.len(),
        1,
        "the old entry of the changed value is stale"
    );

    // Fixing a baselined problem leaves a stale entry, reported at its line (info: exit 0).
    edit(&peil, "expires_on: 2026-06-30", "expires_on: 2028-07-31");
    let (code, report, _) = ibp(dir, &["--baseline", "ibp-lint-baseline.json", "inventory"]);
    assert_eq!(code, 0);
    let stale = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "BASE-001")
        .unwrap();
    assert_eq!(stale["file"], "ibp-lint-baseline.json");
    assert_eq!(stale["severity"], "info");
    let line = stale["line"].as_u64().unwrap() as usize;
    assert!(
        text.lines().nth(line - 1).unwrap().contains("AGR-002"),
        "points at the entry's line"
    );
}

#[test]
fn an_unreadable_baseline_is_exit_2() {
    let repo = repository();
    let (code, _, stderr) = ibp(repo.path(), &["--baseline", "missing.json", "inventory"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("missing.json"), "{stderr}");
    std::fs::write(
        repo.path().join("bad.json"),
        "{\"version\": 1, \"entries\": [{\"code\": 5}]}",
    )
    .unwrap();
    let (code, _, stderr) = ibp(repo.path(), &["--baseline", "bad.json", "inventory"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("not an ibp-lint baseline"), "{stderr}");
}

#[test]
fn changed_since_reports_only_what_a_branch_adds() {
    let repo = repository();
    let dir = repo.path();
    git(dir, &["checkout", "-q", "-b", "feature"]);
    let vlug = std::fs::read_to_string(dir.join("inventory/vlugvinger.yaml")).unwrap();
    std::fs::write(
        dir.join("inventory/nieuw.yaml"),
        vlug.replace("id: vlugvinger", "id: nieuw"),
    )
    .unwrap();
    // A new file that reuses an existing id, sorted before it.
    let peil = std::fs::read_to_string(dir.join("inventory/peilwijzer.yaml")).unwrap();
    std::fs::write(
        dir.join("inventory/a-kopie.yaml"),
        peil.replace("privacybijsluiter-peilwijzer", "privacybijsluiter-kopie"),
    )
    .unwrap();
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "add two"]);

    let (code, report, stderr) = ibp(dir, &["--changed-since", "main", "inventory"]);
    assert_eq!(code, 1, "{stderr}");
    let files: std::collections::BTreeSet<String> =
        counted(&report).into_iter().map(|(_, f)| f).collect();
    assert_eq!(
        files,
        ["inventory/a-kopie.yaml", "inventory/nieuw.yaml"]
            .iter()
            .map(|s| (*s).to_string())
            .collect()
    );
    let inv: Vec<(String, String)> = counted(&report)
        .into_iter()
        .filter(|(c, _)| c == "INV-001")
        .collect();
    assert_eq!(
        inv,
        vec![("INV-001".to_string(), "inventory/a-kopie.yaml".to_string())],
        "the new copy is caught"
    );
    assert_eq!(
        report["summary"]["files"], 12,
        "the whole inventory was read"
    );

    // Uncommitted edits count as changed too.
    let leer = dir.join("inventory/leerpoort.yaml");
    std::fs::write(&leer, std::fs::read_to_string(&leer).unwrap()).unwrap();
    let (_, report, _) = ibp(dir, &["--changed-since", "HEAD", "inventory"]);
    assert!(
        counted(&report).is_empty(),
        "nothing differs from HEAD: {report}"
    );
}

#[test]
fn changed_since_fails_closed_outside_git_or_with_an_unknown_ref() {
    let repo = repository();
    let (code, _, stderr) = ibp(
        repo.path(),
        &["--changed-since", "no-such-branch", "inventory"],
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains("unknown git revision `no-such-branch`"),
        "{stderr}"
    );

    let plain = tempfile::tempdir().unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/inventory/sommenstorm.yaml"),
        plain.path().join("a.yaml"),
    )
    .unwrap();
    let (code, _, stderr) = ibp(plain.path(), &["--changed-since", "main", "."]);
    assert_eq!(code, 2);
    assert!(stderr.contains("is not in a git repository"), "{stderr}");
}

/// A baseline written by an earlier build (before the engine's findings were made by one
/// constructor) still matches every finding of the example inventory: the value hashes are
/// part of the file format and must not change between versions.
#[test]
fn a_baseline_written_by_an_earlier_version_stays_valid() {
    let repo = repository();
    let dir = repo.path();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/example-inventory.baseline.json"),
        dir.join("old-baseline.json"),
    )
    .unwrap();
    let (code, report, stderr) = ibp(dir, &["--baseline", "old-baseline.json", "inventory"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(report["summary"]["baselined"], 21);
    assert_eq!(counted(&report), Vec::<(String, String)>::new());
    let stale: Vec<&Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "BASE-001")
        .collect();
    assert!(stale.is_empty(), "{stale:?}");
    // And the baseline this version writes is the same file, byte for byte.
    let (code, _, _) = ibp(dir, &["--write-baseline", "new-baseline.json", "inventory"]);
    assert_eq!(code, 0);
    assert_eq!(
        std::fs::read_to_string(dir.join("new-baseline.json")).unwrap(),
        std::fs::read_to_string(dir.join("old-baseline.json")).unwrap()
    );
}
