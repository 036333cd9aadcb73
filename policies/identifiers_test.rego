# Unit tests of identifiers.rego (run with `ibp-lint verify`).
package ibp.test.identifiers

import data.ibp.main
import data.ibp.testing

bsn := testing.field("bsn", "burgerservicenummer", "national_id", "/fields/5")

# The example's fields with test_results (long form, /fields/4) serving extra purposes too.
fields_with_purposes(extra) := array.concat(
	[f | some f in testing.fields; f.id != "test_results"],
	[object.union(testing.field("test_results", "test_results", "learning", "/fields/4/field"), {"purposes": array.concat(["result_feedback"], extra)})],
)

# The example's purposes plus `extra` purposes of the long-form field test_results.
purposes_with(extra) := array.concat(
	testing.purposes,
	[{"value": p, "path": sprintf("/fields/4/purposes/%d", [i + 1])} | some i, p in extra],
)

test_compliant_example_has_no_identifier_finding if {
	found := main.findings with input as testing.input_base with data.settings as testing.settings
	every f in found {
		not startswith(f.code, "ID-")
	}
}

# ---- ID-001

test_id001_bsn_in_learning_material if {
	input_ := testing.input_of({}, array.concat(testing.fields, [bsn]), testing.purposes)
	found := main.findings with input as input_ with data.settings as testing.settings
	some f in found
	f.code == "ID-001"
	f.path == "/fields/5"
	f.field == "bsn"
	f.args == {"field": "burgerservicenummer", "type": "learning_material"}
}

test_id001_long_form_education_number if {
	fields := [
		testing.field("first_name", "voornaam", "identifying", "/fields/0"),
		testing.field("education_number", "onderwijsnummer", "national_id", "/fields/1/field"),
	]
	input_ := testing.input_of({"type": "pupil_tracking"}, fields, testing.purposes)
	found := main.findings with input as input_ with data.settings as testing.settings
	some f in found
	f.code == "ID-001"
	f.path == "/fields/1/field"
	f.field == "education_number"
	f.args == {"field": "onderwijsnummer", "type": "pupil_tracking"}
}

test_id001_one_finding_per_field if {
	fields := array.concat(testing.fields, [bsn, testing.field("pgn", "pgn", "national_id", "/fields/6")])
	found := main.findings with input as testing.input_of({}, fields, testing.purposes) with data.settings as testing.settings
	paths := {f.path | some f in found; f.code == "ID-001"}
	paths == {"/fields/5", "/fields/6"}
}

test_id001_student_administration_is_silent if {
	input_ := testing.input_of({"type": "student_administration"}, array.concat(testing.fields, [bsn]), testing.purposes)
	found := main.findings with input as input_ with data.settings as testing.settings
	not "ID-001" in testing.codes(found)
}

test_id001_no_national_id_is_silent if {
	found := main.findings with input as testing.input_of({"type": "other"}, testing.fields, testing.purposes) with data.settings as testing.settings
	not "ID-001" in testing.codes(found)
}

# Statutory chains: a named basis for a recipient that is no learning material, test or
# communication tool (OSO, DUO, ...).
test_id001_statutory_chain_with_a_basis_is_silent if {
	input_ := testing.input_of({"type": "other", "national_id_legal_basis": "Wet op het onderwijstoezicht, OSO"}, array.concat(testing.fields, [bsn]), testing.purposes)
	found := main.findings with input as input_ with data.settings as testing.settings
	not "ID-001" in testing.codes(found)
}

test_id001_basis_does_not_cover_content_types if {
	every type in ["learning_material", "assessment", "communication"] {
		input_ := testing.input_of({"type": type, "national_id_legal_basis": "art. 46 UAVG"}, array.concat(testing.fields, [bsn]), testing.purposes)
		found := main.findings with input as input_ with data.settings as testing.settings
		some f in found
		f == {
			"code": "ID-001", "path": "/fields/5", "field": "bsn", "variant": "basis_not_for_type",
			"args": {"field": "burgerservicenummer", "type": type},
		}
	}
}

test_id001_blank_basis_is_no_basis if {
	input_ := testing.input_of({"type": "other", "national_id_legal_basis": " \t"}, array.concat(testing.fields, [bsn]), testing.purposes)
	found := main.findings with input as input_ with data.settings as testing.settings
	some f in found
	f == {"code": "ID-001", "path": "/fields/5", "field": "bsn", "args": {"field": "burgerservicenummer", "type": "other"}}
}

