//! Access tokens (JWT, HS256) and refresh tokens (opaque, stored only as hashes).
//!
//! An access token says who (`sub`), which session (`sid`), for whom (`iss`, `aud`) and
//! until when (`iat`, `exp`). It is short-lived and also checked against the session table
//! on every request, so a logout takes effect on the very next request. Validation uses no
//! leeway: the lifetime is exactly what the configuration says.
//!
//! Refresh tokens are 256 random bits. The database keeps only their SHA-256, which is
//! enough for a high-entropy secret (no password-style stretching needed) and useless to
//! anyone who reads a backup.

use std::time::Duration;

use base64::{Engine as _, engine::general_purpose::URL_SAFE_NO_PAD};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, errors::ErrorKind};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::security::random_bytes;

/// Shortest accepted JWT secret, in bytes (HS256 wants at least the hash size).
pub const MIN_SECRET_LEN: usize = 32;

/// The claims of an access token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessClaims {
    /// The user id.
    pub sub: Uuid,
    /// The session id.
    pub sid: Uuid,
    /// Issuer.
    pub iss: String,
    /// Audience.
    pub aud: String,
    /// Issued at (seconds since the epoch).
    pub iat: i64,
    /// Expires at (seconds since the epoch).
    pub exp: i64,
}

/// Why an access token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenRejection {
    /// Well-formed and correctly signed, but past `exp`.
    Expired,
    /// Anything else: malformed, wrong signature, algorithm, issuer or audience.
    Invalid,
}

/// Issues and verifies access tokens with one shared secret.
#[derive(Clone)]
pub struct AccessTokens {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    issuer: String,
    ttl: Duration,
}

impl std::fmt::Debug for AccessTokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AccessTokens")
            .field("issuer", &self.issuer)
            .field("ttl", &self.ttl)
            .finish_non_exhaustive()
    }
}

impl AccessTokens {
    /// Builds the issuer/verifier. The secret must be at least [`MIN_SECRET_LEN`] bytes.
    pub fn new(secret: &[u8], issuer: &str, ttl: Duration) -> Result<Self, String> {
        if secret.len() < MIN_SECRET_LEN {
            return Err(format!(
                "the JWT secret must be at least {MIN_SECRET_LEN} bytes (got {})",
                secret.len()
            ));
        }
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 0;
        validation.validate_exp = true;
        validation.set_issuer(&[issuer]);
        validation.set_audience(&[issuer]);
        validation.set_required_spec_claims(&["exp", "iat", "iss", "aud", "sub"]);
        Ok(Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
            issuer: issuer.to_string(),
            ttl,
        })
    }

    /// Lifetime of the tokens this issues.
    pub fn ttl(&self) -> Duration {
        self.ttl
    }

    /// Signs a token for `user` in `session`, valid from `now_secs` for the configured TTL.
    pub fn issue(&self, user: Uuid, session: Uuid, now_secs: i64) -> String {
        let claims = AccessClaims {
            sub: user,
            sid: session,
            iss: self.issuer.clone(),
            aud: self.issuer.clone(),
            iat: now_secs,
            exp: now_secs + i64::try_from(self.ttl.as_secs()).unwrap_or(i64::MAX / 2),
        };
        self.sign(&claims)
    }

    /// Signs arbitrary claims with this secret (tests use it to forge expired tokens).
    pub fn sign(&self, claims: &AccessClaims) -> String {
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), claims, &self.encoding)
            .expect("HS256 signing with a valid key cannot fail")
    }

    /// Verifies signature, algorithm, issuer, audience and expiry.
    pub fn verify(&self, token: &str) -> Result<AccessClaims, TokenRejection> {
        jsonwebtoken::decode::<AccessClaims>(token, &self.decoding, &self.validation)
            .map(|data| data.claims)
            .map_err(|err| match err.kind() {
                ErrorKind::ExpiredSignature => TokenRejection::Expired,
                _ => TokenRejection::Invalid,
            })
    }
}

/// Derives each session's next refresh token from the one presented, with a key only the
/// service knows: `HMAC-SHA256(key, presented)`. A client that sends the same refresh token
/// twice (a retried request, two tabs) can then be given the very same successor again —
/// the database keeps only hashes, so the successor could not be read back — and an
/// attacker who does not hold the presented token cannot compute it.
#[derive(Clone)]
pub struct RefreshSuccessors {
    key: [u8; 32],
}

impl std::fmt::Debug for RefreshSuccessors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RefreshSuccessors(<key redacted>)")
    }
}

impl RefreshSuccessors {
    /// A derivation keyed from `secret` (the JWT secret; a separate key is derived from it,
    /// so the two uses never share one).
    pub fn new(secret: &[u8]) -> Self {
        let mut hasher = Sha256::new();
        hasher.update(b"profilehub refresh-token successor v1\0");
        hasher.update(secret);
        Self {
            key: hasher.finalize().into(),
        }
    }

    /// The refresh token that follows `presented` in its session.
    pub fn successor_of(&self, presented: &str) -> RefreshToken {
        use hmac::{Hmac, Mac};
        let mut mac =
            Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes keys of any length");
        mac.update(presented.as_bytes());
        let secret = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
        let hash = hash_refresh_token(&secret);
        RefreshToken { secret, hash }
    }
}

