//! The rule fixtures, driven from the catalogue: every code has fail and pass fixtures, every
//! fail fixture raises its code exactly where and as often as its `# expect:` lines say, and
//! every pass fixture stays silent on its code. Also checks that catalogue and Rego agree.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use ibp_lint::catalogue::{Catalogue, placeholders};
use ibp_lint::check::{Options, run};
use ibp_lint::lang::Lang;
use ibp_lint::policy::BUILTIN;
use ibp_lint::profile::Profile;

const TODAY: &str = "2026-11-23";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules")
}

/// The profile a fixture is checked under: `# profile: publisher` among the header comments of
/// the file (of any file, for an `INV-*` folder), else the default.
fn profile_of(path: &Path) -> Option<Profile> {
    let publisher = yaml_files(path).iter().any(|file| {
        let text = String::from_utf8_lossy(&std::fs::read(file).unwrap()).into_owned();
        text.lines()
            .take_while(|l| l.starts_with('#') || l.trim().is_empty())
            .any(|l| l.trim() == "# profile: publisher")
    });
    publisher.then_some(Profile::Publisher)
}

fn check(path: &Path) -> Vec<(String, usize, usize)> {
    let options = Options {
        paths: vec![path.to_path_buf()],
        today: chrono::NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").ok(),
        lang: Lang::En,
        profile: profile_of(path),
        ..Options::default()
    };
    let report = run(&options).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    report
        .findings
        .iter()
        .map(|f| (f.code.clone(), f.position.line, f.position.column))
        .collect()
}

/// The `# expect:` lines of a file: (code, Some((line, col)) or None).
fn expectations(file: &Path) -> Vec<(String, Option<(usize, usize)>)> {
    let text = String::from_utf8_lossy(&std::fs::read(file).unwrap()).into_owned();
    text.lines()
        .take_while(|l| l.starts_with('#') || l.trim().is_empty())
        .filter_map(|l| l.strip_prefix("# expect: "))
        .map(|rest| match rest.split_once(" at ") {
            Some((code, pos)) => {
                let (l, c) = pos.trim().split_once(':').unwrap();
                (
                    code.trim().to_string(),
                    Some((l.parse().unwrap(), c.parse().unwrap())),
                )
            }
            None => (rest.trim().to_string(), None),
        })
        .collect()
}

fn entries(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix) && n != "README.md")
        })
        .collect();
    v.sort();
    v
}

fn yaml_files(path: &Path) -> Vec<PathBuf> {
    if path.is_dir() {
        let mut v: Vec<PathBuf> = std::fs::read_dir(path)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .collect();
        v.sort();
        v
    } else {
        vec![path.to_path_buf()]
    }
}

fn codes_with_fixtures() -> Vec<String> {
    Catalogue::builtin()
        .unwrap()
        .rules()
        .iter()
        .map(|r| r.code.clone())
        .filter(|c| !["WAIVE-", "BASE-", "POL-"].iter().any(|p| c.starts_with(p)))
        .collect()
}

#[test]
fn every_fail_fixture_raises_its_code_where_expected() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for code in codes_with_fixtures() {
        let dir = root().join(&code);
        let fails = entries(&dir, "fail");
        assert!(
            !fails.is_empty(),
            "{code} has no fail fixture in {}",
            dir.display()
        );
        for fixture in fails {
            checked += 1;
            let got = check(&fixture);
            let got_code: Vec<(usize, usize)> = got
                .iter()
                .filter(|(c, _, _)| *c == code)
                .map(|(_, l, c)| (*l, *c))
                .collect();
            let mut expected = Vec::new();
            for file in yaml_files(&fixture) {
                expected.extend(expectations(&file).into_iter().filter(|(c, _)| *c == code));
            }
            if expected.is_empty() {
                failures.push(format!("{}: no `# expect: {code}` line", fixture.display()));
                continue;
            }
            if got_code.len() != expected.len() {
                failures.push(format!(
                    "{}: expected {} × {code}, got {:?} (all findings: {got:?})",
                    fixture.display(),
                    expected.len(),
                    got_code
                ));
                continue;
            }
            let want: BTreeSet<(usize, usize)> = expected.iter().filter_map(|(_, p)| *p).collect();
            let have: BTreeSet<(usize, usize)> = got_code.iter().copied().collect();
            if !want.is_subset(&have) {
                failures.push(format!(
                    "{}: {code} expected at {want:?}, found at {have:?}",
                    fixture.display()
                ));
            }
        }
    }
    assert!(checked > 40, "only {checked} fail fixtures");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_pass_fixture_stays_silent_on_its_code() {
    let mut failures = Vec::new();
    for code in codes_with_fixtures() {
        let dir = root().join(&code);
        let passes = entries(&dir, "pass");
        assert!(!passes.is_empty(), "{code} has no pass fixture");
        for fixture in passes {
            let got = check(&fixture);
            if got.iter().any(|(c, _, _)| *c == code) {
                failures.push(format!("{}: raised {code}: {got:?}", fixture.display()));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
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
fn catalogue_and_policies_agree() {
    let catalogue = Catalogue::builtin().unwrap();
    let emitted = rego_codes();
    for code in &emitted {
        assert!(
            catalogue.get(code).is_some(),
            "Rego emits {code}, which the catalogue lacks"
        );
    }
    for rule in catalogue.rules() {
        let tool_rule = ["DECL-", "INV-", "WAIVE-", "BASE-", "POL-"]
            .iter()
            .any(|p| rule.code.starts_with(p));
        assert!(
            tool_rule || emitted.contains(&rule.code),
            "{} is in the catalogue but no policy emits it",
            rule.code
        );
    }
}

#[test]
fn catalogue_entries_are_complete_in_both_languages() {
    let catalogue = Catalogue::builtin().unwrap();
    let mut names = BTreeSet::new();
    for rule in catalogue.rules() {
        assert!(
            names.insert(rule.name.clone()),
            "name {} repeated",
            rule.name
        );
        for (what, text) in [
            ("title", &rule.title),
            ("message", &rule.message),
            ("help", &rule.help),
            ("why", &rule.why),
        ] {
            assert!(
                !text.en.trim().is_empty(),
                "{} {what} (en) is empty",
                rule.code
            );
            assert!(
                !text.nl.trim().is_empty(),
                "{} {what} (nl) is empty",
                rule.code
            );
            assert_ne!(text.en, text.nl, "{} {what} is not translated", rule.code);
            let (mut en, mut nl) = (placeholders(&text.en), placeholders(&text.nl));
            en.sort();
            nl.sort();
            assert_eq!(
                en, nl,
                "{} {what}: placeholders differ between en and nl",
                rule.code
            );
        }
        assert!(
            !rule.message.en.ends_with('.') && !rule.message.nl.ends_with('.'),
            "{}: messages end without a period",
            rule.code
        );
        for (name, variant) in &rule.variants {
            let mut en = placeholders(&variant.message.en);
            let mut nl = placeholders(&variant.message.nl);
            en.sort();
            nl.sort();
            assert_eq!(en, nl, "{} variant {name}: placeholders differ", rule.code);
        }
    }
}
