# Helpers shared by the built-in rules. The input is described in policies/README.md:
# input.resource (the declaration, normalised), input.fields (resolved fields with category
# and path), input.categories (the same fields grouped by category), input.purposes (resource
# and long-form field purposes with their paths), input.purpose_values (their values, a set),
# input.countries (the countries of every location, a set). Per-run settings (today, thresholds,
# adequacy list) are in data.settings.
#
# Written for the compiled evaluation (RVM) of one file at a time, where a function call costs
# about as much as five comparisons, a rule reference or a builtin call about two: the rules
# read input paths directly, the hot paths use rules (computed once per file) and set literals
# in place, and no function is called in a loop.
package ibp.lib

# The ECK iD is received (the only built-in pseudonym; a custom field cannot take its name).
eck_id_received if {
	some f in input.categories.pseudonym
	f.id == "eck_id"
}

# The EEA: EU-27 plus Iceland, Liechtenstein and Norway.
eea := {
	"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
	"LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
}

# A non-empty string after trimming.
filled(s) if {
	is_string(s)
	trim_space(s) != ""
}

# Days from data.settings.today to a YYYY-MM-DD date.
days_until(date) := round((time.parse_ns("2006-01-02", date) - time.parse_ns("2006-01-02", data.settings.today)) / 86400000000000)

# ---- Helpers of single rule areas, kept together so that every area package under ibp.rules
# ---- holds only its findings rules.

# Agreement, convenant and leaflet: the controller exemption (rules.md, Roles). A recipient
# that is itself controller or joint controller (OSO, GGD, DUO, a samenwerkingsverband) gets no
# processing agreement: AGR-001 .. AGR-008, CONV-001 and LEAF-001 test `agreement_applies`.
# Written with a positive helper rule, not `not ... in {...}` on a path that may be undefined,
# so that regorus and OPA agree.
controller_recipient if input.resource.supplier.role == "controller"

controller_recipient if input.resource.supplier.role == "joint_controller"

agreement_applies if not controller_recipient

# Profiles: the severity that LEAF-004 and CONV-001 take under `--profile publisher` (an
# error), merged into their findings; `{}` (the catalogue's severity) under `officer`.
publisher_severity := {"severity": "error"} if {
	data.settings.profile == "publisher"
} else := {}

# Agreement: without a status, whether the whole block is missing (`absent`) or only its
# status (`no_status`: the message must not say that no agreement is declared).
agreement_absent_variant := "no_status" if {
	is_object(input.resource.processing_agreement)
} else := "absent"

# Agreement: the twelve clauses of AVG art. 28(3).
art28_clauses := [
	"subject_duration", "nature_purpose", "data_types", "subject_categories",
	"documented_instructions", "confidentiality", "security", "subprocessor_conditions",
	"rights_assistance", "compliance_assistance", "delete_or_return", "audits",
]

# Agreement (AGR-004): `covers` lists every clause of art. 28(3) (an amended pre-AVG text).
covers_all_art28 if {
	covers := input.resource.processing_agreement.covers
	is_array(covers)
	every c in art28_clauses {
		c in covers
	}
}

# Convenant (CONV-001): an agreement that needs no convenant behind it: the general model (for
# suppliers outside the convenant's scope) or a custom text under a national framework
# agreement (e.g. SIVON's with large suppliers).
outside_convenant_agreement if input.resource.processing_agreement.model == "general-4.0"

outside_convenant_agreement if {
	input.resource.processing_agreement.model == "custom"
	filled(object.get(input.resource.processing_agreement, "national_agreement", ""))
}

conv001_applies if {
	not outside_convenant_agreement
	agreement_applies
}

# Leaflet: whether its URL is filled in.
leaflet_url := url if {
	url := input.resource.privacy_leaflet.url
	is_string(url)
	trim_space(url) != ""
}

# The leaflet is Bijlage 1 of the agreement for participants and for models 3.0 and 4.0.
leaflet_required if input.resource.convenant.status == "participant"

leaflet_required if input.resource.processing_agreement.model in {"3.0", "4.0"}

