//! Calendar dates as declarations and configurations write them (`YYYY-MM-DD`). Ground floor:
//! imports nothing of the crate.

use chrono::NaiveDate;

/// Parses a `YYYY-MM-DD` date, written in full (`2026-2-3` is not one).
pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    let shape = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    shape
        .then(|| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        .flatten()
}
