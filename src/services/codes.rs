//! Account flows that run on mailed codes: forgotten passwords and email verification.
//!
//! A code is `<id>.<secret>`: both halves random, only the secret's SHA-256 stored. It
//! works once, until it expires (`--account-code-ttl`, 15 minutes by default), for at most
//! [`MAX_ATTEMPTS`] wrong secrets, and a newer code of the same purpose cancels older ones.
//!
//! `POST /v1/auth/password/forgot` answers the same, after the same work, whether or not an
//! account has the address: both cases look the address up, make a code, run the same
//! transaction (only the code's own row is not inserted without an account) and queue one
//! mail (to an address without an account, a mail saying so), and the limits (per address
//! hash and per client) count every address alike.

use std::time::Duration;

use super::{
    auth::{Caller, Client},
    millis,
    store::{
        Store,
        mail::{CodePurpose, NewCode, Redeemed},
        now_ms,
    },
    throttle::Throttle,
    users::Users,
};
use crate::{
    domain::{Email, Password},
    error::{ApiError, ErrorCode, FieldErrors},
    security::{passwords::Passwords, random_bytes, sha256_hex},
};

/// Wrong secrets a code survives.
pub const MAX_ATTEMPTS: i64 = 5;
/// Shortest time between two verification mails to one account.
pub const VERIFICATION_COOLDOWN: Duration = Duration::from_secs(60);

/// How codes and their mail behave.
#[derive(Debug, Clone)]
pub struct CodeSettings {
    /// How long a code works.
    pub ttl: Duration,
    /// Where links in mail point.
    pub public_url: String,
}

/// Forgotten passwords and email verification.
#[derive(Debug, Clone)]
pub struct Codes {
    store: Store,
    users: Users,
    throttle: Throttle,
    passwords: Passwords,
    settings: CodeSettings,
}

impl Codes {
    pub(crate) fn new(
        store: Store,
        users: Users,
        throttle: Throttle,
        passwords: Passwords,
        settings: CodeSettings,
    ) -> Self {
        Self {
            store,
            users,
            throttle,
            passwords,
            settings,
        }
    }

    /// Mails a password-reset code to `email` if an account has it (and a notice that
    /// none does otherwise). Same answer, same work, same limits either way.
    pub async fn forgot_password(&self, email: &str, client: &Client) -> Result<(), ApiError> {
        let email = Email::parse(email).map_err(|problem| {
            let mut fields = FieldErrors::default();
            fields.add("email", problem);
            ApiError::validation(fields)
        })?;
        let address_key = sha256_hex(&email.as_str().to_lowercase());
        self.throttle
            .forgotten_password(&address_key, client.ip)
            .await?;
        let account = self.store.account_with_email(email.as_str()).await?;
        let (id, secret, code) = new_code();
        let secret_hash = sha256_hex(&secret);
        let now = now_ms();
        let minutes = self.settings.ttl.as_secs().div_ceil(60);
        let subject = "Reset your profilehub password";
        match &account {
            Some((user_id, username, address)) => {
                let body = format!(
                    "Someone (hopefully you) asked to reset the password of the profilehub \
                     account {username}.\n\nYour code: {code}\nOr open: {}/reset-password?token={code}\n\n\
                     The code works once, for {minutes} minutes. If you did not ask, ignore \
                     this mail: your password stays as it is.\n",
                    self.settings.public_url
                );
                let new = NewCode {
                    id: &id,
                    secret_hash: &secret_hash,
                    user_id: *user_id,
                    purpose: CodePurpose::PasswordReset,
                    email: address,
                    expires_at: now + millis(self.settings.ttl),
                };
                self.store
                    .issue_code(
                        Some(&new),
                        CodePurpose::PasswordReset,
                        (address, subject, &body),
                        now,
                    )
                    .await?;
            }
            None => {
                let body = "Someone asked to reset the password of a profilehub account with \
                            this address, but no account uses it. If you did not ask, ignore \
                            this mail.\n";
                self.store
                    .issue_code(
                        None,
                        CodePurpose::PasswordReset,
                        (email.as_str(), subject, body),
                        now,
                    )
                    .await?;
            }
        }
        Ok(())
    }

    /// Sets a new password with a reset code: every session ends, the account's login
    /// failures are forgotten, `UPDATE_PASSWORD` is done.
    pub async fn reset_password(&self, code: &str, new_password: &str) -> Result<(), ApiError> {
        let password = Password::parse(new_password).map_err(|problem| {
            let mut fields = FieldErrors::default();
            fields.add("newPassword", problem);
            ApiError::validation(fields)
        })?;
        let (id, secret_hash) = split_code(code)?;
        let now = now_ms();
        if !self
            .store
            .check_code(
                &id,
                CodePurpose::PasswordReset,
                &secret_hash,
                MAX_ATTEMPTS,
                now,
            )
            .await?
        {
            return Err(invalid_code());
        }
        let hash = self.passwords.hash(&password).await?;
        match self
            .store
            .reset_password(&id, &secret_hash, &hash, MAX_ATTEMPTS, now_ms())
            .await?
        {
            Redeemed::Done(user) => {
                tracing::info!(user_id = %user, "password reset with a mailed code");
                Ok(())
            }
            Redeemed::Refused => Err(invalid_code()),
        }
    }