test_id001_without_a_basis_has_no_variant if {
	found := main.findings with input as testing.input_of({}, array.concat(testing.fields, [bsn]), testing.purposes) with data.settings as testing.settings
	some f in found
	f.code == "ID-001"
	not f.variant
}

# ---- ID-002

test_id002_from_a_long_form_field_purpose if {
	input_ := testing.input_of({}, fields_with_purposes(["product_improvement"]), purposes_with(["product_improvement"]))
	found := main.findings with input as input_ with data.settings as testing.settings
	some f in found
	f.code == "ID-002"
	f.path == "/fields/4/purposes/1"
	f.args == {"purpose": "product_improvement", "type": "learning_material"}
}

test_id002_from_a_resource_purpose if {
	purposes := array.concat(testing.purposes, [{"value": "administration", "path": "/purposes/3"}])
	found := main.findings with input as testing.input_of({"type": "communication"}, testing.fields, purposes) with data.settings as testing.settings
	some f in found
	f.code == "ID-002"
	f.path == "/purposes/3"
	f.args == {"purpose": "administration", "type": "communication"}
}

test_id002_one_finding_per_purpose if {
	input_ := testing.input_of({}, fields_with_purposes(["administration", "marketing"]), purposes_with(["administration", "marketing"]))
	found := main.findings with input as input_ with data.settings as testing.settings
	{f.path | some f in found; f.code == "ID-002"} == {"/fields/4/purposes/1", "/fields/4/purposes/2"}
}

# Catalogue 2: following a pupil's progress is part of result feedback.
test_id002_progress_monitoring_is_allowed if {
	input_ := testing.input_of({}, fields_with_purposes(["progress_monitoring", "marketing"]), purposes_with(["progress_monitoring", "marketing"]))
	found := main.findings with input as input_ with data.settings as testing.settings
	{f.args.purpose | some f in found; f.code == "ID-002"} == {"marketing"}
}

test_id002_pupil_tracking_is_silent if {
	input_ := testing.input_of({"type": "pupil_tracking"}, fields_with_purposes(["product_improvement"]), purposes_with(["product_improvement"]))
	found := main.findings with input as input_ with data.settings as testing.settings
	not "ID-002" in testing.codes(found)
}

test_id002_student_administration_is_silent if {
	input_ := testing.input_of({"type": "student_administration"}, fields_with_purposes(["administration"]), purposes_with(["administration"]))
	found := main.findings with input as input_ with data.settings as testing.settings
	not "ID-002" in testing.codes(found)
}

test_id002_without_eck_id_is_silent if {
	fields := [f | some f in fields_with_purposes(["product_improvement"]); f.id != "eck_id"]
	found := main.findings with input as testing.input_of({}, fields, purposes_with(["product_improvement"])) with data.settings as testing.settings
	not "ID-002" in testing.codes(found)
}

test_id002_every_eck_purpose_is_silent if {
	purposes := [{"value": p, "path": sprintf("/purposes/%d", [i])} |
		some i, p in ["education", "access", "ordering_delivery", "result_feedback", "progress_monitoring", "support", "security"]
	]
	found := main.findings with input as testing.input_of({"type": "access_platform"}, testing.fields, purposes) with data.settings as testing.settings
	not "ID-002" in testing.codes(found)
}

# ---- ID-004

with_convenant(c) := testing.with_resource({"convenant": c})

test_id004_convenant_none_is_an_error if {
	found := main.findings with input as with_convenant({"status": "none"}) with data.settings as testing.settings
	some f in found
	f == {"code": "ID-004", "path": "/convenant/status", "args": {"status": "none"}}
}

test_id004_convenant_absent_is_an_error if {
	found := main.findings with input as with_convenant(null) with data.settings as testing.settings
	some f in found
	f == {"code": "ID-004", "path": "/convenant/status", "variant": "absent", "args": {}}
}

test_id004_convenant_without_status if {
	found := main.findings with input as with_convenant({"version": "4.0"}) with data.settings as testing.settings
	some f in found
	f.code == "ID-004"
	f.variant == "absent"
}

test_id004_supporter_is_a_warning if {
	found := main.findings with input as with_convenant({"status": "supporter", "version": "4.0"}) with data.settings as testing.settings
	some f in found
	f == {"code": "ID-004", "path": "/convenant/status", "variant": "supporter", "severity": "warning", "args": {"status": "supporter"}}
}

