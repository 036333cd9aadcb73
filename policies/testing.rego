# Helpers for Rego unit tests (`ibp-lint verify`); loaded only by `verify`, never by `check`.
# A test builds an input with `input_for(resource)` and evaluates the findings with fixed
# settings: `data.ibp.main.findings with input as ... with data.settings as testing.settings`.
package ibp.testing

# The run settings of the tests: today 2026-11-23 and the default thresholds of format.md.
settings := {
	"today": "2026-11-23",
	"expiry_warning_until": "2027-02-21",
	"agreement_expiry_warning_days": 90,
	"leaflet_cutoff": "2024-11-23",
	"leaflet_max_age_months": 24,
	"pentest_cutoff": "2025-11-23",
	"breach_max_hours": 24,
	"max_deletion_days": 90,
	"adequate_countries": ["AD", "AR", "BR", "CA", "CH", "FO", "GB", "GG", "IL", "IM", "JE", "JP", "KR", "NZ", "UY"],
	"profile": "officer",
}

# The settings of a run under `--profile publisher`.
settings_publisher := object.union(settings, {"profile": "publisher"})

# The complete, compliant example declaration of format.md, as the tool normalises it.
resource := {
	"apiVersion": "ibp-lint/v1",
	"kind": "LearningResource",
	"id": "rekenmeester",
	"name": "Rekenmeester Groep 3-8",
	"type": "learning_material",
	"sectors": ["po"],
	"supplier": {"name": "Voorbeeld Uitgevers B.V.", "kvk": "12345678", "country": "NL", "privacy_contact": "privacy@voorbeeld.example"},
	"purposes": ["education", "access", "result_feedback"],
	"lawful_basis": "public_task",
	"data_subjects": ["student", "teacher"],
	"fields": ["eck_id", "voornaam", "group_name", "year_group", {"field": "test_results", "purposes": ["result_feedback"]}],
	"processing_agreement": {"status": "signed", "model": "4.0", "signed_on": "2024-08-01", "expires_on": "2027-07-31", "annexes": ["privacy_leaflet", "security"]},
	"convenant": {"status": "participant", "version": "4.0"},
	"privacy_leaflet": {"url": "https://www.voorbeeld.example/privacybijsluiter-rekenmeester.pdf", "updated_on": "2025-03-01"},
	"hosting": {"countries": ["NL", "DE"]},
	"subprocessors": [{"name": "Voorbeeld Cloud GmbH", "service": "hosting", "country": "DE"}],
	"transfers": [],
	"breach_notification_hours": 24,
	"retention": {"delete_after_contract_days": 60},
	"security": {"certifications": ["ISO27001"]},
	"dpia": {"status": "not_required"},
	"images": {"processed": false},
}

# The resolved fields of `resource` (what src/normalize.rs gives the policies).
fields := [
	{"id": "eck_id", "name": "eck_id", "category": "pseudonym", "known": true, "path": "/fields/0", "purposes": [], "subjects": ["student"]},
	{"id": "first_name", "name": "voornaam", "category": "identifying", "known": true, "path": "/fields/1", "purposes": [], "subjects": ["student"]},
	{"id": "group_name", "name": "group_name", "category": "organisation", "known": true, "path": "/fields/2", "purposes": [], "subjects": ["student"]},
	{"id": "year_group", "name": "year_group", "category": "organisation", "known": true, "path": "/fields/3", "purposes": [], "subjects": ["student"]},
	{"id": "test_results", "name": "test_results", "category": "learning", "known": true, "path": "/fields/4/field", "purposes": ["result_feedback"], "subjects": ["student"]},
]

purposes := [
	{"value": "education", "path": "/purposes/0"},
	{"value": "access", "path": "/purposes/1"},
	{"value": "result_feedback", "path": "/purposes/2"},
	{"value": "result_feedback", "path": "/fields/4/purposes/0"},
]

# The fields grouped by category, as the tool adds them to the input (`input.categories`).
categories(fields) := {c: [f | some f in fields; f.category == c] | some g in fields; c := g.category}

# The countries of the locations of a resource (`input.countries`): hosting, subprocessors and
# supplier.
location_countries(r) := (({c | some c in object.get(r, ["hosting", "countries"], [])} | {s.country | some s in object.get(r, "subprocessors", [])}) | {c | c := r.supplier.country})

# The leaflet URL of `resource` as the tool parses it (`input.leaflet`).
leaflet := {"scheme": "https", "host": "www.voorbeeld.example"}

# The input the tool builds from a (normalised) resource with its resolved fields and purposes.
# `input.leaflet` stays that of the base URL: tests of another URL give its parts with it.
input_from(r, fields_, purposes_) := {
	"resource": r, "fields": fields_, "categories": categories(fields_), "purposes": purposes_,
	"purpose_values": {p.value | some p in purposes_}, "countries": location_countries(r),
	"leaflet": leaflet,
}

# The compliant input.
input_base := input_from(resource, fields, purposes)

# The input with some top-level keys of the resource replaced (a shallow replacement: a key's
# whole value is replaced; a key mapped to null is removed).
with_resource(changes) := input_from(replaced(resource, changes), fields, purposes)

# A resolved field as src/normalize.rs gives it to the policies.
field(id, name, category, path) := {"id": id, "name": name, "category": category, "known": true, "path": path, "purposes": [], "subjects": ["student"]}

# An input whose resource has the top-level `changes` and whose resolved fields and purposes
# are given; the resource's own `fields` and `purposes` lists are written to match them.
input_of(changes, fields_, purposes_) := input_from(
	replaced(resource, object.union(changes, {
		"fields": [field_entry(f) | some f in fields_],
		"purposes": [p.value | some p in purposes_; startswith(p.path, "/purposes/")],
	})),
	fields_, purposes_,
)

# A resolved field as the declaration writes it: long form when its path names `field`.
field_entry(f) := {"field": f.name, "purposes": f.purposes} if endswith(f.path, "/field")

field_entry(f) := f.name if not endswith(f.path, "/field")

# `base` with the top-level keys of `changes` replaced or (null) removed.
replaced(base, changes) := object.union(
	{k: v | some k, v in base; not k in object.keys(changes)},
	{k: v | some k, v in changes; v != null},
)

# The codes of a set of findings.
codes(findings) := {f.code | some f in findings}
