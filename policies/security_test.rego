# Unit tests of security.rego (run with `ibp-lint verify`).
package ibp.test.security

import data.ibp.main
import data.ibp.testing

# The compliant input with another breach notification term.
with_hours(hours) := testing.with_resource({"breach_notification_hours": hours})

# The compliant input with another deletion term.
with_days(days) := testing.with_resource({"retention": {"delete_after_contract_days": days}})

# The example's agreement with other annexes.
with_annexes(annexes) := testing.replaced(testing.resource.processing_agreement, {"annexes": annexes})

# The DPIA-001 findings of some findings.
dpia001(found) := [f | some f in found; f.code == "DPIA-001"]

test_compliant_example_has_no_security_finding if {
	found := main.findings with input as testing.input_base with data.settings as testing.settings
	every f in found {
		not f.code in {"BRE-001", "BRE-002", "RET-001", "RET-002", "SEC-001", "DPIA-001", "AI-001", "AI-002", "RIGHTS-001", "EXIT-001", "CVD-001"}
	}
}

# ---- BRE-001

test_bre001_73_hours if {
	found := main.findings with input as with_hours(73) with data.settings as testing.settings
	some f in found
	f.code == "BRE-001"
	f.path == "/breach_notification_hours"
	f.args == {"hours": "73"}
}

test_bre001_72_hours_is_silent if {
	found := main.findings with input as with_hours(72) with data.settings as testing.settings
	not "BRE-001" in testing.codes(found)
}

test_bre001_absent_is_silent if {
	found := main.findings with input as with_hours(null) with data.settings as testing.settings
	not "BRE-001" in testing.codes(found)
}

# ---- BRE-002

test_bre002_absent if {
	found := main.findings with input as with_hours(null) with data.settings as testing.settings
	some f in found
	f.code == "BRE-002"
	f.variant == "absent"
	f.path == "/breach_notification_hours"
	f.args == {}
}

test_bre002_25_hours if {
	found := main.findings with input as with_hours(25) with data.settings as testing.settings
	some f in found
	f.code == "BRE-002"
	f.path == "/breach_notification_hours"
	f.args == {"hours": "25", "max": "24"}
	not f.variant
}

test_bre002_72_hours if {
	found := main.findings with input as with_hours(72) with data.settings as testing.settings
	some f in found
	f.code == "BRE-002"
	f.args.hours == "72"
}

test_bre002_24_hours_is_silent if {
	found := main.findings with input as with_hours(24) with data.settings as testing.settings
	not "BRE-002" in testing.codes(found)
}

test_bre002_73_hours_is_bre001_only if {
	found := main.findings with input as with_hours(73) with data.settings as testing.settings
	not "BRE-002" in testing.codes(found)
	"BRE-001" in testing.codes(found)
}

test_bre002_zero_hours_is_silent if {
	found := main.findings with input as with_hours(0) with data.settings as testing.settings
	not "BRE-002" in testing.codes(found)
}

# ---- RET-001

test_ret001_no_retention_block if {
	found := main.findings with input as testing.with_resource({"retention": null}) with data.settings as testing.settings
	some f in found
	f.code == "RET-001"
	f.path == "/retention/delete_after_contract_days"
	f.args == {}
}

test_ret001_retention_without_term if {
	found := main.findings with input as testing.with_resource({"retention": {}}) with data.settings as testing.settings
	"RET-001" in testing.codes(found)
}

test_ret001_zero_days_is_silent if {
	found := main.findings with input as with_days(0) with data.settings as testing.settings
	not "RET-001" in testing.codes(found)
	not "RET-002" in testing.codes(found)
}

# ---- RET-002

test_ret002_91_days if {
	found := main.findings with input as with_days(91) with data.settings as testing.settings
	some f in found
	f.code == "RET-002"
	f.path == "/retention/delete_after_contract_days"
	f.args == {"days": "91", "max": "90"}
}

test_ret002_90_days_is_silent if {
	found := main.findings with input as with_days(90) with data.settings as testing.settings
	not "RET-002" in testing.codes(found)
}

test_ret002_absent_term_is_ret001_only if {
	found := main.findings with input as testing.with_resource({"retention": null}) with data.settings as testing.settings
	not "RET-002" in testing.codes(found)
}

# ---- SEC-001

