//! Cryptographic building blocks: password hashing and tokens.
//!
//! Nothing here touches HTTP or SQL; [`crate::auth`] combines these with the store into the
//! session lifecycle.

pub mod cursors;
pub mod passwords;
pub mod tokens;

/// `n` cryptographically random bytes from the operating system.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).expect("the operating system's random source is unavailable");
    bytes
}

/// SHA-256 of `secret`, hex-encoded: how the database keeps a secret it must recognise
/// but never show (refresh tokens, mailed codes).
pub fn sha256_hex(secret: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
