//! `ibp-lint report`: the inventory as the board's register of digital learning resources
//! (the processing register of AVG art. 30, and the "register of the parties we exchange pupil
//! data with" that school letters promise parents).
//!
//! The register is computed from the same run as `check` (a [`Report`] made with
//! `keep_documents`), so it can never disagree with it. [`Register::build`] turns the report
//! into one model, built once: per schema-valid declaration its supplier, the personal data it
//! receives grouped by category, purposes, agreement, convenant, leaflet, hosting, retention,
//! the keys of catalogue 2 (role, subprocessor terms, trackers, processing and AI functions,
//! rights support, exit, CVD) and open findings; the overview counts; the files that are not in the register; and the
//! rules that occur. Every label is already in the run's language there. The formats
//! ([`html`], [`markdown`], [`csv`]) only lay that model out and escape what came from the YAML;
//! they decide nothing.
//!
//! "Open" findings are the ones not waived; a waived finding is counted per resource as
//! waived but not listed. The output holds no clock time: the only date is the run's `today`,
//! so the same inventory and `--today` give the same bytes.

mod build;
mod cells;
pub mod columns;
pub mod csv;
pub mod html;
pub mod markdown;
mod model;
mod phrases;
pub mod xlsx;

pub(crate) use crate::words::register as labels;
pub use model::*;
pub use phrases::*;

use crate::report::Report;

/// The `--format` values of `report`.
/// (The command line offers them through `cli`'s `clap::ValueEnum` implementation.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegisterFormat {
    /// One self-contained HTML page (inline CSS, no external requests), for screen and paper.
    Html,
    /// GitHub-flavoured Markdown, for a wiki or repository.
    Markdown,
    /// One row per resource, `;`-separated UTF-8 with BOM, for Excel and LibreOffice.
    Csv,
    /// An Excel workbook: resources (frozen, filterable header, real dates), open findings and
    /// the overview, each on its own sheet.
    Xlsx,
}

/// Renders the register of `report` in `format`: the bytes of the file.
pub fn render(report: &Report, format: RegisterFormat) -> Result<Vec<u8>, xlsx::XlsxFailure> {
    let register = Register::build(report);
    Ok(match format {
        RegisterFormat::Html => html::render(&register).into_bytes(),
        RegisterFormat::Markdown => markdown::render(&register).into_bytes(),
        RegisterFormat::Csv => csv::render(&register).into_bytes(),
        RegisterFormat::Xlsx => xlsx::render(&register)?,
    })
}

#[cfg(test)]
mod tests {
    use super::build::resource;
    use super::*;
    use crate::lang::Lang;
    use crate::report::Declaration;
    use chrono::NaiveDate;

    #[test]
    fn messages_split_at_paired_backticks() {
        assert_eq!(
            segments("`a` is received with `b`"),
            vec![(true, "a"), (false, " is received with "), (true, "b")]
        );
        assert_eq!(segments("odd ` tick"), vec![(false, "odd ` tick")]);
        assert_eq!(segments(""), Vec::<(bool, &str)>::new());
    }

    #[test]
    fn only_plain_http_urls_are_links() {
        assert!(linkable("https://www.example.nl/bijsluiter.pdf"));
        assert!(linkable("HTTP://example.nl"));
        assert!(!linkable("javascript:alert(1)"));
        assert!(!linkable("https://example.nl/a b"));
        assert!(!linkable("https://example.nl/\"onmouseover=x"));
        assert!(!linkable("https://"));
        assert!(!linkable("bijsluiter.pdf"));
    }

    /// A declaration with every key of catalogue 2 that the register shows.
    const CATALOGUE_2: &str = r#"
apiVersion: ibp-lint/v1
kind: LearningResource
id: schrijfcoach
name: Schrijfcoach
type: learning_material
supplier:
  name: Taalkracht B.V.
  role: joint_controller
  own_purposes: [product_improvement, support]
disclosure_basis: art. 42 WPO, OSO
subprocessor_terms:
  authorisation: general
  notice_days: 30
  objection: terminate
tracking:
  - vendor: Matomo
    purpose: analytics
    country: nl
  - vendor: Onbekend SDK
processing:
  profiling: true
  automated_decisions: false
  behaviour_monitoring: false
  emotion_recognition: false
  ai_features:
    - name: Feedback op opstellen
      purpose: feedback op schrijfopdrachten
      assesses_learning: true
    - name: Spellingshulp
rights_support:
  access: true
  rectification: true
  erasure: true
  objection: false
  export: true
  response_working_days: 10
retention:
  delete_after_contract_days: 60
  return_on_exit:
    formats: [CSV, EDEXML]
    days: 30
  deletion_certificate: true
security:
  certifications: [ISO27001]
  vulnerability_disclosure:
    url: https://www.taalkracht.example/cvd
    security_txt: true
  pentest_on: 2025-05-01
"#;

