//! Synthetic but realistic declarations for benchmarks and load tests.
//!
//! Shared by `examples/generate.rs` (writes an inventory to a folder) and
//! `benches/throughput.rs` (includes this file with `#[path]`). Each declaration is written the
//! way a person writes one: comments in Dutch, Dutch field aliases beside canonical ids, block
//! and flow style mixed, in the shapes of `fixtures/inventory/*.yaml`. About two thirds are
//! clean; the rest carry one or two policy violations (expired agreements, missing leaflets,
//! US hosting without a transfer, forbidden purposes, special data without a DPIA, unknown
//! fields, ...), 1.5% a schema error and 0.7% invalid YAML. Ids are unique except for a handful
//! of deliberate duplicates (`INV-001`).
//!
//! That is [`Density::Tidy`], a well-kept inventory. [`Density::Neglected`] is one nobody has
//! looked after: every readable declaration carries three to five violations (about 4.5
//! findings a file), for measuring what a report of many findings costs.
//!
//! Deterministic: the same seed, count and density give the same bytes. Every file draws from its own
//! splitmix64 stream (seed and index), so a file does not depend on the files before it.

#![allow(
    clippy::indexing_slicing,
    reason = "indices are reduced modulo the length of a non-empty constant slice"
)]
#![allow(
    dead_code,
    reason = "the example and the bench each use a part of this module"
)]

use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

/// Files per subfolder.
pub const PER_FOLDER: usize = 1000;

