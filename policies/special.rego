# Special categories of personal data (AVG art. 9, 35; UAVG art. 29, 30): SPEC-001, SPEC-002.
package ibp.rules.special


# SPEC-001: a special-category field without an exception and a completed DPIA.
findings contains f if {
	some field in input.categories.special
	not data.ibp.lib.special_safeguarded
	f := {
		"code": "SPEC-001", "path": field.path, "field": field.id, "variant": data.ibp.lib.special_variant,
		"args": {"field": field.name},
	}
}

# SPEC-002: biometric data for a purpose other than access or security, or without a recorded
# necessity (UAVG art. 29: only where strictly necessary for authentication or security). One
# finding at the field, naming the purposes outside access and security when there are any.
findings contains f if {
	some field in input.categories.special
	field.id == "biometric"
	other := data.ibp.lib.biometric_other_purposes
	count(other) > 0
	f := object.union(
		{"code": "SPEC-002", "path": field.path, "field": field.id, "args": {"field": field.name, "purposes": concat(", ", other)}},
		data.ibp.lib.biometric_variant,
	)
}

findings contains f if {
	some field in input.categories.special
	field.id == "biometric"
	count(data.ibp.lib.biometric_other_purposes) == 0
	not data.ibp.lib.biometric_necessity
	f := {"code": "SPEC-002", "path": field.path, "field": field.id, "variant": "no_necessity", "args": {"field": field.name}}
}
