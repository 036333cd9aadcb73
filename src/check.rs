//! The `check` run: discover, load and parse with positions, check structure, evaluate the
//! policies, check the inventory as a whole, then apply the board's severities and the
//! command line's selection. Every stage adds findings; only tool failures are errors.
//!
//! Files are checked in parallel (rayon), each worker with its own policy evaluator; the
//! inventory rules then run over what each file left behind (its id, supplier and leaflet).
//! Nothing here prints or writes: the report is returned to the caller. [`Single`] runs the same
//! per-file path on one text in memory (the fuzz target's entry).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use chrono::{Days, Months, NaiveDate};
use rayon::prelude::*;
use serde_json::{Value, json};

use crate::catalogue::{Catalogue, EngineRules, Place, Rule, selects};
use crate::codes::EngineCode;
use crate::config::{Config, Level};
use crate::discover::{Input, discover};
use crate::error::Error;
use crate::finding::{Finding, Related, Severity};
use crate::lang::Lang;
use crate::locate::{Located, Position, SpanMap};
use crate::normalize::normalize;
use crate::parse::{self, Problem};
use crate::policy::{Evaluator, PolicyPack, RawFinding, extra_locations, load_extra};
use crate::report::{Declaration, Report};
use crate::schema::{self, Schema};
use crate::vocabulary::Vocabulary;
use crate::waiver;

/// What a `check` run is asked to do.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub paths: Vec<PathBuf>,
    pub config: Option<PathBuf>,
    pub today: Option<NaiveDate>,
    pub lang: Lang,
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub policies: Vec<PathBuf>,
    /// Severity overrides from the command line (`--severity CODE=LEVEL`), beating the config.
    pub severity: Vec<(String, Level)>,
    pub jobs: Option<usize>,
    /// Keep the text of files with findings (for the human renderer's snippets).
    pub keep_sources: bool,
    /// Keep every schema-valid declaration in the report (for the register).
    pub keep_documents: bool,
    /// Mark findings recorded in this baseline file as baselined.
    pub baseline: Option<PathBuf>,
    /// Report only on declarations changed since this git revision (the inventory rules still
    /// see every declaration).
    pub changed_since: Option<String>,
    /// Which regorus evaluation path to use (the compiled RVM by default).
    pub engine: crate::policy::EngineKind,
    /// Told (done, total) as files are checked; the CLI draws a progress line with it.
    pub progress: Option<Progress>,
    /// `--profile`, beating the configuration's `profile:` (default: officer).
    pub profile: Option<crate::profile::Profile>,
    /// The longest the checks of the files may take (`--max-run-seconds`): a run past it stops
    /// with an error instead of going on file by file at the per-file budget.
    pub max_run: Option<std::time::Duration>,
}

/// A progress callback: called with (files done, files in total), from worker threads.
#[derive(Clone)]
pub struct Progress(pub std::sync::Arc<dyn Fn(usize, usize) + Send + Sync>);

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Progress")
    }
}

/// A schema-valid declaration as checked: the document and its fields after alias resolution.
/// Kept only when asked for (`Options::keep_documents`), for the register (`ibp-lint report`).
/// Everything the per-file work shares, read-only.
struct Context<'a> {
    catalogue: &'a Catalogue,
    /// The rules of the codes the engine emits itself, looked up once.
    engine: EngineRules,
    schema: Schema,
    vocabulary: Vocabulary,
    lang: Lang,
    max_file_bytes: u64,
    keep_sources: bool,
    keep_documents: bool,
    profile: crate::profile::Profile,
}

/// What one file leaves behind for the inventory rules.
struct FileResult<'a> {
    /// The file (borrowed from the run's list: 100,000 copies of every path add up).
    input: &'a Input,
    /// The schema-valid declaration with its resolved fields, when documents are kept.
    document: Option<Declaration>,
    findings: Vec<Finding>,
    resource: Option<(String, Position)>,
    /// Supplier name and leaflet URL with its position, for schema-valid documents.
    leaflet: Option<LeafletUse>,
    source: Option<String>,
    /// What decides which readiness requirements apply (set once the document is read).
    applies: crate::profile::Applies,
    /// Its convenant readiness, under the publisher profile.
    readiness: Option<crate::profile::Readiness>,
}

/// The rules in force for a board: the built-in catalogue plus the custom rules of the policy
/// folders named by `--policy` and by the configuration (given, or found from `start`).
pub fn effective_catalogue(
    config: Option<&Path>,
    policies: &[PathBuf],
    start: &Path,
) -> Result<Catalogue, Error> {
    let config_path = config
        .map(Path::to_path_buf)
        .or_else(|| Config::discover(start));
    let config = match &config_path {
        Some(p) => Config::load(p)?,
        None => Config::default(),
    };
    let extra = load_extra(config.policy_sources(policies), &config.scope(start))?;
    Catalogue::builtin()?.with_custom(extra.rules)
}

/// A declaration's privacy leaflet, for `INV-002`: the supplier and URL as written, the URL's
/// position, and both normalised for comparison (made by the worker that read the file, so
/// the serial inventory pass only compares).
struct LeafletUse {
    supplier: String,
    url: String,
    position: Position,
    key: (String, String),
}

/// What a run needs besides its files, made while the folders are walked.
struct Prepared {
    catalogue: Catalogue,
    config: Config,
    today: NaiveDate,
    profile: crate::profile::Profile,
    baseline: Option<crate::baseline::Baseline>,
    /// YAML files in policy folders that the check leaves out (`policies_may_hold_yaml`).
    unchecked: Vec<String>,
    /// Reported only after the walk's own errors, as in a run that walked first.
    pack: Result<PolicyPack, Error>,
    schema: Result<Schema, Error>,
}

