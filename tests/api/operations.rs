//! What an operator relies on: request ids that tie a client's report to the log lines,
//! logs a machine can read, `.env` files, metrics and compressed answers.

use std::process::Stdio;

use crate::{helpers::spawn_app, process::ServiceProcess};

#[tokio::test]
async fn a_request_id_is_echoed_and_in_every_log_line_of_that_request() {
    let service = ServiceProcess::start(&[]).await;
    let client = reqwest::Client::new();
    let reply = client
        .get(format!("{}/v1/profiles/nobody-here", service.base_url()))
        .header("X-Request-Id", "support-ticket-42")
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 404);
    assert_eq!(reply.headers()["x-request-id"], "support-ticket-42");

    // Without one (or with one unsafe to log), the service makes one up and returns it.
    let reply = client
        .get(format!("{}/v1/profiles/nobody-here", service.base_url()))
        .header("X-Request-Id", "two words")
        .send()
        .await
        .unwrap();
    let made_up = reply.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(uuid::Uuid::parse_str(&made_up).is_ok(), "{made_up}");

    // The requests' log lines carry their ids, with numbers as numbers. (Lines reach the
    // file through a background writer: wait for them.)
    let logged = |id: &str| {
        service
            .log_lines()
            .into_iter()
            .find(|line| line["span"]["request_id"] == id && line["path"].is_string())
    };
    let mut waited = 0;
    while (logged("support-ticket-42").is_none() || logged(&made_up).is_none()) && waited < 100 {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        waited += 1;
    }
    let line = logged("support-ticket-42").expect("a log line with the given request id");
    assert_eq!(line["status"], 404);
    assert!(line["duration_ms"].is_f64(), "{line}");
    assert!(logged(&made_up).is_some(), "the made-up id is logged too");
}

#[tokio::test]
async fn the_request_id_header_is_on_error_answers_too() {
    let app = spawn_app().await;
    let reply = app.get("/v1/users/me", None).await;
    reply.assert_error(401, "GENERIC_UNAUTHORIZED");
    assert!(reply.headers.contains_key("x-request-id"));
}

/// Runs `profilehub migrate` in `dir` with `env` set, and says which database files exist.
async fn migrate_in(dir: &std::path::Path, env: &[(&str, &str)]) -> std::process::Output {
    let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_profilehub"));
    command
        .arg("migrate")
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .stdin(Stdio::null());
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().await.expect("the binary runs")
}

