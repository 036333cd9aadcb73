//! The CI recipes in `docs/ci/` and `.pre-commit-hooks.yaml` are valid YAML, and every
//! `ibp-lint` command line in them parses with the real command-line definition, so a renamed
//! flag breaks this test instead of a board's pipeline.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::Path;

use clap::Parser;
use serde_json::Value;

fn yaml(path: &str) -> Value {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
    ibp_lint::parse::parse(&text)
        .unwrap_or_else(|e| panic!("{path}: {e:?}"))
        .value
}

/// Every string in the document that runs ibp-lint.
fn commands(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => {
            for line in s.lines() {
                if let Some(i) = line.find("ibp-lint check") {
                    out.push(line[i..].to_string());
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| commands(v, out)),
        Value::Object(map) => map.values().for_each(|v| commands(v, out)),
        _ => {}
    }
}

fn assert_parses(command: &str) {
    let words: Vec<&str> = command.split_whitespace().collect();
    if let Err(e) = ibp_lint::cli::Cli::try_parse_from(&words) {
        panic!("`{command}` does not parse: {e}");
    }
}

#[test]
fn ci_recipes_run_valid_ibp_lint_commands() {
    for file in [
        "docs/ci/github-workflow.yml",
        "docs/ci/gitlab-ci.yml",
        ".pre-commit-hooks.yaml",
    ] {
        let mut found = Vec::new();
        commands(&yaml(file), &mut found);
        assert!(!found.is_empty(), "{file} runs no ibp-lint check");
        for command in found {
            assert_parses(&command);
        }
    }
}

#[test]
fn github_recipe_uploads_the_sarif_it_writes() {
    let workflow = yaml("docs/ci/github-workflow.yml");
    let steps = workflow["jobs"]["ibp-lint"]["steps"].as_array().unwrap();
    let run = steps
        .iter()
        .find_map(|s| s["run"].as_str().filter(|r| r.contains("ibp-lint check")))
        .unwrap();
    let upload = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif"))
        })
        .unwrap();
    let file = upload["with"]["sarif_file"].as_str().unwrap();
    assert!(
        run.contains(&format!("--format sarif --output {file}")),
        "{run}"
    );
    assert_eq!(upload["if"], "always()", "upload also when the check fails");
    assert_eq!(workflow["permissions"]["security-events"], "write");
}

#[test]
fn gitlab_recipe_reports_what_it_writes() {
    let job = &yaml("docs/ci/gitlab-ci.yml")["ibp-lint"];
    let script = job["script"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect::<Vec<_>>()
        .join("\n");
    let reports = &job["artifacts"]["reports"];
    let quality = reports["codequality"].as_str().unwrap();
    let junit = reports["junit"].as_str().unwrap();
    assert!(
        script.contains(&format!("--format gitlab --output {quality}")),
        "{script}"
    );
    assert!(
        script.contains(&format!("--format junit --output {junit}")),
        "{script}"
    );
    assert_eq!(job["artifacts"]["when"], "always");
}

/// The required keys and values of a pre-commit hook manifest entry.
#[test]
fn pre_commit_hook_follows_the_manifest_format() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let hook = &hooks.as_array().unwrap()[0];
    for key in ["id", "name", "entry", "language"] {
        assert!(hook[key].is_string(), "hook lacks `{key}`");
    }
    assert_eq!(hook["language"], "rust");
    assert_eq!(
        hook["pass_filenames"], false,
        "the inventory rules need every file"
    );
    let config = yaml("docs/ci/pre-commit-config.example.yaml");
    let used = &config["repos"][0]["hooks"][0];
    assert_eq!(used["id"], hook["id"]);
    let command = format!(
        "{} {}",
        hook["entry"].as_str().unwrap(),
        used["args"][0].as_str().unwrap()
    );
    assert_parses(&command);
}
