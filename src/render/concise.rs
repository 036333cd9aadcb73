//! `concise`: one line per finding, `path:line:col: severity[CODE] message`, and nothing else
//! (cli.md), so that every line of the report is a finding a script can split. Waived and
//! baselined findings are left out unless `--show-waived` / `--show-baselined` ask for them,
//! as in the human format; such a line then ends in `(waived: reason)` or `(baselined)`. The
//! summary line is the CLI's business: it writes it to standard error. Control characters (in a
//! file name, a waiver's reason) are shown as visible symbols, so a line stays one line.

use std::io::Write;

use crate::report::{Head, Part, Tally};
use crate::text::printable;

use super::HumanOptions;

/// The concise sink: a line per shown finding, nothing before or after.
pub struct Concise {
    pub options: HumanOptions,
}

impl super::Sink for Concise {
    fn part(&mut self, _: &Head, part: &Part<'_>, out: &mut dyn Write) -> std::io::Result<()> {
        for f in part.findings {
            let note = match (&f.waived, f.baselined) {
                (Some(_), _) if !self.options.show_waived => continue,
                (Some(reason), _) => format!(" (waived: {})", printable(reason)),
                (None, true) if !self.options.show_baselined => continue,
                (None, true) => " (baselined)".to_string(),
                (None, false) => String::new(),
            };
            writeln!(
                out,
                "{}:{}:{}: {}[{}] {}{note}",
                super::line_safe_path(&f.file),
                f.position.line,
                f.position.column,
                f.severity,
                f.code,
                printable(&f.message)
            )?;
        }
        Ok(())
    }

    fn end(&mut self, _: &Head, _: &Tally, _: &mut dyn Write) -> std::io::Result<()> {
        Ok(())
    }
}
