# Special categories of personal data (AVG art. 9, 35; UAVG): SPEC-001.
package ibp.rules

import data.ibp.lib

special_exception if lib.filled(object.get(lib.resource, "special_category_exception", ""))

dpia_done if lib.resource.dpia.status == "done"

special_variant := "neither" if {
	not special_exception
	not dpia_done
} else := "no_exception" if {
	not special_exception
} else := "no_dpia"

# SPEC-001: a special-category field without an exception and a completed DPIA.
findings contains f if {
	not all_special_conditions
	some field in lib.fields_of("special")
	f := {
		"code": "SPEC-001", "path": field.path, "field": field.id, "variant": special_variant,
		"args": {"field": field.name},
	}
}

all_special_conditions if {
	special_exception
	dpia_done
}
