//! Whose checklist a run applies (format.md, "Profiles"): the school board's officer (the
//! default) or a publisher preparing to join the convenant. Under `publisher` the policies
//! raise the *readiness* triggers of rules.md (evidence not yet declared) as errors, LEAF-004
//! and CONV-001 are errors, and every declaration gets its readiness count: how many of the
//! convenant's requirements that apply to it are met.
//!
//! The policies read the profile from `data.settings.profile`; this module only names the
//! profiles and the readiness requirements.

use serde::Deserialize;

/// The profile of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Profile {
    #[default]
    Officer,
    Publisher,
}

impl Profile {
    /// The name as the configuration, the flag and `data.settings.profile` write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Officer => "officer",
            Profile::Publisher => "publisher",
        }
    }
}

/// The readiness requirements of rules.md ("Readiness and the publisher profile"), in its
/// order: the codes whose absence from a declaration's findings means the requirement is met.
pub(crate) const READINESS: [&str; 14] = [
    "AGR-001",
    "AGR-006",
    "LEAF-001",
    "LEAF-002",
    "LEAF-003",
    "LEAF-004",
    "LEAF-005",
    "SUB-002",
    "RIGHTS-001",
    "EXIT-001",
    "CVD-001",
    "PURP-001",
    "TRACK-001",
    "ID-004",
];

/// Whether `code` is one of the readiness requirements.
pub(crate) fn is_readiness(code: &str) -> bool {
    READINESS.contains(&code)
}

/// What decides which readiness requirements apply to a declaration (rules.md): SUB-002 only
/// with subprocessors, ID-004 only with the ECK iD, TRACK-001 only with trackers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Applies {
    pub subprocessors: bool,
    pub eck_id: bool,
    pub tracking: bool,
    /// The policies ran on it (schema-valid, personal data received): only then can a
    /// requirement be known to be met.
    pub evaluated_or_exempt: bool,
}

/// One declaration's convenant readiness: of the `total` requirements that apply, `met` have
/// no finding; `unmet` names the others, in the order of [`READINESS`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Readiness {
    pub file: String,
    pub resource: Option<String>,
    pub met: usize,
    pub total: usize,
    pub unmet: Vec<&'static str>,
}

impl Readiness {
    /// The readiness of a declaration with the given findings' `codes`. A declaration that
    /// could not be evaluated (unreadable, not schema-valid) meets none of its requirements.
    pub fn of<'c>(
        file: &str,
        resource: Option<&str>,
        applies: Applies,
        codes: impl Iterator<Item = &'c str> + Clone,
    ) -> Readiness {
        let applicable: Vec<&'static str> = READINESS
            .iter()
            .copied()
            .filter(|code| match *code {
                "SUB-002" => applies.subprocessors,
                "ID-004" => applies.eck_id,
                "TRACK-001" => applies.tracking,
                _ => true,
            })
            .collect();
        let unmet: Vec<&'static str> = applicable
            .iter()
            .copied()
            .filter(|code| !applies.evaluated_or_exempt || codes.clone().any(|c| c == *code))
            .collect();
        Readiness {
            file: file.to_string(),
            resource: resource.map(str::to_string),
            met: applicable.len() - unmet.len(),
            total: applicable.len(),
            unmet,
        }
    }

    /// The readiness line of this declaration, in `lang`:
    /// `convenant readiness: 12 of 14 requirements met (file; not met: SUB-002, EXIT-001)`.
    pub fn line(&self, lang: crate::lang::Lang) -> String {
        let words = crate::words::words(lang);
        let (met, total) = (self.met.to_string(), self.total.to_string());
        let head = crate::words::fill(words.readiness, &[("met", &met), ("total", &total)]);
        let not_met = words.not_met;
        let file = crate::text::printable(&self.file);
        if self.unmet.is_empty() {
            format!("{head} ({file})")
        } else {
            format!("{head} ({file}; {not_met}: {})", self.unmet.join(", "))
        }
    }
}

/// The readiness of a whole run: the sums over its declarations.
pub fn totals(all: &[Readiness]) -> (usize, usize) {
    all.iter()
        .fold((0, 0), |(met, total), r| (met + r.met, total + r.total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditional_requirements_count_only_where_they_apply() {
        let none = Applies {
            evaluated_or_exempt: true,
            ..Applies::default()
        };
        let r = Readiness::of(
            "a.yaml",
            Some("a"),
            none,
            ["EXIT-001", "MIN-001"].into_iter(),
        );
        assert_eq!((r.met, r.total), (10, 11));
        assert_eq!(r.unmet, vec!["EXIT-001"]);
        let all = Applies {
            subprocessors: true,
            eck_id: true,
            tracking: true,
            evaluated_or_exempt: true,
        };
        let r = Readiness::of("a.yaml", None, all, ["SUB-002", "SUB-002"].into_iter());
        assert_eq!((r.met, r.total), (13, 14));
        let broken = Readiness::of("b.yaml", None, Applies::default(), std::iter::empty());
        assert_eq!((broken.met, broken.total), (0, 11));
        assert_eq!(
            r.line(crate::lang::Lang::En),
            "convenant readiness: 13 of 14 requirements met (a.yaml; not met: SUB-002)"
        );
        assert_eq!(
            broken.line(crate::lang::Lang::Nl).split(" (").next(),
            Some("gereed voor het convenant: 0 van 11 eisen voldaan")
        );
        assert_eq!(totals(&[r, broken]), (13, 25));
    }
}
