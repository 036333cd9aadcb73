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

test_xfer001_cn_with_scc_bcr_or_derogation_passes if {
	every mechanism in ["scc", "bcr", "derogation"] {
		transfers := [{"country": "CN", "mechanism": mechanism, "tia": true}]
		found := main.findings with input as hosted(["CN"], transfers) with data.settings as testing.settings
		not "XFER-001" in testing.codes(found)
	}
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
	f.args == {"country": "US"}
}

test_xfer002_scc_with_tia_false if {
	transfers := [{"country": "US", "mechanism": "dpf"}, {"country": "IN", "mechanism": "scc", "tia": false}]
	found := main.findings with input as hosted(["US", "IN"], transfers) with data.settings as testing.settings
	some f in found
	f.code == "XFER-002"
	f.path == "/transfers/1/tia"
	f.args == {"country": "IN"}
}

test_xfer002_scc_with_tia_is_silent if {
	found := main.findings with input as hosted(["US"], [{"country": "US", "mechanism": "scc", "tia": true}]) with data.settings as testing.settings
	not "XFER-002" in testing.codes(found)
}

test_xfer002_other_mechanisms_need_no_tia if {
	transfers := [{"country": "US", "mechanism": "dpf"}, {"country": "IN", "mechanism": "bcr"}, {"country": "CN", "mechanism": "derogation"}]
	found := main.findings with input as hosted(["US", "IN", "CN"], transfers) with data.settings as testing.settings
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
