# Unit tests of transfers.rego (run with `ibp-lint verify`). Country codes are given as the tool
# normalises them: upper case, EL as GR and UK as GB (src/normalize.rs).
package ibp.test.transfers

import data.ibp.main
import data.ibp.testing

# The compliant input hosted in `countries`, with `transfers`.
hosted(countries, transfers) := testing.with_resource({"hosting": {"countries": countries}, "transfers": transfers})

# The XFER-001 findings of some findings.
xfer001(found) := {f | some f in found; f.code == "XFER-001"}

test_compliant_example_has_no_transfer_finding if {
	found := main.findings with input as testing.input_base with data.settings as testing.settings
	every f in found {
		not startswith(f.code, "XFER-")
		not startswith(f.code, "SUB-")
		not startswith(f.code, "TRACK-")
	}
}

# ---- XFER-001

test_xfer001_us_hosting_without_transfer if {
	found := main.findings with input as hosted(["NL", "US"], []) with data.settings as testing.settings
	some f in found
	f.code == "XFER-001"
	f.variant == "us"
	f.path == "/hosting/countries/1"
	f.args == {"country": "US", "where": "hosting.countries"}
}

test_xfer001_us_with_dpf_passes if {
	found := main.findings with input as hosted(["US"], [{"country": "US", "mechanism": "dpf"}]) with data.settings as testing.settings
	not "XFER-001" in testing.codes(found)
}

test_xfer001_us_with_scc_passes if {
	found := main.findings with input as hosted(["US"], [{"country": "US", "mechanism": "scc", "tia": true}]) with data.settings as testing.settings
	not "XFER-001" in testing.codes(found)
}

test_xfer001_cn_with_dpf_fires if {
	found := main.findings with input as hosted(["CN"], [{"country": "CN", "mechanism": "dpf"}]) with data.settings as testing.settings
	some f in found
	f.code == "XFER-001"
	f.path == "/hosting/countries/0"
	f.args == {"country": "CN", "where": "hosting.countries", "mechanism": "dpf"}
	f.variant == "unfit"
}

test_xfer001_cn_with_scc_or_bcr_passes if {
	every mechanism in ["scc", "bcr"] {
		transfers := [{"country": "CN", "mechanism": mechanism, "tia": true}]
		found := main.findings with input as hosted(["CN"], transfers) with data.settings as testing.settings
		not "XFER-001" in testing.codes(found)
	}
}

test_xfer001_derogation_never_covers_hosting if {
	# Not even an occasional one: storing data abroad is structural (AVG art. 49).
	transfers := [{"country": "CN", "mechanism": "derogation", "occasional": true}]
	found := main.findings with input as hosted(["NL", "CN"], transfers) with data.settings as testing.settings
	xfer001(found) == {{
		"code": "XFER-001", "path": "/hosting/countries/1", "variant": "derogation",
		"args": {"country": "CN", "where": "hosting.countries", "mechanism": "derogation"},
	}}
}

test_xfer001_derogation_never_covers_a_subprocessor if {
	subprocessors := [{"name": "Support Ltd", "service": "support", "country": "IN"}]
	transfers := [{"country": "IN", "mechanism": "derogation", "occasional": true}]
	input_ := testing.with_resource({"subprocessors": subprocessors, "transfers": transfers})
	found := main.findings with input as input_ with data.settings as testing.settings
	xfer001(found) == {{
		"code": "XFER-001", "path": "/subprocessors/0/country", "variant": "derogation",
		"args": {"country": "IN", "where": "subprocessors[0].country", "mechanism": "derogation"},
	}}
}

test_xfer001_derogation_for_us_hosting_points_to_dpf if {
	transfers := [{"country": "US", "mechanism": "derogation", "occasional": true}]
	found := main.findings with input as hosted(["US"], transfers) with data.settings as testing.settings
	some f in xfer001(found)
	f.variant == "us_derogation"
	f.args == {"country": "US", "where": "hosting.countries", "mechanism": "derogation"}
}

# The supplier's own country (staff reaching the data from there).
supplier_in(country) := object.union(testing.resource.supplier, {"country": country})

test_xfer001_occasional_derogation_covers_the_supplier_country if {
	transfers := [{"country": "IN", "mechanism": "derogation", "occasional": true}]
	input_ := testing.with_resource({"supplier": supplier_in("IN"), "transfers": transfers})
	found := main.findings with input as input_ with data.settings as testing.settings
	not "XFER-001" in testing.codes(found)
}

