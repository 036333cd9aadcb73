# Unit tests of agreement.rego (run with `ibp-lint verify`).
package ibp.test.agreement

import data.ibp.main
import data.ibp.testing

test_compliant_example_has_no_agreement_finding if {
	found := main.findings with input as testing.input_base with data.settings as testing.settings
	every f in found {
		not startswith(f.code, "AGR-")
	}
}

test_agr001_absent_agreement if {
	found := main.findings with input as testing.with_resource({"processing_agreement": null}) with data.settings as testing.settings
	some f in found
	f.code == "AGR-001"
	f.variant == "absent"
	f.path == "/processing_agreement/status"
}

test_agr001_pending_names_the_status if {
	input_ := testing.with_resource({"processing_agreement": {"status": "pending", "model": "4.0", "annexes": ["privacy_leaflet", "security"]}})
	found := main.findings with input as input_ with data.settings as testing.settings
	some f in found
	f.code == "AGR-001"
	f.args.status == "pending"
}

test_agr002_expired_yesterday if {
	input_ := testing.with_resource({"processing_agreement": {"status": "signed", "model": "4.0", "expires_on": "2026-11-22", "annexes": ["privacy_leaflet", "security"]}})
	found := main.findings with input as input_ with data.settings as testing.settings
	some f in found
	f.code == "AGR-002"
	f.args.date == "2026-11-22"
}

test_agr003_today_is_within_the_window if {
	input_ := testing.with_resource({"processing_agreement": {"status": "signed", "model": "4.0", "expires_on": "2026-11-23", "annexes": ["privacy_leaflet", "security"]}})
	found := main.findings with input as input_ with data.settings as testing.settings
	some f in found
	f.code == "AGR-003"
	f.args.days == "0"
	not "AGR-002" in testing.codes(found)
}
