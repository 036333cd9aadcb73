# Unit tests of agreement.rego (run with `ibp-lint verify`).
package ibp.test.agreement

import data.ibp.main
import data.ibp.testing

test_compliant_example_has_no_agreement_finding if {
	found := main.findings with input as testing.input_base with data.settings as testing.settings
	every f in found {
		not startswith(f.code, "AGR-")
	}
}

test_agr001_absent_agreement if {
	found := main.findings with input as testing.with_resource({"processing_agreement": null}) with data.settings as testing.settings
	some f in found
	f.code == "AGR-001"
	f.variant == "absent"
	f.path == "/processing_agreement/status"
}

test_agr001_pending_names_the_status if {
	input_ := testing.with_resource({"processing_agreement": {"status": "pending", "model": "4.0", "annexes": ["privacy_leaflet", "security"]}})
	found := main.findings with input as input_ with data.settings as testing.settings
	some f in found
	f.code == "AGR-001"
	f.args.status == "pending"
}

test_agr002_expired_yesterday if {
	input_ := testing.with_resource({"processing_agreement": {"status": "signed", "model": "4.0", "expires_on": "2026-11-22", "annexes": ["privacy_leaflet", "security"]}})
	found := main.findings with input as input_ with data.settings as testing.settings
	some f in found
	f.code == "AGR-002"
	f.args.date == "2026-11-22"
}

test_agr003_today_is_within_the_window if {
	input_ := testing.with_resource({"processing_agreement": {"status": "signed", "model": "4.0", "expires_on": "2026-11-23", "annexes": ["privacy_leaflet", "security"]}})
	found := main.findings with input as input_ with data.settings as testing.settings
	some f in found
	f.code == "AGR-003"
	f.args.days == "0"
	not "AGR-002" in testing.codes(found)
}

# ---- Helpers: the compliant input with the agreement or convenant block partly replaced.

# The example's processing_agreement with some keys replaced (null removes a key).
agreement(changes) := testing.replaced(testing.resource.processing_agreement, changes)

with_agreement(changes) := testing.with_resource({"processing_agreement": agreement(changes)})

# All twelve art. 28(3) clauses, in the order of lib.art28_clauses.
all_clauses := [
	"subject_duration", "nature_purpose", "data_types", "subject_categories",
	"documented_instructions", "confidentiality", "security", "subprocessor_conditions",
	"rights_assistance", "compliance_assistance", "delete_or_return", "audits",
]

# Whether a code is one of the built-in pack's (a board's own policies, loaded beside these
# tests by `ibp-lint verify DIR`, may add codes of their own).
builtin_code(code) if {
	some prefix in {"AGR-", "CONV-", "LEAF-", "ID-", "MIN-", "SPEC-", "PURP-", "CONS-", "XFER-", "SUB-", "BRE-", "RET-", "SEC-", "DPIA-", "ROLE-"}
	startswith(code, prefix)
}

test_compliant_example_has_no_builtin_finding_at_all if {
	found := main.findings with input as testing.input_base with data.settings as testing.settings
	every f in found {
		not builtin_code(f.code)
	}
}

# ---- AGR-001

test_agr001_absent_agreement_has_empty_args if {
	found := main.findings with input as testing.with_resource({"processing_agreement": null}) with data.settings as testing.settings
	some f in found
	f.code == "AGR-001"
	f.args == {}
}

test_agr001_block_without_status_says_so if {
	found := main.findings with input as with_agreement({"status": null}) with data.settings as testing.settings
	some f in found
	f.code == "AGR-001"
	f.variant == "no_status"
	f.path == "/processing_agreement/status"
	f.args == {}
}

test_agr001_pending_has_path_and_no_variant if {
	found := main.findings with input as with_agreement({"status": "pending"}) with data.settings as testing.settings
	some f in found
	f.code == "AGR-001"
	f.path == "/processing_agreement/status"
	f.args == {"status": "pending"}
	not f.variant
}

test_agr001_status_none if {
	found := main.findings with input as with_agreement({"status": "none"}) with data.settings as testing.settings
	some f in found
	f.code == "AGR-001"
	f.args == {"status": "none"}
}

test_agr001_signed_is_silent if {
	found := main.findings with input as with_agreement({"status": "signed"}) with data.settings as testing.settings
	not "AGR-001" in testing.codes(found)
}

test_agr001_one_finding_per_declaration if {
	found := main.findings with input as with_agreement({"status": "pending"}) with data.settings as testing.settings
	count([f | some f in found; f.code == "AGR-001"]) == 1
}

# ---- AGR-002

