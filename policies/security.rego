# Breach notification, retention, security and DPIA: BRE-001, BRE-002, RET-001, RET-002,
# SEC-001, DPIA-001. Sources: AVG art. 5(1)(e), 28(3), 32, 33, 35.
package ibp.rules.security


# BRE-001: later than the 72 hours the school itself has to notify the AP.
findings contains f if {
	hours := input.resource.breach_notification_hours
	hours > 72
	f := {"code": "BRE-001", "path": "/breach_notification_hours", "args": {"hours": sprintf("%d", [hours])}}
}

# BRE-002: no notification term, or one beyond the board's breach_max_hours.
findings contains f if {
	not input.resource.breach_notification_hours
	f := {"code": "BRE-002", "path": "/breach_notification_hours", "variant": "absent", "args": {}}
}

findings contains f if {
	hours := input.resource.breach_notification_hours
	hours > data.settings.breach_max_hours
	hours <= 72
	f := {
		"code": "BRE-002", "path": "/breach_notification_hours",
		"args": {"hours": sprintf("%d", [hours]), "max": sprintf("%d", [data.settings.breach_max_hours])},
	}
}

# RET-001: no deletion term after the contract ends.
findings contains f if {
	not input.resource.retention.delete_after_contract_days
	f := {"code": "RET-001", "path": "/retention/delete_after_contract_days", "args": {}}
}

# RET-002: a deletion term beyond the board's max_deletion_days.
findings contains f if {
	days := input.resource.retention.delete_after_contract_days
	days > data.settings.max_deletion_days
	f := {
		"code": "RET-002", "path": "/retention/delete_after_contract_days",
		"args": {"days": sprintf("%d", [days]), "max": sprintf("%d", [data.settings.max_deletion_days])},
	}
}

# SEC-001: no security evidence: no certification and no security annex (tested first: it is
# the cheaper test, and most agreements have the annex).
findings contains f if {
	not "security" in input.resource.processing_agreement.annexes
	not data.ibp.lib.has_certification
	f := {"code": "SEC-001", "path": "/security/certifications", "args": {}}
}

# DPIA-001: a processing that needs a DPIA without a completed one. One finding per
# declaration, naming the first reason (special data, published images, risky transfer).
findings contains f if {
	not input.resource.dpia.status == "done"
	count(data.ibp.lib.dpia_reasons) > 0
	first := min({r.order | some r in data.ibp.lib.dpia_reasons})
	some reason in data.ibp.lib.dpia_reasons
	reason.order == first
	f := {"code": "DPIA-001", "path": "/dpia/status", "variant": reason.variant, "args": reason.args}
}
