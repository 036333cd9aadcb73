//! Turning the checked files, handed over in report order, into the report's parts: the
//! inventory rules, settling (waivers, levels, selection, baseline), the source texts the
//! snippets need; and telling each part on as soon as it is final. What is known only at the
//! end (unused waivers, stale baseline entries, and under `--changed-since` the changed
//! declarations' inventory findings) waits in [`Teller::finish`], with the parts that sort
//! after it.

use std::collections::HashMap;

use super::file::{Context, FileResult};
use super::inventory::Inventory;
use super::{Consumer, settle};
use crate::board::config::Config;
use crate::discover::Input;
use crate::error::Error;
use crate::finding::Finding;
use crate::parse;
use crate::report::{Head, OwnedPart, Tally};

/// Turns each checked file into its part of the report, in report order: the inventory
/// rules, settling, the texts the snippets need; and tells them on.
pub(super) struct Teller<'r, 'c> {
    context: &'r Context<'r>,
    inputs: &'r [Input],
    settler: settle::Settler<'r>,
    inventory: Inventory<'r>,
    /// The place in the run's file list of the next file handed over.
    next: usize,
    changed: Option<&'r std::collections::HashSet<String>>,
    /// Files from this one on wait for the end ([`late_files`]).
    late_from: Option<String>,
    config: &'r Config,
    out: Out<'r, 'c>,
    /// What waits for the end, in report order.
    held: Vec<Held<'r>>,
}

/// A file waiting for the end of the run.
enum Held<'r> {
    /// A finished part (it sorts after a file whose findings come only at the end).
    Part(Box<OwnedPart>),
    /// A changed declaration under `--changed-since`: its inventory findings need every
    /// unchanged declaration first.
    Changed(usize, Box<FileResult<'r>>),
}

/// The consumer, told the head before the first part, and the tally as it goes.
pub(super) struct Out<'r, 'c> {
    consumer: &'c mut dyn Consumer,
    head: &'r Head,
    started: bool,
    tally: Tally,
}

impl<'r, 'c> Out<'r, 'c> {
    pub(super) fn new(consumer: &'c mut dyn Consumer, head: &'r Head) -> Self {
        Self {
            consumer,
            head,
            started: false,
            tally: Tally::default(),
        }
    }

    fn part(&mut self, part: OwnedPart) -> Result<(), Error> {
        if !self.started {
            self.started = true;
            self.consumer.head(self.head)?;
        }
        self.tally.add(&part.as_part());
        self.consumer.part(self.head, part)
    }
}

impl<'r, 'c> Teller<'r, 'c> {
    pub(super) fn new(
        context: &'r Context<'r>,
        inputs: &'r [Input],
        settler: settle::Settler<'r>,
        changed: Option<&'r std::collections::HashSet<String>>,
        late_from: Option<String>,
        config: &'r Config,
        out: Out<'r, 'c>,
    ) -> Self {
        Self {
            context,
            inputs,
            settler,
            inventory: Inventory::new(inputs),
            next: 0,
            changed,
            late_from,
            config,
            out,
            held: Vec::new(),
        }
    }

    pub(super) fn file(&mut self, result: FileResult<'r>) -> Result<(), Error> {
        let index = self.next;
        self.next += 1;
        if let Some(changed) = self.changed {
            if changed.contains(&*result.input.display) {
                self.held.push(Held::Changed(index, Box::new(result)));
            } else {
                // Unchanged: it counts for the inventory rules, and reports nothing.
                let _ = self.inventory.step(self.context, index, &result);
                let part = self.settled(result, Vec::new());
                self.held.push(Held::Part(Box::new(part)));
            }
            return Ok(());
        }
        let found = self.inventory.step(self.context, index, &result);
        let part = self.settled(result, found);
        let late = self
            .late_from
            .as_deref()
            .is_some_and(|from| part.file.as_str() >= from);
        if late {
            self.held.push(Held::Part(Box::new(part)));
            Ok(())
        } else {
            self.out.part(part)
        }
    }