    fn build(yaml: &str, lang: Lang) -> Resource {
        let value = crate::parse::parse(yaml).unwrap().value;
        let d = Declaration {
            file: "x.yaml".into(),
            value,
            fields: Vec::new(),
        };
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        resource(&d, &[], lang, today)
    }

    #[test]
    fn the_keys_of_catalogue_2_are_in_the_model() {
        let r = build(CATALOGUE_2, Lang::En);
        assert_eq!(
            r.role,
            Role {
                role: Some(Coded::new("joint_controller", "joint controller")),
                own_purposes: Some(vec![
                    Coded::new("product_improvement", "product improvement"),
                    Coded::new("support", "support"),
                ]),
                disclosure_basis: Some("art. 42 WPO, OSO".into()),
            }
        );
        assert_eq!(
            r.subprocessor_terms,
            SubprocessorTerms {
                authorisation: Some(Coded::new("general", "general written authorisation")),
                notice_days: Some(30),
                objection: Some(Coded::new("terminate", "the school can terminate")),
            }
        );
        assert_eq!(
            r.tracking,
            Some(vec![
                Tracker {
                    vendor: "Matomo".into(),
                    purpose: Some(Coded::new("analytics", "analytics")),
                    // Normalised like every country of the register.
                    country: Some("NL".into()),
                },
                Tracker {
                    vendor: "Onbekend SDK".into(),
                    purpose: None,
                    country: None,
                },
            ])
        );
        assert_eq!(
            r.processing,
            Processing {
                profiling: Some(true),
                automated_decisions: Some(false),
                behaviour_monitoring: Some(false),
                emotion_recognition: Some(false),
                ai_features: Some(vec![
                    AiFeature {
                        name: "Feedback op opstellen".into(),
                        purpose: Some("feedback op schrijfopdrachten".into()),
                        assesses_learning: Some(true),
                    },
                    AiFeature {
                        name: "Spellingshulp".into(),
                        purpose: None,
                        assesses_learning: None,
                    },
                ]),
            }
        );
        assert_eq!(
            r.rights_support,
            RightsSupport {
                access: Some(true),
                rectification: Some(true),
                erasure: Some(true),
                objection: Some(false),
                export: Some(true),
                response_working_days: Some(10),
            }
        );
        assert_eq!(
            r.exit,
            Exit {
                formats: Some(vec!["CSV".into(), "EDEXML".into()]),
                days: Some(30),
                deletion_certificate: Some(true),
            }
        );
        assert_eq!(
            r.cvd,
            Cvd {
                url: Some("https://www.taalkracht.example/cvd".into()),
                linkable: true,
                security_txt: Some(true),
                pentest_on: Some("2025-05-01".into()),
            }
        );
        // The keys of v1 beside them are read as before.
        assert_eq!(r.delete_after_contract_days, Some(60));
        assert_eq!(r.certifications, Some(vec!["ISO27001".to_string()]));
    }

    #[test]
    fn catalogue_2_lines_in_english_and_dutch() {
        let en = build(CATALOGUE_2, Lang::En);
        let nl = build(CATALOGUE_2, Lang::Nl);
        assert_eq!(
            role_line(Lang::En, &en.role),
            "joint controller; own purposes: product improvement, support; basis of the disclosure: art. 42 WPO, OSO"
        );
        assert_eq!(
            role_line(Lang::Nl, &nl.role),
            "gezamenlijke verwerkingsverantwoordelijke; eigen doelen: productverbetering, begeleiding; grondslag van de verstrekking: art. 42 WPO, OSO"
        );
        assert_eq!(
            subprocessor_terms_line(Lang::En, &en.subprocessor_terms).unwrap(),
            "general written authorisation, notice: 30 days, the school can terminate"
        );
        assert_eq!(
            subprocessor_terms_line(Lang::Nl, &nl.subprocessor_terms).unwrap(),
            "algemene schriftelijke toestemming, aankondiging vooraf: 30 dagen, de school kan opzeggen"
        );
        let trackers = |r: &Resource| -> Vec<String> {
            r.tracking.iter().flatten().map(tracker_line).collect()
        };
        assert_eq!(trackers(&en), ["Matomo (analytics, NL)", "Onbekend SDK"]);
        assert_eq!(trackers(&nl), ["Matomo (analyse, NL)", "Onbekend SDK"]);
        assert_eq!(
            processing_line(Lang::En, &en.processing).unwrap(),
            "profiling: yes, automated decisions: no, behaviour monitoring: no, emotion recognition: no"
        );
        assert_eq!(
            processing_line(Lang::Nl, &nl.processing).unwrap(),
            "profilering: ja, geautomatiseerde besluiten: nee, monitoren van gedrag: nee, emotieherkenning: nee"
        );
        let ai = |lang: Lang, r: &Resource| -> Vec<String> {
            r.processing
                .ai_features
                .iter()
                .flatten()
                .map(|f| ai_feature_line(lang, f))
                .collect()
        };
        assert_eq!(
            ai(Lang::En, &en),
            [
                "Feedback op opstellen (feedback op schrijfopdrachten, evaluates or steers learning: yes)",
                "Spellingshulp"
            ]
        );
        assert_eq!(
            ai(Lang::Nl, &nl)[0],
            "Feedback op opstellen (feedback op schrijfopdrachten, beoordeelt of stuurt het leren: ja)"
        );
        assert_eq!(
            rights_line(Lang::En, &en.rights_support).unwrap(),
            "access: yes, rectification: yes, erasure: yes, objection: no, export (portability): yes; response within 10 working days"
        );
        assert_eq!(
            rights_line(Lang::Nl, &nl.rights_support).unwrap(),
            "inzage: ja, rectificatie: ja, wissen: ja, bezwaar: nee, export (overdraagbaarheid): ja; antwoord binnen 10 werkdagen"
        );
        assert_eq!(
            exit_line(Lang::En, &en.exit).unwrap(),
            "returned as CSV, EDEXML within 30 days after the contract ends; deletion confirmed in writing: yes"
        );
        assert_eq!(
            exit_line(Lang::Nl, &nl.exit).unwrap(),
            "teruggegeven als CSV, EDEXML binnen 30 dagen na einde contract; verwijdering schriftelijk bevestigd: ja"
        );
        assert_eq!(cvd_details(Lang::Nl, &nl.cvd), ["security.txt: ja"]);
    }

