# Convenant Digitale Onderwijsmiddelen en Privacy: CONV-001, CONV-002.
package ibp.rules.convenant


# CONV-001: the supplier has not joined the convenant, and the agreement is neither the general
# model (meant for suppliers outside the convenant's scope) nor a custom one under a national
# framework agreement; not for a controller recipient (no processing agreement). An error under
# the publisher profile.
findings contains f if {
	not input.resource.convenant.status
	data.ibp.lib.conv001_applies
	f := object.union(
		{"code": "CONV-001", "path": "/convenant/status", "variant": "absent", "args": {}},
		data.ibp.lib.publisher_severity,
	)
}

findings contains f if {
	input.resource.convenant.status == "none"
	data.ibp.lib.conv001_applies
	f := object.union(
		{"code": "CONV-001", "path": "/convenant/status", "args": {"status": "none"}},
		data.ibp.lib.publisher_severity,
	)
}

# CONV-002: a pre-AVG convenant version.
findings contains f if {
	version := input.resource.convenant.version
	version in {"1.0", "2.0"}
	f := {"code": "CONV-002", "path": "/convenant/version", "args": {"version": version}}
}