test_sec001_no_certifications_and_no_security_annex if {
	input_ := testing.with_resource({"security": null, "processing_agreement": with_annexes(["privacy_leaflet"])})
	found := main.findings with input as input_ with data.settings as testing.settings
	some f in found
	f.code == "SEC-001"
	f.path == "/security/certifications"
	f.args == {}
}

test_sec001_empty_certifications_and_no_agreement if {
	input_ := testing.with_resource({"security": {"certifications": []}, "processing_agreement": null})
	found := main.findings with input as input_ with data.settings as testing.settings
	"SEC-001" in testing.codes(found)
}

test_sec001_blank_certification_counts_as_none if {
	input_ := testing.with_resource({"security": {"certifications": [" "]}, "processing_agreement": with_annexes([])})
	found := main.findings with input as input_ with data.settings as testing.settings
	"SEC-001" in testing.codes(found)
}

test_sec001_security_annex_is_enough if {
	input_ := testing.with_resource({"security": null, "processing_agreement": with_annexes(["security"])})
	found := main.findings with input as input_ with data.settings as testing.settings
	not "SEC-001" in testing.codes(found)
}

test_sec001_certification_is_enough if {
	input_ := testing.with_resource({"security": {"certifications": ["NEN7510"]}, "processing_agreement": with_annexes([])})
	found := main.findings with input as input_ with data.settings as testing.settings
	not "SEC-001" in testing.codes(found)
}

# ---- DPIA-001

health := testing.field("health", "gezondheid", "special", "/fields/5")

scc_us := {"country": "US", "mechanism": "scc", "tia": true}

published := {"processed": true, "published": true, "consent": "opt_in"}

# The compliant input with a `processing` block and another DPIA status.
processing(block, dpia) := testing.with_resource({"processing": block, "dpia": dpia})

pending := {"status": "pending"}

test_dpia001_profiling if {
	found := main.findings with input as processing({"profiling": true}, pending) with data.settings as testing.settings
	dpia001(found) == [{"code": "DPIA-001", "path": "/dpia/status", "variant": "processing", "args": {"flag": "profiling"}}]
}

test_dpia001_names_the_first_flag_in_the_order_of_rules_md if {
	every case in [
		[{"profiling": true, "automated_decisions": true, "behaviour_monitoring": true}, "profiling"],
		[{"profiling": false, "automated_decisions": true, "behaviour_monitoring": true}, "automated_decisions"],
		[{"behaviour_monitoring": true, "ai_features": [{"name": "x", "assesses_learning": true}]}, "behaviour_monitoring"],
	] {
		found := main.findings with input as processing(case[0], pending) with data.settings as testing.settings
		dpia001(found) == [{"code": "DPIA-001", "path": "/dpia/status", "variant": "processing", "args": {"flag": case[1]}}]
	}
}

test_dpia001_first_ai_feature_that_assesses_learning if {
	features := [
		{"name": "Voorleesstem", "purpose": "text to speech", "assesses_learning": false},
		{"name": "Adaptieve oefenroute", "assesses_learning": true},
		{"name": "Nakijkhulp", "assesses_learning": true},
	]
	found := main.findings with input as processing({"profiling": false, "ai_features": features}, null) with data.settings as testing.settings
	dpia001(found) == [{"code": "DPIA-001", "path": "/dpia/status", "variant": "ai", "args": {"name": "Adaptieve oefenroute"}}]
}

test_dpia001_every_status_but_done_counts if {
	every dpia in [null, {}, {"status": "none"}, {"status": "not_required"}, {"status": "pending"}] {
		found := main.findings with input as processing({"automated_decisions": true}, dpia) with data.settings as testing.settings
		count(dpia001(found)) == 1
	}
}

test_dpia001_dpia_done_is_silent if {
	block := {"profiling": true, "ai_features": [{"name": "Nakijkhulp", "assesses_learning": true}]}
	found := main.findings with input as processing(block, {"status": "done", "date": "2025-05-20"}) with data.settings as testing.settings
	not "DPIA-001" in testing.codes(found)
}

test_dpia001_no_reason_is_silent if {
	block := {
		"profiling": false, "automated_decisions": false, "behaviour_monitoring": false, "emotion_recognition": false,
		"ai_features": [{"name": "Voorleesstem", "assesses_learning": false}, {"name": "Spellingcontrole"}],
	}
	found := main.findings with input as processing(block, pending) with data.settings as testing.settings
	not "DPIA-001" in testing.codes(found)
}

