# Unit tests of leaflet.rego (run with `ibp-lint verify`).
package ibp.test.leaflet

import data.ibp.main
import data.ibp.testing

# The compliant input with another privacy_leaflet block.
with_leaflet(leaflet) := testing.with_resource({"privacy_leaflet": leaflet})

# The compliant input with the leaflet URL replaced (the date kept).
with_url(url) := with_leaflet({"url": url, "updated_on": "2025-03-01"})

# The same, with the parts the tool parses from that URL (`input.leaflet`; the URL syntax itself
# is tested in src/normalize.rs and by the LEAF-002 fixtures).
with_parsed_url(url, parts) := object.union(object.remove(with_url(url), ["leaflet"]), {"leaflet": parts})

all_clauses := [
	"subject_duration", "nature_purpose", "data_types", "subject_categories",
	"documented_instructions", "confidentiality", "security", "subprocessor_conditions",
	"rights_assistance", "compliance_assistance", "delete_or_return", "audits",
]

test_compliant_example_has_no_leaflet_finding if {
	found := main.findings with input as testing.input_base with data.settings as testing.settings
	every f in found {
		not startswith(f.code, "LEAF-")
	}
}

# ---- LEAF-001

test_leaf001_no_leaflet_for_participant_is_an_error if {
	found := main.findings with input as with_leaflet(null) with data.settings as testing.settings
	some f in found
	f.code == "LEAF-001"
	f.path == "/privacy_leaflet/url"
	f.args == {}
	not f.severity
}

test_leaf001_blank_url_counts_as_absent if {
	found := main.findings with input as with_url("   ") with data.settings as testing.settings
	some f in found
	f.code == "LEAF-001"
	not "LEAF-002" in testing.codes(found)
}

test_leaf001_leaflet_with_date_but_no_url if {
	found := main.findings with input as with_leaflet({"updated_on": "2025-03-01"}) with data.settings as testing.settings
	some f in found
	f.code == "LEAF-001"
	f.path == "/privacy_leaflet/url"
}

test_leaf001_model_3_0_is_an_error_for_a_supporter if {
	input_ := testing.with_resource({
		"privacy_leaflet": null,
		"convenant": {"status": "supporter"},
		"processing_agreement": {"status": "signed", "model": "3.0", "annexes": ["privacy_leaflet", "security"]},
	})
	found := main.findings with input as input_ with data.settings as testing.settings
	some f in found
	f.code == "LEAF-001"
	not f.severity
}

test_leaf001_model_4_0_is_an_error_without_convenant if {
	input_ := testing.with_resource({"privacy_leaflet": null, "convenant": {"status": "none"}})
	found := main.findings with input as input_ with data.settings as testing.settings
	some f in found
	f.code == "LEAF-001"
	not f.severity
}

test_leaf001_custom_model_for_supporter_is_a_warning if {
	input_ := testing.with_resource({
		"privacy_leaflet": null,
		"convenant": {"status": "supporter"},
		"processing_agreement": {"status": "signed", "model": "custom", "covers": all_clauses},
	})
	found := main.findings with input as input_ with data.settings as testing.settings
	some f in found
	f.code == "LEAF-001"
	f.severity == "warning"
	f.path == "/privacy_leaflet/url"
	f.args == {}
}

test_leaf001_no_agreement_and_no_convenant_is_a_warning if {
	input_ := testing.with_resource({"privacy_leaflet": null, "convenant": null, "processing_agreement": null})
	found := main.findings with input as input_ with data.settings as testing.settings
	some f in found
	f.code == "LEAF-001"
	f.severity == "warning"
}

test_leaf001_one_finding_only if {
	found := main.findings with input as with_leaflet(null) with data.settings as testing.settings
	count([f | some f in found; f.code == "LEAF-001"]) == 1
}

test_leaf001_url_given_is_silent if {
	found := main.findings with input as with_url("https://voorbeeld.example/p") with data.settings as testing.settings
	not "LEAF-001" in testing.codes(found)
}

# ---- LEAF-002

test_leaf002_http_url if {
	url := "http://www.voorbeeld.example/privacy.pdf"
	found := main.findings with input as with_parsed_url(url, {"scheme": "http", "host": "www.voorbeeld.example"}) with data.settings as testing.settings
	some f in found
	f.code == "LEAF-002"
	f.path == "/privacy_leaflet/url"
	f.args == {"url": "http://www.voorbeeld.example/privacy.pdf"}
}

test_leaf002_https_without_host if {
	found := main.findings with input as with_parsed_url("https://", {"scheme": "https"}) with data.settings as testing.settings
	some f in found
	f.code == "LEAF-002"
	f.args.url == "https://"
}

test_leaf002_url_that_does_not_parse if {
	every url in ["www.voorbeeld.example/privacy.pdf", "/privacy.pdf", "https://www.voorbeeld.example/privacy bijsluiter.pdf"] {
		found := main.findings with input as with_parsed_url(url, {}) with data.settings as testing.settings
		"LEAF-002" in testing.codes(found)
	}
}