/// The catalogue with the board's rules, the configuration with the command line's severities,
/// the checked codes, "today", the baseline, the compiled policies and the schema.
fn prepare(options: &Options, mut config: Config, paths: &[PathBuf]) -> Result<Prepared, Error> {
    let start = paths.first().map_or(Path::new("."), PathBuf::as_path);
    let crate::policy::Extra {
        policies,
        rules,
        other_yaml,
    } = load_extra(
        config.policy_sources(&options.policies),
        &config.scope(start),
    )?;
    // The folder walk leaves the policy folders out: YAML files there are never checked, so a
    // `policies:` entry naming a folder of declarations would silently remove them from the
    // check. Refused unless the board says so; the report lists them.
    let unchecked = hidden_yaml(&config, &options.policies, paths, &other_yaml);
    if !unchecked.is_empty() && !config.policies_may_hold_yaml {
        return Err(Error::YamlInPolicies(unchecked));
    }

    let today = options
        .today
        .or(config.today)
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let profile = options.profile.or(config.profile).unwrap_or_default();
    let data = policy_data(&config, today, profile);
    // Compiling the policies and the schema needs nothing of the catalogue: they run on another
    // core while the catalogue is read and the codes are checked (each half about 5 ms of a
    // start-up of 11 ms). Errors still come in the order of a run that did one after the other.
    std::thread::scope(|scope| {
        let compiled = scope.spawn(|| {
            (
                PolicyPack::new(&policies, data, options.engine),
                Schema::resource(),
            )
        });
        let checked = check_codes(options, &mut config, rules, start);
        let (pack, schema) = joined(compiled);
        let (catalogue, baseline) = checked?;
        Ok(Prepared {
            catalogue,
            config,
            today,
            profile,
            baseline,
            unchecked,
            pack,
            schema,
        })
    })
}

/// The YAML files of the policy folders that lie under the checked `paths` and that the folder
/// walk leaves out (`discover`): those in a policy folder that does not hold the configuration.
fn hidden_yaml(
    config: &Config,
    cli_policies: &[PathBuf],
    paths: &[PathBuf],
    other_yaml: &[PathBuf],
) -> Vec<String> {
    if other_yaml.is_empty() {
        return Vec::new();
    }
    let canonical = |p: &Path| std::fs::canonicalize(p).ok();
    let config_dir = config
        .file
        .as_deref()
        .and_then(canonical)
        .and_then(|f| f.parent().map(Path::to_path_buf));
    let excluded: Vec<PathBuf> = config
        .policy_sources(cli_policies)
        .filter_map(|(p, _)| canonical(p))
        .filter(|p| !config_dir.as_ref().is_some_and(|dir| dir.starts_with(p)))
        .collect();
    let walked: Vec<PathBuf> = paths.iter().filter_map(|p| canonical(p)).collect();
    other_yaml
        .iter()
        .filter(|f| {
            canonical(f).is_some_and(|real| {
                excluded.iter().any(|e| real.starts_with(e))
                    && walked.iter().any(|w| real.starts_with(w))
            })
        })
        .map(|f| crate::discover::display(f))
        .collect()
}

/// What a scoped thread returned; its panic goes on in the thread that waits for it.
fn joined<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// The catalogue with the board's rules, every code the configuration and the command line
/// name checked against it (the command line's severities added to the configuration), and
/// the baseline.
fn check_codes(
    options: &Options,
    config: &mut Config,
    rules: Vec<crate::catalogue::Rule>,
    start: &Path,
) -> Result<(Catalogue, Option<crate::baseline::Baseline>), Error> {
    let catalogue = Catalogue::builtin()?.with_custom(rules)?;
    config.check_codes(&catalogue)?;
    for (code, level) in &options.severity {
        if catalogue.get(code).is_none() {
            return Err(Error::UnknownCode {
                code: code.clone(),
                origin: "--severity".into(),
            });
        }
        if crate::codes::fails_closed(code) && *level != Level::Error {
            return Err(Error::BadFlag {
                flag: "--severity".into(),
                message: format!(
                    "`{code}` cannot be set to `{}`: it means a declaration was not evaluated, so it stays an error",
                    level.as_str()
                ),
            });
        }
        config.rules.insert(code.clone(), *level);
    }
    for (flag, list) in [("--select", &options.select), ("--ignore", &options.ignore)] {
        for code in list {
            if !catalogue.matches_selector(code) {
                return Err(Error::UnknownCode {
                    code: code.clone(),
                    origin: flag.to_string(),
                });
            }
        }
    }
    let baseline = match &options.baseline {
        Some(path) => Some(crate::baseline::read(path, &config.scope(start))?),
        None => None,
    };
    Ok((catalogue, baseline))
}

/// Most findings the policies may give one declaration: a declaration of a hundred fields has
/// at most a few hundred; beyond this a (board) rule is running away.
pub const MAX_FINDINGS_PER_FILE: usize = 1000;

/// Most worker threads per core `--jobs` may ask for: a check is CPU-bound, so more threads
/// only help to wait on a cold page cache, and each one makes its own copy of the compiled
/// policies.
pub const MAX_JOBS_PER_CORE: usize = 8;

/// The worker threads of a run: `--jobs` (default: `RAYON_NUM_THREADS` when set, else all
/// cores), at most one per file and `MAX_JOBS_PER_CORE` per core. Without the caps,
/// `--jobs 10000` on ten files started ten thousand threads and ran for a minute.
fn worker_threads(jobs: Option<usize>, files: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let from_env = std::env::var("RAYON_NUM_THREADS")
        .ok()
        .and_then(|n| n.trim().parse::<usize>().ok())
        .filter(|&n| n > 0);
    jobs.or(from_env)
        .unwrap_or(cores)
        .min(cores.saturating_mul(MAX_JOBS_PER_CORE))
        .min(files)
        .max(1)
}

