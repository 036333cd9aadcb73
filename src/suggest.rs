//! "Did you mean": the closest known name to a misspelt key or field, by edit distance.
//!
//! A suggestion is offered only when it is close (at most a third of the name's length, and at
//! most 3 edits), so that a genuinely unknown name gets no misleading guess.

/// The candidate closest to `name`, when it is close enough; ties go to the first candidate.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).clamp(1, 3);
    let lower = name.to_lowercase();
    let mut best: Option<(usize, &str)> = None;
    let len = lower.chars().count();
    for candidate in candidates {
        // The distance is at least the difference in length: skip hopeless candidates cheaply.
        if candidate.len().abs_diff(len) > limit + 2 {
            continue;
        }
        let d = distance(&lower, &candidate.to_lowercase());
        if d == 0 {
            continue;
        }
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// Levenshtein distance with adjacent transpositions (optimal string alignment).
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    let at = |i: usize, j: usize| i * width + j;
    for i in 0..=a.len() {
        if let Some(cell) = d.get_mut(at(i, 0)) {
            *cell = i;
        }
    }
    for j in 0..=b.len() {
        if let Some(cell) = d.get_mut(at(0, j)) {
            *cell = j;
        }
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let get = |i: usize, j: usize| d.get(at(i, j)).copied().unwrap_or(usize::MAX / 2);
            let cost = usize::from(a.get(i - 1) != b.get(j - 1));
            let mut v = (get(i - 1, j) + 1)
                .min(get(i, j - 1) + 1)
                .min(get(i - 1, j - 1) + cost);
            if i > 1 && j > 1 && a.get(i - 1) == b.get(j - 2) && a.get(i - 2) == b.get(j - 1) {
                v = v.min(get(i - 2, j - 2) + 1);
            }
            if let Some(cell) = d.get_mut(at(i, j)) {
                *cell = v;
            }
        }
    }
    d.get(at(a.len(), b.len())).copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_names_are_suggested() {
        let keys = ["processing_agreement", "privacy_leaflet", "purposes"];
        assert_eq!(
            closest("proccessing_agreement", keys),
            Some("processing_agreement")
        );
        assert_eq!(closest("purpsoes", keys), Some("purposes"));
        assert_eq!(closest("schoenmaat", keys), None);
        assert_eq!(
            closest("geboortedatun", ["geboortedatum", "geslacht"]),
            Some("geboortedatum")
        );
    }
}
