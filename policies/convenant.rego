# Convenant Digitale Onderwijsmiddelen en Privacy: CONV-001, CONV-002.
package ibp.rules.convenant


# CONV-001: the supplier has not joined the convenant, and the agreement is not the general
# model (which is meant for suppliers outside the convenant's scope).
findings contains f if {
	not input.resource.convenant.status
	not input.resource.processing_agreement.model == "general-4.0"
	f := {"code": "CONV-001", "path": "/convenant/status", "variant": "absent", "args": {}}
}

findings contains f if {
	input.resource.convenant.status == "none"
	not input.resource.processing_agreement.model == "general-4.0"
	f := {"code": "CONV-001", "path": "/convenant/status", "args": {"status": "none"}}
}

# CONV-002: a pre-AVG convenant version.
findings contains f if {
	version := input.resource.convenant.version
	version in {"1.0", "2.0"}
	f := {"code": "CONV-002", "path": "/convenant/version", "args": {"version": version}}
}
