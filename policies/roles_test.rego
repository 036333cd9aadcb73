# Unit tests of roles.rego (run with `ibp-lint verify`).
package ibp.test.roles

import data.ibp.main
import data.ibp.testing

# The compliant input with the supplier's block extended (null removes a key).
with_supplier(changes) := testing.with_resource({"supplier": testing.replaced(testing.resource.supplier, changes)})

# The same with other top-level keys changed too.
with_supplier_and(changes, others) := testing.with_resource(object.union(
	{"supplier": testing.replaced(testing.resource.supplier, changes)},
	others,
))

test_compliant_example_has_no_role_finding if {
	found := main.findings with input as testing.input_base with data.settings as testing.settings_publisher
	every f in found {
		not startswith(f.code, "ROLE-")
	}
}

# ---- ROLE-001

test_role001_processor_with_an_own_purpose if {
	found := main.findings with input as with_supplier({"role": "processor", "own_purposes": ["product_improvement"]}) with data.settings as testing.settings
	some f in found
	f == {"code": "ROLE-001", "path": "/supplier/own_purposes/0", "args": {"purpose": "product_improvement"}}
}

test_role001_absent_role_is_a_processor if {
	found := main.findings with input as with_supplier({"own_purposes": ["marketing"]}) with data.settings as testing.settings
	some f in found
	f.code == "ROLE-001"
	f.args == {"purpose": "marketing"}
}

test_role001_one_finding_per_own_purpose_at_it if {
	found := main.findings with input as with_supplier({"own_purposes": ["marketing", "product_improvement"]}) with data.settings as testing.settings
	paths := {f.path: f.args.purpose | some f in found; f.code == "ROLE-001"}
	paths == {"/supplier/own_purposes/0": "marketing", "/supplier/own_purposes/1": "product_improvement"}
}

test_role001_empty_own_purposes_is_silent if {
	found := main.findings with input as with_supplier({"role": "processor", "own_purposes": []}) with data.settings as testing.settings
	not "ROLE-001" in testing.codes(found)
}

test_role001_controller_with_own_purposes_is_silent if {
	every role in ["controller", "joint_controller"] {
		input_ := with_supplier_and({"role": role, "own_purposes": ["legal_obligation"]}, {"disclosure_basis": "art. 42 WPO, OSO"})
		found := main.findings with input as input_ with data.settings as testing.settings
		not "ROLE-001" in testing.codes(found)
	}
}

test_role001_same_under_publisher if {
	found := main.findings with input as with_supplier({"own_purposes": ["marketing"]}) with data.settings as testing.settings_publisher
	some f in found
	f.code == "ROLE-001"
	not f.severity
}

# ---- ROLE-002

test_role002_controller_without_basis if {
	found := main.findings with input as with_supplier({"role": "controller"}) with data.settings as testing.settings
	some f in found
	f == {"code": "ROLE-002", "path": "/disclosure_basis", "args": {"role": "controller"}}
}

test_role002_joint_controller_with_blank_basis if {
	found := main.findings with input as with_supplier_and({"role": "joint_controller"}, {"disclosure_basis": "   "}) with data.settings as testing.settings
	some f in found
	f == {"code": "ROLE-002", "path": "/disclosure_basis", "args": {"role": "joint_controller"}}
}

test_role002_controller_with_basis_is_silent if {
	found := main.findings with input as with_supplier_and({"role": "controller"}, {"disclosure_basis": "art. 42 WPO, OSO"}) with data.settings as testing.settings
	not "ROLE-002" in testing.codes(found)
}

test_role002_processor_needs_no_basis if {
	every changes in [{"role": "processor"}, {"role": null}] {
		found := main.findings with input as with_supplier(changes) with data.settings as testing.settings
		not "ROLE-002" in testing.codes(found)
	}
}

# A controller recipient on a bare declaration: ROLE-002 only, none of the agreement rules.
test_controller_without_agreement_gets_role002_and_no_agreement_rule if {
	input_ := with_supplier_and({"role": "controller"}, {"processing_agreement": null, "convenant": null, "privacy_leaflet": null})
	found := main.findings with input as input_ with data.settings as testing.settings
	"ROLE-002" in testing.codes(found)
	every f in found {
		not startswith(f.code, "AGR-")
		f.code != "CONV-001"
		f.code != "LEAF-001"
	}
}