test_leaf002_https_with_host_passes if {
	found := main.findings with input as with_parsed_url("HTTPS://Voorbeeld.example:8443/p", {"scheme": "https", "host": "Voorbeeld.example"}) with data.settings as testing.settings
	not "LEAF-002" in testing.codes(found)
}

test_leaf002_ip_literal_passes if {
	found := main.findings with input as with_parsed_url("https://[2001:db8::1]/p", {"scheme": "https", "host": "[2001:db8::1]"}) with data.settings as testing.settings
	not "LEAF-002" in testing.codes(found)
}

# ---- LEAF-003

test_leaf003_updated_more_than_24_months_ago if {
	found := main.findings with input as with_leaflet({"url": "https://voorbeeld.example/p", "updated_on": "2024-11-22"}) with data.settings as testing.settings
	some f in found
	f.code == "LEAF-003"
	f.path == "/privacy_leaflet/updated_on"
	f.args == {"date": "2024-11-22", "cutoff": "2024-11-23", "months": "24"}
}

test_leaf003_updated_exactly_24_months_ago_is_silent if {
	found := main.findings with input as with_leaflet({"url": "https://voorbeeld.example/p", "updated_on": "2024-11-23"}) with data.settings as testing.settings
	not "LEAF-003" in testing.codes(found)
}

test_leaf003_date_without_url_still_counts if {
	found := main.findings with input as with_leaflet({"updated_on": "2020-01-01"}) with data.settings as testing.settings
	some f in found
	f.code == "LEAF-003"
	f.args.date == "2020-01-01"
}

# ---- LEAF-004

test_leaf004_url_without_date if {
	found := main.findings with input as with_leaflet({"url": "https://voorbeeld.example/p"}) with data.settings as testing.settings
	some f in found
	f.code == "LEAF-004"
	f.path == "/privacy_leaflet/updated_on"
	f.args == {"url": "https://voorbeeld.example/p"}
}

test_leaf004_no_url_and_no_date_is_silent if {
	found := main.findings with input as with_leaflet(null) with data.settings as testing.settings
	not "LEAF-004" in testing.codes(found)
}

test_leaf004_blank_url_and_no_date_is_silent if {
	found := main.findings with input as with_leaflet({"url": " "}) with data.settings as testing.settings
	not "LEAF-004" in testing.codes(found)
}

test_leaf004_url_with_date_is_silent if {
	found := main.findings with input as with_url("https://voorbeeld.example/p") with data.settings as testing.settings
	not "LEAF-004" in testing.codes(found)
}

test_leaf001_silent_for_a_controller if {
	every role in ["controller", "joint_controller"] {
		input_ := testing.with_resource({
			"privacy_leaflet": null,
			"supplier": object.union(testing.resource.supplier, {"role": role}),
			"disclosure_basis": "art. 42 WPO, OSO",
		})
		found := main.findings with input as input_ with data.settings as testing.settings
		not "LEAF-001" in testing.codes(found)
	}
}

test_leaf001_silent_for_a_controller_without_agreement_or_convenant if {
	input_ := testing.with_resource({
		"privacy_leaflet": null, "convenant": null, "processing_agreement": null,
		"supplier": object.union(testing.resource.supplier, {"role": "controller"}),
		"disclosure_basis": "art. 42 WPO, OSO",
	})
	found := main.findings with input as input_ with data.settings as testing.settings_publisher
	not "LEAF-001" in testing.codes(found)
}

test_leaf001_explicit_processor_is_checked if {
	input_ := testing.with_resource({
		"privacy_leaflet": null,
		"supplier": object.union(testing.resource.supplier, {"role": "processor"}),
	})
	found := main.findings with input as input_ with data.settings as testing.settings
	"LEAF-001" in testing.codes(found)
}

test_leaf002_and_leaf003_still_apply_to_a_controller if {
	input_ := testing.with_resource({
		"privacy_leaflet": {"url": "https://voorbeeld.example/p", "updated_on": "2020-01-01"},
		"supplier": object.union(testing.resource.supplier, {"role": "controller"}),
		"disclosure_basis": "art. 42 WPO, OSO",
	})
	found := main.findings with input as input_ with data.settings as testing.settings
	"LEAF-003" in testing.codes(found)
}

# ---- LEAF-004 under the publisher profile: an error.

test_leaf004_publisher_finding_exactly if {
	found := main.findings with input as with_leaflet({"url": "https://voorbeeld.example/p"}) with data.settings as testing.settings_publisher
	some f in found
	f == {"code": "LEAF-004", "path": "/privacy_leaflet/updated_on", "args": {"url": "https://voorbeeld.example/p"}, "severity": "error"}
}

test_leaf004_officer_keeps_info if {
	found := main.findings with input as with_leaflet({"url": "https://voorbeeld.example/p"}) with data.settings as testing.settings
	some f in found
	f.code == "LEAF-004"
	not f.severity
}

