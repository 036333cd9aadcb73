//! Resource globs of waivers (`resource: "toets-*"`), with the limits that keep a hostile
//! configuration from exhausting the glob library. Ground floor: imports nothing of the crate.

use globset::{Glob, GlobMatcher};

/// Longest resource glob a waiver may have (an id is a short slug).
pub(crate) const MAX_GLOB_LEN: usize = 256;
/// Deepest nesting of `{...}` alternatives in a resource glob (globset recurses on them: 400
/// levels overflowed its stack).
pub(crate) const MAX_GLOB_NESTING: usize = 4;

/// Why `pattern` is refused as a resource glob before it is compiled, if it is: too long or
/// nested too deep.
pub(crate) fn glob_too_complex(pattern: &str) -> Option<String> {
    if pattern.len() > MAX_GLOB_LEN {
        return Some(format!(
            "the glob is {} bytes long, more than {MAX_GLOB_LEN}",
            pattern.len()
        ));
    }
    let (mut depth, mut deepest) = (0usize, 0usize);
    for c in pattern.chars() {
        match c {
            '{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    (deepest > MAX_GLOB_NESTING).then(|| {
        format!("the glob nests `{{...}}` {deepest} levels deep, more than {MAX_GLOB_NESTING}")
    })
}

/// A resource glob; `None` when the pattern is not a valid glob (then it must match exactly),
/// is too complex ([`glob_too_complex`], refused when the configuration is read), or makes the
/// glob library fail in any other way.
pub fn glob(pattern: &str) -> Option<GlobMatcher> {
    if glob_too_complex(pattern).is_some() {
        return None;
    }
    std::panic::catch_unwind(|| Glob::new(pattern).ok().map(|g| g.compile_matcher()))
        .ok()
        .flatten()
}
