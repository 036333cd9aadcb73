# Identifiers: BSN/PGN and the ECK iD pseudonym: ID-001 .. ID-004. Sources: UAVG art. 46,
# Wet pseudonimisering (Stb. 2017, 508), Regeling pseudonimisering onderwijsdeelnemers,
# Kennisnet Nummervoorziening.
package ibp.rules.identifiers


# ID-001: a national identification number outside the school's own administration, unless a
# statutory chain (OSO, ...) requires it: `national_id_legal_basis` set for a recipient that is
# not a learning material, test or communication tool.
findings contains f if {
	input.resource.type != "student_administration"
	not data.ibp.lib.national_id_chain
	some field in input.categories.national_id
	f := object.union(
		{
			"code": "ID-001", "path": field.path, "field": field.id,
			"args": {"field": field.name, "type": input.resource.type},
		},
		data.ibp.lib.national_id_variant,
	)
}

# ID-002: the ECK iD used for a purpose outside those processes, by a party other than the
# school's own administration or pupil tracking system.
findings contains f if {
	not data.ibp.lib.school_system
	data.ibp.lib.eck_id_received
	some value in input.purpose_values - {"education", "access", "ordering_delivery", "result_feedback", "progress_monitoring", "support", "security"}
	some purpose in input.purposes
	purpose.value == value
	f := {
		"code": "ID-002", "path": purpose.path,
		"args": {"purpose": purpose.value, "type": input.resource.type},
	}
}

# ID-004: a supplier outside the convenant receives the ECK iD (error), or one that only
# supports it (warning): Kennisnet gives access to the Nummervoorziening under the convenant's
# chain agreements.
findings contains f if {
	data.ibp.lib.eck_id_received
	not data.ibp.lib.school_system
	not input.resource.convenant.status
	f := {"code": "ID-004", "path": "/convenant/status", "variant": "absent", "args": {}}
}

findings contains f if {
	data.ibp.lib.eck_id_received
	not data.ibp.lib.school_system
	input.resource.convenant.status == "none"
	f := {"code": "ID-004", "path": "/convenant/status", "args": {"status": "none"}}
}

findings contains f if {
	data.ibp.lib.eck_id_received
	not data.ibp.lib.school_system
	input.resource.convenant.status == "supporter"
	f := {
		"code": "ID-004", "path": "/convenant/status", "variant": "supporter", "severity": "warning",
		"args": {"status": "supporter"},
	}
}

# ID-003: a vo learning resource or test identifies pupils directly instead of by ECK iD (pupil
# fields only: a teacher's name is no reason for a pupil pseudonym).
findings contains f if {
	"vo" in input.resource.sectors
	input.resource.type in {"learning_material", "assessment"}
	not data.ibp.lib.eck_id_received
	names := [field.name | some field in input.categories.identifying; "student" in field.subjects]
	count(names) > 0
	f := {"code": "ID-003", "path": "/fields", "args": {"fields": concat(", ", names)}}
}
