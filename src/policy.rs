//! The Rego policy pack, evaluated with regorus.
//!
//! The built-in pack (`policies/*.rego`, embedded in the binary) and any extra policies are
//! parsed and prepared once per run into one engine holding the run's settings as data. Each
//! worker thread then evaluates its files on its own copy of that engine (a private engine per
//! thread: shared reference counts would serialise the workers), with one `set_input` and one
//! evaluation of the entry point `data.ibp.main.findings` per file. Per-file context goes in
//! the input, never in the data: adding data would re-prepare the engine for every file.
//!
//! A finding produced by a policy is an object
//! `{code, path, args, variant?, field?, severity?}`; anything else is a malformed finding
//! and fails the run, since a policy that says something we cannot read must not pass silently.

use std::collections::BTreeMap;

use regorus::Engine;
use serde::Deserialize;
use serde_json::Value;

use crate::error::Error;

/// The entry point every policy contributes to.
pub(crate) const ENTRYPOINT: &str = "data.ibp.main.findings";

/// The built-in policy files, in the order they are loaded.
pub const BUILTIN: &[(&str, &str)] = &[
    ("policies/lib.rego", include_str!("../policies/lib.rego")),
    (
        "policies/agreement.rego",
        include_str!("../policies/agreement.rego"),
    ),
    (
        "policies/convenant.rego",
        include_str!("../policies/convenant.rego"),
    ),
    (
        "policies/leaflet.rego",
        include_str!("../policies/leaflet.rego"),
    ),
    (
        "policies/identifiers.rego",
        include_str!("../policies/identifiers.rego"),
    ),
    (
        "policies/minimisation.rego",
        include_str!("../policies/minimisation.rego"),
    ),
    (
        "policies/special.rego",
        include_str!("../policies/special.rego"),
    ),
    (
        "policies/purposes.rego",
        include_str!("../policies/purposes.rego"),
    ),
    (
        "policies/transfers.rego",
        include_str!("../policies/transfers.rego"),
    ),
    (
        "policies/security.rego",
        include_str!("../policies/security.rego"),
    ),
    (
        "policies/roles.rego",
        include_str!("../policies/roles.rego"),
    ),
];

/// The built-in Rego unit tests and their helpers, for `ibp-lint verify` (never loaded by
/// `check`).
pub const BUILTIN_TESTS: &[(&str, &str)] = &[
    (
        "policies/testing.rego",
        include_str!("../policies/testing.rego"),
    ),
    (
        "policies/agreement_test.rego",
        include_str!("../policies/agreement_test.rego"),
    ),
    (
        "policies/convenant_test.rego",
        include_str!("../policies/convenant_test.rego"),
    ),
    (
        "policies/leaflet_test.rego",
        include_str!("../policies/leaflet_test.rego"),
    ),
    (
        "policies/identifiers_test.rego",
        include_str!("../policies/identifiers_test.rego"),
    ),
    (
        "policies/minimisation_test.rego",
        include_str!("../policies/minimisation_test.rego"),
    ),
    (
        "policies/special_test.rego",
        include_str!("../policies/special_test.rego"),
    ),
    (
        "policies/purposes_test.rego",
        include_str!("../policies/purposes_test.rego"),
    ),
    (
        "policies/transfers_test.rego",
        include_str!("../policies/transfers_test.rego"),
    ),
    (
        "policies/security_test.rego",
        include_str!("../policies/security_test.rego"),
    ),
    (
        "policies/roles_test.rego",
        include_str!("../policies/roles_test.rego"),
    ),
];

/// A finding as a policy emits it, before positions and texts are attached.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFinding {
    pub code: String,
    pub path: String,
    #[serde(default)]
    pub args: BTreeMap<String, Value>,
    #[serde(default)]
    pub variant: Option<String>,
    #[serde(default)]
    pub field: Option<String>,
    #[serde(default)]
    pub severity: Option<String>,
}

/// The prepared pack: policies parsed and the run's settings loaded, ready to be copied to
/// each worker.
#[derive(Clone)]
pub struct PolicyPack {
    engine: Engine,
    vm: Option<VmParts>,
}

/// How the pack is evaluated: regorus's compiled RVM program (the default: about three times
/// faster per file), or its tree-walking interpreter (what `verify` uses, since tests need
/// `with`; kept selectable so a test can prove both give the same findings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EngineKind {
    #[default]
    Rvm,
    Interpreter,
}