    #[test]
    fn absent_keys_of_catalogue_2_are_not_declared() {
        let minimal = "id: x\nname: X\ntype: other\nsupplier:\n  name: S\n";
        for lang in [Lang::En, Lang::Nl] {
            let r = build(minimal, lang);
            assert_eq!(r.role, Role::default());
            assert_eq!(r.subprocessor_terms, SubprocessorTerms::default());
            assert_eq!(r.tracking, None);
            assert_eq!(r.processing, Processing::default());
            assert_eq!(r.rights_support, RightsSupport::default());
            assert_eq!(r.exit, Exit::default());
            assert_eq!(r.cvd, Cvd::default());
            assert_eq!(subprocessor_terms_line(lang, &r.subprocessor_terms), None);
            assert_eq!(processing_line(lang, &r.processing), None);
            assert_eq!(rights_line(lang, &r.rights_support), None);
            assert_eq!(exit_line(lang, &r.exit), None);
            assert!(cvd_details(lang, &r.cvd).is_empty());
        }
        // An absent role is what format.md reads it as, and says so.
        let r = build(minimal, Lang::En);
        assert_eq!(
            role_line(Lang::En, &r.role),
            "not declared (processor by default)"
        );
        let r = build(minimal, Lang::Nl);
        assert_eq!(
            role_line(Lang::Nl, &r.role),
            "niet opgegeven (geldt als verwerker)"
        );
    }

    #[test]
    fn declared_empty_differs_from_absent_and_parts_stand_alone() {
        let yaml = "supplier:\n  name: S\n  role: processor\n  own_purposes: []\ntracking: []\n\
                    processing:\n  emotion_recognition: true\n  ai_features: []\n\
                    rights_support:\n  response_working_days: 1\n\
                    retention:\n  return_on_exit:\n    days: 1\n\
                    security:\n  vulnerability_disclosure:\n    url: \"javascript:alert(1)\"\n";
        let r = build(yaml, Lang::En);
        assert_eq!(r.tracking, Some(Vec::new()));
        assert_eq!(r.processing.ai_features, Some(Vec::new()));
        assert_eq!(
            role_line(Lang::En, &r.role),
            "processor; own purposes: none"
        );
        assert_eq!(
            processing_line(Lang::En, &r.processing).unwrap(),
            "emotion recognition: yes"
        );
        assert_eq!(
            rights_line(Lang::En, &r.rights_support).unwrap(),
            "response within 1 working day"
        );
        assert_eq!(
            exit_line(Lang::En, &r.exit).unwrap(),
            "returned within 1 day after the contract ends"
        );
        assert!(!r.cvd.linkable, "not a link: {:?}", r.cvd.url);
        let nl = build(yaml, Lang::Nl);
        assert_eq!(
            exit_line(Lang::Nl, &nl.exit).unwrap(),
            "teruggegeven binnen 1 dag na einde contract"
        );
    }

    #[test]
    fn anchors_are_slugs() {
        assert_eq!(
            anchor_token("tijdlijn-geschiedenis"),
            "tijdlijn-geschiedenis"
        );
        assert_eq!(rule_anchor("AGR-002"), "rule-agr-002");
        assert_eq!(anchor_token("a\"<b"), "a--b");
    }
}
