//! `ibp-lint import`: an officer's spreadsheet in, one declaration per row out.
//!
//! The way back of `report --format csv|xlsx`, and the way in for a board that keeps its
//! inventory in a spreadsheet. [`run`] reads the sheet ([`grid`]), finds the heading row (the
//! first of the first ten rows with a heading it knows), matches each heading to a column of
//! the register in English or Dutch, or through `--map` ([`rows`]), reads every row's cells as
//! people type them ([`values`]) and writes `<id>.yaml` per row, with the
//! `yaml-language-server` schema line and the keys in the order of format.md.
//!
//! Nothing is guessed silently: an impossible date, an unknown label, a duplicate id or an id
//! that is no slug is an error at its cell (`Middelen!Q5`), and that row is not written; an
//! empty row is skipped and said; a heading nobody knows is listed once and its column
//! ignored; a KvK number that a spreadsheet turned into a number gets its leading zeros back
//! and a note. A missing `id` is derived from the name (said). Every file is written to a
//! temporary file in the output folder and then moved into place; an existing file is only
//! replaced with `--force`. Exit 0 when every row was written, 1 when a row failed, 2 when the
//! spreadsheet, the map or the output folder cannot be used.

mod grid;
mod rows;
mod values;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

pub use grid::reference as cell_reference;
use grid::{Value, reference};
pub use rows::headings_markdown;
use rows::{Draft, Recognised, Target};

/// What `import` was asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    pub input: PathBuf,
    pub sheet: Option<String>,
    pub output: PathBuf,
    pub map: Option<PathBuf>,
    pub force: bool,
}

/// How serious a message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// The row was not written.
    Error,
    /// Said, but the row was written (or a row or column was skipped as it should be).
    Note,
}

/// One message, with its place (`Middelen!Q5`, or `Middelen!7:7` for a whole row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub level: Level,
    pub place: String,
    pub text: String,
}

/// What a run did.
#[derive(Debug, Default)]
pub struct Outcome {
    pub written: Vec<PathBuf>,
    pub messages: Vec<Message>,
    /// Rows with an error (not written).
    pub failed: usize,
    pub skipped: usize,
}

