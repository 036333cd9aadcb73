//! A bounded random search over mutated declarations (a stand-in for a fuzzer that runs in
//! CI): every mutant goes through bytes -> parse -> locate -> schema -> policies -> render
//! without a panic, and every finding's line and column lie inside its file and its path
//! resolves in the document. Deterministic (a fixed seed), 400 mutants per run. A second test
//! holds the in-memory checker of the fuzz target (`check::Single`) to the findings of
//! `check::run`, file by file.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::Path;

use ibp_lint::check::{Options, run};
use ibp_lint::render::{Format, HumanOptions, render};

/// splitmix64: small, good enough for choosing mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const PIECES: &[&str] = &[
    ":",
    "- ",
    "\n",
    "  ",
    "\t",
    "[",
    "]",
    "{",
    "}",
    "&a ",
    "*a",
    "#",
    "\"",
    "'",
    "---\n",
    "~",
    "null",
    "4.0",
    "NO",
    "2025-02-30",
    "ü",
    "\r",
    "\u{1b}[31m",
    "|\n  x",
    ">-\n  y",
    "? ",
    "!!str ",
    "0x1F",
    "99999999999999999999",
    "geboortedatum",
    "US",
    "scc",
];

fn mutate(rng: &mut Rng, text: &str) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(5) {
            0 => {
                let piece = PIECES[rng.below(PIECES.len())];
                bytes.splice(at..at, piece.bytes());
            }
            1 => {
                let end = (at + rng.below(40)).min(bytes.len());
                bytes.drain(at..end);
            }
            2 => {
                // Duplicate a line somewhere else.
                let lines: Vec<&str> = text.lines().collect();
                let line = lines[rng.below(lines.len())];
                bytes.splice(at..at, format!("{line}\n").into_bytes());
            }
            3 => {
                if at < bytes.len() {
                    bytes[at] = (rng.next() & 0xff) as u8;
                }
            }
            _ => {
                // Swap two lines' indentation by inserting or removing spaces at a line start.
                if let Some(nl) = bytes[..at].iter().rposition(|b| *b == b'\n') {
                    bytes.insert(nl + 1, b' ');
                }
            }
        }
    }
    bytes
}

#[test]
fn mutated_declarations_never_panic_and_findings_stay_inside_their_file() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources = Vec::new();
    for dir in [
        "fixtures/inventory",
        "fixtures/rules/XFER-001",
        "fixtures/rules/SPEC-001",
    ] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "yaml") && !path.ends_with("ibp-lint.yaml") {
                sources.push(std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng(0x1b9_2026_1123);
    for i in 0..400 {
        let source = &sources[rng.below(sources.len())];
        std::fs::write(
            dir.path().join(format!("m{i:03}.yaml")),
            mutate(&mut rng, source),
        )
        .unwrap();
    }
    let report = run(&Options {
        paths: vec![dir.path().to_path_buf()],
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 23),
        keep_sources: true,
        ..Options::default()
    })
    .unwrap();
    assert_eq!(report.files, 400);
    // Every renderer copes with whatever the mutants produced.
    for format in [
        Format::Human,
        Format::Concise,
        Format::Json,
        Format::Sarif,
        Format::Junit,
        Format::Github,
        Format::Gitlab,
    ] {
        assert!(!render(&report, format, HumanOptions::default()).is_empty());
    }
    let mut checked = 0;
    for f in &report.findings {
        let path = Path::new(&f.file);
        let bytes = std::fs::read(path).unwrap();
        let text = String::from_utf8_lossy(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes))
            .into_owned();
        let lines = ibp_lint::parse::line_lengths(&text);
        let (line, column) = (f.position.line, f.position.column);
        assert!(
            line >= 1 && line <= lines.len(),
            "{}: line {line} of {} ({})",
            f.file,
            lines.len(),
            f.code
        );
        assert!(
            column >= 1 && column <= lines[line - 1] + 1,
            "{}:{line}: column {column} beyond {} characters ({})",
            f.file,
            lines[line - 1],
            f.code
        );
        if let Ok(text) = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes))
        {
            if let Ok(doc) = ibp_lint::parse::parse(text) {
                assert!(
                    f.path.is_empty() || doc.value.pointer(&f.path).is_some(),
                    "{}: path {} of {} does not resolve",
                    f.file,
                    f.path,
                    f.code
                );
            }
        }
        checked += 1;
    }
    assert!(checked > 400, "only {checked} findings checked");
}

/// `check::Single` (the in-memory checker the fuzz target uses) gives exactly the findings of
/// `check::run` for every mutant and every rule fixture: the fuzzer exercises the real path.
#[test]
fn the_in_memory_checker_agrees_with_the_run() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23);
    let mut single =
        ibp_lint::check::Single::new(today.unwrap(), ibp_lint::lang::Lang::En).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng(0x5eed_2026);
    let mut files = Vec::new();
    for code in std::fs::read_dir(root.join("fixtures/rules")).unwrap() {
        let code = code.unwrap().path();
        if !code.is_dir() {
            continue;
        }
        for entry in std::fs::read_dir(code).unwrap() {
            let path = entry.unwrap().path();
            if !path.is_file() {
                continue;
            }
            let bytes = std::fs::read(path).unwrap();
            let mutant = mutate(&mut rng, &String::from_utf8_lossy(&bytes));
            files.push(bytes);
            files.push(mutant);
        }
    }
    let shape = |f: &ibp_lint::finding::Finding| {
        (
            f.code.clone(),
            f.position.line,
            f.position.column,
            f.path.clone(),
            f.message.clone(),
            f.severity,
        )
    };
    let mut compared = 0;
    for (i, bytes) in files.iter().enumerate() {
        let name = format!("f{i:04}.yaml");
        let path = dir.path().join(&name);
        std::fs::write(&path, bytes).unwrap();
        let expected = run(&Options {
            paths: vec![path.clone()],
            today,
            jobs: Some(1),
            ..Options::default()
        })
        .unwrap();
        let got = single.check(&expected.checked[0], bytes).unwrap();
        assert_eq!(
            got.findings.iter().map(shape).collect::<Vec<_>>(),
            expected.findings.iter().map(shape).collect::<Vec<_>>(),
            "{name}"
        );
        assert_eq!(got.resources, expected.resources, "{name}");
        compared += got.findings.len();
        std::fs::remove_file(&path).unwrap();
    }
    assert!(
        files.len() > 500 && compared > 400,
        "{} files, {compared} findings",
        files.len()
    );
}
