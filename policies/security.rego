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
# the cheaper test, and most agreements have the annex).
findings contains f if {
	not "security" in input.resource.processing_agreement.annexes
	not data.ibp.lib.has_certification
	f := {"code": "SEC-001", "path": "/security/certifications", "args": {}}
}

# DPIA-001: a processing that needs a DPIA without a completed one. One finding per
# declaration, naming the first reason (lib.rego: processing flags, then an AI feature that
# assesses learning; a special field is left to SPEC-001). Most declarations declare no
# `processing`: that test comes first.
findings contains f if {
	input.resource.processing
	not data.ibp.lib.dpia_done
	reason := data.ibp.lib.dpia_reason
	f := {"code": "DPIA-001", "path": "/dpia/status", "variant": reason.variant, "args": reason.args}
}

# AI-001: emotion recognition in education is prohibited (AI Act art. 5(1)(f)).
findings contains f if {
	input.resource.processing.emotion_recognition == true
	f := {"code": "AI-001", "path": "/processing/emotion_recognition", "args": {}}
}

# AI-002: an AI feature that assesses learning is a high-risk AI system (AI Act Annex III
# point 3); the school as deployer has the duties of art. 26.
findings contains f if {
	some i, feature in input.resource.processing.ai_features
	feature.assesses_learning == true
	f := {
		"code": "AI-002", "path": sprintf("/processing/ai_features/%d/assesses_learning", [i]),
		"args": {"name": feature.name},
	}
}

# RIGHTS-001: the supplier does not help with access, rectification or erasure (one finding per
# right declared false), or needs more than 10 working days; under the publisher profile, no
# rights support declared at all (readiness).
findings contains f if {
	support := input.resource.rights_support
	some right in ["access", "rectification", "erasure"]
	support[right] == false
	f := {"code": "RIGHTS-001", "path": sprintf("/rights_support/%s", [right]), "args": {"right": right}}
}

findings contains f if {
	days := input.resource.rights_support.response_working_days
	days > 10
	f := {
		"code": "RIGHTS-001", "path": "/rights_support/response_working_days", "variant": "slow",
		"args": {"days": sprintf("%d", [days])},
	}
}

findings contains f if {
	data.settings.profile == "publisher"
	not input.resource.rights_support
	f := {"code": "RIGHTS-001", "path": "/rights_support", "variant": "readiness", "severity": "error", "args": {}}
}

# EXIT-001: how the school gets its data back at the end is not declared (readiness only).
findings contains f if {
	data.settings.profile == "publisher"
	not input.resource.retention.return_on_exit
	f := {"code": "EXIT-001", "path": "/retention/return_on_exit", "variant": "readiness", "severity": "error", "args": {}}
}

# CVD-001: the last penetration test is more than twelve months old (warning); under the
# publisher profile, no coordinated vulnerability disclosure declared (readiness).
findings contains f if {
	date := input.resource.security.pentest_on
	date < data.settings.pentest_cutoff
	f := {
		"code": "CVD-001", "path": "/security/pentest_on",
		"args": {"date": date, "cutoff": data.settings.pentest_cutoff},
	}
}

findings contains f if {
	data.settings.profile == "publisher"
	not input.resource.security.vulnerability_disclosure
	f := {"code": "CVD-001", "path": "/security/vulnerability_disclosure", "variant": "readiness", "severity": "error", "args": {}}
}
