//! Validated domain values and rules: no HTTP, no SQL.
//!
//! Each value type has a `parse` constructor that is the only way to build it, so holding a
//! [`Username`] means holding a valid one. Parse errors are plain sentences meant for the
//! client; the API layer files them under the offending field.

mod account;
pub mod admin;
pub mod boards;
pub mod lists;
pub mod page;
mod profile;
pub mod ratings;
pub mod rules;
mod user;

pub use account::{
    Email, NewAccount, Password, RegistrationInput, Role, Username, new_referral_code,
};
pub use profile::{
    EARLIEST_BIRTH_DATE, ProfileChanges, ProfileInput, SKILLS_MAX, Skills, SocialInput, UserId,
    VisibilityInput, parse_display_name, parse_user_id,
};
pub use user::{Social, User, Visibility};

/// A PATCH field: absent (leave alone), `null` (clear) or a new value.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Patch<T> {
    /// Absent from the request: keep the current value.
    #[default]
    Keep,
    /// Explicit `null`: clear the value.
    Clear,
    /// A new value.
    Set(T),
}

impl<T> Patch<T> {
    /// Transforms the value of `Set`, keeping `Keep`/`Clear`.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Patch<U> {
        match self {
            Patch::Keep => Patch::Keep,
            Patch::Clear => Patch::Clear,
            Patch::Set(v) => Patch::Set(f(v)),
        }
    }

    /// True when the field was absent.
    pub fn is_keep(&self) -> bool {
        matches!(self, Patch::Keep)
    }
}
