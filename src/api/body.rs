//! `JsonBody<T>`: the one way request bodies enter the service.
//!
//! poem-openapi's `Json<T>` answers every problem with a plain-text 400 and cannot say which
//! field was wrong. This extractor gives each problem its precise answer in the shared error
//! body, and refuses anything the operation's schema does not describe (no mass assignment):
//! - not `application/json` → 415 `UNSUPPORTED_MEDIA_TYPE`;
//! - larger than [`MAX_BODY_BYTES`] (also when chunked) → 413 `PAYLOAD_TOO_LARGE`;
//! - not JSON at all → 400 `BAD_REQUEST`, with serde's line/column;
//! - JSON that does not fit the schema — unknown or read-only fields, wrong types, `null`
//!   where the field is not nullable, missing required fields — → 422 `VALIDATION_FAILED`
//!   listing *every* offending field by its path (`social.github`, `skills[2]`).
//!
//! The schema walked here is the very one published in the OpenAPI document (taken from
//! poem-openapi's registry), so the documentation and the checks cannot drift apart.

use poem::{Request, RequestBody};
use poem_openapi::{
    ApiExtractor, ApiExtractorType, ExtractParamOptions,
    registry::{MetaMediaType, MetaRequest, MetaSchema, MetaSchemaRef, Registry},
    types::ParseFromJSON,
};
use serde_json::Value;

use crate::{
    domain::rules,
    error::{ApiError, ErrorCode, FieldErrors},
};

/// Largest accepted request body (64 KiB).
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// A JSON request body of type `T`, validated against `T`'s published schema.
#[derive(Debug, Clone)]
pub struct JsonBody<T>(pub T);

impl<'a, T: ParseFromJSON + Send> ApiExtractor<'a> for JsonBody<T> {
    const TYPES: &'static [ApiExtractorType] = &[ApiExtractorType::RequestObject];

    type ParamType = ();
    type ParamRawType = ();

    fn register(registry: &mut Registry) {
        T::register(registry);
    }

    fn request_meta() -> Option<MetaRequest> {
        Some(MetaRequest {
            description: None,
            content: vec![MetaMediaType {
                content_type: "application/json",
                schema: T::schema_ref(),
            }],
            required: true,
        })
    }

    async fn from_request(
        request: &'a Request,
        body: &mut RequestBody,
        _param_opts: ExtractParamOptions<Self::ParamType>,
    ) -> poem::Result<Self> {
        Ok(Self(read_json::<T>(request, body).await?))
    }
}

/// Reads, parses and validates a JSON body of type `T`.
async fn read_json<T: ParseFromJSON>(
    request: &Request,
    body: &mut RequestBody,
) -> Result<T, ApiError> {
    if !request.content_type().is_some_and(is_json_media_type) {
        return Err(ApiError::new(
            ErrorCode::UnsupportedMediaType,
            format!(
                "The request body must be `application/json` (got {}).",
                request
                    .content_type()
                    .map_or("no Content-Type".to_string(), |ct| format!("`{ct}`"))
            ),
        ));
    }
    let bytes = body
        .take()
        .map_err(|_| ApiError::new(ErrorCode::BadRequest, "The request body was already read."))?
        .into_bytes_limit(MAX_BODY_BYTES)
        .await
        .map_err(|err| match err {
            poem::error::ReadBodyError::PayloadTooLarge => payload_too_large(),
            other => ApiError::new(
                ErrorCode::BadRequest,
                format!("The request body could not be read: {other}"),
            ),
        })?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::new(
            ErrorCode::BadRequest,
            "The request body is empty; expected a JSON object.",
        ));
    }
    let value: Value = serde_json::from_slice(&bytes).map_err(|err| {
        ApiError::new(
            ErrorCode::BadRequest,
            format!("The request body is not valid JSON: {err}."),
        )
    })?;

    let mut registry = Registry::new();
    T::register(&mut registry);
    let mut errors = FieldErrors::default();
    check_value(&value, &T::schema_ref(), &registry, "", false, &mut errors);
    errors.into_result()?;

    T::parse_from_json(Some(value)).map_err(|err| {
        // The structural check above should have caught this; keep the precise status.
        let mut fields = FieldErrors::default();
        fields.add("body", err.into_message());
        ApiError::validation(fields)
    })
}

