//! Editing one's own profile.
//!
//! The whole PATCH is validated before anything is written, and the write is a single
//! statement: a refused update changes nothing, a concurrent one never interleaves.

use crate::{
    auth::ensure_available,
    domain::{ProfileChanges, ProfileInput, User, UserId},
    error::{ApiError, ErrorCode},
    store::{Store, is_unique_violation, now_ms},
};

/// Applies a profile PATCH for `user_id` and returns the updated user.
pub async fn update_profile(
    store: &Store,
    user_id: UserId,
    input: ProfileInput,
) -> Result<User, ApiError> {
    let today = chrono::Utc::now().date_naive();
    let changes = ProfileChanges::parse(input, today).map_err(ApiError::validation)?;
    let username = changes.username.as_ref().map(|u| u.as_str());
    let email = changes.email.as_ref().map(|e| e.as_str());
    if username.is_some() || email.is_some() {
        ensure_available(store, username, email, Some(user_id)).await?;
    }
    match store.update_profile(user_id, &changes, now_ms()).await {
        Ok(Some(user)) => Ok(user),
        Ok(None) => Err(ApiError::new(
            ErrorCode::UserNotFound,
            "The account no longer exists.",
        )),
        Err(err) if is_unique_violation(&err) => {
            // Lost a race for the username or email since the check above.
            ensure_available(store, username, email, Some(user_id)).await?;
            Err(err.into())
        }
        Err(err) => Err(err.into()),
    }
}
