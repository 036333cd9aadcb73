//! `ibp-lint verify`: the Rego unit tests of the built-in pack and of a board's policy folders.
//!
//! Every rule whose name starts with `test_` is a test: it passes when it evaluates to true,
//! fails when it is false, undefined or an error. Rules named `todo_*` are reported as
//! skipped. Tests run on the interpreter (they may use `with`), one engine holding the policies,
//! the tests and the helpers of `policies/testing.rego`. With coverage on, the report also
//! says which lines of each policy file the tests reached.

use std::path::PathBuf;

use regorus::Engine;

use crate::error::Error;
use crate::policy::{BUILTIN, BUILTIN_TESTS};

/// The result of one test.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Pass,
    Fail(String),
    Skip,
}

/// One test: where it is and how it went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestResult {
    pub file: String,
    pub line: usize,
    /// Full rule path, e.g. `data.ibp.rules_test.test_agr002_expired_yesterday`.
    pub name: String,
    pub outcome: Outcome,
}

/// Line coverage of one policy file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileCoverage {
    pub file: String,
    pub covered: usize,
    pub not_covered: Vec<u32>,
}

#[derive(Debug, Clone, Default)]
pub struct VerifyReport {
    pub results: Vec<TestResult>,
    pub coverage: Option<Vec<FileCoverage>>,
}

impl VerifyReport {
    pub fn count(&self, want: fn(&Outcome) -> bool) -> usize {
        self.results.iter().filter(|r| want(&r.outcome)).count()
    }

    pub fn failed(&self) -> bool {
        self.results
            .iter()
            .any(|r| matches!(r.outcome, Outcome::Fail(_)))
    }

    /// The report as text: a line per test, coverage if asked, and `N passed, N failed, N skipped`.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for r in &self.results {
            match &r.outcome {
                Outcome::Pass => out.push_str(&format!("PASS {}:{}: {}\n", r.file, r.line, r.name)),
                Outcome::Skip => out.push_str(&format!("SKIP {}:{}: {}\n", r.file, r.line, r.name)),
                Outcome::Fail(why) => {
                    out.push_str(&format!("FAIL {}:{}: {}\n", r.file, r.line, r.name));
                    out.push_str(&format!("     {why}\n"));
                }
            }
        }
        if let Some(files) = &self.coverage {
            out.push_str("\ncoverage of policy lines reached by the tests:\n");
            for f in files {
                let total = f.covered + f.not_covered.len();
                let percent = if total == 0 {
                    100.0
                } else {
                    f.covered as f64 * 100.0 / total as f64
                };
                out.push_str(&format!(
                    "  {:<40} {:>4}/{:<4} {percent:5.1}%",
                    f.file, f.covered, total
                ));
                if !f.not_covered.is_empty() {
                    let lines: Vec<String> = f.not_covered.iter().map(u32::to_string).collect();
                    out.push_str(&format!("  not reached: {}", lines.join(", ")));
                }
                out.push('\n');
            }
        }
        out.push_str(&format!(
            "{} passed, {} failed, {} skipped\n",
            self.count(|o| *o == Outcome::Pass),
            self.count(|o| matches!(o, Outcome::Fail(_))),
            self.count(|o| *o == Outcome::Skip),
        ));
        out
    }
}

/// Wall-clock time one test may take.
const TEST_TIME_BUDGET: std::time::Duration = std::time::Duration::from_secs(10);

