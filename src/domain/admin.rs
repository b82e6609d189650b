//! Identity administration, in Keycloak's vocabulary: custom attributes, required actions,
//! and the filters of the admin user search.
//!
//! Keycloak's users complain that its search silently ignores filters it does not
//! understand and that its count disagrees with its list (keycloak/keycloak#16687, #9838,
//! #14648). Here a [`UserFilter`] is built only from values that parse, every filter is
//! ANDed, and the list and the count take the same filter through the same SQL.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::Role;
use crate::error::FieldErrors;

/// Most attribute names a user may hold.
pub const ATTRIBUTES_MAX: usize = 50;
/// Longest attribute name.
pub const ATTRIBUTE_NAME_MAX: usize = 64;
/// Most values of one attribute.
pub const ATTRIBUTE_VALUES_MAX: usize = 10;
/// Longest attribute value.
pub const ATTRIBUTE_VALUE_MAX: usize = 255;

/// A user's custom attributes: name → values (Keycloak's map of string arrays).
pub type Attributes = BTreeMap<String, Vec<String>>;

/// Whether `name` is an attribute name: 1–64 of `[a-zA-Z0-9_.-]`.
pub fn attribute_name_problem(name: &str) -> Option<String> {
    if name.is_empty() || name.len() > ATTRIBUTE_NAME_MAX {
        return Some(format!(
            "attribute names are 1 to {ATTRIBUTE_NAME_MAX} characters long"
        ));
    }
    (!name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')))
    .then(|| "attribute names use only letters, digits, `_`, `.` and `-`".to_string())
}

/// `current` with `changes` merged in: a name set to `None` is removed, one set to values
/// replaces that attribute's values, names not mentioned stay. Every problem is filed
/// under `attributes.<name>` (or `attributes`), and a refused merge is no merge at all.
pub fn merge_attributes(
    current: &Attributes,
    changes: &BTreeMap<String, Option<Vec<String>>>,
    errors: &mut FieldErrors,
) -> Attributes {
    let mut merged = current.clone();
    for (name, values) in changes {
        let field = format!("attributes.{name}");
        if let Some(problem) = attribute_name_problem(name) {
            errors.add(&field, problem);
            continue;
        }
        match values {
            None => {
                merged.remove(name);
            }
            Some(values) => {
                if values.len() > ATTRIBUTE_VALUES_MAX {
                    errors.add(
                        &field,
                        format!("at most {ATTRIBUTE_VALUES_MAX} values per attribute"),
                    );
                }
                if values
                    .iter()
                    .any(|v| v.chars().count() > ATTRIBUTE_VALUE_MAX)
                {
                    errors.add(
                        &field,
                        format!("values are at most {ATTRIBUTE_VALUE_MAX} characters long"),
                    );
                }
                if values.iter().any(|v| v.chars().any(char::is_control)) {
                    errors.add(&field, "values may not contain control characters");
                }
                if values.is_empty() {
                    // An attribute without values is no attribute (Keycloak drops it too).
                    merged.remove(name);
                } else {
                    merged.insert(name.clone(), values.clone());
                }
            }
        }
    }
    if merged.len() > ATTRIBUTES_MAX {
        errors.add(
            "attributes",
            format!(
                "a user holds at most {ATTRIBUTES_MAX} attributes; this would make {}",
                merged.len()
            ),
        );
    }
    merged
}

/// Something the user must do before the API serves them anything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RequiredAction {
    /// Verify their email address.
    VerifyEmail,
    /// Choose a new password.
    UpdatePassword,
    /// Review their profile (any profile update completes it).
    UpdateProfile,
    /// Accept the terms and conditions.
    TermsAndConditions,
}

impl RequiredAction {
    /// Every action, in the order they are listed.
    pub const ALL: [Self; 4] = [
        Self::VerifyEmail,
        Self::UpdatePassword,
        Self::UpdateProfile,
        Self::TermsAndConditions,
    ];

    /// The stored and wire name (`VERIFY_EMAIL`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::VerifyEmail => "VERIFY_EMAIL",
            Self::UpdatePassword => "UPDATE_PASSWORD",
            Self::UpdateProfile => "UPDATE_PROFILE",
            Self::TermsAndConditions => "TERMS_AND_CONDITIONS",
        }
    }

    /// The action named `name`.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == name)
    }
}

/// A set of required actions, small enough to travel with every authenticated request.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PendingActions(u8);

impl PendingActions {
    /// The set of `actions`.
    pub fn of(actions: &[RequiredAction]) -> Self {
        Self(actions.iter().fold(0, |bits, a| bits | Self::bit(*a)))
    }

    fn bit(action: RequiredAction) -> u8 {
        1 << RequiredAction::ALL
            .iter()
            .position(|a| *a == action)
            .unwrap_or_default()
    }

    /// Whether nothing is pending.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The pending actions, in [`RequiredAction::ALL`] order.
    pub fn actions(self) -> Vec<RequiredAction> {
        RequiredAction::ALL
            .into_iter()
            .filter(|a| self.0 & Self::bit(*a) != 0)
            .collect()
    }
}

/// How `search` matches: `x` a prefix, `*x*` a substring, `"x"` the whole value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Search {
    /// Username, email or name starts with this (lowercase).
    Prefix(String),
    /// Username, email or name contains this (lowercase).
    Substring(String),
    /// Username, email or name is exactly this (any case).
    Exact(String),
}

