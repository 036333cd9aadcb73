# Privacy leaflet (privacybijsluiter): LEAF-001 .. LEAF-004.
package ibp.rules.leaflet


# LEAF-001: no leaflet URL (absent or blank). An error where the convenant or the model makes
# the leaflet Bijlage 1 of the agreement, a warning otherwise.
findings contains f if {
	not data.ibp.lib.leaflet_url
	data.ibp.lib.leaflet_required
	f := {"code": "LEAF-001", "path": "/privacy_leaflet/url", "args": {}}
}

findings contains f if {
	not data.ibp.lib.leaflet_url
	not data.ibp.lib.leaflet_required
	f := {"code": "LEAF-001", "path": "/privacy_leaflet/url", "severity": "warning", "args": {}}
}

# LEAF-002: the URL must be absolute https with a host.
findings contains f if {
	url := data.ibp.lib.leaflet_url
	not data.ibp.lib.leaflet_url_valid
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

# LEAF-004: a URL without the date on the leaflet.
findings contains f if {
	url := data.ibp.lib.leaflet_url
	not input.resource.privacy_leaflet.updated_on
	f := {"code": "LEAF-004", "path": "/privacy_leaflet/updated_on", "args": {"url": url}}
}
