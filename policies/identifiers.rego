# Identifiers: BSN/PGN and the ECK iD pseudonym: ID-001 .. ID-003. Sources: UAVG art. 46,
# Wet pseudonimisering (Stb. 2017, 508), Regeling pseudonimisering onderwijsdeelnemers.
package ibp.rules.identifiers


# ID-001: a national identification number outside the school's own administration.
findings contains f if {
	data.ibp.lib.resource.type != "student_administration"
	some field in input.categories.national_id
	f := {
		"code": "ID-001", "path": field.path, "field": field.id,
		"args": {"field": field.name, "type": data.ibp.lib.resource.type},
	}
}

# ID-002: the ECK iD used for a purpose outside those processes, by a party other than the
# school's own administration or pupil tracking system.
findings contains f if {
	not data.ibp.lib.resource.type in {"student_administration", "pupil_tracking"}
	"eck_id" in data.ibp.lib.field_ids
	some purpose in input.purposes
	not purpose.value in {"education", "access", "ordering_delivery", "result_feedback", "support", "security"}
	f := {
		"code": "ID-002", "path": purpose.path,
		"args": {"purpose": purpose.value, "type": data.ibp.lib.resource.type},
	}
}

# ID-003: a vo learning resource or test identifies pupils directly instead of by ECK iD.
findings contains f if {
	"vo" in object.get(data.ibp.lib.resource, "sectors", [])
	data.ibp.lib.resource.type in {"learning_material", "assessment"}
	not "eck_id" in data.ibp.lib.field_ids
	names := [field.name | some field in input.categories.identifying]
	count(names) > 0
	f := {"code": "ID-003", "path": "/fields", "args": {"fields": concat(", ", names)}}
}
