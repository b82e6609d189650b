//! Brute force and credential stuffing: failed logins are counted per account, per
//! (client, account) and per client, exactly, and past a threshold every attempt waits —
//! the right password too — without telling whether the account exists.

use reqwest::Method;
use serde_json::json;

use crate::helpers::{Reply, TestApp, spawn_app, spawn_app_with};

const WRONG: &str = "not the password at all";

fn retry_after(reply: &Reply) -> u64 {
    reply.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap()
}

/// A login as a client behind a proxy would send it.
async fn login_from(app: &TestApp, forwarded_for: &str, login: &str, password: &str) -> Reply {
    app.raw(
        Method::POST,
        "/v1/auth/login",
        &[
            ("content-type", "application/json"),
            ("x-forwarded-for", forwarded_for),
        ],
        json!({"login": login, "password": password}).to_string(),
    )
    .await
}

#[tokio::test]
async fn past_the_threshold_every_attempt_waits_even_with_the_right_password() {
    let app = spawn_app_with(&[
        "--login-max-failures",
        "3",
        "--login-wait-step",
        "1s",
        "--login-max-wait",
        "5s",
    ])
    .await;
    let dave = app.register("dave").await;
    for _ in 0..3 {
        app.login("dave", WRONG)
            .await
            .assert_error(401, "INVALID_CREDENTIALS");
    }
    let locked = app.login("dave", &dave.password).await;
    locked.assert_error(429, "RATE_LIMITED");
    assert_eq!(retry_after(&locked), 1);
    assert_eq!(
        app.state.auth.failed_logins("dave").await.unwrap(),
        3,
        "refused attempts are not counted"
    );

    // After the wait a failure counts again, and the next wait is longer.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    app.login("dave", WRONG)
        .await
        .assert_error(401, "INVALID_CREDENTIALS");
    let longer = app.login("dave", &dave.password).await;
    longer.assert_error(429, "RATE_LIMITED");
    assert_eq!(retry_after(&longer), 2);

    // The right password after the wait logs in and clears the account's count.
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    assert_eq!(app.login("dave", &dave.password).await.status, 200);
    assert_eq!(app.state.auth.failed_logins("dave").await.unwrap(), 0);
    app.login("dave", WRONG)
        .await
        .assert_error(401, "INVALID_CREDENTIALS");
}

#[tokio::test]
async fn an_unknown_account_is_throttled_exactly_like_a_real_one() {
    let app = spawn_app_with(&["--login-max-failures", "2"]).await;
    app.register("real").await;
    let mut answers = Vec::new();
    for login in ["real", "ghost"] {
        let mut replies = Vec::new();
        for _ in 0..3 {
            let reply = app.login(login, WRONG).await;
            replies.push((
                reply.status.as_u16(),
                reply.body.clone(),
                reply.headers.contains_key("retry-after"),
            ));
        }
        answers.push(replies);
    }
    assert_eq!(answers[0], answers[1], "nothing tells the two apart");
    assert_eq!(answers[0][2].0, 429);
}

#[tokio::test]
async fn twenty_parallel_wrong_passwords_count_twenty() {
    let app = spawn_app().await;
    app.register("racer").await;
    let attempts = (0..20).map(|_| app.login("racer", WRONG));
    for reply in futures_util::future::join_all(attempts).await {
        reply.assert_error(401, "INVALID_CREDENTIALS");
    }
    assert_eq!(app.state.auth.failed_logins("racer").await.unwrap(), 20);
    assert_eq!(
        app.state
            .auth
            .failed_logins("racer@example.com")
            .await
            .unwrap(),
        20,
        "one account, whichever name was typed"
    );
}

#[tokio::test]
async fn one_client_trying_many_accounts_is_throttled_as_a_client() {
    let app = spawn_app_with(&["--login-max-failures-per-ip", "4"]).await;
    for i in 0..4 {
        app.login(&format!("victim{i}"), WRONG)
            .await
            .assert_error(401, "INVALID_CREDENTIALS");
    }
    app.login("victim9", WRONG)
        .await
        .assert_error(429, "RATE_LIMITED");
}

#[tokio::test]
async fn forwarded_addresses_are_believed_only_from_trusted_proxies() {
    let flags = ["--login-max-failures-per-ip", "2"];
    // Behind a trusted proxy, each forwarded client has its own count.
    let proxied = spawn_app_with(&[flags[0], flags[1], "--trusted-proxies", "127.0.0.0/8"]).await;
    for name in ["a1", "a2"] {
        login_from(&proxied, "203.0.113.1", name, WRONG)
            .await
            .assert_error(401, "INVALID_CREDENTIALS");
    }
    login_from(&proxied, "203.0.113.1", "a3", WRONG)
        .await
        .assert_error(429, "RATE_LIMITED");
    login_from(&proxied, "198.51.100.7, 203.0.113.9", "a3", WRONG)
        .await
        .assert_error(401, "INVALID_CREDENTIALS");

    // From an untrusted peer the header is ignored: a client cannot pick a fresh address.
    let direct = spawn_app_with(&flags).await;
    for (forwarded, name) in [("203.0.113.1", "b1"), ("203.0.113.2", "b2")] {
        login_from(&direct, forwarded, name, WRONG)
            .await
            .assert_error(401, "INVALID_CREDENTIALS");
    }
    login_from(&direct, "203.0.113.3", "b3", WRONG)
        .await
        .assert_error(429, "RATE_LIMITED");
}

#[tokio::test]
async fn registrations_from_one_client_are_limited() {
    let app = spawn_app_with(&["--registrations-per-ip-per-hour", "2"]).await;
    app.register("first").await;
    app.register("second").await;
    let third = app
        .post(
            "/v1/auth/register",
            None,
            json!({"username": "third", "email": "third@example.com", "password": "long enough pass"}),
        )
        .await;
    third.assert_error(429, "RATE_LIMITED");
    assert!(retry_after(&third) > 3000, "the hour's window");
    app.get("/v1/profiles/third", None)
        .await
        .assert_error(404, "USER_NOT_FOUND");
}