/// Reads `options.input` and writes the declarations; `Err` (exit 2) when the spreadsheet, the
/// map or the output folder cannot be used.
pub fn run(options: &Options) -> Result<Outcome, String> {
    let map = match &options.map {
        Some(path) => read_map(path)?,
        None => BTreeMap::new(),
    };
    let grid = grid::read(&options.input, options.sheet.as_deref())?;
    let sheet = grid.sheet.clone();
    let mut out = Outcome::default();

    let header_row = (0..grid.rows.len().min(10))
        .find(|&r| {
            grid.rows.get(r).is_some_and(|row| {
                row.iter()
                    .any(|c| matches!(heading(c, &map), Some(Recognised::Read(_))))
            })
        })
        .ok_or_else(|| {
            format!(
                "{}: no heading row: none of the first ten rows of sheet `{sheet}` has a register heading such as `naam`/`name` or `id` (use --map for your own headings)",
                options.input.display()
            )
        })?;
    let header = grid.rows.get(header_row).cloned().unwrap_or_default();
    let mut columns: Vec<(usize, &'static Target)> = Vec::new();
    let mut status_col = None;
    for (col, cell) in header.iter().enumerate() {
        let place = format!("{sheet}!{}", reference(header_row, col));
        match heading(cell, &map) {
            Some(Recognised::Read(target)) => {
                if let Some((first, _)) = columns.iter().find(|(_, t)| {
                    t.column == target.column && target.shape != rows::Shape::Fields
                }) {
                    return Err(format!(
                        "{place}: the column `{}` is there twice (first at {})",
                        target.column,
                        reference(header_row, *first)
                    ));
                }
                columns.push((col, target));
            }
            Some(Recognised::ReportOnly("status")) => status_col = Some(col),
            Some(Recognised::ReportOnly(_)) | None => {}
            Some(Recognised::Unknown) => out.messages.push(Message {
                level: Level::Note,
                place,
                text: format!(
                    "column `{}` is not a register column: ignored (map it with --map if it holds a key)",
                    cell_text(cell)
                ),
            }),
        }
    }
    if !columns
        .iter()
        .any(|(_, t)| t.column == "id" || t.column == "name")
    {
        return Err(format!(
            "{sheet}: the heading row ({}) has neither `id` nor `name`/`naam`: a row cannot be named",
            header_row + 1
        ));
    }
    let named: Vec<usize> = columns
        .iter()
        .filter(|(_, t)| t.column == "id" || t.column == "name")
        .map(|(col, _)| *col)
        .collect();
    // Read in format order, whatever the column order.
    columns.sort_by_key(|(_, t)| rows::TARGETS.iter().position(|x| x.column == t.column));

    std::fs::create_dir_all(&options.output)
        .map_err(|e| format!("cannot create {}: {e}", options.output.display()))?;
    let mut ids: BTreeMap<String, usize> = BTreeMap::new();
    for (r, row) in grid.rows.iter().enumerate().skip(header_row + 1) {
        let row_place = format!("{sheet}!{}:{}", r + 1, r + 1);
        if row.iter().all(Value::is_empty) {
            out.skipped += 1;
            out.messages.push(Message {
                level: Level::Note,
                place: row_place,
                text: "empty row: skipped".into(),
            });
            continue;
        }
        if register_extra_row(row, &named, status_col) {
            out.skipped += 1;
            out.messages.push(Message {
                level: Level::Note,
                place: row_place,
                text: "a row of the register for a file outside it (not_in_register or board_configuration): skipped".into(),
            });
            continue;
        }
        let mut draft = Draft::default();
        let mut errors = Vec::new();
        for (col, target) in &columns {
            let cell = row.get(*col).unwrap_or(&Value::Empty);
            if let Err(text) = draft.read(target, cell) {
                errors.push(Message {
                    level: Level::Error,
                    place: format!("{sheet}!{}", reference(r, *col)),
                    text: format!(
                        "{} ({}): {text}",
                        heading_text(&header, *col),
                        target.column
                    ),
                });
            }
        }
        let id = match (
            draft.id().map(str::to_string),
            draft.name().map(str::to_string),
        ) {
            (Some(id), _) => Some(id),
            (None, Some(name)) => {
                let id = slug(&name);
                out.messages.push(Message {
                    level: Level::Note,
                    place: row_place.clone(),
                    text: format!("no id: `{id}`, made from the name `{name}`"),
                });
                draft.set_id(id.clone());
                Some(id)
            }
            (None, None) => {
                errors.push(Message {
                    level: Level::Error,
                    place: row_place.clone(),
                    text: "the row has neither an id nor a name".into(),
                });
                None
            }
        };
        if let Some(id) = &id {
            if !crate::template::valid_id(id) {
                errors.push(Message {
                    level: Level::Error,
                    place: row_place.clone(),
                    text: format!(
                        "id `{id}` is not a resource id (lower case letters, digits and `-`, e.g. `{}`)",
                        slug(id)
                    ),
                });
            } else if let Some(first) = ids.get(id) {
                errors.push(Message {
                    level: Level::Error,
                    place: row_place.clone(),
                    text: format!("duplicate id `{id}`: row {first} has it too"),
                });
            } else {
                ids.insert(id.clone(), r + 1);
            }
        }
        for note in std::mem::take(&mut draft.notes) {
            out.messages.push(Message {
                level: Level::Note,
                place: row_place.clone(),
                text: note,
            });
        }
        let (Some(id), true) = (id, errors.is_empty()) else {
            out.failed += 1;
            out.messages.extend(errors);
            continue;
        };
        let path = options.output.join(format!("{id}.yaml"));
        match write(&path, &draft.finish(), options.force) {
            Ok(()) => out.written.push(path),
            Err(text) => {
                out.failed += 1;
                out.messages.push(Message {
                    level: Level::Error,
                    place: row_place,
                    text,
                });
            }
        }
    }
    Ok(out)
}

fn cell_text(cell: &Value) -> String {
    values::text(cell).ok().flatten().unwrap_or_default()
}

fn heading_text(header: &[Value], col: usize) -> String {
    header.get(col).map(cell_text).unwrap_or_default()
}

/// What a heading cell is: `--map` first, then the register's headings.
fn heading(cell: &Value, map: &BTreeMap<String, &'static Target>) -> Option<Recognised> {
    let text = cell_text(cell);
    if text.is_empty() {
        return None;
    }
    if let Some(target) = map.get(&values::normalise(&text)) {
        return Some(Recognised::Read(target));
    }
    Some(rows::recognise(&text))
}

/// A row the register writes after its resources: no id and no name (the `named` columns),
/// and status `not_in_register` or `board_configuration` (in English or Dutch).
fn register_extra_row(row: &[Value], named: &[usize], status_col: Option<usize>) -> bool {
    let empty = |col: &usize| row.get(*col).is_none_or(Value::is_empty);
    let status = status_col
        .and_then(|i| row.get(i))
        .map(|c| values::normalise(&cell_text(c)))
        .unwrap_or_default();
    let nl = crate::register::labels::words(crate::lang::Lang::Nl);
    let extra = [
        "not_in_register",
        "board_configuration",
        nl.not_in_register_status,
        nl.config_status,
    ];
    named.iter().all(empty) && extra.iter().any(|e| values::normalise(e) == status)
}

/// `--map`: a YAML mapping of a board's own headings to register columns or format keys.
fn read_map(path: &Path) -> Result<BTreeMap<String, &'static Target>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the map {}: {e}", path.display()))?;
    let raw: BTreeMap<String, String> = yaml_serde::from_str(&text).map_err(|e| {
        format!(
            "{}: not a mapping of heading to key (`Leverancier KvK: supplier_kvk`): {e}",
            path.display()
        )
    })?;
    raw.into_iter()
        .map(|(heading, key)| {
            rows::by_key(&key)
                .map(|t| (values::normalise(&heading), t))
                .ok_or_else(|| {
                    format!(
                        "{}: `{heading}` maps to `{key}`, which is neither a register column (`supplier_kvk`) nor a key of the format (`supplier.kvk`)",
                        path.display()
                    )
                })
        })
        .collect()
}