/// The package of a Rego source (`package a.b`).
pub(crate) fn package_of(source: &str) -> Option<String> {
    source.lines().find_map(|l| {
        l.trim()
            .strip_prefix("package ")
            .map(|p| p.split_whitespace().next().unwrap_or_default().to_string())
    })
}

/// The entry module: `data.ibp.main.findings` is the union of the `findings` of every package
/// under `ibp.rules` among `sources` (built-in areas and board policies alike). It is generated
/// rather than written with a dynamic `data.ibp.rules[area]`, which the RVM cannot compile.
pub fn entry_module<'a>(sources: impl Iterator<Item = &'a str>) -> String {
    let mut packages: Vec<String> = sources
        .filter_map(package_of)
        .filter(|p| p.starts_with("ibp.rules."))
        .collect();
    packages.sort();
    packages.dedup();
    let mut out = String::from(
        "# Generated by ibp-lint: the union of the findings of every package under ibp.rules.\npackage ibp.main\n",
    );
    for p in packages {
        out.push_str(&format!(
            "\nfindings contains f if {{\n\tsome f in data.{p}.findings\n}}\n"
        ));
    }
    out
}

impl PolicyPack {
    /// Loads the built-in pack plus `extra` (name, source) policies with `data` as settings.
    pub fn new(extra: &[(String, String)], data: Value, kind: EngineKind) -> Result<Self, Error> {
        // A backstop for what no per-evaluation budget covers (the interpreter's evaluations):
        // regorus fails an evaluation once the process holds more than this.
        regorus::set_global_memory_limit(Some(GLOBAL_MEMORY_LIMIT));
        let mut engine = Engine::new();
        // `print` in a policy is collected and dropped, never written to the CI log (where a
        // line `::add-mask::` is a workflow command).
        engine.set_gather_prints(true);
        engine.set_execution_timer_config(execution_budget());
        let sources = BUILTIN
            .iter()
            .map(|(n, s)| ((*n).to_string(), (*s).to_string()))
            .chain(extra.iter().cloned());
        let mut texts = Vec::new();
        for (name, source) in sources {
            engine
                .add_policy(name, source.clone())
                .map_err(policy_error)?;
            texts.push(source);
        }
        let entry = entry_module(texts.iter().map(String::as_str));
        engine
            .add_policy("ibp-lint:main.rego".into(), entry)
            .map_err(policy_error)?;
        engine
            .add_data(regorus::Value::from(data.clone()))
            .map_err(policy_error)?;
        // Evaluate once on an empty input, before any file: this surfaces errors that only
        // show at evaluation (and prepares the interpreter, so workers copy a prepared one).
        // On the RVM it runs with the per-file budgets of time, instructions and memory, so a
        // board rule that ignores the input fails here, named, instead of hanging the run.
        let empty = serde_json::json!({"resource": {}, "fields": [], "purposes": []});
        let vm = match kind {
            EngineKind::Interpreter => {
                engine.set_input(regorus::Value::from(empty.clone()));
                engine
                    .eval_rule(ENTRYPOINT.to_string())
                    .map_err(policy_error)?;
                None
            }
            EngineKind::Rvm => {
                let entry: regorus::Rc<str> = regorus::Rc::from(ENTRYPOINT);
                let compiled = engine
                    .compile_with_entrypoint(&entry)
                    .map_err(policy_error)?;
                let program = regorus::languages::rego::compiler::Compiler::compile_from_policy(
                    &compiled,
                    &[ENTRYPOINT],
                )
                .map_err(policy_error)?;
                Some(VmParts {
                    compiled,
                    program: (*program).clone(),
                    data: regorus::Value::from(data),
                })
            }
        };
        let pack = Self { engine, vm };
        if pack.vm.is_some() {
            pack.evaluator()?
                .evaluate(regorus::Value::from(empty))
                .map_err(|e| Error::Policy(error_head(&e.to_string())))?;
        }
        Ok(pack)
    }

