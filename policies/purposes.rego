# Purposes, lawful basis and consent: PURP-001, PURP-002, CONS-001, CONS-002.
package ibp.rules.purposes


# PURP-001: a commercial purpose for pupil data.
findings contains f if {
	# The set of purpose values first: the list with paths is walked only for a forbidden one.
	some value in input.purpose_values & {"advertising", "marketing", "sale_of_data", "commercial_profiling", "ai_training"}
	some purpose in input.purposes
	purpose.value == value
	f := {"code": "PURP-001", "path": purpose.path, "args": {"purpose": value}}
}

# PURP-002: no purpose at all.
findings contains f if {
	count(input.purposes) == 0
	f := {"code": "PURP-002", "path": "/purposes", "args": {}}
}

# CONS-001: published images need opt-in consent.
findings contains f if {
	input.resource.images.published == true
	not input.resource.images.consent
	f := {"code": "CONS-001", "path": "/images/consent", "variant": "absent", "args": {}}
}

findings contains f if {
	input.resource.images.published == true
	consent := input.resource.images.consent
	consent != "opt_in"
	f := {"code": "CONS-001", "path": "/images/consent", "args": {"consent": consent}}
}

# CONS-002: consent is not a valid basis for core education.
findings contains f if {
	input.resource.lawful_basis == "consent"
	"education" in input.purpose_values
	f := {"code": "CONS-002", "path": "/lawful_basis", "args": {}}
}
