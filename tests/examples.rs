//! The examples of `ibp-lint explain` are checked against the rules they illustrate: every rule
//! has both, the non-compliant one raises its code and the compliant one does not.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;

use ibp_lint::catalogue::Catalogue;
use ibp_lint::check::{Options, run};
use ibp_lint::examples::{Example, Snippets};
use ibp_lint::lang::Lang;
use serde_json::Value;

/// The complete, compliant example declaration of format.md.
const BASE: &str = r#"apiVersion: ibp-lint/v1
kind: LearningResource
id: rekenmeester
name: Rekenmeester Groep 3-8
type: learning_material
sectors: [po]
supplier:
  name: Voorbeeld Uitgevers B.V.
  kvk: "12345678"
  country: NL
  privacy_contact: privacy@voorbeeld.example
purposes: [education, access, result_feedback]
lawful_basis: public_task
data_subjects: [student, teacher]
fields:
  - eck_id
  - voornaam
  - group_name
  - year_group
  - field: test_results
    purposes: [result_feedback]
processing_agreement:
  status: signed
  model: "4.0"
  signed_on: 2024-08-01
  expires_on: 2027-07-31
  annexes: [privacy_leaflet, security]
convenant:
  status: participant
  version: "4.0"
privacy_leaflet:
  url: https://www.voorbeeld.example/privacybijsluiter-rekenmeester.pdf
  updated_on: 2025-03-01
hosting:
  countries: [NL, DE]
subprocessors:
  - name: Voorbeeld Cloud GmbH
    service: hosting
    country: DE
transfers: []
breach_notification_hours: 24
retention:
  delete_after_contract_days: 60
security:
  certifications: [ISO27001]
dpia:
  status: not_required
images:
  processed: false
"#;

fn mapping(yaml: &str) -> serde_json::Map<String, Value> {
    match ibp_lint::parse::parse(yaml).unwrap().value {
        Value::Object(m) => m,
        Value::Null => serde_json::Map::new(),
        other => panic!("not a mapping: {other}"),
    }
}

/// The base declaration with the snippet's top-level keys replaced (`~` removes a key).
fn merged(snippet: &str) -> String {
    let mut base = mapping(BASE);
    for (key, value) in mapping(snippet) {
        if value.is_null() {
            base.shift_remove(&key);
        } else {
            base.insert(key, value);
        }
    }
    yaml_serde::to_string(&Value::Object(base)).unwrap()
}

/// The codes raised on the files of one side of an example.
fn codes(example: &Example, snippets: &Snippets) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let mut config = None;
    let mut baseline = None;
    if example.baseline {
        let path = dir.path().join("baseline.json");
        std::fs::write(&path, snippets.files()[0]).unwrap();
        baseline = Some(path);
        let declaration = merged(example.declaration.as_deref().unwrap_or(""));
        std::fs::write(dir.path().join("1.yaml"), declaration).unwrap();
    } else if example.config {
        let path = dir.path().join("board.yaml");
        std::fs::write(&path, snippets.files()[0]).unwrap();
        config = Some(path);
        let declaration = merged(example.declaration.as_deref().unwrap_or(""));
        std::fs::write(dir.path().join("1.yaml"), declaration).unwrap();
    } else {
        for (i, snippet) in snippets.files().iter().enumerate() {
            let text = if example.whole_file {
                (*snippet).to_string()
            } else {
                merged(snippet)
            };
            std::fs::write(dir.path().join(format!("{}.yaml", i + 1)), text).unwrap();
        }
    }
    let options = Options {
        paths: vec![PathBuf::from(dir.path())],
        config,
        baseline,
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 23),
        lang: Lang::En,
        profile: example.profile,
        ..Options::default()
    };
    let report = run(&options).unwrap();
    report
        .findings
        .iter()
        .filter(|f| f.counted())
        .map(|f| f.code.clone())
        .collect()
}

