# Transfers outside the EEA and subprocessors: XFER-001 .. XFER-003, SUB-001.
# Sources: AVG art. 28, 44-46, 49; CJEU C-311/18 (Schrems II); EU-US Data Privacy Framework.
package ibp.rules.transfers


# XFER-001: a location outside the EEA without adequacy or a fitting transfer mechanism.
findings contains f if {
	# Most declarations keep every location in the EEA: one set operation says so before the
	# locations are walked (input.countries holds the country of every location).
	count(input.countries - data.ibp.lib.eea) > 0
	some loc in data.ibp.lib.locations
	not data.ibp.lib.covered(loc.country)
	# The mechanisms `transfers` names for this country, none of which fits (the message
	# names them: a declared `dpf` or `adequacy` that does not count is the usual mistake).
	declared := {t.mechanism | some t in object.get(input.resource, "transfers", []); t.country == loc.country}
	f := data.ibp.lib.xfer001(loc, declared)
}

# XFER-002: standard contractual clauses without a transfer impact assessment.
findings contains f if {
	some i, t in input.resource.transfers
	t.mechanism == "scc"
	object.get(t, "tia", false) != true
	f := {"code": "XFER-002", "path": sprintf("/transfers/%d/tia", [i]), "args": {"country": t.country}}
}

# XFER-003: the school must know where the data are.
findings contains f if {
	# No first hosting country: the block, the list or its items are absent.
	not input.resource.hosting.countries[0]
	f := {"code": "XFER-003", "path": "/hosting/countries", "args": {}}
}

# SUB-001: a subprocessor without a country.
findings contains f if {
	some i, sub in input.resource.subprocessors
	not sub.country
	f := {"code": "SUB-001", "path": sprintf("/subprocessors/%d/country", [i]), "args": {"name": sub.name}}
}
