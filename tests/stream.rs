//! `check` writes its report while it runs (issue 20): the files are checked in parallel and
//! reported in path order through a reorder window, and the findings known only at the end
//! (an unused waiver in the configuration, a stale baseline entry) still come in their place.
//! These tests hold the streamed output to the report the same run gives when held whole.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::path::Path;

use common::{TODAY, board_catalogue, board_policy, declaration, ibp_in, outcome, write_files};
use serde_json::Value;

const FORMATS: [&str; 7] = [
    "human", "concise", "json", "sarif", "junit", "github", "gitlab",
];

/// `check --today TODAY ARGS...` in `dir`: the outcome.
fn check(dir: &Path, args: &[&str]) -> common::Outcome {
    let mut cmd = ibp_in(dir);
    cmd.args(["check", "--today", TODAY]).args(args);
    outcome(cmd)
}

/// The (file, line, column, code) of every finding of a JSON report's text, in its order.
fn places(json: &str) -> Vec<(String, u64, u64, String)> {
    let report: Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"));
    common::places(&report)
}

/// The example declaration with the given id and leaflet URL, its agreement expired when
/// `expired` (AGR-002).
fn with(id: &str, url: &str, expired: bool) -> String {
    let text = declaration(id);
    let old_url = format!("url: https://www.voorbeeld.example/privacybijsluiter-{id}.pdf");
    assert!(text.contains(&old_url), "{text}");
    let text = text.replace(&old_url, &format!("url: {url}"));
    if expired {
        assert!(text.contains("expires_on: 2027-07-31"));
        text.replace("expires_on: 2027-07-31", "expires_on: 2025-01-31")
    } else {
        text
    }
}

fn expired(id: &str, url: &str) -> String {
    with(id, url, true)
}

/// An inventory whose configuration (with a waiver that matches nothing) and baseline (with
/// an entry that no longer occurs) sort between its declarations: `a/` before, `z/` after.
fn late_files_between_declarations() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let config = "apiVersion: ibp-lint/v1\nkind: Config\nwaivers:\n  - rule: AGR-002\n    resource: niet-bestaand\n    reason: voorbeeld\n    approved_by: FG\n";
    let base = "{\n  \"version\": 1,\n  \"entries\": [\n    {\"code\":\"AGR-002\",\"resource\":\"weg\",\"path\":\"/processing_agreement/expires_on\",\"value\":\"0000000000000000\"}\n  ]\n}\n";
    let a = expired("eerste", "https://a.example/bijsluiter");
    let z = expired("laatste", "https://z.example/bijsluiter");
    write_files(
        dir.path(),
        &[
            ("ibp-lint.yaml", config),
            ("baseline.json", base),
            ("a/eerste.yaml", &a),
            ("z/laatste.yaml", &z),
        ],
    );
    dir
}

