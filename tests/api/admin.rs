//! Identity administration, as administrators and the people they administer see it:
//! only administrators get in (their role read at each request), every filter of the
//! user search is ANDed and the count always agrees with the list, updates merge
//! attributes and are all-or-nothing, disabling ends sessions at once, sessions and login
//! failures can be cleared, and every action lands in the audit log. On SQLite and
//! PostgreSQL; the search and the updates through the generated Rust client.

use std::collections::BTreeMap;

use profilehub::domain::Role;
use profilehub_client::{authenticated, patch, types};
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser, spawn_app, spawn_app_with};

/// `username` registered and made an administrator (as `profilehub admin grant` does).
async fn administrator(app: &TestApp, username: &str) -> TestUser {
    let user = app.register(username).await;
    app.state
        .admin
        .set_role(username, Role::Admin)
        .await
        .unwrap();
    user
}

async fn patch_user(
    app: &TestApp,
    admin: &TestUser,
    id: &str,
    body: Value,
) -> crate::helpers::Reply {
    app.patch(&format!("/v1/admin/users/{id}"), Some(&admin.access), body)
        .await
}

/// The full record of `id`, as an administrator reads it.
async fn record(app: &TestApp, admin: &TestUser, id: &str) -> Value {
    let reply = app
        .get(&format!("/v1/admin/users/{id}"), Some(&admin.access))
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body
}

#[tokio::test]
async fn only_administrators_get_in_and_a_demoted_one_loses_access_at_once() {
    let app = spawn_app().await;
    let root = administrator(&app, "rootadmin").await;
    let helper = administrator(&app, "helperadmin").await;
    let user = app.register("plainuser").await;

    let everything = [
        (Method::GET, "/v1/admin/users".to_string()),
        (Method::GET, "/v1/admin/users/count".to_string()),
        (Method::GET, format!("/v1/admin/users/{}", user.id)),
        (
            Method::GET,
            "/v1/admin/users/by-username/plainuser".to_string(),
        ),
        (Method::GET, format!("/v1/admin/users/{}/sessions", user.id)),
        (
            Method::DELETE,
            format!("/v1/admin/users/{}/sessions", user.id),
        ),
        (
            Method::DELETE,
            format!("/v1/admin/users/{}/login-failures", user.id),
        ),
        (Method::GET, "/v1/admin/audit".to_string()),
        (Method::DELETE, format!("/v1/admin/users/{}", user.id)),
    ];
    for (method, path) in &everything {
        app.request(method.clone(), path, Some(&user.access), None)
            .await
            .assert_error(403, "FORBIDDEN");
        app.request(method.clone(), path, None, None)
            .await
            .assert_error(401, "GENERIC_UNAUTHORIZED");
    }
    assert_eq!(
        app.get(&format!("/v1/admin/users/{}", user.id), Some(&user.access))
            .await
            .body["code"],
        "FORBIDDEN",
        "a user cannot read even their own record here"
    );

    let allowed = app.get("/v1/admin/users", Some(&helper.access)).await;
    assert_eq!(allowed.status, 200);
    // Demoted (through the API) while holding a valid token: refused at the next request.
    let demoted = patch_user(&app, &root, &helper.id, json!({"role": "user"})).await;
    assert_eq!(demoted.status, 200, "{}", demoted.body);
    app.get("/v1/admin/users", Some(&helper.access))
        .await
        .assert_error(403, "FORBIDDEN");
    // And through the command line's path, from another process's point of view.
    app.state
        .admin
        .set_role("helperadmin", Role::Admin)
        .await
        .unwrap();
    assert_eq!(
        app.get("/v1/admin/users", Some(&helper.access))
            .await
            .status,
        200
    );
    app.state
        .admin
        .set_role("helperadmin", Role::User)
        .await
        .unwrap();
    app.get("/v1/admin/users", Some(&helper.access))
        .await
        .assert_error(403, "FORBIDDEN");
}

/// One user of the filter matrix: what the test knows about them.
struct Known {
    id: String,
    username: String,
    email: String,
    name: Option<&'static str>,
    enabled: bool,
    verified: bool,
    admin: bool,
    team: Option<&'static str>,
}