test_xfer001_structural_derogation_for_the_supplier_country if {
	every transfer in [
		{"country": "IN", "mechanism": "derogation"},
		{"country": "IN", "mechanism": "derogation", "occasional": false},
	] {
		input_ := testing.with_resource({"supplier": supplier_in("IN"), "transfers": [transfer]})
		found := main.findings with input as input_ with data.settings as testing.settings
		xfer001(found) == {{
			"code": "XFER-001", "path": "/supplier/country", "variant": "not_occasional",
			"args": {"country": "IN", "where": "supplier.country", "mechanism": "derogation"},
		}}
	}
}

test_xfer001_structural_derogation_for_a_us_supplier if {
	transfers := [{"country": "US", "mechanism": "derogation", "occasional": false}]
	input_ := testing.with_resource({"supplier": supplier_in("US"), "transfers": transfers})
	found := main.findings with input as input_ with data.settings as testing.settings
	some f in xfer001(found)
	f.variant == "us_not_occasional"
	f.path == "/supplier/country"
}

test_xfer001_occasional_derogation_for_the_supplier_leaves_its_hosting if {
	# One entry for IN: it covers the supplier's occasional access, not the hosting there.
	transfers := [{"country": "IN", "mechanism": "derogation", "occasional": true}]
	input_ := testing.with_resource({"supplier": supplier_in("IN"), "hosting": {"countries": ["IN"]}, "transfers": transfers})
	found := main.findings with input as input_ with data.settings as testing.settings
	{[f.path, f.variant] | some f in xfer001(found)} == {["/hosting/countries/0", "derogation"]}
}

# A board that removed CA and JP from its adequacy list (the EU decisions cover only recipients
# under PIPEDA and the APPI).
settings_without_ca_jp := object.union(testing.settings, {"adequate_countries": ["CH", "GB", "NZ"]})

test_xfer001_ca_and_jp_name_the_limits_of_their_decisions if {
	found := main.findings with input as hosted(["CA", "JP"], []) with data.settings as settings_without_ca_jp
	xfer001(found) == {
		{"code": "XFER-001", "path": "/hosting/countries/0", "variant": "partial", "args": {"country": "CA", "where": "hosting.countries"}},
		{"code": "XFER-001", "path": "/hosting/countries/1", "variant": "partial", "args": {"country": "JP", "where": "hosting.countries"}},
	}
}

test_xfer001_ca_with_an_unfit_or_derogation_mechanism if {
	transfers := [{"country": "CA", "mechanism": "adequacy"}, {"country": "JP", "mechanism": "derogation"}]
	found := main.findings with input as hosted(["CA", "JP"], transfers) with data.settings as settings_without_ca_jp
	{[f.args.country, f.variant] | some f in xfer001(found)} == {["CA", "partial_unfit"], ["JP", "partial_derogation"]}
}

test_xfer001_ca_with_scc_passes_without_adequacy if {
	found := main.findings with input as hosted(["CA"], [{"country": "CA", "mechanism": "scc", "tia": true}]) with data.settings as settings_without_ca_jp
	not "XFER-001" in testing.codes(found)
}

test_xfer001_brazil_is_adequate_by_default if {
	found := main.findings with input as hosted(["NL", "BR"], []) with data.settings as testing.settings
	not "XFER-001" in testing.codes(found)
}

test_xfer001_adequacy_claim_for_a_non_adequate_country_fires if {
	found := main.findings with input as hosted(["IN"], [{"country": "IN", "mechanism": "adequacy"}]) with data.settings as testing.settings
	some f in found
	f.code == "XFER-001"
	f.args.country == "IN"
	f.args.mechanism == "adequacy"
	f.variant == "unfit"
}

test_xfer001_us_with_adequacy_names_it_and_points_to_dpf if {
	transfers := [{"country": "US", "mechanism": "adequacy"}, {"country": "US", "mechanism": "adequacy"}]
	found := main.findings with input as hosted(["US"], transfers) with data.settings as testing.settings
	some f in found
	f.code == "XFER-001"
	f.variant == "us_unfit"
	f.args == {"country": "US", "where": "hosting.countries", "mechanism": "adequacy"}
}

test_xfer001_mechanism_for_another_country_does_not_cover if {
	found := main.findings with input as hosted(["CN"], [{"country": "IN", "mechanism": "scc", "tia": true}]) with data.settings as testing.settings
	some f in found
	f.code == "XFER-001"
	f.args == {"country": "CN", "where": "hosting.countries"}
	not f.variant
}

test_xfer001_adequate_country_passes if {
	found := main.findings with input as hosted(["CH", "GB", "JP"], []) with data.settings as testing.settings
	not "XFER-001" in testing.codes(found)
}