test_agr002_expired_has_path if {
	found := main.findings with input as with_agreement({"expires_on": "2025-01-31"}) with data.settings as testing.settings
	some f in found
	f.code == "AGR-002"
	f.path == "/processing_agreement/expires_on"
	f.args == {"date": "2025-01-31"}
	not "AGR-003" in testing.codes(found)
}

test_agr002_expiring_today_is_not_expired if {
	found := main.findings with input as with_agreement({"expires_on": "2026-11-23"}) with data.settings as testing.settings
	not "AGR-002" in testing.codes(found)
}

test_agr002_no_end_date_is_silent if {
	found := main.findings with input as with_agreement({"expires_on": null}) with data.settings as testing.settings
	not "AGR-002" in testing.codes(found)
	not "AGR-003" in testing.codes(found)
}

# ---- AGR-003

test_agr003_expires_in_90_days if {
	found := main.findings with input as with_agreement({"expires_on": "2027-02-21"}) with data.settings as testing.settings
	some f in found
	f.code == "AGR-003"
	f.path == "/processing_agreement/expires_on"
	f.args == {"date": "2027-02-21", "days": "90"}
}

test_agr003_silent_at_91_days if {
	found := main.findings with input as with_agreement({"expires_on": "2027-02-22"}) with data.settings as testing.settings
	not "AGR-003" in testing.codes(found)
	not "AGR-002" in testing.codes(found)
}

test_agr003_tomorrow_is_one_day_left if {
	found := main.findings with input as with_agreement({"expires_on": "2026-11-24"}) with data.settings as testing.settings
	some f in found
	f.code == "AGR-003"
	f.args.days == "1"
}

test_agr003_expired_is_not_a_warning if {
	found := main.findings with input as with_agreement({"expires_on": "2026-11-22"}) with data.settings as testing.settings
	not "AGR-003" in testing.codes(found)
}

# ---- AGR-004

test_agr004_model_1_0_is_an_error if {
	found := main.findings with input as with_agreement({"model": "1.0", "annexes": []}) with data.settings as testing.settings
	some f in found
	f.code == "AGR-004"
	f.path == "/processing_agreement/model"
	f.args == {"model": "1.0"}
	not f.variant
	not f.severity
}

test_agr004_model_2_0 if {
	found := main.findings with input as with_agreement({"model": "2.0"}) with data.settings as testing.settings
	some f in found
	f.code == "AGR-004"
	f.args == {"model": "2.0"}
	not f.severity
}

test_agr004_model_2_0_covering_every_clause_is_a_warning if {
	found := main.findings with input as with_agreement({"model": "2.0", "covers": all_clauses}) with data.settings as testing.settings
	some f in found
	f.code == "AGR-004"
	f.path == "/processing_agreement/model"
	f.variant == "covered"
	f.severity == "warning"
	f.args == {"model": "2.0"}
}

test_agr004_eleven_clauses_stay_an_error if {
	covers := [c | some c in all_clauses; c != "audits"]
	found := main.findings with input as with_agreement({"model": "1.0", "covers": covers}) with data.settings as testing.settings
	some f in found
	f.code == "AGR-004"
	not f.variant
	not f.severity
}

test_agr004_one_finding_per_declaration if {
	found := main.findings with input as with_agreement({"model": "1.0", "covers": all_clauses}) with data.settings as testing.settings
	count([f | some f in found; f.code == "AGR-004"]) == 1
}

test_agr004_model_3_0_is_silent if {
	found := main.findings with input as with_agreement({"model": "3.0"}) with data.settings as testing.settings
	not "AGR-004" in testing.codes(found)
}

test_agr004_pre_avg_model_needs_no_annexes if {
	found := main.findings with input as with_agreement({"model": "2.0", "annexes": []}) with data.settings as testing.settings
	"AGR-004" in testing.codes(found)
	not "AGR-006" in testing.codes(found)
	not "AGR-005" in testing.codes(found)
}

# ---- AGR-005

test_agr005_model_4_0_without_convenant if {
	found := main.findings with input as testing.with_resource({"convenant": null}) with data.settings as testing.settings
	some f in found
	f.code == "AGR-005"
	f.variant == "absent"
	f.path == "/processing_agreement/model"
	f.args == {}
}

test_agr005_convenant_without_status_is_absent if {
	found := main.findings with input as testing.with_resource({"convenant": {"version": "4.0"}}) with data.settings as testing.settings
	some f in found
	f.code == "AGR-005"
	f.variant == "absent"
}