#[tokio::test]
async fn every_filter_is_anded_and_the_count_always_agrees_with_the_list() {
    let app = spawn_app().await;
    let root = administrator(&app, "matrixroot").await;
    let sdk = authenticated(&app.base, &root.access);
    let mut known = vec![Known {
        id: root.id.clone(),
        username: "matrixroot".into(),
        email: "matrixroot@example.com".into(),
        name: None,
        enabled: true,
        verified: false,
        admin: true,
        team: None,
    }];
    let names = [
        Some("Ada Lovelace"),
        Some("Alan Turing"),
        None,
        Some("Grace Hopper"),
    ];
    for i in 0..12 {
        let username = format!("member{i:02}");
        let user = app.register(&username).await;
        let entry = Known {
            id: user.id.clone(),
            email: format!("{username}@example.com"),
            username,
            name: names[i % 4],
            enabled: i % 3 != 0,
            verified: i % 2 == 0,
            admin: i == 5,
            team: [Some("red"), Some("blue"), None][i % 3],
        };
        let mut attributes = BTreeMap::new();
        if let Some(team) = entry.team {
            attributes.insert(
                "team".to_string(),
                Some(vec![team.to_string(), "all".into()]),
            );
        }
        let mut profile = patch::UpdateUserRequest::default();
        if let Some(name) = entry.name {
            profile.name = patch::Field::Set(name.to_string());
        }
        sdk.admin_update_user()
            .user_id(user.id.parse::<uuid::Uuid>().unwrap())
            .body(patch::AdminUserUpdate {
                enabled: Some(entry.enabled),
                email_verified: Some(entry.verified),
                role: Some(if entry.admin {
                    types::RoleName::Admin
                } else {
                    types::RoleName::User
                }),
                attributes: Some(attributes),
                profile: Some(profile),
                ..Default::default()
            })
            .send()
            .await
            .expect("the update is accepted");
        known.push(entry);
    }

    type Check = fn(&Known) -> bool;
    type Case = (&'static str, Vec<(&'static str, &'static str)>, Check);
    let cases: Vec<Case> = vec![
        ("everyone", vec![], |_| true),
        ("enabled", vec![("enabled", "true")], |k| k.enabled),
        ("disabled", vec![("enabled", "false")], |k| !k.enabled),
        (
            "enabled and verified",
            vec![("enabled", "true"), ("emailVerified", "true")],
            |k| k.enabled && k.verified,
        ),
        ("admins", vec![("role", "admin")], |k| k.admin),
        ("prefix on username", vec![("search", "MEMBER0")], |k| {
            k.username.starts_with("member0")
        }),
        (
            "prefix on name, disabled",
            vec![("search", "ada"), ("enabled", "false")],
            |k| k.name.is_some_and(|n| n.starts_with("Ada")) && !k.enabled,
        ),
        ("substring", vec![("search", "*turing*")], |k| {
            k.name.is_some_and(|n| n.contains("Turing"))
        }),
        (
            "exact email",
            vec![("search", "\"member03@example.com\"")],
            |k| k.email == "member03@example.com",
        ),
        ("username", vec![("username", "Member07")], |k| {
            k.username == "member07"
        }),
        ("email", vec![("email", "MEMBER08@example.com")], |k| {
            k.email == "member08@example.com"
        }),
        ("attribute", vec![("attr", "team:red")], |k| {
            k.team == Some("red")
        }),
        (
            "two attribute values, both held",
            vec![("attr", "team:blue"), ("attr", "team:all")],
            |k| k.team == Some("blue"),
        ),
        (
            "attribute and verified and enabled",
            vec![
                ("attr", "team:all"),
                ("emailVerified", "true"),
                ("enabled", "true"),
            ],
            |k| k.team.is_some() && k.verified && k.enabled,
        ),
        (
            "created in the future",
            vec![("createdAfter", "2999-01-01T00:00:00Z")],
            |_| false,
        ),
        (
            "created before the future, not admin",
            vec![("createdBefore", "2999-01-01T00:00:00Z"), ("role", "user")],
            |k| !k.admin,
        ),
    ];
    for (name, filters, expected) in cases {
        let query: String = filters
            .iter()
            .map(|(k, v)| format!("&{k}={}", urlencoding(v)))
            .collect();
        let mut listed = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let mut path = format!("/v1/admin/users?limit=3{query}");
            if let Some(cursor) = &cursor {
                path.push_str(&format!("&cursor={cursor}"));
            }
            let page = app.get(&path, Some(&root.access)).await;
            assert_eq!(page.status, 200, "{name}: {}", page.body);
            for item in page.body["items"].as_array().unwrap() {
                listed.push(item["id"].as_str().unwrap().to_string());
            }
            match page.body["nextCursor"].as_str() {
                Some(next) => cursor = Some(next.to_string()),
                None => break,
            }
        }
        let count = app
            .get(
                &format!("/v1/admin/users/count?x=1{query}"),
                Some(&root.access),
            )
            .await;
        assert_eq!(count.status, 200, "{name}: {}", count.body);
        let mut wanted: Vec<String> = known
            .iter()
            .filter(|k| expected(k))
            .map(|k| k.id.clone())
            .collect();
        wanted.sort();
        let mut sorted = listed.clone();
        sorted.sort();
        assert_eq!(sorted, wanted, "{name}: the list");
        assert_eq!(
            listed.len(),
            sorted
                .iter()
                .collect::<std::collections::BTreeSet<_>>()
                .len()
        );
        assert_eq!(count.body["count"], wanted.len(), "{name}: the count");
    }

    // Through the SDK too: one combination, list and count.
    let listed = sdk
        .admin_list_users()
        .enabled(true)
        .attr(vec!["team:red".to_string()])
        .limit(std::num::NonZeroU32::new(100).unwrap())
        .send()
        .await
        .unwrap()
        .into_inner();
    let counted = sdk
        .admin_count_users()
        .enabled(true)
        .attr(vec!["team:red".to_string()])
        .send()
        .await
        .unwrap()
        .into_inner();
    let expected = known
        .iter()
        .filter(|k| k.enabled && k.team == Some("red"))
        .count();
    assert_eq!(listed.items.len(), expected);
    assert_eq!(counted.count as usize, expected);
    assert!(
        listed
            .items
            .iter()
            .all(|u| u.attributes["team"].contains(&"red".to_string()))
    );
}

