//! End-to-end tests of the CI formats of `check` (`sarif`, `junit`, `github`, `gitlab`):
//! snapshots of the example inventory, SARIF against the OASIS schema, fingerprints that
//! survive lines added above a finding, and JUnit read back with a real XML parser.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{TODAY, ibp};

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde_json::Value;

const INVENTORY: &str = "fixtures/inventory";
const PEILWIJZER: &str = include_str!("../fixtures/inventory/peilwijzer.yaml");

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// `check --format FORMAT --today TODAY ARGS...`: exit code and standard output.
fn check_in(dir: &Path, format: &str, args: &[&str]) -> (i32, String) {
    let out = ibp()
        .current_dir(dir)
        .args(["check", "--format", format, "--today", TODAY])
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.is_empty(), "{format} {args:?}: {stderr}");
    (out.status.code().unwrap_or(-1), stdout)
}

fn check(format: &str, args: &[&str]) -> (i32, String) {
    check_in(&repo(""), format, args)
}

fn json_of(format: &str, args: &[&str]) -> Value {
    let (_, stdout) = check(format, args);
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

/// A temporary folder with the given files (name, content).
fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, content) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }
    dir
}

fn catalogue_codes() -> Vec<String> {
    ibp_lint::catalogue::Catalogue::builtin()
        .unwrap()
        .rules()
        .iter()
        .map(|r| r.code.clone())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Snapshots and what every format shares

#[test]
fn inventory_snapshots() {
    for (format, name) in [
        ("sarif", "inventory_sarif"),
        ("junit", "inventory_junit"),
        ("github", "inventory_github"),
        ("gitlab", "inventory_gitlab"),
    ] {
        let (code, stdout) = check(format, &[INVENTORY]);
        assert_eq!(
            code, 1,
            "{format}: the exit code does not depend on the format"
        );
        assert!(stdout.ends_with('\n'), "{format}");
        insta::assert_snapshot!(name, stdout);
    }
}

#[test]
fn every_format_gives_the_same_bytes_whatever_the_thread_count() {
    for format in ["sarif", "junit", "github", "gitlab"] {
        let (_, first) = check(format, &[INVENTORY]);
        let (_, again) = check(format, &["--jobs", "1", INVENTORY]);
        assert_eq!(first, again, "{format}");
    }
}

#[test]
fn output_flag_writes_the_ci_formats_too() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ibp-lint.sarif");
    let (code, stdout) = check(
        "sarif",
        &["--output", &out.display().to_string(), INVENTORY],
    );
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        check("sarif", &[INVENTORY]).1
    );
}

// ---------------------------------------------------------------------------------------------
// SARIF

/// A retriever that fetches nothing and remembers what it was asked for: the validator must
/// resolve every `$ref` of the SARIF schema inside the file, never over the network.
#[derive(Clone, Default)]
struct NoFetch(Arc<Mutex<Vec<String>>>);

impl jsonschema::Retrieve for NoFetch {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        self.0.lock().unwrap().push(uri.to_string());
        Err(format!("tests fetch nothing: {uri}").into())
    }
}

/// The OASIS SARIF 2.1.0 schema (errata 01) from the shared vendor data, compiled offline.
fn sarif_validator() -> (jsonschema::Validator, NoFetch) {
    // The shared vendor data when it is beside the repository, else the copy committed in
    // tests/data (the same file), so that a clone on its own still validates.
    let shared = repo("../shared/vendor-data/sarif/sarif-schema-2.1.0.json");
    let path = if shared.exists() {
        shared
    } else {
        repo("tests/data/sarif-schema-2.1.0.json")
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "the OASIS SARIF schema is needed to validate the SARIF output and is missing \
             ({}: {e})",
            path.display()
        )
    });
    let schema: Value = serde_json::from_str(&text).unwrap();
    // The OASIS file is draft-04 (`id`, not `$id`); said explicitly, not left to detection.
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-04/schema#");
    let fetches = NoFetch::default();
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(true)
        .with_retriever(fetches.clone())
        .build(&schema)
        .unwrap_or_else(|e| panic!("the SARIF schema does not compile offline: {e}"));
    (validator, fetches)
}

fn assert_valid_sarif(validator: &jsonschema::Validator, log: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what}: SARIF does not validate:\n{}",
        errors.join("\n")
    );
    assert!(validator.is_valid(log), "{what}");
}

/// Declarations that use every part of a result: a waived finding (suppression), a duplicate
/// id (related location), a file name that needs percent-encoding, and the board
/// configuration's own finding (an unused waiver).
fn waiver_inventory() -> tempfile::TempDir {
    let config = "\
apiVersion: ibp-lint/v1
kind: Config
waivers:
  - rule: MIN-001
    resource: peilwijzer
    reason: Nodig voor normering <besproken> met de FG & \"team\"
    approved_by: FG
  - rule: LEAF-003
    resource: peilwijzer
    reason: nieuwe bijsluiter aangevraagd
    approved_by: FG
  - rule: AGR-002
    resource: somewhere-else
    reason: typo in the id
    approved_by: FG
";
    folder(&[
        ("ibp-lint.yaml", config),
        ("po school/peil wijzer 100%.yaml", PEILWIJZER),
        ("vo/peilwijzer-kopie.yaml", PEILWIJZER),
    ])
}