impl Search {
    /// The search `raw` asks for; an empty or unbalanced one is an error.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let raw = raw.trim();
        let quoted = raw.len() >= 2 && raw.starts_with('"') && raw.ends_with('"');
        let starred = raw.len() >= 2 && raw.starts_with('*') && raw.ends_with('*');
        let (search, inner) = if quoted {
            (
                Search::Exact as fn(String) -> Search,
                &raw[1..raw.len() - 1],
            )
        } else if starred {
            (
                Search::Substring as fn(String) -> Search,
                &raw[1..raw.len() - 1],
            )
        } else {
            (Search::Prefix as fn(String) -> Search, raw)
        };
        if inner.is_empty() || inner.contains(['"', '*']) {
            return Err(format!(
                "`search` is `text` (prefix), `*text*` (substring) or `\"text\"` (exact); got `{}`",
                crate::error::quoted(raw)
            ));
        }
        if inner.chars().count() > 100 {
            return Err("`search` is at most 100 characters long".into());
        }
        Ok(search(inner.to_lowercase()))
    }
}

/// The filters of `GET /v1/admin/users` and `/count`, all ANDed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserFilter {
    /// Username, email or name matches.
    pub search: Option<Search>,
    /// Exactly this username (any case).
    pub username: Option<String>,
    /// Exactly this email (any case).
    pub email: Option<String>,
    /// Enabled or disabled accounts.
    pub enabled: Option<bool>,
    /// Verified or unverified email addresses.
    pub email_verified: Option<bool>,
    /// This role.
    pub role: Option<Role>,
    /// Holds each (name, value) among its attribute values.
    pub attributes: Vec<(String, String)>,
    /// Created at or after.
    pub created_after: Option<DateTime<Utc>>,
    /// Created before.
    pub created_before: Option<DateTime<Utc>>,
}

/// `name:value` of an `attr` filter.
pub fn parse_attribute_filter(raw: &str) -> Result<(String, String), String> {
    let Some((name, value)) = raw.split_once(':') else {
        return Err(format!(
            "`attr` is `name:value`; got `{}`",
            crate::error::quoted(raw)
        ));
    };
    if let Some(problem) = attribute_name_problem(name) {
        return Err(format!("`attr` {}: {problem}", crate::error::quoted(name)));
    }
    if value.chars().count() > ATTRIBUTE_VALUE_MAX {
        return Err(format!(
            "`attr` values are at most {ATTRIBUTE_VALUE_MAX} characters long"
        ));
    }
    Ok((name.to_string(), value.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_reads_prefix_substring_and_exact_and_refuses_the_rest() {
        assert_eq!(Search::parse("Ad"), Ok(Search::Prefix("ad".into())));
        assert_eq!(Search::parse("*min*"), Ok(Search::Substring("min".into())));
        assert_eq!(Search::parse("\"Ada\""), Ok(Search::Exact("ada".into())));
        for bad in ["", "  ", "**", "\"\"", "*a", "*a*b*", "\"a", "a\"b"] {
            assert!(Search::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn attributes_merge_removes_nulls_replaces_values_and_keeps_the_rest() {
        let current: Attributes = [
            ("team".to_string(), vec!["red".to_string()]),
            ("tier".to_string(), vec!["gold".to_string()]),
        ]
        .into();
        let changes = [
            ("tier".to_string(), None),
            (
                "team".to_string(),
                Some(vec!["blue".into(), "green".into()]),
            ),
            ("org.unit".to_string(), Some(vec!["x".into()])),
        ]
        .into();
        let mut errors = FieldErrors::default();
        let merged = merge_attributes(&current, &changes, &mut errors);
        assert!(errors.is_empty());
        assert_eq!(
            merged,
            [
                ("org.unit".to_string(), vec!["x".to_string()]),
                (
                    "team".to_string(),
                    vec!["blue".to_string(), "green".to_string()]
                ),
            ]
            .into()
        );
    }

    #[test]
    fn attribute_bounds_are_enforced_per_name() {
        let mut errors = FieldErrors::default();
        let too_many_values = Some((0..11).map(|i| i.to_string()).collect());
        let changes = [
            ("bad name".to_string(), Some(vec!["x".to_string()])),
            ("x".repeat(65), Some(vec!["x".to_string()])),
            ("many".to_string(), too_many_values),
            ("long".to_string(), Some(vec!["v".repeat(256)])),
        ]
        .into();
        merge_attributes(&Attributes::new(), &changes, &mut errors);
        let fields: Vec<String> = errors.fields().map(str::to_string).collect();
        assert_eq!(fields.len(), 4, "{fields:?}");
        let mut errors = FieldErrors::default();
        let fifty_one = (0..51)
            .map(|i| (format!("a{i}"), Some(vec!["v".to_string()])))
            .collect();
        merge_attributes(&Attributes::new(), &fifty_one, &mut errors);
        assert_eq!(errors.fields().collect::<Vec<_>>(), ["attributes"]);
    }

    #[test]
    fn pending_actions_keep_each_action_once() {
        let pending = PendingActions::of(&[
            RequiredAction::TermsAndConditions,
            RequiredAction::VerifyEmail,
            RequiredAction::TermsAndConditions,
        ]);
        assert_eq!(
            pending.actions(),
            [
                RequiredAction::VerifyEmail,
                RequiredAction::TermsAndConditions
            ]
        );
        assert!(PendingActions::of(&[]).is_empty());
    }

    #[test]
    fn required_actions_round_trip() {
        for action in RequiredAction::ALL {
            assert_eq!(RequiredAction::parse(action.as_str()), Some(action));
        }
        assert_eq!(RequiredAction::parse("verify_email"), None);
    }

    #[test]
    fn attribute_filters_are_name_colon_value() {
        assert_eq!(
            parse_attribute_filter("team:red:blue"),
            Ok(("team".into(), "red:blue".into()))
        );
        assert!(parse_attribute_filter("team").is_err());
        assert!(parse_attribute_filter("bad name:x").is_err());
    }
}
