# Transfers outside the EEA and subprocessors: XFER-001 .. XFER-003, SUB-001.
# Sources: AVG art. 28, 44-46, 49; CJEU C-311/18 (Schrems II); EU-US Data Privacy Framework.
package ibp.rules

import data.ibp.lib

# Every place the data are, or are reached from, with its pointer and a readable name.
locations contains loc if {
	some i, country in object.get(object.get(lib.resource, "hosting", {}), "countries", [])
	loc := {"country": country, "path": sprintf("/hosting/countries/%d", [i]), "where": "hosting.countries"}
}

locations contains loc if {
	some i, sub in object.get(lib.resource, "subprocessors", [])
	country := sub.country
	loc := {
		"country": country, "path": sprintf("/subprocessors/%d/country", [i]),
		"where": sprintf("subprocessors[%d].country", [i]),
	}
}

locations contains loc if {
	country := lib.resource.supplier.country
	loc := {"country": country, "path": "/supplier/country", "where": "supplier.country"}
}

# A transfer mechanism that fits the country: SCC, BCR or a derogation anywhere; DPF only
# for the United States.
covered(country) if {
	some t in object.get(lib.resource, "transfers", [])
	t.country == country
	t.mechanism in {"scc", "bcr", "derogation"}
}

covered("US") if {
	some t in object.get(lib.resource, "transfers", [])
	t.country == "US"
	t.mechanism == "dpf"
}

# XFER-001: a location outside the EEA without adequacy or a fitting transfer mechanism.
findings contains f if {
	some loc in locations
	lib.needs_mechanism(loc.country)
	not covered(loc.country)
	base := {"code": "XFER-001", "path": loc.path, "args": {"country": loc.country, "where": loc.where}}
	f := with_us_variant(base, loc.country)
}

with_us_variant(base, "US") := object.union(base, {"variant": "us"})

with_us_variant(base, country) := base if country != "US"

# XFER-002: standard contractual clauses without a transfer impact assessment.
findings contains f if {
	some i, t in object.get(lib.resource, "transfers", [])
	t.mechanism == "scc"
	object.get(t, "tia", false) != true
	f := {"code": "XFER-002", "path": sprintf("/transfers/%d/tia", [i]), "args": {"country": t.country}}
}

# XFER-003: the school must know where the data are.
findings contains f if {
	count(object.get(object.get(lib.resource, "hosting", {}), "countries", [])) == 0
	f := {"code": "XFER-003", "path": "/hosting/countries", "args": {}}
}

# SUB-001: a subprocessor without a country.
findings contains f if {
	some i, sub in object.get(lib.resource, "subprocessors", [])
	not sub.country
	f := {"code": "SUB-001", "path": sprintf("/subprocessors/%d/country", [i]), "args": {"name": sub.name}}
}
