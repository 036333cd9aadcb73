//! The inventory rules, over what every file left behind: INV-001 (an id declared twice) and
//! INV-002 (one leaflet for two products of one supplier), in walk order.

use std::collections::{BTreeMap, HashMap};

use serde_json::Value;

use super::file::{Context, FileResult, LeafletUse, value_hash};
use crate::codes::EngineCode;
use crate::finding::{Finding, Related};
use crate::locate::{Located, Position};
use crate::words::{fill, words};

/// The first declaration with an id, or with a leaflet: its place in the run's file list, its
/// id (shared by both maps) and the position the related label points at.
#[derive(Clone)]
struct Seen {
    file: u32,
    id: std::sync::Arc<str>,
    position: Place,
}

/// A [`Position`] in half the bytes (a declaration is at most `settings.max_file_kib`, far
/// below 4 GiB): kept per declaration for the whole run.
#[derive(Clone, Copy)]
struct Place([u32; 6]);

impl Place {
    fn of(p: &Position) -> Place {
        let small = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Place([
            small(p.line),
            small(p.column),
            small(p.offset),
            small(p.len),
            small(p.end_line),
            small(p.end_column),
        ])
    }

    fn position(self) -> Position {
        let [line, column, offset, len, end_line, end_column] = self.0.map(|n| n as usize);
        Position {
            line,
            column,
            offset,
            len,
            end_line,
            end_column,
        }
    }
}

/// INV-001 and INV-002 over the files one at a time, in sorted path order, keeping only what
/// "the first one with this id" and "the first one with this leaflet" need: an entry per id and
/// per (supplier, leaflet URL), never a file's findings.
///
/// With `--changed-since`, the caller steps the unchanged declarations first, so a changed one
/// that repeats an existing id or leaflet gets the finding, whatever its name.
pub(super) struct Inventory<'a> {
    first_by_id: HashMap<std::sync::Arc<str>, Seen, foldhash::fast::RandomState>,
    /// Per supplier and leaflet URL (`LeafletUse::key`, one string): the first declaration
    /// with it, and the first one after it with another id. That is all "the first one with
    /// another id than this one" needs, without a list per URL.
    /// (The second is boxed: most leaflets have no second declaration.)
    by_leaflet: HashMap<String, (Seen, Option<Box<Seen>>), foldhash::fast::RandomState>,
    /// The run's files, which `Seen::file` indexes.
    inputs: &'a [crate::discover::Input],
}

impl<'a> Inventory<'a> {
    /// Sized for the run's files up front and hashed with foldhash (the keys are ids and
    /// URLs from the inventory itself): SipHash and rehashing made the pass over 10,000 files
    /// 10 ms.
    pub(super) fn new(inputs: &'a [crate::discover::Input]) -> Self {
        let hasher = foldhash::fast::RandomState::default;
        Self {
            first_by_id: HashMap::with_capacity_and_hasher(inputs.len(), hasher()),
            by_leaflet: HashMap::with_capacity_and_hasher(inputs.len(), hasher()),
            inputs,
        }
    }

    /// The display path of a file seen before.
    fn display(&self, seen: &Seen) -> String {
        self.inputs
            .get(seen.file as usize)
            .map(|i| i.display.to_string())
            .unwrap_or_default()
    }

    /// The inventory findings of `r`, file `index` of the run, given every file stepped
    /// before it.
    pub(super) fn step(
        &mut self,
        context: &Context<'_>,
        index: usize,
        r: &FileResult<'_>,
    ) -> Vec<Finding> {
        let mut out = Vec::new();
        let Some((id, id_pos)) = &r.resource else {
            return out;
        };
        let file = u32::try_from(index).unwrap_or(u32::MAX);
        let shared_id: std::sync::Arc<str> = match self.first_by_id.get_key_value(id.as_str()) {
            Some((key, _)) => key.clone(),
            None => id.as_str().into(),
        };
        match self.first_by_id.get(id.as_str()) {
            None => {
                self.first_by_id.insert(
                    shared_id.clone(),
                    Seen {
                        file,
                        id: shared_id.clone(),
                        position: Place::of(id_pos),
                    },
                );
            }
            Some(first) => {
                let first_file = self.display(first);
                let args = BTreeMap::from([
                    ("id".to_string(), id.clone()),
                    ("first".to_string(), first_file.clone()),
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
                    file: first_file,
                    position: first.position.position(),
                    label: fill(words(context.lang).first_declared_here, &[("id", id)]),
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
            return out;
        };
        if url.trim().is_empty() {
            return out;
        }
        let this = Seen {
            file,
            id: shared_id,
            position: Place::of(url_pos),
        };
        let earlier = match self.by_leaflet.get_mut(key) {
            None => {
                self.by_leaflet.insert(key.clone(), (this, None));
                None
            }
            Some((first, other)) => {
                let earlier = if *first.id != **id {
                    Some(first.clone())
                } else {
                    other.as_deref().cloned()
                };
                if other.is_none() && *first.id != **id {
                    *other = Some(Box::new(this));
                }
                earlier
            }
        };
        if let Some(first) = earlier {
            let args = BTreeMap::from([
                ("url".to_string(), url.clone()),
                ("supplier".to_string(), supplier.clone()),
                ("first".to_string(), first.id.to_string()),
            ]);
            let located = Located {
                pointer: "/privacy_leaflet/url".into(),
                position: *url_pos,
            };
            let mut f =
                context.engine_finding(r.input, Some(id), EngineCode::Inv002, located, None, &args);
            f.value_hash = value_hash(Some(&Value::String(url.clone())));
            f.related.push(Related {
                file: self.display(&first),
                position: first.position.position(),
                label: fill(
                    words(context.lang).also_the_leaflet_of,
                    &[("id", &first.id)],
                ),
            });
            out.push(f);
        }
        out
    }
}

/// Supplier names compare without case and with runs of white space as one space.
pub(super) fn normalise_name(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Leaflet URLs compare with scheme and host in lower case and without a trailing `/`.
pub(super) fn normalise_url(url: &str) -> String {
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