/// A fresh refresh token: the secret for the client and the hash for the database.
#[derive(Debug)]
pub struct RefreshToken {
    /// Sent to the client once, never stored.
    pub secret: String,
    /// Stored.
    pub hash: String,
}

impl RefreshToken {
    /// Generates 256 random bits, base64url-encoded.
    pub fn generate() -> Self {
        let secret = URL_SAFE_NO_PAD.encode(random_bytes::<32>());
        let hash = hash_refresh_token(&secret);
        Self { secret, hash }
    }
}

/// SHA-256 of a refresh token, hex-encoded: how the database finds it.
pub fn hash_refresh_token(secret: &str) -> String {
    super::sha256_hex(secret)
}

#[cfg(test)]
mod successor_tests {
    use super::*;

    #[test]
    fn a_successor_is_stable_for_its_token_and_unguessable_without_the_key() {
        let successors = RefreshSuccessors::new(b"a secret that is long enough to sign with");
        let token = RefreshToken::generate();
        let next = successors.successor_of(&token.secret);
        assert_eq!(next.secret, successors.successor_of(&token.secret).secret);
        assert_ne!(next.secret, successors.successor_of("another").secret);
        let other_key = RefreshSuccessors::new(b"another secret that is long enough too");
        assert_ne!(next.secret, other_key.successor_of(&token.secret).secret);
        assert_eq!(next.hash, hash_refresh_token(&next.secret));
        assert_eq!(next.secret.len(), 43, "256 bits, base64url");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";

    fn tokens() -> AccessTokens {
        AccessTokens::new(SECRET, "profilehub", Duration::from_secs(900)).unwrap()
    }

    fn now() -> i64 {
        chrono::Utc::now().timestamp()
    }

    #[test]
    fn short_secrets_are_refused() {
        assert!(AccessTokens::new(b"short", "profilehub", Duration::from_secs(1)).is_err());
    }

    #[test]
    fn a_fresh_token_verifies_with_its_claims() {
        let (user, session) = (Uuid::new_v4(), Uuid::new_v4());
        let claims = tokens()
            .verify(&tokens().issue(user, session, now()))
            .unwrap();
        assert_eq!((claims.sub, claims.sid), (user, session));
        assert_eq!(claims.exp - claims.iat, 900);
    }

    #[test]
    fn expired_tokens_are_told_apart_from_invalid_ones() {
        let t = tokens();
        let expired = t.issue(Uuid::new_v4(), Uuid::new_v4(), now() - 901);
        assert_eq!(t.verify(&expired), Err(TokenRejection::Expired));
        assert_eq!(t.verify("not.a.jwt"), Err(TokenRejection::Invalid));
    }

    #[test]
    fn tokens_of_another_key_issuer_or_tampered_payload_are_invalid() {
        let other = AccessTokens::new(&[7u8; 32], "profilehub", Duration::from_secs(900)).unwrap();
        let foreign = other.issue(Uuid::new_v4(), Uuid::new_v4(), now());
        assert_eq!(tokens().verify(&foreign), Err(TokenRejection::Invalid));

        let elsewhere = AccessTokens::new(SECRET, "elsewhere", Duration::from_secs(900)).unwrap();
        let wrong_iss = elsewhere.issue(Uuid::new_v4(), Uuid::new_v4(), now());
        assert_eq!(tokens().verify(&wrong_iss), Err(TokenRejection::Invalid));

        let token = tokens().issue(Uuid::new_v4(), Uuid::new_v4(), now());
        let mut parts: Vec<String> = token.split('.').map(String::from).collect();
        let forged = AccessClaims {
            sub: Uuid::new_v4(),
            sid: Uuid::new_v4(),
            iss: "profilehub".into(),
            aud: "profilehub".into(),
            iat: now(),
            exp: now() + 900,
        };
        parts[1] = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&forged).unwrap());
        assert_eq!(
            tokens().verify(&parts.join(".")),
            Err(TokenRejection::Invalid)
        );
    }

    #[test]
    fn alg_none_tokens_are_invalid() {
        let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
        let claims = URL_SAFE_NO_PAD.encode(
            serde_json::to_vec(&serde_json::json!({
                "sub": Uuid::new_v4(), "sid": Uuid::new_v4(), "iss": "profilehub",
                "aud": "profilehub", "iat": now(), "exp": now() + 900
            }))
            .unwrap(),
        );
        assert_eq!(
            tokens().verify(&format!("{header}.{claims}.")),
            Err(TokenRejection::Invalid)
        );
    }

    #[test]
    fn refresh_tokens_are_random_and_stored_hashed() {
        let (a, b) = (RefreshToken::generate(), RefreshToken::generate());
        assert_ne!(a.secret, b.secret);
        assert_eq!(a.secret.len(), 43);
        assert_eq!(a.hash, hash_refresh_token(&a.secret));
        assert_eq!(a.hash.len(), 64);
        assert!(!a.hash.contains(&a.secret));
    }
}
