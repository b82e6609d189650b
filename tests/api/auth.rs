//! Registration, login, refresh-token rotation and session revocation.

use base64::{Engine as _, engine::general_purpose::URL_SAFE_NO_PAD};
use profilehub::security::tokens::{AccessClaims, AccessTokens};
use serde_json::json;
use uuid::Uuid;

use crate::helpers::{SECRET, spawn_app, spawn_app_with};

#[tokio::test]
async fn registering_returns_the_account_and_a_working_token_pair() {
    let app = spawn_app().await;
    let reply = app
        .post(
            "/v1/auth/register",
            None,
            json!({"username": "Ada.L", "email": "ada@example.com", "password": "analytical engine", "name": "Ada Lovelace"}),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    let user = &reply.body["user"];
    assert_eq!(user["username"], "Ada.L");
    assert_eq!(user["name"], "Ada Lovelace");
    assert_eq!(user["role"], "user");
    assert_eq!(user["enabled"], true);
    assert_eq!(user["emailVerified"], false);
    assert_eq!(
        user["visibility"],
        json!({"email": false, "dateOfBirth": false, "phoneNumber": false, "lists": true})
    );
    let tokens = &reply.body["tokens"];
    assert_eq!(tokens["tokenType"], "Bearer");
    assert_eq!(
        tokens["expiresIn"], 900,
        "access tokens live 15 minutes by default"
    );
    assert!(
        reply.body.to_string().find("analytical engine").is_none(),
        "password echoed"
    );

    let me = app.me(tokens["accessToken"].as_str().unwrap()).await;
    assert_eq!(me.status, 200);
    assert_eq!(me.body["id"], user["id"]);
}

#[tokio::test]
async fn usernames_and_emails_are_unique_case_insensitively() {
    let app = spawn_app().await;
    app.register("grace").await;

    let taken_name = app
        .post(
            "/v1/auth/register",
            None,
            json!({"username": "GRACE", "email": "other@example.com", "password": "compilers!"}),
        )
        .await;
    taken_name.assert_error(409, "USERNAME_TAKEN");

    let taken_email = app
        .post(
            "/v1/auth/register",
            None,
            json!({"username": "hopper", "email": "Grace@Example.COM", "password": "compilers!"}),
        )
        .await;
    taken_email.assert_error(409, "EMAIL_TAKEN");

    // Neither refused registration created an account.
    app.login("other@example.com", "compilers!")
        .await
        .assert_error(401, "INVALID_CREDENTIALS");
    app.login("hopper", "compilers!")
        .await
        .assert_error(401, "INVALID_CREDENTIALS");
}

#[tokio::test]
async fn invalid_registrations_report_every_field_and_create_nothing() {
    let app = spawn_app().await;
    let reply = app
        .post(
            "/v1/auth/register",
            None,
            json!({"username": "no spaces", "email": "not-an-email", "password": "short"}),
        )
        .await;
    reply.assert_error(422, "VALIDATION_FAILED");
    let fields = reply.body["fields"].as_object().unwrap();
    for field in ["username", "email", "password"] {
        assert!(
            fields.contains_key(field),
            "{field} missing: {}",
            reply.body
        );
    }
    let too_long = app
        .post(
            "/v1/auth/register",
            None,
            json!({"username": "longpw", "email": "l@example.com", "password": "x".repeat(129)}),
        )
        .await;
    too_long.assert_error(422, "VALIDATION_FAILED");
    assert!(too_long.body["fields"]["password"].is_array());
    app.login("longpw", &"x".repeat(128))
        .await
        .assert_error(401, "INVALID_CREDENTIALS");
}

#[tokio::test]
async fn registration_refuses_mass_assignment_of_role_and_flags() {
    let app = spawn_app().await;
    let reply = app
        .post(
            "/v1/auth/register",
            None,
            json!({"username": "mallory", "email": "m@example.com", "password": "let me in please",
                   "role": "admin", "emailVerified": true}),
        )
        .await;
    reply.assert_error(422, "VALIDATION_FAILED");
    assert!(reply.body["fields"]["role"].is_array());
    assert!(reply.body["fields"]["emailVerified"].is_array());
    app.login("mallory", "let me in please")
        .await
        .assert_error(401, "INVALID_CREDENTIALS");
}

#[tokio::test]
async fn a_referral_is_recorded_and_an_unknown_referrer_is_refused() {
    let app = spawn_app().await;
    let referrer = app.register("inviter").await;

    let unknown = app
        .post(
            "/v1/auth/register",
            None,
            json!({"username": "invitee", "email": "invitee@example.com", "password": "friendly pass", "referrerHandle": "nobody"}),
        )
        .await;
    unknown.assert_error(422, "REFERRER_NOT_FOUND");
    assert!(unknown.body["fields"]["referrerHandle"].is_array());

    let ok = app
        .post(
            "/v1/auth/register",
            None,
            json!({"username": "invitee", "email": "invitee@example.com", "password": "friendly pass", "referrerHandle": "INVITER"}),
        )
        .await;
    assert_eq!(ok.status, 201, "{}", ok.body);
    let referrer_id = Uuid::parse_str(&referrer.id).unwrap();
    assert_eq!(
        app.state.users.referral_count(referrer_id).await.unwrap(),
        1
    );
    let invitee_id = Uuid::parse_str(ok.body["user"]["id"].as_str().unwrap()).unwrap();
    let invitee = app.state.users.by_id(invitee_id).await.unwrap();
    assert_eq!(invitee.referrer_id, Some(referrer_id));
}

#[tokio::test]
async fn login_accepts_the_username_or_the_email_in_any_case() {
    let app = spawn_app().await;
    let user = app.register("Linus").await;
    for login in ["Linus", "linus", "LINUS@example.com", "linus@EXAMPLE.com"] {
        let reply = app.login(login, &user.password).await;
        assert_eq!(reply.status, 200, "{login}: {}", reply.body);
        assert_eq!(reply.body["user"]["id"], user.id.as_str());
    }
}

#[tokio::test]
async fn wrong_password_and_unknown_user_are_indistinguishable_and_cost_one_hash_each() {
    let app = spawn_app().await;
    let user = app.register("victim").await;

    let before = app.password_verifications();
    let wrong_password = app.login("victim", "not the password").await;
    assert_eq!(app.password_verifications(), before + 1);
    let unknown_user = app.login("nobody-here", "not the password").await;
    assert_eq!(app.password_verifications(), before + 2);

    wrong_password.assert_error(401, "INVALID_CREDENTIALS");
    unknown_user.assert_error(401, "INVALID_CREDENTIALS");
    assert_eq!(wrong_password.body, unknown_user.body);
    assert_eq!(app.login("victim", &user.password).await.status, 200);
}

#[tokio::test]
async fn over_long_passwords_are_refused_before_any_hashing() {
    let app = spawn_app().await;
    app.register("hashme").await;
    let before = app.password_verifications();
    let reply = app.login("hashme", &"p".repeat(129)).await;
    reply.assert_error(422, "VALIDATION_FAILED");
    assert_eq!(app.password_verifications(), before, "no hash was computed");
}

#[tokio::test]
async fn refresh_tokens_rotate_and_a_reused_one_revokes_the_session() {
    // No reuse interval: every second presentation is theft.
    let app = spawn_app_with(&["--refresh-token-reuse-interval", "0s"]).await;
    let user = app.register("rotator").await;

    let first = app
        .post(
            "/v1/auth/refresh",
            None,
            json!({"refreshToken": user.refresh}),
        )
        .await;
    assert_eq!(first.status, 200, "{}", first.body);
    let new_access = first.body["accessToken"].as_str().unwrap().to_string();
    let new_refresh = first.body["refreshToken"].as_str().unwrap().to_string();
    assert_ne!(new_refresh, user.refresh);
    assert_eq!(app.me(&new_access).await.status, 200);

    // The old refresh token was single-use: presenting it again is theft.
    app.post(
        "/v1/auth/refresh",
        None,
        json!({"refreshToken": user.refresh}),
    )
    .await
    .assert_error(401, "REFRESH_TOKEN_REUSED");

    // The whole session is gone: the newest tokens stop working too.
    app.post(
        "/v1/auth/refresh",
        None,
        json!({"refreshToken": new_refresh}),
    )
    .await
    .assert_error(401, "GENERIC_UNAUTHORIZED");
    app.me(&new_access)
        .await
        .assert_error(401, "GENERIC_UNAUTHORIZED");
    app.me(&user.access)
        .await
        .assert_error(401, "GENERIC_UNAUTHORIZED");

    // Other sessions are unaffected.
    let other = app.login("rotator", &user.password).await;
    assert_eq!(
        app.me(other.body["tokens"]["accessToken"].as_str().unwrap())
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn concurrent_exchanges_of_one_refresh_token_let_exactly_one_win() {
    let app = spawn_app_with(&["--refresh-token-reuse-interval", "0s"]).await;
    let user = app.register("racer").await;
    let body = json!({"refreshToken": user.refresh});
    let (a, b) = tokio::join!(
        app.post("/v1/auth/refresh", None, body.clone()),
        app.post("/v1/auth/refresh", None, body.clone())
    );
    let mut statuses = [a.status.as_u16(), b.status.as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 401], "{} / {}", a.body, b.body);
}

async fn refresh(app: &crate::helpers::TestApp, token: &str) -> crate::helpers::Reply {
    app.post("/v1/auth/refresh", None, json!({ "refreshToken": token }))
        .await
}

#[tokio::test]
async fn a_client_that_sends_its_refresh_token_twice_gets_the_same_successor() {
    let app = spawn_app().await; // the default 10 s reuse interval
    let user = app.register("doubler").await;
    let (a, b) = tokio::join!(refresh(&app, &user.refresh), refresh(&app, &user.refresh));
    assert_eq!(
        (a.status.as_u16(), b.status.as_u16()),
        (200, 200),
        "{} / {}",
        a.body,
        b.body
    );
    assert_eq!(
        a.body["refreshToken"], b.body["refreshToken"],
        "one successor"
    );
    let third = refresh(&app, &user.refresh).await;
    assert_eq!(
        third.status, 200,
        "a late retry within the interval: {}",
        third.body
    );
    assert_eq!(third.body["refreshToken"], a.body["refreshToken"]);
    for reply in [&a, &b, &third] {
        assert_eq!(
            app.me(reply.body["accessToken"].as_str().unwrap())
                .await
                .status,
            200
        );
    }

    // The session goes on with the successor; once it is used, the old token is a replay.
    let successor = a.body["refreshToken"].as_str().unwrap();
    let next = refresh(&app, successor).await;
    assert_eq!(next.status, 200);
    refresh(&app, &user.refresh)
        .await
        .assert_error(401, "REFRESH_TOKEN_REUSED");
    app.me(next.body["accessToken"].as_str().unwrap())
        .await
        .assert_error(401, "GENERIC_UNAUTHORIZED");
}

#[tokio::test]
async fn a_refresh_token_presented_again_after_the_reuse_interval_revokes_the_session() {
    let app = spawn_app_with(&["--refresh-token-reuse-interval", "200ms"]).await;
    let user = app.register("latecomer").await;
    let first = refresh(&app, &user.refresh).await;
    assert_eq!(first.status, 200);
    tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    refresh(&app, &user.refresh)
        .await
        .assert_error(401, "REFRESH_TOKEN_REUSED");
    refresh(&app, first.body["refreshToken"].as_str().unwrap())
        .await
        .assert_error(401, "GENERIC_UNAUTHORIZED");
}

#[tokio::test]
async fn an_expired_refresh_token_is_refused_with_its_own_code() {
    let app = spawn_app_with(&["--refresh-token-ttl", "1ms"]).await;
    let user = app.register("sleepy").await;
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    app.post(
        "/v1/auth/refresh",
        None,
        json!({"refreshToken": user.refresh}),
    )
    .await
    .assert_error(401, "REFRESH_TOKEN_EXPIRED");
}

#[tokio::test]
async fn unknown_refresh_tokens_are_unauthorized() {
    let app = spawn_app().await;
    app.post("/v1/auth/refresh", None, json!({"refreshToken": "made-up"}))
        .await
        .assert_error(401, "GENERIC_UNAUTHORIZED");
}

#[tokio::test]
async fn logout_revokes_the_session_on_the_very_next_request() {
    let app = spawn_app().await;
    let user = app.register("leaver").await;
    let other = app.login("leaver", &user.password).await;
    let other_access = other.body["tokens"]["accessToken"]
        .as_str()
        .unwrap()
        .to_string();
    // Both sessions are in use (and so remembered as live by the service).
    assert_eq!(app.me(&user.access).await.status, 200);
    assert_eq!(app.me(&other_access).await.status, 200);

    let reply = app
        .post("/v1/auth/logout", Some(&user.access), json!({}))
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
    assert_eq!(
        app.me(&other_access).await.status,
        200,
        "only this session ended"
    );
}

#[tokio::test]
async fn logout_all_revokes_every_session_of_the_user_only() {
    let app = spawn_app().await;
    let user = app.register("everywhere").await;
    let bystander = app.register("bystander").await;
    let second = app.login("everywhere", &user.password).await;
    let second_access = second.body["tokens"]["accessToken"]
        .as_str()
        .unwrap()
        .to_string();

    let reply = app
        .post("/v1/auth/logout-all", Some(&second_access), json!({}))
        .await;
    assert_eq!(reply.status, 204);
    app.me(&user.access)
        .await
        .assert_error(401, "GENERIC_UNAUTHORIZED");
    app.me(&second_access)
        .await
        .assert_error(401, "GENERIC_UNAUTHORIZED");
    assert_eq!(app.me(&bystander.access).await.status, 200);
}

fn claims_for(user_id: &str, exp_offset_secs: i64) -> AccessClaims {
    let now = chrono::Utc::now().timestamp();
    AccessClaims {
        sub: Uuid::parse_str(user_id).unwrap(),
        sid: Uuid::new_v4(),
        iss: "profilehub".into(),
        aud: "profilehub".into(),
        iat: now,
        exp: now + exp_offset_secs,
    }
}

#[tokio::test]
async fn an_expired_access_token_says_refresh_rather_than_log_in() {
    let app = spawn_app().await;
    let user = app.register("expired").await;
    let parts: Vec<&str> = user.access.split('.').collect();
    let mut claims: AccessClaims =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    claims.iat -= 3600;
    claims.exp = chrono::Utc::now().timestamp() - 1;
    let expired = app.state.auth.access_tokens().sign(&claims);
    app.me(&expired)
        .await
        .assert_error(401, "SESSION_TOKEN_EXPIRED");
}

#[tokio::test]
async fn forged_tokens_are_all_generic_unauthorized() {
    let app = spawn_app().await;
    let user = app.register("target").await;
    let valid_claims = {
        let parts: Vec<&str> = user.access.split('.').collect();
        serde_json::from_slice::<AccessClaims>(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap()
    };

    let alg_none = format!(
        "{}.{}.",
        URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#),
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(&valid_claims).unwrap())
    );
    let other_key = AccessTokens::new(
        &[9u8; 32],
        "profilehub",
        std::time::Duration::from_secs(900),
    )
    .unwrap()
    .sign(&valid_claims);
    let tampered = {
        let mut parts: Vec<String> = user.access.split('.').map(String::from).collect();
        let mut claims = valid_claims.clone();
        claims.sub = Uuid::new_v4();
        parts[1] = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&claims).unwrap());
        parts.join(".")
    };
    let wrong_issuer = AccessTokens::new(
        SECRET.as_bytes(),
        "someone-else",
        std::time::Duration::from_secs(900),
    )
    .unwrap()
    .sign(&AccessClaims {
        iss: "someone-else".into(),
        aud: "someone-else".into(),
        ..valid_claims.clone()
    });
    let unknown_session = app
        .state
        .auth
        .access_tokens()
        .sign(&claims_for(&user.id, 900));

    for (what, token) in [
        ("alg none", alg_none.as_str()),
        ("another key", other_key.as_str()),
        ("tampered payload", tampered.as_str()),
        ("wrong issuer", wrong_issuer.as_str()),
        ("session that never existed", unknown_session.as_str()),
        ("garbage", "not-a-token"),
    ] {
        let reply = app.me(token).await;
        assert_eq!(
            reply.code(),
            "GENERIC_UNAUTHORIZED",
            "{what}: {}",
            reply.body
        );
        assert_eq!(reply.status, 401, "{what}");
    }
}

#[tokio::test]
async fn a_missing_bearer_token_gets_the_json_401() {
    let app = spawn_app().await;
    app.get("/v1/users/me", None)
        .await
        .assert_error(401, "GENERIC_UNAUTHORIZED");
    let basic = app
        .raw(
            reqwest::Method::GET,
            "/v1/users/me",
            &[("authorization", "Basic dTpw")],
            "",
        )
        .await;
    basic.assert_error(401, "GENERIC_UNAUTHORIZED");
}