    /// A private evaluator for one worker thread (its own engine, or its own copy of the
    /// compiled program: shared reference counts would serialise the workers).
    pub fn evaluator(&self) -> Result<Evaluator, Error> {
        let budget = execution_budget();
        match &self.vm {
            None => {
                let mut engine = self.engine.clone();
                engine.set_execution_timer_config(budget);
                Ok(Evaluator::Interpreter(Box::new(engine)))
            }
            Some(parts) => {
                let mut vm = regorus::rvm::RegoVM::new_with_policy(parts.compiled.clone());
                vm.load_program(std::sync::Arc::new(parts.program.clone()));
                vm.set_data(parts.data.clone())
                    .map_err(|e| Error::Policy(e.to_string()))?;
                vm.set_max_instructions(MAX_INSTRUCTIONS);
                vm.set_memory_budget_config(Some(regorus::MemoryBudgetConfig {
                    limit: MEMORY_BUDGET,
                }));
                vm.set_execution_timer_config(Some(budget));
                Ok(Evaluator::Vm(Box::new(vm)))
            }
        }
    }
}

/// A JSON value as a regorus value, built directly (regorus's own `From<serde_json::Value>`
/// goes through serde's visitor machinery, measurably slower per file).
pub(crate) fn to_rego(value: &Value) -> regorus::Value {
    match value {
        Value::Null => regorus::Value::Null,
        Value::Bool(b) => regorus::Value::from(*b),
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => regorus::Value::from(i),
            (None, Some(u), _) => regorus::Value::from(u),
            (None, None, Some(f)) => regorus::Value::from(f),
            (None, None, None) => regorus::Value::Null,
        },
        Value::String(s) => regorus::Value::from(s.as_str()),
        Value::Array(items) => regorus::Value::from(items.iter().map(to_rego).collect::<Vec<_>>()),
        Value::Object(map) => rego_object(
            sorted_entries(map)
                .into_iter()
                .map(|(k, v)| (regorus::Value::from(k.as_str()), to_rego(v))),
        ),
    }
}

/// The entries of a JSON object sorted by key. The map keeps document order; sorting the keys
/// as `str` here, before they become Rego values, leaves `rego_object` an already sorted run
/// (checked in one pass) instead of a sort that compares Rego values, which cost about 13,000
/// instructions per file.
pub(crate) fn sorted_entries(map: &serde_json::Map<String, Value>) -> Vec<(&String, &Value)> {
    let mut entries: Vec<_> = map.iter().collect();
    entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
    entries
}

/// A Rego object from its entries, kept in the map it is built in. `Value::from(BTreeMap)`
/// would copy the map into a compact sorted slice ("freeze"), which pays off for data that
/// lives long; a policy input lives for one evaluation, and the copy cost a fifth of building
/// it.
pub(crate) fn rego_object(
    entries: impl IntoIterator<Item = (regorus::Value, regorus::Value)>,
) -> regorus::Value {
    let map = entries.into_iter().collect::<BTreeMap<_, _>>();
    if map.is_empty() {
        return regorus::Value::new_object();
    }
    regorus::Value::Object(regorus::Rc::new(regorus::value::Object::from(map)))
}

/// A policy error as shown: regorus's message with its position and the offending token, but
/// without the source lines it quotes (the file may be the pull request's, and the error goes
/// to the CI log: no more of it than the token at fault).
pub(crate) fn policy_error(e: impl std::fmt::Display) -> Error {
    Error::Policy(error_head(&e.to_string()))
}

/// A regorus error as one line: `file:line:col: message (at `token`)` for a parse error, whose
/// text regorus gives as a location (`--> file:4:1`), the quoted source line with a caret under
/// the fault, and `error: message`; only the token under the caret is kept of the source. Other
/// errors: their first line. At most 300 characters, control characters made visible.
pub(crate) fn error_head(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let location = lines
        .iter()
        .find_map(|l| l.trim_start().strip_prefix("--> "))
        .map(str::trim);
    let message = lines
        .iter()
        .rev()
        .find_map(|l| l.trim_start().strip_prefix("error: "))
        .map(str::trim);
    let head = match (location, message) {
        (Some(location), Some(message)) => {
            let token = fault_token(&lines);
            match token {
                Some(token) => format!("{location}: {message} (at `{token}`)"),
                None => format!("{location}: {message}"),
            }
        }
        _ => lines
            .iter()
            .find(|l| !l.trim().is_empty())
            .map(|l| l.trim().to_string())
            .unwrap_or_default(),
    };
    let mut shown: String = head.chars().take(300).collect();
    if head.chars().count() > 300 {
        shown.push('…');
    }
    crate::text::printable(&shown)
}

