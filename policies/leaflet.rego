# Privacy leaflet (privacybijsluiter): LEAF-001 .. LEAF-004.
package ibp.rules.leaflet

import data.ibp.lib

# LEAF-001: no leaflet URL (absent or blank). An error where the convenant or the model makes
# the leaflet Bijlage 1 of the agreement, a warning otherwise.
findings contains f if {
	not lib.leaflet_url
	lib.leaflet_required
	f := {"code": "LEAF-001", "path": "/privacy_leaflet/url", "args": {}}
}

findings contains f if {
	not lib.leaflet_url
	not lib.leaflet_required
	f := {"code": "LEAF-001", "path": "/privacy_leaflet/url", "severity": "warning", "args": {}}
}

# LEAF-002: the URL must be absolute https with a host.
findings contains f if {
	url := lib.leaflet_url
	not lib.https_with_host(url)
	f := {"code": "LEAF-002", "path": "/privacy_leaflet/url", "args": {"url": url}}
}

# LEAF-003: the leaflet is older than leaflet_max_age_months.
findings contains f if {
	date := lib.leaflet.updated_on
	date < data.settings.leaflet_cutoff
	f := {
		"code": "LEAF-003", "path": "/privacy_leaflet/updated_on",
		"args": {"date": date, "months": sprintf("%d", [data.settings.leaflet_max_age_months])},
	}
}

# LEAF-004: a URL without the date on the leaflet.
findings contains f if {
	url := lib.leaflet_url
	not lib.leaflet.updated_on
	f := {"code": "LEAF-004", "path": "/privacy_leaflet/updated_on", "args": {"url": url}}
}
