# Unit tests of convenant.rego (run with `ibp-lint verify`).
package ibp.test.convenant

import data.ibp.main
import data.ibp.testing

all_clauses := [
	"subject_duration", "nature_purpose", "data_types", "subject_categories",
	"documented_instructions", "confidentiality", "security", "subprocessor_conditions",
	"rights_assistance", "compliance_assistance", "delete_or_return", "audits",
]

# The example's agreement on the general model (for suppliers outside the convenant).
general_agreement := testing.replaced(testing.resource.processing_agreement, {"model": "general-4.0", "covers": all_clauses})

test_compliant_example_has_no_convenant_finding if {
	found := main.findings with input as testing.input_base with data.settings as testing.settings
	every f in found {
		not startswith(f.code, "CONV-")
	}
}

# ---- CONV-001

test_conv001_absent_convenant if {
	found := main.findings with input as testing.with_resource({"convenant": null}) with data.settings as testing.settings
	some f in found
	f.code == "CONV-001"
	f.variant == "absent"
	f.path == "/convenant/status"
	f.args == {}
}

test_conv001_block_without_status_is_absent if {
	found := main.findings with input as testing.with_resource({"convenant": {"version": "4.0"}}) with data.settings as testing.settings
	some f in found
	f.code == "CONV-001"
	f.variant == "absent"
}

test_conv001_status_none if {
	found := main.findings with input as testing.with_resource({"convenant": {"status": "none", "version": "4.0"}}) with data.settings as testing.settings
	some f in found
	f.code == "CONV-001"
	f.path == "/convenant/status"
	f.args == {"status": "none"}
	not f.variant
}

test_conv001_no_agreement_and_no_convenant if {
	input_ := testing.with_resource({"convenant": null, "processing_agreement": null})
	found := main.findings with input as input_ with data.settings as testing.settings
	some f in found
	f.code == "CONV-001"
	f.variant == "absent"
}

test_conv001_status_none_on_general_model_is_silent if {
	input_ := testing.with_resource({"convenant": {"status": "none"}, "processing_agreement": general_agreement})
	found := main.findings with input as input_ with data.settings as testing.settings
	not "CONV-001" in testing.codes(found)
}

test_conv001_absent_on_general_model_is_silent if {
	input_ := testing.with_resource({"convenant": null, "processing_agreement": general_agreement})
	found := main.findings with input as input_ with data.settings as testing.settings
	not "CONV-001" in testing.codes(found)
}

test_conv001_supporter_is_silent if {
	found := main.findings with input as testing.with_resource({"convenant": {"status": "supporter", "version": "4.0"}}) with data.settings as testing.settings
	not "CONV-001" in testing.codes(found)
}

test_conv001_participant_is_silent if {
	found := main.findings with input as testing.with_resource({"convenant": {"status": "participant"}}) with data.settings as testing.settings
	not "CONV-001" in testing.codes(found)
}

# ---- CONV-002

test_conv002_version_1_0 if {
	found := main.findings with input as testing.with_resource({"convenant": {"status": "participant", "version": "1.0"}}) with data.settings as testing.settings
	some f in found
	f.code == "CONV-002"
	f.path == "/convenant/version"
	f.args == {"version": "1.0"}
}

test_conv002_version_2_0 if {
	found := main.findings with input as testing.with_resource({"convenant": {"status": "participant", "version": "2.0"}}) with data.settings as testing.settings
	some f in found
	f.code == "CONV-002"
	f.args == {"version": "2.0"}
}

test_conv002_version_3_0_is_silent if {
	found := main.findings with input as testing.with_resource({"convenant": {"status": "participant", "version": "3.0"}}) with data.settings as testing.settings
	not "CONV-002" in testing.codes(found)
}

test_conv002_no_version_is_silent if {
	found := main.findings with input as testing.with_resource({"convenant": {"status": "participant"}}) with data.settings as testing.settings
	not "CONV-002" in testing.codes(found)
}