# Leaflet (LEAF-005): the sections of format.md a privacybijsluiter must cover, in its order:
# `eck_id` only when the ECK iD is received, `tracking` only when `tracking` has an entry.
leaflet_required_sections := array.concat(
	array.concat(
		["product", "purposes", "data", "subprocessors", "locations", "retention", "security", "breach", "rights"],
		leaflet_eck_id_section,
	),
	leaflet_tracking_section,
)

leaflet_eck_id_section := ["eck_id"] if {
	eck_id_received
} else := []

leaflet_tracking_section := ["tracking"] if {
	count(object.get(input.resource, "tracking", [])) > 0
} else := []

# The leaflet URL is an absolute https URL with a host. The tool parses the URL (its syntax:
# no white space, a valid host name or IP literal and port) into input.leaflet; string
# functions here cost more than all other leaflet rules together.
leaflet_url_valid if {
	input.leaflet.scheme == "https"
	input.leaflet.host
}

# Identifiers (ID-002, ID-004): the school's own systems, which store the ECK iD pseudonym and
# receive the results. A positive rule, so that `not school_system` means the same in OPA and
# regorus even for a type that is absent.
school_system if input.resource.type in {"student_administration", "pupil_tracking"}

# Identifiers (ID-001): a statutory chain that requires the BSN/PGN (OSO, ...): a legal basis
# is named and the recipient is not a learning material, test or communication tool, for which
# no statute prescribes the number. `national_id_variant` says why a named basis did not help.
national_id_basis if filled(object.get(input.resource, "national_id_legal_basis", ""))

national_id_content_type if input.resource.type in {"learning_material", "assessment", "communication"}

national_id_chain if {
	national_id_basis
	not national_id_content_type
}

national_id_variant := {"variant": "basis_not_for_type"} if {
	national_id_basis
} else := {}

# Special categories: an art. 9(2) exception is named and a DPIA is done.
special_exception if filled(object.get(input.resource, "special_category_exception", ""))

dpia_done if input.resource.dpia.status == "done"

special_variant := "neither" if {
	not special_exception
	not dpia_done
} else := "no_exception" if {
	not special_exception
} else := "no_dpia"

special_safeguarded if {
	special_exception
	dpia_done
}

# Special categories (SPEC-002): the purposes outside access and security, sorted, each once;
# whether the necessity of biometrics is recorded; the variant when purposes are named (`both`
# when the necessity is missing too).
biometric_other_purposes := sort([v | some v in input.purpose_values - {"access", "security"}])

biometric_necessity if filled(object.get(input.resource, "biometric_necessity", ""))

biometric_variant := {} if {
	biometric_necessity
} else := {"variant": "both"}

# Transfers: every place the data are, or are reached from, with its pointer and a readable name.
# Where personal data go outside the EEA without an adequacy decision for this board: hosting
# countries, subprocessor countries and the supplier's own country (from where staff reach
# the data), each with the path and name of its node. The country is tested before the
# location is built: most are in the EEA, and the paths cost more than the test (written out in
# each body: a function call would cost more than the test itself).
locations contains loc if {
	some i, country in input.resource.hosting.countries
	not country in eea
	not country in data.settings.adequate_countries
	loc := {"country": country, "path": sprintf("/hosting/countries/%d", [i]), "where": "hosting.countries"}
}

locations contains loc if {
	some i, sub in input.resource.subprocessors
	country := sub.country
	# A subprocessor may lack its country (SUB-001). On the compiled RVM an assignment from an
	# undefined path does not fail the body, and `not country in eea` then holds: test it.
	is_string(country)
	not country in eea
	not country in data.settings.adequate_countries
	loc := {
		"country": country, "path": sprintf("/subprocessors/%d/country", [i]),
		"where": sprintf("subprocessors[%d].country", [i]),
	}
}

locations contains loc if {
	country := input.resource.supplier.country
	is_string(country)
	not country in eea
	not country in data.settings.adequate_countries
	loc := {"country": country, "path": "/supplier/country", "where": "supplier.country"}
}

# A location is covered by a `transfers` entry for its country whose mechanism fits it: `scc` or
# `bcr` anywhere, `dpf` only for the US, and `derogation` (AVG art. 49) only for the supplier's
# own country and only for a transfer declared `occasional: true`: structural hosting, or a
# subprocessor's, cannot rest on art. 49.
covered(loc) if {
	some t in object.get(input.resource, "transfers", [])
	t.country == loc.country
	t.mechanism in {"scc", "bcr"}
}