test_leaf004_publisher_with_date_is_silent if {
	found := main.findings with input as with_url("https://voorbeeld.example/p") with data.settings as testing.settings_publisher
	not "LEAF-004" in testing.codes(found)
}

# ---- LEAF-005

# Every section of format.md except eck_id and tracking.
base_sections := ["product", "purposes", "data", "subprocessors", "locations", "retention", "security", "breach", "rights"]

# The example's leaflet with `covers`.
with_covers(covers) := with_leaflet({"url": "https://www.voorbeeld.example/privacybijsluiter-rekenmeester.pdf", "updated_on": "2025-03-01", "covers": covers})

test_leaf005_complete_covers_is_silent if {
	found := main.findings with input as with_covers(array.concat(base_sections, ["eck_id"])) with data.settings as testing.settings_publisher
	not "LEAF-005" in testing.codes(found)
}

test_leaf005_missing_sections_named_in_order if {
	found := main.findings with input as with_covers(["security", "product", "purposes", "data", "locations", "retention"]) with data.settings as testing.settings
	some f in found
	f.code == "LEAF-005"
	f.path == "/privacy_leaflet/covers"
	f.args == {"missing": "subprocessors, breach, rights, eck_id"}
	not f.variant
	not f.severity
}

test_leaf005_empty_covers_names_every_required_section if {
	found := main.findings with input as with_covers([]) with data.settings as testing.settings
	some f in found
	f.code == "LEAF-005"
	f.args == {"missing": "product, purposes, data, subprocessors, locations, retention, security, breach, rights, eck_id"}
}

test_leaf005_eck_id_section_only_when_eck_id_is_received if {
	fields := [f | some f in testing.fields; f.id != "eck_id"]
	r := testing.replaced(testing.resource, {
		"fields": [x | some x in testing.resource.fields; x != "eck_id"],
		"privacy_leaflet": {"url": "https://voorbeeld.example/p", "covers": base_sections},
	})
	found := main.findings with input as testing.input_from(r, fields, testing.purposes) with data.settings as testing.settings
	not "LEAF-005" in testing.codes(found)
}

test_leaf005_tracking_section_when_tracking_has_an_entry if {
	input_ := testing.with_resource({
		"privacy_leaflet": {"url": "https://voorbeeld.example/p", "updated_on": "2025-03-01", "covers": array.concat(base_sections, ["eck_id"])},
		"tracking": [{"vendor": "Voorbeeld Cloud GmbH", "purpose": "functional", "country": "DE"}],
	})
	found := main.findings with input as input_ with data.settings as testing.settings
	some f in found
	f.code == "LEAF-005"
	f.args == {"missing": "tracking"}
}

test_leaf005_empty_tracking_needs_no_section if {
	input_ := testing.with_resource({
		"privacy_leaflet": {"url": "https://voorbeeld.example/p", "updated_on": "2025-03-01", "covers": array.concat(base_sections, ["eck_id"])},
		"tracking": [],
	})
	found := main.findings with input as input_ with data.settings as testing.settings
	not "LEAF-005" in testing.codes(found)
}

test_leaf005_extra_sections_are_fine if {
	found := main.findings with input as with_covers(array.concat(base_sections, ["eck_id", "tracking"])) with data.settings as testing.settings
	not "LEAF-005" in testing.codes(found)
}

test_leaf005_warning_keeps_its_severity_under_publisher if {
	found := main.findings with input as with_covers(["product"]) with data.settings as testing.settings_publisher
	some f in found
	f.code == "LEAF-005"
	not f.variant
	not f.severity
}

test_leaf005_without_url_is_silent if {
	every leaflet in [{"covers": ["product"]}, {"url": "  ", "covers": []}] {
		found := main.findings with input as with_leaflet(leaflet) with data.settings as testing.settings
		not "LEAF-005" in testing.codes(found)
	}
}

test_leaf005_covers_absent_is_silent_for_the_officer if {
	found := main.findings with input as testing.input_base with data.settings as testing.settings
	not "LEAF-005" in testing.codes(found)
}

test_leaf005_covers_absent_is_a_readiness_error_under_publisher if {
	found := main.findings with input as testing.input_base with data.settings as testing.settings_publisher
	some f in found
	f == {"code": "LEAF-005", "path": "/privacy_leaflet/covers", "variant": "readiness", "severity": "error", "args": {}}
}

test_leaf005_readiness_needs_a_url if {
	every leaflet in [null, {"updated_on": "2025-03-01"}, {"url": ""}] {
		found := main.findings with input as with_leaflet(leaflet) with data.settings as testing.settings_publisher
		not "LEAF-005" in testing.codes(found)
	}
}

test_leaf005_one_finding_only if {
	every settings in [testing.settings, testing.settings_publisher] {
		found := main.findings with input as with_covers([]) with data.settings as settings
		count([f | some f in found; f.code == "LEAF-005"]) == 1
	}
}
