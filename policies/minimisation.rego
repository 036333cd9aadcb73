# Data minimisation (AVG art. 5(1)(c)): MIN-001 .. MIN-003.
package ibp.rules.minimisation


# MIN-001: with the ECK iD there is no need to match on date of birth or gender (both in the
# quasi_identifying category, so only that category's fields are looked at).
findings contains f if {
	input.resource.type != "student_administration"
	data.ibp.lib.eck_id_received
	some field in input.categories.quasi_identifying
	field.id in {"date_of_birth", "gender"}
	f := {"code": "MIN-001", "path": field.path, "field": field.id, "args": {"field": field.name}}
}

# MIN-002: learning materials and tests need no contact details of pupils (a teacher's e-mail
# for logging in is a field whose `subjects` do not include `student`).
findings contains f if {
	input.resource.type in {"learning_material", "assessment"}
	some field in input.categories.contact
	"student" in field.subjects
	f := {
		"code": "MIN-002", "path": field.path, "field": field.id,
		"args": {"field": field.name, "type": input.resource.type},
	}
}

# MIN-003: learning materials, tests and access platforms need no photos or video.
findings contains f if {
	input.resource.type in {"learning_material", "assessment", "access_platform"}
	some field in input.categories.image
	f := {
		"code": "MIN-003", "path": field.path, "field": field.id,
		"args": {"field": field.name, "type": input.resource.type},
	}
}
