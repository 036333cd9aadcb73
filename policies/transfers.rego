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
# (errors), a notice shorter than 30 days (warning), and, under the publisher profile, no
# subprocessor terms declared at all (readiness).
findings contains f if {
	input.resource.subprocessor_terms.authorisation == "general"
	input.resource.subprocessors[0]
	not input.resource.subprocessor_terms.notice_days
	f := {"code": "SUB-002", "path": "/subprocessor_terms/notice_days", "variant": "no_notice", "args": {}}
}

findings contains f if {
	input.resource.subprocessor_terms.authorisation == "general"
	input.resource.subprocessors[0]
	not input.resource.subprocessor_terms.objection
	f := {"code": "SUB-002", "path": "/subprocessor_terms/objection", "variant": "no_objection", "args": {}}
}

findings contains f if {
	input.resource.subprocessor_terms.objection == "none"
	input.resource.subprocessor_terms.authorisation == "general"
	input.resource.subprocessors[0]
	f := {"code": "SUB-002", "path": "/subprocessor_terms/objection", "variant": "objection_none", "args": {}}
}

# A notice shorter than 30 days, whatever the authorisation (0 days included: it is a notice
# term, though none to speak of; `not` above treats only an absent key as no term).
findings contains f if {
	days := input.resource.subprocessor_terms.notice_days
	days < 30
	input.resource.subprocessors[0]
	f := {
		"code": "SUB-002", "path": "/subprocessor_terms/notice_days", "variant": "short_notice",
		"severity": "warning", "args": {"days": sprintf("%d", [days])},
	}
}

findings contains f if {
	data.settings.profile == "publisher"
	input.resource.subprocessors[0]
	not input.resource.subprocessor_terms
	f := {"code": "SUB-002", "path": "/subprocessor_terms", "variant": "readiness", "severity": "error", "args": {}}
}

# TRACK-001: a tracker for advertising.
findings contains f if {
	some i, t in input.resource.tracking
	t.purpose == "advertising"
	f := {"code": "TRACK-001", "path": sprintf("/tracking/%d/purpose", [i]), "args": {"vendor": t.vendor}}
}

# TRACK-002: an analytics tracker whose vendor is not a subprocessor (names compared without
# regard to case).
findings contains f if {
	some i, t in input.resource.tracking
	t.purpose == "analytics"
	names := {lower(s.name) | some s in object.get(input.resource, "subprocessors", [])}
	not lower(t.vendor) in names
	f := {"code": "TRACK-002", "path": sprintf("/tracking/%d/vendor", [i]), "args": {"vendor": t.vendor}}
}
