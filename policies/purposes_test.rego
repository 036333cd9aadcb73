# Unit tests of purposes.rego (run with `ibp-lint verify`).
package ibp.test.purposes

import data.ibp.main
import data.ibp.testing

# The example's purposes plus one more resource purpose at /purposes/3.
plus_purpose(p) := array.concat(testing.purposes, [{"value": p, "path": "/purposes/3"}])

test_compliant_example_has_no_purpose_finding if {
	found := main.findings with input as testing.input_base with data.settings as testing.settings
	every f in found {
		not startswith(f.code, "PURP-")
		not startswith(f.code, "CONS-")
	}
}

# ---- PURP-001

test_purp001_marketing_as_resource_purpose if {
	found := main.findings with input as testing.input_of({}, testing.fields, plus_purpose("marketing")) with data.settings as testing.settings
	some f in found
	f.code == "PURP-001"
	f.path == "/purposes/3"
	f.args == {"purpose": "marketing"}
}

test_purp001_ai_training_as_field_purpose if {
	fields := array.concat(
		[f | some f in testing.fields; f.id != "test_results"],
		[object.union(testing.field("test_results", "test_results", "learning", "/fields/4/field"), {"purposes": ["result_feedback", "ai_training"]})],
	)
	purposes := array.concat(testing.purposes, [{"value": "ai_training", "path": "/fields/4/purposes/1"}])
	found := main.findings with input as testing.input_of({}, fields, purposes) with data.settings as testing.settings
	some f in found
	f.code == "PURP-001"
	f.path == "/fields/4/purposes/1"
	f.args == {"purpose": "ai_training"}
}

test_purp001_every_forbidden_purpose if {
	every p in ["advertising", "marketing", "sale_of_data", "commercial_profiling", "ai_training"] {
		found := main.findings with input as testing.input_of({}, testing.fields, plus_purpose(p)) with data.settings as testing.settings
		some f in found
		f.code == "PURP-001"
		f.args.purpose == p
	}
}

test_purp001_allowed_purposes_are_silent if {
	every p in ["progress_monitoring", "administration", "communication", "legal_obligation", "product_improvement"] {
		found := main.findings with input as testing.input_of({}, testing.fields, plus_purpose(p)) with data.settings as testing.settings
		not "PURP-001" in testing.codes(found)
	}
}

# ---- PURP-002

test_purp002_no_purposes if {
	found := main.findings with input as testing.input_of({}, testing.fields, []) with data.settings as testing.settings
	some f in found
	f.code == "PURP-002"
	f.path == "/purposes"
	f.args == {}
}

test_purp002_resource_without_purposes_key if {
	input_ := testing.input_from(testing.replaced(testing.resource, {"purposes": null}), testing.fields, [])
	found := main.findings with input as input_ with data.settings as testing.settings
	"PURP-002" in testing.codes(found)
}

test_purp002_field_purpose_alone_is_enough if {
	purposes := [{"value": "result_feedback", "path": "/fields/4/purposes/0"}]
	found := main.findings with input as testing.input_of({}, testing.fields, purposes) with data.settings as testing.settings
	not "PURP-002" in testing.codes(found)
}

# ---- CONS-001

test_cons001_published_without_consent if {
	input_ := testing.with_resource({"images": {"processed": true, "published": true}})
	found := main.findings with input as input_ with data.settings as testing.settings
	some f in found
	f.code == "CONS-001"
	f.variant == "absent"
	f.path == "/images/consent"
	f.args == {}
}

test_cons001_published_with_opt_out if {
	input_ := testing.with_resource({"images": {"processed": true, "published": true, "consent": "opt_out"}})
	found := main.findings with input as input_ with data.settings as testing.settings
	some f in found
	f.code == "CONS-001"
	f.path == "/images/consent"
	f.args == {"consent": "opt_out"}
	not f.variant
}

test_cons001_published_with_consent_none if {
	input_ := testing.with_resource({"images": {"processed": true, "published": true, "consent": "none"}})
	found := main.findings with input as input_ with data.settings as testing.settings
	some f in found
	f.code == "CONS-001"
	f.args == {"consent": "none"}
}

test_cons001_published_with_opt_in_is_silent if {
	input_ := testing.with_resource({"images": {"processed": true, "published": true, "consent": "opt_in"}})
	found := main.findings with input as input_ with data.settings as testing.settings
	not "CONS-001" in testing.codes(found)
}

test_cons001_not_published_is_silent if {
	input_ := testing.with_resource({"images": {"processed": true, "published": false, "consent": "opt_out"}})
	found := main.findings with input as input_ with data.settings as testing.settings
	not "CONS-001" in testing.codes(found)
}

