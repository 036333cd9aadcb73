# Unit tests of special.rego (run with `ibp-lint verify`).
package ibp.test.special

import data.ibp.main
import data.ibp.testing

health := testing.field("health", "gezondheid", "special", "/fields/5")

# The example's fields plus the special field `health`.
with_health := array.concat(testing.fields, [health])

test_compliant_example_has_no_special_finding if {
	found := main.findings with input as testing.input_base with data.settings as testing.settings
	not "SPEC-001" in testing.codes(found)
}

test_spec001_neither_exception_nor_dpia if {
	found := main.findings with input as testing.input_of({}, with_health, testing.purposes) with data.settings as testing.settings
	some f in found
	f.code == "SPEC-001"
	f.variant == "neither"
	f.path == "/fields/5"
	f.field == "health"
	f.args == {"field": "gezondheid"}
}

test_spec001_no_exception if {
	input_ := testing.input_of({"dpia": {"status": "done"}}, with_health, testing.purposes)
	found := main.findings with input as input_ with data.settings as testing.settings
	some f in found
	f.code == "SPEC-001"
	f.variant == "no_exception"
	f.args == {"field": "gezondheid"}
}

test_spec001_blank_exception_is_no_exception if {
	input_ := testing.input_of({"dpia": {"status": "done"}, "special_category_exception": "  "}, with_health, testing.purposes)
	found := main.findings with input as input_ with data.settings as testing.settings
	some f in found
	f.code == "SPEC-001"
	f.variant == "no_exception"
}

test_spec001_no_dpia if {
	input_ := testing.input_of({"special_category_exception": "UAVG art. 30 lid 3"}, with_health, testing.purposes)
	found := main.findings with input as input_ with data.settings as testing.settings
	some f in found
	f.code == "SPEC-001"
	f.variant == "no_dpia"
	f.path == "/fields/5"
}

test_spec001_dpia_pending_is_no_dpia if {
	input_ := testing.input_of({"special_category_exception": "UAVG art. 30 lid 3", "dpia": {"status": "pending"}}, with_health, testing.purposes)
	found := main.findings with input as input_ with data.settings as testing.settings
	some f in found
	f.code == "SPEC-001"
	f.variant == "no_dpia"
}

test_spec001_exception_and_dpia_is_silent if {
	input_ := testing.input_of({"special_category_exception": "UAVG art. 30 lid 3", "dpia": {"status": "done"}}, with_health, testing.purposes)
	found := main.findings with input as input_ with data.settings as testing.settings
	not "SPEC-001" in testing.codes(found)
}

test_spec001_one_finding_per_field if {
	religion := testing.field("religion", "levensovertuiging", "special", "/fields/6/field")
	found := main.findings with input as testing.input_of({}, array.concat(with_health, [religion]), testing.purposes) with data.settings as testing.settings
	{[f.field, f.path, f.variant] | some f in found; f.code == "SPEC-001"} == {
		["health", "/fields/5", "neither"],
		["religion", "/fields/6/field", "neither"],
	}
}

test_spec001_no_special_field_is_silent if {
	found := main.findings with input as testing.input_of({"dpia": null}, testing.fields, testing.purposes) with data.settings as testing.settings
	not "SPEC-001" in testing.codes(found)
}

# ---- SPEC-002

face := testing.field("biometric", "gezichtsherkenning", "special", "/fields/5")

access_only := [{"value": "access", "path": "/purposes/0"}]

# Safeguarded for SPEC-001 (an exception and a DPIA), so that only SPEC-002 is asked.
safe := {"special_category_exception": "UAVG art. 29", "dpia": {"status": "done"}}

with_face(changes, purposes) := testing.input_of(object.union(safe, changes), array.concat(testing.fields, [face]), purposes)

test_spec002_access_with_necessity_is_silent if {
	found := main.findings with input as with_face({"biometric_necessity": "inloggen zonder wachtwoord"}, access_only) with data.settings as testing.settings
	not "SPEC-002" in testing.codes(found)
	not "SPEC-001" in testing.codes(found)
}

test_spec002_security_with_necessity_is_silent if {
	purposes := [{"value": "security", "path": "/purposes/0"}, {"value": "access", "path": "/purposes/1"}]
	found := main.findings with input as with_face({"biometric_necessity": "toegang tot het examenlokaal"}, purposes) with data.settings as testing.settings
	not "SPEC-002" in testing.codes(found)
}

test_spec002_no_necessity if {
	found := main.findings with input as with_face({}, access_only) with data.settings as testing.settings
	some f in found
	f == {"code": "SPEC-002", "path": "/fields/5", "field": "biometric", "variant": "no_necessity", "args": {"field": "gezichtsherkenning"}}
}

test_spec002_blank_necessity_is_no_necessity if {
	found := main.findings with input as with_face({"biometric_necessity": "   "}, access_only) with data.settings as testing.settings
	some f in found
	f.code == "SPEC-002"
	f.variant == "no_necessity"
}

test_spec002_other_purposes_are_named_sorted_once if {
	purposes := array.concat(testing.purposes, [{"value": "education", "path": "/fields/5/purposes/0"}])
	found := main.findings with input as with_face({"biometric_necessity": "inloggen"}, purposes) with data.settings as testing.settings
	some f in found
	f == {"code": "SPEC-002", "path": "/fields/5", "field": "biometric", "args": {"field": "gezichtsherkenning", "purposes": "education, result_feedback"}}
}

test_spec002_other_purposes_and_no_necessity if {
	found := main.findings with input as with_face({}, testing.purposes) with data.settings as testing.settings
	findings := [f | some f in found; f.code == "SPEC-002"]
	findings == [{"code": "SPEC-002", "path": "/fields/5", "field": "biometric", "variant": "both", "args": {"field": "gezichtsherkenning", "purposes": "education, result_feedback"}}]
}

test_spec002_other_special_field_is_silent if {
	found := main.findings with input as testing.input_of(safe, with_health, testing.purposes) with data.settings as testing.settings
	not "SPEC-002" in testing.codes(found)
}