/// Runs `check` and returns the report.
pub fn run(options: &Options) -> Result<Report, Error> {
    let paths = if options.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        options.paths.clone()
    };
    let config_path = match &options.config {
        Some(p) => Some(p.clone()),
        None => paths.first().and_then(|p| Config::discover(p)),
    };
    let config = match &config_path {
        Some(p) => Config::load(p)?,
        None => Config::default(),
    };
    // The folder walk is mostly waiting on the file system, the rest of the preparation
    // (catalogue, policy compilation, schema) pure CPU: they run side by side. Errors still come
    // in the order of a run that did one after the other.
    let policy_files = extra_locations(options.policies.iter().chain(config.policies.iter()));
    let (prepared, inputs) = std::thread::scope(|scope| {
        let walk = scope.spawn(|| discover(&paths, config_path.as_deref(), &policy_files));
        let prepared = prepare(options, config, &paths);
        let inputs = joined(walk);
        (prepared, inputs)
    });
    let Prepared {
        catalogue,
        config,
        today,
        profile,
        baseline,
        unchecked,
        pack,
        schema,
    } = prepared?;
    let catalogue = &catalogue;
    let inputs = inputs?;
    let changed: Option<std::collections::HashSet<String>> = match &options.changed_since {
        Some(reference) => {
            let first = paths.first().cloned().unwrap_or_else(|| PathBuf::from("."));
            let files = crate::changed::changed_files(&first, reference)?;
            Some(
                inputs
                    .iter()
                    .filter(|i| std::fs::canonicalize(&i.path).is_ok_and(|c| files.contains(&c)))
                    .map(|i| i.display.clone())
                    .collect(),
            )
        }
        None => None,
    };
    if inputs.is_empty() {
        return Err(Error::NoFiles(
            paths.iter().map(|p| crate::discover::display(p)).collect(),
        ));
    }

    let pack = pack?;
    let context = Context {
        catalogue,
        engine: EngineRules::of(catalogue)?,
        schema: schema?,
        vocabulary: config.vocabulary(),
        lang: options.lang,
        max_file_bytes: config.settings.max_file_kib.saturating_mul(1024),
        keep_sources: options.keep_sources,
        keep_documents: options.keep_documents,
        profile,
    };

    let done = std::sync::atomic::AtomicUsize::new(0);
    let total = inputs.len();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(worker_threads(options.jobs, total))
        .build()
        .map_err(|e| Error::BadFlag {
            flag: "--jobs".into(),
            message: e.to_string(),
        })?;
    // One evaluator per worker thread, made on its first file and kept for the run: rayon's
    // `map_init` would make one per work split, many more than there are threads.
    let slots: Vec<std::sync::Mutex<Option<Evaluator>>> = (0..pool.current_num_threads())
        .map(|_| std::sync::Mutex::new(None))
        .collect();
    let deadline = options
        .max_run
        .and_then(|limit| std::time::Instant::now().checked_add(limit));
    let check_one = for_inputs(|input| {
        if deadline.is_some_and(|d| std::time::Instant::now() > d) {
            return Err(Error::RunTimeLimit(
                options.max_run.map_or(0, |d| d.as_secs()),
            ));
        }
        let slot = rayon::current_thread_index()
            .and_then(|i| slots.get(i))
            .ok_or_else(|| {
                Error::PolicyEval("a file was checked outside the worker pool".into())
            })?;
        let mut guard = slot
            .lock()
            .map_err(|_| Error::PolicyEval("a worker failed earlier in this run".into()))?;
        let evaluator = match guard.take() {
            Some(e) => e,
            None => pack.evaluator()?,
        };
        let evaluator = guard.insert(evaluator);
        let result = check_file(&context, evaluator, input);
        if let Some(Progress(tell)) = &options.progress {
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            if n % 64 == 0 || n == total {
                tell(n, total);
            }
        }
        result
    });
    let results = pool.install(|| {
        inputs
            .par_iter()
            .map(check_one)
            .collect::<Result<Vec<FileResult<'_>>, Error>>()
    })?;

    let mut findings = Vec::new();
    let mut sources = HashMap::new();
    let resources = results.iter().filter(|r| r.resource.is_some()).count();
    inventory(&context, &results, changed.as_ref(), &mut findings);
    let mut declarations = Vec::new();
    let mut readiness = Vec::new();
    for r in results {
        readiness.extend(r.readiness);
        findings.extend(r.findings);
        declarations.extend(r.document);
        if let Some(s) = r.source {
            sources.insert(r.input.display.clone(), s);
        }
    }

    // A rule set to `off` produces no findings (so a waiver for it is unused); waivers are
    // matched before the command line's selection, which only narrows what is shown.
    findings.retain(|f| config.rules.get(&f.code) != Some(&Level::Off));
    let waiver_findings =
        waiver::apply(&config, today, &context.engine, options.lang, &mut findings);
    if let Some(changed) = &changed {
        // Only the changed declarations are reported; a waiver for an unchanged one cannot
        // match here, so unused-waiver findings would be noise.
        findings.retain(|f| changed.contains(&f.file));
        readiness.retain(|r: &crate::profile::Readiness| changed.contains(&r.file));
        findings.extend(
            waiver_findings
                .into_iter()
                .filter(|f| f.code != "WAIVE-001"),
        );
    } else {
        findings.extend(waiver_findings);
    }
    findings.retain_mut(|f| {
        match config.rules.get(&f.code) {
            Some(Level::Off) => return false,
            Some(Level::Error) => f.severity = Severity::Error,
            Some(Level::Warning) => f.severity = Severity::Warning,
            Some(Level::Info) => f.severity = Severity::Info,
            None => {}
        }
        // A file that was not evaluated is always reported, whatever the selection: the run
        // must not pass it as if it had been checked.
        crate::codes::fails_closed(&f.code)
            || ((options.select.is_empty() || options.select.iter().any(|s| selects(s, &f.code)))
                && !options.ignore.iter().any(|s| selects(s, &f.code)))
    });
    if let Some(baseline) = &baseline {
        let stale = crate::baseline::apply(baseline, &mut findings, |entry| {
            // An entry can only be stale if its rule ran and its resource was reported on.
            let rule_ran = !config
                .rules
                .get(&entry.code)
                .is_some_and(|l| *l == Level::Off)
                && (options.select.is_empty()
                    || options.select.iter().any(|s| selects(s, &entry.code)))
                && !options.ignore.iter().any(|s| selects(s, &entry.code));
            rule_ran && changed.is_none()
        });
        let stale =
            crate::baseline::stale_findings(baseline, &stale, &context.engine, options.lang);
        findings.extend(stale);
    }
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    if options.keep_sources {
        let wanted: std::collections::HashSet<&str> = findings
            .iter()
            .flat_map(|f| {
                std::iter::once(f.file.as_str()).chain(f.related.iter().map(|r| r.file.as_str()))
            })
            .collect();
        sources.retain(|k, _| wanted.contains(k.as_str()));
        if let (Some(file), Some(text)) = (&config.file, &config.source) {
            sources.insert(crate::discover::display(file), text.clone());
        }
        // Files whose only findings came from the inventory rules (or that are only the
        // "first declared here" of one) were not kept while checking: read them now.
        for input in &inputs {
            // A link named on the command line is not read again here (one out of the
            // repository was refused while checking, and a snippet must not show it).
            let named_link = input.named && crate::trust::is_link(&input.path);
            if wanted.contains(input.display.as_str())
                && !sources.contains_key(&input.display)
                && !named_link
            {
                if let Ok(bytes) = std::fs::read(&input.path) {
                    let text = match parse::decode(&bytes) {
                        Ok(t) => t.to_string(),
                        Err(_) => parse::lossy(&bytes).into_owned(),
                    };
                    sources.insert(input.display.clone(), text);
                }
            }
        }
    }
    Ok(Report {
        catalogue: catalogue.clone(),
        lang: options.lang,
        today,
        files: inputs.len(),
        checked: inputs.iter().map(|i| i.display.clone()).collect(),
        declarations,
        baseline: baseline.as_ref().map(|b| b.file.clone()),
        organisation: config.organisation.clone(),
        profile,
        readiness,
        board_files: config
            .file
            .iter()
            .chain(options.baseline.iter())
            .chain(options.policies.iter())
            .chain(config.policies.iter())
            .cloned()
            .collect(),
        unchecked,
        settings: config.settings.clone(),
        inactive: catalogue
            .rules()
            .iter()
            .map(|r| r.code.clone())
            .filter(|code| {
                config.rules.get(code) == Some(&Level::Off)
                    || (!options.select.is_empty()
                        && !options.select.iter().any(|s| selects(s, code)))
                    || options.ignore.iter().any(|s| selects(s, code))
            })
            .collect(),
        resources,
        findings,
        sources,
    })
}

