//! The two languages of every text ibp-lint shows: English and Dutch. Ground floor: imports
//! nothing of the crate.

/// Output language of messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Nl,
}

impl Lang {
    /// `nl*` gives Dutch, anything else English (`LC_ALL`/`LANG` style values accepted).
    pub(crate) fn from_locale(value: &str) -> Self {
        if value.to_ascii_lowercase().starts_with("nl") {
            Lang::Nl
        } else {
            Lang::En
        }
    }

    /// The language of the environment: `LC_ALL`, then `LANG`; English when neither says `nl`.
    pub(crate) fn from_env() -> Self {
        ["LC_ALL", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())
            .map_or(Lang::En, |v| Lang::from_locale(&v))
    }
}
