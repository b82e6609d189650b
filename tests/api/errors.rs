//! The one error shape, for the framework's own rejections too, and the probes.

use std::time::Duration;

use reqwest::Method;
use serde_json::json;

use crate::helpers::spawn_app;

#[tokio::test]
async fn probes_report_liveness_and_readiness() {
    let app = spawn_app().await;
    let health = app.get("/healthz", None).await;
    assert_eq!(
        (health.status.as_u16(), health.body.clone()),
        (200, json!({"status": "ok"}))
    );
    assert_eq!(app.get("/readyz", None).await.status, 200);
}

#[tokio::test]
async fn unknown_routes_and_wrong_methods_answer_in_json() {
    let app = spawn_app().await;
    app.get("/v1/nothing-here", None)
        .await
        .assert_error(404, "NOT_FOUND");
    app.request(Method::PUT, "/healthz", None, None)
        .await
        .assert_error(405, "METHOD_NOT_ALLOWED");
    app.request(Method::DELETE, "/v1/auth/login", None, None)
        .await
        .assert_error(405, "METHOD_NOT_ALLOWED");
}

#[tokio::test]
async fn malformed_bodies_get_precise_json_errors() {
    let app = spawn_app().await;
    let json_header = [("content-type", "application/json")];
    app.raw(Method::POST, "/v1/auth/login", &json_header, "{not json")
        .await
        .assert_error(400, "BAD_REQUEST");
    app.raw(Method::POST, "/v1/auth/login", &json_header, "")
        .await
        .assert_error(400, "BAD_REQUEST");
    app.raw(
        Method::POST,
        "/v1/auth/login",
        &[("content-type", "text/plain")],
        "hello",
    )
    .await
    .assert_error(415, "UNSUPPORTED_MEDIA_TYPE");
    app.raw(Method::POST, "/v1/auth/login", &[], "{}")
        .await
        .assert_error(415, "UNSUPPORTED_MEDIA_TYPE");
    app.raw(Method::POST, "/v1/auth/login", &json_header, "[1, 2]")
        .await
        .assert_error(422, "VALIDATION_FAILED");
}

#[tokio::test]
async fn bodies_over_64_kib_are_refused_with_413_whether_declared_or_streamed() {
    let app = spawn_app().await;
    let big = format!(
        r#"{{"login": "{}", "password": "x"}}"#,
        "a".repeat(70 * 1024)
    );
    app.raw(
        Method::POST,
        "/v1/auth/login",
        &[("content-type", "application/json")],
        big.clone(),
    )
    .await
    .assert_error(413, "PAYLOAD_TOO_LARGE");

    // Chunked: no Content-Length to check up front, so the read itself is bounded.
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> = big
        .into_bytes()
        .chunks(8 * 1024)
        .map(|c| Ok(c.to_vec()))
        .collect();
    let stream = reqwest::Body::wrap_stream(futures_util::stream::iter(chunks));
    app.raw(
        Method::POST,
        "/v1/auth/login",
        &[("content-type", "application/json")],
        stream,
    )
    .await
    .assert_error(413, "PAYLOAD_TOO_LARGE");
}

#[tokio::test]
async fn a_lost_database_answers_503_quickly_instead_of_hanging() {
    let app = spawn_app().await;
    let user = app.register("stranded").await;
    app.state.health.close_database().await;

    let started = std::time::Instant::now();
    let ready = tokio::time::timeout(Duration::from_secs(15), app.get("/readyz", None))
        .await
        .expect("readiness answers instead of hanging");
    ready.assert_error(503, "SERVICE_UNAVAILABLE");
    assert!(ready.headers.contains_key("retry-after"));

    let me = tokio::time::timeout(Duration::from_secs(15), app.me(&user.access))
        .await
        .expect("an authenticated request answers instead of hanging");
    me.assert_error(503, "SERVICE_UNAVAILABLE");
    let login = tokio::time::timeout(
        Duration::from_secs(15),
        app.login("stranded", &user.password),
    )
    .await
    .expect("login answers instead of hanging");
    login.assert_error(503, "SERVICE_UNAVAILABLE");
    eprintln!(
        "three requests against a closed pool took {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn the_root_redirects_to_swagger_ui_and_the_spec_is_served() {
    let app = spawn_app().await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let root = client.get(format!("{}/", app.base)).send().await.unwrap();
    assert_eq!(root.status(), 307);
    assert_eq!(root.headers()["location"], "/docs");

    let docs = reqwest::get(format!("{}/docs", app.base)).await.unwrap();
    assert_eq!(docs.status(), 200);
    let html = docs.text().await.unwrap();
    assert!(
        html.contains("SwaggerUIBundle"),
        "Swagger UI is embedded, no CDN needed"
    );
    assert!(html.contains("\"operationId\": \"register_user\""));

    let spec = app.get("/openapi.json", None).await;
    assert_eq!(spec.status, 200);
    assert_eq!(spec.body["openapi"], "3.0.0");
    assert_eq!(
        spec.body,
        serde_json::from_str::<serde_json::Value>(&profilehub::api::spec::spec_json()).unwrap()
    );
}
