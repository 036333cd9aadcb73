//! Fuzz target `check`: one input = the bytes of one declaration file, checked in memory by
//! `check::Single`, which runs the per-file code path of `check::run` (decode -> parse ->
//! locate -> schema -> policies) with the catalogue, schema and policy pack prepared once.
//! The report is then rendered in every format. The properties are those of
//! `tests/mutations.rs`: no panic, every finding's line and column inside the file, every
//! finding's path resolving in the parsed document.
//!
//! A deterministic sample of the inputs (by hash; all of them with `IBP_FUZZ_FULL_EVERY=1`,
//! none with `0`) also goes through the real `check::run` on a temp file, whose findings must
//! match those of `Single` (code, place, path). That part checks what `Single` skips: folder
//! discovery, file reading and the assembly of the report.
//!
//! Beyond `tests/mutations.rs`: the JSON, SARIF and GitLab outputs must be valid JSON and the
//! JUnit output well-formed XML (what tests/formats.rs promises for the fixtures).

#![no_main]

use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use chrono::NaiveDate;
use ibp_lint::lang::Lang;
use ibp_lint::check::{Options, Report, Single, run};
use ibp_lint::board::config::Config;
use ibp_lint::finding::Finding;
use ibp_lint::parse;
use ibp_lint::render::{Format, HumanOptions, render};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

const FORMATS: [Format; 7] = [
    Format::Human,
    Format::Concise,
    Format::Json,
    Format::Sarif,
    Format::Junit,
    Format::Github,
    Format::Gitlab,
];

/// The file name findings carry (the display path `check::run` would give it).
const DISPLAY: &str = "fuzz/d.yaml";

struct Shared {
    /// The in-memory checker (not `Sync`: it holds the regorus VM).
    single: Mutex<Single>,
    today: NaiveDate,
    /// Temp folder for the real `check::run` (one file, `d.yaml`).
    dir: PathBuf,
    full_every: u64,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let single = Single::new(today, Lang::default())
            .unwrap_or_else(|e| panic!("check::Single::new failed: {e}"));
        let dir = std::env::temp_dir().join(format!("ibp-lint-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        // `check::run` looks for a board configuration upwards from the folder.
        assert!(
            Config::discover(&dir).is_none(),
            "an ibp-lint.yaml above {} would change the run",
            dir.display()
        );
        let full_every = std::env::var("IBP_FUZZ_FULL_EVERY")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(16);
        Shared {
            single: Mutex::new(single),
            today,
            dir,
            full_every,
        }
    })
}

/// The properties of `tests/mutations.rs`, plus well-formed machine-readable outputs.
fn check_report(report: &Report, bytes: &[u8]) {
    for format in FORMATS {
        let out = render(report, format, HumanOptions::default());
        // Concise (and GitHub) print findings only, so they may be empty without any.
        assert!(
            !out.is_empty()
                || (report.findings.is_empty()
                    && matches!(format, Format::Concise | Format::Github)),
            "{format:?} rendered nothing"
        );
        match format {
            Format::Json | Format::Sarif | Format::Gitlab => {
                if let Err(e) = serde_json::from_str::<Value>(&out) {
                    panic!("{format:?} output is not JSON: {e}\n{out}");
                }
            }
            Format::Junit => {
                if let Err(e) = roxmltree::Document::parse(&out) {
                    panic!("JUnit output is not well-formed XML: {e}\n{out}");
                }
            }
            _ => {}
        }
    }
    let human = HumanOptions {
        color: true,
        quiet: false,
        show_waived: true,
        show_baselined: true,
        width: 40,
    };
    assert!(!render(report, Format::Human, human).is_empty());

    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = String::from_utf8_lossy(body).into_owned();
    let lines = ibp_lint::parse::line_lengths(&text);
    let doc = std::str::from_utf8(body)
        .ok()
        .and_then(|t| parse::parse(t).ok());
    for f in &report.findings {
        let (line, column) = (f.position.line, f.position.column);
        assert!(
            line >= 1 && line <= lines.len(),
            "line {line} of {} ({})",
            lines.len(),
            f.code
        );
        assert!(
            column >= 1 && column <= lines[line - 1] + 1,
            "{line}: column {column} beyond {} characters ({})",
            lines[line - 1],
            f.code
        );
        if let Some(doc) = &doc {
            assert!(
                f.path.is_empty() || doc.value.pointer(&f.path).is_some(),
                "path {} of {} does not resolve",
                f.path,
                f.code
            );
        }
    }
}

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The real `check::run` on the bytes as `d.yaml` in a temp folder.
fn full_run(sh: &Shared, bytes: &[u8]) -> Report {
    let file = sh.dir.join("d.yaml");
    std::fs::write(&file, bytes).unwrap();
    let report = run(&Options {
        paths: vec![sh.dir.clone()],
        today: Some(sh.today),
        keep_sources: true,
        jobs: Some(1),
        ..Options::default()
    })
    .unwrap_or_else(|e| panic!("check::run failed: {e}"));
    assert_eq!(report.files, 1);
    report
}

fn places(findings: &[Finding]) -> Vec<(String, usize, usize, String)> {
    let mut v: Vec<_> = findings
        .iter()
        .map(|f| {
            (
                f.code.clone(),
                f.position.line,
                f.position.column,
                f.path.clone(),
            )
        })
        .collect();
    v.sort();
    v
}

fuzz_target!(|bytes: &[u8]| {
    let sh = shared();
    // `check::run` would fail the whole run (exit 2) on this error: a bug for this input.
    let report = sh
        .single
        .lock()
        .unwrap()
        .check(DISPLAY, bytes)
        .unwrap_or_else(|e| panic!("check::Single::check failed: {e}"));
    check_report(&report, bytes);

    if sh.full_every != 0 && fnv(bytes) % sh.full_every == 0 {
        let real = full_run(sh, bytes);
        check_report(&real, bytes);
        assert_eq!(
            places(&real.findings),
            places(&report.findings),
            "check::run and check::Single disagree"
        );
    }
});
