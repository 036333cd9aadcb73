//! The command line's definitions: the commands and their flags (clap derive), and the value
//! names clap offers for the output formats, which are the renderers' own types.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::check;
use crate::error::Error;
use crate::render::Format;

/// ibp-lint: checks the privacy declarations of a school board's digital learning resources
/// against the AVG/GDPR and the Convenant Digitale Onderwijsmiddelen en Privacy.
#[derive(Debug, Parser)]
#[command(
    name = "ibp-lint",
    version,
    about,
    long_about = None,
    disable_help_subcommand = true,
    after_help = "Examples:\n  ibp-lint check fixtures/inventory\n  ibp-lint explain AGR-001 --lang nl\n  ibp-lint report inventory/ --format html --output register.html\n\nEvery command has --help, e.g. `ibp-lint check --help`."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check declaration files and report every violation of the rule catalogue.
    #[command(
        after_help = "Examples:\n  ibp-lint check fixtures/inventory\n  ibp-lint check --format json --today 2026-11-23 inventory/\n  ibp-lint check --lang nl --fail-on warning inventory/rekenmeester.yaml"
    )]
    Check(Box<CheckArgs>),
    /// List every rule: code, default severity, title and references.
    #[command(
        after_help = "Examples:\n  ibp-lint rules\n  ibp-lint rules --format markdown --lang nl"
    )]
    Rules(RulesArgs),
    /// Print the embedded JSON Schema of declarations or of the board configuration.
    #[command(
        after_help = "Examples:\n  ibp-lint schema > resource.schema.json\n  ibp-lint schema config"
    )]
    Schema(SchemaArgs),
    /// Write a commented declaration template that passes the schema.
    #[command(
        after_help = "Examples:\n  ibp-lint init --id rekenmeester --output inventory/rekenmeester.yaml\n  ibp-lint init > new.yaml"
    )]
    Init(InitArgs),
    /// Run the Rego unit tests (`test_*` rules) of the built-in pack and of policy folders.
    #[command(
        after_help = "Examples:\n  ibp-lint verify\n  ibp-lint verify --coverage board-policies/"
    )]
    Verify(VerifyArgs),
    /// Explain one rule: what it checks, why, examples, how to fix it, references.
    #[command(
        after_help = "Examples:\n  ibp-lint explain AGR-002\n  ibp-lint explain MIN-001 --lang nl"
    )]
    Explain(ExplainArgs),
    /// Write the inventory as the board's register of learning resources (AVG art. 30).
    #[command(
        after_help = "Examples:\n  ibp-lint report --format html --output register.html inventory/\n  ibp-lint report --format csv --lang nl --output register.csv inventory/\n  ibp-lint report --format xlsx --lang nl --output register.xlsx inventory/\n  ibp-lint report --format markdown --today 2026-11-23 fixtures/inventory"
    )]
    Report(ReportArgs),
    /// Write one declaration per row of a spreadsheet (.xlsx, .ods, .csv): the register read
    /// back, or a board's own inventory sheet.
    #[command(
        after_help = "Headings are the register's, in English or Dutch (`naam`, `KvK-nummer`, `loopt af op`), in any order; --map adds a board's own.\nExit status: 0 every row written, 1 a row failed (its cell is named), 2 the file cannot be read.\n\nExamples:\n  ibp-lint import inventaris.xlsx --output inventory/\n  ibp-lint import register.csv --output inventory/ --force\n  ibp-lint import leermiddelen.ods --sheet Leermiddelen --map kolommen.yaml --output inventory/"
    )]
    Import(ImportArgs),
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The spreadsheet: .xlsx, .xlsm, .xls, .ods or .csv (`;` or `,`, UTF-8 with or without BOM).
    pub file: PathBuf,
    /// The sheet to read; default: `Resources` or `Middelen` (the register's), else the first.
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// The folder to write `<id>.yaml` into (made if missing).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub output: PathBuf,
    /// A YAML mapping of your own headings to register columns or format keys, e.g.
    /// `Leverancier KvK: supplier.kvk`.
    #[arg(long, value_name = "FILE")]
    pub map: Option<PathBuf>,
    /// Replace declaration files that exist already (default: leave them and fail that row).
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// Files or folders of the inventory (folders are walked recursively); default: the current
    /// folder.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, value_name = "FMT")]
    pub format: crate::register::RegisterFormat,
    /// Write the register to FILE (atomically) instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Language of headings, labels and messages; default from LC_ALL/LANG (`nl*` gives Dutch),
    /// else English.
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Fix "today" (YYYY-MM-DD): the register's date, and the date agreements are compared with.
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
    /// The board configuration; default: `ibp-lint.yaml` found by walking up from the first PATH.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Extra Rego policies (a folder or a .rego file), added to the built-in pack; repeatable.
    #[arg(long, value_name = "DIR")]
    pub policy: Vec<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct VerifyArgs {
    /// Extra policy folders or files whose tests to run (with the built-in pack).
    pub dirs: Vec<PathBuf>,
    /// Print which policy lines the tests reached.
    #[arg(long)]
    pub coverage: bool,
}

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The resource id (lower case letters, digits and `-`).
    #[arg(long, default_value = "my-resource")]
    pub id: String,
    /// Write the template to FILE (never over an existing file) instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Human,
    Json,
    Markdown,
}