    /// Mails the caller a code that verifies their current address (nothing when it is
    /// verified already); at most one per [`VERIFICATION_COOLDOWN`] (429 with
    /// `Retry-After`). Returns whether a mail was queued.
    pub async fn send_verification(&self, caller: &Caller) -> Result<bool, ApiError> {
        let user = self.users.own(caller.user_id).await?;
        if user.email_verified {
            return Ok(false);
        }
        let now = now_ms();
        if let Some(last) = self
            .store
            .last_code_at(user.id, CodePurpose::EmailVerification)
            .await?
        {
            let wait = last + millis(VERIFICATION_COOLDOWN) - now;
            if wait > 0 {
                let secs = u64::try_from((wait + 999) / 1000).unwrap_or(1).max(1);
                return Err(ApiError::new(
                    ErrorCode::RateLimited,
                    "A verification mail was sent moments ago; wait before asking again.",
                )
                .with_retry_after(secs));
            }
        }
        let (id, secret, code) = new_code();
        let secret_hash = sha256_hex(&secret);
        let minutes = self.settings.ttl.as_secs().div_ceil(60);
        let body = format!(
            "Confirm that {} is the address of the profilehub account {}.\n\nYour code: {code}\n\
             Or open: {}/verify-email?token={code}\n\nThe code works once, for {minutes} minutes.\n",
            user.email, user.username, self.settings.public_url
        );
        let new = NewCode {
            id: &id,
            secret_hash: &secret_hash,
            user_id: user.id,
            purpose: CodePurpose::EmailVerification,
            email: &user.email,
            expires_at: now + millis(self.settings.ttl),
        };
        self.store
            .issue_code(
                Some(&new),
                CodePurpose::EmailVerification,
                (&user.email, "Verify your email address", &body),
                now,
            )
            .await?;
        Ok(true)
    }

    /// Marks the address a verification code was sent to verified (if it is still the
    /// account's); `VERIFY_EMAIL` is done.
    pub async fn verify_email(&self, code: &str) -> Result<(), ApiError> {
        let (id, secret_hash) = split_code(code)?;
        match self
            .store
            .verify_email(&id, &secret_hash, MAX_ATTEMPTS, now_ms())
            .await?
        {
            Redeemed::Done(_) => Ok(()),
            Redeemed::Refused => Err(invalid_code()),
        }
    }
}

/// A fresh code: its id, its secret and the two joined as users see them.
fn new_code() -> (String, String, String) {
    // Unambiguous characters (no 0/O, 1/I/L): codes are typed from a mail.
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    let bytes = random_bytes::<24>();
    let id: String = bytes[..8].iter().map(|b| format!("{b:02x}")).collect();
    let secret: String = bytes[8..]
        .iter()
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect();
    let code = format!("{id}.{secret}");
    (id, secret, code)
}

/// The id and the secret's hash of a code as users send it (any case, spaces around).
fn split_code(code: &str) -> Result<(String, String), ApiError> {
    let code = code.trim();
    let (id, secret) = code.split_once('.').ok_or_else(invalid_code)?;
    let id = id.to_ascii_lowercase();
    let secret = secret.to_ascii_uppercase();
    if id.len() != 16 || !id.bytes().all(|b| b.is_ascii_hexdigit()) || secret.len() != 16 {
        return Err(invalid_code());
    }
    Ok((id, sha256_hex(&secret)))
}

fn invalid_code() -> ApiError {
    ApiError::new(
        ErrorCode::InvalidCode,
        "The code is wrong, used, expired or replaced by a newer one; ask for a new one.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_an_id_and_a_secret_that_split_back_in_any_case() {
        let (id, secret, code) = new_code();
        assert_eq!(id.len(), 16);
        assert_eq!(secret.len(), 16);
        let (split_id, hash) = split_code(&format!("  {}  ", code.to_lowercase())).unwrap();
        assert_eq!(split_id, id);
        assert_eq!(hash, sha256_hex(&secret));
        for bad in ["", "nodot", "abc.def", "zzzzzzzzzzzzzzzz.ABCDEFGHJKMNPQRS"] {
            assert!(split_code(bad).is_err(), "{bad}");
        }
        assert_ne!(new_code().2, code, "fresh every time");
    }
}
