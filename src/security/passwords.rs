//! Password hashing with argon2id at OWASP parameters (19 MiB, t=2, p=1).
//!
//! A hash or a verification costs tens of milliseconds of CPU, so it runs on the blocking
//! thread pool behind a semaphore sized to the cores: a burst of logins queues here instead
//! of starving the async runtime that serves every other request.
//!
//! Logins for unknown users verify against a dummy hash so that "no such user" and "wrong
//! password" cost the same work and cannot be told apart by timing.

use std::sync::{
    Arc,
    atomic::{AtomicU64, Ordering},
};

use argon2::{
    Algorithm, Argon2, Params, Version,
    password_hash::{PasswordHasher as _, PasswordVerifier as _, phc::PasswordHash},
};
use tokio::sync::Semaphore;

use crate::{domain::Password, error::ApiError};

/// Hashes and verifies passwords off the async runtime, a bounded number at a time.
#[derive(Clone)]
pub struct Passwords {
    permits: Arc<Semaphore>,
    dummy_hash: Arc<str>,
    verifications: Arc<AtomicU64>,
}

impl std::fmt::Debug for Passwords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Passwords")
            .field("available_permits", &self.permits.available_permits())
            .field("verifications", &self.verifications())
            .finish()
    }
}

fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("OWASP argon2 parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

fn hash_blocking(password: &[u8]) -> Result<String, String> {
    argon2()
        .hash_password(password)
        .map(|hash| hash.to_string())
        .map_err(|e| e.to_string())
}

fn verify_blocking(password: &[u8], hash: &str) -> bool {
    match PasswordHash::new(hash) {
        Ok(parsed) => argon2().verify_password(password, &parsed).is_ok(),
        Err(_) => false,
    }
}

impl Passwords {
    /// A hasher allowing `max_concurrent` simultaneous hash computations (at least one).
    pub fn new(max_concurrent: usize) -> Self {
        let dummy_hash = hash_blocking(&crate::security::random_bytes::<16>())
            .expect("hashing a random dummy password cannot fail");
        Self {
            permits: Arc::new(Semaphore::new(max_concurrent.max(1))),
            dummy_hash: dummy_hash.into(),
            verifications: Arc::default(),
        }
    }

    /// One permit per available core.
    pub fn for_this_machine() -> Self {
        Self::new(std::thread::available_parallelism().map_or(2, usize::from))
    }

    /// Hashes a new password into a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`).
    pub async fn hash(&self, password: &Password) -> Result<String, ApiError> {
        let password = password.expose().as_bytes().to_vec();
        self.run(move || hash_blocking(&password))
            .await?
            .map_err(ApiError::internal)
    }

    /// Checks `password` against `stored` — or, when there is no such user, against a dummy
    /// hash of equal cost, returning `false`.
    pub async fn verify(&self, password: &str, stored: Option<&str>) -> Result<bool, ApiError> {
        let password = password.as_bytes().to_vec();
        let (hash, real) = match stored {
            Some(hash) => (hash.to_string(), true),
            None => (self.dummy_hash.to_string(), false),
        };
        self.verifications.fetch_add(1, Ordering::Relaxed);
        let matches = self.run(move || verify_blocking(&password, &hash)).await?;
        Ok(matches && real)
    }

    /// How many password verifications this hasher has performed (the work a login costs;
    /// tests use it to prove unknown users cost the same as wrong passwords).
    pub fn verifications(&self) -> u64 {
        self.verifications.load(Ordering::Relaxed)
    }

    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, ApiError> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|_| ApiError::internal("password hasher closed"))?;
        tokio::task::spawn_blocking(work)
            .await
            .map_err(ApiError::internal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_are_argon2id_with_owasp_parameters_and_verify() {
        let passwords = Passwords::new(2);
        let password = Password::parse("correct horse battery").unwrap();
        let hash = passwords.hash(&password).await.unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(
            passwords
                .verify("correct horse battery", Some(&hash))
                .await
                .unwrap()
        );
        assert!(
            !passwords
                .verify("wrong horse battery", Some(&hash))
                .await
                .unwrap()
        );
    }

    #[tokio::test]
    async fn unknown_users_never_verify_even_with_the_dummy_password() {
        let passwords = Passwords::new(1);
        assert!(!passwords.verify("anything at all", None).await.unwrap());
        assert!(
            !passwords
                .verify("x", Some("not a phc string"))
                .await
                .unwrap()
        );
    }
}
