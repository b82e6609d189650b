//! Path and query parameter types that report their own errors.
//!
//! poem-openapi rejects an unparsable parameter before the handler runs, with a generic
//! message naming an internal parameter (`param0`). These types always parse and keep the
//! raw problem, so the handler answers with the precise code the contract promises
//! (`MALFORMED_ID`, a 400 naming the platforms) while the schema still says what is valid.

use std::borrow::Cow;

use poem_openapi::{
    registry::{MetaSchema, MetaSchemaRef},
    types::{ParseFromParameter, ParseResult, Type},
};
use profilehub_jobs::Platform;

use crate::domain::{boards::Board, lists::ItemList};
use uuid::Uuid;

use crate::error::{ApiError, ErrorCode, FieldErrors, quoted};

/// A UUID path parameter; a malformed one becomes 422 `MALFORMED_ID` in the handler.
#[derive(Debug, Clone)]
pub struct IdParam(Result<Uuid, String>);

impl IdParam {
    /// The id, or 422 `MALFORMED_ID` naming the parameter.
    pub fn id(&self, name: &str) -> Result<Uuid, ApiError> {
        self.0.clone().map_err(|raw| {
            let mut fields = FieldErrors::default();
            fields.add(name, format!("`{}` is not a valid UUID", quoted(&raw)));
            ApiError::validation(fields).retitled(
                ErrorCode::MalformedId,
                format!("`{}` is not a valid id: ids are UUIDs.", quoted(&raw)),
            )
        })
    }
}

impl Type for IdParam {
    crate::api::raw_value_is_self!();

    fn name() -> Cow<'static, str> {
        "string(uuid)".into()
    }

    fn schema_ref() -> MetaSchemaRef {
        MetaSchemaRef::Inline(Box::new(MetaSchema::new_with_format("string", "uuid")))
    }
}

impl ParseFromParameter for IdParam {
    fn parse_from_parameter(value: &str) -> ParseResult<Self> {
        Ok(Self(Uuid::parse_str(value).map_err(|_| value.to_string())))
    }
}

/// A closed set of names a path or query parameter picks from (platforms, lists, boards).
pub trait Choice: Copy + Sized + Send + Sync + 'static {
    /// Every choice, in the order the document lists them.
    const ALL: &'static [Self];
    /// The parameter's type name (`string(platform)`).
    const TYPE_NAME: &'static str;
    /// Its spelling on the wire.
    fn as_str(self) -> &'static str;
    /// The 400 message for `raw`, which names no choice.
    fn unknown(raw: &str, choices: &str) -> String;
}

/// A path or query parameter naming one of `T`'s choices; an unknown name becomes a 400
/// naming them all (the schema lists them as an enum).
#[derive(Debug, Clone)]
pub struct ChoiceParam<T>(Result<T, String>);

impl<T: Choice> ChoiceParam<T> {
    /// The choice, or 400 `BAD_REQUEST`.
    pub fn choice(&self) -> Result<T, ApiError> {
        self.0.clone().map_err(|raw| {
            let choices: Vec<&str> = T::ALL.iter().map(|c| c.as_str()).collect();
            ApiError::new(
                ErrorCode::BadRequest,
                T::unknown(&quoted(&raw), &choices.join(", ")),
            )
        })
    }
}

impl<T: Choice> Type for ChoiceParam<T> {
    crate::api::raw_value_is_self!();

    fn name() -> Cow<'static, str> {
        T::TYPE_NAME.into()
    }

    fn schema_ref() -> MetaSchemaRef {
        MetaSchemaRef::Inline(Box::new(MetaSchema {
            enum_items: T::ALL
                .iter()
                .map(|c| serde_json::Value::String(c.as_str().to_string()))
                .collect(),
            ..MetaSchema::new("string")
        }))
    }
}

impl<T: Choice> ParseFromParameter for ChoiceParam<T> {
    fn parse_from_parameter(value: &str) -> ParseResult<Self> {
        Ok(Self(
            T::ALL
                .iter()
                .copied()
                .find(|c| c.as_str() == value)
                .ok_or_else(|| value.to_string()),
        ))
    }
}

impl Choice for Platform {
    const ALL: &'static [Self] = &Platform::ALL;
    const TYPE_NAME: &'static str = "string(platform)";
    fn as_str(self) -> &'static str {
        Platform::as_str(self)
    }
    fn unknown(raw: &str, choices: &str) -> String {
        format!("Unknown platform `{raw}`; supported: {choices}.")
    }
}

impl Choice for ItemList {
    const ALL: &'static [Self] = &ItemList::ALL;
    const TYPE_NAME: &'static str = "string(list)";
    fn as_str(self) -> &'static str {
        ItemList::as_str(self)
    }
    fn unknown(raw: &str, choices: &str) -> String {
        format!("Unknown list `{raw}`; lists: {choices}.")
    }
}

impl Choice for Board {
    const ALL: &'static [Self] = &Board::ALL;
    const TYPE_NAME: &'static str = "string(board)";
    fn as_str(self) -> &'static str {
        Board::as_str(self)
    }
    fn unknown(raw: &str, choices: &str) -> String {
        format!("Unknown board `{raw}`; boards: {choices}.")
    }
}

/// A comma-separated list of `T`'s choices (`codeforces,leetcode`): always parses; the
/// handler answers an unknown or empty item with a 400 naming the choices.
#[derive(Debug, Clone)]
pub struct ChoiceList<T>(String, std::marker::PhantomData<fn() -> T>);