/// The run's settings as the policies read them (`data.settings`), dates precomputed so that
/// no policy parses a date per file.
fn policy_data(config: &Config, today: NaiveDate, profile: crate::profile::Profile) -> Value {
    let s = &config.settings;
    // The policies compare `YYYY-MM-DD` strings: a window past year 9999 (or before year 1)
    // is clamped there, so that it still sorts as a date (chrono writes later years as
    // `+10000-...`, which would sort before every date and silently end AGR-003).
    let last = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX);
    let first = NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or(NaiveDate::MIN);
    let until = today
        .checked_add_days(Days::new(u64::from(s.agreement_expiry_warning_days)))
        .map_or(last, |d| d.min(last));
    let cutoff = today
        .checked_sub_months(Months::new(s.leaflet_max_age_months))
        .map_or(first, |d| d.max(first));
    // CVD-001: a penetration test more than twelve months before today is stale.
    let pentest_cutoff = today
        .checked_sub_months(Months::new(12))
        .map_or(first, |d| d.max(first));
    json!({
        "settings": {
            "today": today.format("%Y-%m-%d").to_string(),
            "expiry_warning_until": until.format("%Y-%m-%d").to_string(),
            "agreement_expiry_warning_days": s.agreement_expiry_warning_days,
            "leaflet_cutoff": cutoff.format("%Y-%m-%d").to_string(),
            "leaflet_max_age_months": s.leaflet_max_age_months,
            "pentest_cutoff": pentest_cutoff.format("%Y-%m-%d").to_string(),
            "breach_max_hours": s.breach_max_hours,
            "max_deletion_days": s.max_deletion_days,
            "adequate_countries": s.adequate_countries,
            "profile": profile.as_str(),
        }
    })
}

/// The per-file closure with the one lifetime of the run's file list (a closure alone would
/// be asked to work for any borrow of its argument).
fn for_inputs<'a, F>(f: F) -> F
where
    F: Fn(&'a Input) -> Result<FileResult<'a>, Error>,
{
    f
}

fn check_file<'a>(
    context: &Context<'_>,
    evaluator: &mut Evaluator,
    input: &'a Input,
) -> Result<FileResult<'a>, Error> {
    let mut result = read_and_check(context, evaluator, input)?;
    settle_readiness(context, &mut result);
    Ok(result)
}

fn read_and_check<'a>(
    context: &Context<'_>,
    evaluator: &mut Evaluator,
    input: &'a Input,
) -> Result<FileResult<'a>, Error> {
    let mut result = FileResult {
        input,
        document: None,
        findings: Vec::new(),
        resource: None,
        leaflet: None,
        source: None,
        applies: crate::profile::Applies::default(),
        readiness: None,
    };
    // A declaration named on the command line may be a link a pull request committed; one
    // that leads out of the repository (to a credentials file, say) is not read, or its text
    // would be shown in the report.
    if input.named
        && crate::trust::is_link(&input.path)
        && !crate::trust::Scope::of(
            input
                .path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new(".")),
        )
        .contains(&input.path)
    {
        let args = [(
            "detail",
            "it is a symbolic link to a file outside the repository".to_string(),
        )];
        result
            .findings
            .push(context.decl001(input, Position::START, "unreadable", &args));
        // What a snippet shows of it: nothing (the report must not read it later either).
        if context.keep_sources {
            result.source = Some(String::new());
        }
        return Ok(result);
    }
    let bytes = match read_limited(&input.path, context.max_file_bytes) {
        Ok(Ok(b)) => b,
        Ok(Err(size)) => {
            result.findings.push(context.too_large(input, size));
            return Ok(result);
        }
        Err(e) => {
            let args = [("detail", e.to_string())];
            result
                .findings
                .push(context.decl001(input, Position::START, "unreadable", &args));
            return Ok(result);
        }
    };
    check_bytes(context, evaluator, input, &bytes, &mut result)?;
    Ok(result)
}

