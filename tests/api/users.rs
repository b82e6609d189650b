//! The caller's own account, and users by id.

use serde_json::{Value, json};

use crate::helpers::spawn_app;

#[tokio::test]
async fn a_patch_changes_only_the_given_fields_and_null_clears() {
    let app = spawn_app().await;
    let user = app.register("editor").await;

    let first = app
        .patch(
            "/v1/users/me",
            Some(&user.access),
            json!({
                "name": "  Edsger Dijkstra ",
                "bio": "Goto considered harmful.",
                "websiteUrl": "https://example.com/ewd",
                "location": "Austin",
                "dateOfBirth": "1930-05-11",
                "phoneNumber": "+31 20 123 4567",
                "skills": ["Algorithms", " Semaphores ", "algorithms"],
                "social": {"github": "https://github.com/ewd", "twitter": "https://twitter.com/ewd"},
                "visibility": {"email": true}
            }),
        )
        .await;
    assert_eq!(first.status, 200, "{}", first.body);
    let body = &first.body;
    assert_eq!(body["name"], "Edsger Dijkstra", "trimmed");
    assert_eq!(
        body["skills"],
        json!(["Algorithms", "Semaphores"]),
        "trimmed, deduplicated"
    );
    assert_eq!(body["social"]["github"], "https://github.com/ewd");
    assert_eq!(
        body["visibility"],
        json!({"email": true, "dateOfBirth": false, "phoneNumber": false, "lists": true})
    );

    let second = app
        .patch(
            "/v1/users/me",
            Some(&user.access),
            json!({"bio": null, "social": {"twitter": null}, "skills": null}),
        )
        .await;
    assert_eq!(second.status, 200, "{}", second.body);
    let body = &second.body;
    assert_eq!(body["bio"], Value::Null);
    assert_eq!(body["skills"], json!([]));
    assert_eq!(body["social"]["twitter"], Value::Null);
    assert_eq!(
        body["social"]["github"], "https://github.com/ewd",
        "left alone"
    );
    assert_eq!(body["name"], "Edsger Dijkstra", "left alone");
    assert_eq!(body["dateOfBirth"], "1930-05-11", "left alone");
    assert_eq!(app.me(&user.access).await.body, second.body, "persisted");
}

#[tokio::test]
async fn a_refused_patch_changes_nothing() {
    let app = spawn_app().await;
    let user = app.register("steady").await;
    app.patch(
        "/v1/users/me",
        Some(&user.access),
        json!({"bio": "original"}),
    )
    .await;
    let before = app.me(&user.access).await.body;

    for (body, field) in [
        (json!({"bio": "new", "role": "admin"}), "role"),
        (
            json!({"bio": "new", "id": "00000000-0000-0000-0000-000000000000"}),
            "id",
        ),
        (json!({"bio": "new", "enabled": false}), "enabled"),
        (
            json!({"bio": "new", "emailVerified": true}),
            "emailVerified",
        ),
        (
            json!({"bio": "new", "password": "new password!"}),
            "password",
        ),
        (
            json!({"bio": "new", "createdAt": "2020-01-01T00:00:00Z"}),
            "createdAt",
        ),
        (
            json!({"bio": "new", "websiteUrl": "javascript:alert(1)"}),
            "websiteUrl",
        ),
        (
            json!({"bio": "new", "social": {"github": "ftp://github.com/x"}}),
            "social.github",
        ),
        (
            json!({"bio": "new", "dateOfBirth": "2999-01-01"}),
            "dateOfBirth",
        ),
        (
            json!({"bio": "new", "dateOfBirth": "1890-01-01"}),
            "dateOfBirth",
        ),
        (
            json!({"bio": "new", "dateOfBirth": "1990-02-30"}),
            "dateOfBirth",
        ),
        (
            json!({"bio": "new", "phoneNumber": "call me maybe"}),
            "phoneNumber",
        ),
        (json!({"bio": "new", "skills": ["ok", ""]}), "skills[1]"),
        (json!({"bio": "new", "username": null}), "username"),
        (json!({"bio": "x".repeat(1001)}), "bio"),
        (json!({"bio": 42}), "bio"),
        (
            json!({"bio": "new", "visibility": {"email": "yes"}}),
            "visibility.email",
        ),
    ] {
        let reply = app
            .patch("/v1/users/me", Some(&user.access), body.clone())
            .await;
        reply.assert_error(422, "VALIDATION_FAILED");
        assert!(
            reply.body["fields"][field].is_array(),
            "{body}: expected a problem with {field}, got {}",
            reply.body
        );
        assert_eq!(
            app.me(&user.access).await.body,
            before,
            "{body} changed something"
        );
    }
}

#[tokio::test]
async fn every_invalid_field_is_reported_in_one_answer() {
    let app = spawn_app().await;
    let user = app.register("manyfaults").await;
    let reply = app
        .patch(
            "/v1/users/me",
            Some(&user.access),
            json!({"pictureUrl": "nope", "phoneNumber": "12", "dateOfBirth": "3000-01-01", "location": "x".repeat(101)}),
        )
        .await;
    reply.assert_error(422, "VALIDATION_FAILED");
    let fields = reply.body["fields"].as_object().unwrap();
    assert!(fields.contains_key("pictureUrl"), "{}", reply.body);
    assert!(fields.contains_key("phoneNumber"), "{}", reply.body);
    assert!(fields.contains_key("location"), "{}", reply.body);
}