#[test]
fn sarif_validates_against_the_oasis_schema_offline() {
    let (validator, fetches) = sarif_validator();

    let log = json_of("sarif", &[INVENTORY]);
    assert_valid_sarif(&validator, &log, "example inventory");
    let dutch = json_of("sarif", &["--lang", "nl", INVENTORY]);
    assert_valid_sarif(&validator, &dutch, "example inventory, Dutch");
    assert_eq!(dutch["runs"][0]["language"], "nl");

    let dir = waiver_inventory();
    let (code, text) = check_in(dir.path(), "sarif", &["--sarif-suppressed", "."]);
    assert_eq!(code, 1);
    let log: Value = serde_json::from_str(&text).unwrap();
    assert_valid_sarif(&validator, &log, "waived, related and encoded");
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(
        results.iter().any(|r| r["suppressions"].is_array()),
        "the run has a waived finding: {text}"
    );
    assert!(results.iter().any(|r| r["relatedLocations"].is_array()));

    assert!(
        fetches.0.lock().unwrap().is_empty(),
        "the validator tried to fetch {:?}",
        fetches.0.lock().unwrap()
    );
}

#[test]
fn the_sarif_schema_check_rejects_what_it_should() {
    // Without this, a validator that accepts everything would pass the test above.
    let (validator, _) = sarif_validator();
    let log = json_of("sarif", &[INVENTORY]);
    let mut wrong_level = log.clone();
    wrong_level["runs"][0]["results"][0]["level"] = "fatal".into();
    let mut no_message = log.clone();
    no_message["runs"][0]["results"][0]
        .as_object_mut()
        .unwrap()
        .remove("message");
    let mut column_zero = log.clone();
    column_zero["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startColumn"] =
        0.into();
    let mut bad_uri = log;
    bad_uri["$schema"] = "not a uri".into();
    for (what, broken) in [
        ("level", wrong_level),
        ("message", no_message),
        ("column", column_zero),
        ("$schema", bad_uri),
    ] {
        assert!(!validator.is_valid(&broken), "a broken {what} validates");
    }
}

#[test]
fn sarif_rules_and_results_follow_the_catalogue_and_the_report() {
    let log = json_of("sarif", &[INVENTORY]);
    let report = json_of("json", &[INVENTORY]);
    assert_eq!(
        log["$schema"],
        "https://json.schemastore.org/sarif-2.1.0.json"
    );
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(log["runs"].as_array().unwrap().len(), 1);
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "ibp-lint");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));

    let rules = driver["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, catalogue_codes(), "every rule, in catalogue order");
    let agr002 = rules.iter().find(|r| r["id"] == "AGR-002").unwrap();
    assert_eq!(agr002["name"], "agreement-expired");
    assert_eq!(agr002["defaultConfiguration"]["level"], "error");
    assert_eq!(
        agr002["shortDescription"]["text"],
        "processing agreement has expired"
    );
    assert!(
        agr002["help"]["text"]
            .as_str()
            .unwrap()
            .ends_with("references: AVG art. 28(3)")
    );

    let results = run["results"].as_array().unwrap();
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(results.len(), findings.len(), "one result per finding");
    for (result, finding) in results.iter().zip(findings) {
        assert_eq!(result["ruleId"], finding["code"]);
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(
            rules[index]["id"], result["ruleId"],
            "ruleIndex points at its rule"
        );
        let level = match finding["severity"].as_str().unwrap() {
            "error" => "error",
            "warning" => "warning",
            "info" => "note",
            other => panic!("{other}"),
        };
        assert_eq!(result["level"], level);
        assert_eq!(result["message"]["text"], finding["message"]);
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], finding["file"]);
        let region = &location["region"];
        assert_eq!(region["startLine"], finding["line"]);
        assert_eq!(region["startColumn"], finding["column"]);
        let start = (region["startLine"].as_u64(), region["startColumn"].as_u64());
        let end = (region["endLine"].as_u64(), region["endColumn"].as_u64());
        assert!(end > start, "a region ends after it starts: {region}");
        assert_eq!(result["properties"]["jsonPointer"], finding["path"]);
        assert!(
            result.get("suppressions").is_none(),
            "nothing is waived here"
        );
    }
    // AGR-002 in peilwijzer: `expires_on: 2026-07-31` at 31:15, ten characters.
    let expired = results.iter().find(|r| r["ruleId"] == "AGR-002").unwrap();
    assert_eq!(
        expired["locations"][0]["physicalLocation"]["region"],
        serde_json::json!({"startLine": 31, "startColumn": 15, "endLine": 31, "endColumn": 25})
    );
}

