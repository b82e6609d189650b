//! Accounts as the rest of the service sees them: the one way to look a user up (by id or by
//! username), profile edits, account deletion and the uniqueness rule for usernames and
//! emails.
//!
//! A PATCH is validated whole before anything is written, and the write is a single
//! statement: a refused update changes nothing, a concurrent one never interleaves. Writes
//! that change a public profile are announced by the store itself, so the profile cache
//! cannot be bypassed from here.

use super::store::{Store, is_unique_violation, now_ms, users::UserKey};
use crate::{
    domain::{ProfileChanges, ProfileInput, User, UserId, Username, ratings::Link},
    error::{ApiError, ErrorCode, FieldErrors},
};

/// User look-ups and edits.
#[derive(Debug, Clone)]
pub struct Users {
    store: Store,
}

impl Users {
    pub(crate) fn new(store: Store) -> Self {
        Self { store }
    }

    /// The user with this id, or 404 `USER_NOT_FOUND`.
    pub async fn by_id(&self, id: UserId) -> Result<User, ApiError> {
        self.store.user_by_id(id).await?.ok_or_else(user_not_found)
    }

    /// The caller's own account. One that was deleted after its token was checked is gone
    /// for the caller as well: 401 `GENERIC_UNAUTHORIZED`, as its token now is.
    pub async fn own(&self, id: UserId) -> Result<User, ApiError> {
        self.store.user_by_id(id).await?.ok_or_else(account_gone)
    }

    /// The user named `username` (case-insensitively), or 404 `USER_NOT_FOUND`. A name that
    /// could never be registered is not looked up.
    pub async fn by_name(&self, username: &str) -> Result<User, ApiError> {
        self.find_by_name(username)
            .await?
            .ok_or_else(user_not_found)
    }

    /// The user named `username` (case-insensitively), if there is one.
    pub(crate) async fn find_by_name(&self, username: &str) -> Result<Option<User>, ApiError> {
        if Username::parse(username).is_err() {
            return Ok(None);
        }
        Ok(self.store.user_by_username(username).await?)
    }

    /// The user with this id, or named this way, with their linked handles (one query), or
    /// 404 `USER_NOT_FOUND`.
    pub(crate) async fn with_links(
        &self,
        key: super::profiles::ProfileKey<'_>,
    ) -> Result<(User, Vec<Link>), ApiError> {
        use super::profiles::ProfileKey;
        let key = match key {
            ProfileKey::Name(name) if Username::parse(name).is_err() => {
                return Err(user_not_found());
            }
            ProfileKey::Name(name) => UserKey::Username(name),
            ProfileKey::Id(id) => UserKey::Id(id),
        };
        self.store
            .user_with_links(key)
            .await?
            .ok_or_else(user_not_found)
    }

    /// Applies a profile PATCH for `user_id` and returns the updated user.
    pub async fn update_profile(
        &self,
        user_id: UserId,
        input: ProfileInput,
    ) -> Result<User, ApiError> {
        let today = chrono::Utc::now().date_naive();
        let changes = ProfileChanges::parse(input, today).map_err(ApiError::validation)?;
        let username = changes.username.as_ref().map(Username::as_str);
        let email = changes.email.as_ref().map(|e| e.as_str());
        if username.is_some() || email.is_some() {
            self.ensure_available(username, email, Some(user_id))
                .await?;
        }
        match self.store.update_profile(user_id, &changes, now_ms()).await {
            Ok(Some(user)) => Ok(user),
            Ok(None) => Err(account_gone()),
            Err(err) if is_unique_violation(&err) => {
                // Lost a race for the username or email since the check above.
                self.ensure_available(username, email, Some(user_id))
                    .await?;
                Err(err.into())
            }
            Err(err) => Err(err.into()),
        }
    }

    /// Deletes the account and everything it owns.
    pub async fn delete(&self, user_id: UserId) -> Result<(), ApiError> {
        self.store.delete_user(user_id).await?;
        tracing::info!(user_id = %user_id, "account deleted");
        Ok(())
    }

    /// Records whether the user's email address is verified (the verification flow and
    /// administrators), or 404 `USER_NOT_FOUND`.
    pub async fn set_email_verified(&self, id: UserId, verified: bool) -> Result<(), ApiError> {
        if self.store.set_email_verified(id, verified).await? {
            Ok(())
        } else {
            Err(user_not_found())
        }
    }

    /// How many users `referrer` has referred.
    pub async fn referral_count(&self, referrer: UserId) -> Result<i64, ApiError> {
        Ok(self.store.referral_count(referrer).await?)
    }

    /// Fails with 409 `USERNAME_TAKEN`/`EMAIL_TAKEN` if an account other than `except` uses
    /// either value (compared case-insensitively).
    pub(crate) async fn ensure_available(
        &self,
        username: Option<&str>,
        email: Option<&str>,
        except: Option<UserId>,
    ) -> Result<(), ApiError> {
        let taken = self.store.taken(username, email, except).await?;
        let mut fields = FieldErrors::default();
        if taken.username {
            fields.add("username", "is already taken");
        }
        if taken.email {
            fields.add("email", "is already registered");
        }
        if fields.is_empty() {
            return Ok(());
        }
        let (code, message) = if taken.username {
            (ErrorCode::UsernameTaken, "That username is already taken.")
        } else {
            (
                ErrorCode::EmailTaken,
                "That email address is already registered.",
            )
        };
        Err(ApiError::validation(fields).retitled(code, message))
    }
}

/// 401 `GENERIC_UNAUTHORIZED`: the caller's account was deleted under its token.
fn account_gone() -> ApiError {
    ApiError::new(
        ErrorCode::GenericUnauthorized,
        "The account no longer exists; log in again.",
    )
}

/// 404 `USER_NOT_FOUND`.
pub fn user_not_found() -> ApiError {
    ApiError::new(ErrorCode::UserNotFound, "No such user.")
}
