//! Where `check` writes while it runs: every `--format` at once, each through its sink to
//! standard output or to its `--output` file (a temporary file renamed into place once the run
//! has ended well, removed otherwise), plus what `--write-baseline` records. The report is
//! never held whole: each file's part goes to every output as it is told.

use std::io::Write;
use std::path::PathBuf;

use crate::board::baseline::Entry;
use crate::check::Consumer;
use crate::error::Error;
use crate::output::Atomic;
use crate::render::{self, Format, HumanOptions, Sink};
use crate::report::{Head, OwnedPart, Tally};

/// Standard output for a report: a closed pipe (`| head`) ends the writing quietly, any other
/// error (a full disk behind `> report.json`) is one.
struct Stdout {
    out: std::io::BufWriter<std::io::StdoutLock<'static>>,
    closed: bool,
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        match self.out.write(buf) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(buf.len())
            }
            other => other,
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.closed {
            return Ok(());
        }
        match self.out.flush() {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            other => other,
        }
    }
}

enum Target {
    Stdout(Stdout),
    File(Atomic),
}

impl Target {
    fn writer(&mut self) -> &mut dyn Write {
        match self {
            Target::Stdout(s) => s,
            Target::File(f) => f,
        }
    }

    fn fail(&self, e: std::io::Error) -> Error {
        let path = match self {
            Target::Stdout(_) => std::path::Path::new("standard output"),
            Target::File(f) => f.path(),
        };
        Error::Write {
            path: path.to_path_buf(),
            source: e,
        }
    }
}

/// The outputs of one `check` run.
pub(super) struct Outputs {
    targets: Vec<(Format, Option<PathBuf>, HumanOptions)>,
    open: Vec<(Box<dyn Sink>, Target)>,
    /// With `--write-baseline`: the keys of every counted finding.
    pub(super) baseline: Option<Vec<Entry>>,
    /// The run's head and tally, once it has ended (for what `check` does after).
    pub(super) done: Option<(Head, Tally)>,
}

impl Outputs {
    pub(super) fn new(
        targets: Vec<(Format, Option<PathBuf>, HumanOptions)>,
        write_baseline: bool,
    ) -> Self {
        Self {
            targets,
            open: Vec::new(),
            baseline: write_baseline.then(Vec::new),
            done: None,
        }
    }

    /// Each open output in turn; the first write error ends the run.
    fn each(
        &mut self,
        mut write: impl FnMut(&mut dyn Sink, &mut dyn Write) -> std::io::Result<()>,
    ) -> Result<(), Error> {
        for (sink, target) in &mut self.open {
            if let Err(e) = write(sink.as_mut(), target.writer()) {
                return Err(target.fail(e));
            }
        }
        Ok(())
    }
}

impl Consumer for Outputs {
    fn head(&mut self, head: &Head) -> Result<(), Error> {
        if !head.unchecked.is_empty() {
            let _ = write!(
                std::io::stderr(),
                "{}",
                super::neutralised(&format!(
                    "note: not checked: {} YAML file(s) in the board's policy folders (policies_may_hold_yaml): {}\n",
                    head.unchecked.len(),
                    head.unchecked.join(", ")
                ))
            );
        }
        let protected = head.protected();
        for (format, output, options) in &self.targets {
            let target = match output {
                Some(path) => Target::File(Atomic::create(path, &protected)?),
                None => Target::Stdout(Stdout {
                    out: std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock()),
                    closed: false,
                }),
            };
            self.open.push((render::sink(*format, *options), target));
        }
        self.each(|sink, out| sink.begin(head, out))
    }

    fn part(&mut self, head: &Head, part: OwnedPart) -> Result<(), Error> {
        if let Some(entries) = &mut self.baseline {
            entries.extend(
                part.findings
                    .iter()
                    .filter(|f| f.counted())
                    .map(crate::board::baseline::entry),
            );
        }
        let part = part.as_part();
        self.each(|sink, out| sink.part(head, &part, out))
    }

    fn end(&mut self, head: &Head, tally: Tally) -> Result<(), Error> {
        self.each(|sink, out| sink.end(head, &tally, out).and_then(|()| out.flush()))?;
        for (_, target) in std::mem::take(&mut self.open) {
            if let Target::File(file) = target {
                file.commit()?;
            }
        }
        self.done = Some((head.clone(), tally));
        Ok(())
    }
}
