//! The rule codes the engine itself emits (not the policies), and which of them may not be
//! switched off, lowered or waived. Ground floor: imports nothing of the crate.

/// A code the tool itself emits. Every one has an entry in `policies/catalogue.yaml` (a test
/// and the start of every run check it), so a finding of it is always rendered from the
/// catalogue, never written by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EngineCode {
    Decl001,
    Decl002,
    Decl003,
    Decl004,
    Inv001,
    Inv002,
    Waive001,
    Waive002,
    Base001,
    Pol001,
}

impl EngineCode {
    /// Every engine code, in catalogue order.
    pub(crate) const ALL: [EngineCode; 10] = [
        EngineCode::Decl001,
        EngineCode::Decl002,
        EngineCode::Decl003,
        EngineCode::Decl004,
        EngineCode::Inv001,
        EngineCode::Inv002,
        EngineCode::Waive001,
        EngineCode::Waive002,
        EngineCode::Base001,
        EngineCode::Pol001,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EngineCode::Decl001 => "DECL-001",
            EngineCode::Decl002 => "DECL-002",
            EngineCode::Decl003 => "DECL-003",
            EngineCode::Decl004 => "DECL-004",
            EngineCode::Inv001 => "INV-001",
            EngineCode::Inv002 => "INV-002",
            EngineCode::Waive001 => "WAIVE-001",
            EngineCode::Waive002 => "WAIVE-002",
            EngineCode::Base001 => "BASE-001",
            EngineCode::Pol001 => "POL-001",
        }
    }

    /// The engine code written `code`, if it is one.
    pub fn parse(code: &str) -> Option<EngineCode> {
        EngineCode::ALL.into_iter().find(|c| c.as_str() == code)
    }

    /// Whether this code means "this declaration was not evaluated" ([`fails_closed`]).
    pub(crate) fn fails_closed(self) -> bool {
        matches!(
            self,
            EngineCode::Decl001 | EngineCode::Decl002 | EngineCode::Decl004 | EngineCode::Pol001
        )
    }
}

impl std::fmt::Display for EngineCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether `code` means "this declaration was not evaluated" (it could not be read or
/// parsed, did not match the schema, had no supported `apiVersion`/`kind`, or its policies did
/// not finish): DECL-001, DECL-002, DECL-004 and POL-001. They cannot be switched off, lowered
/// below `error` or waived: the gate would then pass a file nobody checked (SECURITY.md).
pub(crate) fn fails_closed(code: &str) -> bool {
    EngineCode::parse(code).is_some_and(EngineCode::fails_closed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_fail_closed_agrees() {
        for code in EngineCode::ALL {
            assert_eq!(EngineCode::parse(code.as_str()), Some(code));
        }
        assert_eq!(EngineCode::parse("AGR-001"), None);
        assert!(fails_closed("POL-001") && fails_closed("DECL-002"));
        assert!(!fails_closed("DECL-003") && !fails_closed("AGR-001"));
        let closed: Vec<&str> = EngineCode::ALL
            .into_iter()
            .filter(|c| c.fails_closed())
            .map(EngineCode::as_str)
            .collect();
        assert_eq!(closed, ["DECL-001", "DECL-002", "DECL-004", "POL-001"]);
    }
}
