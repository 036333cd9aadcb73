# Transfers outside the EEA, subprocessors and trackers: XFER-001 .. XFER-003, SUB-001, SUB-002,
# TRACK-001, TRACK-002. Sources: AVG art. 5(1)(b), 28(2),(4), 44-46, 49; CJEU C-311/18 (Schrems
# II); EDPB Recommendations 01/2020; EU-US Data Privacy Framework; Telecommunicatiewet art. 11.7a.
package ibp.rules.transfers


# XFER-001: a location outside the EEA without adequacy or a fitting transfer mechanism.
findings contains f if {
	# Most declarations keep every location in the EEA: one set operation says so before the
	# locations are walked (input.countries holds the country of every location).
	count(input.countries - data.ibp.lib.eea) > 0
	some loc in data.ibp.lib.locations
	not data.ibp.lib.covered(loc)
	# The mechanisms `transfers` names for this country, none of which fits (the message
	# names them: a declared `dpf` or `adequacy` that does not count is the usual mistake).
	declared := {t.mechanism | some t in object.get(input.resource, "transfers", []); t.country == loc.country}
	f := data.ibp.lib.xfer001(loc, declared)
}

# XFER-002: an art. 46 tool (standard contractual clauses, binding corporate rules) without a
# transfer impact assessment.
findings contains f if {
	some i, t in input.resource.transfers
	t.mechanism in {"scc", "bcr"}
	object.get(t, "tia", false) != true
	f := {"code": "XFER-002", "path": sprintf("/transfers/%d/tia", [i]), "args": {"country": t.country, "mechanism": t.mechanism}}
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

# SUB-002: subprocessors under a general authorisation without notice or a right to object
# (errors) or with a notice shorter than 30 days (warning): the cases are in lib.rego, behind
# one test that `subprocessor_terms` is declared (most declarations have none, and a body
# costs the same whether or not its first condition fails). Under the publisher profile, no
# subprocessor terms declared at all (readiness).
findings contains f if {
	input.resource.subprocessor_terms
	input.resource.subprocessors[0]
	some f in data.ibp.lib.sub002_findings
}

findings contains f if {
	data.settings.profile == "publisher"
	input.resource.subprocessors[0]
	not input.resource.subprocessor_terms
	f := {"code": "SUB-002", "path": "/subprocessor_terms", "variant": "readiness", "severity": "error", "args": {}}
}

# TRACK-001 (a tracker for advertising) and TRACK-002 (an analytics tracker whose vendor is not
# a subprocessor): in lib.rego, behind one test that `tracking` has an entry.
findings contains f if {
	input.resource.tracking[0]
	some f in data.ibp.lib.tracking_findings
}
