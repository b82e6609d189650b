//! The service against a hostile or careless client, grouped by threat (see
//! `docs/SECURITY.md` for the threat model and the limits):
//! - credentials: a login is judged only by whether the password is right;
//! - token leakage: answers that carry tokens are never stored by caches;
//! - browsers: no content sniffing, no framing of the docs, a CSP on them, RFC 6750
//!   challenges;
//! - URL tricks: a handle can never become a path step on a platform;
//! - data at rest: the embedded database is readable only by its owner;
//! - configuration: absurd settings are refused before anything is touched.

use std::process::Stdio;

use reqwest::Method;
use serde_json::json;

use crate::helpers::{spawn_app, spawn_app_with_doubles};

// ---------------------------------------------------------------------------------------
// Credentials

#[tokio::test]
async fn a_login_with_a_password_too_short_to_register_is_simply_wrong() {
    let app = spawn_app().await;
    app.register("dave").await;
    let reply = app.login("dave", "short").await;
    reply.assert_error(401, "INVALID_CREDENTIALS");
    // The 128-character cap still holds, before any hashing.
    let before = app.password_verifications();
    let reply = app.login("dave", &"x".repeat(129)).await;
    reply.assert_error(422, "VALIDATION_FAILED");
    assert_eq!(
        app.password_verifications(),
        before,
        "no hash for an over-long one"
    );
}

// ---------------------------------------------------------------------------------------
// Token leakage

#[tokio::test]
async fn answers_that_carry_tokens_are_never_stored() {
    let app = spawn_app().await;
    let user = app.register("tokened").await;
    let login = app.login("tokened", &user.password).await;
    let refresh = app
        .post(
            "/v1/auth/refresh",
            None,
            json!({"refreshToken": user.refresh}),
        )
        .await;
    let wrong = app.login("tokened", "not the password").await;
    for reply in [&login, &refresh, &wrong] {
        assert_eq!(reply.headers["cache-control"], "no-store", "{}", reply.body);
        assert_eq!(reply.headers["pragma"], "no-cache");
    }
    assert_eq!(login.status, 200);
    assert_eq!(refresh.status, 200);
}

// ---------------------------------------------------------------------------------------
// Browsers

#[tokio::test]
async fn every_answer_forbids_sniffing_and_every_401_carries_a_bearer_challenge() {
    let app = spawn_app().await;
    let replies = [
        app.get("/healthz", None).await,
        app.get("/no/such/route", None).await,
        app.get("/v1/users/me", None).await,
        app.get("/v1/users/me", Some("not.a.token")).await,
        app.get("/openapi.json", None).await,
    ];
    for reply in &replies {
        assert_eq!(reply.headers["x-content-type-options"], "nosniff");
    }
    for unauthenticated in &replies[2..4] {
        assert_eq!(unauthenticated.status, 401);
        assert!(
            unauthenticated.headers["www-authenticate"]
                .to_str()
                .unwrap()
                .starts_with("Bearer"),
        );
    }
    assert!(!replies[0].headers.contains_key("www-authenticate"));
}

#[tokio::test]
async fn the_docs_page_cannot_be_framed_and_runs_only_its_own_code() {
    let app = spawn_app().await;
    let docs = app.get("/docs", None).await;
    assert_eq!(docs.status, 200);
    assert_eq!(docs.headers["x-frame-options"], "DENY");
    let csp = docs.headers["content-security-policy"].to_str().unwrap();
    for directive in [
        "default-src 'none'",
        "frame-ancestors 'none'",
        "connect-src 'self'",
    ] {
        assert!(csp.contains(directive), "{csp}");
    }
}

// ---------------------------------------------------------------------------------------
// URL tricks

#[tokio::test]
async fn handles_that_are_path_steps_are_refused_on_every_platform_and_link_nothing() {
    let doubles = profilehub_testkit::PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(&doubles, &[]).await;
    let user = app.register("walker").await;
    for platform in ["codechef", "leetcode", "codeforces", "atcoder"] {
        for handle in [".", "..", "...", " .. "] {
            let reply = app.link(&user, platform, handle).await;
            reply.assert_error(422, "VALIDATION_FAILED");
        }
    }
    let handles = app.get("/v1/users/me/handles", Some(&user.access)).await;
    assert_eq!(handles.body, json!([]), "nothing was linked");
    app.refresh_ratings().await;
    for platform in ["codechef", "leetcode", "codeforces", "atcoder"] {
        assert_eq!(doubles.requests(platform), 0, "{platform} was never asked");
    }
}

// ---------------------------------------------------------------------------------------
// Data at rest

