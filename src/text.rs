//! Text made safe to show: control characters and bidirectional overrides replaced one
//! character for one, so that a value from a declaration cannot rewrite a terminal, a CI log or
//! a report. Ground floor: imports nothing of the crate.

/// The bidirectional embedding, override and isolate controls (U+202A..U+202E,
/// U+2066..U+2069): they make text display in another order than it is stored.
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every control character shown as its Unicode control picture (U+2400 block;
/// `\n` as `␊`, ESC as `␛`), or U+FFFD for the C1 controls: one character for one, so
/// positions counted in characters stay valid.
pub fn printable(text: &str) -> String {
    text.chars().map(printable_char).collect()
}

/// [`printable`], but keeping line breaks (`\n`) as they are: for texts of several lines that
/// a renderer escapes itself.
pub(crate) fn printable_but_lines(text: &str) -> String {
    text.chars()
        .map(|c| if c == '\n' { c } else { printable_char(c) })
        .collect()
}

/// One character as `printable` shows it.
pub(crate) fn printable_char(c: char) -> char {
    match c {
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        '\u{80}'..='\u{9f}' => '\u{fffd}',
        c if is_bidi_control(c) => '\u{fffd}',
        c => c,
    }
}
