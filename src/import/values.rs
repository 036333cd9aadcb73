//! Values as people type them in a spreadsheet, read as the declaration format writes them.
//!
//! - **Dates**: a date cell, `2026-07-31`, `31-07-2026`, `31/07/2026`, `31.07.2026` (day
//!   first, as in the Netherlands; `7-31-2026` is no date). An impossible date (`31-02-2026`)
//!   or a bare number is an error, never a guess.
//! - **Yes/no**: `ja`/`nee`, `yes`/`no`, `true`/`false`, `waar`/`onwaar`, `j`/`n`, `1`/`0`, a
//!   TRUE/FALSE cell.
//! - **Numbers**: a number cell or digits, with a unit word after them if wanted (`24 uur`,
//!   `365 dagen`, `10 werkdagen`).
//! - **Enumerations**: the format's code (`learning_material`) or its English or Dutch label
//!   as the register writes it (`digitaal leermiddel`, `taak van algemeen belang (art. 6 lid 1
//!   sub e)`, also without the part in brackets); case, spaces, `-` and `_` do not matter.
//! - **Lists**: items separated by line breaks or `|`; else by `;`; else by `,`. Separators
//!   inside brackets or double quotes do not split; `(none)`/`(geen)` is a list declared empty.
//! - **Entries with details**: `name (detail, detail)`, as the register writes subprocessors,
//!   transfers, trackers and AI functions; a name in double quotes may hold anything.

use chrono::{Datelike, NaiveDate};

use super::grid::Value;
use crate::register::columns::is_none_marker;