#[test]
fn sarif_suppressions_related_locations_and_uris() {
    let dir = waiver_inventory();
    // GitHub ignores suppressions: by default the waived findings are not in the log at all.
    let plain: Value = serde_json::from_str(&check_in(dir.path(), "sarif", &["."]).1).unwrap();
    let report: Value = serde_json::from_str(&check_in(dir.path(), "json", &["."]).1).unwrap();
    let plain_results = plain["runs"][0]["results"].as_array().unwrap();
    assert!(
        plain_results
            .iter()
            .all(|r| r.get("suppressions").is_none())
    );
    assert_eq!(
        plain_results.len(),
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["waived"] == false)
            .count()
    );
    let log: Value =
        serde_json::from_str(&check_in(dir.path(), "sarif", &["--sarif-suppressed", "."]).1)
            .unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    let uri = |r: &Value| {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .to_string()
    };

    let waived: Vec<&Value> = results
        .iter()
        .filter(|r| r["suppressions"].is_array())
        .collect();
    let mut waived_codes: Vec<&str> = waived
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    waived_codes.sort_unstable();
    assert_eq!(
        waived_codes,
        [
            "LEAF-003", "LEAF-003", "MIN-001", "MIN-001", "MIN-001", "MIN-001"
        ]
    );
    let min001 = waived.iter().find(|r| r["ruleId"] == "MIN-001").unwrap();
    assert_eq!(
        min001["suppressions"],
        serde_json::json!([{
            "kind": "external",
            "status": "accepted",
            "justification": "Nodig voor normering <besproken> met de FG & \"team\""
        }])
    );

    let duplicate = results.iter().find(|r| r["ruleId"] == "INV-001").unwrap();
    assert_eq!(uri(duplicate), "vo/peilwijzer-kopie.yaml");
    let related = &duplicate["relatedLocations"][0];
    assert_eq!(
        related["physicalLocation"]["artifactLocation"]["uri"],
        "po%20school/peil%20wijzer%20100%25.yaml",
        "spaces and `%` are percent-encoded"
    );
    assert_eq!(related["physicalLocation"]["region"]["startLine"], 5);
    assert_eq!(
        related["message"]["text"],
        "`peilwijzer` first declared here"
    );

    let unused = results.iter().find(|r| r["ruleId"] == "WAIVE-001").unwrap();
    assert_eq!(uri(unused), "ibp-lint.yaml", "the config's own finding");

    for r in results {
        let u = uri(r);
        assert!(
            u.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=@/%".contains(&b)),
            "only URI characters: {u}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Fingerprints (SARIF partialFingerprints, GitLab fingerprint)

/// (code, message) -> (line, SARIF fingerprint, GitLab fingerprint) for every counted finding.
fn fingerprints(dir: &Path) -> BTreeMap<(String, String), (u64, String, String)> {
    let sarif: Value = serde_json::from_str(&check_in(dir, "sarif", &["."]).1).unwrap();
    let gitlab: Value = serde_json::from_str(&check_in(dir, "gitlab", &["."]).1).unwrap();
    let mut out = BTreeMap::new();
    for r in sarif["runs"][0]["results"].as_array().unwrap() {
        let key = (
            r["ruleId"].as_str().unwrap().to_string(),
            r["message"]["text"].as_str().unwrap().to_string(),
        );
        let sarif_fp = r["partialFingerprints"]["ibpLint/v1"]
            .as_str()
            .unwrap()
            .to_string();
        let issue = gitlab
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["check_name"] == key.0.as_str() && i["description"] == key.1.as_str())
            .unwrap_or_else(|| panic!("{key:?} missing in {gitlab}"));
        let line = r["locations"][0]["physicalLocation"]["region"]["startLine"]
            .as_u64()
            .unwrap();
        assert_eq!(issue["location"]["lines"]["begin"], line);
        let old = out.insert(
            key,
            (
                line,
                sarif_fp,
                issue["fingerprint"].as_str().unwrap().to_string(),
            ),
        );
        assert!(old.is_none(), "(code, message) identifies a finding here");
    }
    out
}

#[test]
fn fingerprints_survive_lines_added_above_and_change_with_the_path() {
    let before = fingerprints(folder(&[("peilwijzer.yaml", PEILWIJZER)]).path());
    assert_eq!(before.len(), 4, "{before:?}");

    let shifted = format!("# een\n# twee\n# drie\n{PEILWIJZER}");
    let after = fingerprints(folder(&[("peilwijzer.yaml", &shifted)]).path());
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    for (key, (line, sarif, gitlab)) in &before {
        let (moved, sarif_after, gitlab_after) = &after[key];
        assert_eq!(*moved, line + 3, "{key:?} moved down");
        assert_eq!(sarif, sarif_after, "{key:?}: SARIF fingerprint kept");
        assert_eq!(gitlab, gitlab_after, "{key:?}: GitLab fingerprint kept");
    }

    // A field added above `geslacht` moves it from /fields/5 to /fields/6: a field finding is
    // fingerprinted by the field's id, not by its list index.
    let more_fields = PEILWIJZER.replace("  - voornaam\n", "  - voornaam\n  - roepnaam\n");
    assert_ne!(more_fields, PEILWIJZER);
    let after = fingerprints(folder(&[("peilwijzer.yaml", &more_fields)]).path());
    let key = (
        "MIN-001".to_string(),
        "`geslacht` is received together with `eck_id`".to_string(),
    );
    assert_eq!(after[&key].0, before[&key].0 + 1);
    assert_eq!(after[&key].1, before[&key].1);

    let renamed = fingerprints(folder(&[("peilwijzer-2026.yaml", PEILWIJZER)]).path());
    for (key, (_, sarif, gitlab)) in &before {
        let (_, sarif_renamed, gitlab_renamed) = &renamed[key];
        assert_ne!(
            sarif, sarif_renamed,
            "{key:?}: another file, another finding"
        );
        assert_ne!(gitlab, gitlab_renamed, "{key:?}");
    }
}

#[test]
fn fingerprints_are_unique_in_a_report_and_shared_by_sarif_and_gitlab() {
    let sarif = json_of("sarif", &[INVENTORY]);
    let gitlab = json_of("gitlab", &[INVENTORY]);
    let from_sarif: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["partialFingerprints"]["ibpLint/v1"].as_str().unwrap())
        .collect();
    let from_gitlab: Vec<&str> = gitlab
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(
        from_sarif, from_gitlab,
        "nothing waived: the same findings in the same order"
    );
    let unique: BTreeSet<&&str> = from_sarif.iter().collect();
    assert_eq!(unique.len(), from_sarif.len());
    assert!(
        from_sarif
            .iter()
            .all(|f| f.len() == 16 && f.bytes().all(|b| b.is_ascii_hexdigit())),
        "{from_sarif:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// JUnit, read back with roxmltree (a conforming, read-only XML 1.0 parser: it rejects
// malformed XML, unescaped markup and characters XML cannot carry)

fn parse_junit(xml: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("not well-formed XML: {e}\n{xml}"))
}

fn count(node: roxmltree::Node<'_, '_>, name: &str) -> usize {
    node.attribute(name)
        .unwrap_or_else(|| panic!("<{}> without {name}", node.tag_name().name()))
        .parse()
        .unwrap()
}

#[test]
fn junit_is_well_formed_with_a_suite_per_file_and_a_case_per_rule_with_findings() {
    let (_, xml) = check("junit", &[INVENTORY]);
    let doc = parse_junit(&xml);
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    assert_eq!(root.attribute("name"), Some("ibp-lint"));

    let mut checked: Vec<String> = std::fs::read_dir(repo(INVENTORY))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml") && n != "ibp-lint.yaml")
        .map(|n| format!("{INVENTORY}/{n}"))
        .collect();
    checked.sort();
    let suites: Vec<roxmltree::Node<'_, '_>> = root.children().filter(|n| n.is_element()).collect();
    let names: Vec<&str> = suites
        .iter()
        .map(|s| s.attribute("name").unwrap())
        .collect();
    assert_eq!(
        names, checked,
        "one suite per checked file, clean files included"
    );

    // Failing cases: the (file, code) pairs with a counted error or warning in the JSON report.
    let report = json_of("json", &[INVENTORY]);
    // Cases: per file, the codes with any finding there (in catalogue order).
    let mut found: std::collections::BTreeMap<String, BTreeSet<String>> = Default::default();
    for f in report["findings"].as_array().unwrap() {
        found
            .entry(f["file"].as_str().unwrap().to_string())
            .or_default()
            .insert(f["code"].as_str().unwrap().to_string());
    }
    let expected: BTreeSet<(String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["waived"] == false && f["severity"] != "info")
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        expected.len(),
        19,
        "21 findings, MIN-001 twice in two files"
    );

    let codes = catalogue_codes();
    let mut failing = BTreeSet::new();
    let mut totals = (0, 0, 0, 0);
    for suite in &suites {
        let file = suite.attribute("name").unwrap();
        let cases: Vec<roxmltree::Node<'_, '_>> =
            suite.children().filter(|n| n.is_element()).collect();
        let case_names: Vec<&str> = cases.iter().map(|c| c.attribute("name").unwrap()).collect();
        let with_findings = found.remove(file).unwrap_or_default();
        let mut expected_names = vec!["rules without findings"];
        expected_names.extend(
            codes
                .iter()
                .map(String::as_str)
                .filter(|c| with_findings.contains(*c)),
        );
        assert_eq!(
            case_names, expected_names,
            "{file}: the passing case, then the rules with findings, in catalogue order"
        );
        assert!(
            cases[0].children().all(|n| !n.is_element()),
            "the first case passes"
        );
        let mut failures = 0;
        for case in &cases {
            assert_eq!(case.attribute("classname"), Some(file));
            if let Some(failure) = case.children().find(|n| n.has_tag_name("failure")) {
                failures += 1;
                let code = case.attribute("name").unwrap();
                assert_eq!(failure.attribute("type"), Some(code));
                assert!(
                    failure.text().unwrap().starts_with(&format!("{file}:")),
                    "the body lists the findings with their positions"
                );
                failing.insert((file.to_string(), code.to_string()));
            }
        }
        assert_eq!(count(*suite, "tests"), cases.len());
        assert_eq!(count(*suite, "failures"), failures, "{file}");
        assert_eq!(count(*suite, "errors"), 0);
        assert_eq!(count(*suite, "skipped"), 0);
        totals.0 += cases.len();
        totals.1 += failures;
    }
    assert_eq!(failing, expected);
    assert!(
        found.is_empty(),
        "every file with findings has a suite: {found:?}"
    );
    assert_eq!(totals.1, expected.len());
    // 10 files and 19 (file, rule) pairs with findings, instead of 10 × 90 cases.
    assert_eq!(
        totals.0,
        checked.len() + 19,
        "a case per file, one per (file, rule)"
    );
    // The suites are written as the run goes: the root has no totals (optional in JUnit).
    assert_eq!(root.attribute("tests"), None);

    let agr002 = root
        .descendants()
        .find(|n| {
            n.has_tag_name("testcase")
                && n.attribute("name") == Some("AGR-002")
                && n.attribute("classname") == Some("fixtures/inventory/peilwijzer.yaml")
        })
        .unwrap();
    let failure = agr002.first_element_child().unwrap();
    assert_eq!(
        failure.attribute("message"),
        Some("processing agreement expired on 2026-07-31")
    );
    assert_eq!(
        failure.text(),
        Some(
            "fixtures/inventory/peilwijzer.yaml:31:15: error processing agreement expired on 2026-07-31\n  \
             help: renew the verwerkersovereenkomst or stop using the resource\n  \
             references: AVG art. 28(3)\n"
        )
    );

    // Several findings of one rule in a file: one case, each finding on a line of its own,
    // the help of each variant and the references once.
    let min001 = root
        .descendants()
        .find(|n| {
            n.has_tag_name("testcase")
                && n.attribute("name") == Some("MIN-001")
                && n.attribute("classname") == Some("fixtures/inventory/leerpoort.yaml")
        })
        .unwrap();
    let failure = min001.first_element_child().unwrap();
    assert_eq!(
        failure.attribute("message"),
        Some("`geboortedatum` is received together with `eck_id` (+1 more)")
    );
    let text = failure.text().unwrap();
    assert!(
        text.starts_with(
            "fixtures/inventory/leerpoort.yaml:23:5: warning `geboortedatum` is received together with `eck_id`\n\
             fixtures/inventory/leerpoort.yaml:24:5: warning `geslacht` is received together with `eck_id`\n  help: "
        ),
        "{text}"
    );
    assert_eq!(
        text.matches("references: AVG art. 5(1)(c)").count(),
        1,
        "{text}"
    );
}

