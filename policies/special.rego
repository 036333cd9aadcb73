# Special categories of personal data (AVG art. 9, 35; UAVG): SPEC-001.
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
