# Identifiers: BSN/PGN and the ECK iD pseudonym: ID-001 .. ID-003. Sources: UAVG art. 46,
# Wet pseudonimisering (Stb. 2017, 508), Regeling pseudonimisering onderwijsdeelnemers.
package ibp.rules.identifiers


# ID-001: a national identification number outside the school's own administration.
findings contains f if {
	input.resource.type != "student_administration"
	some field in input.categories.national_id
	f := {
		"code": "ID-001", "path": field.path, "field": field.id,
		"args": {"field": field.name, "type": input.resource.type},
	}
}

# ID-002: the ECK iD used for a purpose outside those processes, by a party other than the
# school's own administration or pupil tracking system.
findings contains f if {
	not input.resource.type in {"student_administration", "pupil_tracking"}
	data.ibp.lib.eck_id_received
	some value in input.purpose_values - {"education", "access", "ordering_delivery", "result_feedback", "support", "security"}
	some purpose in input.purposes
	purpose.value == value
	f := {
		"code": "ID-002", "path": purpose.path,
		"args": {"purpose": purpose.value, "type": input.resource.type},
	}
}

# ID-003: a vo learning resource or test identifies pupils directly instead of by ECK iD.
findings contains f if {
	"vo" in input.resource.sectors
	input.resource.type in {"learning_material", "assessment"}
	not data.ibp.lib.eck_id_received
	names := [field.name | some field in input.categories.identifying]
	count(names) > 0
	f := {"code": "ID-003", "path": "/fields", "args": {"fields": concat(", ", names)}}
}