/// splitmix64: small, fast and good enough for test data.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The stream of file `index` under `seed`.
    pub fn for_file(seed: u64, index: usize) -> Self {
        let mut r = Self(seed ^ (index as u64).wrapping_mul(0xA076_1D64_78BD_642F));
        r.next_u64();
        r
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n` > 0; the modulo bias is irrelevant here).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// True with probability `per_mille` / 1000.
    pub fn chance(&mut self, per_mille: usize) -> bool {
        self.below(1000) < per_mille
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }
}

/// What a generated declaration is meant to contain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Clean,
    Violations,
    SchemaError,
    InvalidYaml,
    /// Clean, but reuses the id of an earlier declaration.
    Duplicate,
}

/// One generated declaration.
#[derive(Debug, Clone)]
pub struct Declaration {
    pub id: String,
    pub kind: Kind,
    pub text: String,
}

/// Counts of what was written.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    pub files: usize,
    pub bytes: u64,
    pub clean: usize,
    pub violations: usize,
    pub schema_errors: usize,
    pub invalid_yaml: usize,
    pub duplicates: usize,
}

impl std::fmt::Display for Stats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} files, {:.1} KB on average: {} clean, {} with violations, {} schema errors, {} invalid YAML, {} duplicate ids",
            self.files,
            self.bytes as f64 / self.files.max(1) as f64 / 1000.0,
            self.clean,
            self.violations,
            self.schema_errors,
            self.invalid_yaml,
            self.duplicates
        )
    }
}

/// How many violations an inventory's declarations carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Density {
    /// About a third of the declarations with one or two violations.
    Tidy,
    /// Every readable declaration with three to five.
    Neglected,
}

impl Density {
    pub fn parse(s: &str) -> Option<Density> {
        match s {
            "tidy" => Some(Density::Tidy),
            "neglected" => Some(Density::Neglected),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Density::Tidy => "tidy",
            Density::Neglected => "neglected",
        }
    }
}

/// The planned kind of file `index` (duplicates aside).
fn base_kind(seed: u64, index: usize, density: Density) -> Kind {
    let mut rng = Rng::for_file(seed ^ 0x6B69_6E64, index);
    let violations_until = match density {
        Density::Tidy => 330,
        Density::Neglected => 1000,
    };
    match rng.below(1000) {
        0..7 => Kind::InvalidYaml,
        7..22 => Kind::SchemaError,
        n if n < violations_until => Kind::Violations,
        _ => Kind::Clean,
    }
}

/// Indices that deliberately reuse an earlier id: a handful, spread over the inventory.
fn duplicate_of(seed: u64, index: usize, total: usize, density: Density) -> Option<usize> {
    if total < 20 {
        return None;
    }
    let count = (total / 2000).clamp(1, 8);
    let step = total / (count + 1);
    if index == 0 || step == 0 || index % step != 0 || index / step > count {
        return None;
    }
    // The nearest earlier declaration whose id can be read.
    (0..index / 2)
        .rev()
        .find(|&j| matches!(base_kind(seed, j, density), Kind::Clean | Kind::Violations))
}

/// The file name of declaration `index`: `NNN/NNNNNN-<id>.yaml`, 1000 files per subfolder.
pub fn relative_path(index: usize, id: &str) -> PathBuf {
    PathBuf::from(format!("{:03}", index / PER_FOLDER)).join(format!("{index:06}-{id}.yaml"))
}

/// Writes `total` tidy declarations under `dir` (created if needed).
pub fn write_inventory(dir: &Path, total: usize, seed: u64) -> io::Result<Stats> {
    write_inventory_with(dir, total, seed, Density::Tidy)
}

/// Writes `total` declarations of `density` under `dir` (created if needed).
pub fn write_inventory_with(
    dir: &Path,
    total: usize,
    seed: u64,
    density: Density,
) -> io::Result<Stats> {
    let mut stats = Stats::default();
    for index in 0..total {
        let decl = declaration_with(seed, index, total, density);
        let path = dir.join(relative_path(index, &decl.id));
        if index % PER_FOLDER == 0 {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
        }
        std::fs::write(&path, decl.text.as_bytes())?;
        stats.files += 1;
        stats.bytes += decl.text.len() as u64;
        match decl.kind {
            Kind::Clean => stats.clean += 1,
            Kind::Violations => stats.violations += 1,
            Kind::SchemaError => stats.schema_errors += 1,
            Kind::InvalidYaml => stats.invalid_yaml += 1,
            Kind::Duplicate => stats.duplicates += 1,
        }
    }
    Ok(stats)
}

const TYPES: [&str; 8] = [
    "learning_material",
    "assessment",
    "pupil_tracking",
    "student_administration",
    "learning_environment",
    "communication",
    "access_platform",
    "other",
];

/// Relative frequency of each type in a board's inventory (learning materials dominate).
const TYPE_WEIGHTS: [usize; 8] = [40, 14, 6, 4, 8, 8, 6, 14];

const STEMS: [&str; 32] = [
    "reken", "taal", "lees", "spel", "sommen", "woorden", "schrijf", "toets", "leer", "klas",
    "groei", "kennis", "wereld", "natuur", "tijd", "kaart", "muziek", "code", "type", "bieb",
    "engels", "frans", "duits", "wis", "bio", "schei", "denk", "doe", "ontdek", "oefen", "letter",
    "cijfer",
];

const ENDINGS: [&str; 24] = [
    "storm", "maatje", "wijzer", "kompas", "lab", "plein", "poort", "wolk", "sprong", "start",
    "tuin", "ster", "pad", "boom", "lijn", "meester", "vlinder", "spoor", "kracht", "fabriek",
    "reis", "held", "zone", "net",
];

const NAME_SUFFIXES: [&str; 10] = [
    "",
    " Groep 3-8",
    " Online",
    " Plus",
    " 2.0",
    " Onderbouw",
    " Bovenbouw",
    " Digitaal",
    " Basis",
    " Compleet",
];

/// (trade name, legal suffix, domain) of the supplier pool.
const SUPPLIER_HEADS: [&str; 24] = [
    "Leerlijn",
    "Kompas",
    "Meetlat",
    "Wolkwerk",
    "Praatpaal",
    "Registra",
    "Edumaat",
    "Lesbrug",
    "Didactica",
    "Schoolkracht",
    "Kennisbron",
    "Rekenhuis",
    "Taalpunt",
    "Groeipad",
    "Klasvenster",
    "Leerhaven",
    "Bureau Toetsing",
    "Onderwijsweb",
    "Digiklas",
    "Lespakket",
    "Studiehuis",
    "Webwijs",
    "Typtalent",
    "Kindwijs",
];

const SUPPLIER_TAILS: [&str; 6] = [
    "Uitgevers B.V.",
    "Onderwijsdata B.V.",
    "Software B.V.",
    "Educatief B.V.",
    "Leermiddelen B.V.",
    "V.O.F.",
];

const HOSTS_NL: [&str; 4] = [
    "Polderhost Datacenters B.V.",
    "Datacentrum Noord B.V.",
    "Dijkwacht Cloud B.V.",
    "Veenstroom Hosting B.V.",
];
const HOSTS_EU: [(&str, &str); 3] = [
    ("Rheinwolke Hosting GmbH", "DE"),
    ("Liffey Compute Ltd.", "IE"),
    ("Nordlys Drift AS", "NO"),
];

const SPECIAL: [&str; 6] = [
    "ondersteuningsbehoefte",
    "diagnose",
    "zorggegevens",
    "medische_gegevens",
    "gezondheid",
    "etniciteit",
];

const UNKNOWN: [&str; 8] = [
    "voor- en achternaam",
    "lievelingsvak",
    "schoolmailadres",
    "geboortedatun",
    "avatar",
    "leesniveau",
    "klasgenoten",
    "toetsscore",
];

const SECTORS: [&str; 6] = ["[po]", "[po]", "[vo]", "[po, vo]", "[so]", "[po, so]"];
const ANNEXES: [&str; 2] = [
    "[privacy_leaflet, security]",
    "[privacy_leaflet, security, changes]",
];
const CERTIFICATIONS: [&str; 4] = [
    "[ISO27001]",
    "[ISO27001, NEN7510]",
    "[ISO27001, Edustandaard-certificeringsschema]",
    "[NEN7510]",
];

const CONTEXTS: [&str; 8] = [
    "Gebruikt door alle po-scholen van de stichting sinds schooljaar 2023-2024.",
    "Aangeschaft door obs De Lindeboom; contactpersoon: de ICT-coördinator.",
    "Gegevens uit de leverancierscheck van de FG, bijgewerkt na het jaargesprek.",
    "Licenties lopen via de distributeur; de school levert de gegevens via het LAS aan.",
    "Ingevuld door de IBP-coördinator op basis van de privacybijsluiter en de overeenkomst.",
    "Alleen in gebruik bij het Linde College (onderbouw).",
    "Proefperiode verlengd; besluit over voortzetting in het MT van juni.",
    "Vervangt het oude pakket; de migratie van gegevens is afgerond.",
];

const FORBIDDEN: [&str; 5] = [
    "marketing",
    "advertising",
    "commercial_profiling",
    "ai_training",
    "sale_of_data",
];

/// A field as written: a name, or the long form with purposes and a note.
enum FieldItem {
    Plain(String, Option<&'static str>),
    Long {
        name: String,
        purposes: Vec<&'static str>,
        retention_days: Option<usize>,
        note: Option<&'static str>,
    },
}

/// The spellings a person might use for a field: canonical id, Dutch names, variants.
fn spell(rng: &mut Rng, canonical: &str) -> String {
    let options: &[&str] = match canonical {
        "eck_id" => &["eck_id", "eckid", "ECK iD", "ketenid"],
        "student_number" => &["student_number", "leerlingnummer", "leerlingkey", "las_key"],
        "platform_id" => &["platform_id", "identificatienummer", "basispoort_id"],
        "first_name" => &["first_name", "voornaam", "roepnaam", "Voornaam"],
        "last_name" => &["last_name", "achternaam"],
        "name_prefix" => &["name_prefix", "tussenvoegsel"],
        "username" => &["username", "gebruikersnaam"],
        "date_of_birth" => &["date_of_birth", "geboortedatum"],
        "gender" => &["gender", "geslacht"],
        "email" => &["email", "e-mailadres", "emailadres"],
        "address" => &["address", "adres", "woonadres"],
        "parent_contact" => &["parent_contact", "contactgegevens_ouders"],
        "photo" => &["photo", "foto"],
        "video" => &["video", "video_opname"],
        "group_name" => &["group_name", "groepsnaam", "klas", "groep"],
        "group_key" => &["group_key", "groepskey"],
        "year_group" => &["year_group", "jaargroep", "leerjaar"],
        "school_id" => &["school_id", "brin", "school_identificatie"],
        "role" => &["role", "rol"],
        "test_results" => &[
            "test_results",
            "toetsresultaten",
            "leerresultaten",
            "cijfers",
        ],
        "progress" => &["progress", "vorderingen", "voortgang"],
        "usage_data" => &["usage_data", "gebruiksgegevens", "logging"],
        "ip_address" => &["ip_address", "ip_adres"],
        "bsn" => &["bsn", "burgerservicenummer"],
        _ => &[],
    };
    if options.is_empty() {
        canonical.to_string()
    } else {
        (*rng.pick(options)).to_string()
    }
}

fn plain(rng: &mut Rng, canonical: &str) -> FieldItem {
    FieldItem::Plain(spell(rng, canonical), None)
}

fn plain_note(rng: &mut Rng, canonical: &str, note: &'static str) -> FieldItem {
    let name = spell(rng, canonical);
    let note = if rng.chance(400) { Some(note) } else { None };
    FieldItem::Plain(name, note)
}

/// Everything that varies between declarations, decided before any text is written.
struct Plan {
    id: String,
    name: String,
    kind_of_resource: &'static str,
    header: &'static str,
    sectors: &'static str,
    supplier: String,
    domain: String,
    kvk: String,
    contact: String,
    purposes: Vec<&'static str>,
    lawful_basis: &'static str,
    data_subjects: &'static str,
    fields: Vec<FieldItem>,
    fields_comment: Option<&'static str>,
    special_exception: bool,
    agreement: Agreement,
    convenant: Option<(&'static str, &'static str)>,
    leaflet: Option<(String, String)>,
    leaflet_comment: Option<&'static str>,
    hosting: Vec<&'static str>,
    hosting_comment: Option<&'static str>,
    subprocessors: Vec<(String, &'static str, &'static str)>,
    transfers: Vec<(&'static str, &'static str, Option<bool>)>,
    breach_hours: usize,
    retention_days: usize,
    certifications: &'static str,
    dpia: (&'static str, Option<String>),
    images: (bool, bool, Option<&'static str>),
    flow_supplier: bool,
    schema_line: bool,
    context: Option<&'static str>,
    terms_comments: bool,
}

struct Agreement {
    status: &'static str,
    model: &'static str,
    signed_on: Option<String>,
    expires_on: Option<(String, Option<&'static str>)>,
    annexes: &'static str,
}

fn date(y: usize, m: usize, d: usize) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

/// A date between (y0, m0) and (y1, m1) inclusive, day 1-28.
fn date_between(rng: &mut Rng, from: (usize, usize), to: (usize, usize)) -> String {
    let a = from.0 * 12 + from.1 - 1;
    let b = to.0 * 12 + to.1 - 1;
    let m = rng.range(a, b);
    date(m / 12, m % 12 + 1, rng.range(1, 28))
}

fn base36(mut n: usize) -> String {
    let digits = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(digits[n % 36]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8_lossy(&out).into_owned()
}

/// Declaration `index` of a tidy inventory of `total` under `seed`.
pub fn declaration(seed: u64, index: usize, total: usize) -> Declaration {
    declaration_with(seed, index, total, Density::Tidy)
}

/// Declaration `index` of an inventory of `total` and `density` under `seed`.
pub fn declaration_with(seed: u64, index: usize, total: usize, density: Density) -> Declaration {
    let mut rng = Rng::for_file(seed, index);
    let mut kind = base_kind(seed, index, density);
    let duplicate = duplicate_of(seed, index, total, density);
    if duplicate.is_some() {
        kind = Kind::Duplicate;
    }
    let type_index = if index < TYPES.len() {
        index
    } else {
        weighted(&mut rng, &TYPE_WEIGHTS)
    };
    let mut plan = plan(&mut rng, type_index, index);
    if let Some(j) = duplicate {
        // The same product entered twice (e.g. by two schools of the board).
        let mut other = Rng::for_file(seed, j);
        let other_type = if j < TYPES.len() {
            j
        } else {
            weighted(&mut other, &TYPE_WEIGHTS)
        };
        plan.id = self::plan(&mut other, other_type, j).id;
    }
    if kind == Kind::Violations {
        violate(&mut rng, &mut plan, density);
    }
    let mut text = render(&plan);
    match kind {
        Kind::SchemaError => text = schema_error(&mut rng, &text),
        Kind::InvalidYaml => text = invalid_yaml(&mut rng, &text),
        _ => {}
    }
    Declaration {
        id: plan.id,
        kind,
        text,
    }
}

fn weighted(rng: &mut Rng, weights: &[usize]) -> usize {
    let total: usize = weights.iter().sum();
    let mut r = rng.below(total);
    for (i, w) in weights.iter().enumerate() {
        if r < *w {
            return i;
        }
        r -= w;
    }
    0
}

fn plan(rng: &mut Rng, type_index: usize, index: usize) -> Plan {
    let kind_of_resource = TYPES[type_index % TYPES.len()];
    let stem = format!("{}{}", rng.pick(&STEMS), rng.pick(&ENDINGS));
    let id = format!("{stem}-{}", base36(index));
    let mut title = String::new();
    let mut chars = stem.chars();
    if let Some(c) = chars.next() {
        title.extend(c.to_uppercase());
        title.push_str(chars.as_str());
    }
    let name = format!("{title}{}", rng.pick(&NAME_SUFFIXES));
    let head_index = rng.below(SUPPLIER_HEADS.len());
    let tail_index = (head_index * 7 + 3) % SUPPLIER_TAILS.len();
    let head = SUPPLIER_HEADS[head_index];
    let supplier = format!("{head} {}", SUPPLIER_TAILS[tail_index]);
    let domain = head.to_lowercase().replace(' ', "");
    // A stable KvK number per supplier, sometimes with a leading zero.
    let kvk = format!(
        "{:08}",
        (head_index as u64 * 48_271 + 1_234_567) * 97 % 100_000_000
    );
    let contact = if rng.chance(800) {
        format!("privacy@{domain}.example")
    } else {
        format!("https://www.{domain}.example/privacy/contact")
    };

    let sectors = *rng.pick(&SECTORS);
    let annexes = *rng.pick(&ANNEXES);
    let certifications = *rng.pick(&CERTIFICATIONS);
    let mut p = Plan {
        id,
        name,
        kind_of_resource,
        header: "",
        sectors,
        supplier,
        domain,
        kvk,
        contact,
        purposes: Vec::new(),
        lawful_basis: "public_task",
        data_subjects: "[student, teacher]",
        fields: Vec::new(),
        fields_comment: None,
        special_exception: false,
        agreement: Agreement {
            status: "signed",
            model: if rng.chance(150) { "3.0" } else { "4.0" },
            signed_on: Some(date_between(rng, (2021, 1), (2025, 12))),
            expires_on: if rng.chance(450) {
                None
            } else {
                Some((date_between(rng, (2027, 3), (2029, 12)), None))
            },
            annexes,
        },
        convenant: Some(("participant", "4.0")),
        leaflet: None,
        leaflet_comment: None,
        hosting: vec!["NL"],
        hosting_comment: None,
        subprocessors: Vec::new(),
        transfers: Vec::new(),
        breach_hours: *rng.pick(&[24, 24, 24, 12]),
        retention_days: *rng.pick(&[30, 60, 60, 90, 14]),
        certifications,
        dpia: ("not_required", None),
        images: (false, false, None),
        flow_supplier: rng.chance(200),
        schema_line: rng.chance(600),
        context: if rng.chance(700) {
            Some(*rng.pick(&CONTEXTS))
        } else {
            None
        },
        terms_comments: rng.chance(600),
    };
    p.leaflet = Some((
        format!(
            "https://www.{}.example/privacy/privacybijsluiter-{}.pdf",
            p.domain, p.id
        ),
        date_between(rng, (2024, 12), (2026, 10)),
    ));
    match rng.below(4) {
        0 => p.hosting = vec!["NL", "DE"],
        1 => p.hosting = vec!["NL", "IE"],
        _ => {}
    }
    let nl_host = (*rng.pick(&HOSTS_NL)).to_string();
    p.subprocessors.push((nl_host, "hosting", "NL"));
    if p.hosting.contains(&"DE") {
        p.subprocessors
            .push((HOSTS_EU[0].0.to_string(), "back-ups", HOSTS_EU[0].1));
    } else if p.hosting.contains(&"IE") {
        p.subprocessors
            .push((HOSTS_EU[1].0.to_string(), "e-mail en notificaties", "IE"));
    }

    match kind_of_resource {
        "learning_material" => {
            p.header = *rng.pick(&[
                "Adaptieve oefensoftware voor de basisvakken.",
                "Digitale methode met verwerkingsopdrachten en toetsen per hoofdstuk.",
                "Oefenapp die de leerkracht per leerling inzicht geeft in de voortgang.",
            ]);
            p.purposes = vec!["education", "access", "result_feedback"];
            p.fields_comment = Some("smalle set: ECK iD in plaats van geboortedatum en geslacht");
            p.fields.push(plain_note(
                rng,
                "eck_id",
                "via de Nummervoorziening, sinds 2020",
            ));
            p.fields.push(plain(rng, "first_name"));
            if rng.chance(500) {
                p.fields.push(plain(rng, "name_prefix"));
                p.fields.push(plain(rng, "last_name"));
            }
            p.fields.push(plain(rng, "group_name"));
            p.fields.push(plain(rng, "year_group"));
            p.fields.push(FieldItem::Long {
                name: spell(rng, "test_results"),
                purposes: vec!["result_feedback"],
                retention_days: if rng.chance(500) { Some(365) } else { None },
                note: if rng.chance(500) {
                    Some("Resultaten gaan terug naar het LVS via UWLR")
                } else {
                    None
                },
            });
            if rng.chance(300) {
                p.fields.push(plain(rng, "usage_data"));
            }
        }
        "assessment" => {
            p.header = *rng.pick(&[
                "Digitale methodeonafhankelijke toetsen (rekenen, spelling, begrijpend lezen).",
                "Toetsplatform voor diagnostische toetsen in de bovenbouw.",
            ]);
            p.purposes = vec!["education", "result_feedback"];
            p.fields.push(plain(rng, "eck_id"));
            p.fields.push(plain(rng, "first_name"));
            p.fields.push(plain(rng, "last_name"));
            p.fields.push(plain(rng, "group_name"));
            p.fields.push(FieldItem::Long {
                name: spell(rng, "test_results"),
                purposes: vec!["result_feedback"],
                retention_days: None,
                note: None,
            });
        }
        "pupil_tracking" => {
            p.header = "Leerlingvolgsysteem (LVS): toetsresultaten en groepsoverzichten.";
            p.purposes = vec!["progress_monitoring", "result_feedback", "education"];
            p.fields_comment =
                Some("gegevens komen uit het LAS; geen ECK iD nodig in het eigen systeem");
            for f in ["student_number", "first_name", "name_prefix", "last_name"] {
                p.fields.push(plain(rng, f));
            }
            p.fields.push(plain_note(
                rng,
                "date_of_birth",
                "nodig voor normering naar leeftijd",
            ));
            for f in [
                "gender",
                "group_name",
                "year_group",
                "test_results",
                "progress",
            ] {
                p.fields.push(plain(rng, f));
            }
            p.dpia = ("done", Some(date_between(rng, (2022, 1), (2025, 12))));
        }
        "student_administration" => {
            p.header = "Leerlingadministratiesysteem (LAS) van alle scholen van de stichting.";
            p.purposes = vec![
                "administration",
                "legal_obligation",
                "progress_monitoring",
                "communication",
                "support",
            ];
            p.data_subjects = "[student, parent, teacher, staff]";
            p.fields.push(plain(rng, "student_number"));
            p.fields.push(plain_note(
                rng,
                "bsn",
                "PGN voor bekostiging (BRON), alleen in het LAS",
            ));
            for f in [
                "eck_id",
                "first_name",
                "name_prefix",
                "last_name",
                "date_of_birth",
                "gender",
                "address",
                "parent_contact",
                "group_name",
                "year_group",
                "school_id",
                "test_results",
            ] {
                p.fields.push(plain(rng, f));
            }
            p.fields.push(FieldItem::Long {
                name: (*rng.pick(&["medische_gegevens", "health", "ondersteuningsbehoefte"]))
                    .to_string(),
                purposes: vec!["support"],
                retention_days: None,
                note: Some(
                    "Alleen verklaringen die nodig zijn voor de begeleiding; toegang voor IB'er en directie",
                ),
            });
            p.special_exception = true;
            p.certifications = "[ISO27001, NEN7510]";
            p.dpia = ("done", Some(date_between(rng, (2022, 1), (2025, 12))));
        }
        "learning_environment" => {
            p.header = "Elektronische leeromgeving (ELO): opdrachten, studiewijzers, berichten.";
            p.sectors = *rng.pick(&["[vo]", "[vo, mbo]"]);
            p.purposes = vec![
                "education",
                "communication",
                "result_feedback",
                "support",
                "security",
            ];
            for f in [
                "username",
                "first_name",
                "name_prefix",
                "last_name",
                "email",
                "group_name",
                "year_group",
                "role",
                "test_results",
                "usage_data",
                "ip_address",
            ] {
                p.fields.push(plain(rng, f));
            }
        }
        "communication" => {
            p.header = "Oudercommunicatie-app: groepsberichten, gesprekken plannen, foto's.";
            p.purposes = vec!["communication", "administration"];
            p.data_subjects = "[student, parent, teacher]";
            for f in ["first_name", "name_prefix", "last_name", "group_name"] {
                p.fields.push(plain(rng, f));
            }
            p.fields.push(plain_note(
                rng,
                "parent_contact",
                "naam, e-mail en telefoonnummer van ouders/verzorgers",
            ));
            p.fields.push(plain_note(
                rng,
                "photo",
                "foto's in groepsberichten en de nieuwsbrief",
            ));
            if rng.chance(500) {
                p.fields.push(plain(rng, "video"));
            }
            p.fields.push(plain(rng, "usage_data"));
            p.images = (true, true, Some("opt_in"));
            p.dpia = ("done", Some(date_between(rng, (2022, 1), (2025, 12))));
        }
        "access_platform" => {
            p.header = "Toegangsplatform voor digitaal lesmateriaal (single sign-on en licenties).";
            p.purposes = vec!["access", "ordering_delivery", "security"];
            p.fields_comment = Some("de set uit de schoolbrief");
            for f in [
                "platform_id",
                "eck_id",
                "first_name",
                "name_prefix",
                "last_name",
                "student_number",
                "group_key",
                "group_name",
                "year_group",
                "school_id",
            ] {
                p.fields.push(plain(rng, f));
            }
            p.dpia = ("done", Some(date_between(rng, (2022, 1), (2025, 12))));
        }
        _ => {
            if rng.chance(500) {
                p.header = "Websitebouwer en nieuwsbrief; groepspagina's tonen alleen groepsnaam en jaargroep.";
                p.purposes = vec!["communication"];
                p.fields_comment = Some("alleen organisatiegegevens, geen persoonsgegevens");
                for f in ["school_id", "group_name", "year_group"] {
                    p.fields.push(plain(rng, f));
                }
                p.agreement = Agreement {
                    status: "none",
                    model: "",
                    signed_on: None,
                    expires_on: None,
                    annexes: "",
                };
                p.convenant = None;
                p.leaflet = None;
                p.subprocessors.clear();
                p.certifications = "";
            } else {
                p.header = "Uitleensysteem van de schoolbibliotheek.";
                p.purposes = vec!["administration", "support"];
                for f in ["student_number", "first_name", "last_name", "group_name"] {
                    p.fields.push(plain(rng, f));
                }
            }
        }
    }
    // Some clean declarations host in the US under the Data Privacy Framework.
    if p.convenant.is_some() && rng.chance(40) {
        p.hosting = vec!["US"];
        p.hosting_comment = Some("Amerikaans datacenter, leverancier is DPF-gecertificeerd");
        p.subprocessors = vec![(
            "Northwind Cloud Services Inc.".to_string(),
            "hosting en back-ups",
            "US",
        )];
        p.transfers = vec![("US", "dpf", None)];
    }
    p
}

/// One or two policy violations (three to five in a neglected inventory).
fn violate(rng: &mut Rng, p: &mut Plan, density: Density) {
    let count = match density {
        Density::Tidy if rng.chance(300) => 2,
        Density::Tidy => 1,
        Density::Neglected => 3 + rng.below(3),
    };
    for _ in 0..count {
        match rng.below(14) {
            0 | 1 => {
                p.agreement.status = "signed";
                if p.agreement.model.is_empty() {
                    p.agreement.model = "4.0";
                    p.agreement.signed_on = Some(date_between(rng, (2021, 1), (2023, 6)));
                }
                p.agreement.expires_on = Some((
                    date_between(rng, (2025, 1), (2026, 10)),
                    Some("verlopen; verlenging aangevraagd maar nog niet ondertekend"),
                ));
            }
            2 => {
                p.agreement.expires_on = Some((
                    date_between(rng, (2026, 12), (2027, 2)),
                    Some("loopt binnenkort af"),
                ));
            }
            3 | 4 => {
                p.leaflet = None;
                p.leaflet_comment =
                    Some("Geen privacybijsluiter ontvangen; opgevraagd bij de leverancier.");
            }
            5 => {
                if let Some((_, updated)) = &mut p.leaflet {
                    *updated = date_between(rng, (2021, 1), (2024, 6));
                    p.leaflet_comment = Some("sindsdien niet bijgewerkt");
                }
            }
            6 | 7 => {
                p.hosting = if rng.chance(500) {
                    vec!["US"]
                } else {
                    vec!["NL", "US"]
                };
                p.hosting_comment = Some("back-ups bij een Amerikaanse cloudleverancier");
                p.subprocessors.push((
                    "Northwind Cloud Services Inc.".to_string(),
                    "back-ups",
                    "US",
                ));
                p.transfers.clear();
            }
            8 | 9 => {
                let forbidden = *rng.pick(&FORBIDDEN);
                if rng.chance(500) {
                    p.fields.push(FieldItem::Long {
                        name: spell(rng, "usage_data"),
                        purposes: vec!["product_improvement", forbidden],
                        retention_days: None,
                        note: Some(
                            "volgens de algemene voorwaarden voor \"gerichte aanbiedingen\"",
                        ),
                    });
                } else {
                    p.purposes.push(forbidden);
                }
            }
            10 => {
                p.fields.push(FieldItem::Plain(
                    (*rng.pick(&SPECIAL)).to_string(),
                    Some("voor extra ondersteuning in de klas"),
                ));
                if p.kind_of_resource != "student_administration" {
                    p.special_exception = false;
                    p.dpia = (*rng.pick(&["not_required", "pending", "none"]), None);
                }
            }
            11 => {
                p.fields.push(FieldItem::Plain(
                    (*rng.pick(&UNKNOWN)).to_string(),
                    Some("overgenomen van de website van de leverancier"),
                ));
            }
            12 => {
                p.breach_hours = *rng.pick(&[48, 72, 96]);
                p.retention_days = *rng.pick(&[180, 365, 730]);
            }
            _ => {
                p.convenant = Some(("none", ""));
                if !p.agreement.model.is_empty() {
                    p.agreement.model = "custom";
                }
            }
        }
    }
}

fn render(p: &Plan) -> String {
    let mut s = String::with_capacity(2048);
    // `write!` to a String cannot fail.
    let _ = render_into(p, &mut s);
    s
}

fn render_into(p: &Plan, s: &mut String) -> std::fmt::Result {
    if p.schema_line {
        s.push_str("# yaml-language-server: $schema=../../schemas/resource.schema.json\n");
    }
    writeln!(s, "# {}", p.header)?;
    if let Some(context) = p.context {
        writeln!(s, "# {context}")?;
    }
    s.push_str("apiVersion: ibp-lint/v1\nkind: LearningResource\n");
    if p.schema_line {
        writeln!(s, "id: {:<28} # uniek in de inventaris", p.id.as_str())?;
    } else {
        writeln!(s, "id: {}", p.id)?;
    }
    writeln!(s, "name: {}", p.name)?;
    writeln!(s, "type: {}", p.kind_of_resource)?;
    writeln!(s, "sectors: {}", p.sectors)?;
    if p.flow_supplier {
        writeln!(
            s,
            "supplier: {{name: {}, kvk: \"{}\", country: NL, privacy_contact: {}}}",
            p.supplier, p.kvk, p.contact
        )?;
    } else {
        writeln!(s, "supplier:\n  name: {}", p.supplier)?;
        if p.kvk.starts_with('0') {
            writeln!(s, "  kvk: \"{}\"                # met voorloopnul", p.kvk)?;
        } else {
            writeln!(s, "  kvk: \"{}\"", p.kvk)?;
        }
        writeln!(s, "  country: NL\n  privacy_contact: {}", p.contact)?;
    }
    writeln!(s, "purposes: [{}]", p.purposes.join(", "))?;
    writeln!(s, "lawful_basis: {}", p.lawful_basis)?;
    writeln!(s, "data_subjects: {}", p.data_subjects)?;
    match p.fields_comment {
        Some(c) => writeln!(s, "fields:                          # {c}")?,
        None => s.push_str("fields:\n"),
    }
    for f in &p.fields {
        match f {
            FieldItem::Plain(name, None) => writeln!(s, "  - {name}")?,
            FieldItem::Plain(name, Some(note)) => writeln!(s, "  - {name:<28} # {note}")?,
            FieldItem::Long {
                name,
                purposes,
                retention_days,
                note,
            } => {
                writeln!(s, "  - field: {name}")?;
                writeln!(s, "    purposes: [{}]", purposes.join(", "))?;
                if let Some(days) = retention_days {
                    writeln!(s, "    retention_days: {days}")?;
                }
                if let Some(note) = note {
                    writeln!(s, "    note: {note}")?;
                }
            }
        }
    }
    if p.special_exception {
        s.push_str("special_category_exception: >-\n  UAVG art. 30 lid 1 (onderwijsinstelling, speciale begeleiding van leerlingen of\n  bijzondere voorzieningen vanwege hun gezondheidstoestand)\n");
    }
    let a = &p.agreement;
    if a.status == "none" {
        s.push_str("processing_agreement:\n  status: none                   # niet nodig: de leverancier ontvangt geen persoonsgegevens\n");
    } else {
        writeln!(
            s,
            "processing_agreement:            # verwerkersovereenkomst\n  status: {}",
            a.status
        )?;
        match a.model {
            "custom" => s.push_str("  model: custom                  # eigen voorwaarden van de leverancier\n  covers: [subject_duration, nature_purpose, data_types, subject_categories, documented_instructions,\n           confidentiality, security, subprocessor_conditions, rights_assistance,\n           compliance_assistance, delete_or_return, audits]\n"),
            m => writeln!(s, "  model: \"{m}\"")?,
        }
        if let Some(signed) = &a.signed_on {
            match &a.expires_on {
                None => writeln!(s, "  signed_on: {signed}          # geen einddatum")?,
                Some(_) => writeln!(s, "  signed_on: {signed}")?,
            }
        }
        match &a.expires_on {
            Some((d, Some(c))) => writeln!(s, "  expires_on: {d}         # {c}")?,
            Some((d, None)) => writeln!(s, "  expires_on: {d}")?,
            None => {}
        }
        if !a.annexes.is_empty() {
            writeln!(s, "  annexes: {}", a.annexes)?;
        }
    }
    match p.convenant {
        Some(("participant", v)) => writeln!(
            s,
            "convenant:                       # Convenant Digitale Onderwijsmiddelen en Privacy\n  status: participant            # deelnemer\n  version: \"{v}\""
        )?,
        Some((status, "")) => writeln!(s, "convenant:\n  status: {status}")?,
        Some((status, v)) => writeln!(s, "convenant:\n  status: {status}\n  version: \"{v}\"")?,
        None => {}
    }
    match (&p.leaflet, p.leaflet_comment) {
        (Some((url, updated)), Some(c)) => writeln!(
            s,
            "privacy_leaflet:\n  url: {url}\n  updated_on: {updated}         # {c}"
        )?,
        (Some((url, updated)), None) => {
            writeln!(s, "privacy_leaflet:\n  url: {url}\n  updated_on: {updated}")?
        }
        (None, Some(c)) => writeln!(s, "# {c}")?,
        (None, None) => {}
    }
    match p.hosting_comment {
        Some(c) => writeln!(
            s,
            "hosting:\n  countries: [{}]{}# {c}",
            p.hosting.join(", "),
            " ".repeat(20usize.saturating_sub(p.hosting.join(", ").len()).max(1))
        )?,
        None => writeln!(s, "hosting:\n  countries: [{}]", p.hosting.join(", "))?,
    }
    if !p.subprocessors.is_empty() {
        s.push_str("subprocessors:\n");
        for (name, service, country) in &p.subprocessors {
            writeln!(
                s,
                "  - name: {name}\n    service: {service}\n    country: {country}"
            )?;
        }
    }
    if p.transfers.is_empty() {
        if p.convenant.is_some() {
            s.push_str("transfers: []\n");
        }
    } else {
        s.push_str("transfers:\n");
        for (country, mechanism, tia) in &p.transfers {
            writeln!(s, "  - country: {country}\n    mechanism: {mechanism}")?;
            if let Some(tia) = tia {
                writeln!(s, "    tia: {tia}")?;
            }
        }
    }
    if p.agreement.status != "none" {
        if p.terms_comments {
            writeln!(
                s,
                "breach_notification_hours: {:<6} # artikel 9 van de verwerkersovereenkomst",
                p.breach_hours
            )?;
            writeln!(
                s,
                "retention:\n  delete_after_contract_days: {:<4} # teruglevering via export, daarna verwijdering",
                p.retention_days
            )?;
        } else {
            writeln!(s, "breach_notification_hours: {}", p.breach_hours)?;
            writeln!(
                s,
                "retention:\n  delete_after_contract_days: {}",
                p.retention_days
            )?;
        }
    }
    if !p.certifications.is_empty() {
        writeln!(s, "security:\n  certifications: {}", p.certifications)?;
    }
    if p.agreement.status != "none" {
        match &p.dpia {
            (status, Some(d)) => writeln!(s, "dpia:\n  status: {status}\n  date: {d}")?,
            (status, None) => writeln!(s, "dpia:\n  status: {status}")?,
        }
    }
    match p.images {
        (false, _, _) => s.push_str("images:\n  processed: false\n"),
        (true, published, consent) => {
            writeln!(s, "images:\n  processed: true\n  published: {published}")?;
            if let Some(c) = consent {
                writeln!(
                    s,
                    "  consent: {c}                # jaarlijkse privacyvoorkeuren van ouders"
                )?;
            }
        }
    }
    Ok(())
}

/// A schema error a person makes: an unquoted KvK number, a typo in a key, a Dutch enum value,
/// a list written as a single value.
fn schema_error(rng: &mut Rng, text: &str) -> String {
    let options: [(&str, &str); 5] = [
        ("breach_notification_hours:", "breach_notification_hour:"),
        ("\ntype: ", "\ntype: lesmateriaal\n# was: "),
        ("\nlawful_basis: ", "\nlawful_basis: publieke_taak\n# was: "),
        ("\ndata_subjects: ", "\ndata_subjects: leerlingen\n# was: "),
        ("\nsectors: ", "\nsector: "),
    ];
    let (from, to) = *rng.pick(&options);
    if text.contains(from) {
        text.replacen(from, to, 1)
    } else {
        text.replacen("\nname: ", "\nnaam: ", 1)
    }
}

/// Invalid YAML: a stray indentation, an unclosed quote or bracket, a tab, a repeated key.
fn invalid_yaml(rng: &mut Rng, text: &str) -> String {
    let options: [(&str, &str); 5] = [
        ("\nname: ", "\n name: "),
        ("\nsectors: [", "\nsectors: [po, vo\n# "),
        ("\ntype: ", "\nname: dubbel ingevoerd\ntype: "),
        ("\nlawful_basis: ", "\nlawful_basis: \"public_task\n# "),
        ("\nhosting:\n  ", "\nhosting:\n\t"),
    ];
    let (from, to) = *rng.pick(&options);
    text.replacen(from, to, 1)
}