/// The text of a cell for a text column: numbers written without a trailing `.0`.
pub fn text(value: &Value) -> Result<Option<String>, String> {
    Ok(match value {
        Value::Empty => None,
        Value::Text(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(number_text(*n)),
        Value::Bool(b) => Some(b.to_string()),
        Value::Serial(_) | Value::Iso(_) => date(value)?,
        Value::Error(e) => return Err(format!("the cell holds the error value {e}")),
    })
}

/// A cell as the message names it: its value, not its kind.
fn shown(value: &Value) -> String {
    match value {
        Value::Empty => "an empty cell".into(),
        Value::Text(s) | Value::Iso(s) => format!("`{s}`"),
        Value::Number(n) => number_text(*n),
        Value::Bool(b) => format!("the cell {}", if *b { "TRUE" } else { "FALSE" }),
        Value::Serial(serial) => match date(value) {
            Ok(Some(d)) => format!("the date {d}"),
            _ => format!("the date cell {serial}"),
        },
        Value::Error(e) => format!("the error value {e}"),
    }
}

fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

/// A date as `YYYY-MM-DD`.
pub fn date(value: &Value) -> Result<Option<String>, String> {
    let day = match value {
        Value::Empty => return Ok(None),
        Value::Serial(serial) => serial_date(*serial)
            .ok_or_else(|| format!("the date cell holds {serial}, which is no date"))?,
        Value::Iso(s) => s
            .get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .ok_or_else(|| format!("`{s}` is not a date"))?,
        Value::Number(n) => {
            return Err(format!(
                "{} is a number, not a date: format the cell as a date, or type it as 31-07-2026",
                number_text(*n)
            ));
        }
        Value::Text(s) if s.trim().is_empty() => return Ok(None),
        Value::Text(s) => text_date(s.trim())?,
        Value::Bool(_) | Value::Error(_) => {
            return Err(format!(
                "{} is not a date: type it as 31-07-2026",
                shown(value)
            ));
        }
    };
    Ok(Some(day.format("%Y-%m-%d").to_string()))
}

/// Excel's serial day number (1900 system, with its phantom 29 February 1900 before day 61).
fn serial_date(serial: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    let days = if days < 61 { days + 1 } else { days };
    base.checked_add_signed(chrono::Duration::days(days))
}

fn text_date(s: &str) -> Result<NaiveDate, String> {
    let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
    let numbers: Option<Vec<u32>> = parts
        .iter()
        .map(|p| {
            (!p.is_empty() && p.len() <= 4)
                .then(|| p.parse().ok())
                .flatten()
        })
        .collect();
    let bad = || format!("`{s}` is not a date: type it as 31-07-2026 or 2026-07-31");
    let numbers = numbers.filter(|n| n.len() == 3).ok_or_else(bad)?;
    let (year, month, day) = match (parts.first().map(|p| p.len()), numbers.as_slice()) {
        (Some(4), [y, m, d]) => (*y, *m, *d),
        (Some(1 | 2), [d, m, y]) if parts.get(2).is_some_and(|p| p.len() == 4) => (*y, *m, *d),
        _ => return Err(bad()),
    };
    let year = i32::try_from(year).map_err(|_| bad())?;
    NaiveDate::from_ymd_opt(year, month, day)
        .filter(|d| d.year() >= 1900)
        .ok_or_else(|| {
            format!("`{s}` is an impossible date (day {day}, month {month}, year {year})")
        })
}

/// Yes or no.
pub fn flag(value: &Value) -> Result<Option<bool>, String> {
    let word = match value {
        Value::Empty => return Ok(None),
        Value::Bool(b) => return Ok(Some(*b)),
        Value::Number(n) if *n == 1.0 => return Ok(Some(true)),
        Value::Number(n) if *n == 0.0 => return Ok(Some(false)),
        Value::Text(s) if s.trim().is_empty() => return Ok(None),
        Value::Text(s) => s.trim().to_lowercase(),
        other => return Err(format!("{} is not yes or no: use ja or nee", shown(other))),
    };
    match word.as_str() {
        "ja" | "j" | "yes" | "y" | "true" | "waar" | "1" | "x" => Ok(Some(true)),
        "nee" | "n" | "no" | "false" | "onwaar" | "0" => Ok(Some(false)),
        _ => Err(format!("`{word}` is not yes or no: use ja or nee")),
    }
}

/// A whole number, with a unit word after it if wanted.
pub fn count(value: &Value) -> Result<Option<u64>, String> {
    match value {
        Value::Empty => Ok(None),
        Value::Number(n) if n.fract() == 0.0 && *n >= 0.0 && *n < 1e15 => Ok(Some(*n as u64)),
        Value::Text(s) if s.trim().is_empty() => Ok(None),
        Value::Text(s) => {
            let s = s.trim();
            let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
            let unit = s[digits.len()..].trim().to_lowercase();
            const UNITS: [&str; 12] = [
                "",
                "dag",
                "dagen",
                "day",
                "days",
                "uur",
                "uren",
                "hour",
                "hours",
                "werkdagen",
                "working days",
                "werkdag",
            ];
            if digits.is_empty() || !UNITS.contains(&unit.as_str()) {
                return Err(format!("`{s}` is not a whole number"));
            }
            digits
                .parse()
                .map(Some)
                .map_err(|_| format!("`{s}` is too large"))
        }
        other => Err(format!("{} is not a whole number", shown(other))),
    }
}

/// Normalised for comparing labels: lower case, `-` and `_` as spaces, spaces collapsed.
pub fn normalise(s: &str) -> String {
    s.to_lowercase()
        .replace(['-', '_'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// An enumerated value: the code of `table` whose code or label `word` is.
pub fn code(
    word: &str,
    table: &[(&'static str, &'static str, &'static str)],
) -> Result<&'static str, String> {
    let wanted = normalise(word);
    let strip = |label: &str| match label.rfind(" (") {
        Some(i) if label.ends_with(')') => label.get(..i).map(normalise),
        _ => None,
    };
    table
        .iter()
        .find(|(code, en, nl)| {
            [code, en, nl].iter().any(|l| normalise(l) == wanted)
                || [en, nl]
                    .iter()
                    .any(|l| strip(l).as_deref() == Some(wanted.as_str()))
        })
        .map(|(code, _, _)| *code)
        .ok_or_else(|| {
            let known: Vec<String> = table
                .iter()
                .map(|(code, _, nl)| {
                    if normalise(code) == normalise(nl) {
                        (*code).to_string()
                    } else {
                        format!("{code} ({nl})")
                    }
                })
                .collect();
            format!("`{word}` is not one of: {}", known.join(", "))
        })
}

/// The items of a list cell (see the module doc); `Some(vec![])` for a list declared empty.
pub fn items(value: &Value) -> Result<Option<Vec<String>>, String> {
    let Some(s) = text(value)? else {
        return Ok(None);
    };
    if is_none_marker(&s) {
        return Ok(Some(Vec::new()));
    }
    let level = |seps: &[char]| split_top(&s, seps);
    let lines = level(&['\n', '|']);
    let parts = if lines.len() > 1 {
        lines
    } else {
        let semis = level(&[';']);
        if semis.len() > 1 {
            semis
        } else {
            level(&[','])
        }
    };
    Ok(Some(
        parts
            .into_iter()
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect(),
    ))
}

/// Splits `s` at `seps` outside brackets and double quotes.
fn split_top(s: &str, seps: &[char]) -> Vec<String> {
    let (mut out, mut current, mut depth, mut quoted) = (Vec::new(), String::new(), 0usize, false);
    for c in s.chars() {
        match c {
            '"' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => depth = depth.saturating_sub(1),
            c if !quoted && depth == 0 && seps.contains(&c) => {
                out.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    out.push(current);
    out
}

/// Free text that may be in double quotes (`""` inside for one `"`).
pub fn unquote(s: &str) -> String {
    let t = s.trim();
    match t.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
        Some(inner) if t.len() >= 2 => inner.replace("\"\"", "\""),
        _ => t.to_string(),
    }
}

/// `name (a, b)` as the name and its details; `name` alone has none.
pub fn entry(item: &str) -> (String, Vec<String>) {
    let t = item.trim();
    if let Some(body) = t.strip_suffix(')') {
        // The bracket that opens the last group, outside quotes.
        let (mut depth, mut quoted, mut open) = (0usize, false, None);
        for (i, c) in body.char_indices().rev() {
            match c {
                '"' => quoted = !quoted,
                ')' if !quoted => depth += 1,
                '(' if !quoted && depth == 0 => {
                    open = Some(i);
                    break;
                }
                '(' if !quoted => depth -= 1,
                _ => {}
            }
        }
        if let Some(i) = open {
            let head = body.get(..i).unwrap_or("").trim();
            if !head.is_empty() && !unbalanced_quotes(head) {
                let inner = body.get(i + 1..).unwrap_or("");
                let details = split_top(inner, &[','])
                    .into_iter()
                    .map(|d| d.trim().to_string())
                    .filter(|d| !d.is_empty())
                    .collect();
                return (unquote(head), details);
            }
        }
    }
    (unquote(t), Vec::new())
}

fn unbalanced_quotes(s: &str) -> bool {
    s.chars().filter(|c| *c == '"').count() % 2 == 1
}

/// `key: value` within a detail (`tia: ja`), the key normalised.
pub fn tagged(detail: &str) -> Option<(String, String)> {
    let (key, value) = detail.split_once(':')?;
    Some((normalise(key), value.trim().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Value {
        Value::Text(s.to_string())
    }

    #[test]
    fn dates_as_people_type_them() {
        assert_eq!(date(&t("31-07-2026")).unwrap().unwrap(), "2026-07-31");
        assert_eq!(date(&t("1/8/2026")).unwrap().unwrap(), "2026-08-01");
        assert_eq!(date(&t("2026-07-31")).unwrap().unwrap(), "2026-07-31");
        assert_eq!(date(&t("31.07.2026")).unwrap().unwrap(), "2026-07-31");
        assert_eq!(
            date(&Value::Serial(46234.0)).unwrap().unwrap(),
            "2026-07-31"
        );
        assert_eq!(date(&Value::Serial(1.0)).unwrap().unwrap(), "1900-01-01");
        assert_eq!(
            date(&Value::Iso("2026-07-31T00:00:00".into()))
                .unwrap()
                .unwrap(),
            "2026-07-31"
        );
        assert!(date(&t("31-02-2026")).unwrap_err().contains("impossible"));
        assert!(date(&t("7-31-2026")).unwrap_err().contains("impossible"));
        assert!(date(&t("volgend jaar")).is_err());
        assert!(
            date(&Value::Number(46234.0))
                .unwrap_err()
                .contains("number")
        );
        assert_eq!(date(&Value::Empty).unwrap(), None);
    }

    #[test]
    fn yes_no_and_numbers() {
        assert_eq!(flag(&t("Ja")).unwrap(), Some(true));
        assert_eq!(flag(&t("nee")).unwrap(), Some(false));
        assert_eq!(flag(&Value::Bool(true)).unwrap(), Some(true));
        assert!(flag(&t("misschien")).is_err());
        assert_eq!(count(&t("24 uur")).unwrap(), Some(24));
        assert_eq!(count(&Value::Number(365.0)).unwrap(), Some(365));
        assert!(count(&t("zo snel mogelijk")).is_err());
        assert!(count(&Value::Number(1.5)).is_err());
        assert_eq!(
            count(&Value::Serial(46234.0)).unwrap_err(),
            "the date 2026-07-31 is not a whole number"
        );
        assert_eq!(
            flag(&Value::Number(2.0)).unwrap_err(),
            "2 is not yes or no: use ja or nee"
        );
    }

    #[test]
    fn labels_in_either_language_or_the_code() {
        let types = crate::words::register::table("type");
        assert_eq!(
            code("Digitaal leermiddel", types).unwrap(),
            "learning_material"
        );
        assert_eq!(
            code("learning-material", types).unwrap(),
            "learning_material"
        );
        let bases = crate::words::register::table("lawful_basis");
        assert_eq!(
            code("taak van algemeen belang", bases).unwrap(),
            "public_task"
        );
        assert_eq!(
            code("taak van algemeen belang (art. 6 lid 1 sub e)", bases).unwrap(),
            "public_task"
        );
        let err = code(
            "deelnemerr",
            crate::words::register::table("convenant_status"),
        )
        .unwrap_err();
        assert!(err.contains("participant (deelnemer)"), "{err}");
    }

    #[test]
    fn lists_split_at_the_strongest_separator_outside_brackets_and_quotes() {
        let l = |s: &str| items(&t(s)).unwrap().unwrap();
        assert_eq!(l("a, b, c"), ["a", "b", "c"]);
        assert_eq!(l("a; b, c"), ["a", "b, c"]);
        assert_eq!(l("a | b; c"), ["a", "b; c"]);
        assert_eq!(l("a\nb"), ["a", "b"]);
        assert_eq!(
            l("AWS (hosting, IE), Mailbrug (mail, NL)"),
            ["AWS (hosting, IE)", "Mailbrug (mail, NL)"]
        );
        assert_eq!(l("\"Foo, Inc.\" (hosting)"), ["\"Foo, Inc.\" (hosting)"]);
        assert_eq!(l("(geen)"), Vec::<String>::new());
        assert_eq!(items(&Value::Empty).unwrap(), None);
    }

    #[test]
    fn entries_split_into_name_and_details() {
        assert_eq!(
            entry("AWS (hosting, IE)"),
            ("AWS".into(), vec!["hosting".into(), "IE".into()])
        );
        assert_eq!(entry("AWS"), ("AWS".into(), vec![]));
        assert_eq!(entry("\"AWS (EMEA)\""), ("AWS (EMEA)".into(), vec![]));
        assert_eq!(
            entry("\"AWS (EMEA)\" (\"hosting, backup\", IE)"),
            (
                "AWS (EMEA)".into(),
                vec!["\"hosting, backup\"".into(), "IE".into()]
            )
        );
        assert_eq!(
            entry("US (uitzondering (art. 49), tia: ja)"),
            (
                "US".into(),
                vec!["uitzondering (art. 49)".into(), "tia: ja".into()]
            )
        );
        assert_eq!(unquote("\"say \"\"x\"\"\""), "say \"x\"");
    }
}
