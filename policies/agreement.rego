# Processing agreement (verwerkersovereenkomst): AGR-001 .. AGR-008. Source: AVG art. 28(3),
# the Convenant and its Model Verwerkersovereenkomst. None of them applies to a recipient that
# is itself controller or joint controller (`data.ibp.lib.agreement_applies`): it gets no
# processing agreement.
package ibp.rules.agreement


# AGR-001: personal data received without a signed agreement.
findings contains f if {
	not input.resource.processing_agreement.status
	data.ibp.lib.agreement_applies
	f := {"code": "AGR-001", "path": "/processing_agreement/status", "variant": data.ibp.lib.agreement_absent_variant, "args": {}}
}

findings contains f if {
	status := input.resource.processing_agreement.status
	status != "signed"
	data.ibp.lib.agreement_applies
	f := {"code": "AGR-001", "path": "/processing_agreement/status", "args": {"status": status}}
}

# AGR-002: the agreement ended before today.
findings contains f if {
	date := input.resource.processing_agreement.expires_on
	date < data.settings.today
	data.ibp.lib.agreement_applies
	f := {"code": "AGR-002", "path": "/processing_agreement/expires_on", "args": {"date": date}}
}

# AGR-003: the agreement ends today or within the warning window.
findings contains f if {
	date := input.resource.processing_agreement.expires_on
	date >= data.settings.today
	date <= data.settings.expiry_warning_until
	data.ibp.lib.agreement_applies
	f := {
		"code": "AGR-003", "path": "/processing_agreement/expires_on",
		"args": {"date": date, "days": sprintf("%d", [data.ibp.lib.days_until(date)])},
	}
}

# AGR-004: a pre-AVG model (bewerkersovereenkomst 1.0 or 2.0): an error, or a warning when
# `covers` shows that the text was amended to cover every art. 28(3) clause.
findings contains f if {
	model := input.resource.processing_agreement.model
	model in {"1.0", "2.0"}
	data.ibp.lib.agreement_applies
	not data.ibp.lib.covers_all_art28
	f := {"code": "AGR-004", "path": "/processing_agreement/model", "args": {"model": model}}
}

findings contains f if {
	model := input.resource.processing_agreement.model
	model in {"1.0", "2.0"}
	data.ibp.lib.agreement_applies
	data.ibp.lib.covers_all_art28
	f := {"code": "AGR-004", "path": "/processing_agreement/model", "variant": "covered", "severity": "warning", "args": {"model": model}}
}

# AGR-005: model 4.0 is for convenant participants only.
findings contains f if {
	input.resource.processing_agreement.model == "4.0"
	not input.resource.convenant.status
	data.ibp.lib.agreement_applies
	f := {"code": "AGR-005", "path": "/processing_agreement/model", "variant": "absent", "args": {}}
}

findings contains f if {
	input.resource.processing_agreement.model == "4.0"
	status := input.resource.convenant.status
	status != "participant"
	data.ibp.lib.agreement_applies
	f := {"code": "AGR-005", "path": "/processing_agreement/model", "args": {"status": status}}
}

# AGR-006: models 3.0 and 4.0 need Bijlage 1 (privacy leaflet) and Bijlage 2 (security).
findings contains f if {
	model := input.resource.processing_agreement.model
	model in {"3.0", "4.0"}
	annexes := object.get(input.resource.processing_agreement, "annexes", [])
	missing := [a | some a in ["privacy_leaflet", "security"]; not a in annexes]
	count(missing) > 0
	data.ibp.lib.agreement_applies
	f := {
		"code": "AGR-006", "path": "/processing_agreement/annexes",
		"args": {"model": model, "missing": concat(", ", missing)},
	}
}

# AGR-007: the supplier's own text must cover every art. 28(3) clause (the general model is
# itself drafted on art. 28(3) and is not checked).
findings contains f if {
	input.resource.processing_agreement.model == "custom"
	covers := object.get(input.resource.processing_agreement, "covers", [])
	missing := [c | some c in data.ibp.lib.art28_clauses; not c in covers]
	count(missing) > 0
	data.ibp.lib.agreement_applies
	f := {"code": "AGR-007", "path": "/processing_agreement/covers", "args": {"missing": concat(", ", missing)}}
}

# AGR-008: a model 4.0 that deviates from the model text records the deviations in Bijlage 3.
findings contains f if {
	input.resource.processing_agreement.deviations == true
	input.resource.processing_agreement.model == "4.0"
	not "changes" in object.get(input.resource.processing_agreement, "annexes", [])
	data.ibp.lib.agreement_applies
	f := {"code": "AGR-008", "path": "/processing_agreement/annexes", "args": {}}
}
