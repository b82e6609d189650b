//! Public profiles by username, field visibility and projections.

use serde_json::json;

use crate::helpers::spawn_app;

#[tokio::test]
async fn a_public_profile_is_found_by_username_in_any_case() {
    let app = spawn_app().await;
    let user = app.register("MixedCase").await;
    app.patch(
        "/v1/users/me",
        Some(&user.access),
        json!({"bio": "hello", "skills": ["Rust"]}),
    )
    .await;
    for name in ["MixedCase", "mixedcase", "MIXEDCASE"] {
        let reply = app.get(&format!("/v1/profiles/{name}"), None).await;
        assert_eq!(reply.status, 200, "{name}");
        assert_eq!(reply.body["username"], "MixedCase");
        assert_eq!(reply.body["bio"], "hello");
        assert_eq!(reply.body["skills"], json!(["Rust"]));
    }
    app.get("/v1/profiles/nobody", None)
        .await
        .assert_error(404, "USER_NOT_FOUND");
    app.get("/v1/profiles/not%20a%20name", None)
        .await
        .assert_error(404, "USER_NOT_FOUND");
}

#[tokio::test]
async fn private_fields_appear_only_once_the_owner_makes_them_visible() {
    let app = spawn_app().await;
    let owner = app.register("private").await;
    app.patch(
        "/v1/users/me",
        Some(&owner.access),
        json!({"dateOfBirth": "1985-06-15", "phoneNumber": "+44 20 7946 0958"}),
    )
    .await;

    let hidden = app.get("/v1/profiles/private", None).await;
    for field in ["email", "dateOfBirth", "phoneNumber"] {
        assert!(
            hidden.body.get(field).is_none(),
            "{field} leaked: {}",
            hidden.body
        );
    }
    for internal in [
        "role",
        "enabled",
        "emailVerified",
        "visibility",
        "updatedAt",
        "password",
        "passwordHash",
    ] {
        assert!(hidden.body.get(internal).is_none(), "{internal} leaked");
    }

    app.patch(
        "/v1/users/me",
        Some(&owner.access),
        json!({"visibility": {"email": true, "phoneNumber": true}}),
    )
    .await;
    let shown = app.get("/v1/profiles/private", None).await;
    assert_eq!(shown.body["email"], "private@example.com");
    assert_eq!(shown.body["phoneNumber"], "+44 20 7946 0958");
    assert!(shown.body.get("dateOfBirth").is_none(), "still hidden");
}

#[tokio::test]
async fn a_projection_returns_exactly_the_requested_fields() {
    let app = spawn_app().await;
    let user = app.register("projected").await;
    app.patch(
        "/v1/users/me",
        Some(&user.access),
        json!({"bio": "short bio"}),
    )
    .await;

    let reply = app
        .get(
            "/v1/user/profile?fields=username,bio,email",
            Some(&user.access),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(
        reply.body,
        json!({"username": "projected", "bio": "short bio", "email": "projected@example.com"})
    );
    let repeated = app
        .get(
            "/v1/user/profile?fields=id&fields=createdAt",
            Some(&user.access),
        )
        .await;
    assert_eq!(repeated.body.as_object().unwrap().len(), 2);
}

#[tokio::test]
async fn a_projection_names_the_allowed_fields_when_asked_for_an_unknown_one() {
    let app = spawn_app().await;
    let user = app.register("curious").await;
    let reply = app
        .get(
            "/v1/user/profile?fields=username,passwordHash",
            Some(&user.access),
        )
        .await;
    reply.assert_error(400, "UNKNOWN_PROFILE_FIELD");
    let message = reply.body["message"].as_str().unwrap();
    assert!(message.contains("passwordHash"), "{message}");
    assert!(
        message.contains("username, email"),
        "lists allowed names: {message}"
    );

    app.get("/v1/user/profile", Some(&user.access))
        .await
        .assert_error(400, "BAD_REQUEST");
    app.get("/v1/user/profile?fields=username", None)
        .await
        .assert_error(401, "GENERIC_UNAUTHORIZED");
}
