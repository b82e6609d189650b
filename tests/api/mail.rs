//! Account flows on mailed codes, read from a real SMTP conversation (the testkit's
//! sink): forgotten passwords (the same answer whether or not an account has the
//! address), resets, email verification; codes that work once, expire, wear out after 5
//! wrong tries and are replaced by newer ones. On SQLite and PostgreSQL.

use std::time::Duration;

use profilehub_testkit::smtp::SmtpSink;
use serde_json::json;

use crate::helpers::{Reply, TestApp, spawn_app_with};

/// An app that mails through `sink`.
async fn app_mailing_to(sink: &SmtpSink, extra: &[&str]) -> TestApp {
    let url = sink.url();
    let mut flags = vec!["--smtp-url", url.as_str()];
    flags.extend_from_slice(extra);
    spawn_app_with(&flags).await
}

/// Sends what the outbox holds and returns the code in the newest mail to `address`.
async fn code_mailed_to(app: &TestApp, sink: &SmtpSink, address: &str) -> String {
    app.state.mailer.send_due().await.unwrap();
    let mail = sink.to(address).pop().expect("a mail to the address");
    let body = mail.body();
    let line = body
        .lines()
        .find_map(|line| line.strip_prefix("Your code: "))
        .unwrap_or_else(|| panic!("a code in {body}"));
    line.trim().to_string()
}

async fn forgot(app: &TestApp, email: &str) -> Reply {
    app.post("/v1/auth/password/forgot", None, json!({"email": email}))
        .await
}

async fn reset(app: &TestApp, token: &str, password: &str) -> Reply {
    app.post(
        "/v1/auth/password/reset",
        None,
        json!({"token": token, "newPassword": password}),
    )
    .await
}

#[tokio::test]
async fn a_forgotten_password_is_reset_with_the_mailed_code_and_every_session_ends() {
    let sink = SmtpSink::start().await;
    let app = app_mailing_to(&sink, &[]).await;
    let user = app.register("forgetter").await;
    let answer = forgot(&app, "FORGETTER@example.com").await;
    assert_eq!(answer.status, 202, "{}", answer.body);
    let code = code_mailed_to(&app, &sink, "forgetter@example.com").await;
    let mail = sink.to("forgetter@example.com").pop().unwrap();
    assert_eq!(mail.subject(), Some("Reset your profilehub password"));
    assert!(
        mail.body()
            .contains(&format!("/reset-password?token={code}"))
    );

    let done = reset(&app, &code, "a fresh start passphrase").await;
    assert_eq!(done.status, 204, "{}", done.body);
    app.me(&user.access)
        .await
        .assert_error(401, "GENERIC_UNAUTHORIZED");
    app.login("forgetter", &user.password)
        .await
        .assert_error(401, "INVALID_CREDENTIALS");
    assert_eq!(
        app.login("forgetter", "a fresh start passphrase")
            .await
            .status,
        200
    );
    // Once only.
    reset(&app, &code, "yet another passphrase")
        .await
        .assert_error(400, "INVALID_CODE");
    // Sent once: the outbox keeps no body after sending.
    app.state.mailer.send_due().await.unwrap();
    assert_eq!(sink.to("forgetter@example.com").len(), 1);
}

#[tokio::test]
async fn nobody_can_tell_from_the_answer_whether_an_address_is_registered() {
    let sink = SmtpSink::start().await;
    let app = app_mailing_to(&sink, &[]).await;
    app.register("registered").await;
    let known = forgot(&app, "registered@example.com").await;
    let unknown = forgot(&app, "stranger@example.com").await;
    assert_eq!(known.status, unknown.status);
    assert_eq!(known.body, unknown.body);
    let headers = |reply: &Reply| {
        let mut names: Vec<String> = reply
            .headers
            .keys()
            .map(|k| k.as_str().to_string())
            .filter(|k| !["x-request-id", "date"].contains(&k.as_str()))
            .collect();
        names.sort();
        names
    };
    assert_eq!(headers(&known), headers(&unknown));
    // Both addresses get one mail; only the registered one gets a code.
    app.state.mailer.send_due().await.unwrap();
    assert_eq!(sink.to("registered@example.com").len(), 1);
    let notice = sink.to("stranger@example.com").pop().expect("a notice");
    assert!(
        notice.body().contains("no account uses it"),
        "{}",
        notice.body()
    );
    assert!(!notice.body().contains("Your code"));
    // The same limits count both: the sixth request for one address in an hour is 429,
    // registered or not.
    for address in ["registered@example.com", "stranger@example.com"] {
        for _ in 0..4 {
            assert_eq!(forgot(&app, address).await.status, 202);
        }
        let limited = forgot(&app, address).await;
        limited.assert_error(429, "RATE_LIMITED");
        assert!(limited.headers.get("retry-after").is_some());
    }
}

