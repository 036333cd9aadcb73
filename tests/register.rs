//! End-to-end tests of `ibp-lint report` (the register): Markdown and CSV snapshots of the
//! example inventory in English and Dutch, the CSV read back with a strict RFC 4180 reader,
//! values from many hands escaped in every format, the HTML self-contained, and the page
//! rendered by a headless Chromium when one is installed.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{TODAY, ibp};

use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};
use std::time::{Duration, Instant};

const INVENTORY: &str = "fixtures/inventory";
const VALID: &str = include_str!("../fixtures/inventory/sommenstorm.yaml");

/// `report --today TODAY ARGS...`: exit code, standard output, standard error.
fn report(args: &[&str]) -> (i32, String, String) {
    let out = ibp()
        .args(["report", "--today", TODAY])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The register of `args` in `format`; the run must succeed without a word on stderr.
fn register(format: &str, args: &[&str]) -> String {
    let mut all = vec!["--format", format];
    all.extend_from_slice(args);
    let (code, stdout, stderr) = report(&all);
    assert_eq!(code, 0, "report {all:?} failed: {stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    stdout
}

/// A temporary inventory with the given files (name, content).
fn inventory(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, content) in files {
        std::fs::write(dir.path().join(name), content).unwrap();
    }
    dir
}

/// The example declaration with another id and supplier name (a double-quoted YAML scalar).
fn declaration(id: &str, supplier_yaml: &str) -> String {
    let text = VALID
        .replace("id: sommenstorm", &format!("id: {id}"))
        .replace(
            "  name: Leerlijn Uitgevers B.V.",
            &format!("  name: {supplier_yaml}"),
        );
    assert_ne!(text, VALID);
    text
}

fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Reads `;`-separated CSV strictly by RFC 4180: a field is quoted or not; in a quoted field
/// `""` is a quote and anything else (`;`, CR, LF) is data; every record ends with CRLF;
/// a quote inside an unquoted field, a bare CR or LF outside quotes, or text after a closing
/// quote is an error.
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let (mut quoted, mut closed) = (false, false);
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => (quoted, closed) = (false, true),
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() && !closed => quoted = true,
            ';' => {
                row.push(std::mem::take(&mut field));
                closed = false;
            }
            '\r' => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
                closed = false;
            }
            '"' => panic!("quote inside an unquoted field after {field:?}"),
            '\n' => panic!("LF without CR after {field:?}"),
            c if closed => panic!("{c:?} after a closing quote"),
            c => field.push(c),
        }
    }
    assert!(!quoted, "unterminated quoted field");
    assert!(
        field.is_empty() && row.is_empty(),
        "the last record does not end with CRLF"
    );
    rows
}

/// The CSV without its BOM, read back; checks the BOM and that every row has the header's width.
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let body = text.strip_prefix('\u{feff}').expect("a UTF-8 BOM");
    let rows = read_csv(body);
    let width = rows.first().map(Vec::len).unwrap();
    for row in &rows {
        assert_eq!(row.len(), width, "{row:?}");
    }
    rows
}

fn column<'a>(rows: &'a [Vec<String>], name: &str) -> Vec<&'a str> {
    let i = rows[0].iter().position(|h| h == name).unwrap();
    rows[1..].iter().map(|r| r[i].as_str()).collect()
}

/// The example inventory's resource ids in file order.
fn example_ids() -> Vec<String> {
    let mut ids: Vec<String> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(INVENTORY))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".yaml") && n != "ibp-lint.yaml")
            .map(|n| n.trim_end_matches(".yaml").to_string())
            .collect();
    ids.sort();
    ids
}