#[test]
fn junit_skips_waived_cases_and_escapes_what_it_quotes() {
    let dir = waiver_inventory();
    // A field name with markup, quotes and control characters (YAML escapes) for DECL-003.
    let odd = PEILWIJZER.replace("  - klas\n", "  - \"kl<as> & \\\"x\\\" 'y' \\x01 \\x1b\"\n");
    assert_ne!(odd, PEILWIJZER);
    std::fs::write(dir.path().join("vo/peilwijzer-kopie.yaml"), &odd).unwrap();
    let (code, xml) = check_in(dir.path(), "junit", &["."]);
    assert_eq!(code, 1);
    let doc = parse_junit(&xml);
    let root = doc.root_element();
    let case = |file: &str, code: &str| {
        root.descendants()
            .find(|n| {
                n.has_tag_name("testcase")
                    && n.attribute("name") == Some(code)
                    && n.attribute("classname") == Some(file)
            })
            .unwrap_or_else(|| panic!("no case {code} in {file}"))
    };

    // Every MIN-001 and LEAF-003 finding of the file is waived: skipped, with the reason.
    let file = "po school/peil wijzer 100%.yaml";
    for code in ["MIN-001", "LEAF-003"] {
        let skipped = case(file, code)
            .children()
            .find(|n| n.has_tag_name("skipped"))
            .unwrap_or_else(|| panic!("{code} is not skipped"));
        assert!(
            skipped
                .attribute("message")
                .unwrap()
                .starts_with("waived: ")
        );
    }
    let min001 = case(file, "MIN-001");
    assert_eq!(
        min001
            .children()
            .find(|n| n.has_tag_name("skipped"))
            .unwrap()
            .attribute("message"),
        Some("waived: Nodig voor normering <besproken> met de FG & \"team\""),
        "markup in an attribute round-trips"
    );
    assert!(
        min001
            .children()
            .find(|n| n.has_tag_name("system-out"))
            .unwrap()
            .text()
            .unwrap()
            .contains(":23:5: warning `geslacht` is received together with `eck_id` (waived: ")
    );
    assert!(
        case(file, "AGR-002")
            .children()
            .any(|n| n.has_tag_name("failure"))
    );

    let decl003 = case("vo/peilwijzer-kopie.yaml", "DECL-003")
        .children()
        .find(|n| n.has_tag_name("failure"))
        .unwrap();
    assert_eq!(
        decl003.attribute("message"),
        Some("field `kl<as> & \"x\" 'y' \u{2401} \u{241B}` is not in the vocabulary"),
        "markup round-trips, control characters are shown as control pictures"
    );

    // The unused waiver is reported in the configuration, which gets a suite of its own.
    let config = root
        .children()
        .find(|n| n.attribute("name") == Some("ibp-lint.yaml"))
        .unwrap();
    let cases: Vec<&str> = config
        .children()
        .filter(|n| n.is_element())
        .map(|n| n.attribute("name").unwrap())
        .collect();
    assert_eq!(cases, ["WAIVE-001"]);

    let skipped: usize = root
        .descendants()
        .filter(|n| n.has_tag_name("skipped"))
        .count();
    assert_eq!(skipped, 4, "MIN-001 and LEAF-003 in both declarations");
    let suites: Vec<roxmltree::Node<'_, '_>> = root.children().filter(|n| n.is_element()).collect();
    let sum = |name: &str| suites.iter().map(|s| count(*s, name)).sum::<usize>();
    assert_eq!(sum("skipped"), skipped);
    let failures = root
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .count();
    assert_eq!(sum("failures"), failures);
    let tests = root
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .count();
    assert_eq!(sum("tests"), tests);
    // A case per (file, code) with findings in the JSON report, and a passing case per
    // declaration (the configuration is not one).
    let (_, json) = check_in(dir.path(), "json", &["."]);
    let report: Value = serde_json::from_str(&json).unwrap();
    let pairs: BTreeSet<(&str, &str)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["file"].as_str().unwrap(), f["code"].as_str().unwrap()))
        .collect();
    let declarations = report["summary"]["files"].as_u64().unwrap() as usize;
    assert_eq!(declarations, 2);
    assert_eq!(tests, pairs.len() + declarations);
}