#[test]
fn findings_known_at_the_end_come_in_their_place_between_the_declarations() {
    let dir = late_files_between_declarations();
    let run = check(
        dir.path(),
        &["--format", "json", "--baseline", "baseline.json", "."],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let got = places(&run.stdout);
    let files: Vec<&str> = got.iter().map(|p| p.0.as_str()).collect();
    assert_eq!(
        files,
        [
            "a/eerste.yaml",
            "baseline.json",
            "ibp-lint.yaml",
            "z/laatste.yaml"
        ],
        "{got:?}"
    );
    let codes: Vec<&str> = got.iter().map(|p| p.3.as_str()).collect();
    assert_eq!(codes, ["AGR-002", "BASE-001", "WAIVE-001", "AGR-002"]);
    let mut sorted = got.clone();
    sorted.sort();
    assert_eq!(got, sorted, "report order");

    // JUnit: the suites in the same order, the configuration's between the declarations'.
    let run = check(
        dir.path(),
        &["--format", "junit", "--baseline", "baseline.json", "."],
    );
    let doc = roxmltree::Document::parse(&run.stdout).unwrap();
    let suites: Vec<&str> = doc
        .root_element()
        .children()
        .filter(|n| n.is_element())
        .map(|n| n.attribute("name").unwrap())
        .collect();
    assert_eq!(
        suites,
        [
            "a/eerste.yaml",
            "baseline.json",
            "ibp-lint.yaml",
            "z/laatste.yaml"
        ]
    );

    // Human: the unused waiver's diagnostic shows the configuration's own lines.
    let run = check(dir.path(), &["--baseline", "baseline.json", "."]);
    let waive = run.stdout.find("WAIVE-001").unwrap();
    let first = run.stdout.find("a/eerste.yaml").unwrap();
    let last = run.stdout.find("z/laatste.yaml").unwrap();
    assert!(first < waive && waive < last, "{}", run.stdout);
    assert!(
        run.stdout.contains("resource: niet-bestaand"),
        "{}",
        run.stdout
    );
}

/// An inventory of `n` declarations, every tenth with an expired agreement, every 25th
/// repeating the id of the first (INV-001 far from its first declaration) and every 40th
/// sharing the first's leaflet (INV-002).
fn many(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..n {
        let id = if i > 0 && i % 25 == 0 {
            "r0000".to_string()
        } else {
            format!("r{i:04}")
        };
        let url = if i % 40 == 0 {
            "https://gedeeld.example/bijsluiter".to_string()
        } else {
            format!("https://www.example.nl/{i}/bijsluiter")
        };
        let text = with(&id, &url, i % 10 == 0);
        let folder = format!("d{}", i % 7);
        write_files(dir.path(), &[(&format!("{folder}/{i:04}.yaml"), &text)]);
    }
    dir
}

#[test]
fn parallel_workers_report_the_same_bytes_as_one() {
    let dir = many(300);
    for format in FORMATS {
        let one = check(dir.path(), &["--format", format, "--jobs", "1", "."]);
        assert_eq!(one.code, 1, "{format}: {}", one.stderr);
        for jobs in ["2", "5"] {
            let more = check(dir.path(), &["--format", format, "--jobs", jobs, "."]);
            assert_eq!(more.code, 1);
            assert!(
                one.stdout == more.stdout,
                "{format} with --jobs {jobs} differs from --jobs 1"
            );
        }
    }
    let json = check(dir.path(), &["--format", "json", "--jobs", "2", "."]).stdout;
    let got = places(&json);
    let mut sorted = got.clone();
    sorted.sort();
    assert_eq!(got, sorted, "report order");
    let count = |code: &str| got.iter().filter(|p| p.3 == code).count();
    assert_eq!(count("AGR-002"), 30, "every tenth of 300");
    assert_eq!(count("INV-001"), 11, "i = 25, 50, ..., 275");
    // i = 0, 40, ..., 280 share one leaflet; in walk order (by folder `d{i % 7}`) the first is
    // d0/0000. Each later one has an id another earlier one lacks, 200 too (it repeats the
    // first's id, but d0/0280 came before it with another).
    assert_eq!(count("INV-002"), 7);
}

#[test]
fn the_streamed_report_is_the_report_held_whole() {
    // The library's whole-report path (`check::run` then `render::render`, used by the
    // register and the fuzz target) and the command line's streamed one give the same bytes.
    let dir = late_files_between_declarations();
    for (format, name) in [
        (ibp_lint::render::Format::Concise, "concise"),
        (ibp_lint::render::Format::Json, "json"),
        (ibp_lint::render::Format::Sarif, "sarif"),
        (ibp_lint::render::Format::Junit, "junit"),
        (ibp_lint::render::Format::Github, "github"),
        (ibp_lint::render::Format::Gitlab, "gitlab"),
    ] {
        let options = ibp_lint::check::Options {
            paths: vec![dir.path().to_path_buf()],
            today: Some(chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()),
            baseline: Some(dir.path().join("baseline.json")),
            ..Default::default()
        };
        let report = ibp_lint::check::run(&options).unwrap();
        let whole = ibp_lint::render::render(&report, format, Default::default());
        let root = dir.path().to_str().unwrap();
        let streamed = check(
            Path::new("/"),
            &[
                "--format",
                name,
                "--baseline",
                &format!("{root}/baseline.json"),
                root,
            ],
        );
        assert_eq!(streamed.code, 1, "{}", streamed.stderr);
        assert_eq!(whole, streamed.stdout, "{name}");
        assert!(whole.contains("WAIVE-001") && whole.contains("BASE-001"));
    }
}

#[test]
fn a_run_that_fails_leaves_no_output_file() {
    let dir = many(20);
    let run = check(
        dir.path(),
        &[
            "--format",
            "json",
            "--output",
            "report.json",
            "--max-run-seconds",
            "0",
            ".",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("report"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    // The same run within its time writes the report.
    let run = check(
        dir.path(),
        &["--format", "json", "--output", "report.json", "."],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        places(&std::fs::read_to_string(dir.path().join("report.json")).unwrap()).len(),
        2
    );
}

/// The SARIF log is written around a placeholder for its results, after the rules; a board
/// rule whose help text is that placeholder must not take the results' place.
#[test]
fn a_rule_text_that_is_the_results_placeholder_stays_a_text() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[
            (
                "board/catalogue.yaml",
                &board_catalogue("\"@@ibp-lint:sarif-results@@\""),
            ),
            (
                "board/board.rego",
                &board_policy("input.resource.id != \"\""),
            ),
            ("inventory/a.yaml", &declaration("een")),
        ],
    );
    let run = check(
        dir.path(),
        &["--format", "sarif", "--policy", "board", "inventory"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let log: Value = serde_json::from_str(&run.stdout).unwrap();
    let sarif_run = &log["runs"][0];
    let results = sarif_run["results"].as_array().unwrap();
    assert_eq!(results.len(), 1, "{results:?}");
    assert_eq!(results[0]["ruleId"], "BOARD-001");
    let rule = sarif_run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "BOARD-001")
        .unwrap();
    assert_eq!(rule["help"]["text"], "@@ibp-lint:sarif-results@@");
}
