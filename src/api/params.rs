//! Path and query parameter types that report their own errors.
//!
//! poem-openapi rejects an unparsable parameter before the handler runs, with a generic
//! message naming an internal parameter (`param0`). These types always parse and keep the
//! raw problem, so the handler answers with the precise code the contract promises
//! (`MALFORMED_ID`, `UNKNOWN_PROFILE_FIELD`) while the schema still says what is valid.

use std::borrow::Cow;

use poem_openapi::{
    registry::{MetaSchema, MetaSchemaRef, Registry},
    types::{ParseError, ParseFromParameter, ParseResult, Type},
};
use profilehub_jobs::Platform;
use uuid::Uuid;

use super::models::SelfUser;
use crate::error::{ApiError, ErrorCode, FieldErrors};

/// A UUID path parameter; a malformed one becomes 422 `MALFORMED_ID` in the handler.
#[derive(Debug, Clone)]
pub struct IdParam(Result<Uuid, String>);

impl IdParam {
    /// The id, or 422 `MALFORMED_ID` naming the parameter.
    pub fn id(&self, name: &str) -> Result<Uuid, ApiError> {
        self.0.clone().map_err(|raw| {
            let mut fields = FieldErrors::default();
            fields.add(name, format!("`{raw}` is not a valid UUID"));
            ApiError::validation(fields).retitled(
                ErrorCode::MalformedId,
                format!("`{raw}` is not a valid id: ids are UUIDs."),
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

/// `fields=a,b,c`: top-level `SelfUser` field names to project.
#[derive(Debug, Clone, Default)]
pub struct FieldList(Vec<String>);

/// The field names of `SelfUser`, as published.
pub fn self_user_fields() -> Vec<&'static str> {
    let mut registry = Registry::new();
    <SelfUser as Type>::register(&mut registry);
    registry
        .schemas
        .get(&*<SelfUser as Type>::name())
        .map(|schema| schema.properties.iter().map(|(name, _)| *name).collect())
        .unwrap_or_default()
}

impl FieldList {
    /// The requested names, each checked against `SelfUser`'s fields; unknown names are a
    /// 400 `UNKNOWN_PROFILE_FIELD` that lists the allowed ones.
    pub fn names(&self) -> Result<Vec<String>, ApiError> {
        let allowed = self_user_fields();
        let unknown: Vec<&str> = self
            .0
            .iter()
            .map(String::as_str)
            .filter(|name| !allowed.contains(name))
            .collect();
        if self.0.is_empty() || !unknown.is_empty() {
            let mut err = ApiError::new(
                ErrorCode::UnknownProfileField,
                format!(
                    "Unknown field name(s) {}; allowed: {}.",
                    if unknown.is_empty() {
                        "(none given)".to_string()
                    } else {
                        unknown
                            .iter()
                            .map(|n| format!("`{n}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    },
                    allowed.join(", ")
                ),
            );
            err.fields = Some(
                [(
                    "fields".to_string(),
                    vec![format!("allowed names: {}", allowed.join(", "))],
                )]
                .into(),
            );
            return Err(err);
        }
        Ok(self.0.clone())
    }
}

impl Type for FieldList {
    crate::api::raw_value_is_self!();

    fn name() -> Cow<'static, str> {
        "string(SelfUserFieldList)".into()
    }

    /// A comma-separated list, so the schema is a string whose pattern admits exactly the
    /// field names. (An `explode: false` array parameter would be the natural schema, but
    /// poem-openapi 5.1 panics on such a parameter when it is missing.)
    fn schema_ref() -> MetaSchemaRef {
        let name = format!("({})", self_user_fields().join("|"));
        MetaSchemaRef::Inline(Box::new(MetaSchema {
            pattern: Some(format!("^{name}(,{name})*$")),
            example: Some(serde_json::Value::String("username,bio".into())),
            ..MetaSchema::new("string")
        }))
    }
}

impl ParseFromParameter for FieldList {
    fn parse_from_parameter(value: &str) -> ParseResult<Self> {
        Self::parse_from_parameters([value])
    }

    fn parse_from_parameters<I: IntoIterator<Item = A>, A: AsRef<str>>(
        iter: I,
    ) -> ParseResult<Self> {
        // Accept both `fields=a,b` and `fields=a&fields=b`.
        let mut values = iter.into_iter().peekable();
        if values.peek().is_none() {
            return Err(ParseError::expected_input());
        }
        Ok(Self(
            values
                .flat_map(|v| {
                    v.as_ref()
                        .split(',')
                        .map(|s| s.trim().to_string())
                        .collect::<Vec<_>>()
                })
                .filter(|s| !s.is_empty())
                .collect(),
        ))
    }
}

/// A platform path or query parameter; an unknown name becomes a 400 naming the supported
/// ones (the schema lists them as an enum).
#[derive(Debug, Clone)]
pub struct PlatformParam(Result<Platform, String>);

impl PlatformParam {
    /// The platform, or 400 `BAD_REQUEST`.
    pub fn platform(&self) -> Result<Platform, ApiError> {
        self.0.clone().map_err(|raw| {
            ApiError::new(
                ErrorCode::BadRequest,
                format!(
                    "Unknown platform `{raw}`; supported: {}.",
                    Platform::ALL.map(Platform::as_str).join(", ")
                ),
            )
        })
    }
}

impl Type for PlatformParam {
    crate::api::raw_value_is_self!();

    fn name() -> Cow<'static, str> {
        "string(platform)".into()
    }

    fn schema_ref() -> MetaSchemaRef {
        MetaSchemaRef::Inline(Box::new(MetaSchema {
            enum_items: Platform::ALL
                .map(|p| serde_json::Value::String(p.as_str().to_string()))
                .to_vec(),
            ..MetaSchema::new("string")
        }))
    }
}

impl ParseFromParameter for PlatformParam {
    fn parse_from_parameter(value: &str) -> ParseResult<Self> {
        Ok(Self(
            Platform::ALL
                .into_iter()
                .find(|p| p.as_str() == value)
                .ok_or_else(|| value.to_string()),
        ))
    }
}
