//! The shared vocabulary of `format.md`: personal-data fields with their Dutch aliases and
//! categories, and the country groups the transfer rules need.
//!
//! Field names match case-insensitively with `-`, `_` and spaces treated alike, so `ECK iD`,
//! `eck-id` and `eckid`'s canonical `eck_id` meet in one lookup key. Boards extend the field
//! list with `custom_fields` (see `config`), which this module merges in.

use std::collections::HashMap;

/// The category of a field; rules are written against categories, not field names.
pub(crate) const CATEGORIES: [&str; 10] = [
    "pseudonym",
    "identifying",
    "quasi_identifying",
    "contact",
    "image",
    "organisation",
    "learning",
    "technical",
    "national_id",
    "special",
];

/// Canonical id, category, Dutch aliases (format.md, "Field vocabulary").
pub(crate) const FIELDS: &[(&str, &str, &[&str])] = &[
    ("eck_id", "pseudonym", &["eckid", "ketenid"]),
    (
        "student_number",
        "identifying",
        &["leerlingnummer", "las_key", "leerlingkey"],
    ),
    (
        "platform_id",
        "identifying",
        &["basispoort_id", "identificatienummer"],
    ),
    (
        "first_name",
        "identifying",
        &["voornaam", "voornamen", "roepnaam"],
    ),
    ("initials", "identifying", &["voorletters"]),
    ("last_name", "identifying", &["achternaam"]),
    (
        "name_prefix",
        "identifying",
        &["tussenvoegsel", "voorvoegsel"],
    ),
    ("username", "identifying", &["gebruikersnaam"]),
    ("date_of_birth", "quasi_identifying", &["geboortedatum"]),
    ("gender", "quasi_identifying", &["geslacht"]),
    ("nationality", "quasi_identifying", &["nationaliteit"]),
    ("email", "contact", &["emailadres", "e_mailadres", "e_mail"]),
    ("phone", "contact", &["telefoonnummer"]),
    (
        "address",
        "contact",
        &["adres", "woonadres", "postcode", "woonplaats"],
    ),
    (
        "parent_contact",
        "contact",
        &["contactgegevens_ouders", "ouder_contactgegevens"],
    ),
    ("photo", "image", &["foto", "pasfoto"]),
    ("video", "image", &["video_opname"]),
    (
        "group_name",
        "organisation",
        &["groepsnaam", "groep", "klas"],
    ),
    ("group_key", "organisation", &["groepskey"]),
    ("year_group", "organisation", &["jaargroep", "leerjaar"]),
    (
        "school_id",
        "organisation",
        &["brin", "brin_nummer", "schoolkey", "school_identificatie"],
    ),
    ("role", "organisation", &["rol"]),
    (
        "test_results",
        "learning",
        &["toetsresultaten", "leerresultaten", "cijfers"],
    ),
    ("progress", "learning", &["vorderingen", "voortgang"]),
    (
        "accessibility_settings",
        "learning",
        &[
            "toegankelijkheidsinstellingen",
            "voorleesfunctie",
            "lettergrootte",
        ],
    ),
    ("usage_data", "technical", &["gebruiksgegevens", "logging"]),
    ("ip_address", "technical", &["ip_adres"]),
    ("device_id", "technical", &["apparaat_id"]),
    ("bsn", "national_id", &["burgerservicenummer"]),
    ("pgn", "national_id", &["persoonsgebonden_nummer"]),
    ("education_number", "national_id", &["onderwijsnummer"]),
    (
        "health",
        "special",
        &["gezondheid", "medische_gegevens", "diagnose"],
    ),
    (
        "support_needs",
        "special",
        &["ondersteuningsbehoefte", "zorggegevens"],
    ),
    (
        "ethnicity",
        "special",
        &["etniciteit", "etnische_afkomst", "herkomst"],
    ),
    (
        "religion",
        "special",
        &["godsdienst", "religie", "levensovertuiging"],
    ),
    ("biometric", "special", &["biometrie", "gezichtsherkenning"]),
];

/// The default `settings.adequate_countries` (EU adequacy decisions, format.md).
pub(crate) const DEFAULT_ADEQUATE: [&str; 15] = [
    "AD", "AR", "BR", "CA", "CH", "FO", "GB", "GG", "IL", "IM", "JE", "JP", "KR", "NZ", "UY",
];

/// The officially assigned ISO 3166-1 alpha-2 codes (249, sorted), as the ISO 3166
/// Maintenance Agency lists them.
const ISO_3166_ALPHA_2: [&str; 249] = [
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
];

/// Whether `code` names a country: an assigned ISO 3166-1 alpha-2 code in any case, or `EL` or
/// `UK` (read as `GR` and `GB`, format.md).
pub(crate) fn is_country(code: &str) -> bool {
    ISO_3166_ALPHA_2
        .binary_search(&country(code).as_str())
        .is_ok()
}