/// Under the publisher profile, the declaration's convenant readiness from its findings.
fn settle_readiness(context: &Context<'_>, result: &mut FileResult<'_>) {
    if context.profile != crate::profile::Profile::Publisher {
        return;
    }
    result.readiness = Some(crate::profile::Readiness::of(
        &result.input.display,
        result.resource.as_ref().map(|(id, _)| id.as_str()),
        result.applies,
        result.findings.iter().map(|f| f.code.as_str()),
    ));
}

/// One file's bytes, once read: decoded, parsed and checked (what `run` and [`Single`] share).
fn check_bytes(
    context: &Context<'_>,
    evaluator: &mut Evaluator,
    input: &Input,
    bytes: &[u8],
    result: &mut FileResult<'_>,
) -> Result<(), Error> {
    let text = match parse::decode(bytes) {
        Ok(t) => t,
        Err(e) => {
            let mut f = context.decl001(input, e.position, "not_utf8", &[]);
            // A stray Latin-1 byte in a name does not make the `id` line unreadable.
            let lossy = parse::lossy(bytes);
            take_readable_id(&lossy, &mut f, result);
            result.findings.push(f);
            if context.keep_sources {
                result.source = Some(lossy.into_owned());
            }
            return Ok(());
        }
    };
    check_text(context, evaluator, input, text, result)?;
    if !result.findings.is_empty() {
        let mut ends = parse::QuotedEnds::new(text);
        for f in &mut result.findings {
            f.position = ends.fix(f.position);
        }
    }
    if context.keep_sources && !result.findings.is_empty() {
        result.source = Some(text.to_string());
    }
    Ok(())
}

/// One declaration checked in memory exactly as `run` checks each file of an inventory, with
/// the default board configuration and without the inventory rules: for fuzzing and property
/// tests, which check many texts and cannot prepare the policies for each one as `run` does.
pub struct Single {
    context: Context<'static>,
    evaluator: Evaluator,
    today: NaiveDate,
    settings: crate::config::Settings,
}

impl Single {
    /// The built-in catalogue, schema and policies, prepared once, with `today` fixed.
    pub fn new(today: NaiveDate, lang: Lang) -> Result<Self, Error> {
        let config = Config::default();
        let pack = PolicyPack::new(
            &[],
            policy_data(&config, today, crate::profile::Profile::Officer),
            crate::policy::EngineKind::Rvm,
        )?;
        Ok(Self {
            context: Context {
                catalogue: Catalogue::builtin()?,
                engine: EngineRules::of(Catalogue::builtin()?)?,
                schema: Schema::resource()?,
                vocabulary: config.vocabulary(),
                lang,
                max_file_bytes: config.settings.max_file_kib.saturating_mul(1024),
                keep_sources: true,
                keep_documents: false,
                profile: crate::profile::Profile::Officer,
            },
            evaluator: pack.evaluator()?,
            today,
            settings: config.settings,
        })
    }

    /// The one-file report of `bytes` as the content of a file shown as `display`.
    pub fn check(&mut self, display: &str, bytes: &[u8]) -> Result<Report, Error> {
        let input = Input {
            path: PathBuf::from(display),
            display: display.to_string(),
            named: false,
        };
        let mut result = FileResult {
            input: &input,
            document: None,
            findings: Vec::new(),
            resource: None,
            leaflet: None,
            source: None,
            applies: crate::profile::Applies::default(),
            readiness: None,
        };
        let size = bytes.len() as u64;
        if size > self.context.max_file_bytes {
            result.findings.push(self.context.too_large(&input, size));
        } else {
            check_bytes(
                &self.context,
                &mut self.evaluator,
                &input,
                bytes,
                &mut result,
            )?;
        }
        let mut findings = result.findings;
        findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        Ok(Report {
            catalogue: self.context.catalogue.clone(),
            lang: self.context.lang,
            today: self.today,
            files: 1,
            checked: vec![input.display.clone()],
            declarations: Vec::new(),
            baseline: None,
            organisation: None,
            profile: crate::profile::Profile::Officer,
            readiness: Vec::new(),
            board_files: Vec::new(),
            unchecked: Vec::new(),
            settings: self.settings.clone(),
            inactive: std::collections::BTreeSet::new(),
            resources: usize::from(result.resource.is_some()),
            findings,
            sources: result
                .source
                .map(|s| HashMap::from([(input.display.clone(), s)]))
                .unwrap_or_default(),
        })
    }
}

/// The bytes of a file, or `Err(size)` when it is larger than `max` bytes (then nothing more
/// than the size is read): one open and one `fstat` per file.
fn read_limited(path: &Path, max: u64) -> std::io::Result<Result<Vec<u8>, u64>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    if size > max {
        return Ok(Err(size));
    }
    // The size may change while reading; never read more than the limit allows.
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    file.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Ok(Err(bytes.len() as u64));
    }
    Ok(Ok(bytes))
}