#[tokio::test]
async fn dot_env_in_the_working_directory_sets_defaults_the_real_environment_overrides() {
    let dir = std::env::temp_dir().join(format!("profilehub-dotenv-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join(".env"),
        "# a comment\nDATABASE_URL=sqlite://from-dotenv.db\n",
    )
    .unwrap();

    let output = migrate_in(&dir, &[]).await;
    assert!(output.status.success(), "{output:?}");
    assert!(
        dir.join("from-dotenv.db").exists(),
        "the .env value was used"
    );

    let output = migrate_in(&dir, &[("DATABASE_URL", "sqlite://from-env.db")]).await;
    assert!(output.status.success(), "{output:?}");
    assert!(
        dir.join("from-env.db").exists(),
        "the real environment wins"
    );

    // The documented example is a valid .env as it stands.
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/.env.example");
    std::fs::copy(example, dir.join(".env")).unwrap();
    let output = migrate_in(&dir, &[]).await;
    assert!(output.status.success(), "{output:?}");
    assert!(dir.join("profilehub.db").exists());

    // A broken file is an error that names it, before anything is touched.
    std::fs::write(dir.join(".env"), "DATABASE_URL='sqlite://never.db\n").unwrap();
    let output = migrate_in(&dir, &[]).await;
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(".env"), "{stderr}");
    assert!(!dir.join("never.db").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

/// The value of the metric line that starts with `series` (name and labels), if any.
fn metric(text: &str, series: &str) -> Option<f64> {
    text.lines()
        .find_map(|line| line.strip_prefix(series)?.trim().parse().ok())
}

#[tokio::test]
async fn metrics_count_requests_by_operation_and_fetches_by_platform_and_outcome() {
    let doubles = profilehub_testkit::PlatformDoubles::start().await;
    let app = crate::helpers::spawn_app_with_doubles(&doubles, &[]).await;
    let user = app.register("measured").await;
    app.get("/v1/profiles/nobody-here", None).await;
    app.get("/v1/profiles/nobody-here", None).await;
    app.get("/no/such/route/0f3a", None).await;
    app.link(&user, "codeforces", "DmitriyH").await;

    // Before the refresh, the handle has been due since it was linked.
    let reply = app.get("/metrics", None).await;
    assert_eq!(reply.status, 200);
    let text = reply.text.clone();
    assert!(
        reply.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/openmetrics-text"),
    );
    assert_eq!(
        metric(
            &text,
            r#"profilehub_http_requests_total{operation="get_profile",status="404"}"#
        ),
        Some(2.0),
        "{text}"
    );
    assert_eq!(
        metric(
            &text,
            r#"profilehub_http_requests_total{operation="register_user",status="201"}"#
        ),
        Some(1.0)
    );
    assert_eq!(
        metric(
            &text,
            r#"profilehub_http_requests_total{operation="unmatched",status="404"}"#
        ),
        Some(1.0)
    );
    assert!(!text.contains("0f3a"), "raw paths never become labels");
    assert!(
        metric(
            &text,
            r#"profilehub_refresh_lag_seconds{platform="codeforces"}"#
        )
        .is_some()
    );
    assert!(metric(&text, r#"profilehub_db_pool_connections{state="idle"}"#).is_some());

    app.refresh_ratings().await;
    let text = app.get("/metrics", None).await.text;
    assert_eq!(
        metric(
            &text,
            r#"profilehub_rating_fetches_total{platform="codeforces",outcome="rated"}"#
        ),
        Some(1.0),
        "{text}"
    );
    assert!(
        metric(
            &text,
            r#"profilehub_platform_requests_total{platform="codeforces"}"#
        )
        .is_some_and(|n| n >= 1.0)
    );
    assert_eq!(
        metric(
            &text,
            r#"profilehub_refresh_lag_seconds{platform="codeforces"}"#
        ),
        Some(0.0),
        "nothing is due after the refresh"
    );
    assert_eq!(
        metric(
            &text,
            r#"profilehub_platform_breaker_open{platform="codeforces"}"#
        ),
        Some(0.0)
    );
}

#[tokio::test]
async fn metrics_can_be_turned_off_or_moved_to_their_own_address() {
    let off = crate::helpers::spawn_app_with(&["--metrics", "off"]).await;
    off.get("/metrics", None)
        .await
        .assert_error(404, "NOT_FOUND");

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .unwrap()
        .port();
    let address = format!("127.0.0.1:{port}");
    let service = ServiceProcess::start(&["--metrics", &address]).await;
    let client = reqwest::Client::new();
    let main = client
        .get(format!("{}/metrics", service.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(main.status(), 404, "not beside the API");
    let own = client
        .get(format!("http://{address}/metrics"))
        .send()
        .await
        .unwrap();
    assert_eq!(own.status(), 200);
    assert!(
        own.text()
            .await
            .unwrap()
            .contains("profilehub_http_requests_total")
    );
}

async fn fetch(
    app: &crate::helpers::TestApp,
    path: &str,
    headers: &[(&str, &str)],
) -> (reqwest::StatusCode, reqwest::header::HeaderMap, Vec<u8>) {
    let mut request = reqwest::Client::new().get(format!("{}{path}", app.base));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    (status, headers, response.bytes().await.unwrap().to_vec())
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut plain = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut plain)
        .expect("a gzip body");
    plain
}

#[tokio::test]
async fn answers_are_gzipped_for_clients_that_ask_and_revalidate_by_their_own_tag() {
    let app = spawn_app().await;
    let user = app.register("squeezed").await;
    // A profile long enough to be worth compressing (short ones are sent as they are).
    let bio = "Competitive programmer. ".repeat(40);
    let patched = app
        .patch(
            "/v1/users/me",
            Some(&user.access),
            serde_json::json!({"bio": bio}),
        )
        .await;
    assert_eq!(patched.status, 200);
    let gzip = [("accept-encoding", "gzip, br")];

    for path in ["/docs", "/openapi.json", "/v1/profiles/squeezed"] {
        let (status, plain_headers, plain) = fetch(&app, path, &[]).await;
        assert_eq!(status, 200, "{path}");
        assert!(plain_headers.get("content-encoding").is_none(), "{path}");
        let (status, headers, compressed) = fetch(&app, path, &gzip).await;
        assert_eq!(status, 200, "{path}");
        assert_eq!(headers["content-encoding"], "gzip", "{path}");
        assert!(
            headers["vary"]
                .to_str()
                .unwrap()
                .contains("accept-encoding"),
            "{path}"
        );
        assert_eq!(gunzip(&compressed), plain, "{path}: the same body");
        if path != "/v1/profiles/squeezed" {
            assert!(compressed.len() * 3 < plain.len(), "{path} compresses well");
        }
    }

    // A compressed representation has its own tag, and revalidating with it works.
    let (_, plain_headers, _) = fetch(&app, "/v1/profiles/squeezed", &[]).await;
    let (_, headers, _) = fetch(&app, "/v1/profiles/squeezed", &gzip).await;
    let tag = headers["etag"].to_str().unwrap().to_string();
    let plain_tag = plain_headers["etag"].to_str().unwrap();
    assert_eq!(tag, format!("{}-gzip\"", plain_tag.trim_end_matches('"')));
    let (status, _, body) = fetch(
        &app,
        "/v1/profiles/squeezed",
        &[("accept-encoding", "gzip"), ("if-none-match", &tag)],
    )
    .await;
    assert_eq!(status, 304);
    assert!(body.is_empty());

    // Small answers are not worth it.
    let (_, headers, _) = fetch(&app, "/healthz", &gzip).await;
    assert!(headers.get("content-encoding").is_none());
}
