//! The command line: the mapping from a parsed command (its definitions are in `args`) to
//! library calls and an exit code. `main.rs` only calls [`run`].

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use crate::check::{self, Options};
use crate::dates::parse_date;
use crate::error::Error;
use crate::finding::Severity;
use crate::lang::Lang;
use crate::render::{self, Format, HumanOptions};

mod args;
mod outputs;

pub use args::*;

/// Parses the process arguments, runs the command, prints, and returns the exit code.
pub fn run() -> ExitCode {
    use clap::{CommandFactory, FromArgMatches};
    let parsed = Cli::command()
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m).map(|cli| (cli, m)));
    let (cli, matches) = match parsed {
        Ok(parsed) => parsed,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    // Where each --format and --output stood on the command line, to pair them.
    let positions = matches.subcommand_matches("check").map(|m| {
        let at = |id: &str| {
            m.indices_of(id)
                .map(Iterator::collect::<Vec<_>>)
                .unwrap_or_default()
        };
        (at("format"), at("output"))
    });
    match execute(cli, positions) {
        Ok(code) => code,
        Err(error) => {
            eprint!("{}", describe(&error));
            ExitCode::from(2)
        }
    }
}

/// A tool failure as printed on standard error: one unwrapped line (so paths and positions stay
/// greppable), then its help.
pub(crate) fn describe(error: &Error) -> String {
    use miette::Diagnostic;
    let mut text = format!("error: {error}\n");
    if let Some(help) = error.help() {
        text.push_str(&format!("  help: {help}\n"));
    }
    neutralised(&text)
}

/// Text for standard error, which CI keeps in its log: every line with its control characters
/// made visible, and a line that would start with `::` or `##[` (a GitHub workflow command,
/// such as `::add-mask::`, from a key or path of the pull request's) indented behind `| `.
pub(crate) fn neutralised(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        let body = crate::text::printable(body);
        let start = body.trim_start();
        if start.starts_with("::") || start.starts_with("##[") {
            out.push_str("| ");
        }
        out.push_str(&body);
        out.push_str(end);
    }
    out
}