#[test]
fn markdown_register_of_the_example_inventory() {
    let en = register("markdown", &[INVENTORY]);
    let nl = register("markdown", &[INVENTORY, "--lang", "nl"]);
    assert!(en.starts_with("# Register of digital learning resources\n"));
    assert!(nl.starts_with("# Register van digitale leermiddelen\n"));
    assert!(nl.contains("| [Peilwijzer Toetsen](#resource-peilwijzer) | Meetlat Toetsontwikkeling B.V. | ✗ 115 dagen geleden verlopen |"));
    assert!(nl.contains("| pseudoniem | `eckid` (`eck_id`) |"));
    // Every finding of the run appears once, each linked to its rule.
    let out = ibp()
        .args(["check", "--format", "json", "--today", TODAY, INVENTORY])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 21);
    let place = |f: &serde_json::Value| format!("`{}:{}`", f["file"].as_str().unwrap(), f["line"]);
    for f in findings {
        let code = f["code"].as_str().unwrap();
        let line = place(f);
        // vlugvinger's line 24 carries two findings (PURP-003 and PURP-001): one row each.
        let on_line = findings.iter().filter(|g| place(g) == line).count();
        assert_eq!(en.matches(&line).count(), on_line, "{line}");
        assert!(en.contains(&format!("<a id=\"rule-{}\"></a>", code.to_lowercase())));
    }
    insta::assert_snapshot!("register_markdown_en", en);
    insta::assert_snapshot!("register_markdown_nl", nl);
}

#[test]
fn csv_register_of_the_example_inventory() {
    for (lang, header) in [
        (
            "en",
            ibp_lint::register::columns::header(ibp_lint::lang::Lang::En),
        ),
        (
            "nl",
            ibp_lint::register::columns::header(ibp_lint::lang::Lang::Nl),
        ),
    ] {
        let text = register("csv", &[INVENTORY, "--lang", lang]);
        assert!(text.starts_with('\u{feff}'), "BOM");
        assert!(
            !text.replace("\r\n", "").contains('\n'),
            "every line ends in CRLF"
        );
        let rows = csv_rows(&text);
        assert_eq!(rows[0], header, "the header is the documented columns");
        assert_eq!(rows.len(), 1 + 10, "one row per resource");
        assert_eq!(column(&rows, header[0]), example_ids());
        insta::assert_snapshot!(
            format!("register_csv_{lang}"),
            text.trim_start_matches('\u{feff}').replace("\r\n", "\n")
        );
    }
    let ids: Vec<&str> = ibp_lint::register::columns::columns()
        .iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(
        ibp_lint::register::columns::header(ibp_lint::lang::Lang::En),
        ids
    );
}