/// The token under the caret of a regorus parse error: the quoted line `4 | text` and the line
/// `  |   ^` after it; the non-blank run of at most 40 characters at the caret.
fn fault_token(lines: &[&str]) -> Option<String> {
    lines.windows(2).find_map(|pair| {
        let (source, caret) = (pair.first()?, pair.get(1)?);
        let (number, text) = source.split_once(" | ")?;
        if number.trim().is_empty() || !number.trim().bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let (gutter, marks) = caret.split_once('|')?;
        if !gutter.trim().is_empty() || !marks.contains('^') {
            return None;
        }
        let column = marks.find('^')?.checked_sub(1)?;
        let token: String = text
            .chars()
            .skip(column)
            .take_while(|c| !c.is_whitespace())
            .take(40)
            .collect();
        (!token.is_empty()).then_some(token)
    })
}

/// The time budget of one evaluation (see [`TIME_BUDGET`]), checked every thousand steps.
fn execution_budget() -> regorus::utils::limits::ExecutionTimerConfig {
    regorus::utils::limits::ExecutionTimerConfig {
        limit: TIME_BUDGET,
        check_interval: std::num::NonZeroU32::MIN.saturating_add(999),
    }
}

/// The most memory the process may hold while a policy is evaluated (regorus's allocator
/// counts it): far above what a run needs, a stop for a policy that would take the host's.
pub(crate) const GLOBAL_MEMORY_LIMIT: u64 = 4 << 30;

/// Wall-clock time one file's evaluation may take: a declaration takes well under a
/// millisecond, so this only stops a runaway policy (reported as `POL-001` for that file).
pub(crate) const TIME_BUDGET: std::time::Duration = std::time::Duration::from_secs(2);

/// Why evaluating one file failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EvalError {
    /// The evaluation of this file failed or ran out of its budget: a finding for the file.
    #[error("evaluation failed: {0}")]
    File(String),
    /// A policy produced something that is not a finding: the pack is wrong (exit 2).
    #[error("{0}")]
    Malformed(String),
}

/// Bytes one file's evaluation may allocate on the RVM (regorus's allocator counts them): a
/// declaration needs well under a megabyte; a board rule that builds a huge value
/// (`numbers.range(1, 1e15)`) fails that file with `POL-001` instead of taking the host's memory.
pub(crate) const MEMORY_BUDGET: std::num::NonZeroU64 = match std::num::NonZeroU64::new(256 << 20) {
    Some(n) => n,
    None => std::num::NonZeroU64::MIN,
};

/// Instructions one file's evaluation may take on the RVM: generous for a declaration (a
/// typical one takes a few thousand), a stop for a runaway policy.
const MAX_INSTRUCTIONS: usize = 5_000_000;

/// The compiled form of the pack, copied into each worker.
#[derive(Clone)]
struct VmParts {
    compiled: regorus::CompiledPolicy,
    program: regorus::rvm::program::Program,
    data: regorus::Value,
}

/// One worker's evaluator.
pub enum Evaluator {
    Interpreter(Box<Engine>),
    Vm(Box<regorus::rvm::RegoVM>),
}

impl Evaluator {
    /// Evaluates the pack on one declaration's policy input (built by `normalize`).
    pub fn evaluate(&mut self, input: regorus::Value) -> Result<Vec<RawFinding>, EvalError> {
        let result = match self {
            Evaluator::Interpreter(engine) => {
                engine.set_input(input);
                engine
                    .eval_rule(ENTRYPOINT.to_string())
                    .map_err(|e| EvalError::File(e.to_string()))?
            }
            Evaluator::Vm(vm) => {
                vm.set_input(input);
                vm.execute_entry_point_by_name(ENTRYPOINT)
                    .map_err(|e| EvalError::File(e.to_string()))?
            }
        };
        // Findings as the pack writes them are read straight from the engine's value; anything
        // else (a board rule's odd finding) takes the serde path, whose errors name the problem.
        if let Some(findings) = read_findings(&result) {
            return Ok(findings);
        }
        let json =
            serde_json::to_value(&result).map_err(|e| EvalError::Malformed(e.to_string()))?;
        match json {
            Value::Array(items) => items
                .iter()
                .map(|item| {
                    RawFinding::deserialize(item)
                        .map_err(|e| EvalError::Malformed(format!("malformed finding {item}: {e}")))
                })
                .collect(),
            Value::Null => Ok(Vec::new()),
            other => Err(EvalError::Malformed(format!(
                "{ENTRYPOINT} must be a set of findings, got {other}"
            ))),
        }
    }
}