// ---------------------------------------------------------------------------------------------
// A board's own rule: known to SARIF `rules[]` and JUnit, with its own severity

#[test]
fn custom_rules_appear_in_sarif_and_junit() {
    let catalogue = "\
version: 1
rules:
  - code: BOARD-001
    name: assessment-needs-board-review
    area: board
    severity: info
    title:
      en: assessments are reviewed by the board
      nl: toetsen worden door het bestuur beoordeeld
    message:
      en: assessment `{id}` needs a review by the board
      nl: toets `{id}` moet door het bestuur worden beoordeeld
    help:
      en: ask the board's privacy officer for a review
      nl: vraag de privacyfunctionaris van het bestuur om een beoordeling
    why:
      en: The board reviews every assessment before schools use it.
      nl: Het bestuur beoordeelt elke toets voordat scholen hem gebruiken.
    references: [Bestuursbeleid 2026]
";
    // A board policy is a package of its own under `ibp.rules` (policies/README.md).
    let policy = "\
package ibp.rules.board

findings contains f if {
\tinput.resource.type == \"assessment\"
\tf := {\"code\": \"BOARD-001\", \"path\": \"/type\", \"args\": {\"id\": input.resource.id}}
}
";
    let dir = folder(&[
        ("board/catalogue.yaml", catalogue),
        ("board/board.rego", policy),
        ("inventory/peilwijzer.yaml", PEILWIJZER),
    ]);
    let args = ["--policy", "board", "inventory"];

    let (_, text) = check_in(dir.path(), "sarif", &args);
    let log: Value = serde_json::from_str(&text).unwrap();
    let (validator, _) = sarif_validator();
    assert_valid_sarif(&validator, &log, "custom rule");
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let last = rules.last().unwrap();
    assert_eq!(last["id"], "BOARD-001");
    assert_eq!(last["defaultConfiguration"]["level"], "note");
    assert_eq!(last["properties"]["tags"], serde_json::json!(["board"]));
    let result = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "BOARD-001")
        .unwrap();
    assert_eq!(result["level"], "note");
    assert_eq!(result["ruleIndex"].as_u64(), Some(rules.len() as u64 - 1));

    // An info fails no test case: it passes and says so in its output.
    let (_, xml) = check_in(dir.path(), "junit", &args);
    let doc = parse_junit(&xml);
    let case = doc
        .descendants()
        .find(|n| n.has_tag_name("testcase") && n.attribute("name") == Some("BOARD-001"))
        .unwrap();
    assert!(!case.children().any(|n| n.has_tag_name("failure")));
    assert_eq!(
        case.children()
            .find(|n| n.has_tag_name("system-out"))
            .and_then(|n| n.text()),
        Some(
            "inventory/peilwijzer.yaml:7:7: info assessment `peilwijzer` needs a review by the board\n  \
             help: ask the board's privacy officer for a review\n  \
             references: Bestuursbeleid 2026\n"
        )
    );
    // The suite: the passing case and a case per code with findings (the board's last, as in
    // the catalogue).
    let suite = doc.root_element().first_element_child().unwrap();
    let names: Vec<&str> = suite
        .children()
        .filter(|n| n.is_element())
        .map(|n| n.attribute("name").unwrap())
        .collect();
    let (_, json) = check_in(dir.path(), "json", &args);
    let report: Value = serde_json::from_str(&json).unwrap();
    let codes: BTreeSet<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(codes.len() >= 2, "{codes:?}");
    assert_eq!(names.len(), codes.len() + 1, "{names:?}");
    assert_eq!(names.first(), Some(&"rules without findings"));
    assert_eq!(names.last(), Some(&"BOARD-001"));
    assert_eq!(count(suite, "tests"), names.len());

    let (_, github) = check_in(dir.path(), "github", &args);
    assert!(
        github.contains(
            "::notice file=inventory/peilwijzer.yaml,line=7,col=7,endColumn=17,title=BOARD-001::assessment `peilwijzer` needs a review by the board%0A"
        ),
        "{github}"
    );
    let gitlab: Value = serde_json::from_str(&check_in(dir.path(), "gitlab", &args).1).unwrap();
    let issue = gitlab
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["check_name"] == "BOARD-001")
        .unwrap();
    assert_eq!(issue["severity"], "info");
}