test_dpia001_special_field_is_left_to_spec001 if {
	# Without a completed DPIA, SPEC-001 is raised for the special field and asks for it:
	# rules.md then keeps DPIA-001 silent, whatever else the declaration says.
	every changes in [{"dpia": pending}, {"dpia": null, "special_category_exception": "UAVG art. 30 lid 1"}] {
		input_ := testing.input_of(changes, array.concat(testing.fields, [health]), testing.purposes)
		found := main.findings with input as input_ with data.settings as testing.settings
		"SPEC-001" in testing.codes(found)
		not "DPIA-001" in testing.codes(found)
	}
}

test_dpia001_special_field_and_profiling_names_profiling if {
	input_ := testing.input_of({"processing": {"profiling": true}, "dpia": pending}, array.concat(testing.fields, [health]), testing.purposes)
	found := main.findings with input as input_ with data.settings as testing.settings
	"SPEC-001" in testing.codes(found)
	dpia001(found) == [{"code": "DPIA-001", "path": "/dpia/status", "variant": "processing", "args": {"flag": "profiling"}}]
}

test_dpia001_transfers_and_published_images_are_no_reason if {
	input_ := testing.with_resource({"images": published, "hosting": {"countries": ["NL", "US"]}, "transfers": [scc_us, {"country": "IN", "mechanism": "derogation"}], "dpia": pending})
	found := main.findings with input as input_ with data.settings as testing.settings
	not "DPIA-001" in testing.codes(found)
}

# ---- AI-001

test_ai001_emotion_recognition if {
	found := main.findings with input as processing({"emotion_recognition": true}, {"status": "done"}) with data.settings as testing.settings
	{f | some f in found; f.code == "AI-001"} == {{"code": "AI-001", "path": "/processing/emotion_recognition", "args": {}}}
}

test_ai001_no_emotion_recognition_is_silent if {
	every block in [{"emotion_recognition": false}, {"profiling": false}, null] {
		found := main.findings with input as processing(block, {"status": "done"}) with data.settings as testing.settings
		not "AI-001" in testing.codes(found)
	}
}

# ---- AI-002

test_ai002_feature_that_assesses_learning if {
	features := [{"name": "Voorleesstem", "assesses_learning": false}, {"name": "Nakijkhulp", "purpose": "marks open answers", "assesses_learning": true}]
	found := main.findings with input as processing({"ai_features": features}, {"status": "done"}) with data.settings as testing.settings
	{f | some f in found; f.code == "AI-002"} == {{"code": "AI-002", "path": "/processing/ai_features/1/assesses_learning", "args": {"name": "Nakijkhulp"}}}
}

test_ai002_one_finding_per_feature if {
	features := [{"name": "Adaptieve oefenroute", "assesses_learning": true}, {"name": "Nakijkhulp", "assesses_learning": true}]
	found := main.findings with input as processing({"ai_features": features}, {"status": "done"}) with data.settings as testing.settings
	{f.args.name | some f in found; f.code == "AI-002"} == {"Adaptieve oefenroute", "Nakijkhulp"}
}

test_ai002_features_that_do_not_assess_learning_are_silent if {
	features := [{"name": "Voorleesstem", "assesses_learning": false}, {"name": "Spellingcontrole"}]
	found := main.findings with input as processing({"ai_features": features}, {"status": "done"}) with data.settings as testing.settings
	not "AI-002" in testing.codes(found)
}

# ---- RIGHTS-001

full_support := {"access": true, "rectification": true, "erasure": true, "objection": true, "export": true, "response_working_days": 10}

with_support(changes) := testing.with_resource({"rights_support": object.union(full_support, changes)})

rights001(found) := {f | some f in found; f.code == "RIGHTS-001"}

test_rights001_a_right_the_supplier_does_not_support if {
	found := main.findings with input as with_support({"erasure": false}) with data.settings as testing.settings
	rights001(found) == {{"code": "RIGHTS-001", "path": "/rights_support/erasure", "args": {"right": "erasure"}}}
}

test_rights001_one_finding_per_unsupported_right if {
	found := main.findings with input as with_support({"access": false, "rectification": false, "erasure": false}) with data.settings as testing.settings
	{f.path | some f in rights001(found)} == {"/rights_support/access", "/rights_support/rectification", "/rights_support/erasure"}
}

test_rights001_objection_and_export_are_not_checked if {
	found := main.findings with input as with_support({"objection": false, "export": false}) with data.settings as testing.settings
	not "RIGHTS-001" in testing.codes(found)
}

