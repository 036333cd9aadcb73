# The entry point: every finding of every rule area. Each area (and each board policy) is its
# own package under ibp.rules and adds to its own `findings` set; this rule unions them, so
# the tool evaluates one query per file whatever the number of areas.
package ibp.main

findings contains f if {
	some area
	some f in data.ibp.rules[area].findings
}