// ---------------------------------------------------------------------------------------------
// GitHub and GitLab

#[test]
fn github_annotates_every_counted_finding_and_ends_with_the_summary() {
    let dir = waiver_inventory();
    let (_, text) = check_in(dir.path(), "github", &["."]);
    let report: Value = serde_json::from_str(&check_in(dir.path(), "json", &["."]).1).unwrap();
    let counted: Vec<&Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["waived"] == false)
        .collect();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), counted.len() + 1, "{text}");
    for (line, finding) in lines.iter().zip(&counted) {
        let command = match finding["severity"].as_str().unwrap() {
            "error" => "error",
            "warning" => "warning",
            _ => "notice",
        };
        // Property values escape `%`, `:` and `,` (`100%` in a file name).
        let file = finding["file"].as_str().unwrap().replace('%', "%25");
        assert!(
            line.starts_with(&format!(
                "::{command} file={file},line={},",
                finding["line"]
            )),
            "{line}"
        );
        assert!(line.contains(&format!(",title={}::", finding["code"].as_str().unwrap())));
    }
    assert!(!text.contains("(waived"), "waived findings are left out");
    assert_eq!(
        lines.last().copied(),
        Some("checked 2 files: 3 errors, 1 warnings, 0 infos (6 waived)")
    );
}