covered(loc) if {
	loc.country == "US"
	some t in object.get(input.resource, "transfers", [])
	t.country == "US"
	t.mechanism == "dpf"
}

covered(loc) if {
	loc.path == "/supplier/country"
	some t in object.get(input.resource, "transfers", [])
	t.country == loc.country
	t.mechanism == "derogation"
	t.occasional == true
}

# XFER-001 at a location. The variant is `<country>_<case>` without its empty parts. Country:
# `us` (the help names `dpf`), `partial` for CA and JP (reachable only when the board removed
# them from adequate_countries: the help names the limits of those decisions, PIPEDA and the
# APPI), else none. Case: none when `transfers` declares nothing for the country; `derogation`
# when it declares a derogation for hosting or a subprocessor; `not_occasional` when the
# supplier's country has a derogation that is not `occasional: true`; `unfit` for other
# mechanisms that do not cover it (the message names them).
xfer001(loc, declared) := f if {
	count(declared) == 0
	f := with_variant(
		{"code": "XFER-001", "path": loc.path, "args": {"country": loc.country, "where": loc.where}},
		xfer001_country(loc.country), "",
	)
}

xfer001(loc, declared) := f if {
	count(declared) > 0
	f := with_variant(
		{
			"code": "XFER-001", "path": loc.path,
			"args": {"country": loc.country, "where": loc.where, "mechanism": concat(", ", declared)},
		},
		xfer001_country(loc.country), xfer001_case(loc, declared),
	)
}

xfer001_country("US") := "us"

xfer001_country(country) := "partial" if country in {"CA", "JP"}

xfer001_country(country) := "" if not country in {"US", "CA", "JP"}

xfer001_case(loc, declared) := "derogation" if {
	"derogation" in declared
	loc.path != "/supplier/country"
} else := "not_occasional" if {
	"derogation" in declared
} else := "unfit"

# A finding with the variant made of its non-empty parts, or none when both are empty.
with_variant(base, a, b) := base if {
	a == ""
	b == ""
}

with_variant(base, a, b) := object.union(base, {"variant": concat("_", [x | some x in [a, b]; x != ""])}) if {
	concat("", [a, b]) != ""
}

# SUB-002 when `subprocessor_terms` is declared and there are subprocessors
# (transfers.rego): a general authorisation needs a notice term and a right to object (errors);
# a notice below 30 days, whatever the authorisation, is a warning (0 days included: only an
# absent key is no term, and `not` treats 0 as present).
sub002_findings contains f if {
	input.resource.subprocessor_terms.authorisation == "general"
	not input.resource.subprocessor_terms.notice_days
	f := {"code": "SUB-002", "path": "/subprocessor_terms/notice_days", "variant": "no_notice", "args": {}}
}

sub002_findings contains f if {
	input.resource.subprocessor_terms.authorisation == "general"
	not input.resource.subprocessor_terms.objection
	f := {"code": "SUB-002", "path": "/subprocessor_terms/objection", "variant": "no_objection", "args": {}}
}

sub002_findings contains f if {
	input.resource.subprocessor_terms.objection == "none"
	input.resource.subprocessor_terms.authorisation == "general"
	f := {"code": "SUB-002", "path": "/subprocessor_terms/objection", "variant": "objection_none", "args": {}}
}

sub002_findings contains f if {
	days := input.resource.subprocessor_terms.notice_days
	days < 30
	f := {
		"code": "SUB-002", "path": "/subprocessor_terms/notice_days", "variant": "short_notice",
		"severity": "warning", "args": {"days": sprintf("%d", [days])},
	}
}

# TRACK-001 and TRACK-002 when `tracking` has an entry (transfers.rego): an advertising tracker;
# an analytics tracker whose vendor is not a subprocessor (names compared without regard to
# case).
tracking_findings contains f if {
	some i, t in input.resource.tracking
	t.purpose == "advertising"
	f := {"code": "TRACK-001", "path": sprintf("/tracking/%d/purpose", [i]), "args": {"vendor": t.vendor}}
}