fn urlencoding(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

#[tokio::test]
async fn filter_values_the_api_does_not_understand_are_refused_not_ignored() {
    let app = spawn_app().await;
    let root = administrator(&app, "strictroot").await;
    for bad in [
        "enabled=maybe",
        "emailVerified=1x",
        "role=owner",
        "attr=novalue",
        "attr=bad%20name:x",
        "search=**",
        "search=%22half",
        "createdAfter=yesterday",
        "createdAfter=2026-01-02T00:00:00Z&createdBefore=2026-01-01T00:00:00Z",
        "limit=0",
        "cursor=forged",
    ] {
        for path in ["/v1/admin/users", "/v1/admin/users/count"] {
            if path.ends_with("count") && (bad.starts_with("limit") || bad.starts_with("cursor")) {
                continue;
            }
            let reply = app.get(&format!("{path}?{bad}"), Some(&root.access)).await;
            assert_eq!(reply.status, 400, "{path}?{bad}: {}", reply.body);
            assert!(
                ["BAD_REQUEST", "INVALID_CURSOR"].contains(&reply.body["code"].as_str().unwrap()),
                "{path}?{bad}: {}",
                reply.body
            );
        }
    }
}

#[tokio::test]
async fn updates_merge_attributes_and_a_refused_update_changes_nothing() {
    let app = spawn_app().await;
    let root = administrator(&app, "mergeroot").await;
    let user = app.register("mergeduser").await;
    let first = patch_user(
        &app,
        &root,
        &user.id,
        json!({"attributes": {"team": ["red"], "tier": ["gold", "early"]}}),
    )
    .await;
    assert_eq!(first.status, 200, "{}", first.body);
    let second = patch_user(
        &app,
        &root,
        &user.id,
        json!({"attributes": {"tier": null, "org.unit": ["x"]}, "emailVerified": true}),
    )
    .await;
    assert_eq!(second.status, 200, "{}", second.body);
    assert_eq!(
        second.body["account"]["attributes"],
        json!({"org.unit": ["x"], "team": ["red"]}),
        "merged: null removed, new added, the rest kept"
    );
    // The owner reads them; the public never does.
    let own = app.me(&user.access).await;
    assert_eq!(own.body["attributes"]["team"], json!(["red"]));
    let public = app.get("/v1/profiles/mergeduser", None).await;
    assert!(public.body.get("attributes").is_none(), "{}", public.body);
    assert!(!public.text.contains("org.unit"));

    let before = record(&app, &root, &user.id).await;
    let refused = [
        (
            json!({"attributes": {"bad name": ["x"]}}),
            422,
            "VALIDATION_FAILED",
        ),
        (
            json!({"attributes": {"many": (0..11).map(|i| i.to_string()).collect::<Vec<_>>()}}),
            422,
            "VALIDATION_FAILED",
        ),
        (
            json!({"attributes": {"long": ["v".repeat(256)]}}),
            422,
            "VALIDATION_FAILED",
        ),
        (
            json!({"attributes": (0..50).map(|i| (format!("a{i}"), json!(["v"]))).collect::<serde_json::Map<_, _>>()}),
            422,
            "VALIDATION_FAILED",
        ),
        (
            json!({"enabled": false, "password": "sneaky"}),
            422,
            "VALIDATION_FAILED",
        ),
        (
            json!({"enabled": false, "profile": {"role": "admin"}}),
            422,
            "VALIDATION_FAILED",
        ),
        (
            json!({"enabled": false, "profile": {"username": "x"}}),
            422,
            "VALIDATION_FAILED",
        ),
        (
            json!({"requiredActions": ["SELF_DESTRUCT"]}),
            422,
            "VALIDATION_FAILED",
        ),
        (json!({"role": "owner"}), 422, "VALIDATION_FAILED"),
        (
            json!({"profile": {"username": "mergeroot"}, "enabled": false}),
            409,
            "USERNAME_TAKEN",
        ),
    ];
    for (body, status, code) in refused {
        patch_user(&app, &root, &user.id, body.clone())
            .await
            .assert_error(status, code);
        let after = record(&app, &root, &user.id).await;
        assert_eq!(after, before, "nothing changed after {body}");
    }

    // The last enabled administrator can be neither demoted nor disabled nor deleted.
    let root_before = record(&app, &root, &root.id).await;
    for body in [json!({"role": "user"}), json!({"enabled": false})] {
        patch_user(&app, &root, &root.id, body.clone())
            .await
            .assert_error(409, "LAST_ADMIN");
        assert_eq!(record(&app, &root, &root.id).await, root_before, "{body}");
    }
    app.delete(&format!("/v1/admin/users/{}", root.id), Some(&root.access))
        .await
        .assert_error(409, "LAST_ADMIN");
    // With a second administrator, it can.
    patch_user(&app, &root, &user.id, json!({"role": "admin"})).await;
    let demoted = patch_user(&app, &root, &root.id, json!({"role": "user"})).await;
    assert_eq!(demoted.status, 200, "{}", demoted.body);
    assert_eq!(demoted.body["account"]["role"], "user");
}

#[tokio::test]
async fn disabling_ends_every_session_and_login_says_so_only_to_the_right_password() {
    let app = spawn_app().await;
    let root = administrator(&app, "disableroot").await;
    let user = app.register("tobedisabled").await;
    let second = app.login("tobedisabled", &user.password).await;
    assert_eq!(second.status, 200);
    let disabled = patch_user(&app, &root, &user.id, json!({"enabled": false})).await;
    assert_eq!(disabled.status, 200, "{}", disabled.body);
    assert_eq!(disabled.body["sessionsCount"], 0);
    for token in [
        user.access.as_str(),
        second.body["tokens"]["accessToken"].as_str().unwrap(),
    ] {
        app.me(token)
            .await
            .assert_error(401, "GENERIC_UNAUTHORIZED");
    }
    let refreshed = app
        .post(
            "/v1/auth/refresh",
            None,
            json!({"refreshToken": user.refresh}),
        )
        .await;
    assert_eq!(refreshed.status, 401, "{}", refreshed.body);
    // A guesser learns nothing: the wrong password is just wrong.
    app.login("tobedisabled", "not the password at all")
        .await
        .assert_error(401, "INVALID_CREDENTIALS");
    app.login("tobedisabled", &user.password)
        .await
        .assert_error(403, "ACCOUNT_DISABLED");
    // Enabled again, the account logs in.
    patch_user(&app, &root, &user.id, json!({"enabled": true})).await;
    assert_eq!(app.login("tobedisabled", &user.password).await.status, 200);
}

#[tokio::test]
async fn sessions_are_listed_with_their_origin_and_ended_one_or_all() {
    let app = spawn_app().await;
    let root = administrator(&app, "sessionroot").await;
    let user = app.register("manysessions").await;
    let mut tokens = vec![user.access.clone()];
    for agent in ["phone-app/1.0", "desktop-browser/2.0"] {
        let reply = app
            .raw(
                Method::POST,
                "/v1/auth/login",
                &[("user-agent", agent), ("content-type", "application/json")],
                json!({"login": "manysessions", "password": user.password}).to_string(),
            )
            .await;
        assert_eq!(reply.status, 200, "{}", reply.text);
        tokens.push(
            reply.body["tokens"]["accessToken"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    let path = format!("/v1/admin/users/{}/sessions", user.id);
    let listed = app.get(&path, Some(&root.access)).await;
    assert_eq!(listed.status, 200, "{}", listed.body);
    let sessions = listed.body["items"].as_array().unwrap().clone();
    assert_eq!(sessions.len(), 3);
    assert_eq!(
        sessions[0]["userAgent"], "desktop-browser/2.0",
        "newest first"
    );
    assert_eq!(sessions[1]["userAgent"], "phone-app/1.0");
    assert!(sessions.iter().all(|s| s["clientIp"] == "127.0.0.1"));
    let paged = app
        .get(&format!("{path}?limit=2"), Some(&root.access))
        .await;
    assert_eq!(paged.body["items"].as_array().unwrap().len(), 2);
    assert!(paged.body["nextCursor"].is_string());

    // One ends: its token stops working at once, the others keep working.
    let newest = sessions[0]["id"].as_str().unwrap();
    let ended = app
        .delete(&format!("{path}/{newest}"), Some(&root.access))
        .await;
    assert_eq!(ended.status, 204, "{}", ended.body);
    app.me(&tokens[2])
        .await
        .assert_error(401, "GENERIC_UNAUTHORIZED");
    assert_eq!(app.me(&tokens[1]).await.status, 200);
    app.delete(&format!("{path}/{newest}"), Some(&root.access))
        .await
        .assert_error(404, "SESSION_NOT_FOUND");
    app.delete(
        &format!("{path}/{}", uuid::Uuid::new_v4()),
        Some(&root.access),
    )
    .await
    .assert_error(404, "SESSION_NOT_FOUND");
    app.delete(&format!("{path}/not-a-uuid"), Some(&root.access))
        .await
        .assert_error(422, "MALFORMED_ID");
    // All end.
    assert_eq!(app.delete(&path, Some(&root.access)).await.status, 204);
    for token in &tokens {
        app.me(token)
            .await
            .assert_error(401, "GENERIC_UNAUTHORIZED");
    }
    assert_eq!(record(&app, &root, &user.id).await["sessionsCount"], 0);
    // The account itself still logs in.
    assert_eq!(app.login("manysessions", &user.password).await.status, 200);
}

#[tokio::test]
async fn login_failures_are_shown_and_an_administrator_clears_them() {
    let app = spawn_app_with(&["--login-max-failures", "3"]).await;
    let root = administrator(&app, "throttleroot").await;
    let user = app.register("forgetful").await;
    for _ in 0..3 {
        app.login("forgetful", "wrong wrong wrong").await;
    }
    app.login("forgetful", &user.password)
        .await
        .assert_error(429, "RATE_LIMITED");
    let locked = record(&app, &root, &user.id).await;
    assert_eq!(locked["failedLoginCount"], 3);
    assert!(locked["lockedUntil"].is_string(), "{locked}");

    let cleared = app
        .delete(
            &format!("/v1/admin/users/{}/login-failures", user.id),
            Some(&root.access),
        )
        .await;
    assert_eq!(cleared.status, 204, "{}", cleared.body);
    let after = record(&app, &root, &user.id).await;
    assert_eq!(after["failedLoginCount"], 0);
    assert_eq!(after["lockedUntil"], Value::Null);
    assert_eq!(app.login("forgetful", &user.password).await.status, 200);
    assert!(
        after["lastLoginAt"].is_string()
            || record(&app, &root, &user.id).await["lastLoginAt"].is_string()
    );
}

#[tokio::test]
async fn every_action_is_audited_with_who_what_whom_which_fields_and_the_request() {
    let app = spawn_app().await;
    let root = administrator(&app, "auditroot").await;
    let user = app.register("audited").await;
    let other = app.register("otheraudited").await;
    let reply = app
        .raw(
            Method::PATCH,
            &format!("/v1/admin/users/{}", user.id),
            &[
                ("authorization", &format!("Bearer {}", root.access)),
                ("content-type", "application/json"),
                ("x-request-id", "audit-test-42"),
            ],
            json!({"enabled": false, "attributes": {"team": ["red"]}, "profile": {"name": "Audited One"}})
                .to_string(),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    app.delete(
        &format!("/v1/admin/users/{}/sessions", other.id),
        Some(&root.access),
    )
    .await;
    app.delete(&format!("/v1/admin/users/{}", other.id), Some(&root.access))
        .await;
    // A refused change leaves no record.
    patch_user(
        &app,
        &root,
        &user.id,
        json!({"attributes": {"bad name": ["x"]}}),
    )
    .await;

    let log = app.get("/v1/admin/audit", Some(&root.access)).await;
    assert_eq!(log.status, 200, "{}", log.body);
    let actions: Vec<&str> = log.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "user.delete",
            "user.sessions.revoke",
            "user.update",
            "role.grant"
        ],
        "newest first; the grant came from the command line's path"
    );
    let update = &log.body["items"][2];
    assert_eq!(update["actorId"], root.id.as_str());
    assert_eq!(update["actorName"], "auditroot");
    assert_eq!(update["targetId"], user.id.as_str());
    assert_eq!(update["targetName"], "audited");
    assert_eq!(update["requestId"], "audit-test-42");
    assert_eq!(
        update["changes"],
        json!({"enabled": false, "attributes": {"team": ["red"]}, "profile": ["name"]})
    );
    let grant = &log.body["items"][3];
    assert_eq!(grant["actorId"], Value::Null);
    assert_eq!(grant["actorName"], "command-line");

    let by_target = app
        .get(
            &format!("/v1/admin/audit?target={}", other.id),
            Some(&root.access),
        )
        .await;
    assert_eq!(by_target.body["items"].as_array().unwrap().len(), 2);
    let by_actor = app
        .get(
            &format!("/v1/admin/audit?actor={}&limit=1", root.id),
            Some(&root.access),
        )
        .await;
    assert_eq!(by_actor.body["items"].as_array().unwrap().len(), 1);
    assert!(by_actor.body["nextCursor"].is_string());
    app.get("/v1/admin/audit?actor=nobody", Some(&root.access))
        .await
        .assert_error(422, "MALFORMED_ID");
    let text = log.text.to_lowercase();
    assert!(
        !text.contains("password") && !text.contains("hash"),
        "no secrets: {text}"
    );
}

#[tokio::test]
async fn accounts_are_read_by_id_or_username_and_deleted() {
    let app = spawn_app().await;
    let root = administrator(&app, "readroot").await;
    let user = app.register("ReadMe").await;
    let by_id = record(&app, &root, &user.id).await;
    let by_name = app
        .get("/v1/admin/users/by-username/readme", Some(&root.access))
        .await;
    assert_eq!(by_name.body, by_id);
    for key in [
        "account",
        "lastLoginAt",
        "failedLoginCount",
        "lockedUntil",
        "sessionsCount",
    ] {
        assert!(by_id.get(key).is_some(), "{key} in {by_id}");
    }
    for key in [
        "enabled",
        "emailVerified",
        "role",
        "attributes",
        "requiredActions",
    ] {
        assert!(by_id["account"].get(key).is_some(), "{key}");
    }
    assert_eq!(by_id["sessionsCount"], 1);
    app.get("/v1/admin/users/by-username/nobody", Some(&root.access))
        .await
        .assert_error(404, "USER_NOT_FOUND");
    app.get(
        &format!("/v1/admin/users/{}", uuid::Uuid::new_v4()),
        Some(&root.access),
    )
    .await
    .assert_error(404, "USER_NOT_FOUND");
    let gone = app
        .delete(&format!("/v1/admin/users/{}", user.id), Some(&root.access))
        .await;
    assert_eq!(gone.status, 204);
    app.me(&user.access)
        .await
        .assert_error(401, "GENERIC_UNAUTHORIZED");
    app.get(&format!("/v1/admin/users/{}", user.id), Some(&root.access))
        .await
        .assert_error(404, "USER_NOT_FOUND");
}

#[tokio::test]
async fn two_administrators_demoting_each_other_at_once_leave_one() {
    let app = spawn_app().await;
    let first = administrator(&app, "firstadmin").await;
    let second = administrator(&app, "secondadmin").await;
    for _ in 0..5 {
        let (a, b) = tokio::join!(
            patch_user(&app, &first, &second.id, json!({"role": "user"})),
            patch_user(&app, &second, &first.id, json!({"role": "user"})),
        );
        let statuses = [a.status.as_u16(), b.status.as_u16()];
        let admins = app
            .state
            .admin
            .count(&profilehub::domain::admin::UserFilter {
                role: Some(Role::Admin),
                enabled: Some(true),
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(admins, 1, "one administrator is left ({statuses:?})");
        // Both back for the next round.
        app.state
            .admin
            .set_role("firstadmin", Role::Admin)
            .await
            .unwrap();
        app.state
            .admin
            .set_role("secondadmin", Role::Admin)
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn the_command_line_creates_grants_and_revokes_administrators() {
    let app = spawn_app().await;
    let run = |args: Vec<&str>, stdin: &str| {
        let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_profilehub"));
        command
            .arg("admin")
            .args(&args)
            .args(&app.args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let stdin = stdin.to_string();
        async move {
            let mut child = command.spawn().expect("the binary runs");
            let mut input = child.stdin.take().unwrap();
            tokio::io::AsyncWriteExt::write_all(&mut input, stdin.as_bytes())
                .await
                .unwrap();
            drop(input);
            child.wait_with_output().await.unwrap()
        }
    };
    let created = run(
        vec!["create", "clichief", "chief@example.com"],
        "a strong password from stdin\n",
    )
    .await;
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    let login = app.login("clichief", "a strong password from stdin").await;
    assert_eq!(login.status, 200, "{}", login.body);
    assert_eq!(login.body["user"]["role"], "admin");
    let chief = login.body["tokens"]["accessToken"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(app.get("/v1/admin/users", Some(&chief)).await.status, 200);

    // The last administrator stays one.
    let refused = run(vec!["revoke", "clichief"], "").await;
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("last enabled administrator"));

    app.register("deputy").await;
    assert!(run(vec!["grant", "deputy"], "").await.status.success());
    assert!(run(vec!["revoke", "clichief"], "").await.status.success());
    app.get("/v1/admin/users", Some(&chief))
        .await
        .assert_error(403, "FORBIDDEN");
    assert!(!run(vec!["grant", "nobody"], "").await.status.success());
    let empty = run(vec!["create", "nopassword", "np@example.com"], "").await;
    assert!(!empty.status.success(), "no password, no account");

    let actions: Vec<String> = app
        .state
        .admin
        .audit(None, None, Some(100), None)
        .await
        .unwrap()
        .items
        .iter()
        .map(|entry| format!("{} {}", entry.actor_name, entry.action))
        .collect();
    assert_eq!(
        actions,
        [
            "command-line role.revoke",
            "command-line role.grant",
            "command-line role.grant",
            "command-line user.create",
        ]
    );
}

#[tokio::test]
async fn a_disabled_account_leaves_every_leaderboard_and_comes_back_when_enabled() {
    let doubles = profilehub_testkit::PlatformDoubles::start().await;
    let app = crate::helpers::spawn_app_with_doubles(&doubles, &[]).await;
    let root = administrator(&app, "boardroot").await;
    let user = app.register("rankeduser").await;
    assert_eq!(
        app.link(&user, "codeforces", "rankeduser").await.status,
        200
    );
    app.refresh_ratings().await;
    let names = |reply: crate::helpers::Reply| -> Vec<String> {
        reply.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|row| row["username"].as_str().unwrap().to_string())
            .collect()
    };
    let board = "/v1/leaderboard?board=codeforces";
    assert_eq!(names(app.get(board, None).await), ["rankeduser"]);
    patch_user(&app, &root, &user.id, json!({"enabled": false})).await;
    assert!(names(app.get(board, None).await).is_empty());
    app.get("/v1/leaderboard/rankeduser?board=aggregate", None)
        .await
        .assert_error(404, "NOT_RANKED");
    patch_user(&app, &root, &user.id, json!({"enabled": true})).await;
    assert_eq!(names(app.get(board, None).await), ["rankeduser"]);
}

// ---------------------------------------------------------------------------------------
// Required actions, and the password change that completes one.

#[tokio::test]
async fn required_actions_gate_everything_but_what_completes_them() {
    let app = spawn_app().await;
    let root = administrator(&app, "actionsroot").await;
    let user = app.register("pendinguser").await;
    let set = patch_user(
        &app,
        &root,
        &user.id,
        json!({"requiredActions": ["UPDATE_PASSWORD", "TERMS_AND_CONDITIONS", "UPDATE_PROFILE"]}),
    )
    .await;
    assert_eq!(set.status, 200, "{}", set.body);

    // The token the user already holds is gated at once.
    let refused = app.get("/v1/user/notifications", Some(&user.access)).await;
    refused.assert_error(403, "REQUIRED_ACTION");
    assert_eq!(
        refused.body["fields"]["requiredActions"],
        json!(["UPDATE_PASSWORD", "UPDATE_PROFILE", "TERMS_AND_CONDITIONS"])
    );
    for (method, path) in [
        (Method::PUT, "/v1/users/me/following/actionsroot"),
        (Method::GET, "/v1/users/me/handles"),
        (Method::DELETE, "/v1/users/me"),
    ] {
        app.request(method, path, Some(&user.access), None)
            .await
            .assert_error(403, "REQUIRED_ACTION");
    }
    let me = app.me(&user.access).await;
    assert_eq!(me.status, 200, "the account can be read");
    assert_eq!(me.body["requiredActions"].as_array().unwrap().len(), 3);

    // A login says what is pending, beside working tokens.
    let login = app.login("pendinguser", &user.password).await;
    assert_eq!(login.status, 200);
    assert_eq!(
        login.body["requiredActions"],
        json!(["UPDATE_PASSWORD", "UPDATE_PROFILE", "TERMS_AND_CONDITIONS"])
    );
    let token = login.body["tokens"]["accessToken"]
        .as_str()
        .unwrap()
        .to_string();

    // Each completion clears its action.
    let accepted = app
        .post("/v1/users/me/terms/accept", Some(&token), json!({}))
        .await;
    assert_eq!(accepted.status, 204, "{}", accepted.body);
    let reviewed = app.patch("/v1/users/me", Some(&token), json!({})).await;
    assert_eq!(reviewed.status, 200, "{}", reviewed.body);
    assert_eq!(reviewed.body["requiredActions"], json!(["UPDATE_PASSWORD"]));
    app.get("/v1/user/notifications", Some(&token))
        .await
        .assert_error(403, "REQUIRED_ACTION");
    let changed = app
        .post(
            "/v1/users/me/password",
            Some(&token),
            json!({"currentPassword": user.password, "newPassword": "a brand new passphrase"}),
        )
        .await;
    assert_eq!(changed.status, 204, "{}", changed.body);
    assert_eq!(app.me(&token).await.body["requiredActions"], json!([]));
    assert_eq!(
        app.get("/v1/user/notifications", Some(&token)).await.status,
        200,
        "everything works again"
    );
    // A pending action allows only what completes it: a profile edit does not complete a
    // password change.
    patch_user(
        &app,
        &root,
        &user.id,
        json!({"requiredActions": ["UPDATE_PASSWORD"]}),
    )
    .await;
    app.patch(
        "/v1/users/me",
        Some(&token),
        json!({"email": "elsewhere@example.com"}),
    )
    .await
    .assert_error(403, "REQUIRED_ACTION");
    app.post("/v1/users/me/terms/accept", Some(&token), json!({}))
        .await
        .assert_error(403, "REQUIRED_ACTION");
    assert_eq!(
        app.me(&token).await.body["email"],
        "pendinguser@example.com"
    );
    patch_user(&app, &root, &user.id, json!({"requiredActions": []})).await;
    // An administrator verifying the email completes VERIFY_EMAIL.
    patch_user(
        &app,
        &root,
        &user.id,
        json!({"requiredActions": ["VERIFY_EMAIL"]}),
    )
    .await;
    app.get("/v1/user/notifications", Some(&token))
        .await
        .assert_error(403, "REQUIRED_ACTION");
    let verified = patch_user(&app, &root, &user.id, json!({"emailVerified": true})).await;
    assert_eq!(verified.body["account"]["requiredActions"], json!([]));
    assert_eq!(
        app.get("/v1/user/notifications", Some(&token)).await.status,
        200
    );
}

#[tokio::test]
async fn a_password_change_ends_the_other_sessions_and_needs_the_current_password() {
    let app = spawn_app().await;
    let user = app.register("changer").await;
    let other = app.login("changer", &user.password).await;
    let other = other.body["tokens"]["accessToken"]
        .as_str()
        .unwrap()
        .to_string();
    let change = |current: &str, new: &str| json!({"currentPassword": current, "newPassword": new});
    let before = app.me(&user.access).await.body;
    let wrong = app
        .post(
            "/v1/users/me/password",
            Some(&user.access),
            change("not my password", "a brand new passphrase"),
        )
        .await;
    wrong.assert_error(422, "VALIDATION_FAILED");
    assert!(
        wrong.body["fields"]["currentPassword"].is_array(),
        "{}",
        wrong.body
    );
    let weak = app
        .post(
            "/v1/users/me/password",
            Some(&user.access),
            change(&user.password, "short"),
        )
        .await;
    weak.assert_error(422, "VALIDATION_FAILED");
    assert!(
        weak.body["fields"]["newPassword"].is_array(),
        "{}",
        weak.body
    );
    app.post(
        "/v1/users/me/password",
        Some(&user.access),
        json!({"currentPassword": user.password, "newPassword": "a brand new passphrase", "admin": true}),
    )
    .await
    .assert_error(422, "VALIDATION_FAILED");
    assert_eq!(app.me(&user.access).await.body, before, "nothing changed");
    assert_eq!(app.me(&other).await.status, 200, "no session ended yet");

    let done = app
        .post(
            "/v1/users/me/password",
            Some(&user.access),
            change(&user.password, "a brand new passphrase"),
        )
        .await;
    assert_eq!(done.status, 204, "{}", done.body);
    assert_eq!(app.me(&user.access).await.status, 200, "this session stays");
    app.me(&other)
        .await
        .assert_error(401, "GENERIC_UNAUTHORIZED");
    app.login("changer", &user.password)
        .await
        .assert_error(401, "INVALID_CREDENTIALS");
    assert_eq!(
        app.login("changer", "a brand new passphrase").await.status,
        200
    );
}

#[tokio::test]
async fn twenty_parallel_wrong_current_passwords_count_twenty_toward_throttling() {
    let app = spawn_app_with(&["--login-max-failures", "100"]).await;
    let user = app.register("parallelchanger").await;
    let attempts = (0..20).map(|i| {
        let app = &app;
        let token = user.access.clone();
        async move {
            app.post(
                "/v1/users/me/password",
                Some(&token),
                json!({"currentPassword": format!("wrong guess {i}"), "newPassword": "whatever it may be"}),
            )
            .await
        }
    });
    for reply in futures_util::future::join_all(attempts).await {
        reply.assert_error(422, "VALIDATION_FAILED");
    }
    assert_eq!(
        app.state
            .auth
            .failed_logins("parallelchanger")
            .await
            .unwrap(),
        20
    );
}

#[tokio::test]
async fn a_throttled_account_cannot_change_its_password_even_with_the_right_one() {
    let app = spawn_app_with(&["--login-max-failures", "3"]).await;
    let user = app.register("lockedchanger").await;
    for _ in 0..3 {
        app.post(
            "/v1/users/me/password",
            Some(&user.access),
            json!({"currentPassword": "wrong", "newPassword": "whatever it may be"}),
        )
        .await;
    }
    let right = app
        .post(
            "/v1/users/me/password",
            Some(&user.access),
            json!({"currentPassword": user.password, "newPassword": "whatever it may be"}),
        )
        .await;
    right.assert_error(429, "RATE_LIMITED");
    assert!(right.headers.get("retry-after").is_some());
    app.login("lockedchanger", &user.password)
        .await
        .assert_error(429, "RATE_LIMITED");
}