/// `application/json`, with or without parameters, or any `+json` type.
fn is_json_media_type(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// 413 `PAYLOAD_TOO_LARGE`.
pub fn payload_too_large() -> ApiError {
    ApiError::new(
        ErrorCode::PayloadTooLarge,
        format!(
            "The request body is larger than {} KiB.",
            MAX_BODY_BYTES / 1024
        ),
    )
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn resolve<'r>(schema: &'r MetaSchemaRef, registry: &'r Registry) -> Option<&'r MetaSchema> {
    match schema {
        MetaSchemaRef::Inline(schema) => Some(schema),
        MetaSchemaRef::Reference(name) => registry.schemas.get(name),
    }
}

fn check_value(
    value: &Value,
    schema: &MetaSchemaRef,
    registry: &Registry,
    path: &str,
    nullable: bool,
    errors: &mut FieldErrors,
) {
    let Some(schema) = resolve(schema, registry) else {
        return;
    };
    if errors.is_full() {
        errors.stopped(); // the answer already lists as much as it will
        return;
    }
    let nullable = nullable || schema.nullable;
    let field = if path.is_empty() { "body" } else { path };
    if value.is_null() {
        if !nullable {
            errors.add(field, "must not be null");
        }
        return;
    }
    if !schema.all_of.is_empty() {
        for part in &schema.all_of {
            check_value(value, part, registry, path, nullable, errors);
        }
        return;
    }
    match schema.ty {
        "object" => check_object(value, schema, registry, path, errors),
        "array" => match value.as_array() {
            None => errors.add(field, "must be an array"),
            Some(items) => {
                if let Some(max) = schema.max_items
                    && items.len() > max
                {
                    // Too many already: checking each item would only bloat the answer.
                    errors.add(field, format!("must have at most {max} items"));
                    return;
                }
                if let Some(item_schema) = &schema.items {
                    for (i, item) in items.iter().enumerate() {
                        let item_path = format!("{field}[{i}]");
                        check_value(item, item_schema, registry, &item_path, false, errors);
                    }
                }
            }
        },
        "string" => match value.as_str() {
            None => errors.add(field, "must be a string"),
            Some(text) => check_string(text, schema, field, errors),
        },
        "integer" if !(value.is_i64() || value.is_u64()) => {
            errors.add(field, "must be an integer");
        }
        "number" if !value.is_number() => errors.add(field, "must be a number"),
        "boolean" if !value.is_boolean() => errors.add(field, "must be true or false"),
        _ => {
            if !schema.enum_items.is_empty() && !schema.enum_items.contains(value) {
                errors.add(
                    field,
                    format!("must be one of {}", list(&schema.enum_items)),
                );
            }
        }
    }
}

fn check_object(
    value: &Value,
    schema: &MetaSchema,
    registry: &Registry,
    path: &str,
    errors: &mut FieldErrors,
) {
    let Some(object) = value.as_object() else {
        errors.add(
            if path.is_empty() { "body" } else { path },
            "must be a JSON object",
        );
        return;
    };
    if let Some(values) = &schema.additional_properties {
        // A map: any key, each value of one schema.
        for (key, item) in object {
            check_value(item, values, registry, &join(path, key), false, errors);
        }
        return;
    }
    for key in object.keys() {
        if errors.is_full() {
            errors.stopped();
            return;
        }
        if !schema.properties.iter().any(|(name, _)| name == key) {
            errors.add(
                join(path, key),
                "is not a field of this request (unknown or read-only); remove it",
            );
        }
    }
    for required in &schema.required {
        if !object.contains_key(*required) {
            errors.add(join(path, required), "is required");
        }
    }
    for (name, property) in &schema.properties {
        if let Some(item) = object.get(*name) {
            let read_only = resolve(property, registry).is_some_and(|s| s.read_only);
            if read_only {
                errors.add(join(path, name), "is read-only");
            } else {
                check_value(item, property, registry, &join(path, name), false, errors);
            }
        }
    }
}

fn check_string(text: &str, schema: &MetaSchema, field: &str, errors: &mut FieldErrors) {
    if !schema.enum_items.is_empty() && !schema.enum_items.iter().any(|v| v == text) {
        errors.add(
            field,
            format!("must be one of {}", list(&schema.enum_items)),
        );
    }
    let len = text.chars().count();
    if let Some(max) = schema.max_length
        && len > max
    {
        errors.add(field, format!("must be at most {max} characters long"));
    }
    if let Some(min) = schema.min_length
        && len < min
    {
        errors.add(field, format!("must be at least {min} characters long"));
    }
    // Patterns come from `domain::rules`; the rule words the problem for the client.
    if let Some(rule) = schema.pattern.as_deref().and_then(rules::by_pattern)
        && let Err(problem) = rule.check_pattern(text)
    {
        errors.add(field, problem);
    }
    let format_ok = match schema.format {
        Some("date") => chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok(),
        Some("uuid") => uuid::Uuid::parse_str(text).is_ok(),
        Some("date-time") => chrono::DateTime::parse_from_rfc3339(text).is_ok(),
        Some("email") => rules::email_lengths(text).is_ok(),
        _ => true,
    };
    if !format_ok {
        errors.add(
            field,
            format!("must be a valid {}", schema.format.unwrap_or("value")),
        );
    }
}

fn list(values: &[Value]) -> String {
    values
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use poem_openapi::{
        Object,
        types::{MaybeUndefined, Type},
    };

    #[derive(Debug, Object)]
    #[oai(rename_all = "camelCase", deny_unknown_fields)]
    struct Inner {
        flag: Option<bool>,
    }

    #[derive(Debug, Object)]
    #[oai(rename_all = "camelCase", deny_unknown_fields)]
    struct Sample {
        name: String,
        #[oai(validator(max_length = 5))]
        short: Option<String>,
        #[oai(nullable)]
        bio: MaybeUndefined<String>,
        tags: Option<Vec<String>>,
        inner: Option<Inner>,
    }

    fn problems(value: Value) -> Vec<String> {
        let mut registry = Registry::new();
        Sample::register(&mut registry);
        let mut errors = FieldErrors::default();
        check_value(
            &value,
            &Sample::schema_ref(),
            &registry,
            "",
            false,
            &mut errors,
        );
        match errors.into_result() {
            Ok(()) => vec![],
            Err(err) => err.fields.unwrap().into_keys().collect(),
        }
    }

    #[test]
    fn a_matching_body_has_no_problems() {
        let body =
            serde_json::json!({"name": "x", "bio": null, "tags": ["a"], "inner": {"flag": true}});
        assert_eq!(problems(body), Vec::<String>::new());
    }

    #[test]
    fn every_problem_is_named_by_its_path() {
        let body = serde_json::json!({
            "role": "admin",
            "short": "toolong",
            "tags": ["a", 3],
            "inner": {"flag": "yes", "extra": 1}
        });
        assert_eq!(
            problems(body),
            [
                "inner.extra",
                "inner.flag",
                "name",
                "role",
                "short",
                "tags[1]"
            ]
        );
    }

    #[test]
    fn null_is_only_accepted_where_the_schema_says_nullable() {
        assert_eq!(problems(serde_json::json!({"name": null})), ["name"]);
        assert_eq!(
            problems(serde_json::json!({"name": "n", "short": null})),
            ["short"]
        );
        assert!(problems(serde_json::json!({"name": "n", "bio": null})).is_empty());
    }

    #[test]
    fn json_media_types_are_recognised() {
        assert!(is_json_media_type("application/json"));
        assert!(is_json_media_type("application/json; charset=utf-8"));
        assert!(is_json_media_type("application/merge-patch+json"));
        assert!(!is_json_media_type("text/plain"));
        assert!(!is_json_media_type("application/x-www-form-urlencoded"));
    }
}