#[test]
fn sarif_results_carry_github_s_line_hash_from_the_value_fingerprint() {
    let log = json_of("sarif", &[INVENTORY]);
    let results = log["runs"][0]["results"].as_array().unwrap();
    let mut hashes = BTreeSet::new();
    for r in results {
        let ours = r["partialFingerprints"]["ibpLint/v1"].as_str().unwrap();
        let github = r["partialFingerprints"]["primaryLocationLineHash"]
            .as_str()
            .unwrap();
        assert_eq!(github, format!("{ours}:1"));
        assert!(
            hashes.insert(github.to_string()),
            "unique in the run: {github}"
        );
    }
    // Every rule has its help in Markdown too.
    for rule in log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
    {
        let markdown = rule["help"]["markdown"].as_str().unwrap();
        assert!(markdown.starts_with("**"), "{markdown}");
        assert!(
            markdown.contains(
                rule["help"]["text"]
                    .as_str()
                    .unwrap()
                    .lines()
                    .next()
                    .unwrap()
            )
        );
    }
    assert_eq!(
        log["runs"][0]["invocations"][0]["executionSuccessful"],
        true
    );
    assert!(
        log["runs"][0]["invocations"][0]
            .get("toolExecutionNotifications")
            .is_none()
    );
}

#[test]
fn sarif_marks_baselined_findings_unchanged_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(repo(INVENTORY)).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") && !path.ends_with("ibp-lint.yaml") {
            std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
        }
    }
    common::git(dir.path(), &["init", "-q"]);
    let out = ibp()
        .current_dir(dir.path())
        .args([
            "check",
            "--today",
            TODAY,
            "--write-baseline",
            "base.json",
            ".",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (code, text) = check_in(dir.path(), "sarif", &["--baseline", "base.json", "."]);
    assert_eq!(code, 0);
    let log: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        log["runs"][0]["results"].as_array().unwrap().len(),
        0,
        "{text}"
    );
    let (_, text) = check_in(
        dir.path(),
        "sarif",
        &["--baseline", "base.json", "--sarif-suppressed", "."],
    );
    let log: Value = serde_json::from_str(&text).unwrap();
    let (validator, _) = sarif_validator();
    assert_valid_sarif(&validator, &log, "baselined, with --sarif-suppressed");
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 21);
    for r in results {
        assert_eq!(r["baselineState"], "unchanged", "{r}");
        assert_eq!(r["suppressions"][0]["justification"], "baseline base.json");
    }
}

