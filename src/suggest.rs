//! "Did you mean": the closest known name to a misspelt key or field, by edit distance.
//!
//! A suggestion is offered only when it is close (at most a third of the name's length, and at
//! most 3 edits), so that a genuinely unknown name gets no misleading guess.

/// The candidate closest to `name`, when it is close enough; ties go to the first candidate.
pub(crate) fn closest<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).clamp(1, 3);
    let lower = name.to_lowercase();
    let mut best: Option<(usize, &str)> = None;
    let len = lower.chars().count();
    let counts = bag(&lower);
    for candidate in candidates {
        // The distance is at least the difference in length: skip hopeless candidates cheaply.
        if candidate.len().abs_diff(len) > limit + 2 {
            continue;
        }
        // Nor can it be below the number of characters one has and the other lacks: a
        // linear test that leaves few candidates for the quadratic one.
        if bag_distance(counts, candidate) > limit {
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

/// Slots of the character bags: characters that share a slot count as one, which only lowers
/// the bound (a small bag is copied and summed per candidate, hundreds of times per name).
const BAG: usize = 32;

/// The characters of `a`, lower-cased, counted by slot.
fn bag(a: &str) -> [i32; BAG] {
    let mut counts = [0i32; BAG];
    for c in a.chars() {
        if let Some(n) = counts.get_mut(slot(c)) {
            *n += 1;
        }
    }
    counts
}

fn slot(c: char) -> usize {
    (c.to_lowercase().next().unwrap_or(c) as u32 as usize) % BAG
}

/// A lower bound of the edit distance between the string whose [`bag`] is `a` and `b`: the
/// larger of the numbers of characters (counted with their multiplicity, case-insensitively,
/// by slot) that one string has more of than the other.
fn bag_distance(a: [i32; BAG], b: &str) -> usize {
    let mut counts = a;
    for c in b.chars() {
        if let Some(n) = counts.get_mut(slot(c)) {
            *n -= 1;
        }
    }
    let (more, fewer) = counts.iter().fold((0usize, 0usize), |(m, f), &n| {
        if n > 0 {
            (m + n.unsigned_abs() as usize, f)
        } else {
            (m, f + n.unsigned_abs() as usize)
        }
    });
    more.max(fewer)
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
        assert_eq!(closest("Émail", ["émail", "email"]), Some("email"));
    }

    #[test]
    fn the_bag_distance_never_exceeds_the_edit_distance() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "abc",
            "cab",
            "voornaam",
            "achternaam",
            "geboortedatum",
            "Geboortedatun",
            "eck_id",
            "ECK iD",
            "émail",
            "Émail",
            "email",
            "purposes",
        ];
        for a in words {
            for b in words {
                let (la, lb) = (a.to_lowercase(), b.to_lowercase());
                assert!(
                    bag_distance(bag(&la), &lb) <= distance(&la, &lb),
                    "{a} / {b}: {} > {}",
                    bag_distance(bag(&la), &lb),
                    distance(&la, &lb)
                );
            }
        }
        assert_eq!(bag_distance(bag("abc"), "abd"), 1);
        assert_eq!(bag_distance(bag("voornaam"), "geboortedatum"), 8);
    }
}