fn check_text(
    context: &Context<'_>,
    evaluator: &mut Evaluator,
    input: &Input,
    text: &str,
    result: &mut FileResult<'_>,
) -> Result<(), Error> {
    let doc = match parse::parse(text) {
        Ok(doc) => doc,
        Err(e) => {
            let (variant, args) = match e.problem {
                Problem::Syntax(detail) => ("syntax", vec![("detail", detail)]),
                Problem::MultiDocument(n) => ("multi_document", vec![("count", n.to_string())]),
                Problem::DuplicateKey(key) => ("duplicate_key", vec![("key", key)]),
                Problem::NotUtf8 => ("not_utf8", vec![]),
                Problem::TooDeep(max) => ("too_deep", vec![("max", max.to_string())]),
                Problem::AliasLimit(max) => ("alias_limit", vec![("max", max.to_string())]),
                Problem::TooManyNodes(max) => ("too_many_nodes", vec![("max", max.to_string())]),
            };
            let mut f = context.decl001(input, e.position, variant, &args);
            take_readable_id(text, &mut f, result);
            result.findings.push(f);
            return Ok(());
        }
    };
    let spans = &doc.spans;
    let id = doc
        .value
        .get("id")
        .and_then(Value::as_str)
        .map(str::to_string);
    if let Some(id) = &id {
        let position = quoted_end(text, spans.locate("/id").position, id);
        result.resource = Some((id.clone(), position));
    }
    let mut structural = schema::check_header(&doc.value, spans);
    if structural.is_empty() {
        structural = context.schema.validate(&doc.value);
    }
    if !structural.is_empty() {
        for p in structural {
            let located = if p.at_key {
                spans.locate_key(&p.pointer)
            } else if p.code == EngineCode::Decl004 && p.pointer.is_empty() {
                // Not a mapping: at the root node; an empty document has none, so 1:1.
                let root = spans.get("").filter(|_| !doc.value.is_null());
                Located {
                    pointer: String::new(),
                    position: root.map_or(Position::START, |n| n.value),
                }
            } else {
                spans.locate(&p.pointer)
            };
            let mut args: BTreeMap<String, String> = p.args.into_iter().collect();
            if p.variant == "kvk_unquoted" {
                // As written (`01234567`), not as YAML read it: the lost zero is the point.
                let start = crate::locate::byte_offset(text, located.position.offset);
                let end = crate::locate::byte_offset(
                    text,
                    located.position.offset + located.position.len,
                );
                // Only plain digits: with an anchor, alias or tag the number YAML read is clearer.
                let written = text
                    .get(start..end)
                    .map(str::trim)
                    .filter(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()));
                if let Some(written) = written {
                    args.insert("value".into(), written.to_string());
                }
            }
            let mut f = context.engine_finding(
                input,
                id.as_deref(),
                p.code,
                located,
                Some(p.variant),
                &args,
            );
            f.value_hash = value_hash(doc.value.pointer(&p.pointer));
            result.findings.push(f);
        }
        return Ok(());
    }

    let normalized = normalize(&doc.value, &context.vocabulary);
    let has_entries = |key: &str| {
        doc.value
            .get(key)
            .and_then(Value::as_array)
            .is_some_and(|a| !a.is_empty())
    };
    result.applies = crate::profile::Applies {
        subprocessors: has_entries("subprocessors"),
        eck_id: normalized.fields.iter().any(|f| f.id == "eck_id"),
        tracking: has_entries("tracking"),
        evaluated_or_exempt: true,
    };
    if context.keep_documents {
        result.document = Some(Declaration {
            file: input.display.clone(),
            value: doc.value.clone(),
            fields: normalized.fields.clone(),
        });
    }
    for field in normalized.fields.iter().filter(|f| f.category.is_none()) {
        let mut args = BTreeMap::from([("field".to_string(), field.name.clone())]);
        let suggestion = crate::suggest::closest(&field.id, context.vocabulary.names());
        if let Some(s) = suggestion {
            args.insert("suggestion".to_string(), s.to_string());
        }
        let mut f = context.engine_finding(
            input,
            id.as_deref(),
            EngineCode::Decl003,
            spans.locate(&field.path),
            suggestion.map(|_| "suggestion"),
            &args,
        );
        f.field = Some(field.id.clone());
        f.value_hash = value_hash(doc.value.pointer(&field.path));
        result.findings.push(f);
    }
    let child = |key: &str, child: &str| doc.value.get(key).and_then(|v| v.get(child));
    if let (Some(supplier), Some(url)) = (
        child("supplier", "name").and_then(Value::as_str),
        child("privacy_leaflet", "url").and_then(Value::as_str),
    ) {
        result.leaflet = Some(LeafletUse {
            key: (normalise_name(supplier), normalise_url(url)),
            supplier: supplier.to_string(),
            url: url.to_string(),
            position: quoted_end(text, spans.locate("/privacy_leaflet/url").position, url),
        });
    }
    if !receives_personal_data(&normalized.fields, &doc.value) {
        return Ok(());
    }
    let raw = match evaluator.evaluate(normalized.input) {
        Ok(raw) => raw,
        Err(crate::policy::EvalError::Malformed(e)) => {
            return Err(Error::PolicyEval(format!("{}: {e}", input.display)));
        }
        Err(crate::policy::EvalError::File(detail)) => {
            // One file that a policy cannot finish (a runaway board policy, a builtin error)
            // is a finding for that file; the rest of the inventory is still checked.
            let args = BTreeMap::from([("detail".to_string(), detail.clone())]);
            let located = Located {
                pointer: String::new(),
                position: spans.first_key(),
            };
            let mut f = context.engine_finding(
                input,
                id.as_deref(),
                EngineCode::Pol001,
                located,
                None,
                &args,
            );
            f.value_hash = value_hash(Some(&Value::String(detail)));
            result.findings.push(f);
            return Ok(());
        }
    };
    let mut raw = raw;
    if raw.len() > MAX_FINDINGS_PER_FILE {
        // A board rule that emits a finding per element of something large would fill the
        // report (and memory): the first ones are kept, and POL-001 says how many were not.
        let dropped = raw.len() - MAX_FINDINGS_PER_FILE;
        raw.truncate(MAX_FINDINGS_PER_FILE);
        let args = BTreeMap::from([
            (
                "count".to_string(),
                (dropped + MAX_FINDINGS_PER_FILE).to_string(),
            ),
            ("max".to_string(), MAX_FINDINGS_PER_FILE.to_string()),
        ]);
        let located = Located {
            pointer: String::new(),
            position: spans.first_key(),
        };
        let mut f = context.engine_finding(
            input,
            id.as_deref(),
            EngineCode::Pol001,
            located,
            Some("too_many_findings"),
            &args,
        );
        f.value_hash = value_hash(Some(&Value::String(format!("too many {dropped}"))));
        result.findings.push(f);
    }
    for r in raw {
        // The value at the path the policy named (not the parent it is reported at), so the
        // hash of a missing key is the absence itself, not the whole parent.
        let hash = value_hash(doc.value.pointer(&r.path));
        // A finding the tool cannot report is a policy error; say on which declaration.
        let mut f = context
            .policy_finding(input, id.as_deref(), spans, r)
            .map_err(|e| match e {
                Error::PolicyEval(m) => Error::PolicyEval(format!("{}: {m}", input.display)),
                other => other,
            })?;
        f.value_hash = hash;
        result.findings.push(f);
    }
    Ok(())
}

