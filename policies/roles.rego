# Roles under the AVG: ROLE-001, ROLE-002. Sources: AVG art. 6(1), 26, 28(10).
package ibp.rules.roles


# ROLE-001: a processor (`supplier.role` processor or absent) that pursues purposes of its own
# is a controller for that processing (art. 28(10)): one finding per own purpose, at it.
findings contains f if {
	some i, purpose in input.resource.supplier.own_purposes
	not data.ibp.lib.controller_recipient
	f := {"code": "ROLE-001", "path": sprintf("/supplier/own_purposes/%d", [i]), "args": {"purpose": purpose}}
}

# ROLE-002: a controller or joint controller recipient needs the legal basis of the disclosure
# (absent or blank `disclosure_basis`).
findings contains f if {
	data.ibp.lib.controller_recipient
	not data.ibp.lib.filled(object.get(input.resource, "disclosure_basis", ""))
	f := {"code": "ROLE-002", "path": "/disclosure_basis", "args": {"role": input.resource.supplier.role}}
}
