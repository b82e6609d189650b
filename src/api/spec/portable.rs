//! Shapes poem-openapi's document for the tools users run on it: the SDK generators
//! (openapi-python-client, openapi-typescript, progenitor), Swagger UI and Redocly's lint.
//!
//! poem-openapi describes a documented field of a named type as
//! `allOf: [{$ref}, {description}]`, which openapi-python-client refuses for enums ("cannot
//! take allOf a non-object") and so drops every model that holds one; it puts `nullable`
//! beside `allOf` without a `type` (meaningless in OpenAPI 3.0.3, an error for Redocly);
//! it inlines enums in path parameters (one generated type per parameter) and marks an
//! `Option` field optional even when it is always sent (as `null`), so typed clients get
//! `field?: T | null`. Each pass here fixes one of those, on the JSON, without changing
//! what the service sends.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};

use crate::error::ErrorCode;

/// Fields of response schemas that are sometimes left out of the body (`*`: all of them);
/// every other field of a response-only schema is always sent and so `required`.
const SOMETIMES_ABSENT: &[(&str, &[&str])] = &[
    // Private fields appear only when their owner made them visible.
    // Relationship flags appear only for an authenticated caller.
    (
        "PublicProfile",
        &[
            "email",
            "dateOfBirth",
            "phoneNumber",
            "followedByMe",
            "followsMe",
        ],
    ),
    // Only validation errors list fields.
    ("ErrorBody", &["fields"]),
    // Page numbers appear only when the client pages by number (XBorg's way).
    ("NotificationPage", &["page", "limit", "total"]),
    ("ReferralPage", &["page", "limit"]),
    // A projection holds only the fields asked for.
    ("SelfUserProjection", &["*"]),
];

/// Applies every pass, in order; `in_requests` names the schemas a request body can hold.
pub fn make_portable(doc: &mut Value, in_requests: &BTreeSet<String>) {
    for section in ["components", "paths"] {
        if let Some(part) = doc.get_mut(section) {
            plain_references(part);
        }
    }
    share_parameter_enums(doc);
    drop_borrowed_titles(doc);
    mark_public_operations(doc);
    require_always_present(doc, in_requests);
    add_examples(doc);
    add_error_examples(doc);
}

/// Realistic bodies per operation (`examples.json`: operationId → `request` and statuses),
/// captured from a running service. The request examples succeed as they stand on a fresh
/// database, in the order a user tries them: Swagger UI pre-fills "Try it out" with them
/// (without them it invents values, such as a referrer named `string`). Redocly's lint
/// checks every example against its schema.
const EXAMPLES: &str = include_str!("examples.json");

fn add_examples(doc: &mut Value) {
    let examples: Value = serde_json::from_str(EXAMPLES).expect("examples.json is JSON");
    for operation in operations_mut(doc) {
        let Some(id) = operation.get("operationId").and_then(Value::as_str) else {
            continue;
        };
        let Some(mine) = examples.get(id).and_then(Value::as_object).cloned() else {
            continue;
        };
        for (key, example) in mine {
            let content = if key == "request" {
                &mut operation["requestBody"]["content"]
            } else {
                &mut operation["responses"][key.as_str()]["content"]
            };
            for media in content
                .as_object_mut()
                .into_iter()
                .flat_map(|content| content.values_mut())
            {
                media["example"] = example.clone();
            }
        }
    }
}

/// Each documented error response shows the first code it lists, with a message like the
/// service's, so no example shows a code its status cannot carry.
fn add_error_examples(doc: &mut Value) {
    for operation in operations_mut(doc) {
        for response in operation
            .get_mut("responses")
            .and_then(Value::as_object_mut)
            .into_iter()
            .flat_map(|responses| responses.values_mut())
        {
            let Some(code) = response
                .get("description")
                .and_then(Value::as_str)
                .and_then(first_code)
            else {
                continue;
            };
            for media in response
                .get_mut("content")
                .and_then(Value::as_object_mut)
                .into_iter()
                .flat_map(|content| content.values_mut())
            {
                if media["schema"]["$ref"] == "#/components/schemas/ErrorBody" {
                    media["example"] =
                        json!({"code": code.as_str(), "message": code.example_message()});
                }
            }
        }
    }
}

/// The first error code named (in backticks) in a response description.
fn first_code(description: &str) -> Option<ErrorCode> {
    description
        .split('`')
        .skip(1)
        .step_by(2)
        .find_map(ErrorCode::from_wire)
}