/// A resource id made from a name: lower case, accents dropped, other characters `-`.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.to_lowercase().chars() {
        let c = match c {
            'á' | 'à' | 'ä' | 'â' | 'ã' | 'å' => 'a',
            'é' | 'è' | 'ë' | 'ê' => 'e',
            'í' | 'ì' | 'ï' | 'î' => 'i',
            'ó' | 'ò' | 'ö' | 'ô' | 'õ' => 'o',
            'ú' | 'ù' | 'ü' | 'û' => 'u',
            'ý' | 'ÿ' => 'y',
            'ç' => 'c',
            'ñ' => 'n',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        };
        if c != '-' || !(out.is_empty() || out.ends_with('-')) {
            out.push(c);
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "resource".into()
    } else {
        out
    }
}

/// The declaration as YAML, with the schema line on top.
pub fn yaml(doc: &serde_json::Value) -> Result<String, String> {
    let body = yaml_serde::to_string(doc).map_err(|e| format!("cannot write YAML: {e}"))?;
    Ok(format!(
        "# yaml-language-server: $schema=../schemas/resource.schema.json\n# Imported by ibp-lint import; check it with `ibp-lint check`.\n{body}"
    ))
}

/// Writes `doc` to `path` by a temporary file in the same folder, moved into place; without
/// `force` an existing file stays as it is.
fn write(path: &Path, doc: &serde_json::Value, force: bool) -> Result<(), String> {
    let text = yaml(doc)?;
    let shown = path.display();
    if !force && std::fs::symlink_metadata(path).is_ok() {
        return Err(format!(
            "{shown} exists: not replaced (use --force to replace it)"
        ));
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        if force {
            std::fs::rename(&temp, path)
        } else {
            // A hard link fails when the file appeared meanwhile; the rename would replace it.
            std::fs::hard_link(&temp, path).and_then(|()| std::fs::remove_file(&temp))
        }
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&temp);
        return Err(match e.kind() {
            std::io::ErrorKind::AlreadyExists => {
                format!("{shown} exists: not replaced (use --force to replace it)")
            }
            _ => format!("cannot write {shown}: {e}"),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_names() {
        assert_eq!(slug("Sommenstorm Groep 3-8"), "sommenstorm-groep-3-8");
        assert_eq!(slug("Één Wereld, Één Taal!"), "een-wereld-een-taal");
        assert_eq!(slug("***"), "resource");
        assert!(crate::template::valid_id(&slug("’t Vlonder Portaal")));
    }
}
