//! Tool failures: everything that stops ibp-lint from doing its job (exit code 2).
//!
//! A problem in a checked declaration is never an error here: it is a finding. Each variant is
//! one cause, with a stable code and a help text (miette's `Diagnostic`); `cli::describe` prints it
//! on one line with its help, neutralised for a CI log.

use std::path::PathBuf;

use miette::Diagnostic;
use thiserror::Error;

/// One problem in the board configuration, at its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigProblem {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

#[derive(Debug, Error, Diagnostic)]
pub enum Error {
    #[error("no declaration files (*.yaml, *.yml) found under {}", .0.join(", "))]
    #[diagnostic(
        code(ibp_lint::no_files),
        help("pass the folder that holds the declarations; the tool never passes on nothing")
    )]
    NoFiles(Vec<String>),

    #[error("cannot read {}: {source}", .path.display())]
    #[diagnostic(
        code(ibp_lint::unreadable_path),
        help("check that the path exists and is readable")
    )]
    Unreadable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("invalid board configuration {}", .problems.iter().map(|p| format!("{file}:{}:{}: {}", p.line, p.column, p.message)).collect::<Vec<_>>().join("\n  "))]
    #[diagnostic(
        code(ibp_lint::board::config),
        help(
            "see the board configuration in the README; `ibp-lint schema config` prints its JSON Schema"
        )
    )]
    Config {
        file: String,
        problems: Vec<ConfigProblem>,
    },

    #[error("unknown rule code or prefix `{code}` in {origin}")]
    #[diagnostic(
        code(ibp_lint::unknown_code),
        help("list the codes with `ibp-lint rules`")
    )]
    UnknownCode { code: String, origin: String },

    #[error("--changed-since: {0}")]
    #[diagnostic(
        code(ibp_lint::git),
        help("run inside a git work tree and name a revision git knows, e.g. `origin/main`")
    )]
    Git(String),

    #[error("unknown rule `{code}`{hint}")]
    #[diagnostic(
        code(ibp_lint::unknown_rule),
        help("list the codes with `ibp-lint rules`")
    )]
    UnknownRule { code: String, hint: String },

    #[error("{0}")]
    #[diagnostic(code(ibp_lint::import))]
    Import(String),

    #[error("cannot write the workbook: {0}")]
    #[diagnostic(code(ibp_lint::xlsx))]
    Xlsx(String),

    #[error("invalid value for {flag}: {message}")]
    #[diagnostic(code(ibp_lint::bad_flag))]
    BadFlag { flag: String, message: String },

    #[error("policy does not compile: {0}")]
    #[diagnostic(
        code(ibp_lint::policy),
        help("fix the Rego named in the message; policies use Rego v1 syntax")
    )]
    Policy(String),

    #[error("the board's policies would never run: {0}")]
    #[diagnostic(
        code(ibp_lint::no_board_policy),
        help(
            "give --policy or `policies:` a folder or file with the board's Rego (v1 syntax) in a package under `ibp.rules`, e.g. `package ibp.rules.board`, and its catalogue.yaml beside it (policies/README.md)"
        )
    )]
    NoBoardPolicy(String),

    #[error("board policy {file} is in package `{package}`, which a board may not use")]
    #[diagnostic(
        code(ibp_lint::board_package),
        help(
            "put a board's rules in a package of its own under `ibp.rules` (e.g. `package ibp.rules.board`; not a built-in area such as `ibp.rules.agreement`, nor `ibp.lib`) and its tests under `ibp.test` (policies/README.md)"
        )
    )]
    BoardPackage { file: String, package: String },

    #[error("board policy {file}:{line} calls `{builtin}`, which board policies may not use")]
    #[diagnostic(
        code(ibp_lint::board_builtin),
        help(
            "a report must not depend on the clock or on chance (use `data.settings.today`, set by --today), and `numbers.range` can exhaust memory in one call; compute what you need from the input (policies/README.md)"
        )
    )]
    BoardBuiltin {
        file: String,
        line: u64,
        builtin: String,
    },

    #[error("the board's policy folders hold YAML files that would not be checked: {}", .0.join(", "))]
    #[diagnostic(
        code(ibp_lint::yaml_in_policies),
        help(
            "a folder under `policies:` (or --policy) is left out of the check, declarations and all; move the declarations out of it, or set `policies_may_hold_yaml: true` in ibp-lint.yaml if these files are not declarations"
        )
    )]
    YamlInPolicies(Vec<String>),

    #[error(
        "the run took longer than --max-run-seconds {0}: stopped before every file was checked"
    )]
    #[diagnostic(
        code(ibp_lint::run_time_limit),
        help(
            "a policy may be running away on many files (each stops at its own budget, POL-001); run `ibp-lint verify` on the board's policies, or raise --max-run-seconds for a very large inventory on a slow disk"
        )
    )]
    RunTimeLimit(u64),

    #[error("a board's rule catalogue is invalid: {0}")]
    #[diagnostic(
        code(ibp_lint::board_catalogue),
        help(
            "fix the catalogue.yaml beside the board's policies: each custom rule once, with a code of the board's own (e.g. `BOARD-001`), a name, area, severity, title, message, help, why and references, texts in English and Dutch (policies/README.md, \"A board's own rules\")"
        )
    )]
    BoardCatalogue(String),

    #[error("policy evaluation failed: {0}")]
    #[diagnostic(
        code(ibp_lint::policy_eval),
        help(
            "a policy emitted a finding the tool cannot report: declare every code it emits in the catalogue.yaml beside it, give the values its texts name in `args`, and test it with `ibp-lint verify DIR` (policies/README.md, \"A board's own rules\")"
        )
    )]
    PolicyEval(String),

    #[error("the built-in rule catalogue is invalid: {0}")]
    #[diagnostic(code(ibp_lint::catalogue))]
    Catalogue(String),

    #[error("the built-in JSON Schema is invalid: {0}")]
    #[diagnostic(code(ibp_lint::schema))]
    Schema(String),

    #[error("refusing to read {what} {path}: {reason}")]
    #[diagnostic(
        code(ibp_lint::unsafe_file),
        help(
            "board files (configuration, policies, catalogues, baselines) must be regular files inside the repository; replace the link by the file itself (SECURITY.md)"
        )
    )]
    UnsafeFile {
        path: String,
        what: String,
        reason: String,
    },

    #[error("refusing to write {path}: {reason}")]
    #[diagnostic(
        code(ibp_lint::unsafe_output),
        help(
            "name a new file or a regular file that is not a checked declaration; ibp-lint never writes through a symbolic link it did not create (SECURITY.md)"
        )
    )]
    UnsafeOutput { path: String, reason: String },

    #[error("cannot write {}: {source}", .path.display())]
    #[diagnostic(code(ibp_lint::output))]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}
