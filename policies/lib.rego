# Helpers shared by the built-in rules. The input is described in policies/README.md:
# input.resource (the declaration, normalised), input.fields (resolved fields with category
# and path), input.purposes (resource and long-form field purposes with their paths).
# Per-run settings (today, thresholds, adequacy list) are in data.settings.
package ibp.lib

resource := input.resource

agreement := object.get(input.resource, "processing_agreement", {})

convenant := object.get(input.resource, "convenant", {})

model := object.get(agreement, "model", "")

convenant_status := object.get(convenant, "status", "")

# Canonical ids of the fields received.
field_ids contains f.id if some f in input.fields

# Fields of one category.
fields_of(category) := [f | some f in input.fields; f.category == category]

# The combined purposes (resource and long-form fields).
purpose_values contains p.value if some p in input.purposes

# The EEA: EU-27 plus Iceland, Liechtenstein and Norway.
eea := {
	"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
	"LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
}

# A country that needs a transfer mechanism: outside the EEA and not adequate for this board.
needs_mechanism(country) if {
	not country in eea
	not country in {c | some c in data.settings.adequate_countries}
}

# A non-empty string after trimming.
filled(s) if {
	is_string(s)
	trim_space(s) != ""
}

# Days from data.settings.today to a YYYY-MM-DD date.
days_until(date) := round((time.parse_ns("2006-01-02", date) - time.parse_ns("2006-01-02", data.settings.today)) / 86400000000000)