test_xfer001_eea_countries_pass if {
	found := main.findings with input as hosted(["GR", "NO", "IS", "LI", "IE"], []) with data.settings as testing.settings
	not "XFER-001" in testing.codes(found)
}

test_xfer001_supplier_outside_eea if {
	supplier := object.union(testing.resource.supplier, {"country": "US"})
	found := main.findings with input as testing.with_resource({"supplier": supplier}) with data.settings as testing.settings
	some f in found
	f.code == "XFER-001"
	f.variant == "us"
	f.path == "/supplier/country"
	f.args == {"country": "US", "where": "supplier.country"}
}

test_xfer001_supplier_in_adequate_country_passes if {
	supplier := object.union(testing.resource.supplier, {"country": "GB"})
	found := main.findings with input as testing.with_resource({"supplier": supplier}) with data.settings as testing.settings
	not "XFER-001" in testing.codes(found)
}

test_xfer001_supplier_without_country_is_silent if {
	supplier := {"name": "Voorbeeld Uitgevers B.V."}
	found := main.findings with input as testing.with_resource({"supplier": supplier}) with data.settings as testing.settings
	not "XFER-001" in testing.codes(found)
}

test_xfer001_subprocessor_outside_eea if {
	subprocessors := [
		{"name": "Voorbeeld Cloud GmbH", "service": "hosting", "country": "DE"},
		{"name": "Support Ltd", "service": "support", "country": "IN"},
	]
	found := main.findings with input as testing.with_resource({"subprocessors": subprocessors}) with data.settings as testing.settings
	some f in found
	f.code == "XFER-001"
	f.path == "/subprocessors/1/country"
	f.args == {"country": "IN", "where": "subprocessors[1].country"}
	not f.variant
}

test_xfer001_one_finding_per_location if {
	subprocessors := [{"name": "Mail Inc", "service": "e-mail", "country": "US"}]
	supplier := object.union(testing.resource.supplier, {"country": "US"})
	input_ := testing.with_resource({"hosting": {"countries": ["US", "NL"]}, "subprocessors": subprocessors, "supplier": supplier})
	found := main.findings with input as input_ with data.settings as testing.settings
	{f.path | some f in xfer001(found)} == {"/hosting/countries/0", "/subprocessors/0/country", "/supplier/country"}
	every f in xfer001(found) {
		f.variant == "us"
	}
}

test_xfer001_one_dpf_entry_covers_every_us_location if {
	subprocessors := [{"name": "Mail Inc", "service": "e-mail", "country": "US"}]
	input_ := testing.with_resource({
		"hosting": {"countries": ["US"]}, "subprocessors": subprocessors,
		"transfers": [{"country": "US", "mechanism": "dpf"}],
	})
	found := main.findings with input as input_ with data.settings as testing.settings
	not "XFER-001" in testing.codes(found)
}

# ---- XFER-002

test_xfer002_scc_without_tia if {
	found := main.findings with input as hosted(["US"], [{"country": "US", "mechanism": "scc"}]) with data.settings as testing.settings
	some f in found
	f.code == "XFER-002"
	f.path == "/transfers/0/tia"
	f.args == {"country": "US", "mechanism": "scc"}
	not f.variant
	not f.severity
}

test_xfer002_scc_with_tia_false if {
	transfers := [{"country": "US", "mechanism": "dpf"}, {"country": "IN", "mechanism": "scc", "tia": false}]
	found := main.findings with input as hosted(["US", "IN"], transfers) with data.settings as testing.settings
	{f | some f in found; f.code == "XFER-002"} == {{"code": "XFER-002", "path": "/transfers/1/tia", "args": {"country": "IN", "mechanism": "scc"}}}
}

test_xfer002_bcr_without_tia if {
	# Every art. 46 tool needs the assessment (EDPB Recommendations 01/2020), not only SCCs.
	found := main.findings with input as hosted(["IN"], [{"country": "IN", "mechanism": "bcr"}]) with data.settings as testing.settings
	some f in found
	f.code == "XFER-002"
	f.path == "/transfers/0/tia"
	f.args == {"country": "IN", "mechanism": "bcr"}
}

test_xfer002_scc_and_bcr_with_tia_are_silent if {
	transfers := [{"country": "US", "mechanism": "scc", "tia": true}, {"country": "IN", "mechanism": "bcr", "tia": true}]
	found := main.findings with input as hosted(["US", "IN"], transfers) with data.settings as testing.settings
	not "XFER-002" in testing.codes(found)
}