/// Runs the tests of the built-in pack and of `dirs` (folders or `.rego` files).
pub fn run(dirs: &[PathBuf], coverage: bool) -> Result<VerifyReport, Error> {
    let mut files: Vec<(String, String)> = BUILTIN
        .iter()
        .chain(BUILTIN_TESTS.iter())
        .map(|(n, s)| ((*n).to_string(), (*s).to_string()))
        .collect();
    for dir in dirs {
        files.extend(read_rego(dir)?);
    }
    let entry = crate::policy::entry_module(files.iter().map(|(_, s)| s.as_str()));
    files.push(("ibp-lint:main.rego".to_string(), entry));
    let mut engine = Engine::new();
    // A runaway test fails (its evaluation is stopped) instead of hanging the run.
    engine.set_execution_timer_config(regorus::utils::limits::ExecutionTimerConfig {
        limit: TEST_TIME_BUDGET,
        check_interval: std::num::NonZeroU32::MIN.saturating_add(999),
    });
    for (name, source) in &files {
        engine
            .add_policy(name.clone(), source.clone())
            .map_err(|e| Error::Policy(e.to_string()))?;
    }
    engine.set_input(regorus::Value::from(
        serde_json::json!({"resource": {}, "fields": [], "purposes": []}),
    ));
    if coverage {
        engine.set_enable_coverage(true);
    }
    let mut results = Vec::new();
    for (file, source) in &files {
        let Some(package) = crate::policy::package_of(source) else {
            continue;
        };
        for (line, rule) in test_rules(source) {
            let name = format!("data.{package}.{rule}");
            let outcome = if rule.starts_with("todo_") {
                Outcome::Skip
            } else {
                match engine.eval_rule(name.clone()) {
                    Ok(regorus::Value::Bool(true)) => Outcome::Pass,
                    Ok(regorus::Value::Undefined) => {
                        Outcome::Fail("undefined: a condition of the test does not hold".into())
                    }
                    Ok(other) => Outcome::Fail(format!("evaluated to {other}, not true")),
                    Err(e) => Outcome::Fail(format!("error: {e}")),
                }
            };
            results.push(TestResult {
                file: file.clone(),
                line,
                name,
                outcome,
            });
        }
    }
    if results.is_empty() {
        return Err(Error::Policy(
            "no Rego tests (rules named `test_*`) found".into(),
        ));
    }
    let coverage = if coverage {
        let report = engine
            .get_coverage_report()
            .map_err(|e| Error::Policy(e.to_string()))?;
        Some(
            report
                .files
                .into_iter()
                .filter(|f| {
                    !f.path.ends_with("_test.rego")
                        && !f.path.ends_with("testing.rego")
                        && !f.path.starts_with("ibp-lint:")
                })
                .map(|f| FileCoverage {
                    file: f.path,
                    covered: f.covered.len(),
                    not_covered: f.not_covered.into_iter().collect(),
                })
                .collect(),
        )
    } else {
        None
    };
    Ok(VerifyReport { results, coverage })
}

/// The `.rego` files of a board folder or a named `.rego` file, read as board files (`trust`:
/// regular, capped, no links out of the repository) and checked as board modules (their own
/// package under `ibp.rules` or `ibp.test`, no clock, chance or `numbers.range`).
fn read_rego(path: &PathBuf) -> Result<Vec<(String, String)>, Error> {
    let unreadable = |source| Error::Unreadable {
        path: path.clone(),
        source,
    };
    let scope = crate::trust::Scope::of(path).or_folder(path);
    let mut files = Vec::new();
    if std::fs::metadata(path).map_err(unreadable)?.is_dir() {
        for entry in walkdir::WalkDir::new(path)
            .follow_links(false)
            .sort_by_file_name()
        {
            let entry = entry.map_err(|e| Error::Unreadable {
                path: path.clone(),
                source: e
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("file system loop")),
            })?;
            if !entry.file_type().is_dir() && entry.path().extension().is_some_and(|e| e == "rego")
            {
                files.push(entry.into_path());
            }
        }
    } else {
        files.push(path.clone());
    }
    let mut out = Vec::new();
    for file in files {
        let text = crate::trust::read_board_file(
            &file,
            "board policy",
            crate::trust::MAX_POLICY_BYTES,
            &scope,
        )?;
        let shown = crate::discover::display(&file);
        crate::board::policies::check_board_module(&shown, &text)?;
        out.push((shown, text));
    }
    Ok(out)
}

/// The test and todo rules of a source, with their line: rule heads at the start of a line.
fn test_rules(source: &str) -> Vec<(usize, String)> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for (i, line) in source.lines().enumerate() {
        if !(line.starts_with("test_") || line.starts_with("todo_")) {
            continue;
        }
        let name: String = line
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if seen.insert(name.clone()) {
            out.push((i + 1, name));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_tests_and_todos() {
        let src = "package a.b_test\n\ntest_one if true\ntodo_two if true\n# test_no\ntest_one if false\n";
        assert_eq!(crate::policy::package_of(src).as_deref(), Some("a.b_test"));
        assert_eq!(
            test_rules(src),
            vec![(3, "test_one".to_string()), (4, "todo_two".to_string())]
        );
    }
}