test_rights001_more_than_10_working_days if {
	found := main.findings with input as with_support({"response_working_days": 11}) with data.settings as testing.settings
	rights001(found) == {{"code": "RIGHTS-001", "path": "/rights_support/response_working_days", "variant": "slow", "args": {"days": "11"}}}
}

test_rights001_10_working_days_is_silent if {
	found := main.findings with input as with_support({}) with data.settings as testing.settings_publisher
	not "RIGHTS-001" in testing.codes(found)
}

test_rights001_absent_rights_are_not_false if {
	found := main.findings with input as testing.with_resource({"rights_support": {"access": true}}) with data.settings as testing.settings_publisher
	not "RIGHTS-001" in testing.codes(found)
}

test_rights001_no_rights_support_is_readiness_under_the_publisher_profile if {
	found := main.findings with input as testing.input_base with data.settings as testing.settings_publisher
	rights001(found) == {{"code": "RIGHTS-001", "path": "/rights_support", "variant": "readiness", "severity": "error", "args": {}}}
}

test_rights001_no_rights_support_is_silent_for_the_officer if {
	found := main.findings with input as testing.input_base with data.settings as testing.settings
	not "RIGHTS-001" in testing.codes(found)
}

# ---- EXIT-001

test_exit001_no_return_on_exit_under_the_publisher_profile if {
	every retention in [null, {"delete_after_contract_days": 60}] {
		found := main.findings with input as testing.with_resource({"retention": retention}) with data.settings as testing.settings_publisher
		{f | some f in found; f.code == "EXIT-001"} == {{"code": "EXIT-001", "path": "/retention/return_on_exit", "variant": "readiness", "severity": "error", "args": {}}}
	}
}

test_exit001_return_on_exit_declared_is_silent if {
	retention := {"delete_after_contract_days": 60, "return_on_exit": {"formats": ["CSV"], "days": 30}}
	found := main.findings with input as testing.with_resource({"retention": retention}) with data.settings as testing.settings_publisher
	not "EXIT-001" in testing.codes(found)
}

test_exit001_is_silent_for_the_officer if {
	found := main.findings with input as testing.input_base with data.settings as testing.settings
	not "EXIT-001" in testing.codes(found)
}

# ---- CVD-001

with_security(changes) := testing.with_resource({"security": object.union(testing.resource.security, changes)})

cvd := {"url": "https://www.voorbeeld.example/cvd", "security_txt": true}

test_cvd001_pentest_more_than_12_months_ago if {
	found := main.findings with input as with_security({"pentest_on": "2025-11-22", "vulnerability_disclosure": cvd}) with data.settings as testing.settings
	{f | some f in found; f.code == "CVD-001"} == {{"code": "CVD-001", "path": "/security/pentest_on", "args": {"date": "2025-11-22", "cutoff": "2025-11-23"}}}
}

test_cvd001_pentest_12_months_ago_is_silent if {
	found := main.findings with input as with_security({"pentest_on": "2025-11-23", "vulnerability_disclosure": cvd}) with data.settings as testing.settings_publisher
	not "CVD-001" in testing.codes(found)
}

test_cvd001_no_pentest_date_is_silent if {
	found := main.findings with input as with_security({"vulnerability_disclosure": cvd}) with data.settings as testing.settings_publisher
	not "CVD-001" in testing.codes(found)
}

test_cvd001_no_disclosure_policy_is_readiness_under_the_publisher_profile if {
	every security in [null, {"certifications": ["ISO27001"], "pentest_on": "2026-06-01"}] {
		found := main.findings with input as testing.with_resource({"security": security}) with data.settings as testing.settings_publisher
		{f | some f in found; f.code == "CVD-001"} == {{"code": "CVD-001", "path": "/security/vulnerability_disclosure", "variant": "readiness", "severity": "error", "args": {}}}
	}
}

test_cvd001_stale_pentest_stays_a_warning_for_the_publisher if {
	found := main.findings with input as with_security({"pentest_on": "2024-01-15"}) with data.settings as testing.settings_publisher
	{[f.path, object.get(f, "severity", "catalogue")] | some f in found; f.code == "CVD-001"} == {
		["/security/pentest_on", "catalogue"],
		["/security/vulnerability_disclosure", "error"],
	}
}

test_cvd001_no_disclosure_policy_is_silent_for_the_officer if {
	found := main.findings with input as testing.input_base with data.settings as testing.settings
	not "CVD-001" in testing.codes(found)
}