#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: RulesFormat,
    /// Language of the titles; default from LC_ALL/LANG.
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// `publisher`: mark the rules that are the convenant's readiness requirements.
    #[arg(long, value_enum, value_name = "PROFILE")]
    pub profile: Option<ProfileArg>,
    #[command(flatten)]
    pub board: BoardArgs,
}

/// Where a board's custom rules come from, for `rules` and `explain`.
#[derive(Debug, clap::Args)]
pub struct BoardArgs {
    /// The board configuration (its `policies:` add custom rules); default: `ibp-lint.yaml`
    /// found by walking up from the current folder.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Extra policy folders whose `catalogue.yaml` declares custom rules; repeatable.
    #[arg(long, value_name = "DIR")]
    pub policy: Vec<PathBuf>,
}

impl BoardArgs {
    pub(super) fn catalogue(&self) -> Result<crate::catalogue::Catalogue, Error> {
        check::effective_catalogue(
            self.config.as_deref(),
            &self.policy,
            std::path::Path::new("."),
        )
    }
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The rule code, e.g. AGR-002.
    pub code: String,
    /// Language; default from LC_ALL/LANG.
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    #[command(flatten)]
    pub board: BoardArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    Resource,
    Config,
}

#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// Which schema.
    #[arg(value_enum, default_value = "resource")]
    pub kind: SchemaKind,
}

/// Which findings make the exit code 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    En,
    Nl,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or folders to check (folders are walked recursively); default: the current folder.
    pub paths: Vec<PathBuf>,
    /// Output format (default human); repeatable, each paired with the `--output` after it.
    #[arg(long, value_enum, value_name = "FMT")]
    pub format: Vec<Format>,
    /// Write the report of the preceding `--format` to FILE instead of standard output
    /// (atomically); repeatable.
    #[arg(long, value_name = "FILE")]
    pub output: Vec<PathBuf>,
    /// Lowest severity that makes the exit code 1.
    #[arg(long, value_enum, default_value = "error", value_name = "LEVEL")]
    pub fail_on: FailOn,
    /// Only these codes or prefixes (comma-separated, e.g. `AGR,XFER-001`).
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub select: Vec<String>,
    /// Leave out these codes or prefixes (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub ignore: Vec<String>,
    /// Override a rule's severity: CODE=error|warning|info|off (beats the config); repeatable.
    #[arg(long, value_name = "CODE=LEVEL")]
    pub severity: Vec<String>,
    /// Extra Rego policies (a folder or a .rego file), added to the built-in pack; repeatable.
    #[arg(long, value_name = "DIR")]
    pub policy: Vec<PathBuf>,
    /// The board configuration; default: `ibp-lint.yaml` found by walking up from the first PATH.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Fix "today" (YYYY-MM-DD) for reproducible runs.
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
    /// Language of messages; default from LC_ALL/LANG (`nl*` gives Dutch), else English.
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// List waived findings in human output.
    #[arg(long)]
    pub show_waived: bool,
    /// Findings recorded in this baseline file are reported as baselined and do not fail the run.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record the current findings in FILE as the accepted backlog (then exit 0).
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    pub write_baseline: Option<PathBuf>,
    /// List baselined findings in human output.
    #[arg(long)]
    pub show_baselined: bool,
    /// SARIF: include waived and baselined findings, as `suppressions` (GitHub code scanning
    /// ignores suppressions, so they are left out by default).
    #[arg(long)]
    pub sarif_suppressed: bool,
    /// Report only on declarations changed since this git revision (added, modified, renamed);
    /// the inventory rules still see every declaration.
    #[arg(long, value_name = "GITREF")]
    pub changed_since: Option<String>,
    /// Worker threads; default: all cores. At most one per file and eight per core.
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Human format: print only the summary line.
    #[arg(short, long)]
    pub quiet: bool,
    /// Whose checklist: `officer` (default) or `publisher` (convenant readiness: the readiness
    /// requirements as errors, and a readiness line per declaration); beats `profile:` in the
    /// configuration.
    #[arg(long, value_enum, value_name = "PROFILE")]
    pub profile: Option<ProfileArg>,
    /// Stop with exit code 2 when checking takes longer than this (a bound for runaway board
    /// policies; each file also has its own budget).
    #[arg(long, value_name = "SECONDS", default_value_t = DEFAULT_MAX_RUN_SECONDS)]
    pub max_run_seconds: u64,
}

