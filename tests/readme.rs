//! The README cannot drift: its rule list is the catalogue's, and its sample output is what the
//! command it names prints. Set `IBP_LINT_BLESS=1` to rewrite the rule list.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::Path;

use ibp_lint::catalogue::Catalogue;
use ibp_lint::lang::Lang;

const START: &str = "<!-- rules:start -->\n";
const END: &str = "<!-- rules:end -->";

fn readme_path() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")
}

#[test]
fn readme_rule_list_matches_the_catalogue() {
    let readme = std::fs::read_to_string(readme_path()).unwrap();
    let start = readme.find(START).expect("rules:start marker") + START.len();
    let end = readme.find(END).expect("rules:end marker");
    let table = Catalogue::builtin().unwrap().markdown_table(Lang::En);
    if readme[start..end] != table {
        if std::env::var_os("IBP_LINT_BLESS").is_some() {
            let updated = format!("{}{}{}", &readme[..start], table, &readme[end..]);
            std::fs::write(readme_path(), updated).unwrap();
        } else {
            panic!(
                "the README's rule list is out of date: run `IBP_LINT_BLESS=1 cargo test --test readme`"
            );
        }
    }
    assert!(table.lines().count() >= 44, "a row per rule");
}

#[test]
fn readme_csv_columns_match_the_register() {
    let readme = std::fs::read_to_string(readme_path()).unwrap();
    let start_marker = "<!-- csv-columns:start -->\n";
    let start = readme.find(start_marker).expect("csv-columns:start marker") + start_marker.len();
    let end = readme
        .find("<!-- csv-columns:end -->")
        .expect("csv-columns:end marker");
    let table = ibp_lint::register::csv::columns_markdown();
    if readme[start..end] != table {
        if std::env::var_os("IBP_LINT_BLESS").is_some() {
            let updated = format!("{}{}{}", &readme[..start], table, &readme[end..]);
            std::fs::write(readme_path(), updated).unwrap();
        } else {
            panic!(
                "the README's CSV columns are out of date: run `IBP_LINT_BLESS=1 cargo test --test readme`"
            );
        }
    }
}

#[test]
fn readme_sample_output_is_what_the_command_prints() {
    let readme = std::fs::read_to_string(readme_path()).unwrap();
    let marker =
        "`ibp-lint check --today 2026-11-23 fixtures/inventory/peilwijzer.yaml`:\n\n```text\n";
    let start = readme.find(marker).expect("sample block") + marker.len();
    let end = start + readme[start..].find("```\n").unwrap();
    let out = assert_cmd::Command::cargo_bin("ibp-lint")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("LC_ALL")
        .env_remove("LANG")
        .env("COLUMNS", "100")
        .args([
            "check",
            "--today",
            "2026-11-23",
            "fixtures/inventory/peilwijzer.yaml",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), &readme[start..end]);
}