test_xfer002_other_mechanisms_need_no_tia if {
	transfers := [{"country": "US", "mechanism": "dpf"}, {"country": "CH", "mechanism": "adequacy"}, {"country": "CN", "mechanism": "derogation"}]
	found := main.findings with input as hosted(["US", "CH", "CN"], transfers) with data.settings as testing.settings
	not "XFER-002" in testing.codes(found)
}

# ---- XFER-003

test_xfer003_no_hosting_block if {
	found := main.findings with input as testing.with_resource({"hosting": null}) with data.settings as testing.settings
	some f in found
	f.code == "XFER-003"
	f.path == "/hosting/countries"
	f.args == {}
}

test_xfer003_empty_countries if {
	found := main.findings with input as hosted([], []) with data.settings as testing.settings
	"XFER-003" in testing.codes(found)
}

test_xfer003_hosting_without_countries if {
	found := main.findings with input as testing.with_resource({"hosting": {}}) with data.settings as testing.settings
	"XFER-003" in testing.codes(found)
}

test_xfer003_one_country_is_silent if {
	found := main.findings with input as hosted(["NL"], []) with data.settings as testing.settings
	not "XFER-003" in testing.codes(found)
}

# ---- SUB-001

test_sub001_subprocessor_without_country if {
	subprocessors := [
		{"name": "Voorbeeld Cloud GmbH", "service": "hosting", "country": "DE"},
		{"name": "Mailer B.V.", "service": "e-mail"},
	]
	found := main.findings with input as testing.with_resource({"subprocessors": subprocessors}) with data.settings as testing.settings
	some f in found
	f.code == "SUB-001"
	f.path == "/subprocessors/1/country"
	f.args == {"name": "Mailer B.V."}
}

test_sub001_every_subprocessor_with_country_is_silent if {
	subprocessors := [{"name": "A", "country": "DE"}, {"name": "B", "country": "NL"}]
	found := main.findings with input as testing.with_resource({"subprocessors": subprocessors}) with data.settings as testing.settings
	not "SUB-001" in testing.codes(found)
}

test_sub001_no_subprocessors_is_silent if {
	found := main.findings with input as testing.with_resource({"subprocessors": null}) with data.settings as testing.settings
	not "SUB-001" in testing.codes(found)
}

# ---- SUB-002

# The compliant input with `subprocessor_terms`.
with_terms(terms) := testing.with_resource({"subprocessor_terms": terms})

# The SUB-002 findings of some findings.
sub002(found) := {f | some f in found; f.code == "SUB-002"}

test_sub002_general_without_notice_or_objection if {
	found := main.findings with input as with_terms({"authorisation": "general"}) with data.settings as testing.settings
	sub002(found) == {
		{"code": "SUB-002", "path": "/subprocessor_terms/notice_days", "variant": "no_notice", "args": {}},
		{"code": "SUB-002", "path": "/subprocessor_terms/objection", "variant": "no_objection", "args": {}},
	}
}

test_sub002_general_without_a_right_to_object if {
	terms := {"authorisation": "general", "notice_days": 30, "objection": "none"}
	found := main.findings with input as with_terms(terms) with data.settings as testing.settings
	sub002(found) == {{"code": "SUB-002", "path": "/subprocessor_terms/objection", "variant": "objection_none", "args": {}}}
}

test_sub002_general_with_notice_and_objection_is_silent if {
	every objection in ["object", "terminate"] {
		terms := {"authorisation": "general", "notice_days": 30, "objection": objection}
		found := main.findings with input as with_terms(terms) with data.settings as testing.settings
		not "SUB-002" in testing.codes(found)
	}
}

test_sub002_notice_below_30_days_is_a_warning if {
	terms := {"authorisation": "general", "notice_days": 29, "objection": "object"}
	found := main.findings with input as with_terms(terms) with data.settings as testing.settings
	sub002(found) == {{
		"code": "SUB-002", "path": "/subprocessor_terms/notice_days", "variant": "short_notice",
		"severity": "warning", "args": {"days": "29"},
	}}
}

test_sub002_zero_days_notice_is_a_short_notice_not_an_absent_one if {
	terms := {"authorisation": "general", "notice_days": 0, "objection": "object"}
	found := main.findings with input as with_terms(terms) with data.settings as testing.settings
	{f.variant | some f in sub002(found)} == {"short_notice"}
}

test_sub002_specific_authorisation_needs_no_notice_or_objection if {
	every terms in [{"authorisation": "specific"}, {"authorisation": "specific", "objection": "none"}] {
		found := main.findings with input as with_terms(terms) with data.settings as testing.settings
		not "SUB-002" in testing.codes(found)
	}
}