fn execute(cli: Cli, positions: Option<(Vec<usize>, Vec<usize>)>) -> Result<ExitCode, Error> {
    match cli.command {
        Command::Check(args) => {
            let args = *args;
            let (f, o) = positions.unwrap_or_default();
            let formats: Vec<(usize, Format)> =
                f.into_iter().zip(args.format.iter().copied()).collect();
            let outputs: Vec<(usize, PathBuf)> =
                o.into_iter().zip(args.output.iter().cloned()).collect();
            let targets = pair_outputs(&formats, &outputs)?;
            check(args, targets)
        }
        Command::Rules(args) => rules(&args),
        Command::Explain(args) => explain(&args),
        Command::Report(args) => report(&args),
        Command::Verify(args) => {
            let report = crate::verify::run(&args.dirs, args.coverage)?;
            print(&report.render())?;
            Ok(if report.failed() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Init(args) => {
            if !crate::template::valid_id(&args.id) {
                return Err(Error::BadFlag {
                    flag: "--id".into(),
                    message: format!("`{}` is not a valid id ([a-z0-9][a-z0-9-]*)", args.id),
                });
            }
            let text = crate::template::render(&args.id);
            match &args.output {
                Some(path) => crate::output::write_new(path, &text).map(|()| ExitCode::SUCCESS),
                None => {
                    print(&text)?;
                    Ok(ExitCode::SUCCESS)
                }
            }
        }
        Command::Import(args) => import(&args),
        Command::Schema(args) => {
            let text = match args.kind {
                SchemaKind::Resource => crate::schema::RESOURCE_SCHEMA,
                SchemaKind::Config => crate::schema::CONFIG_SCHEMA,
            };
            print(text)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn language(arg: Option<LangArg>) -> Lang {
    match arg {
        Some(LangArg::En) => Lang::En,
        Some(LangArg::Nl) => Lang::Nl,
        None => Lang::from_env(),
    }
}

fn print(text: &str) -> Result<(), Error> {
    to_stdout(|out| out.write_all(text.as_bytes()))
}

/// Writes to standard output. A closed pipe (`| head`) is not a failure; any other error (a
/// full disk behind `> report.json`) is: the report did not reach its reader, exit 2.
fn to_stdout(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<(), Error> {
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    match write(&mut stdout).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(write_error(std::path::Path::new("standard output"), e))
        }
        _ => Ok(()),
    }
}

fn explain(args: &ExplainArgs) -> Result<ExitCode, Error> {
    let catalogue = args.board.catalogue()?;
    let code = args.code.trim().to_uppercase();
    let Some(rule) = catalogue.get(&code) else {
        let codes = catalogue.rules().iter().map(|r| r.code.as_str());
        let hint = crate::suggest::closest(&code, codes)
            .map(|c| format!(" (did you mean `{c}`?)"))
            .unwrap_or_default();
        return Err(Error::UnknownRule {
            code: args.code.clone(),
            hint,
        });
    };
    let examples = crate::examples::builtin()?;
    print(&crate::explain::render(
        rule,
        examples.get(&code).or(rule.examples.as_ref()),
        language(args.lang),
    ))?;
    Ok(ExitCode::SUCCESS)
}

fn rules(args: &RulesArgs) -> Result<ExitCode, Error> {
    let catalogue = args.board.catalogue()?;
    let lang = language(args.lang);
    let publisher = args.profile == Some(ProfileArg::Publisher);
    let mark = |code: &str| {
        if publisher && crate::profile::is_readiness(code) {
            crate::words::words(lang).readiness_mark
        } else {
            ""
        }
    };
    let text = match args.format {
        RulesFormat::Markdown if publisher => {
            catalogue.markdown_table_marked(lang, crate::profile::is_readiness)
        }
        RulesFormat::Markdown => catalogue.markdown_table(lang),
        RulesFormat::Json => {
            let rules: Vec<serde_json::Value> = catalogue
                .rules()
                .iter()
                .map(|r| {
                    let mut rule = serde_json::json!({
                        "code": r.code,
                        "name": r.name,
                        "severity": r.severity,
                        "severities": std::iter::once(r.severity).chain(r.lesser_severity).collect::<Vec<_>>(),
                        "area": r.area,
                        "title": r.title.get(lang),
                        "references": r.references,
                    });
                    if let (true, Some(object)) = (publisher, rule.as_object_mut()) {
                        object.insert(
                            "readiness".into(),
                            crate::profile::is_readiness(&r.code).into(),
                        );
                    }
                    rule
                })
                .collect();
            let mut t = serde_json::to_string_pretty(&rules).unwrap_or_default();
            t.push('\n');
            t
        }
        RulesFormat::Human => {
            // Columns as wide as their widest entry (`error / warning`, a long board code).
            let width = |f: &dyn Fn(&crate::catalogue::Rule) -> usize| {
                catalogue.rules().iter().map(f).max().unwrap_or(0)
            };
            let code_width = width(&|r| r.code.len());
            let severity_width = width(&|r| r.severity_label(lang).chars().count());
            catalogue
                .rules()
                .iter()
                .map(|r| {
                    let refs = if r.references.is_empty() {
                        String::new()
                    } else {
                        format!("  ({})", r.references.join("; "))
                    };
                    format!(
                        "{:<code_width$} {:<severity_width$} {}{refs}{}\n",
                        r.code,
                        r.severity_label(lang),
                        r.title.get(lang),
                        mark(&r.code)
                    )
                })
                .collect()
        }
    };
    print(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// `report`: the register, computed by the same run as `check`. Findings do not fail it: exit 0
/// once the register is written, 2 on the tool errors of `check`.
fn report(args: &ReportArgs) -> Result<ExitCode, Error> {
    let today = match &args.today {
        Some(s) => Some(parse_date(s).ok_or_else(|| Error::BadFlag {
            flag: "--today".into(),
            message: format!("`{s}` is not a date (YYYY-MM-DD)"),
        })?),
        None => None,
    };
    let binary = args.format == crate::register::RegisterFormat::Xlsx;
    if binary && args.output.is_none() && std::io::stdout().is_terminal() {
        return Err(Error::BadFlag {
            flag: "--format xlsx".into(),
            message: "a workbook is binary: give --output FILE.xlsx, or redirect standard output to a file".into(),
        });
    }
    let options = Options {
        paths: args.paths.clone(),
        config: args.config.clone(),
        today,
        lang: language(args.lang),
        policies: args.policy.clone(),
        keep_documents: true,
        keep_sources: false,
        ..Options::default()
    };
    let report = check::run(&options)?;
    let bytes =
        crate::register::render(&report, args.format).map_err(|e| Error::Xlsx(e.to_string()))?;
    match &args.output {
        Some(path) => crate::output::write_atomically_with(path, &report.protected(), |out| {
            out.write_all(&bytes)
        })?,
        None => to_stdout(|out| out.write_all(&bytes))?,
    }
    Ok(ExitCode::SUCCESS)
}

/// `import`: messages on standard error, each at its cell; exit 0 when every row was written,
/// 1 when a row failed, 2 when the file cannot be read.
fn import(args: &ImportArgs) -> Result<ExitCode, Error> {
    let options = crate::import::Options {
        input: args.file.clone(),
        sheet: args.sheet.clone(),
        output: args.output.clone(),
        map: args.map.clone(),
        force: args.force,
    };
    let outcome = crate::import::run(&options).map_err(Error::Import)?;
    let mut err = std::io::stderr().lock();
    for m in &outcome.messages {
        let level = match m.level {
            crate::import::Level::Error => "error",
            crate::import::Level::Note => "note",
        };
        let _ = writeln!(err, "{level}: {}: {}", m.place, m.text);
    }
    let _ = writeln!(
        err,
        "imported {} declarations into {}; {} rows failed, {} skipped",
        outcome.written.len(),
        args.output.display(),
        outcome.failed,
        outcome.skipped
    );
    Ok(if outcome.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Pairs each `--output` with the `--format` just before it (or, when that one has its output
/// already or there is none, the first free one after it); formats without an output go to
/// standard output, at most one of them. No `--format` means `human`.
pub(crate) fn pair_outputs(
    formats: &[(usize, Format)],
    outputs: &[(usize, PathBuf)],
) -> Result<Vec<(Format, Option<PathBuf>)>, Error> {
    let implicit = [(0, Format::Human)];
    let formats = if formats.is_empty() {
        &implicit[..]
    } else {
        formats
    };
    let mut targets: Vec<(Format, Option<PathBuf>)> =
        formats.iter().map(|(_, f)| (*f, None)).collect();
    let bad = |message: String| Error::BadFlag {
        flag: "--output".into(),
        message,
    };
    for (at, path) in outputs {
        // The format given just before this output, if it has no output yet ...
        let before = formats
            .iter()
            .enumerate()
            .rev()
            .find(|(_, (fi, _))| fi < at)
            .filter(|(i, _)| targets.get(*i).is_some_and(|t| t.1.is_none()));
        // ... else the first free one after it.
        let after = formats
            .iter()
            .enumerate()
            .find(|(i, (fi, _))| fi > at && targets.get(*i).is_some_and(|t| t.1.is_none()));
        let slot = before
            .or(after)
            .and_then(|(i, _)| targets.get_mut(i))
            .ok_or_else(|| bad(format!("no --format left for --output {}", path.display())))?;
        slot.1 = Some(path.clone());
    }
    if targets.iter().filter(|t| t.1.is_none()).count() > 1 {
        return Err(bad(
            "only one format can go to standard output; give an --output FILE for the others"
                .into(),
        ));
    }
    Ok(targets)
}

fn check(args: CheckArgs, targets: Vec<(Format, Option<PathBuf>)>) -> Result<ExitCode, Error> {
    let today = match &args.today {
        Some(s) => Some(parse_date(s).ok_or_else(|| Error::BadFlag {
            flag: "--today".into(),
            message: format!("`{s}` is not a date (YYYY-MM-DD)"),
        })?),
        None => None,
    };
    if args.jobs == Some(0) {
        return Err(Error::BadFlag {
            flag: "--jobs".into(),
            message: "must be at least 1".into(),
        });
    }
    let lang = language(args.lang);
    let options = Options {
        paths: args.paths.clone(),
        config: args.config.clone(),
        today,
        lang,
        select: args
            .select
            .iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        ignore: args
            .ignore
            .iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        policies: args.policy.clone(),
        severity: args
            .severity
            .iter()
            .map(|s| parse_severity(s))
            .collect::<Result<_, _>>()?,
        jobs: args.jobs,
        keep_sources: targets.iter().any(|(f, _)| *f == Format::Human) && !args.quiet,
        progress: progress_line(&targets),
        engine: crate::policy::EngineKind::default(),
        keep_documents: false,
        baseline: args.baseline.clone(),
        changed_since: args.changed_since.clone(),
        profile: args.profile.map(Into::into),
        max_run: Some(std::time::Duration::from_secs(args.max_run_seconds)),
    };
    watchdog(args.max_run_seconds);
    let to = targets
        .iter()
        .map(|(format, output)| {
            let to_terminal = output.is_none() && std::io::stdout().is_terminal();
            let human = HumanOptions {
                color: to_terminal && std::env::var_os("NO_COLOR").is_none(),
                quiet: args.quiet,
                show_waived: args.show_waived,
                show_baselined: args.show_baselined,
                width: terminal_width(),
                sarif_suppressed: args.sarif_suppressed,
            };
            (*format, output.clone(), human)
        })
        .collect();
    let mut outputs = outputs::Outputs::new(to, args.write_baseline.is_some());
    check::stream(&options, &mut outputs)?;
    let Some((head, tally)) = outputs.done.take() else {
        return Err(Error::PolicyEval(
            "the run ended without a report (no file was reported)".into(),
        ));
    };
    let protected = head.protected();
    if targets.iter().any(|(f, _)| *f == Format::Sarif) {
        let dropped = render::sarif::left_out(&tally, args.sarif_suppressed);
        if dropped > 0 {
            let _ = writeln!(
                std::io::stderr(),
                "note: the SARIF report leaves out {dropped} findings: a run holds at most {} results (GitHub code scanning rejects more); the most severe were kept",
                render::sarif::MAX_RESULTS
            );
        }
    }
    // On GitHub Actions, the `github` format also leaves a job summary (the runner names the
    // file; nothing from the pull request can).
    if targets.iter().any(|(f, _)| *f == Format::Github) {
        if let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) {
            crate::output::append_to(
                std::path::Path::new(&path),
                &protected,
                &render::github::step_summary(&head, &tally),
            )?;
        }
    }
    // `concise` holds findings only (cli.md); its reader still gets the counts, on stderr.
    if targets.iter().any(|(f, _)| *f == Format::Concise) {
        let _ = write!(
            std::io::stderr(),
            "{}",
            render::closing_lines(&head, &tally)
        );
    }
    if let (Some(path), Some(entries)) = (&args.write_baseline, outputs.baseline.take()) {
        crate::output::write_atomically(
            path,
            &protected,
            &crate::board::baseline::write_entries(entries),
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let level = match args.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    Ok(if tally.fails(level) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The last resort behind `--max-run-seconds`: the run checks its deadline before each file,
/// but a single evaluation stuck inside one builtin call cannot be interrupted; a minute after
/// the deadline this thread ends the process with exit code 2.
fn watchdog(seconds: u64) {
    let limit = std::time::Duration::from_secs(seconds.saturating_add(60));
    let _ = std::thread::Builder::new()
        .name("ibp-lint-watchdog".into())
        .spawn(move || {
            std::thread::sleep(limit);
            let _ = writeln!(
                std::io::stderr(),
                "error: the run took longer than --max-run-seconds {seconds} (and a minute of grace): stopped"
            );
            // No output is left half-written: exiting runs no destructor.
            crate::output::remove_pending();
            std::process::exit(2);
        });
}

/// A progress line on standard error while checking more than a few hundred files, only for
/// human output and only when standard error is a terminal (never in machine formats, logs or
/// pipes).
fn progress_line(targets: &[(Format, Option<PathBuf>)]) -> Option<check::Progress> {
    let human_only = targets.iter().all(|(f, _)| matches!(f, Format::Human));
    if !human_only || !std::io::stderr().is_terminal() {
        return None;
    }
    Some(check::Progress(std::sync::Arc::new(|done, total| {
        if total < 300 {
            return;
        }
        let mut err = std::io::stderr().lock();
        if done == total {
            let _ = write!(err, "\r\x1b[2K");
        } else {
            let _ = write!(err, "\rchecking {done}/{total} files");
        }
        let _ = err.flush();
    })))
}

/// `CODE=LEVEL` of `--severity`.
fn parse_severity(text: &str) -> Result<(String, crate::board::config::Level), Error> {
    let bad = |message: String| Error::BadFlag {
        flag: "--severity".into(),
        message,
    };
    let (code, level) = text
        .split_once('=')
        .ok_or_else(|| bad(format!("`{text}` is not CODE=LEVEL")))?;
    let level = match level.trim() {
        "error" => crate::board::config::Level::Error,
        "warning" => crate::board::config::Level::Warning,
        "info" => crate::board::config::Level::Info,
        "off" => crate::board::config::Level::Off,
        other => return Err(bad(format!("`{other}` is not error, warning, info or off"))),
    };
    Ok((code.trim().to_string(), level))
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|w| *w >= 40)
        .unwrap_or(100)
}

fn write_error(path: &std::path::Path, source: std::io::Error) -> Error {
    Error::Write {
        path: path.to_path_buf(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(
        formats: &[(usize, Format)],
        outputs: &[(usize, &str)],
    ) -> Vec<(Format, Option<String>)> {
        let outputs: Vec<(usize, PathBuf)> = outputs
            .iter()
            .map(|(i, p)| (*i, PathBuf::from(p)))
            .collect();
        pair_outputs(formats, &outputs)
            .unwrap()
            .into_iter()
            .map(|(f, o)| (f, o.map(|p| p.display().to_string())))
            .collect()
    }

    #[test]
    fn outputs_pair_with_the_format_before_or_after_them() {
        use Format::{Human, Json};
        assert_eq!(pairs(&[], &[]), vec![(Human, None)]);
        assert_eq!(pairs(&[], &[(2, "a")]), vec![(Human, Some("a".into()))]);
        // --output a --format json
        assert_eq!(
            pairs(&[(4, Json)], &[(2, "a")]),
            vec![(Json, Some("a".into()))]
        );
        // --format human --format sarif --output s --output j --format json
        let got = pairs(
            &[(1, Human), (3, Format::Sarif), (9, Json)],
            &[(5, "s"), (7, "j")],
        );
        assert_eq!(
            got,
            vec![
                (Human, None),
                (Format::Sarif, Some("s".into())),
                (Json, Some("j".into()))
            ]
        );
        assert!(
            pair_outputs(&[(1, Human), (3, Json)], &[]).is_err(),
            "two formats on stdout"
        );
        assert!(
            pair_outputs(
                &[(1, Json)],
                &[(2, PathBuf::from("a")), (3, PathBuf::from("b"))]
            )
            .is_err()
        );
    }
}