/// The position of the string scalar `value`, ending at its closing quote when it is quoted
/// (its node is then longer than the value; see `parse::QuotedEnds`).
/// The id of a `DECL-001` file, where it can be read, still takes part in INV-001 (rules.md):
/// it becomes the finding's resource and the file's. An id holding U+FFFD (a byte that is not
/// UTF-8, in a lossily decoded file) is not read.
fn take_readable_id(text: &str, finding: &mut Finding, result: &mut FileResult<'_>) {
    if let Some((id, position)) =
        parse::readable_id(text).filter(|(id, _)| !id.contains(char::REPLACEMENT_CHARACTER))
    {
        finding.resource = Some(id.clone());
        result.resource = Some((id.clone(), quoted_end(text, position, &id)));
    }
}

fn quoted_end(text: &str, position: Position, value: &str) -> Position {
    if position.len > value.chars().count() {
        parse::QuotedEnds::new(text).fix(position)
    } else {
        position
    }
}

/// The baseline hash of an offending value (or of its absence).
fn value_hash(value: Option<&Value>) -> String {
    let text = value.map_or_else(|| "<absent>".to_string(), Value::to_string);
    format!("{:016x}", crate::hash::fnv1a64(&[&text]))
}

/// "Personal data received" (format.md): a field outside `organisation` (an unknown field
/// counts), or images processed or published.
fn receives_personal_data(fields: &[crate::normalize::Field], doc: &Value) -> bool {
    fields
        .iter()
        .any(|f| f.category.as_deref() != Some("organisation"))
        || doc.pointer("/images/processed") == Some(&Value::Bool(true))
        || doc.pointer("/images/published") == Some(&Value::Bool(true))
}

impl Context<'_> {
    fn rule(&self, code: &str) -> Result<&Rule, Error> {
        self.catalogue.get(code).ok_or_else(|| {
            Error::PolicyEval(format!(
                "a policy emitted `{code}`, which is not in the rule catalogue"
            ))
        })
    }

    /// `DECL-001` for a file of `size` bytes over `max_file_kib`: the exact size, and the limit
    /// in KiB (as configured) and bytes.
    fn too_large(&self, input: &Input, size: u64) -> Finding {
        let args = [
            ("size", size.to_string()),
            ("max_kib", (self.max_file_bytes / 1024).to_string()),
            ("max_bytes", self.max_file_bytes.to_string()),
        ];
        self.decl001(input, Position::START, "too_large", &args)
    }

    fn decl001(
        &self,
        input: &Input,
        position: Position,
        variant: &str,
        args: &[(&str, String)],
    ) -> Finding {
        let args: BTreeMap<String, String> = args
            .iter()
            .map(|(k, v)| ((*k).to_string(), v.clone()))
            .collect();
        let located = Located {
            pointer: String::new(),
            position,
        };
        let mut f = self.engine_finding(
            input,
            None,
            EngineCode::Decl001,
            located,
            Some(variant),
            &args,
        );
        f.value_hash = value_hash(Some(&Value::String(format!("{variant} {args:?}"))));
        f
    }

    /// A finding of a code the engine emits itself, from its catalogue rule.
    fn engine_finding(
        &self,
        input: &Input,
        resource: Option<&str>,
        code: EngineCode,
        located: Located,
        variant: Option<&str>,
        args: &BTreeMap<String, String>,
    ) -> Finding {
        self.engine.get(code).finding(
            self.lang,
            variant,
            args,
            Place {
                file: &input.display,
                resource,
                path: located.pointer,
                position: located.position,
            },
        )
    }

    fn policy_finding(
        &self,
        input: &Input,
        resource: Option<&str>,
        spans: &SpanMap,
        raw: RawFinding,
    ) -> Result<Finding, Error> {
        let severity = match raw.severity.as_deref() {
            None => None,
            Some(s) => Some(Severity::parse(s).ok_or_else(|| {
                Error::PolicyEval(format!(
                    "{} emitted severity `{s}` (error, warning or info)",
                    raw.code
                ))
            })?),
        };
        if !raw.path.is_empty() && !raw.path.starts_with('/') {
            return Err(Error::PolicyEval(format!(
                "{} emitted path `{}`, which is not a JSON Pointer",
                raw.code, raw.path
            )));
        }
        let args: BTreeMap<String, String> = raw
            .args
            .iter()
            .map(|(k, v)| (k.clone(), plain(v)))
            .collect();
        if let Some(problem) = self
            .rule(&raw.code)?
            .unrenderable(raw.variant.as_deref(), &args)
        {
            return Err(Error::PolicyEval(format!("{} emitted {problem}", raw.code)));
        }
        let located = spans.locate(&raw.path);
        let mut f = self.rule(&raw.code)?.finding(
            self.lang,
            raw.variant.as_deref(),
            &args,
            Place {
                file: &input.display,
                resource,
                path: located.pointer,
                position: located.position,
            },
        );
        f.field = raw.field;
        if let Some(severity) = severity {
            f.severity = severity;
        }
        Ok(f)
    }
}