#[tokio::test]
async fn the_forgotten_password_answer_takes_as_long_either_way() {
    // Timing: the median of many requests for a registered and an unregistered address
    // (interleaved) differ by less than the noise of one request. Generous on purpose: it
    // guards against a branch that does clearly more work (a hash, a mail send) for one.
    let sink = SmtpSink::start().await;
    let app = app_mailing_to(&sink, &["--registrations-per-ip-per-hour", "100000"]).await;
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    for i in 0..20 {
        let name = format!("timed{i:02}");
        app.register(&name).await;
        let started = std::time::Instant::now();
        forgot(&app, &format!("{name}@example.com")).await;
        known.push(started.elapsed());
        let started = std::time::Instant::now();
        forgot(&app, &format!("nobody{i:02}@example.com")).await;
        unknown.push(started.elapsed());
    }
    known.sort();
    unknown.sort();
    let (known, unknown) = (known[10], unknown[10]);
    let gap = known.abs_diff(unknown);
    assert!(
        gap < Duration::from_millis(25),
        "median {known:?} with an account, {unknown:?} without"
    );
}

#[tokio::test]
async fn codes_wear_out_expire_and_are_replaced_by_newer_ones() {
    let sink = SmtpSink::start().await;
    let app = app_mailing_to(&sink, &[]).await;
    let user = app.register("careful").await;

    // A newer code cancels the older one.
    forgot(&app, "careful@example.com").await;
    let older = code_mailed_to(&app, &sink, "careful@example.com").await;
    forgot(&app, "careful@example.com").await;
    let newer = code_mailed_to(&app, &sink, "careful@example.com").await;
    assert_ne!(older, newer);
    reset(&app, &older, "passphrase number one")
        .await
        .assert_error(400, "INVALID_CODE");

    // Five wrong secrets wear the code out: the right one is refused after them.
    let (id, secret) = newer.split_once('.').unwrap();
    let wrong_secret: String = secret
        .chars()
        .map(|c| if c == 'A' { 'B' } else { 'A' })
        .collect();
    for _ in 0..5 {
        reset(
            &app,
            &format!("{id}.{wrong_secret}"),
            "passphrase number two",
        )
        .await
        .assert_error(400, "INVALID_CODE");
    }
    reset(&app, &newer, "passphrase number two")
        .await
        .assert_error(400, "INVALID_CODE");
    // Nothing changed meanwhile.
    assert_eq!(app.me(&user.access).await.status, 200);
    assert_eq!(app.login("careful", &user.password).await.status, 200);

    // A weak new password is refused without spending the code.
    forgot(&app, "careful@example.com").await;
    let fresh = code_mailed_to(&app, &sink, "careful@example.com").await;
    let weak = reset(&app, &fresh, "short").await;
    weak.assert_error(422, "VALIDATION_FAILED");
    assert!(weak.body["fields"]["newPassword"].is_array());
    for garbage in ["", "no-dot", "zz.zz", &format!("{fresh}x")] {
        reset(&app, garbage, "a perfectly good passphrase")
            .await
            .assert_error(400, "INVALID_CODE");
    }
    assert_eq!(
        reset(&app, &fresh.to_lowercase(), "a perfectly good passphrase")
            .await
            .status,
        204,
        "codes are typed by people: any case"
    );
}

#[tokio::test]
async fn an_expired_code_is_refused() {
    let sink = SmtpSink::start().await;
    let app = app_mailing_to(&sink, &["--account-code-ttl", "1ms"]).await;
    app.register("latecomer").await;
    forgot(&app, "latecomer@example.com").await;
    let code = code_mailed_to(&app, &sink, "latecomer@example.com").await;
    tokio::time::sleep(Duration::from_millis(5)).await;
    reset(&app, &code, "too late for this one")
        .await
        .assert_error(400, "INVALID_CODE");
}

#[tokio::test]
async fn an_email_address_is_verified_with_its_code_and_a_new_address_needs_its_own() {
    let sink = SmtpSink::start().await;
    let app = app_mailing_to(&sink, &[]).await;
    let user = app.register("verifier").await;
    let send = || {
        app.post(
            "/v1/users/me/email/verification",
            Some(&user.access),
            json!({}),
        )
    };
    let sent = send().await;
    assert_eq!(sent.status, 202, "{}", sent.body);
    assert_eq!(sent.body["sent"], true);
    // One a minute.
    let again = send().await;
    again.assert_error(429, "RATE_LIMITED");
    assert!(again.headers.get("retry-after").is_some());

    let code = code_mailed_to(&app, &sink, "verifier@example.com").await;
    let mail = sink.to("verifier@example.com").pop().unwrap();
    assert_eq!(mail.subject(), Some("Verify your email address"));
    let verified = app
        .post("/v1/auth/email/verify", None, json!({"token": code}))
        .await;
    assert_eq!(verified.status, 204, "{}", verified.body);
    assert_eq!(app.me(&user.access).await.body["emailVerified"], true);
    app.post("/v1/auth/email/verify", None, json!({"token": code}))
        .await
        .assert_error(400, "INVALID_CODE");

    // A new address is unverified, and an old code cannot verify it.
    let changed = app
        .patch(
            "/v1/users/me",
            Some(&user.access),
            json!({"email": "new.verifier@example.com"}),
        )
        .await;
    assert_eq!(changed.status, 200);
    assert_eq!(changed.body["emailVerified"], false);
}

