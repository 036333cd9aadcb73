//! What the integration tests share: the binary with a fixed environment, and small helpers
//! to build inventories and repositories in temporary folders.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// "today" of every test run: the fixtures' dates are chosen relative to it.
pub const TODAY: &str = "2026-11-23";

/// A path inside the crate.
pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The binary with a fixed environment, run in `dir`: English, fixed width, no colour.
pub fn ibp_in(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("ibp-lint").unwrap();
    cmd.current_dir(dir)
        .env_remove("LC_ALL")
        .env_remove("LANG")
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1");
    cmd
}

/// The binary run in the crate's folder.
pub fn ibp() -> Command {
    ibp_in(Path::new(env!("CARGO_MANIFEST_DIR")))
}

/// Runs the binary in the crate's folder with `args`: exit code, standard output, standard
/// error (both UTF-8).
pub fn run(args: &[&str]) -> (i32, String, String) {
    let out = ibp().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The outcome of a run: exit code, standard output, standard error.
pub struct Outcome {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `cmd` and collects its outcome.
pub fn outcome(mut cmd: Command) -> Outcome {
    let out = cmd.output().unwrap();
    Outcome {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs git in `dir` with a fixed identity; panics when it fails.
pub fn git(dir: &Path, args: &[&str]) {
    let status = std::process::Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.email=t@example.org", "-c", "user.name=t"])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

/// Writes `files` (relative path, content) under `dir`, creating folders.
pub fn write_files(dir: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(path, text).unwrap();
    }
}

/// The complete, compliant example declaration of format.md with another `id`.
pub fn declaration(id: &str) -> String {
    std::fs::read_to_string(repo(
        "fixtures/rules/AGR-007/pass-custom-all-clauses-flow.yaml",
    ))
    .unwrap()
    .replace("agr-007-pass-custom-all-clauses-flow", id)
}

/// A board catalogue declaring `BOARD-001` with the given help text (English).
pub fn board_catalogue(help_en: &str) -> String {
    format!(
        "version: 1\nrules:\n  - code: BOARD-001\n    name: board-rule\n    area: board\n    severity: error\n    title: {{en: \"board rule\", nl: \"bestuursregel\"}}\n    message: {{en: \"board finding\", nl: \"bevinding van het bestuur\"}}\n    help: {{en: {help_en}, nl: \"los het op\"}}\n    why: {{en: \"because\", nl: \"omdat\"}}\n    references: []\n"
    )
}

/// A board policy in `package ibp.rules.board` whose one rule has `body` as its conditions
/// and emits BOARD-001.
pub fn board_policy(body: &str) -> String {
    format!(
        "package ibp.rules.board\n\nfindings contains f if {{\n\t{body}\n\tf := {{\"code\": \"BOARD-001\", \"path\": \"/id\", \"args\": {{}}}}\n}}\n"
    )
}

/// The path an environment variable names for a test that needs an outside tool (`.ci/run`
/// sets it), or `None` with a note on standard error when it is unset: the test is skipped.
/// Under CI (`CI` set) a skip would hide a missing install step, so it panics; it panics too
/// when the variable names nothing that exists. `what` says what the tool is for.
pub fn tool_path(var: &str, what: &str) -> Option<PathBuf> {
    match std::env::var_os(var).filter(|v| !v.is_empty()) {
        Some(path) => {
            let path = PathBuf::from(path);
            assert!(path.exists(), "{var}={} does not exist", path.display());
            Some(path)
        }
        None if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) => {
            panic!("{var} is not set under CI: {what} (.ci/run sets it)")
        }
        None => {
            eprintln!("SKIPPED: {what}: set {var} (see .ci/run)");
            None
        }
    }
}

/// The (file, line, column, code) of every finding of a JSON report, in its order: the key
/// the report is sorted by.
pub fn places(report: &serde_json::Value) -> Vec<(String, u64, u64, String)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["code"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}
