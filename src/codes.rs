//! The rule codes the engine itself emits (not the policies), and which of them may not be
//! switched off, lowered or waived.

/// Codes that mean "this declaration was not evaluated" (it could not be read or parsed, did
/// not match the schema, had no supported `apiVersion`/`kind`, or its policies did not
/// finish). They cannot be switched off, lowered below `error` or waived: the gate would then
/// pass a file nobody checked (SECURITY.md).
pub const FAIL_CLOSED: [&str; 4] = ["DECL-001", "DECL-002", "DECL-004", "POL-001"];

/// Whether `code` is one of [`FAIL_CLOSED`].
pub fn fails_closed(code: &str) -> bool {
    FAIL_CLOSED.contains(&code)
}
