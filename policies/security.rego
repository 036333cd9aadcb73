# Breach notification, retention, security, DPIA, AI, rights, exit and vulnerability disclosure:
# BRE-001, BRE-002, RET-001, RET-002, SEC-001, DPIA-001, AI-001, AI-002, RIGHTS-001, EXIT-001,
# CVD-001. Sources: AVG art. 5(1)(e), 12(3), 15-17, 28(3), 32, 33, 35; AI Act (EU 2024/1689).
package ibp.rules.security


# BRE-001: a fixed notification term beyond 72 hours is not "without undue delay" (AVG art.
# 33(2), 28(3)(f)).
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
# the cheaper test, and most agreements have the annex). The annex is a positive helper rule:
# `not "security" in input.resource.processing_agreement.annexes` holds in regorus when the
# agreement is absent but is undefined in OPA, where `not` over a call (`in`, any builtin or
# function) with an undefined argument fails.
findings contains f if {
	not data.ibp.lib.security_annex
	not data.ibp.lib.has_certification
	f := {"code": "SEC-001", "path": "/security/certifications", "args": {}}
}

# DPIA-001 (a processing that needs a DPIA without a completed one, one finding naming the
# first reason), AI-001 (emotion recognition) and AI-002 (an AI feature that assesses
# learning): in lib.rego, behind one test that `processing` is declared (most declarations
# have none, and a body costs the same whether or not its first condition fails).
findings contains f if {
	input.resource.processing
	some f in data.ibp.lib.processing_findings
}

# RIGHTS-001: the supplier does not help with access, rectification or erasure, or needs more
# than 10 working days (lib.rego, behind one test that `rights_support` is declared).
findings contains f if {
	input.resource.rights_support
	some f in data.ibp.lib.rights_findings
}

# CVD-001: the last penetration test is more than twelve months old.
findings contains f if {
	date := input.resource.security.pentest_on
	date < data.settings.pentest_cutoff
	f := {
		"code": "CVD-001", "path": "/security/pentest_on",
		"args": {"date": date, "cutoff": data.settings.pentest_cutoff},
	}
}

# The readiness triggers of this area, raised only under the publisher profile, as errors
# (lib.rego): no rights support (RIGHTS-001), no return on exit (EXIT-001), no coordinated
# vulnerability disclosure (CVD-001).
findings contains f if {
	data.settings.profile == "publisher"
	some f in data.ibp.lib.security_readiness
}
