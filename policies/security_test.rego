# Unit tests of security.rego (run with `ibp-lint verify`).
package ibp.test.security

import data.ibp.main
import data.ibp.testing

# The compliant input with another breach notification term.
with_hours(hours) := testing.with_resource({"breach_notification_hours": hours})

# The compliant input with another deletion term.
with_days(days) := testing.with_resource({"retention": {"delete_after_contract_days": days}})

# The example's agreement with other annexes.
with_annexes(annexes) := testing.replaced(testing.resource.processing_agreement, {"annexes": annexes})

# The DPIA-001 findings of some findings.
dpia001(found) := [f | some f in found; f.code == "DPIA-001"]

test_compliant_example_has_no_security_finding if {
	found := main.findings with input as testing.input_base with data.settings as testing.settings
	every f in found {
		not f.code in {"BRE-001", "BRE-002", "RET-001", "RET-002", "SEC-001", "DPIA-001"}
	}
}

# ---- BRE-001

test_bre001_73_hours if {
	found := main.findings with input as with_hours(73) with data.settings as testing.settings
	some f in found
	f.code == "BRE-001"
	f.path == "/breach_notification_hours"
	f.args == {"hours": "73"}
}

test_bre001_72_hours_is_silent if {
	found := main.findings with input as with_hours(72) with data.settings as testing.settings
	not "BRE-001" in testing.codes(found)
}

test_bre001_absent_is_silent if {
	found := main.findings with input as with_hours(null) with data.settings as testing.settings
	not "BRE-001" in testing.codes(found)
}

# ---- BRE-002

test_bre002_absent if {
	found := main.findings with input as with_hours(null) with data.settings as testing.settings
	some f in found
	f.code == "BRE-002"
	f.variant == "absent"
	f.path == "/breach_notification_hours"
	f.args == {}
}

test_bre002_25_hours if {
	found := main.findings with input as with_hours(25) with data.settings as testing.settings
	some f in found
	f.code == "BRE-002"
	f.path == "/breach_notification_hours"
	f.args == {"hours": "25", "max": "24"}
	not f.variant
}

test_bre002_72_hours if {
	found := main.findings with input as with_hours(72) with data.settings as testing.settings
	some f in found
	f.code == "BRE-002"
	f.args.hours == "72"
}

test_bre002_24_hours_is_silent if {
	found := main.findings with input as with_hours(24) with data.settings as testing.settings
	not "BRE-002" in testing.codes(found)
}

test_bre002_73_hours_is_bre001_only if {
	found := main.findings with input as with_hours(73) with data.settings as testing.settings
	not "BRE-002" in testing.codes(found)
	"BRE-001" in testing.codes(found)
}

test_bre002_zero_hours_is_silent if {
	found := main.findings with input as with_hours(0) with data.settings as testing.settings
	not "BRE-002" in testing.codes(found)
}

# ---- RET-001

test_ret001_no_retention_block if {
	found := main.findings with input as testing.with_resource({"retention": null}) with data.settings as testing.settings
	some f in found
	f.code == "RET-001"
	f.path == "/retention/delete_after_contract_days"
	f.args == {}
}

test_ret001_retention_without_term if {
	found := main.findings with input as testing.with_resource({"retention": {}}) with data.settings as testing.settings
	"RET-001" in testing.codes(found)
}

test_ret001_zero_days_is_silent if {
	found := main.findings with input as with_days(0) with data.settings as testing.settings
	not "RET-001" in testing.codes(found)
	not "RET-002" in testing.codes(found)
}

# ---- RET-002

test_ret002_91_days if {
	found := main.findings with input as with_days(91) with data.settings as testing.settings
	some f in found
	f.code == "RET-002"
	f.path == "/retention/delete_after_contract_days"
	f.args == {"days": "91", "max": "90"}
}

test_ret002_90_days_is_silent if {
	found := main.findings with input as with_days(90) with data.settings as testing.settings
	not "RET-002" in testing.codes(found)
}

test_ret002_absent_term_is_ret001_only if {
	found := main.findings with input as testing.with_resource({"retention": null}) with data.settings as testing.settings
	not "RET-002" in testing.codes(found)
}

# ---- SEC-001

test_sec001_no_certifications_and_no_security_annex if {
	input_ := testing.with_resource({"security": null, "processing_agreement": with_annexes(["privacy_leaflet"])})
	found := main.findings with input as input_ with data.settings as testing.settings
	some f in found
	f.code == "SEC-001"
	f.path == "/security/certifications"
	f.args == {}
}

test_sec001_empty_certifications_and_no_agreement if {
	input_ := testing.with_resource({"security": {"certifications": []}, "processing_agreement": null})
	found := main.findings with input as input_ with data.settings as testing.settings
	"SEC-001" in testing.codes(found)
}