impl<T: Choice + PartialEq> ChoiceList<T> {
    /// The choices named, in order and without repeats, or 400 `BAD_REQUEST` for the
    /// parameter `name`.
    pub fn choices(&self, name: &str) -> Result<Vec<T>, ApiError> {
        let mut chosen = Vec::new();
        for item in self.0.split(',') {
            let choice = T::ALL.iter().copied().find(|c| c.as_str() == item);
            let Some(choice) = choice else {
                let choices: Vec<&str> = T::ALL.iter().map(|c| c.as_str()).collect();
                return Err(ApiError::new(
                    ErrorCode::BadRequest,
                    format!(
                        "`{name}`: {}",
                        T::unknown(&quoted(item), &choices.join(", "))
                    ),
                ));
            };
            if !chosen.contains(&choice) {
                chosen.push(choice);
            }
        }
        Ok(chosen)
    }
}

impl<T: Choice> Type for ChoiceList<T> {
    crate::api::raw_value_is_self!();

    fn name() -> Cow<'static, str> {
        format!("{}[]", T::TYPE_NAME).into()
    }

    fn schema_ref() -> MetaSchemaRef {
        let one = T::ALL
            .iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>()
            .join("|");
        MetaSchemaRef::Inline(Box::new(MetaSchema {
            pattern: Some(format!("^({one})(,({one}))*$")),
            ..MetaSchema::new("string")
        }))
    }
}

impl<T: Choice> ParseFromParameter for ChoiceList<T> {
    fn parse_from_parameter(value: &str) -> ParseResult<Self> {
        Ok(Self(value.to_string(), std::marker::PhantomData))
    }
}

/// A platform parameter.
pub type PlatformParam = ChoiceParam<Platform>;
/// An item-list parameter.
pub type ListParam = ChoiceParam<ItemList>;
/// A leaderboard parameter.
pub type BoardParam = ChoiceParam<Board>;

/// `?usernames=a,b,c`: usernames, comma-separated, no spaces. Always parses; the handler
/// answers a malformed list with a 400 that says what is wrong.
#[derive(Debug, Clone)]
pub struct UsernameList(String);

/// One username of a [`UsernameList`] (the username alphabet, without length rules: a name
/// that cannot exist simply matches no account).
const LISTED_NAME: &str = "[A-Za-z0-9_.-]+";

impl UsernameList {
    /// The names, 1 to `max` of them, or 400 `BAD_REQUEST`.
    pub fn names(&self, max: usize) -> Result<Vec<String>, ApiError> {
        let names: Vec<&str> = self.0.split(',').collect();
        // `str::is_empty` spelled out: poem-openapi's `Type` (in scope here) has an
        // `is_empty` of its own that `&&str` would resolve to, and it says `false`.
        let malformed = names.iter().any(|name| {
            str::is_empty(name)
                || !name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b))
        });
        if malformed || names.len() > max {
            return Err(ApiError::new(
                ErrorCode::BadRequest,
                format!(
                    "`usernames` must be 1 to {max} usernames separated by commas, without spaces; got `{}`.",
                    quoted(&self.0)
                ),
            ));
        }
        Ok(names.into_iter().map(str::to_string).collect())
    }
}

impl Type for UsernameList {
    crate::api::raw_value_is_self!();

    fn name() -> Cow<'static, str> {
        "string(usernames)".into()
    }

    fn schema_ref() -> MetaSchemaRef {
        MetaSchemaRef::Inline(Box::new(MetaSchema {
            pattern: Some(format!("^{LISTED_NAME}(,{LISTED_NAME})*$")),
            example: Some(serde_json::Value::String("ada,alan".into())),
            ..MetaSchema::new("string")
        }))
    }
}

impl ParseFromParameter for UsernameList {
    fn parse_from_parameter(value: &str) -> ParseResult<Self> {
        Ok(Self(value.to_string()))
    }
}

/// A list item in a path, `source:externalId`. Always parses (the service answers a
/// malformed one with 422 naming the rule); the schema carries the rule's pattern.
#[derive(Debug, Clone)]
pub struct ItemKeyParam(String);

impl ItemKeyParam {
    /// The text as given.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Type for ItemKeyParam {
    crate::api::raw_value_is_self!();

    fn name() -> Cow<'static, str> {
        "string(itemKey)".into()
    }

    fn schema_ref() -> MetaSchemaRef {
        let rule = &crate::domain::rules::ITEM_KEY;
        MetaSchemaRef::Inline(Box::new(MetaSchema {
            pattern: rule.pattern.map(str::to_string),
            min_length: Some(rule.min_chars),
            max_length: Some(rule.max_chars),
            example: Some(serde_json::Value::String("igdb:1942".into())),
            ..MetaSchema::new("string")
        }))
    }
}

impl ParseFromParameter for ItemKeyParam {
    fn parse_from_parameter(value: &str) -> ParseResult<Self> {
        Ok(Self(value.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_username_list_refuses_empty_names_and_too_many() {
        let list = |value: &str| UsernameList::parse_from_parameter(value).unwrap();
        assert_eq!(list("ada,alan").names(100).unwrap(), ["ada", "alan"]);
        for bad in ["", ",", "a,,b", "a b", "é"] {
            assert!(list(bad).names(100).is_err(), "{bad:?}");
        }
        assert!(list("a,b,c").names(2).is_err());
    }
}
