//! Starting up (JWT secret rules) and shutting down (in-flight requests finish).

use std::time::Duration;

use profilehub::config::Cli;

use crate::helpers::spawn_app;

fn config(args: &[&str]) -> profilehub::config::Config {
    <Cli as clap::Parser>::try_parse_from(
        ["profilehub", "--refresh-schedule", "off"]
            .iter()
            .chain(args),
    )
    .expect("flags parse")
    .config
}

fn temp_db() -> (std::path::PathBuf, String) {
    let dir = std::env::temp_dir().join("profilehub-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{}.db", uuid::Uuid::new_v4()));
    let url = format!("sqlite://{}", file.display());
    (file, url)
}

#[tokio::test]
async fn a_jwt_secret_shorter_than_32_bytes_refuses_to_start() {
    let (_file, url) = temp_db();
    let err = profilehub::build_state(&config(&[
        "--database-url",
        &url,
        "--jwt-secret",
        "too-short-a-secret",
    ]))
    .await
    .expect_err("a short secret is refused");
    assert!(err.to_string().contains("at least 32 bytes"), "{err}");
}

#[tokio::test]
async fn without_a_secret_sqlite_generates_one_and_restarts_keep_sessions_valid() {
    let (file, url) = temp_db();
    let first = profilehub::build_state(&config(&["--database-url", &url]))
        .await
        .expect("starts without a secret on SQLite");
    let mut secret_file = file.clone().into_os_string();
    secret_file.push(".jwt-secret");
    let secret = std::fs::read_to_string(&secret_file).expect("the secret was persisted");
    assert!(secret.trim().len() >= 32);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&secret_file)
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "only the owner may read the secret");
    }

    let user = uuid::Uuid::new_v4();
    let token = first.auth.access_tokens().issue(
        user,
        uuid::Uuid::new_v4(),
        chrono::Utc::now().timestamp(),
    );
    first.health.close_database().await;

    let restarted = profilehub::build_state(&config(&["--database-url", &url]))
        .await
        .expect("restarts");
    let claims = restarted
        .auth
        .access_tokens()
        .verify(&token)
        .expect("a token from before the restart still verifies");
    assert_eq!(claims.sub, user);
    assert_eq!(
        std::fs::read_to_string(&secret_file).unwrap(),
        secret,
        "the same secret is reused"
    );
    restarted.health.close_database().await;
    for suffix in ["", "-wal", "-shm", ".jwt-secret"] {
        let mut path = file.clone().into_os_string();
        path.push(suffix);
        let _ = std::fs::remove_file(path);
    }
}

#[tokio::test]
async fn postgres_without_a_secret_refuses_to_start_before_connecting() {
    // Nothing listens on port 9: the refusal must come from the configuration check.
    let err = profilehub::build_state(&config(&[
        "--database-url",
        "postgres://postgres@127.0.0.1:9/none",
    ]))
    .await
    .expect_err("instances sharing a database must share a configured secret");
    assert!(err.to_string().contains("PROFILEHUB_JWT_SECRET"), "{err}");
}

#[tokio::test]
async fn requests_in_flight_when_shutdown_begins_still_complete() {
    let mut app = spawn_app().await;
    let user = app.register("patient").await;
    let before = app.password_verifications();
    let (base, password) = (app.base.clone(), user.password.clone());

    // Eight logins queue behind a hasher with one permit per core, so several are still
    // being processed when the shutdown signal arrives.
    let logins = tokio::spawn(async move {
        let client = reqwest::Client::new();
        let requests = (0..8).map(|_| {
            let (client, base, password) = (&client, &base, &password);
            async move {
                client
                    .post(format!("{base}/v1/auth/login"))
                    .json(&serde_json::json!({"login": "patient", "password": password}))
                    .send()
                    .await
                    .map(|r| r.status().as_u16())
                    .unwrap_or(0)
            }
        });
        futures_util::future::join_all(requests).await
    });
    while app.password_verifications() == before {
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    // Every request is on the wire and accepted by now; the first is being verified.
    tokio::time::sleep(Duration::from_millis(20)).await;
    app.shutdown().await;

    let statuses = logins.await.unwrap();
    assert_eq!(
        statuses,
        vec![200; 8],
        "every accepted request was answered"
    );
    assert_eq!(app.password_verifications(), before + 8);
}