#[test]
fn every_rule_has_examples_that_raise_and_do_not_raise_it() {
    let catalogue = Catalogue::builtin().unwrap();
    let examples = ibp_lint::examples::builtin().unwrap();
    let mut failures = Vec::new();
    for rule in catalogue.rules() {
        // POL-001 reports a policy that fails on a file; no declaration makes the built-in pack
        // fail, so it has no example (tests/cli.rs triggers it with a runaway board policy).
        if rule.code == "POL-001" {
            continue;
        }
        let Some(example) = examples.get(&rule.code) else {
            failures.push(format!("{} has no examples", rule.code));
            continue;
        };
        let fail = codes(example, &example.fail);
        if !fail.contains(&rule.code) {
            failures.push(format!(
                "{}: the non-compliant example raises {fail:?}",
                rule.code
            ));
        }
        let pass = codes(example, &example.pass);
        if pass.contains(&rule.code) {
            failures.push(format!(
                "{}: the compliant example raises it: {pass:?}",
                rule.code
            ));
        }
    }
    for code in examples.keys() {
        if catalogue.get(code).is_none() {
            failures.push(format!("examples for unknown code {code}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_base_declaration_is_compliant() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("base.yaml"), merged("")).unwrap();
    let report = run(&Options {
        paths: vec![PathBuf::from(dir.path())],
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 23),
        ..Options::default()
    })
    .unwrap();
    assert!(report.findings.is_empty(), "{:?}", report.findings);
}

#[test]
fn every_comment_of_the_examples_has_its_dutch_text_and_explain_shows_it() {
    let comments = ibp_lint::examples::comments().unwrap();
    let table = ibp_lint::examples::comments_nl().unwrap();
    // The extraction finds the comments there are (a broken one would find none and pass).
    assert!(comments.len() >= 70, "{comments:?}");
    let missing: Vec<&&str> = comments
        .iter()
        .filter(|c| !table.contains_key(**c))
        .collect();
    assert!(
        missing.is_empty(),
        "comments without Dutch text in comments_nl: {missing:?}"
    );
    let unused: Vec<&String> = table
        .keys()
        .filter(|k| !comments.contains(&k.as_str()))
        .collect();
    assert!(
        unused.is_empty(),
        "comments_nl entries for no comment: {unused:?}"
    );

    // In Dutch, `explain` of each rule shows the Dutch text of every comment of its examples,
    // and no English comment (of those that differ from their Dutch text).
    let catalogue = Catalogue::builtin().unwrap();
    let examples = ibp_lint::examples::builtin().unwrap();
    let english: Vec<&String> = table
        .iter()
        .filter(|(en, nl)| en != nl)
        .map(|(en, _)| en)
        .collect();
    let mut checked = 0;
    for rule in catalogue.rules() {
        let example = examples.get(&rule.code);
        let text = ibp_lint::explain::render(rule, example, Lang::Nl);
        for en in &english {
            assert!(
                !text.contains(&format!("# {en}")) && !text.contains(&format!("({en})")),
                "{}: English comment `{en}` in Dutch explain:\n{text}",
                rule.code
            );
        }
        for comment in example
            .into_iter()
            .flat_map(ibp_lint::examples::snippets)
            .flat_map(ibp_lint::examples::comments_of)
        {
            let nl = &table[comment];
            assert!(
                text.contains(&format!("# {nl}")) || text.contains(&format!("({nl})")),
                "{}: `{nl}` (for `{comment}`) not in Dutch explain:\n{text}",
                rule.code
            );
            checked += 1;
        }
    }
    assert_eq!(checked, comments.len());
}

#[test]
fn a_readiness_example_is_checked_and_explained_under_the_publisher_profile() {
    let catalogue = Catalogue::builtin().unwrap();
    let examples = ibp_lint::examples::builtin().unwrap();
    let publisher: Vec<&String> = examples
        .iter()
        .filter(|(_, e)| e.profile == Some(ibp_lint::profile::Profile::Publisher))
        .map(|(code, _)| code)
        .collect();
    assert_eq!(publisher, ["EXIT-001"]);
    for code in publisher {
        let example = &examples[code];
        // Without the profile the rule stays silent: the key is what makes the example fail.
        let officer = Example {
            profile: None,
            ..example.clone()
        };
        assert!(!codes(&officer, &officer.fail).contains(code), "{code}");
        let rule = catalogue.get(code).unwrap();
        let en = ibp_lint::explain::render(rule, Some(example), Lang::En);
        assert!(en.contains("checked with `--profile publisher`"), "{en}");
        let nl = ibp_lint::explain::render(rule, Some(example), Lang::Nl);
        assert!(nl.contains("getoetst met `--profile publisher`"), "{nl}");
    }
}
