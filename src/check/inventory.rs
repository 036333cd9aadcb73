//! The inventory rules, over what every file left behind: INV-001 (an id declared twice) and
//! INV-002 (one leaflet for two products of one supplier), in walk order.

use std::collections::{BTreeMap, HashMap};

use serde_json::Value;

use super::file::{Context, FileResult, LeafletUse, value_hash};
use crate::codes::EngineCode;
use crate::finding::{Finding, Related};
use crate::locate::{Located, Position};
use crate::words::{fill, words};

/// INV-001 and INV-002 over all files, in sorted path order.
///
/// With `changed` (`--changed-since`), the unchanged declarations count as coming first, so a
/// changed one that repeats an existing id or leaflet gets the finding, whatever its name.
pub(super) fn inventory(
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
                    label: fill(words(context.lang).also_the_leaflet_of, &[("id", first_id)]),
                });
            }
            out.push(f);
        }
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