    /// The file's part: its findings with the inventory's, settled; the texts its snippets
    /// show; its readiness counted.
    fn settled(&mut self, result: FileResult<'r>, inventory: Vec<Finding>) -> OwnedPart {
        let FileResult {
            input,
            document,
            mut findings,
            resource,
            source,
            readiness,
            ..
        } = result;
        findings.extend(inventory);
        self.settler.file(&mut findings);
        if resource.is_some() {
            self.out.tally.resources += 1;
        }
        let reported = self.changed.is_none_or(|c| c.contains(&*input.display));
        if let (Some(r), true) = (readiness, reported) {
            self.out.tally.readiness.push(r);
        }
        let sources = if self.context.keep_sources && !findings.is_empty() {
            self.sources_for(&input.display, &findings, source)
        } else {
            HashMap::new()
        };
        OwnedPart {
            file: input.display.to_string(),
            checked: true,
            findings,
            sources,
            declaration: document,
        }
    }

    /// The texts of the files `findings` show: their own file (the text it was checked from,
    /// when kept) and the files of their related places, read again.
    fn sources_for(
        &self,
        file: &str,
        findings: &[Finding],
        own: Option<String>,
    ) -> HashMap<String, String> {
        let mut sources = HashMap::new();
        if let Some(text) = own.or_else(|| self.read_again(file)) {
            sources.insert(file.to_string(), text);
        }
        for related in findings.iter().flat_map(|f| &f.related) {
            if !sources.contains_key(&related.file) {
                if let Some(text) = self.read_again(&related.file) {
                    sources.insert(related.file.clone(), text);
                }
            }
        }
        sources
    }

    /// The text of a checked file read again for a snippet (a file whose only findings came
    /// from the inventory rules, or the first declaration a finding refers to). A link named
    /// on the command line is not read again (one out of the repository was refused while
    /// checking, and a snippet must not show it); the configuration's text is the one read.
    fn read_again(&self, file: &str) -> Option<String> {
        if let (Some(config), Some(text)) = (&self.config.file, &self.config.source) {
            if crate::discover::display(config) == file {
                return Some(text.clone());
            }
        }
        let at = self
            .inputs
            .binary_search_by(|i| (*i.display).cmp(file))
            .ok()?;
        let input = self.inputs.get(at)?;
        if input.named && crate::trust::is_link(input.path()) {
            return None;
        }
        let bytes = std::fs::read(input.path()).ok()?;
        Some(match parse::decode(&bytes) {
            Ok(t) => t.to_string(),
            Err(_) => parse::lossy(&bytes).into_owned(),
        })
    }

    /// The end of the run: the files that waited, the findings known only now (waivers,
    /// baseline) in their places, and the tally.
    pub(super) fn finish(mut self) -> Result<(), Error> {
        let held = std::mem::take(&mut self.held);
        // Under `--changed-since`, the changed declarations' inventory findings, now that every
        // unchanged one has been stepped.
        let mut parts = Vec::with_capacity(held.len());
        for h in held {
            parts.push(match h {
                Held::Part(part) => *part,
                Held::Changed(index, result) => {
                    let found = self.inventory.step(self.context, index, &result);
                    self.settled(*result, found)
                }
            });
        }
        let Teller {
            settler,
            mut out,
            config,
            context,
            ..
        } = self;
        // The findings about the configuration and the baseline, each file's in a part of its
        // own (or in the part of a declaration of that name), merged in report order.
        let mut late: Vec<OwnedPart> = Vec::new();
        for f in settler.finish() {
            match late.last_mut() {
                Some(part) if part.file == f.file => part.findings.push(f),
                _ => late.push(OwnedPart {
                    file: f.file.clone(),
                    checked: false,
                    findings: vec![f],
                    sources: HashMap::new(),
                    declaration: None,
                }),
            }
        }
        for part in &mut late {
            if let (true, Some(file), Some(text)) =
                (context.keep_sources, &config.file, &config.source)
            {
                if crate::discover::display(file) == part.file {
                    part.sources.insert(part.file.clone(), text.clone());
                }
            }
        }
        let mut late = late.into_iter().peekable();
        for mut part in parts {
            while let Some(l) = late.next_if(|l| l.file < part.file) {
                out.part(l)?;
            }
            if let Some(l) = late.next_if(|l| l.file == part.file) {
                part.findings.extend(l.findings);
                part.findings
                    .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
                part.sources.extend(l.sources);
            }
            out.part(part)?;
        }
        for l in late {
            out.part(l)?;
        }
        if !out.started {
            out.started = true;
            out.consumer.head(out.head)?;
        }
        let tally = std::mem::take(&mut out.tally);
        out.consumer.end(out.head, tally)
    }
}
