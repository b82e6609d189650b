//! PATCH bodies that can say "leave alone", "clear" and "set".
//!
//! The service's `UpdateUserRequest` distinguishes an absent field (unchanged) from `null`
//! (cleared). progenitor maps such fields to `Option<T>` skipped when `None`, which can
//! never send `null`; these hand-written types replace the generated ones.

use serde::{Serialize, Serializer};

/// One field of a PATCH body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Field<T> {
    /// Not sent: the server leaves the value alone.
    #[default]
    Keep,
    /// Sent as `null`: the server clears the value.
    Clear,
    /// Sent as the new value.
    Set(T),
}

impl<T> Field<T> {
    /// True when the field is not sent.
    pub fn is_keep(&self) -> bool {
        matches!(self, Field::Keep)
    }
}

impl<T: Serialize> Serialize for Field<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Field::Set(value) => value.serialize(serializer),
            Field::Keep | Field::Clear => serializer.serialize_none(),
        }
    }
}

impl<T> From<T> for Field<T> {
    fn from(value: T) -> Self {
        Field::Set(value)
    }
}

/// Social links to change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SocialLinksUpdate {
    /// Twitter / X profile URL.
    #[serde(skip_serializing_if = "Field::is_keep")]
    pub twitter: Field<String>,
    /// LinkedIn profile URL.
    #[serde(skip_serializing_if = "Field::is_keep")]
    pub linkedin: Field<String>,
    /// Instagram profile URL.
    #[serde(skip_serializing_if = "Field::is_keep")]
    pub instagram: Field<String>,
    /// GitHub profile URL.
    #[serde(skip_serializing_if = "Field::is_keep")]
    pub github: Field<String>,
}

/// A partial update of the caller's profile (`PATCH /v1/users/me`).
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateUserRequest {
    /// New username.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// New email.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Display name.
    #[serde(skip_serializing_if = "Field::is_keep")]
    pub name: Field<String>,
    /// Biography.
    #[serde(skip_serializing_if = "Field::is_keep")]
    pub bio: Field<String>,
    /// Avatar URL.
    #[serde(skip_serializing_if = "Field::is_keep")]
    pub picture_url: Field<String>,
    /// Banner URL.
    #[serde(skip_serializing_if = "Field::is_keep")]
    pub banner_url: Field<String>,
    /// Website URL.
    #[serde(skip_serializing_if = "Field::is_keep")]
    pub website_url: Field<String>,
    /// Location.
    #[serde(skip_serializing_if = "Field::is_keep")]
    pub location: Field<String>,
    /// Date of birth.
    #[serde(skip_serializing_if = "Field::is_keep")]
    pub date_of_birth: Field<chrono::NaiveDate>,
    /// Phone number.
    #[serde(skip_serializing_if = "Field::is_keep")]
    pub phone_number: Field<String>,
    /// Skills.
    #[serde(skip_serializing_if = "Field::is_keep")]
    pub skills: Field<Vec<String>>,
    /// Social links to change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub social: Option<SocialLinksUpdate>,
    /// Visibility switches to change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub visibility: Option<crate::types::FieldVisibilityUpdate>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keep_is_omitted_clear_is_null_set_is_the_value() {
        let body = UpdateUserRequest {
            bio: Field::Clear,
            name: Field::Set("Ada".into()),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            serde_json::json!({"bio": null, "name": "Ada"})
        );
    }
}

/// An administrator's change to an account (`PATCH /v1/admin/users/{userId}`): `None`
/// fields are not sent; an attribute set to `None` is sent as `null` (removed).
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AdminUserUpdate {
    /// Enable or disable the account.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Mark the email address verified or not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email_verified: Option<bool>,
    /// The account's role.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<crate::types::RoleName>,
    /// The pending required actions, replacing the current ones.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required_actions: Option<Vec<crate::types::RequiredActionName>>,
    /// Attributes to merge (`None` removes one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attributes: Option<std::collections::BTreeMap<String, Option<Vec<String>>>>,
    /// Profile fields.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile: Option<UpdateUserRequest>,
}