#[cfg(unix)]
#[tokio::test]
async fn the_embedded_database_and_its_journal_are_readable_by_their_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let app = spawn_app().await;
    let Some(url) = app
        .args
        .windows(2)
        .find(|pair| pair[0] == "--database-url")
        .map(|pair| pair[1].clone())
        .filter(|url| url.starts_with("sqlite"))
    else {
        return; // PostgreSQL keeps its own files.
    };
    app.register("private").await; // writes, so the -wal and -shm files exist
    let file = url.trim_start_matches("sqlite://").to_string();
    for suffix in ["", "-wal", "-shm"] {
        let path = format!("{file}{suffix}");
        let mode = std::fs::metadata(&path)
            .unwrap_or_else(|e| panic!("{path}: {e}"))
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "{path} is {mode:o}");
    }
}

// ---------------------------------------------------------------------------------------
// Configuration

/// Runs `profilehub serve` with `flags` on a database that does not exist yet; returns its
/// exit status, stderr and whether the database file was created.
async fn serve_with(flags: &[&str]) -> (std::process::ExitStatus, String, bool) {
    let dir = std::env::temp_dir().join(format!("profilehub-hostile-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("never.db");
    let output = tokio::process::Command::new(env!("CARGO_BIN_EXE_profilehub"))
        .arg("serve")
        .args(["--bind", "127.0.0.1:0"])
        .args(["--database-url", &format!("sqlite://{}", db.display())])
        .args(flags)
        .stdin(Stdio::null())
        .output()
        .await
        .expect("the binary runs");
    let created = db.exists();
    let _ = std::fs::remove_dir_all(&dir);
    (
        output.status,
        String::from_utf8_lossy(&output.stderr).into_owned(),
        created,
    )
}

#[tokio::test]
async fn absurd_durations_are_refused_before_anything_is_touched() {
    let (status, stderr, created) = serve_with(&["--refresh-token-ttl", "106751991167d"]).await;
    assert!(!status.success());
    assert!(stderr.contains("at most 3650d"), "{stderr}");
    assert!(!created, "the database was not created");
}

#[tokio::test]
async fn a_malformed_schedule_is_refused_before_the_database_is_touched() {
    let (status, stderr, created) = serve_with(&["--refresh-schedule", "every tuesday"]).await;
    assert!(!status.success());
    assert!(
        stderr.contains("0 */10 * * * *"),
        "shows the expected form: {stderr}"
    );
    assert!(!created, "the database was not created");
}

#[tokio::test]
async fn a_wrong_method_on_an_auth_route_is_still_not_cached() {
    let app = spawn_app().await;
    let reply = app.request(Method::GET, "/v1/auth/login", None, None).await;
    reply.assert_error(405, "METHOD_NOT_ALLOWED");
    assert_eq!(reply.headers["cache-control"], "no-store");
}

// ---------------------------------------------------------------------------------------
// Log and message injection

#[tokio::test]
async fn a_newline_smuggled_into_a_parameter_is_echoed_escaped() {
    let app = spawn_app().await;
    app.register("echoed").await;
    let reply = app
        .get(
            "/v1/profiles/echoed/ratings/history?platform=x%0aINFO%20forged%20line",
            None,
        )
        .await;
    reply.assert_error(400, "BAD_REQUEST");
    let message = reply.body["message"].as_str().unwrap();
    assert!(!message.contains('\n'), "{message:?}");
    assert!(message.contains("x\\nINFO forged line"), "{message:?}");
}

// ---------------------------------------------------------------------------------------
// Losing the database

/// Runs `sql` on the PostgreSQL server of `TEST_DATABASE_URL` (outside any test schema).
async fn on_server(admin_url: &str, sql: &str) {
    use sqlx::Executor;
    sqlx::any::install_default_drivers();
    let mut admin = <sqlx::AnyConnection as sqlx::Connection>::connect(admin_url)
        .await
        .expect("the PostgreSQL server answers");
    admin
        .execute(sqlx::AssertSqlSafe(sql.to_string()))
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

#[tokio::test]
async fn a_dropped_database_answers_503_everywhere_and_recovers_without_a_restart() {
    let Some(admin_url) = std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|url| url.starts_with("postgres"))
    else {
        return; // A SQLite file cannot be dropped under a running process.
    };
    let name = format!("lost_{}", uuid::Uuid::new_v4().simple());
    on_server(&admin_url, &format!("CREATE DATABASE {name}")).await;
    let url = {
        let mut parsed = url::Url::parse(&admin_url).unwrap();
        parsed.set_path(&format!("/{name}"));
        parsed.set_query(None);
        parsed.to_string()
    };
    let app = crate::helpers::spawn_app_on_database(&url, &["--profile-cache-size", "0"]).await;
    let user = app.register("survivor").await;
    assert_eq!(app.get("/readyz", None).await.status, 200);

    on_server(&admin_url, &format!("DROP DATABASE {name} WITH (FORCE)")).await;
    for reply in [
        app.get("/readyz", None).await,
        app.get("/v1/profiles/survivor", None).await,
        app.me(&user.access).await,
        app.login("survivor", &user.password).await,
    ] {
        reply.assert_error(503, "SERVICE_UNAVAILABLE");
        assert!(reply.headers.contains_key("retry-after"));
    }

    // Re-created empty: reachable, but not ready until it has the schema.
    on_server(&admin_url, &format!("CREATE DATABASE {name}")).await;
    let empty = app.get("/readyz", None).await;
    empty.assert_error(503, "SERVICE_UNAVAILABLE");
    app.get("/v1/profiles/survivor", None)
        .await
        .assert_error(503, "SERVICE_UNAVAILABLE");
    let migrated = tokio::process::Command::new(env!("CARGO_BIN_EXE_profilehub"))
        .args(["migrate", "--database-url", &url])
        .output()
        .await
        .unwrap();
    assert!(migrated.status.success());
    assert_eq!(
        app.get("/readyz", None).await.status,
        200,
        "ready again, same process"
    );
    assert_eq!(app.register("newcomer").await.id.len(), 36);

    drop(app);
    on_server(&admin_url, &format!("DROP DATABASE {name} WITH (FORCE)")).await;
}

// ---------------------------------------------------------------------------------------
// Cross-origin browsers

#[tokio::test]
async fn cross_origin_calls_are_off_unless_an_origin_is_configured() {
    let closed = spawn_app().await;
    let preflight = [
        ("origin", "https://app.example.com"),
        ("access-control-request-method", "PATCH"),
        (
            "access-control-request-headers",
            "authorization, content-type",
        ),
    ];
    let reply = closed
        .raw(Method::OPTIONS, "/v1/users/me", &preflight, "")
        .await;
    assert!(!reply.headers.contains_key("access-control-allow-origin"));

    let open =
        crate::helpers::spawn_app_with(&["--cors-allow-origin", "https://app.example.com"]).await;
    let reply = open
        .raw(Method::OPTIONS, "/v1/users/me", &preflight, "")
        .await;
    assert_eq!(reply.status, 204);
    assert_eq!(
        reply.headers["access-control-allow-origin"],
        "https://app.example.com"
    );
    assert!(
        reply.headers["access-control-allow-methods"]
            .to_str()
            .unwrap()
            .contains("PATCH")
    );
    let get = open
        .raw(
            Method::GET,
            "/healthz",
            &[("origin", "https://app.example.com")],
            "",
        )
        .await;
    assert_eq!(
        get.headers["access-control-allow-origin"],
        "https://app.example.com"
    );
    assert!(
        get.headers["access-control-expose-headers"]
            .to_str()
            .unwrap()
            .contains("etag")
    );

    // Any other origin: not a word of CORS, and same-origin use is untouched.
    let evil = [
        ("origin", "https://evil.example"),
        ("access-control-request-method", "PATCH"),
    ];
    let reply = open.raw(Method::OPTIONS, "/v1/users/me", &evil, "").await;
    assert!(!reply.headers.contains_key("access-control-allow-origin"));
    assert_ne!(reply.status, 204);
    let register = open
        .raw(
            Method::POST,
            "/v1/auth/register",
            &[
                ("origin", "https://evil.example"),
                ("content-type", "application/json"),
            ],
            r#"{"username":"sameorigin","email":"same@example.com","password":"long enough pass"}"#,
        )
        .await;
    assert_eq!(register.status, 201, "served as if CORS did not exist");
    assert!(!register.headers.contains_key("access-control-allow-origin"));
}

#[test]
fn a_cors_origin_must_be_an_origin() {
    use clap::Parser;
    for bad in [
        "app.example.com",
        "https://app.example.com/path",
        "ftp://x.example",
        "*",
    ] {
        assert!(
            profilehub::config::Cli::try_parse_from(["profilehub", "--cors-allow-origin", bad])
                .is_err(),
            "{bad}"
        );
    }
    let cli = profilehub::config::Cli::try_parse_from([
        "profilehub",
        "--cors-allow-origin",
        "https://app.example.com:8443",
    ])
    .unwrap();
    assert_eq!(
        cli.config.cors_allow_origins,
        vec!["https://app.example.com:8443".to_string()]
    );
}

// ---------------------------------------------------------------------------------------
// Races

#[tokio::test]
async fn twenty_parallel_refresh_requests_get_exactly_one_turn() {
    let app = spawn_app().await;
    let user = app.register("impatient").await;
    assert_eq!(
        app.link(&user, "codeforces", "impatient_cf").await.status,
        200
    );
    let requests = (0..20).map(|_| {
        app.request(
            Method::POST,
            "/v1/users/me/ratings/refresh",
            Some(&user.access),
            None,
        )
    });
    let replies = futures_util::future::join_all(requests).await;
    let accepted = replies.iter().filter(|r| r.status == 202).count();
    assert_eq!(accepted, 1, "one turn per cooldown, on every engine");
    for reply in replies.iter().filter(|r| r.status != 202) {
        reply.assert_error(429, "RATE_LIMITED");
        assert!(reply.headers.contains_key("retry-after"));
    }
}

// ---------------------------------------------------------------------------------------
// Amplification

#[tokio::test]
async fn a_body_full_of_problems_gets_a_short_answer_and_changes_nothing() {
    let app = spawn_app().await;
    let user = app.register("amplifier").await;
    let before = app.me(&user.access).await.body;

    // 16,000 empty skills: one problem (too many), not 16,000.
    let skills = vec![""; 16_000];
    let reply = app
        .patch(
            "/v1/users/me",
            Some(&user.access),
            json!({ "skills": skills }),
        )
        .await;
    reply.assert_error(422, "VALIDATION_FAILED");
    assert_eq!(
        reply.body["fields"].as_object().unwrap().len(),
        1,
        "{}",
        reply.body
    );
    assert!(reply.body.to_string().len() < 1_000);

    // A 60 KiB body of unknown fields: at most 20 listed, and it says there were more.
    let mut junk = serde_json::Map::new();
    for i in 0..3_000 {
        junk.insert(format!("field{i:05}"), json!(i));
    }
    let reply = app
        .patch(
            "/v1/users/me",
            Some(&user.access),
            serde_json::Value::Object(junk),
        )
        .await;
    reply.assert_error(422, "VALIDATION_FAILED");
    assert_eq!(reply.body["fields"].as_object().unwrap().len(), 20);
    assert!(
        reply.body["message"]
            .as_str()
            .unwrap()
            .contains("only the first 20")
    );
    assert!(
        reply.body.to_string().len() < 4_000,
        "{} bytes",
        reply.body.to_string().len()
    );

    assert_eq!(app.me(&user.access).await.body, before, "nothing changed");
}

// ---------------------------------------------------------------------------------------
// `refresh-ratings` for cron jobs

async fn refresh_command(app: &crate::helpers::TestApp, extra: &[&str]) -> std::process::Output {
    tokio::process::Command::new(env!("CARGO_BIN_EXE_profilehub"))
        .arg("refresh-ratings")
        .args(&app.args)
        .args(extra)
        .env("RUST_LOG", "error")
        .stdin(Stdio::null())
        .output()
        .await
        .expect("the binary runs")
}

#[tokio::test]
async fn refresh_ratings_fails_when_every_fetch_failed_and_says_why() {
    let doubles = profilehub_testkit::PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(&doubles, &[]).await;
    let user = app.register("unlucky").await;
    app.link(&user, "codechef", "down_chef").await;
    doubles.set("down_chef", profilehub_testkit::Behaviour::ServerError);

    let output = refresh_command(&app, &["--platform", "codechef"]).await;
    assert!(!output.status.success(), "cron must notice");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("failed on codechef (1): HTTP 503"),
        "{stdout}"
    );
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("every one of the 1 fetches"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[tokio::test]
async fn refresh_ratings_all_also_fetches_handles_waiting_out_a_backoff() {
    let doubles = profilehub_testkit::PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(&doubles, &[]).await;
    let user = app.register("retrier").await;
    app.link(&user, "atcoder", "retrier_ac").await;
    doubles.set("retrier_ac", profilehub_testkit::Behaviour::ServerError);
    app.refresh_ratings().await; // fails: now waiting out a one-minute backoff
    doubles.set("retrier_ac", profilehub_testkit::Behaviour::Rated);

    // (The owner's own list of handles is never cached, so another process's writes show.)
    let status = async || {
        app.get("/v1/users/me/handles", Some(&user.access))
            .await
            .body[0]["status"]
            .clone()
    };
    let due_only = refresh_command(&app, &[]).await;
    assert!(due_only.status.success());
    assert_eq!(status().await, "error", "still backing off");

    let all = refresh_command(&app, &["--all"]).await;
    assert!(
        all.status.success(),
        "{}",
        String::from_utf8_lossy(&all.stderr)
    );
    assert_eq!(status().await, "ok");
}