test_sec001_blank_certification_counts_as_none if {
	input_ := testing.with_resource({"security": {"certifications": [" "]}, "processing_agreement": with_annexes([])})
	found := main.findings with input as input_ with data.settings as testing.settings
	"SEC-001" in testing.codes(found)
}

test_sec001_security_annex_is_enough if {
	input_ := testing.with_resource({"security": null, "processing_agreement": with_annexes(["security"])})
	found := main.findings with input as input_ with data.settings as testing.settings
	not "SEC-001" in testing.codes(found)
}

test_sec001_certification_is_enough if {
	input_ := testing.with_resource({"security": {"certifications": ["NEN7510"]}, "processing_agreement": with_annexes([])})
	found := main.findings with input as input_ with data.settings as testing.settings
	not "SEC-001" in testing.codes(found)
}

# ---- DPIA-001

health := testing.field("health", "gezondheid", "special", "/fields/5")

scc_us := {"country": "US", "mechanism": "scc", "tia": true}

published := {"processed": true, "published": true, "consent": "opt_in"}

test_dpia001_picks_the_special_field_first if {
	fields := array.concat(testing.fields, [health, testing.field("ethnicity", "herkomst", "special", "/fields/6")])
	input_ := testing.input_of({"images": published, "hosting": {"countries": ["US"]}, "transfers": [scc_us]}, fields, testing.purposes)
	found := main.findings with input as input_ with data.settings as testing.settings
	dpia001(found) == [{"code": "DPIA-001", "path": "/dpia/status", "variant": "special", "args": {"field": "gezondheid"}}]
}

test_dpia001_first_special_field_by_index_not_by_text if {
	fields := [
		testing.field("first_name", "voornaam", "identifying", "/fields/0"),
		testing.field("religion", "godsdienst", "special", "/fields/10"),
		testing.field("health", "gezondheid", "special", "/fields/9/field"),
	]
	found := main.findings with input as testing.input_of({}, fields, testing.purposes) with data.settings as testing.settings
	some f in found
	f.code == "DPIA-001"
	f.variant == "special"
	f.args == {"field": "gezondheid"}
	count(dpia001(found)) == 1
}

test_dpia001_published_images if {
	input_ := testing.input_of({"images": published, "hosting": {"countries": ["US"]}, "transfers": [scc_us]}, testing.fields, testing.purposes)
	found := main.findings with input as input_ with data.settings as testing.settings
	dpia001(found) == [{"code": "DPIA-001", "path": "/dpia/status", "variant": "images", "args": {}}]
}

test_dpia001_scc_transfer if {
	input_ := testing.with_resource({"hosting": {"countries": ["US"]}, "transfers": [scc_us]})
	found := main.findings with input as input_ with data.settings as testing.settings
	dpia001(found) == [{
		"code": "DPIA-001", "path": "/dpia/status", "variant": "transfer",
		"args": {"mechanism": "scc", "country": "US"},
	}]
}

test_dpia001_first_risky_transfer if {
	transfers := [
		{"country": "US", "mechanism": "dpf"},
		{"country": "IN", "mechanism": "derogation"},
		{"country": "CN", "mechanism": "scc", "tia": true},
	]
	input_ := testing.with_resource({"hosting": {"countries": ["US", "IN", "CN"]}, "transfers": transfers, "dpia": {"status": "pending"}})
	found := main.findings with input as input_ with data.settings as testing.settings
	dpia001(found) == [{
		"code": "DPIA-001", "path": "/dpia/status", "variant": "transfer",
		"args": {"mechanism": "derogation", "country": "IN"},
	}]
}

test_dpia001_without_dpia_block if {
	input_ := testing.input_of({"dpia": null}, array.concat(testing.fields, [health]), testing.purposes)
	found := main.findings with input as input_ with data.settings as testing.settings
	some f in found
	f.code == "DPIA-001"
	f.variant == "special"
}

test_dpia001_dpia_done_is_silent if {
	input_ := testing.input_of(
		{"images": published, "transfers": [scc_us], "hosting": {"countries": ["US"]}, "dpia": {"status": "done"}},
		array.concat(testing.fields, [health]), testing.purposes,
	)
	found := main.findings with input as input_ with data.settings as testing.settings
	not "DPIA-001" in testing.codes(found)
}

test_dpia001_dpf_and_bcr_transfers_are_silent if {
	transfers := [{"country": "US", "mechanism": "dpf"}, {"country": "IN", "mechanism": "bcr"}]
	input_ := testing.with_resource({"hosting": {"countries": ["US", "IN"]}, "transfers": transfers})
	found := main.findings with input as input_ with data.settings as testing.settings
	not "DPIA-001" in testing.codes(found)
}

test_dpia001_processed_but_unpublished_images_are_silent if {
	input_ := testing.with_resource({"images": {"processed": true, "published": false}})
	found := main.findings with input as input_ with data.settings as testing.settings
	not "DPIA-001" in testing.codes(found)
}