test_agr005_supporter_on_model_4_0 if {
	found := main.findings with input as testing.with_resource({"convenant": {"status": "supporter", "version": "4.0"}}) with data.settings as testing.settings
	some f in found
	f.code == "AGR-005"
	f.path == "/processing_agreement/model"
	f.args == {"status": "supporter"}
	not f.variant
}

test_agr005_none_on_model_4_0 if {
	found := main.findings with input as testing.with_resource({"convenant": {"status": "none"}}) with data.settings as testing.settings
	some f in found
	f.code == "AGR-005"
	f.args == {"status": "none"}
}

test_agr005_participant_is_silent if {
	found := main.findings with input as testing.with_resource({"convenant": {"status": "participant"}}) with data.settings as testing.settings
	not "AGR-005" in testing.codes(found)
}

test_agr005_general_model_for_supporter_is_silent if {
	input_ := testing.with_resource({
		"convenant": {"status": "supporter"},
		"processing_agreement": agreement({"model": "general-4.0", "covers": all_clauses}),
	})
	found := main.findings with input as input_ with data.settings as testing.settings
	not "AGR-005" in testing.codes(found)
	not "AGR-007" in testing.codes(found)
}

test_agr005_model_3_0_for_supporter_is_silent if {
	input_ := testing.with_resource({
		"convenant": {"status": "supporter"},
		"processing_agreement": agreement({"model": "3.0"}),
	})
	found := main.findings with input as input_ with data.settings as testing.settings
	not "AGR-005" in testing.codes(found)
}

# ---- AGR-006

test_agr006_model_3_0_without_annexes if {
	found := main.findings with input as with_agreement({"model": "3.0", "annexes": []}) with data.settings as testing.settings
	some f in found
	f.code == "AGR-006"
	f.path == "/processing_agreement/annexes"
	f.args == {"model": "3.0", "missing": "privacy_leaflet, security"}
}

test_agr006_model_4_0_missing_security if {
	found := main.findings with input as with_agreement({"annexes": ["privacy_leaflet", "changes"]}) with data.settings as testing.settings
	some f in found
	f.code == "AGR-006"
	f.args == {"model": "4.0", "missing": "security"}
}

test_agr006_model_4_0_missing_leaflet if {
	found := main.findings with input as with_agreement({"annexes": ["security"]}) with data.settings as testing.settings
	some f in found
	f.code == "AGR-006"
	f.args == {"model": "4.0", "missing": "privacy_leaflet"}
}

test_agr006_annexes_key_absent if {
	found := main.findings with input as with_agreement({"annexes": null}) with data.settings as testing.settings
	some f in found
	f.code == "AGR-006"
	f.args.missing == "privacy_leaflet, security"
}

test_agr006_both_annexes_in_any_order_is_silent if {
	found := main.findings with input as with_agreement({"model": "3.0", "annexes": ["changes", "security", "privacy_leaflet"]}) with data.settings as testing.settings
	not "AGR-006" in testing.codes(found)
}

test_agr006_custom_model_needs_no_annexes if {
	found := main.findings with input as with_agreement({"model": "custom", "covers": all_clauses, "annexes": []}) with data.settings as testing.settings
	not "AGR-006" in testing.codes(found)
}

# ---- AGR-007

test_agr007_custom_without_covers_names_all_clauses if {
	found := main.findings with input as with_agreement({"model": "custom"}) with data.settings as testing.settings
	some f in found
	f.code == "AGR-007"
	f.path == "/processing_agreement/covers"
	f.args == {"missing": concat(", ", all_clauses)}
}

test_agr007_custom_missing_two_clauses_in_article_order if {
	covers := [c | some c in all_clauses; not c in {"confidentiality", "audits"}]
	found := main.findings with input as with_agreement({"model": "custom", "covers": covers}) with data.settings as testing.settings
	some f in found
	f.code == "AGR-007"
	f.args == {"missing": "confidentiality, audits"}
}

test_agr007_general_model_is_not_checked if {
	input_ := testing.with_resource({
		"convenant": {"status": "supporter"},
		"processing_agreement": agreement({"model": "general-4.0", "covers": ["subject_duration"]}),
	})
	found := main.findings with input as input_ with data.settings as testing.settings
	not "AGR-007" in testing.codes(found)
}

test_agr007_general_model_without_covers_is_not_checked if {
	input_ := testing.with_resource({
		"convenant": {"status": "none"},
		"processing_agreement": agreement({"model": "general-4.0", "covers": null}),
	})
	found := main.findings with input as input_ with data.settings as testing.settings
	not "AGR-007" in testing.codes(found)
}

