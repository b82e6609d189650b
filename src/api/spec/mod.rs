//! The published OpenAPI document: the list of API families and what is added to
//! poem-openapi's output.
//!
//! [`spec_json`] is the single source of `openapi/openapi.json`, `/openapi.json` and the
//! document Swagger UI shows. It adds one thing poem-openapi cannot express:
//! `additionalProperties: false` on every request-body schema, because `JsonBody` refuses
//! unknown fields and the document must say so (clients, SDK generators and fuzzers rely
//! on it).

use std::collections::BTreeSet;

use poem_openapi::{LicenseObject, OpenApiService, ServerObject};
use serde_json::Value;

use super::{
    admin, auth, cards, compat, leaderboards, lists, notifications, ops, profiles, ratings, social,
    users,
};

mod portable;

/// The API operations, in the order the document lists them.
pub type Apis = (
    auth::AuthApi,
    users::UsersApi,
    profiles::ProfilesApi,
    cards::CardsApi,
    ratings::RatingsApi,
    social::SocialApi,
    notifications::NotificationsApi,
    lists::ListsApi,
    leaderboards::LeaderboardsApi,
    admin::AdminApi,
    compat::CompatApi,
    ops::OpsApi,
);

/// The poem-openapi service (routes plus document).
pub fn service() -> OpenApiService<Apis, ()> {
    OpenApiService::new(Apis::default(), "profilehub", env!("CARGO_PKG_VERSION"))
        .description(DESCRIPTION)
        .license(
            LicenseObject::new(env!("CARGO_PKG_LICENSE"))
                .url("https://opensource.org/licenses/MIT"),
        )
        // Relative: Swagger UI calls the server that served it; SDK users pass a base URL.
        .server(ServerObject::new("/").description("the server that serves this document"))
}

/// The API description shown at the top of the document.
pub const DESCRIPTION: &str = "User profiles with accounts, sessions and competitive-programming \
ratings.\n\nAuthenticate with `Authorization: Bearer <accessToken>` from `POST /v1/auth/login` \
or `/v1/auth/register`; access tokens are short-lived, refresh them with \
`POST /v1/auth/refresh`.\n\nEvery non-2xx response has the body `{code, message, fields?}` \
where `code` is a stable machine-readable `ErrorCode`.";

/// The OpenAPI document as pretty-printed JSON (with a trailing newline).
pub fn spec_json() -> String {
    to_json_text(&document())
}

/// The OpenAPI document, as published.
pub fn document() -> Value {
    let mut doc: Value =
        serde_json::from_str(&service().spec()).expect("poem-openapi emits valid JSON");
    // The passes below keep every reference, so this set holds for all of them.
    let in_requests = reachable_from_requests(&doc);
    close_request_schemas(&mut doc, &in_requests);
    portable::make_portable(&mut doc, &in_requests);
    doc
}

/// `document` as pretty-printed JSON with a trailing newline (the form checked in).
pub fn to_json_text(document: &Value) -> String {
    let mut text = serde_json::to_string_pretty(document).expect("a Value serialises");
    text.push('\n');
    text
}

/// Sets `additionalProperties: false` on every object schema reachable from a request body.
fn close_request_schemas(doc: &mut Value, in_requests: &BTreeSet<String>) {
    for name in in_requests {
        let Some(schema) = doc.pointer_mut(&format!("/components/schemas/{name}")) else {
            continue;
        };
        if schema.get("type").and_then(Value::as_str) == Some("object")
            && schema.get("additionalProperties").is_none()
        {
            schema["additionalProperties"] = Value::Bool(false);
        }
    }
}

/// The names of the component schemas a request body can contain.
fn reachable_from_requests(doc: &Value) -> BTreeSet<String> {
    let mut pending: Vec<String> = Vec::new();
    if let Some(paths) = doc.get("paths").and_then(Value::as_object) {
        for operation in paths
            .values()
            .filter_map(Value::as_object)
            .flat_map(|p| p.values())
        {
            if let Some(body) = operation.get("requestBody") {
                collect_refs(body, &mut pending);
            }
        }
    }
    let mut reached = BTreeSet::new();
    while let Some(name) = pending.pop() {
        if !reached.insert(name.clone()) {
            continue;
        }
        if let Some(schema) = doc.pointer(&format!("/components/schemas/{name}")) {
            collect_refs(schema, &mut pending);
        }
    }
    reached
}

fn collect_refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get("$ref")
                && let Some(name) = r.strip_prefix("#/components/schemas/")
            {
                out.push(name.to_string());
            }
            map.values().for_each(|v| collect_refs(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_refs(v, out)),
        _ => {}
    }
}