/// The default of `--max-run-seconds`: about a hundred times what a national inventory of
/// 325,000 declarations takes on two cores.
pub(crate) const DEFAULT_MAX_RUN_SECONDS: u64 = 600;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProfileArg {
    Officer,
    Publisher,
}

impl From<ProfileArg> for crate::profile::Profile {
    fn from(arg: ProfileArg) -> Self {
        match arg {
            ProfileArg::Officer => crate::profile::Profile::Officer,
            ProfileArg::Publisher => crate::profile::Profile::Publisher,
        }
    }
}

// The output formats are the renderers' and the register's own types, which know nothing of
// the command line; clap learns their names and help texts here.
impl clap::ValueEnum for Format {
    fn value_variants<'a>() -> &'a [Self] {
        &[
            Format::Human,
            Format::Concise,
            Format::Json,
            Format::Sarif,
            Format::Junit,
            Format::Github,
            Format::Gitlab,
        ]
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        let (name, help) = match self {
            Format::Human => ("human", "Diagnostics with source snippets (default)"),
            Format::Concise => (
                "concise",
                "One line per finding: `path:line:col: severity[CODE] message`",
            ),
            Format::Json => ("json", "The versioned JSON report (version 1)"),
            Format::Sarif => (
                "sarif",
                "SARIF 2.1.0, for code scanning (GitHub, Azure DevOps, IDEs)",
            ),
            Format::Junit => (
                "junit",
                "JUnit XML: one test suite per file, one test case per rule",
            ),
            Format::Github => (
                "github",
                "GitHub Actions workflow commands (annotations on the pull request)",
            ),
            Format::Gitlab => ("gitlab", "GitLab Code Quality report (JSON)"),
        };
        Some(clap::builder::PossibleValue::new(name).help(help))
    }
}

impl clap::ValueEnum for crate::register::RegisterFormat {
    fn value_variants<'a>() -> &'a [Self] {
        use crate::register::RegisterFormat;
        &[
            RegisterFormat::Html,
            RegisterFormat::Markdown,
            RegisterFormat::Csv,
            RegisterFormat::Xlsx,
        ]
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        use crate::register::RegisterFormat;
        let (name, help) = match self {
            RegisterFormat::Html => (
                "html",
                "One self-contained HTML page (inline CSS, no external requests), for screen and paper",
            ),
            RegisterFormat::Markdown => (
                "markdown",
                "GitHub-flavoured Markdown, for a wiki or repository",
            ),
            RegisterFormat::Csv => (
                "csv",
                "One row per resource, `;`-separated UTF-8 with BOM, for Excel and LibreOffice",
            ),
            RegisterFormat::Xlsx => (
                "xlsx",
                "An Excel workbook: resources, open findings and overview sheets (needs --output, or standard output redirected to a file)",
            ),
        };
        Some(clap::builder::PossibleValue::new(name).help(help))
    }
}