test_agr007_custom_covering_every_clause_is_silent if {
	found := main.findings with input as with_agreement({"model": "custom", "covers": all_clauses}) with data.settings as testing.settings
	not "AGR-007" in testing.codes(found)
}

test_agr007_model_4_0_needs_no_covers if {
	found := main.findings with input as with_agreement({"covers": null}) with data.settings as testing.settings
	not "AGR-007" in testing.codes(found)
}

# ---- AGR-008

test_agr008_deviations_without_changes_annex if {
	found := main.findings with input as with_agreement({"deviations": true}) with data.settings as testing.settings
	some f in found
	f.code == "AGR-008"
	f.path == "/processing_agreement/annexes"
	f.args == {}
	not f.variant
}

test_agr008_annexes_absent if {
	found := main.findings with input as with_agreement({"deviations": true, "annexes": null}) with data.settings as testing.settings
	some f in found
	f.code == "AGR-008"
	f.path == "/processing_agreement/annexes"
}

test_agr008_changes_annex_is_silent if {
	found := main.findings with input as with_agreement({"deviations": true, "annexes": ["privacy_leaflet", "security", "changes"]}) with data.settings as testing.settings
	not "AGR-008" in testing.codes(found)
}

test_agr008_no_deviations_is_silent if {
	found := main.findings with input as with_agreement({"deviations": false}) with data.settings as testing.settings
	not "AGR-008" in testing.codes(found)
}

test_agr008_deviations_absent_is_silent if {
	found := main.findings with input as with_agreement({"deviations": null}) with data.settings as testing.settings
	not "AGR-008" in testing.codes(found)
}

test_agr008_model_3_0_is_silent if {
	found := main.findings with input as with_agreement({"model": "3.0", "deviations": true}) with data.settings as testing.settings
	not "AGR-008" in testing.codes(found)
}

test_agr008_general_model_is_silent if {
	input_ := testing.with_resource({
		"convenant": {"status": "supporter"},
		"processing_agreement": agreement({"model": "general-4.0", "deviations": true}),
	})
	found := main.findings with input as input_ with data.settings as testing.settings
	not "AGR-008" in testing.codes(found)
}

# ---- The controller exemption: no processing agreement for a controller recipient.

# The example's supplier with a role (and the basis ROLE-002 asks of a controller).
with_role(role, changes) := testing.with_resource(object.union(
	{"supplier": object.union(testing.resource.supplier, {"role": role}), "disclosure_basis": "art. 42 WPO, OSO"},
	changes,
))

# Per AGR code, the changes to the example that trigger it for a processor.
agr_triggers := {
	"AGR-001": {"processing_agreement": null},
	"AGR-002": {"processing_agreement": agreement({"expires_on": "2025-01-31"})},
	"AGR-003": {"processing_agreement": agreement({"expires_on": "2026-12-01"})},
	"AGR-004": {"processing_agreement": agreement({"model": "2.0"})},
	"AGR-005": {"convenant": {"status": "supporter"}},
	"AGR-006": {"processing_agreement": agreement({"annexes": []})},
	"AGR-007": {"processing_agreement": agreement({"model": "custom"})},
	"AGR-008": {"processing_agreement": agreement({"deviations": true})},
}

test_agr_triggers_raise_their_code_for_a_processor if {
	every code, changes in agr_triggers {
		found := main.findings with input as with_role("processor", changes) with data.settings as testing.settings
		code in testing.codes(found)
	}
}

test_agr_triggers_raise_their_code_without_a_role if {
	every code, changes in agr_triggers {
		found := main.findings with input as testing.with_resource(changes) with data.settings as testing.settings
		code in testing.codes(found)
	}
}

test_agr_rules_are_silent_for_a_controller if {
	every code, changes in agr_triggers {
		found := main.findings with input as with_role("controller", changes) with data.settings as testing.settings
		not code in testing.codes(found)
	}
}

test_agr_rules_are_silent_for_a_joint_controller if {
	every code, changes in agr_triggers {
		found := main.findings with input as with_role("joint_controller", changes) with data.settings as testing.settings
		not code in testing.codes(found)
	}
}

test_agr001_pending_is_silent_for_a_controller if {
	found := main.findings with input as with_role("controller", {"processing_agreement": agreement({"status": "pending"})}) with data.settings as testing.settings
	not "AGR-001" in testing.codes(found)
}

test_agr_rules_are_silent_for_a_controller_under_publisher if {
	every code, changes in agr_triggers {
		found := main.findings with input as with_role("controller", changes) with data.settings as testing.settings_publisher
		not code in testing.codes(found)
	}
}
