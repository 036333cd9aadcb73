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

# A custom agreement, with all clauses, with some keys replaced.
custom_agreement(changes) := testing.replaced(
	testing.resource.processing_agreement,
	object.union({"model": "custom", "covers": all_clauses}, changes),
)

test_conv001_custom_without_national_agreement if {
	input_ := testing.with_resource({"convenant": {"status": "none"}, "processing_agreement": custom_agreement({})})
	found := main.findings with input as input_ with data.settings as testing.settings
	some f in found
	f.code == "CONV-001"
	f.args == {"status": "none"}
	not f.severity
}

test_conv001_custom_under_national_agreement_is_silent if {
	agreement := custom_agreement({"national_agreement": "SIVON raamovereenkomst Microsoft"})
	found := main.findings with input as testing.with_resource({"convenant": {"status": "none"}, "processing_agreement": agreement}) with data.settings as testing.settings
	not "CONV-001" in testing.codes(found)
}

test_conv001_custom_under_national_agreement_absent_convenant_is_silent if {
	agreement := custom_agreement({"national_agreement": "SIVON raamovereenkomst Google"})
	found := main.findings with input as testing.with_resource({"convenant": null, "processing_agreement": agreement}) with data.settings as testing.settings
	not "CONV-001" in testing.codes(found)
}

test_conv001_blank_national_agreement_counts_as_none if {
	agreement := custom_agreement({"national_agreement": "  "})
	found := main.findings with input as testing.with_resource({"convenant": {"status": "none"}, "processing_agreement": agreement}) with data.settings as testing.settings
	"CONV-001" in testing.codes(found)
}

test_conv001_national_agreement_on_another_model_does_not_count if {
	agreement := testing.replaced(testing.resource.processing_agreement, {"model": "3.0", "national_agreement": "SIVON raamovereenkomst"})
	found := main.findings with input as testing.with_resource({"convenant": {"status": "none"}, "processing_agreement": agreement}) with data.settings as testing.settings
	"CONV-001" in testing.codes(found)
}

# The example's supplier with a role.
supplier(role) := object.union(testing.resource.supplier, {"role": role})

test_conv001_silent_for_a_controller if {
	every role in ["controller", "joint_controller"] {
		input_ := testing.with_resource({"convenant": {"status": "none"}, "supplier": supplier(role), "disclosure_basis": "art. 42 WPO, OSO"})
		found := main.findings with input as input_ with data.settings as testing.settings
		not "CONV-001" in testing.codes(found)
	}
}

test_conv001_absent_silent_for_a_controller if {
	input_ := testing.with_resource({"convenant": null, "processing_agreement": null, "supplier": supplier("controller"), "disclosure_basis": "art. 42 WPO, OSO"})
	found := main.findings with input as input_ with data.settings as testing.settings_publisher
	not "CONV-001" in testing.codes(found)
}

test_conv001_explicit_processor_is_checked if {
	found := main.findings with input as testing.with_resource({"convenant": {"status": "none"}, "supplier": supplier("processor")}) with data.settings as testing.settings
	"CONV-001" in testing.codes(found)
}

# ---- CONV-001 under the publisher profile: an error.

test_conv001_none_is_an_error_under_publisher if {
	found := main.findings with input as testing.with_resource({"convenant": {"status": "none"}}) with data.settings as testing.settings_publisher
	some f in found
	f.code == "CONV-001"
	f.path == "/convenant/status"
	f.severity == "error"
	f.args == {"status": "none"}
	not f.variant
}

test_conv001_absent_is_an_error_under_publisher if {
	found := main.findings with input as testing.with_resource({"convenant": null}) with data.settings as testing.settings_publisher
	some f in found
	f.code == "CONV-001"
	f.variant == "absent"
	f.severity == "error"
	f.args == {}
}

test_conv001_officer_keeps_the_catalogue_severity if {
	found := main.findings with input as testing.with_resource({"convenant": null}) with data.settings as testing.settings
	some f in found
	f.code == "CONV-001"
	not f.severity
}

test_conv001_general_model_is_silent_under_publisher if {
	input_ := testing.with_resource({"convenant": {"status": "none"}, "processing_agreement": general_agreement})
	found := main.findings with input as input_ with data.settings as testing.settings_publisher
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