/// Swagger UI, showing `spec` (the output of [`spec_json`]).
pub fn swagger_ui_html(spec: &str) -> String {
    // poem-openapi embeds its own (unprocessed) document in the page; swap in ours.
    let service = service();
    service.swagger_ui_html().replacen(&service.spec(), spec, 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    #[test]
    fn request_bodies_are_closed_but_responses_are_not() {
        let doc: Value = serde_json::from_str(&spec_json()).unwrap();
        let schema = |name: &str| doc["components"]["schemas"][name].clone();
        assert_eq!(schema("UpdateUserRequest")["additionalProperties"], false);
        assert_eq!(schema("SocialLinksUpdate")["additionalProperties"], false);
        assert_eq!(schema("RegisterRequest")["additionalProperties"], false);
        assert!(schema("SelfUser").get("additionalProperties").is_none());
    }

    #[test]
    fn every_operation_has_an_id_a_tag_a_summary_and_json_errors() {
        let doc: Value = serde_json::from_str(&spec_json()).unwrap();
        let mut ids = BTreeSet::new();
        for (path, item) in doc["paths"].as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                let id = op["operationId"].as_str().unwrap_or_default();
                assert!(
                    id.contains('_') && id == id.to_lowercase(),
                    "{method} {path}: operationId `{id}` is not verb_resource"
                );
                assert!(ids.insert(id.to_string()), "duplicate operationId {id}");
                assert!(op["tags"].as_array().is_some_and(|t| t.len() == 1), "{id}");
                assert!(
                    op["summary"].as_str().is_some_and(|s| !s.is_empty()),
                    "{id}"
                );
                let responses = op["responses"].as_object().unwrap();
                if op["tags"][0] == "compat" {
                    // Digitomize's shape, errors included, by design (see api::compat).
                    assert!(responses.contains_key("404"), "{id} lacks 404");
                    continue;
                }
                let image =
                    <super::super::cards::Svg as poem_openapi::payload::Payload>::CONTENT_TYPE;
                if responses
                    .get("200")
                    .is_some_and(|ok| ok["content"].get(image).is_some())
                {
                    // An image answers every error as an image (see api::cards).
                    for (status, response) in responses {
                        if status.starts_with('4') || status.starts_with('5') {
                            assert!(
                                response["content"].get("image/svg+xml").is_some(),
                                "{id} {status} is not a card"
                            );
                        }
                    }
                    continue;
                }
                for (status, response) in responses {
                    if status.starts_with('4') || status.starts_with('5') {
                        let media = &response["content"]["application/json; charset=utf-8"];
                        assert_eq!(
                            media["schema"]["$ref"], "#/components/schemas/ErrorBody",
                            "{id} {status}"
                        );
                        let named = named_codes(&response["description"]);
                        assert!(!named.is_empty(), "{id} {status} names no code");
                        for code in &named {
                            assert_eq!(
                                code.status().as_str(),
                                status,
                                "{id} lists {code:?} under {status}"
                            );
                        }
                        assert_eq!(
                            media["example"]["code"],
                            named[0].as_str(),
                            "{id} {status} example"
                        );
                    }
                }
            }
        }
    }

    fn named_codes(description: &Value) -> Vec<ErrorCode> {
        description
            .as_str()
            .unwrap_or_default()
            .split('`')
            .skip(1)
            .step_by(2)
            .filter_map(ErrorCode::from_wire)
            .collect()
    }

    #[test]
    fn codes_of_one_family_are_listed_only_by_its_operations() {
        use ErrorCode::*;
        let owners: &[(ErrorCode, &[&str])] = &[
            (InvalidCredentials, &["login_user"]),
            (RefreshTokenReused, &["refresh_session"]),
            (RefreshTokenExpired, &["refresh_session"]),
            (ReferrerNotFound, &["register_user"]),
            (UnknownProfileField, &["get_profile_fields"]),
            (
                MalformedId,
                &[
                    "get_user",
                    "dismiss_notification",
                    "admin_get_user",
                    "admin_update_user",
                    "admin_delete_user",
                    "admin_list_user_sessions",
                    "admin_revoke_user_session",
                    "admin_revoke_user_sessions",
                    "admin_clear_login_failures",
                    "admin_list_audit",
                ],
            ),
            (LastAdmin, &["admin_update_user", "admin_delete_user"]),
            (SessionNotFound, &["admin_revoke_user_session"]),
            (InvalidCode, &["reset_password", "verify_email"]),
            (NotificationNotFound, &["dismiss_notification"]),
            (NotRanked, &["get_leaderboard_standing"]),
            (ListFull, &["put_list_item"]),
            (CannotFollowSelf, &["follow_user"]),
            (
                InvalidCursor,
                &[
                    "list_followers",
                    "list_following",
                    "list_notifications",
                    "list_referrals",
                    "list_list_items",
                    "list_leaderboard",
                    "get_rating_history",
                    "admin_list_users",
                    "admin_list_user_sessions",
                    "admin_list_audit",
                ],
            ),
            (
                UsernameTaken,
                &["register_user", "update_current_user", "admin_update_user"],
            ),
            (
                EmailTaken,
                &["register_user", "update_current_user", "admin_update_user"],
            ),
            (
                RateLimited,
                &[
                    "register_user",
                    "login_user",
                    "refresh_ratings",
                    "change_password",
                    "forgot_password",
                    "send_email_verification",
                ],
            ),
        ];
        let doc = document();
        for (path, item) in doc["paths"].as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                let id = op["operationId"].as_str().unwrap();
                let listed: Vec<ErrorCode> = op["responses"]
                    .as_object()
                    .unwrap()
                    .values()
                    .flat_map(|r| named_codes(&r["description"]))
                    .collect();
                for (code, operations) in owners {
                    assert_eq!(
                        listed.contains(code),
                        operations.contains(&id),
                        "{method} {path} ({id}) and {code:?}"
                    );
                }
                // Operations that take no token cannot fail to read one.
                if op["security"] == serde_json::json!([]) && id != "refresh_session" {
                    assert!(!listed.contains(&GenericUnauthorized), "{id}");
                }
            }
        }
    }
}