/// Normalises a field name for lookup: lower case, `-` and spaces as `_`, trimmed.
pub(crate) fn field_key(name: &str) -> String {
    let name = name.trim();
    if name.is_ascii() {
        // Every field name in the vocabulary is ASCII: byte by byte, one allocation.
        return name
            .bytes()
            .map(|b| match b {
                b'-' | b' ' => '_',
                _ => char::from(b.to_ascii_lowercase()),
            })
            .collect();
    }
    name.chars()
        .map(|c| if c == '-' || c == ' ' { '_' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Normalises a country code: upper case, `EL` (the EU's code for Greece) as `GR`, `UK` as `GB`.
pub fn country(code: &str) -> String {
    let upper = code.trim().to_ascii_uppercase();
    match upper.as_str() {
        "EL" => "GR".to_string(),
        "UK" => "GB".to_string(),
        _ => upper,
    }
}

/// A field resolved against the vocabulary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// Canonical id, or the normalised name when the field is unknown.
    pub id: String,
    /// Category, or `None` when the field is not in the vocabulary.
    pub category: Option<String>,
}

/// Lookup table from every canonical id and alias to (id, category).
#[derive(Debug, Clone)]
pub struct Vocabulary {
    /// foldhash: this is looked up for every field of every declaration, where SipHash cost
    /// more than the rest of the lookup.
    entries: HashMap<String, (String, String), foldhash::fast::RandomState>,
    /// Every lookup name, sorted (for deterministic suggestions).
    names: Vec<String>,
}

/// A board's own field (`custom_fields` in the config).
#[derive(Debug, Clone, serde::Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct CustomField {
    pub id: String,
    pub category: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub description: Option<String>,
}

impl Default for Vocabulary {
    fn default() -> Self {
        Self::with_custom(&[])
    }
}

impl Vocabulary {
    /// The built-in vocabulary extended with a board's custom fields. A custom field may not
    /// redefine a built-in name (checked by the config loader).
    pub(crate) fn with_custom(custom: &[CustomField]) -> Self {
        let mut entries = HashMap::default();
        for (id, category, aliases) in FIELDS {
            let entry = ((*id).to_string(), (*category).to_string());
            entries.insert(field_key(id), entry.clone());
            for alias in *aliases {
                entries.insert(field_key(alias), entry.clone());
            }
        }
        for field in custom {
            let entry = (field.id.clone(), field.category.clone());
            entries.insert(field_key(&field.id), entry.clone());
            for alias in &field.aliases {
                entries.insert(field_key(alias), entry.clone());
            }
        }
        let mut names: Vec<String> = entries.keys().cloned().collect();
        names.sort();
        Self { entries, names }
    }

    /// Every known name (ids and aliases) in lookup form, sorted, for suggestions.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(String::as_str)
    }

    /// Whether `name` (id or alias, any spelling) is known.
    pub fn contains(&self, name: &str) -> bool {
        self.entries.contains_key(&field_key(name))
    }

    /// Resolves a field name to its canonical id and category.
    pub fn resolve(&self, name: &str) -> Resolved {
        let mut buffer = [0u8; 32];
        let owned;
        let key = match short_ascii_key(name, &mut buffer) {
            Some(key) => key,
            None => {
                owned = field_key(name);
                owned.as_str()
            }
        };
        match self.entries.get(key) {
            Some((id, category)) => Resolved {
                id: id.clone(),
                category: Some(category.clone()),
            },
            None => Resolved {
                id: key.to_string(),
                category: None,
            },
        }
    }
}

/// `field_key(name)` written into `buffer` when `name` is ASCII and fits (every name in the
/// vocabulary does): the lookup of a known field then allocates nothing.
fn short_ascii_key<'b>(name: &str, buffer: &'b mut [u8; 32]) -> Option<&'b str> {
    let name = name.trim();
    if !name.is_ascii() || name.len() > buffer.len() {
        return None;
    }
    for (slot, b) in buffer.iter_mut().zip(name.bytes()) {
        *slot = match b {
            b'-' | b' ' => b'_',
            _ => b.to_ascii_lowercase(),
        };
    }
    std::str::from_utf8(buffer.get(..name.len())?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_resolve_in_any_spelling() {
        let v = Vocabulary::default();
        assert_eq!(v.resolve("ECK iD").id, "eck_id");
        assert_eq!(v.resolve("E-mail").id, "email");
        assert_eq!(v.resolve(" Voornaam ").id, "first_name");
        assert_eq!(v.resolve("BRIN").category.as_deref(), Some("organisation"));
        assert_eq!(v.resolve("schoenmaat").category, None);
    }

    #[test]
    fn short_keys_are_the_field_keys() {
        let mut buffer = [0u8; 32];
        for name in [
            "ECK iD",
            " Ouder-Contactgegevens ",
            "e-mail",
            "leerling nummer",
            "",
        ] {
            assert_eq!(
                short_ascii_key(name, &mut buffer),
                Some(field_key(name).as_str())
            );
        }
        // Too long or not ASCII: the allocating path, which gives the same resolution.
        let long = "a".repeat(33);
        assert_eq!(short_ascii_key(&long, &mut buffer), None);
        assert_eq!(short_ascii_key("Één", &mut buffer), None);
        let v = Vocabulary::default();
        assert_eq!(v.resolve(&long).id, long);
        assert_eq!(v.resolve("ÉCK-ID").id, "éck_id");
    }

    #[test]
    fn field_keys_fold_case_and_separators_in_ascii_and_beyond() {
        assert_eq!(
            field_key(" Ouder-Contactgegevens "),
            "ouder_contactgegevens"
        );
        assert_eq!(field_key("ECK iD"), "eck_id");
        assert_eq!(field_key("Naam Ouder-Één"), "naam_ouder_één");
        assert_eq!(field_key("ÉCK-ID"), "éck_id");
    }

    #[test]
    fn every_category_is_known() {
        for (id, category, _) in FIELDS {
            assert!(
                CATEGORIES.contains(category),
                "{id} has unknown category {category}"
            );
        }
    }

    #[test]
    fn no_alias_is_claimed_twice() {
        let mut seen = std::collections::HashSet::new();
        for (id, _, aliases) in FIELDS {
            assert!(seen.insert(field_key(id)), "{id} repeated");
            for alias in *aliases {
                assert!(seen.insert(field_key(alias)), "{alias} repeated");
            }
        }
    }

    #[test]
    fn country_codes_are_normalised() {
        assert_eq!(country("el"), "GR");
        assert_eq!(country("UK"), "GB");
        assert_eq!(country("us"), "US");
    }
}