/// GitHub code scanning rejects a run with more than 25,000 results.
#[test]
fn sarif_keeps_at_most_25000_results_the_most_severe_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    // 26 declarations, each with 1,000 unknown fields (DECL-003 warnings) and one error.
    let unknown: String = (0..1000).map(|i| format!("  - onbekend_{i}\n")).collect();
    for n in 0..26 {
        let text = common::declaration(&format!("groot-{n:02}"))
            .replace("  status: signed\n", "  status: pending\n")
            .replacen("fields:\n", &format!("fields:\n{unknown}"), 1);
        std::fs::write(dir.path().join(format!("groot-{n:02}.yaml")), text).unwrap();
    }
    let out = ibp()
        .current_dir(dir.path())
        .args(["check", "--format", "sarif", "--today", TODAY, "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 25_000);
    let errors = results.iter().filter(|r| r["level"] == "error").count();
    assert_eq!(errors, 26, "every error is kept");
    let notification = &log["runs"][0]["invocations"][0]["toolExecutionNotifications"][0];
    assert!(
        notification["message"]["text"]
            .as_str()
            .unwrap()
            .starts_with("1026 results were left out: a run holds at most 25000"),
        "{notification}"
    );
    assert!(
        stderr.contains("the SARIF report leaves out 1026 findings"),
        "{stderr}"
    );
    // Kept in report order: file by file, line by line.
    let places: Vec<(String, u64)> = results
        .iter()
        .map(|r| {
            let l = &r["locations"][0]["physicalLocation"];
            (
                l["artifactLocation"]["uri"].as_str().unwrap().to_string(),
                l["region"]["startLine"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut sorted = places.clone();
    sorted.sort();
    assert_eq!(places, sorted);
}

/// An inventory of `n` declarations, each with one error (an agreement not signed) and one
/// warning (no breach notification term): `n` errors and `n` warnings.
fn noisy_inventory(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..n {
        let text = common::declaration(&format!("app-{i:02}"))
            .replace("  status: signed\n", "  status: pending\n")
            .replace("breach_notification_hours: 24\n", "");
        std::fs::write(dir.path().join(format!("app-{i:02}.yaml")), text).unwrap();
    }
    dir
}

/// GitHub shows at most 10 error, 10 warning and 10 notice annotations per step
/// (actions/toolkit, docs/problem-matchers.md, "Limitations") and drops the rest silently.
#[test]
fn github_annotates_at_most_ten_of_a_kind_and_says_where_the_rest_are() {
    let dir = noisy_inventory(13);
    let (code, text) = check_in(dir.path(), "github", &["."]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = text.lines().collect();
    let count = |prefix: &str| lines.iter().filter(|l| l.starts_with(prefix)).count();
    assert_eq!(count("::error "), 10, "{text}");
    assert_eq!(count("::warning "), 10, "{text}");
    assert_eq!(count("::notice "), 1, "{text}");
    // The 3 errors and 3 warnings beyond the limit: plain log lines, in report order.
    let plain: Vec<&&str> = lines.iter().filter(|l| l.starts_with("app-")).collect();
    assert_eq!(plain.len(), 6, "{text}");
    assert!(
        plain
            .iter()
            .all(|l| l.contains(": error[AGR-001] ") || l.contains(": warning[BRE-002] "))
    );
    let notice = lines.iter().find(|l| l.starts_with("::notice ")).unwrap();
    assert!(
        notice.starts_with("::notice title=ibp-lint::6 more findings are not annotated (GitHub shows at most 10 errors, 10 warnings and 10 notices per step)"),
        "{notice}"
    );
    assert_eq!(
        lines.last().copied(),
        Some("checked 13 files: 13 errors, 13 warnings, 0 infos (0 waived)")
    );
    // Within the limit nothing changes: no plain line, no notice.
    let small = noisy_inventory(4);
    let (_, text) = check_in(small.path(), "github", &["."]);
    assert_eq!(
        text.lines().filter(|l| l.starts_with("::")).count(),
        8,
        "{text}"
    );
    assert!(!text.contains("::notice"), "{text}");
}

#[test]
fn github_appends_a_job_summary_when_the_runner_asks_for_one() {
    let dir = noisy_inventory(13);
    let summary = tempfile::tempdir().unwrap();
    let file = summary.path().join("step_summary.md");
    std::fs::write(&file, "earlier step\n").unwrap();
    let out = ibp()
        .current_dir(dir.path())
        .env("GITHUB_STEP_SUMMARY", &file)
        .args(["check", "--format", "github", "--today", TODAY, "."])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.starts_with("earlier step\n## ibp-lint\n"),
        "appended, not replaced: {text}"
    );
    assert!(
        text.contains(
            "| errors | warnings | infos | waived |\n|---:|---:|---:|---:|\n| 13 | 13 | 0 | 0 |"
        ),
        "{text}"
    );
    assert!(
        text.contains("| `AGR-001` | error | 13 | no signed processing agreement |"),
        "{text}"
    );
    assert!(text.contains("| `BRE-002` | warning | 13 |"), "{text}");
    // The worst files: ten of the thirteen, each with one error and one warning.
    assert_eq!(text.matches("| `app-").count(), 10, "{text}");
    assert!(text.len() < 64 * 1024);
    // Other formats leave the summary alone; a link at its place is refused.
    let before = std::fs::read_to_string(&file).unwrap();
    let out = ibp()
        .current_dir(dir.path())
        .env("GITHUB_STEP_SUMMARY", &file)
        .args(["check", "--format", "json", "--today", TODAY, "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
    #[cfg(unix)]
    {
        let victim = summary.path().join("victim");
        std::fs::write(&victim, "keep\n").unwrap();
        let link = summary.path().join("link.md");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        let out = ibp()
            .current_dir(dir.path())
            .env("GITHUB_STEP_SUMMARY", &link)
            .args(["check", "--format", "github", "--today", TODAY, "."])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep\n");
    }
}

#[test]
fn gitlab_lists_counted_findings_with_gitlab_severities() {
    let gitlab = json_of("gitlab", &[INVENTORY]);
    let report = json_of("json", &[INVENTORY]);
    let issues = gitlab.as_array().unwrap();
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(issues.len(), findings.len());
    for (issue, finding) in issues.iter().zip(findings) {
        let keys: Vec<&str> = issue
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "description",
                "check_name",
                "fingerprint",
                "severity",
                "location"
            ]
        );
        assert_eq!(issue["description"], finding["message"]);
        assert_eq!(issue["check_name"], finding["code"]);
        assert_eq!(issue["location"]["path"], finding["file"]);
        assert_eq!(issue["location"]["lines"]["begin"], finding["line"]);
        let severity = match finding["severity"].as_str().unwrap() {
            "error" => "critical",
            "warning" => "major",
            _ => "info",
        };
        assert_eq!(issue["severity"], severity);
    }

    let dir = waiver_inventory();
    let gitlab: Value = serde_json::from_str(&check_in(dir.path(), "gitlab", &["."]).1).unwrap();
    // 2 × AGR-002, INV-001, WAIVE-001; the 4 MIN-001 and 2 LEAF-003 findings are waived.
    assert_eq!(
        gitlab.as_array().unwrap().len(),
        4,
        "waived findings are left out"
    );
}

#[test]
fn dutch_reports_label_help_and_references_in_dutch() {
    for format in ["github", "junit", "sarif"] {
        let (_, out) = check(format, &["--lang", "nl", "fixtures/inventory"]);
        assert!(out.contains("bronnen: AVG art."), "{format}: {out}");
        assert!(!out.contains("references:"), "{format}: {out}");
        assert!(!out.contains("help:"), "{format}: {out}");
    }
    let (_, out) = check("junit", &["--lang", "nl", "fixtures/inventory"]);
    assert!(out.contains("  hulp: "), "{out}");
    let table = ibp()
        .args(["rules", "--lang", "nl", "--format", "markdown"])
        .output()
        .unwrap();
    let table = String::from_utf8(table.stdout).unwrap();
    assert!(
        table.starts_with("| code | ernst | regel | bronnen |"),
        "{table}"
    );
}