#[tokio::test]
async fn renaming_to_a_taken_username_or_email_conflicts_and_changes_nothing() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    app.register("bob").await;
    let before = app.me(&alice.access).await.body;

    app.patch(
        "/v1/users/me",
        Some(&alice.access),
        json!({"username": "BOB", "bio": "hi"}),
    )
    .await
    .assert_error(409, "USERNAME_TAKEN");
    app.patch(
        "/v1/users/me",
        Some(&alice.access),
        json!({"email": "Bob@example.com"}),
    )
    .await
    .assert_error(409, "EMAIL_TAKEN");
    assert_eq!(app.me(&alice.access).await.body, before);

    // Changing only the case of one's own username is not a conflict.
    let recased = app
        .patch(
            "/v1/users/me",
            Some(&alice.access),
            json!({"username": "Alice"}),
        )
        .await;
    assert_eq!(recased.status, 200, "{}", recased.body);
    assert_eq!(recased.body["username"], "Alice");
    assert_eq!(app.get("/v1/profiles/alice", None).await.status, 200);
}

#[tokio::test]
async fn deleting_the_account_removes_it_and_its_tokens() {
    let app = spawn_app().await;
    let user = app.register("goner").await;
    let reply = app
        .request(
            reqwest::Method::DELETE,
            "/v1/users/me",
            Some(&user.access),
            None,
        )
        .await;
    assert_eq!(reply.status, 204);
    app.me(&user.access)
        .await
        .assert_error(401, "GENERIC_UNAUTHORIZED");
    app.post(
        "/v1/auth/refresh",
        None,
        json!({"refreshToken": user.refresh}),
    )
    .await
    .assert_error(401, "GENERIC_UNAUTHORIZED");
    app.get("/v1/profiles/goner", None)
        .await
        .assert_error(404, "USER_NOT_FOUND");
    app.login("goner", &user.password)
        .await
        .assert_error(401, "INVALID_CREDENTIALS");
    // The name is free again.
    app.register("goner").await;
}

#[tokio::test]
async fn deleting_a_referrer_keeps_the_users_they_referred() {
    let app = spawn_app().await;
    let referrer = app.register("mentor").await;
    let reply = app
        .post(
            "/v1/auth/register",
            None,
            json!({"username": "mentee", "email": "mentee@example.com", "password": "learning fast", "referrerHandle": "mentor"}),
        )
        .await;
    assert_eq!(reply.status, 201);
    let mentee_token = reply.body["tokens"]["accessToken"]
        .as_str()
        .unwrap()
        .to_string();
    app.request(
        reqwest::Method::DELETE,
        "/v1/users/me",
        Some(&referrer.access),
        None,
    )
    .await;
    assert_eq!(app.me(&mentee_token).await.status, 200);
}

#[tokio::test]
async fn a_user_by_id_is_public_to_others_and_complete_to_the_owner() {
    let app = spawn_app().await;
    let owner = app.register("owner").await;
    let stranger = app.register("stranger").await;
    app.patch(
        "/v1/users/me",
        Some(&owner.access),
        json!({"phoneNumber": "+1 555 0100", "dateOfBirth": "1990-01-01"}),
    )
    .await;
    let path = format!("/v1/users/{}", owner.id);

    let anonymous = app.get(&path, None).await;
    assert_eq!(anonymous.status, 200);
    assert_eq!(anonymous.body["view"], "public");
    for private in [
        "email",
        "phoneNumber",
        "dateOfBirth",
        "role",
        "enabled",
        "emailVerified",
        "visibility",
    ] {
        assert!(
            anonymous.body.get(private).is_none(),
            "{private} leaked: {}",
            anonymous.body
        );
    }
    let as_stranger = app.get(&path, Some(&stranger.access)).await;
    assert_eq!(as_stranger.body, anonymous.body);

    let as_owner = app.get(&path, Some(&owner.access)).await;
    assert_eq!(as_owner.body["view"], "self");
    assert_eq!(as_owner.body["email"], "owner@example.com");
    assert_eq!(as_owner.body["phoneNumber"], "+1 555 0100");
}

#[tokio::test]
async fn users_by_id_refuse_malformed_ids_and_report_unknown_ones() {
    let app = spawn_app().await;
    let reply = app.get("/v1/users/not-a-uuid", None).await;
    reply.assert_error(422, "MALFORMED_ID");
    assert!(reply.body["fields"]["userId"].is_array());
    app.get("/v1/users/3f2504e0-4f89-41d3-9a0c-0305e82c3301", None)
        .await
        .assert_error(404, "USER_NOT_FOUND");
    app.get(
        "/v1/users/3f2504e0-4f89-41d3-9a0c-0305e82c3301",
        Some("bad-token"),
    )
    .await
    .assert_error(401, "GENERIC_UNAUTHORIZED");
}