/// The findings of a result that is a set (or array) of well-formed finding objects, read
/// without making a `serde_json::Value` of the whole result first (that was 3% of a run with
/// many findings); `None` for anything else, which the serde path then reads or rejects with
/// its message. The two agree on every well-formed finding (tested below).
fn read_findings(result: &regorus::Value) -> Option<Vec<RawFinding>> {
    use regorus::Value as V;
    let items: Vec<&V> = match result {
        V::Set(set) => set.iter_sorted().collect(),
        V::Array(items) => items.iter().collect(),
        _ => return None,
    };
    let text = |v: &V| match v {
        V::String(s) => Some(s.to_string()),
        _ => None,
    };
    // `Option<String>` in serde: null is none.
    let optional = |v: &V| match v {
        V::Null => Some(None),
        V::String(s) => Some(Some(s.to_string())),
        _ => None,
    };
    let mut findings = Vec::with_capacity(items.len());
    for item in items {
        let V::Object(object) = item else {
            return None;
        };
        let (mut code, mut path, mut args) = (None, None, BTreeMap::new());
        let (mut variant, mut field, mut severity) = (None, None, None);
        for (key, value) in object.iter() {
            let V::String(key) = key else {
                return None;
            };
            match &**key {
                "code" => code = Some(text(value)?),
                "path" => path = Some(text(value)?),
                "args" => {
                    let V::Object(given) = value else {
                        return None;
                    };
                    for (name, arg) in given.iter() {
                        let V::String(name) = name else {
                            return None;
                        };
                        args.insert(name.to_string(), serde_json::to_value(arg).ok()?);
                    }
                }
                "variant" => variant = optional(value)?,
                "field" => field = optional(value)?,
                "severity" => severity = optional(value)?,
                _ => return None,
            }
        }
        findings.push(RawFinding {
            code: code?,
            path: path?,
            args,
            variant,
            field,
            severity,
        });
    }
    Some(findings)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The serde path, as `evaluate` takes it when `read_findings` declines.
    fn by_serde(result: &regorus::Value) -> Option<Vec<RawFinding>> {
        let json = serde_json::to_value(result).ok()?;
        json.as_array()?
            .iter()
            .map(|item| RawFinding::deserialize(item).ok())
            .collect()
    }

    fn value(json: &str) -> regorus::Value {
        regorus::Value::from_json_str(json).unwrap_or(regorus::Value::Null)
    }

    #[test]
    fn findings_read_directly_are_the_findings_serde_reads() {
        let json = r#"[
            {"code": "AGR-002", "path": "/processing_agreement/expires_on", "args": {"date": "2025-07-31"}},
            {"code": "MIN-001", "path": "/fields/3", "field": "geslacht", "variant": null,
             "args": {"field": "geslacht", "n": 3, "list": ["a", {"b": true}], "none": null}},
            {"code": "ID-004", "path": "/convenant/status", "variant": "supporter", "severity": "warning", "args": {}},
            {"code": "LEAF-001", "path": ""}
        ]"#;
        let array = value(json);
        let direct = read_findings(&array);
        assert!(direct.is_some());
        assert_eq!(direct, by_serde(&array));
        assert_eq!(direct.map(|f| f.len()), Some(4));
        // A set (what a `contains` rule gives) is read in its sorted order, as serde writes it.
        let items: std::collections::BTreeSet<regorus::Value> = match &array {
            regorus::Value::Array(items) => items.iter().cloned().collect(),
            _ => std::collections::BTreeSet::new(),
        };
        let set = regorus::Value::from(items);
        assert!(matches!(set, regorus::Value::Set(_)));
        assert_eq!(read_findings(&set), by_serde(&set));
    }

    #[test]
    fn odd_findings_are_left_to_the_serde_path() {
        for odd in [
            r#"[{"code": "X-1"}]"#,
            r#"[{"code": 1, "path": ""}]"#,
            r#"[{"code": "X-1", "path": "", "extra": 1}]"#,
            r#"[{"code": "X-1", "path": "", "args": null}]"#,
            r#"[{"code": "X-1", "path": "", "args": []}]"#,
            r#"[{"code": "X-1", "path": "", "variant": 3}]"#,
            r#"["not an object"]"#,
            r#"{"code": "X-1", "path": ""}"#,
        ] {
            assert_eq!(read_findings(&value(odd)), None, "{odd}");
        }
    }
}