#[tokio::test]
async fn a_code_for_an_address_the_account_no_longer_has_verifies_nothing() {
    let sink = SmtpSink::start().await;
    let app = app_mailing_to(&sink, &[]).await;
    let user = app.register("mover").await;
    app.post(
        "/v1/users/me/email/verification",
        Some(&user.access),
        json!({}),
    )
    .await;
    let code = code_mailed_to(&app, &sink, "mover@example.com").await;
    app.patch(
        "/v1/users/me",
        Some(&user.access),
        json!({"email": "moved@example.com"}),
    )
    .await;
    app.post("/v1/auth/email/verify", None, json!({"token": code}))
        .await
        .assert_error(400, "INVALID_CODE");
    assert_eq!(app.me(&user.access).await.body["emailVerified"], false);
}

#[tokio::test]
async fn verifying_completes_the_verify_email_required_action() {
    let sink = SmtpSink::start().await;
    let app = app_mailing_to(&sink, &[]).await;
    let root = app.register("mailroot").await;
    app.state
        .admin
        .set_role("mailroot", profilehub::domain::Role::Admin)
        .await
        .unwrap();
    let user = app.register("gated").await;
    app.patch(
        &format!("/v1/admin/users/{}", user.id),
        Some(&root.access),
        json!({"requiredActions": ["VERIFY_EMAIL"]}),
    )
    .await;
    app.get("/v1/user/notifications", Some(&user.access))
        .await
        .assert_error(403, "REQUIRED_ACTION");
    // Sending the mail is one of the few things a gated account may do.
    let sent = app
        .post(
            "/v1/users/me/email/verification",
            Some(&user.access),
            json!({}),
        )
        .await;
    assert_eq!(sent.status, 202, "{}", sent.body);
    let code = code_mailed_to(&app, &sink, "gated@example.com").await;
    app.post("/v1/auth/email/verify", None, json!({"token": code}))
        .await;
    assert_eq!(
        app.get("/v1/user/notifications", Some(&user.access))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn mail_that_cannot_be_sent_stays_in_the_outbox_and_backs_off() {
    // An SMTP port nobody listens on: the mail stays queued (and is retried later with a
    // growing delay) instead of being lost or retried in a tight loop.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let app = spawn_app_with(&["--smtp-url", &format!("smtp://127.0.0.1:{port}")]).await;
    app.register("patient").await;
    assert_eq!(forgot(&app, "patient@example.com").await.status, 202);
    assert_eq!(app.state.mailer.send_due().await.unwrap(), 0, "not sent");
    let mut db = app.database().await;
    let row: (i64, i64, Option<i64>, String) = sqlx::query_as(
        "SELECT attempts, next_attempt_at, sent_at, body FROM mail_outbox \
         WHERE to_address = 'patient@example.com'",
    )
    .fetch_one(&mut db)
    .await
    .unwrap();
    let now = chrono::Utc::now().timestamp_millis();
    assert_eq!(row.0, 1, "one attempt");
    assert!(
        row.1 > now + 3_000,
        "retried later, not at once: {} vs {now}",
        row.1
    );
    assert_eq!(row.2, None, "not marked sent");
    assert!(row.3.contains("Your code"), "kept for the retry");
    assert_eq!(app.state.mailer.send_due().await.unwrap(), 0);
    let attempts: i64 = sqlx::query_scalar(
        "SELECT attempts FROM mail_outbox WHERE to_address = 'patient@example.com'",
    )
    .fetch_one(&mut db)
    .await
    .unwrap();
    assert_eq!(attempts, 1, "not due again yet");
}

#[tokio::test]
async fn with_required_verification_a_new_account_is_gated_until_its_address_is_verified() {
    let sink = SmtpSink::start().await;
    let app = app_mailing_to(&sink, &["--require-email-verification"]).await;
    let user = app.register("newcomer").await;
    let me = app.me(&user.access).await;
    assert_eq!(me.body["requiredActions"], json!(["VERIFY_EMAIL"]));
    app.get("/v1/user/notifications", Some(&user.access))
        .await
        .assert_error(403, "REQUIRED_ACTION");
    let login = app.login("newcomer", &user.password).await;
    assert_eq!(login.body["requiredActions"], json!(["VERIFY_EMAIL"]));
    app.post(
        "/v1/users/me/email/verification",
        Some(&user.access),
        json!({}),
    )
    .await;
    let code = code_mailed_to(&app, &sink, "newcomer@example.com").await;
    let verified = app
        .post("/v1/auth/email/verify", None, json!({"token": code}))
        .await;
    assert_eq!(verified.status, 204);
    assert_eq!(
        app.get("/v1/user/notifications", Some(&user.access))
            .await
            .status,
        200
    );
    // Accounts made from the command line are vouched for by the operator.
    app.state
        .auth
        .create_account_unthrottled(profilehub::domain::RegistrationInput {
            username: "operatormade".into(),
            email: "operatormade@example.com".into(),
            password: "an operator's passphrase".into(),
            name: None,
            referrer: None,
            referral_code: None,
        })
        .await
        .unwrap();
    let made = app.login("operatormade", "an operator's passphrase").await;
    assert_eq!(made.body["requiredActions"], json!([]));
}