#[test]
fn csv_values_round_trip_and_formulas_are_defused() {
    let awkward = "Jansen; \"De Boer\" & Zn.\nafdeling Privacy, Utrecht";
    let dir = inventory(&[
        (
            "a.yaml",
            &declaration(
                "a",
                r#""Jansen; \"De Boer\" & Zn.\nafdeling Privacy, Utrecht""#,
            ),
        ),
        (
            "b.yaml",
            &declaration("b", r#""=HYPERLINK(\"https://evil.example\";\"klik\")""#),
        ),
        ("c.yaml", &declaration("c", r#""+31 20 123""#)),
        ("d.yaml", &declaration("d", r#""@SUM(A1)""#)),
        ("e.yaml", &declaration("e", r#""-2+3""#)),
    ]);
    let text = register("csv", &[path_str(dir.path())]);
    let rows = csv_rows(&text);
    assert_eq!(rows.len(), 1 + 5);
    assert_eq!(
        column(&rows, "supplier"),
        [
            awkward,
            "'=HYPERLINK(\"https://evil.example\";\"klik\")",
            "'+31 20 123",
            "'@SUM(A1)",
            "'-2+3"
        ]
    );
}

#[test]
fn csv_lists_the_files_that_are_not_in_the_register() {
    let dir = inventory(&[
        ("a.yaml", &declaration("a", "Leverancier B.V.")),
        ("b-broken.yaml", "apiVersion: ibp-lint/v1\nkind: [\n"),
        (
            "c-typo.yaml",
            &format!("{}\nfoo: bar\n", declaration("c", "X B.V.")),
        ),
    ]);
    for (lang, status) in [("en", "not_in_register"), ("nl", "niet in het register")] {
        let text = register("csv", &[path_str(dir.path()), "--lang", lang]);
        let rows = csv_rows(&text);
        assert_eq!(rows.len(), 1 + 3, "{rows:?}");
        let header = &rows[0];
        let at = |en: &str, nl: &str| {
            let name = if lang == "en" { en } else { nl };
            header.iter().position(|h| h == name).unwrap()
        };
        let file = at("file", "bestand");
        let status_at = at("status", "status");
        let findings_at = at("findings", "bevindingen");
        let broken = &rows[2];
        assert!(broken[file].ends_with("b-broken.yaml"), "{broken:?}");
        assert_eq!(broken[status_at], status);
        assert!(broken[findings_at].starts_with("DECL-001 "), "{broken:?}");
        assert!(
            rows[3][findings_at].starts_with("DECL-002 "),
            "{:?}",
            rows[3]
        );
        assert_eq!(
            broken[0], "",
            "no resource id on a file that is not in the register"
        );
        assert_ne!(
            rows[1][status_at], status,
            "a resource keeps its own status"
        );
    }
}

/// The example declaration with every key of catalogue 2 that the register shows. A test-local
/// declaration, so that the example inventory's findings stay as many tests count them.
fn catalogue_2_declaration() -> String {
    let text = VALID
        .replace("id: sommenstorm", "id: schrijfcoach")
        .replace(
            "  privacy_contact: privacy@leerlijn.example\n",
            "  privacy_contact: privacy@leerlijn.example\n  role: joint_controller\n  own_purposes: [support]\n",
        )
        .replace(
            "retention:\n  delete_after_contract_days: 60\n",
            "retention:\n  delete_after_contract_days: 60\n  return_on_exit:\n    formats: [CSV, EDEXML]\n    days: 30\n  deletion_certificate: true\n",
        )
        .replace(
            "security:\n  certifications: [ISO27001]\n",
            "security:\n  certifications: [ISO27001]\n  vulnerability_disclosure:\n    url: https://www.leerlijn.example/cvd\n    security_txt: false\n  pentest_on: 2025-05-01\n",
        );
    let text = format!(
        "{text}disclosure_basis: art. 42 WPO, OSO
subprocessor_terms:
  authorisation: general
  notice_days: 30
  objection: object
tracking:
  - vendor: Matomo
    purpose: analytics
    country: NL
  - vendor: Lettertypen Cloud
    purpose: functional
processing:
  profiling: false
  behaviour_monitoring: false
  emotion_recognition: false
  ai_features:
    - name: Rekenmaatje
      purpose: hints bij sommen
      assesses_learning: true
rights_support:
  access: true
  rectification: true
  erasure: true
  objection: false
  export: true
  response_working_days: 10
"
    );
    for key in [
        "role:",
        "own_purposes:",
        "return_on_exit:",
        "deletion_certificate:",
        "vulnerability_disclosure:",
        "pentest_on:",
    ] {
        assert!(text.contains(key), "{key}");
    }
    text
}

/// The fact lines (`- **term:** value`) of the first resource of a Markdown register: what the
/// register says about the resource, without its status and findings (those follow the rules,
/// which change more often than the register).
fn resource_facts(md: &str) -> String {
    let start = md.find("<a id=\"resource-").unwrap();
    let section = &md[start..];
    let end = ["\n#### Open findings\n", "\n#### Openstaande bevindingen\n"]
        .iter()
        .find_map(|h| section.find(h))
        .unwrap();
    section[..end]
        .lines()
        .filter(|l| l.starts_with("- **"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_register_shows_the_keys_of_catalogue_2() {
    let dir = inventory(&[("schrijfcoach.yaml", &catalogue_2_declaration())]);
    let path = path_str(dir.path());

    let en = register("markdown", &[path]);
    let nl = register("markdown", &[path, "--lang", "nl"]);
    assert_tables_keep_their_columns(&en);
    insta::assert_snapshot!("register_catalogue_2_facts_en", resource_facts(&en));
    insta::assert_snapshot!("register_catalogue_2_facts_nl", resource_facts(&nl));

    let html = register("html", &[path]);
    for expected in [
        "<dt>Role</dt><dd>joint controller; own purposes: support; basis of the disclosure: art. 42 WPO, OSO</dd>",
        "<dt>Subprocessor terms</dt><dd>general written authorisation, notice: 30 days, the school can object</dd>",
        "<dt>Cookies and trackers</dt><dd>Matomo (analytics, NL), Lettertypen Cloud (functional)</dd>",
        "<dt>Profiling and monitoring</dt><dd>profiling: no, behaviour monitoring: no, emotion recognition: no</dd>",
        "<dt>AI functions</dt><dd>Rekenmaatje (hints bij sommen, evaluates or steers learning: yes)</dd>",
        "<dt>Exit arrangements</dt><dd>returned as CSV, EDEXML within 30 days after the contract ends; deletion confirmed in writing: yes</dd>",
        "<dt>Vulnerability disclosure (CVD)</dt><dd><a href=\"https://www.leerlijn.example/cvd\" rel=\"noreferrer\">https://www.leerlijn.example/cvd</a>, security.txt: no</dd>",
        "<dt>Last penetration test</dt><dd>2025-05-01</dd>",
    ] {
        assert!(html.contains(expected), "the HTML lacks {expected}");
    }
    // A resource without them says so.
    let example = register("html", &["fixtures/inventory/sommenstorm.yaml"]);
    for expected in [
        "<dt>Role</dt><dd>not declared (processor by default)</dd>",
        "<dt>Cookies and trackers</dt><dd><span class=\"muted\">not declared</span></dd>",
        "<dt>Last penetration test</dt><dd><span class=\"muted\">not declared</span></dd>",
    ] {
        assert!(example.contains(expected), "the HTML lacks {expected}");
    }

    let expected: [(&str, &str, &str, &str); 24] = [
        (
            "supplier_role",
            "joint_controller",
            "rol leverancier",
            "gezamenlijke verwerkingsverantwoordelijke",
        ),
        (
            "supplier_own_purposes",
            "support",
            "eigen doelen leverancier",
            "begeleiding",
        ),
        (
            "disclosure_basis",
            "art. 42 WPO, OSO",
            "grondslag verstrekking",
            "art. 42 WPO, OSO",
        ),
        (
            "subprocessor_authorisation",
            "general",
            "toestemming subverwerkers",
            "algemene schriftelijke toestemming",
        ),
        (
            "subprocessor_notice_days",
            "30",
            "aankondiging nieuwe subverwerker (dagen)",
            "30",
        ),
        (
            "subprocessor_objection",
            "object",
            "bezwaar tegen nieuwe subverwerker",
            "de school kan bezwaar maken",
        ),
        (
            "tracking",
            "Matomo (analytics, NL) | Lettertypen Cloud (functional)",
            "cookies en trackers",
            "Matomo (analyse, NL) | Lettertypen Cloud (functioneel)",
        ),
        ("processing_profiling", "false", "profilering", "nee"),
        (
            "processing_automated_decisions",
            "",
            "geautomatiseerde besluiten",
            "",
        ),
        (
            "processing_behaviour_monitoring",
            "false",
            "monitoren van gedrag",
            "nee",
        ),
        (
            "processing_emotion_recognition",
            "false",
            "emotieherkenning",
            "nee",
        ),
        (
            "ai_features",
            "Rekenmaatje (hints bij sommen, assesses_learning: true)",
            "AI-functies",
            "Rekenmaatje (hints bij sommen, assesses_learning: ja)",
        ),
        ("rights_access", "true", "hulp bij inzage", "ja"),
        (
            "rights_rectification",
            "true",
            "hulp bij rectificatie",
            "ja",
        ),
        ("rights_erasure", "true", "hulp bij wissen", "ja"),
        ("rights_objection", "false", "hulp bij bezwaar", "nee"),
        ("rights_export", "true", "hulp bij export", "ja"),
        (
            "rights_response_working_days",
            "10",
            "antwoord op verzoek (werkdagen)",
            "10",
        ),
        (
            "return_on_exit_formats",
            "CSV | EDEXML",
            "formaten teruggave",
            "CSV | EDEXML",
        ),
        (
            "return_on_exit_days",
            "30",
            "teruggave na contract (dagen)",
            "30",
        ),
        (
            "deletion_certificate",
            "true",
            "verwijdering schriftelijk bevestigd",
            "ja",
        ),
        (
            "vulnerability_disclosure_url",
            "https://www.leerlijn.example/cvd",
            "beleid melden kwetsbaarheden",
            "https://www.leerlijn.example/cvd",
        ),
        ("security_txt", "false", "security.txt", "nee"),
        (
            "pentest_on",
            "2025-05-01",
            "laatste penetratietest",
            "2025-05-01",
        ),
    ];
    let rows_en = csv_rows(&register("csv", &[path]));
    let rows_nl = csv_rows(&register("csv", &[path, "--lang", "nl"]));
    // The new columns follow the columns of v1, which keep their places.
    let file_at = rows_en[0].iter().position(|h| h == "file").unwrap();
    let new: Vec<&str> = rows_en[0][file_at + 1..]
        .iter()
        .map(String::as_str)
        .collect();
    // Catalogue 2's columns first, then those `import` added.
    assert_eq!(new[..expected.len()], expected.map(|e| e.0));
    for (id, en_value, nl_head, nl_value) in expected {
        assert_eq!(column(&rows_en, id), [en_value], "{id}");
        assert_eq!(column(&rows_nl, nl_head), [nl_value], "{nl_head}");
    }
    // The example declaration has none of them: empty cells.
    let example = csv_rows(&register("csv", &["fixtures/inventory/sommenstorm.yaml"]));
    for (id, ..) in expected {
        assert_eq!(column(&example, id), [""], "{id}");
    }
}

#[test]
fn every_format_escapes_values_from_the_yaml() {
    let evil = VALID
        .replace("id: sommenstorm", "id: evil")
        .replace(
            "name: Sommenstorm Groep 3-8",
            "name: \"<img src=x onerror=alert(2)> | [x](javascript:alert(3))\"",
        )
        .replace(
            "  name: Leerlijn Uitgevers B.V.",
            "  name: \"<script>alert(1)</script>\"",
        )
        .replace(
            "  privacy_contact: privacy@leerlijn.example",
            // Still an e-mail address or URL for the schema (`mailto:` and no spaces).
            "  privacy_contact: \"mailto:x\\\"><svg/onload=alert(4)>\"",
        )
        .replace(
            "  url: https://www.leerlijn.example/privacy/privacybijsluiter-sommenstorm.pdf",
            "  url: \"javascript:alert(5)\"",
        )
        .replace("  - voornaam\n", "  - voornaam\n  - \"<b>x|y</b>\"\n")
        .replace(
            "security:\n  certifications: [ISO27001]\n",
            "security:\n  certifications: [ISO27001]\n  vulnerability_disclosure:\n    url: \"javascript:alert(6)\"\n",
        );
    let evil = format!(
        "{evil}tracking:\n  - vendor: \"<svg/onload=alert(7)> | x\"\nprocessing:\n  ai_features:\n    - name: \"<img src=y onerror=alert(8)>\"\n      purpose: \"[x](javascript:alert(9))\"\n"
    );
    assert!(evil.contains("<b>x|y</b>") && evil.contains("javascript:alert(5)"));
    assert!(evil.contains("javascript:alert(6)") && evil.contains("alert(8)"));
    let dir = inventory(&[("evil.yaml", &evil)]);
    let path = path_str(dir.path());

    let html = register("html", &[path]);
    for raw in [
        "<script>alert",
        "<img",
        "<svg",
        "<b>",
        "href=\"javascript",
        "\"><svg",
    ] {
        assert!(!html.contains(raw), "unescaped `{raw}` in the HTML");
    }
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&lt;img src=x onerror=alert(2)&gt;"));
    assert!(html.contains("mailto:x&quot;&gt;&lt;svg/onload=alert(4)&gt;"));
    assert!(
        html.contains("<dd>javascript:alert(6)</dd>"),
        "a CVD URL that is no link"
    );
    assert!(html.contains("&lt;svg/onload=alert(7)&gt; | x"));
    assert!(html.contains("&lt;img src=y onerror=alert(8)&gt;"));
    assert_eq!(
        html.matches("<script").count(),
        1,
        "only the sorting script"
    );

    let md = register("markdown", &[path]);
    // Outside code spans (which show their text literally), markup must be escaped.
    let prose: String = md
        .lines()
        .map(|l| l.split('`').step_by(2).collect::<Vec<_>>().join("`…`"))
        .collect::<Vec<_>>()
        .join("\n");
    for raw in ["<script>", "<img", "<svg", "<b>", "](javascript"] {
        let bare = prose
            .match_indices(raw)
            .any(|(i, _)| !prose[..i].ends_with('\\'));
        assert!(!bare, "unescaped `{raw}` in the Markdown");
    }
    assert!(md.contains("\\<script\\>alert(1)\\</script\\>"));
    assert!(md.contains("\\<svg/onload=alert(7)\\> \\| x"));
    assert!(md.contains("\\[x\\](javascript:alert(9))"));
    assert_tables_keep_their_columns(&md);

    let csv = register("csv", &[path]);
    let rows = csv_rows(&csv);
    assert_eq!(column(&rows, "supplier"), ["<script>alert(1)</script>"]);
    // A vendor name holding the list separator is quoted, so `import` reads it back whole.
    assert_eq!(column(&rows, "tracking"), ["\"<svg/onload=alert(7)> | x\""]);
}

/// Every row of every Markdown table has as many cells (unescaped `|`) as its header.
fn assert_tables_keep_their_columns(md: &str) {
    let cells = |line: &str| {
        let mut n = 0;
        let mut escaped = false;
        for c in line.chars() {
            match c {
                '\\' if !escaped => {
                    escaped = true;
                    continue;
                }
                '|' if !escaped => n += 1,
                _ => {}
            }
            escaped = false;
        }
        n
    };
    let mut width = None;
    for line in md.lines() {
        if line.starts_with('|') {
            let n = cells(line);
            assert_eq!(*width.get_or_insert(n), n, "{line}");
        } else {
            width = None;
        }
    }
}

#[test]
fn html_is_self_contained() {
    let html = register("html", &[INVENTORY]);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n"));
    let lower = html.to_lowercase();
    for banned in [
        "src=", "<link", "@import", "url(", "<iframe", "<object", "<embed",
    ] {
        assert!(!lower.contains(banned), "`{banned}` in the page");
    }
    assert!(
        html.contains("content=\"default-src 'none';"),
        "a CSP that forbids requests"
    );
    // The only links out are the leaflet URLs of the declarations (data).
    let leaflets: Vec<String> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(INVENTORY))
            .unwrap()
            .flat_map(|e| {
                let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
                text.lines()
                    .filter_map(|l| l.trim().strip_prefix("url: "))
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect();
    let mut external = 0;
    for part in html.split("href=\"").skip(1) {
        let target = &part[..part.find('"').unwrap()];
        if target.starts_with('#') {
            continue;
        }
        assert!(
            leaflets.iter().any(|l| l == target),
            "external href {target}"
        );
        external += 1;
    }
    assert_eq!(
        external, 8,
        "one link per leaflet (schoolsite and vlugvinger have none)"
    );
    // Every in-page link has its target.
    for part in html.split("href=\"#").skip(1) {
        let target = &part[..part.find('"').unwrap()];
        assert!(
            html.contains(&format!("id=\"{target}\"")),
            "no target for #{target}"
        );
    }
}

#[test]
fn language_follows_the_flag_then_the_environment() {
    let nl = register("html", &[INVENTORY, "--lang", "nl"]);
    assert!(nl.contains("<html lang=\"nl\">"));
    assert!(nl.contains("<h1>Register van digitale leermiddelen</h1>"));
    for word in [
        "deelnemer",
        "medestander",
        "ondertekend",
        "direct identificerend",
        "toets",
        "met fouten",
    ] {
        assert!(nl.contains(word), "{word}");
    }
    let out = ibp()
        .env("LANG", "nl_NL.UTF-8")
        .args(["report", "--format", "html", "--today", TODAY, INVENTORY])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("<html lang=\"nl\">")
    );
    let out = ibp()
        .env("LANG", "nl_NL.UTF-8")
        .args([
            "report", "--format", "html", "--lang", "en", "--today", TODAY, INVENTORY,
        ])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("<html lang=\"en\">")
    );
}

#[test]
fn output_is_written_atomically_and_findings_do_not_fail_the_report() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["html", "markdown", "csv"] {
        let file = dir.path().join(format!("register.{format}"));
        let (code, stdout, stderr) =
            report(&["--format", format, "--output", path_str(&file), INVENTORY]);
        assert_eq!(
            code, 0,
            "the example inventory has errors, still exit 0: {stderr}"
        );
        assert!(stdout.is_empty() && stderr.is_empty());
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            register(format, &[INVENTORY]),
            "the file holds what standard output would"
        );
    }
    let left: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "tmp"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
    // The same input gives the same bytes.
    assert_eq!(
        register("html", &[INVENTORY]),
        register("html", &[INVENTORY])
    );
}

#[test]
fn tool_errors_exit_2() {
    let empty = tempfile::tempdir().unwrap();
    let (code, _, stderr) = report(&["--format", "csv", path_str(empty.path())]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no declaration files"), "{stderr}");
    let (code, _, stderr) = report(&["--format", "csv", "--config", "missing.yaml", INVENTORY]);
    assert_eq!(code, 2, "{stderr}");
    let (code, _, _) = report(&[INVENTORY]);
    assert_eq!(code, 2, "--format is required");
    let (code, _, _) = report(&["--format", "pdf", INVENTORY]);
    assert_eq!(code, 2);
    let out = ibp()
        .args([
            "report",
            "--format",
            "csv",
            "--today",
            "23-11-2026",
            INVENTORY,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn files_that_are_not_declarations_are_listed_with_their_findings() {
    let dir = inventory(&[
        ("a.yaml", &declaration("a", "Voorbeeld B.V.")),
        (
            "broken.yaml",
            "apiVersion: ibp-lint/v1\nkind: LearningResource\nid: [unclosed\n",
        ),
        (
            "wrong.yaml",
            "apiVersion: ibp-lint/v1\nkind: LearningResource\nid: wrong\n",
        ),
    ]);
    let md = register("markdown", &[path_str(dir.path())]);
    let section = &md[md.find("## Files not in the register").unwrap()..];
    assert!(section.contains("broken.yaml"), "{section}");
    assert!(
        section.contains("[`DECL-001`](#rule-decl-001)"),
        "{section}"
    );
    assert!(section.contains("wrong.yaml"), "{section}");
    assert!(
        section.contains("[`DECL-002`](#rule-decl-002)"),
        "{section}"
    );
    assert!(md.contains("<a id=\"rule-decl-001\"></a>"));
    let csv = register("csv", &[path_str(dir.path())]);
    let rows = csv_rows(&csv);
    assert_eq!(
        column(&rows, "status")[1..],
        ["not_in_register", "not_in_register"],
        "the declaration's row, then a row per file not in the register"
    );
}

/// The board configuration's own findings (an expired waiver) have a section of their own: the
/// configuration is no declaration, so it is not among the files left out of the register.
#[test]
fn board_configuration_findings_are_not_files_left_out() {
    let config = "apiVersion: ibp-lint/v1\nkind: Config\nwaivers:\n  - rule: RET-002\n    resource: a\n    reason: bewaarplicht\n    approved_by: FG\n    expires_on: 2020-01-01\n";
    let dir = inventory(&[
        ("a.yaml", &declaration("a", "Voorbeeld B.V.")),
        ("ibp-lint.yaml", config),
    ]);
    let md = register("markdown", &[path_str(dir.path())]);
    assert!(!md.contains("## Files not in the register"), "{md}");
    assert!(md.contains("| files not in the register | 0 |"), "{md}");
    let section = &md[md.find("## Findings in the board configuration").unwrap()..];
    assert!(section.contains("ibp-lint.yaml"), "{section}");
    assert!(section.contains("WAIVE-002"), "{section}");

    let html = register("html", &[path_str(dir.path())]);
    assert!(html.contains("<section id=\"config-files\""), "{html}");
    assert!(html.contains("<a href=\"#config-files\">"), "{html}");
    assert!(!html.contains("id=\"other-files\""), "{html}");

    for (lang, status) in [
        ("en", "board_configuration"),
        ("nl", "configuratie van het bestuur"),
    ] {
        let csv = register("csv", &["--lang", lang, path_str(dir.path())]);
        let rows = csv_rows(&csv);
        let statuses = column(&rows, "status");
        assert_eq!(statuses.len(), 2, "{csv}");
        assert_eq!(statuses[1], status, "{csv}");
    }
}

// ---------------------------------------------------------------------------------------------
// Headless browser
// ---------------------------------------------------------------------------------------------

const CHROMIUM: &str = "/usr/bin/chromium";

/// Runs a command with a time limit; returns (success, stdout, stderr).
fn run_with_timeout(cmd: &mut Process, limit: Duration) -> (bool, String, String) {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Drain both pipes on threads so a chatty browser cannot block on a full pipe.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut out, &mut s).ok();
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut err, &mut s).ok();
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let (out, err) = (out.join().unwrap(), err.join().unwrap());
    assert!(
        status.is_some(),
        "chromium did not finish within {limit:?}: {err}"
    );
    (status.is_some_and(|s| s.success()), out, err)
}

/// Chromium, installed with apt when `IBP_LINT_INSTALL_BROWSER=1` and missing.
fn chromium() -> Option<PathBuf> {
    let path = PathBuf::from(CHROMIUM);
    if !path.exists() && std::env::var("IBP_LINT_INSTALL_BROWSER").as_deref() == Ok("1") {
        eprintln!("installing chromium with apt-get (IBP_LINT_INSTALL_BROWSER=1)");
        let _ = Process::new("apt-get").arg("update").status();
        let _ = Process::new("apt-get")
            .args(["install", "-y", "chromium"])
            .status();
    }
    path.exists().then_some(path)
}

fn browser(chromium: &Path, profile: &Path) -> Process {
    let mut cmd = Process::new(chromium);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    cmd
}

#[test]
fn html_renders_in_a_headless_browser() {
    let Some(chromium) = chromium() else {
        eprintln!(
            "\n{0}\n!! SKIPPED html_renders_in_a_headless_browser: {CHROMIUM} is not installed.\n!! \
             Install it (apt-get install -y chromium) or set IBP_LINT_INSTALL_BROWSER=1.\n{0}\n",
            "!".repeat(78)
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("register.html");
    let (code, _, stderr) = report(&[
        "--format",
        "html",
        "--lang",
        "nl",
        "--output",
        path_str(&page),
        INVENTORY,
    ]);
    assert_eq!(code, 0, "{stderr}");
    let url = format!("file://{}", page.display());

    // A screenshot of the top of the page: a real, non-blank PNG.
    let shot = dir.path().join("register.png");
    let profile = tempfile::tempdir().unwrap();
    let (ok, _, err) = run_with_timeout(
        browser(&chromium, profile.path())
            .arg(format!("--screenshot={}", shot.display()))
            .arg("--window-size=1280,2000")
            .arg(&url),
        Duration::from_secs(120),
    );
    assert!(ok, "chromium --screenshot failed: {err}");
    let png = std::fs::read(&shot).expect("a screenshot");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    let (width, height) = (
        u32::from_be_bytes(png[16..20].try_into().unwrap()),
        u32::from_be_bytes(png[20..24].try_into().unwrap()),
    );
    assert_eq!((width, height), (1280, 2000));
    // A blank page of this size compresses to about 10 KB; the register's top is far more.
    assert!(
        png.len() > 60_000,
        "the screenshot looks blank: {} bytes",
        png.len()
    );

    // The DOM after scripts ran, with the console on stderr: the sorting script ran (the CSP
    // admitted it by its hash) and nothing reached the console. This Chromium logs uncaught
    // exceptions and CSP violations as `INFO:CONSOLE`, so any `:CONSOLE` line fails.
    let profile = tempfile::tempdir().unwrap();
    let (ok, dom, log) = run_with_timeout(
        browser(&chromium, profile.path())
            .args(["--enable-logging=stderr", "--v=0", "--dump-dom"])
            .arg(&url),
        Duration::from_secs(120),
    );
    assert!(ok, "chromium --dump-dom failed: {log}");
    assert!(
        dom.contains("<html lang=\"nl\">"),
        "{}",
        &dom[..dom.len().min(300)]
    );
    assert_eq!(
        dom.matches("<button type=\"button\">").count(),
        6,
        "the sorting script did not run"
    );
    let console: Vec<&str> = log
        .lines()
        .filter(|l| l.contains(":CONSOLE") || l.contains("Uncaught"))
        .collect();
    assert!(console.is_empty(), "console messages: {console:#?}");
}
