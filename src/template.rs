//! `ibp-lint init`: a commented declaration template that passes the schema.
//!
//! The template names every key of the format with a comment on what to fill in, and marks
//! with `[convenant]` what a publisher must have in order before joining the convenant
//! (a signed model agreement with its annexes, a privacy leaflet per product, ECK iD use, a
//! breach term, a deletion term, security evidence).

/// The template with `{id}` replaced by `id`, its comment in the column of the others.
pub fn render(id: &str) -> String {
    let pad = " ".repeat(
        COMMENT_COLUMN
            .saturating_sub("id: ".len() + id.len())
            .max(1),
    );
    TEMPLATE.replace("{id}{pad}", &format!("{id}{pad}"))
}

/// Where the template's comments start (0-based), after the value of their line.
const COMMENT_COLUMN: usize = 31;

/// Whether `id` is a valid resource id (`[a-z0-9][a-z0-9-]*`).
pub(crate) fn valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

const TEMPLATE: &str = r#"# yaml-language-server: $schema=../schemas/resource.schema.json
# (for editors: write the schema once with `ibp-lint schema resource > schemas/resource.schema.json`
# at the root of the inventory, and make the path above lead there from this file)
# Declaration of one digital learning resource for ibp-lint (format ibp-lint/v1).
# Replace every example value; `ibp-lint check FILE` tells you what is still missing.
# Lines marked [convenant] are what a supplier must have in order before joining the
# Convenant Digitale Onderwijsmiddelen en Privacy (privacyconvenant.nl).
apiVersion: ibp-lint/v1
kind: LearningResource
id: {id}{pad}# unique in the inventory: lower case, digits and -
name: Product name as the school knows it
type: learning_material        # learning_material | assessment | pupil_tracking | student_administration
                               # | learning_environment | communication | access_platform | other
sectors: [po]                  # po | vo | so | mbo
supplier:
  name: Supplier B.V.
  kvk: "00000000"              # KvK number, 8 digits, quoted (YAML drops a leading zero)
  country: NL                  # ISO 3166-1 alpha-2 country of establishment
  privacy_contact: privacy@supplier.example
  # role: processor            # processor (the usual case) | controller | joint_controller
  #                            # (a recipient with a statutory task of its own: OSO, GGD, DUO)
  # own_purposes: []           # purposes the supplier pursues on its own account: none for a processor
# disclosure_basis: "art. 42 WPO, OSO"  # only for a controller recipient: the statutory basis
# national_id_legal_basis: "..."  # only when a statute requires the BSN/PGN for this recipient
purposes: [education, access]  # why the data are processed; never advertising, marketing,
                               # sale_of_data, commercial_profiling or ai_training
lawful_basis: public_task      # public_task | legal_obligation | consent | contract | ...
data_subjects: [student]       # student | parent | teacher | staff
fields:                        # every personal-data field the supplier receives
  - eck_id                     # [convenant] the ECK iD pseudonym instead of names where possible
  - group_name                 # Dutch names work too: groepsnaam, voornaam, geboortedatum, ...
  # - field: test_results      # long form: a field with its own purposes
  #   purposes: [result_feedback]
processing_agreement:          # verwerkersovereenkomst
  status: pending              # [convenant] signed | pending | none
  model: "4.0"                 # [convenant] model 4.0 for participants; general-4.0 otherwise
  # signed_on: 2026-01-01
  # expires_on: 2028-12-31     # leave out when the agreement has no end date
  annexes: [privacy_leaflet, security]  # [convenant] Bijlage 1 privacybijsluiter, Bijlage 2 beveiliging
  # deviations: false          # the signed model deviates from the model text (then add `changes`, Bijlage 3)
  # national_agreement: "..."  # a national framework agreement that governs a custom agreement
convenant:
  status: participant          # participant (deelnemer) | supporter (medestander) | none;
                               # not joined: none, with the agreement on model general-4.0
  version: "4.0"               # the convenant version the supplier signed
privacy_leaflet:               # [convenant] one privacybijsluiter per product
  url: https://www.supplier.example/privacybijsluiter.pdf
  # updated_on: 2026-01-01     # [convenant] the date on the leaflet
  # covers: [product, purposes, data, subprocessors, locations, retention, security, breach, rights, eck_id]
  #                            # [convenant] the sections the leaflet contains (and tracking, with trackers)
hosting:
  countries: [NL]              # where the data are stored and processed
subprocessors: []              # - {name: Cloud B.V., service: hosting, country: NL}
# subprocessor_terms:          # [convenant] with subprocessors: how new ones are authorised
#   authorisation: general     # specific | general
#   notice_days: 30            # notice before a new subprocessor (general authorisation)
#   objection: object          # object | terminate | none
transfers: []                  # outside the EEA: - {country: US, mechanism: dpf, tia: true}
# tracking: []                 # [convenant] cookies and SDKs, never for advertising:
#                              # - {vendor: Analytics B.V., purpose: analytics, country: NL}
breach_notification_hours: 24  # [convenant] hours within which the school hears of a data breach
retention:
  delete_after_contract_days: 60  # [convenant] days after the contract ends to delete or return all data
  # return_on_exit:            # [convenant] how the school gets its data back at the end
  #   formats: [CSV]
  #   days: 30
  # deletion_certificate: true # the supplier confirms the deletion in writing
security:
  certifications: []           # [convenant] e.g. ISO27001, NEN7510, Edustandaard-certificeringsschema
  # pentest_on: 2026-01-01     # [convenant] the last independent penetration test (at most 12 months ago)
  # vulnerability_disclosure:  # [convenant] coordinated vulnerability disclosure (NCSC, RFC 9116)
  #   url: https://www.supplier.example/.well-known/security.txt
  #   security_txt: true
dpia:
  status: not_required         # done | not_required | pending | none
images:
  processed: false             # photos or video of pupils
# processing:                  # what the product does with the data beyond keeping them
#   profiling: false
#   automated_decisions: false
#   behaviour_monitoring: false
#   emotion_recognition: false # prohibited in education (AI Act art. 5(1)(f))
#   ai_features: []            # - {name: Adaptive route, purpose: ..., assesses_learning: false}
# rights_support:              # [convenant] how the supplier helps with data-subject requests
#   access: true
#   rectification: true
#   erasure: true
#   objection: true
#   export: true
#   response_working_days: 10  # at most 10: the school has one month (AVG art. 12(3))
# improvement_data: anonymised # only with the purpose product_improvement: anonymised | pseudonymised | personal
"#;

#[cfg(test)]
mod tests {
    use super::*;

    /// The id's comment starts in the column of the others, also for a long id.
    #[test]
    fn the_id_comment_is_aligned() {
        let line = |id: &str| {
            render(id)
                .lines()
                .find(|l| l.starts_with("id: "))
                .map(str::to_string)
                .unwrap_or_default()
        };
        assert_eq!(line("my-resource").find('#'), Some(COMMENT_COLUMN));
        assert_eq!(
            line("a-very-long-resource-identifier-here"),
            "id: a-very-long-resource-identifier-here # unique in the inventory: lower case, digits and -"
        );
    }

    #[test]
    fn ids_are_checked() {
        assert!(valid_id("rekenmeester-3"));
        assert!(!valid_id("Reken"));
        assert!(!valid_id("-x"));
        assert!(!valid_id(""));
    }
}
