# Purposes, lawful basis and consent: PURP-001, PURP-002, CONS-001 .. CONS-003, PURP-003.
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

# CONS-003: a public authority cannot rest its tasks on legitimate interest.
findings contains f if {
	input.resource.lawful_basis == "legitimate_interest"
	"education" in input.purpose_values
	f := {"code": "CONS-003", "path": "/lawful_basis", "args": {}}
}

# PURP-003: product improvement with pupil data that are not anonymised: at `improvement_data`
# when it is declared, else at the purpose `product_improvement` (the first, where several
# fields name it).
findings contains f if {
	"product_improvement" in input.purpose_values
	not input.resource.improvement_data
	paths := [p.path | some p in input.purposes; p.value == "product_improvement"]
	f := {"code": "PURP-003", "path": paths[0], "variant": "absent", "args": {}}
}

findings contains f if {
	"product_improvement" in input.purpose_values
	kind := input.resource.improvement_data
	kind != "anonymised"
	f := {"code": "PURP-003", "path": "/improvement_data", "args": {"improvement_data": kind}}
}