test_cons001_no_images_block_is_silent if {
	found := main.findings with input as testing.with_resource({"images": null}) with data.settings as testing.settings
	not "CONS-001" in testing.codes(found)
}

# ---- CONS-002

test_cons002_consent_for_education if {
	found := main.findings with input as testing.with_resource({"lawful_basis": "consent"}) with data.settings as testing.settings
	some f in found
	f.code == "CONS-002"
	f.path == "/lawful_basis"
	f.args == {}
}

test_cons002_education_as_field_purpose if {
	purposes := [
		{"value": "access", "path": "/purposes/0"},
		{"value": "education", "path": "/fields/4/purposes/0"},
	]
	found := main.findings with input as testing.input_of({"lawful_basis": "consent"}, testing.fields, purposes) with data.settings as testing.settings
	"CONS-002" in testing.codes(found)
}

test_cons002_consent_without_education_is_silent if {
	purposes := [{"value": "access", "path": "/purposes/0"}, {"value": "communication", "path": "/purposes/1"}]
	found := main.findings with input as testing.input_of({"lawful_basis": "consent"}, testing.fields, purposes) with data.settings as testing.settings
	not "CONS-002" in testing.codes(found)
}

test_cons002_public_task_is_silent if {
	found := main.findings with input as testing.with_resource({"lawful_basis": "public_task"}) with data.settings as testing.settings
	not "CONS-002" in testing.codes(found)
}

test_cons002_no_lawful_basis_is_silent if {
	found := main.findings with input as testing.with_resource({"lawful_basis": null}) with data.settings as testing.settings
	not "CONS-002" in testing.codes(found)
}

# ---- CONS-003

test_cons003_legitimate_interest_for_education if {
	found := main.findings with input as testing.with_resource({"lawful_basis": "legitimate_interest"}) with data.settings as testing.settings
	some f in found
	f == {"code": "CONS-003", "path": "/lawful_basis", "args": {}}
}

test_cons003_education_as_field_purpose if {
	purposes := [{"value": "access", "path": "/purposes/0"}, {"value": "education", "path": "/fields/4/purposes/0"}]
	found := main.findings with input as testing.input_of({"lawful_basis": "legitimate_interest"}, testing.fields, purposes) with data.settings as testing.settings
	"CONS-003" in testing.codes(found)
}

test_cons003_without_education_is_silent if {
	purposes := [{"value": "access", "path": "/purposes/0"}, {"value": "support", "path": "/purposes/1"}]
	found := main.findings with input as testing.input_of({"lawful_basis": "legitimate_interest"}, testing.fields, purposes) with data.settings as testing.settings
	not "CONS-003" in testing.codes(found)
}

test_cons003_other_bases_are_silent if {
	every basis in ["public_task", "legal_obligation", "contract", "vital_interest"] {
		found := main.findings with input as testing.with_resource({"lawful_basis": basis}) with data.settings as testing.settings
		not "CONS-003" in testing.codes(found)
	}
}

# ---- PURP-003

improvement := plus_purpose("product_improvement")

test_purp003_improvement_data_absent if {
	found := main.findings with input as testing.input_of({}, testing.fields, improvement) with data.settings as testing.settings
	some f in found
	f == {"code": "PURP-003", "path": "/purposes/3", "variant": "absent", "args": {}}
}

test_purp003_absent_points_at_the_first_such_purpose if {
	purposes := array.concat(improvement, [{"value": "product_improvement", "path": "/fields/4/purposes/1"}])
	found := main.findings with input as testing.input_of({}, testing.fields, purposes) with data.settings as testing.settings
	[f.path | some f in found; f.code == "PURP-003"] == ["/purposes/3"]
}

test_purp003_pseudonymised_and_personal if {
	every kind in ["pseudonymised", "personal"] {
		found := main.findings with input as testing.input_of({"improvement_data": kind}, testing.fields, improvement) with data.settings as testing.settings
		some f in found
		f == {"code": "PURP-003", "path": "/improvement_data", "args": {"improvement_data": kind}}
	}
}

test_purp003_anonymised_is_silent if {
	found := main.findings with input as testing.input_of({"improvement_data": "anonymised"}, testing.fields, improvement) with data.settings as testing.settings
	not "PURP-003" in testing.codes(found)
}

test_purp003_without_the_purpose_is_silent if {
	found := main.findings with input as testing.with_resource({"improvement_data": "personal"}) with data.settings as testing.settings
	not "PURP-003" in testing.codes(found)
}
