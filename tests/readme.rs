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

fn readme_path() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")
}

/// The README between `<!-- NAME:start -->` and `<!-- NAME:end -->` is `table`; with
/// `IBP_LINT_BLESS` set, it is rewritten to be.
fn generated_block(name: &str, table: &str, what: &str) {
    let readme = std::fs::read_to_string(readme_path()).unwrap();
    let start_marker = format!("<!-- {name}:start -->\n");
    let end_marker = format!("<!-- {name}:end -->");
    let start = readme.find(&start_marker).expect("start marker") + start_marker.len();
    let end = readme.find(&end_marker).expect("end marker");
    if readme[start..end] != *table {
        if std::env::var_os("IBP_LINT_BLESS").is_some() {
            let updated = format!("{}{}{}", &readme[..start], table, &readme[end..]);
            std::fs::write(readme_path(), updated).unwrap();
        } else {
            panic!(
                "the README's {what} is out of date: run `IBP_LINT_BLESS=1 cargo test --test readme`"
            );
        }
    }
}

#[test]
fn readme_rule_list_matches_the_catalogue() {
    let table = Catalogue::builtin().unwrap().markdown_table(Lang::En);
    generated_block("rules", &table, "rule list");
    assert!(table.lines().count() >= 44, "a row per rule");
}

#[test]
fn readme_csv_columns_match_the_register() {
    let table = ibp_lint::register::columns::columns_markdown();
    generated_block("csv-columns", &table, "CSV column list");
}

#[test]
fn readme_import_headings_match_the_importer() {
    let table = ibp_lint::import::headings_markdown();
    generated_block("import-headings", &table, "import heading table");
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
