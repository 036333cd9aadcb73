# Unit tests of minimisation.rego (run with `ibp-lint verify`).
package ibp.test.minimisation

import data.ibp.main
import data.ibp.testing

dob := testing.field("date_of_birth", "geboortedatum", "quasi_identifying", "/fields/5")

gender := testing.field("gender", "geslacht", "quasi_identifying", "/fields/6")

email := testing.field("email", "emailadres", "contact", "/fields/5")

photo := testing.field("photo", "pasfoto", "image", "/fields/5")

# The example's fields plus `extra`.
plus(extra) := array.concat(testing.fields, extra)

test_compliant_example_has_no_minimisation_finding if {
	found := main.findings with input as testing.input_base with data.settings as testing.settings
	every f in found {
		not startswith(f.code, "MIN-")
	}
}

# ---- MIN-001

test_min001_date_of_birth_with_eck_id if {
	found := main.findings with input as testing.input_of({}, plus([dob]), testing.purposes) with data.settings as testing.settings
	some f in found
	f.code == "MIN-001"
	f.path == "/fields/5"
	f.field == "date_of_birth"
	f.args == {"field": "geboortedatum"}
}

test_min001_one_finding_per_field if {
	found := main.findings with input as testing.input_of({"type": "pupil_tracking"}, plus([dob, gender]), testing.purposes) with data.settings as testing.settings
	{[f.field, f.path, f.args.field] | some f in found; f.code == "MIN-001"} == {
		["date_of_birth", "/fields/5", "geboortedatum"],
		["gender", "/fields/6", "geslacht"],
	}
}

test_min001_student_administration_is_silent if {
	found := main.findings with input as testing.input_of({"type": "student_administration"}, plus([dob, gender]), testing.purposes) with data.settings as testing.settings
	not "MIN-001" in testing.codes(found)
}

test_min001_without_eck_id_is_silent if {
	fields := [f | some f in plus([dob, gender]); f.id != "eck_id"]
	found := main.findings with input as testing.input_of({}, fields, testing.purposes) with data.settings as testing.settings
	not "MIN-001" in testing.codes(found)
}

test_min001_other_quasi_identifier_is_silent if {
	nationality := testing.field("nationality", "nationaliteit", "quasi_identifying", "/fields/5")
	found := main.findings with input as testing.input_of({}, plus([nationality]), testing.purposes) with data.settings as testing.settings
	not "MIN-001" in testing.codes(found)
}

# ---- MIN-002

test_min002_email_in_learning_material if {
	found := main.findings with input as testing.input_of({}, plus([email]), testing.purposes) with data.settings as testing.settings
	some f in found
	f.code == "MIN-002"
	f.path == "/fields/5"
	f.field == "email"
	f.args == {"field": "emailadres", "type": "learning_material"}
}

test_min002_long_form_phone_in_assessment if {
	phone := testing.field("phone", "telefoonnummer", "contact", "/fields/5/field")
	found := main.findings with input as testing.input_of({"type": "assessment"}, plus([phone]), testing.purposes) with data.settings as testing.settings
	some f in found
	f.code == "MIN-002"
	f.path == "/fields/5/field"
	f.args == {"field": "telefoonnummer", "type": "assessment"}
}

test_min002_communication_is_silent if {
	found := main.findings with input as testing.input_of({"type": "communication"}, plus([email]), testing.purposes) with data.settings as testing.settings
	not "MIN-002" in testing.codes(found)
}

test_min002_access_platform_is_silent if {
	found := main.findings with input as testing.input_of({"type": "access_platform"}, plus([email]), testing.purposes) with data.settings as testing.settings
	not "MIN-002" in testing.codes(found)
}

# ---- MIN-003

test_min003_photo_in_learning_material if {
	found := main.findings with input as testing.input_of({}, plus([photo]), testing.purposes) with data.settings as testing.settings
	some f in found
	f.code == "MIN-003"
	f.path == "/fields/5"
	f.field == "photo"
	f.args == {"field": "pasfoto", "type": "learning_material"}
}

test_min003_video_on_access_platform if {
	video := testing.field("video", "video", "image", "/fields/5")
	found := main.findings with input as testing.input_of({"type": "access_platform"}, plus([video]), testing.purposes) with data.settings as testing.settings
	some f in found
	f.code == "MIN-003"
	f.args == {"field": "video", "type": "access_platform"}
}

test_min003_photo_in_assessment if {
	found := main.findings with input as testing.input_of({"type": "assessment"}, plus([photo]), testing.purposes) with data.settings as testing.settings
	some f in found
	f.code == "MIN-003"
	f.args.type == "assessment"
}

test_min003_pupil_tracking_is_silent if {
	found := main.findings with input as testing.input_of({"type": "pupil_tracking"}, plus([photo]), testing.purposes) with data.settings as testing.settings
	not "MIN-003" in testing.codes(found)
}

test_min003_communication_is_silent if {
	found := main.findings with input as testing.input_of({"type": "communication"}, plus([photo]), testing.purposes) with data.settings as testing.settings
	not "MIN-003" in testing.codes(found)
}

# Catalogue 2: only pupil contact data count; a teacher's e-mail for logging in does not.
test_min002_teacher_email_is_silent if {
	teacher_email := object.union(testing.field("email", "emailadres", "contact", "/fields/5/field"), {"subjects": ["teacher"]})
	found := main.findings with input as testing.input_of({}, plus([teacher_email]), testing.purposes) with data.settings as testing.settings
	not "MIN-002" in testing.codes(found)
}

test_min002_field_of_pupils_and_parents_counts if {
	mixed := object.union(testing.field("phone", "telefoonnummer", "contact", "/fields/5/field"), {"subjects": ["parent", "student"]})
	found := main.findings with input as testing.input_of({"type": "assessment"}, plus([mixed]), testing.purposes) with data.settings as testing.settings
	some f in found
	f == {"code": "MIN-002", "path": "/fields/5/field", "field": "phone", "args": {"field": "telefoonnummer", "type": "assessment"}}
}

test_min002_parent_contact_only_is_silent if {
	parent := object.union(testing.field("phone", "telefoonnummer", "contact", "/fields/5/field"), {"subjects": ["parent"]})
	found := main.findings with input as testing.input_of({}, plus([parent]), testing.purposes) with data.settings as testing.settings
	not "MIN-002" in testing.codes(found)
}