test_sub002_short_notice_counts_under_specific_authorisation_too if {
	terms := {"authorisation": "specific", "notice_days": 14}
	found := main.findings with input as with_terms(terms) with data.settings as testing.settings
	{f.variant | some f in sub002(found)} == {"short_notice"}
}

test_sub002_no_subprocessors_is_silent if {
	every subprocessors in [null, []] {
		input_ := testing.with_resource({"subprocessor_terms": {"authorisation": "general", "notice_days": 7}, "subprocessors": subprocessors})
		found := main.findings with input as input_ with data.settings as testing.settings_publisher
		not "SUB-002" in testing.codes(found)
	}
}

test_sub002_no_terms_is_readiness_under_the_publisher_profile if {
	found := main.findings with input as testing.input_base with data.settings as testing.settings_publisher
	sub002(found) == {{"code": "SUB-002", "path": "/subprocessor_terms", "variant": "readiness", "severity": "error", "args": {}}}
}

test_sub002_no_terms_is_silent_for_the_officer if {
	found := main.findings with input as testing.input_base with data.settings as testing.settings
	not "SUB-002" in testing.codes(found)
}

test_sub002_no_terms_and_no_subprocessors_is_silent_for_the_publisher if {
	found := main.findings with input as testing.with_resource({"subprocessors": null}) with data.settings as testing.settings_publisher
	not "SUB-002" in testing.codes(found)
}

test_sub002_publisher_keeps_the_warning_a_warning if {
	terms := {"authorisation": "general", "notice_days": 14, "objection": "terminate"}
	found := main.findings with input as with_terms(terms) with data.settings as testing.settings_publisher
	{[f.variant, f.severity] | some f in sub002(found)} == {["short_notice", "warning"]}
}

# ---- TRACK-001

test_track001_advertising_tracker if {
	tracking := [
		{"vendor": "Voorbeeld Analytics", "purpose": "analytics", "country": "NL"},
		{"vendor": "AdNetwork Inc", "purpose": "advertising", "country": "US"},
	]
	found := main.findings with input as testing.with_resource({"tracking": tracking}) with data.settings as testing.settings
	{f | some f in found; f.code == "TRACK-001"} == {{"code": "TRACK-001", "path": "/tracking/1/purpose", "args": {"vendor": "AdNetwork Inc"}}}
}

test_track001_functional_and_analytics_are_silent if {
	tracking := [{"vendor": "Voorbeeld Cloud GmbH", "purpose": "functional"}, {"vendor": "Voorbeeld Cloud GmbH", "purpose": "analytics"}, {"vendor": "X"}]
	found := main.findings with input as testing.with_resource({"tracking": tracking}) with data.settings as testing.settings
	not "TRACK-001" in testing.codes(found)
}

test_track001_is_an_error_under_both_profiles if {
	tracking := [{"vendor": "AdNetwork Inc", "purpose": "advertising"}]
	found := main.findings with input as testing.with_resource({"tracking": tracking}) with data.settings as testing.settings_publisher
	some f in found
	f.code == "TRACK-001"
	not f.severity
}

# ---- TRACK-002

test_track002_analytics_vendor_that_is_no_subprocessor if {
	tracking := [{"vendor": "Voorbeeld Cloud GmbH", "purpose": "functional"}, {"vendor": "Metrics Corp", "purpose": "analytics"}]
	found := main.findings with input as testing.with_resource({"tracking": tracking}) with data.settings as testing.settings
	{f | some f in found; f.code == "TRACK-002"} == {{"code": "TRACK-002", "path": "/tracking/1/vendor", "args": {"vendor": "Metrics Corp"}}}
}

test_track002_vendor_named_as_subprocessor_in_another_case_is_silent if {
	tracking := [{"vendor": "VOORBEELD cloud gmbh", "purpose": "analytics"}]
	found := main.findings with input as testing.with_resource({"tracking": tracking}) with data.settings as testing.settings
	not "TRACK-002" in testing.codes(found)
}

test_track002_without_subprocessors if {
	tracking := [{"vendor": "Voorbeeld Cloud GmbH", "purpose": "analytics"}]
	found := main.findings with input as testing.with_resource({"tracking": tracking, "subprocessors": null}) with data.settings as testing.settings
	some f in found
	f.code == "TRACK-002"
	f.args == {"vendor": "Voorbeeld Cloud GmbH"}
}

test_track002_other_purposes_are_silent if {
	tracking := [{"vendor": "Metrics Corp", "purpose": "functional"}, {"vendor": "AdNetwork Inc", "purpose": "advertising"}]
	found := main.findings with input as testing.with_resource({"tracking": tracking}) with data.settings as testing.settings
	not "TRACK-002" in testing.codes(found)
}
