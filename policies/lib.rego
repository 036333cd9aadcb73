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
	not country in eea
	not country in data.settings.adequate_countries
	loc := {
		"country": country, "path": sprintf("/subprocessors/%d/country", [i]),
		"where": sprintf("subprocessors[%d].country", [i]),
	}
}

locations contains loc if {
	country := input.resource.supplier.country
	not country in eea
	not country in data.settings.adequate_countries
	loc := {"country": country, "path": "/supplier/country", "where": "supplier.country"}
}

covered(country) if {
	some t in object.get(input.resource, "transfers", [])
	t.country == country
	t.mechanism in {"scc", "bcr", "derogation"}
}

covered("US") if {
	some t in object.get(input.resource, "transfers", [])
	t.country == "US"
	t.mechanism == "dpf"
}

# XFER-001 at a location: variant `us` for the US (the help names `dpf`), `unfit` or
# `us_unfit` when `transfers` declares the country with mechanisms that do not cover it (the
# message names them).
xfer001(loc, declared) := f if {
	count(declared) == 0
	f := with_us_variant({"code": "XFER-001", "path": loc.path, "args": {"country": loc.country, "where": loc.where}}, loc.country)
}

xfer001(loc, declared) := f if {
	count(declared) > 0
	f := {
		"code": "XFER-001", "path": loc.path, "variant": unfit_variant(loc.country),
		"args": {"country": loc.country, "where": loc.where, "mechanism": concat(", ", declared)},
	}
}

with_us_variant(base, "US") := object.union(base, {"variant": "us"})

with_us_variant(base, country) := base if country != "US"

unfit_variant("US") := "us_unfit"

unfit_variant(country) := "unfit" if country != "US"

# Security: at least one certification is filled in (stops at the first).
has_certification if {
	some c in input.resource.security.certifications
	is_string(c)
	trim_space(c) != ""
}

# DPIA: the reasons a DPIA is needed, ordered so the first can be named.
dpia_reasons contains r if {
	some field in input.categories.special
	r := {"order": sprintf("1 %06d", [field_index(field.path)]), "variant": "special", "args": {"field": field.name}}
}

dpia_reasons contains r if {
	input.resource.images.published == true
	r := {"order": "2", "variant": "images", "args": {}}
}

dpia_reasons contains r if {
	some i, t in input.resource.transfers
	t.mechanism in {"scc", "derogation"}
	r := {
		"order": sprintf("3 %06d", [i]), "variant": "transfer",
		"args": {"mechanism": t.mechanism, "country": t.country},
	}
}

# The list index of a field from its path (/fields/3 or /fields/3/field).
field_index(path) := to_number(split(path, "/")[2])