tracking_findings contains f if {
	some i, t in input.resource.tracking
	t.purpose == "analytics"
	is_string(t.vendor)
	not lower(t.vendor) in subprocessor_names
	f := {"code": "TRACK-002", "path": sprintf("/tracking/%d/vendor", [i]), "args": {"vendor": t.vendor}}
}

subprocessor_names := {lower(s.name) | some s in object.get(input.resource, "subprocessors", [])}

# Security (SEC-001): the agreement has the security annex (Bijlage 2). Undefined, not false,
# when the agreement or its annexes are absent: SEC-001 tests `not security_annex`, which holds
# then in OPA and regorus alike.
security_annex if "security" in input.resource.processing_agreement.annexes

# Security: at least one certification is filled in (stops at the first).
has_certification if {
	some c in input.resource.security.certifications
	is_string(c)
	trim_space(c) != ""
}

# DPIA-001, AI-001 and AI-002 when `processing` is declared (security.rego).
processing_findings contains f if {
	not dpia_done
	reason := dpia_reason
	f := {"code": "DPIA-001", "path": "/dpia/status", "variant": reason.variant, "args": reason.args}
}

# AI-001: emotion recognition in education is prohibited (AI Act art. 5(1)(f)).
processing_findings contains f if {
	input.resource.processing.emotion_recognition == true
	f := {"code": "AI-001", "path": "/processing/emotion_recognition", "args": {}}
}

# AI-002: an AI feature that assesses learning is a high-risk AI system (AI Act Annex III
# point 3); the school as deployer has the duties of art. 26.
processing_findings contains f if {
	some i, feature in input.resource.processing.ai_features
	feature.assesses_learning == true
	f := {
		"code": "AI-002", "path": sprintf("/processing/ai_features/%d/assesses_learning", [i]),
		"args": {"name": feature.name},
	}
}

# DPIA-001: the first reason a DPIA is needed, in the order of rules.md. rules.md puts a special
# field first, "but not when SPEC-001 is raised for the same declaration". SPEC-001 is raised
# for every special field unless an exception is named and `dpia.status` is `done`; DPIA-001
# applies only when the DPIA is not done, so wherever a special field could be its reason,
# SPEC-001 is raised and already asks for the DPIA. That reason can never be named, and is not
# written here. Next: a processing flag (profiling, automated decisions, behaviour monitoring,
# in that order), then the first AI feature that assesses learning.
dpia_reason := {"variant": "processing", "args": {"flag": "profiling"}} if {
	input.resource.processing.profiling == true
} else := {"variant": "processing", "args": {"flag": "automated_decisions"}} if {
	input.resource.processing.automated_decisions == true
} else := {"variant": "processing", "args": {"flag": "behaviour_monitoring"}} if {
	input.resource.processing.behaviour_monitoring == true
} else := {"variant": "ai", "args": {"name": features[first].name}} if {
	features := input.resource.processing.ai_features
	assessing := {i | some i, feature in features; feature.assesses_learning == true}
	count(assessing) > 0
	first := min(assessing)
}

# RIGHTS-001 when `rights_support` is declared (security.rego): one finding per right of
# access, rectification or erasure declared false, and a term above 10 working days.
rights_findings contains f if {
	some right in ["access", "rectification", "erasure"]
	input.resource.rights_support[right] == false
	f := {"code": "RIGHTS-001", "path": sprintf("/rights_support/%s", [right]), "args": {"right": right}}
}

rights_findings contains f if {
	days := input.resource.rights_support.response_working_days
	days > 10
	f := {
		"code": "RIGHTS-001", "path": "/rights_support/response_working_days", "variant": "slow",
		"args": {"days": sprintf("%d", [days])},
	}
}

# The readiness triggers of security.rego, under the publisher profile: evidence not declared.
security_readiness contains f if {
	not input.resource.rights_support
	f := {"code": "RIGHTS-001", "path": "/rights_support", "variant": "readiness", "severity": "error", "args": {}}
}

security_readiness contains f if {
	not input.resource.retention.return_on_exit
	f := {"code": "EXIT-001", "path": "/retention/return_on_exit", "variant": "readiness", "severity": "error", "args": {}}
}

security_readiness contains f if {
	not input.resource.security.vulnerability_disclosure
	f := {"code": "CVD-001", "path": "/security/vulnerability_disclosure", "variant": "readiness", "severity": "error", "args": {}}
}