test_id004_participant_is_silent if {
	found := main.findings with input as testing.input_base with data.settings as testing.settings_publisher
	not "ID-004" in testing.codes(found)
}

test_id004_school_systems_are_silent if {
	every type in ["student_administration", "pupil_tracking"] {
		input_ := testing.input_of({"type": type, "convenant": {"status": "none"}}, testing.fields, testing.purposes)
		found := main.findings with input as input_ with data.settings as testing.settings
		not "ID-004" in testing.codes(found)
	}
}

test_id004_without_eck_id_is_silent if {
	fields := [f | some f in testing.fields; f.id != "eck_id"]
	found := main.findings with input as testing.input_of({"convenant": {"status": "none"}}, fields, testing.purposes) with data.settings as testing.settings
	not "ID-004" in testing.codes(found)
}

# ---- ID-003

# A vo learning resource identifying pupils by name, without eck_id.
named_fields := [
	testing.field("first_name", "voornaam", "identifying", "/fields/0"),
	testing.field("last_name", "achternaam", "identifying", "/fields/1"),
	testing.field("group_name", "group_name", "organisation", "/fields/2"),
]

test_id003_vo_learning_material_without_eck_id if {
	found := main.findings with input as testing.input_of({"sectors": ["vo"]}, named_fields, testing.purposes) with data.settings as testing.settings
	some f in found
	f.code == "ID-003"
	f.path == "/fields"
	f.args == {"fields": "voornaam, achternaam"}
}

test_id003_vo_assessment_in_several_sectors if {
	found := main.findings with input as testing.input_of({"sectors": ["po", "vo"], "type": "assessment"}, named_fields, testing.purposes) with data.settings as testing.settings
	some f in found
	f.code == "ID-003"
	f.args.fields == "voornaam, achternaam"
}

test_id003_with_eck_id_is_silent if {
	fields := array.concat(named_fields, [testing.field("eck_id", "eck_id", "pseudonym", "/fields/3")])
	found := main.findings with input as testing.input_of({"sectors": ["vo"]}, fields, testing.purposes) with data.settings as testing.settings
	not "ID-003" in testing.codes(found)
}

test_id003_po_is_silent if {
	found := main.findings with input as testing.input_of({"sectors": ["po", "so", "mbo"]}, named_fields, testing.purposes) with data.settings as testing.settings
	not "ID-003" in testing.codes(found)
}

test_id003_no_sectors_is_silent if {
	found := main.findings with input as testing.input_of({"sectors": null}, named_fields, testing.purposes) with data.settings as testing.settings
	not "ID-003" in testing.codes(found)
}

test_id003_learning_environment_is_silent if {
	found := main.findings with input as testing.input_of({"sectors": ["vo"], "type": "learning_environment"}, named_fields, testing.purposes) with data.settings as testing.settings
	not "ID-003" in testing.codes(found)
}

test_id003_no_identifying_field_is_silent if {
	fields := [
		testing.field("group_name", "group_name", "organisation", "/fields/0"),
		testing.field("progress", "voortgang", "learning", "/fields/1"),
	]
	found := main.findings with input as testing.input_of({"sectors": ["vo"]}, fields, testing.purposes) with data.settings as testing.settings
	not "ID-003" in testing.codes(found)
}

# Catalogue 2: only pupil fields count; a teacher's name is no reason for the pupil pseudonym.
test_id003_teacher_fields_do_not_count if {
	fields := [
		object.union(testing.field("first_name", "voornaam", "identifying", "/fields/0/field"), {"subjects": ["teacher"]}),
		testing.field("group_name", "group_name", "organisation", "/fields/1"),
	]
	found := main.findings with input as testing.input_of({"sectors": ["vo"]}, fields, testing.purposes) with data.settings as testing.settings
	not "ID-003" in testing.codes(found)
}

test_id003_names_only_the_pupil_fields if {
	fields := [
		object.union(testing.field("first_name", "voornaam", "identifying", "/fields/0/field"), {"subjects": ["teacher"]}),
		object.union(testing.field("last_name", "achternaam", "identifying", "/fields/1/field"), {"subjects": ["teacher", "student"]}),
		testing.field("group_name", "group_name", "organisation", "/fields/2"),
	]
	found := main.findings with input as testing.input_of({"sectors": ["vo"]}, fields, testing.purposes) with data.settings as testing.settings
	some f in found
	f.code == "ID-003"
	f.args == {"fields": "achternaam"}
}