/// `allOf: [{$ref}, {description, nullable?}]` → `allOf: [{$ref}]` beside the description;
/// a nullable one → `oneOf: [{$ref}, {null}]`, the form every generator reads as
/// "this type or null" and Redocly accepts.
fn plain_references(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Array(parts)) = map.get("allOf")
                && let Some(reference) = parts.first().filter(|p| p.get("$ref").is_some())
                && parts.iter().skip(1).all(is_annotation_only)
            {
                let reference = reference.clone();
                let nullable = map.get("nullable") == Some(&Value::Bool(true))
                    || parts
                        .iter()
                        .any(|p| p.get("nullable") == Some(&Value::Bool(true)));
                map.remove("nullable");
                if nullable {
                    map.remove("allOf");
                    map.insert(
                        "oneOf".into(),
                        json!([reference, {"type": "object", "nullable": true, "enum": [null]}]),
                    );
                } else {
                    map.insert("allOf".into(), json!([reference]));
                }
            }
            map.values_mut().for_each(plain_references);
        }
        Value::Array(items) => items.iter_mut().for_each(plain_references),
        _ => {}
    }
}

/// A schema that only annotates (says nothing about the value's shape).
fn is_annotation_only(part: &Value) -> bool {
    part.as_object().is_some_and(|m| {
        m.keys()
            .all(|k| matches!(k.as_str(), "description" | "nullable" | "title"))
    })
}

/// A parameter whose inline enum equals a named enum refers to that enum instead.
fn share_parameter_enums(doc: &mut Value) {
    let named: BTreeMap<String, String> = doc["components"]["schemas"]
        .as_object()
        .into_iter()
        .flatten()
        .filter_map(|(name, schema)| {
            let values = schema.get("enum")?;
            Some((values.to_string(), format!("#/components/schemas/{name}")))
        })
        .collect();
    for operation in operations_mut(doc) {
        for parameter in operation
            .get_mut("parameters")
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten()
        {
            let Some(schema) = parameter.get_mut("schema") else {
                continue;
            };
            if let Some(reference) = schema.get("enum").and_then(|v| named.get(&v.to_string())) {
                *schema = json!({ "$ref": reference });
            }
        }
    }
}

/// A schema titled after another one (`SelfUserProjection` titled `SelfUser`) makes
/// generators emit two models of one name; the component's key is its name.
fn drop_borrowed_titles(doc: &mut Value) {
    for (name, schema) in doc["components"]["schemas"]
        .as_object_mut()
        .into_iter()
        .flatten()
    {
        if let Some(map) = schema.as_object_mut()
            && map.get("title").and_then(Value::as_str) != Some(name.as_str())
        {
            map.remove("title");
        }
    }
}

/// Operations that need no token say so (`security: []`), rather than saying nothing.
fn mark_public_operations(doc: &mut Value) {
    for operation in operations_mut(doc) {
        if let Some(map) = operation.as_object_mut() {
            map.entry("security").or_insert_with(|| json!([]));
        }
    }
}

/// Every field of a response-only schema is `required` unless [`SOMETIMES_ABSENT`] says
/// otherwise: an `Option` field the service always sends (as `null`) is required and
/// nullable, so typed clients get `T | null`, not `T | null | undefined`.
fn require_always_present(doc: &mut Value, in_requests: &BTreeSet<String>) {
    for (name, schema) in doc["components"]["schemas"]
        .as_object_mut()
        .into_iter()
        .flatten()
    {
        if in_requests.contains(name) {
            continue;
        }
        let absent: &[&str] = SOMETIMES_ABSENT
            .iter()
            .find(|(n, _)| n == name)
            .map_or(&[], |(_, fields)| fields);
        if absent.contains(&"*") {
            continue;
        }
        let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
            continue;
        };
        let required: BTreeSet<String> = properties
            .keys()
            .filter(|field| !absent.contains(&field.as_str()))
            .cloned()
            .collect();
        schema["required"] = json!(required);
    }
}

/// Every operation object of the document.
pub(super) fn operations_mut(doc: &mut Value) -> impl Iterator<Item = &mut Value> {
    doc.get_mut("paths")
        .and_then(Value::as_object_mut)
        .into_iter()
        .flat_map(|paths| paths.values_mut())
        .filter_map(Value::as_object_mut)
        .flat_map(|item| item.values_mut())
}
