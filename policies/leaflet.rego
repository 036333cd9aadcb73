# Privacy leaflet (privacybijsluiter): LEAF-001 .. LEAF-005.
package ibp.rules.leaflet


# LEAF-001: no leaflet URL (absent or blank). An error where the convenant or the model makes
# the leaflet Bijlage 1 of the agreement, a warning otherwise. Not for a controller recipient,
# which gets no processing agreement and so no Bijlage 1.
findings contains f if {
	not data.ibp.lib.leaflet_url
	data.ibp.lib.leaflet_required
	data.ibp.lib.agreement_applies
	f := {"code": "LEAF-001", "path": "/privacy_leaflet/url", "args": {}}
}

findings contains f if {
	not data.ibp.lib.leaflet_url
	not data.ibp.lib.leaflet_required
	data.ibp.lib.agreement_applies
	f := {"code": "LEAF-001", "path": "/privacy_leaflet/url", "severity": "warning", "args": {}}
}

# LEAF-002: the URL must be absolute https with a host. (Most URLs are valid: that test goes
# first. On the compiled RVM `url := data.ibp.lib.leaflet_url` does not fail the body when there
# is no URL, so `is_string` tests that there is one.)
findings contains f if {
	not data.ibp.lib.leaflet_url_valid
	url := data.ibp.lib.leaflet_url
	is_string(url)
	f := {"code": "LEAF-002", "path": "/privacy_leaflet/url", "args": {"url": url}}
}

# LEAF-003: the leaflet is older than leaflet_max_age_months.
findings contains f if {
	date := input.resource.privacy_leaflet.updated_on
	date < data.settings.leaflet_cutoff
	f := {
		"code": "LEAF-003", "path": "/privacy_leaflet/updated_on",
		"args": {
			"date": date, "cutoff": data.settings.leaflet_cutoff,
			"months": sprintf("%d", [data.settings.leaflet_max_age_months]),
		},
	}
}

# LEAF-004: a URL without the date on the leaflet (info; an error under the publisher profile).
# Most leaflets have the date: that test goes first; `is_string` as in LEAF-002.
findings contains f if {
	not input.resource.privacy_leaflet.updated_on
	url := data.ibp.lib.leaflet_url
	is_string(url)
	f := object.union(
		{"code": "LEAF-004", "path": "/privacy_leaflet/updated_on", "args": {"url": url}},
		data.ibp.lib.publisher_severity,
	)
}

# LEAF-005: the leaflet lacks sections of the convenant's model (a warning naming them). When
# `covers` is absent nothing is known yet: a readiness trigger, raised only under the publisher
# profile, as an error. An empty `covers` lacks every section.
findings contains f if {
	# On the compiled RVM an assignment from an undefined input path does not fail the body,
	# and `not s in covers` holds for an undefined `covers`: test that it is there.
	covers := input.resource.privacy_leaflet.covers
	is_array(covers)
	data.ibp.lib.leaflet_url
	missing := [s | some s in data.ibp.lib.leaflet_required_sections; not s in covers]
	count(missing) > 0
	f := {"code": "LEAF-005", "path": "/privacy_leaflet/covers", "args": {"missing": concat(", ", missing)}}
}

findings contains f if {
	data.settings.profile == "publisher"
	not input.resource.privacy_leaflet.covers
	data.ibp.lib.leaflet_url
	f := {"code": "LEAF-005", "path": "/privacy_leaflet/covers", "variant": "readiness", "severity": "error", "args": {}}
}
