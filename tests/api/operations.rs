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

    // The request's log line carries the id, with numbers as numbers.
    let mut line = None;
    for _ in 0..50 {
        line = service.log_lines().into_iter().find(|line| {
            line["span"]["request_id"] == "support-ticket-42" && line["path"].is_string()
        });
        if line.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let line = line.expect("a log line with the request id");
    assert_eq!(line["status"], 404);
    assert!(line["duration_ms"].is_f64(), "{line}");
    assert!(
        service
            .log_lines()
            .iter()
            .any(|line| line["span"]["request_id"] == made_up.as_str()),
        "the made-up id is logged too"
    );
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
