//! The fingerprint hash of findings and baselines. Ground floor: imports nothing of the crate.

/// FNV-1a, 64 bits, over the parts separated by a NUL byte. Written out here because std's
/// `DefaultHasher` may change between Rust releases and fingerprints must not.
pub(crate) fn fnv1a64(parts: &[&str]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    for (i, part) in parts.iter().enumerate() {
        let separator: &[u8] = if i == 0 { &[] } else { &[0] };
        for byte in separator.iter().chain(part.as_bytes()) {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(PRIME);
        }
    }
    hash
}