/// A policy argument as text, in full (messages must name the whole value).
fn plain(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// INV-001 and INV-002 over all files, in sorted path order.
///
/// With `changed` (`--changed-since`), the unchanged declarations count as coming first, so a
/// changed one that repeats an existing id or leaflet gets the finding, whatever its name.
fn inventory(
    context: &Context<'_>,
    results: &[FileResult<'_>],
    changed: Option<&std::collections::HashSet<String>>,
    out: &mut Vec<Finding>,
) {
    let mut order: Vec<&FileResult<'_>> = results.iter().collect();
    if let Some(changed) = changed {
        order.sort_by_key(|r| changed.contains(&r.input.display));
    }
    // One pass on the main thread after the parallel checks: sized up front and hashed with
    // foldhash (the keys are ids and URLs from the inventory itself), as SipHash and rehashing
    // made this pass 10 ms on 10,000 files.
    let hasher = foldhash::fast::RandomState::default;
    let mut first_by_id: HashMap<&str, &FileResult<'_>, _> =
        HashMap::with_capacity_and_hasher(results.len(), hasher());
    // Per (supplier, leaflet URL): the first declaration with it, and the first one after it
    // with another id; (result, id) each. That is all "the first one with another id than
    // this one" needs, without a list per URL.
    type Seen<'r> = (&'r FileResult<'r>, &'r str);
    let mut by_leaflet: HashMap<&(String, String), (Seen<'_>, Option<Seen<'_>>), _> =
        HashMap::with_capacity_and_hasher(results.len(), hasher());
    for r in order {
        let Some((id, id_pos)) = &r.resource else {
            continue;
        };
        match first_by_id.get(id.as_str()) {
            None => {
                first_by_id.insert(id, r);
            }
            Some(first) => {
                let first_pos = first.resource.as_ref().map_or(Position::START, |(_, p)| *p);
                let args = BTreeMap::from([
                    ("id".to_string(), id.clone()),
                    ("first".to_string(), first.input.display.clone()),
                ]);
                let located = Located {
                    pointer: "/id".into(),
                    position: *id_pos,
                };
                let mut f = context.engine_finding(
                    r.input,
                    Some(id),
                    EngineCode::Inv001,
                    located,
                    None,
                    &args,
                );
                f.related.push(Related {
                    file: first.input.display.clone(),
                    position: first_pos,
                    label: match context.lang {
                        Lang::En => format!("`{id}` first declared here"),
                        Lang::Nl => format!("`{id}` staat hier voor het eerst"),
                    },
                });
                f.value_hash = value_hash(Some(&Value::String(id.clone())));
                out.push(f);
            }
        }
        // INV-002 only for schema-valid documents (`leaflet` is set only for those).
        let Some(LeafletUse {
            supplier,
            url,
            position: url_pos,
            key,
        }) = &r.leaflet
        else {
            continue;
        };
        if url.trim().is_empty() {
            continue;
        }
        let earlier = match by_leaflet.entry(key) {
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(((r, id.as_str()), None));
                None
            }
            std::collections::hash_map::Entry::Occupied(mut slot) => {
                let (first, other) = slot.get_mut();
                let earlier = if first.1 != id.as_str() {
                    Some(*first)
                } else {
                    *other
                };
                if other.is_none() && first.1 != id.as_str() {
                    *other = Some((r, id.as_str()));
                }
                earlier
            }
        };
        if let Some((first, first_id)) = earlier {
            let args = BTreeMap::from([
                ("url".to_string(), url.clone()),
                ("supplier".to_string(), supplier.clone()),
                ("first".to_string(), (*first_id).to_string()),
            ]);
            let located = Located {
                pointer: "/privacy_leaflet/url".into(),
                position: *url_pos,
            };
            let mut f =
                context.engine_finding(r.input, Some(id), EngineCode::Inv002, located, None, &args);
            f.value_hash = value_hash(Some(&Value::String(url.clone())));
            if let Some(first_use) = &first.leaflet {
                f.related.push(Related {
                    file: first.input.display.clone(),
                    position: first_use.position,
                    label: match context.lang {
                        Lang::En => format!("also the leaflet of `{first_id}`"),
                        Lang::Nl => format!("ook de bijsluiter van `{first_id}`"),
                    },
                });
            }
            out.push(f);
        }
    }
}

/// Supplier names compare without case and with runs of white space as one space.
fn normalise_name(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Leaflet URLs compare with scheme and host in lower case and without a trailing `/`.
fn normalise_url(url: &str) -> String {
    let url = url.trim();
    let (head, tail) = match url.find("://") {
        Some(i) => {
            let after = url.get(i + 3..).unwrap_or("");
            let host_end = after.find('/').map_or(url.len(), |j| i + 3 + j);
            (
                url.get(..host_end).unwrap_or(url),
                url.get(host_end..).unwrap_or(""),
            )
        }
        None => (url, ""),
    };
    let mut out = head.to_lowercase();
    out.push_str(tail.trim_end_matches('/'));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worker_threads_are_capped_by_files_and_cores() {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        if std::env::var_os("RAYON_NUM_THREADS").is_none() {
            assert_eq!(worker_threads(None, 1_000_000), cores);
        }
        assert_eq!(worker_threads(Some(1), 1_000_000), 1);
        assert_eq!(
            worker_threads(Some(10_000), 3),
            3.min(cores * MAX_JOBS_PER_CORE)
        );
        assert_eq!(
            worker_threads(Some(usize::MAX), 1_000_000),
            cores * MAX_JOBS_PER_CORE
        );
        assert_eq!(worker_threads(None, 0), 1);
    }

    #[test]
    fn leaflet_urls_compare_loosely() {
        assert_eq!(
            normalise_url("HTTPS://Example.NL/Bijsluiter/"),
            normalise_url("https://example.nl/Bijsluiter")
        );
        assert_ne!(
            normalise_url("https://example.nl/a"),
            normalise_url("https://example.nl/b")
        );
        assert_eq!(
            normalise_name("  Voorbeeld   Uitgevers b.v."),
            "voorbeeld uitgevers b.v."
        );
    }
}
