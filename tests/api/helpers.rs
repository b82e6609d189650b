//! `spawn_app()`: the real service on port 0 against a fresh database, driven over HTTP.
//!
//! The database is a new SQLite file per test, or — when `TEST_DATABASE_URL` names a
//! PostgreSQL server — a new schema per test on that server (dropped afterwards), so the
//! same tests prove both engines behave the same.

use std::{path::PathBuf, time::Duration};

use profilehub::{AppState, config::Cli};
use profilehub_jobs::{RefreshScope, RefreshSummary};
use profilehub_testkit::PlatformDoubles;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use sqlx::{Connection, Executor};
use tokio::sync::oneshot;
use uuid::Uuid;

/// The JWT secret every test app signs with.
pub const SECRET: &str = "test-secret-test-secret-test-secret-0123456789";

/// Where a test's data lives, removed when the test ends.
enum TestDb {
    Sqlite(PathBuf),
    Postgres {
        admin_url: String,
        schema: String,
    },
    /// Another instance's database: left alone.
    Borrowed,
}

/// A running service.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// The command-line flags the app was started with (database, secret, platforms…),
    /// for starting more instances or the binary against the same database.
    pub args: Vec<String>,
    /// The service's own state (store, auth), for arranging and inspecting.
    pub state: AppState,
    http: reqwest::Client,
    shutdown: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<()>>,
    db: TestDb,
}

/// A registered user and their tokens.
#[derive(Debug, Clone)]
pub struct TestUser {
    pub id: String,
    pub password: String,
    pub access: String,
    pub refresh: String,
}

/// Status and JSON body (`Value::Null` when the body is empty or not JSON).
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub body: Value,
    /// The body as text (lossily decoded), for answers that are not JSON.
    pub text: String,
    pub headers: reqwest::header::HeaderMap,
}

impl Reply {
    /// The error `code` of an error body.
    pub fn code(&self) -> &str {
        self.body["code"].as_str().unwrap_or_default()
    }

    /// Asserts the status and error code, and that the body has the one error shape.
    #[track_caller]
    pub fn assert_error(&self, status: u16, code: &str) {
        assert_eq!(self.status.as_u16(), status, "body: {}", self.body);
        assert_eq!(self.code(), code, "body: {}", self.body);
        assert!(
            self.body["message"].as_str().is_some_and(|m| !m.is_empty()),
            "error without message: {}",
            self.body
        );
        let allowed = ["code", "message", "fields"];
        for key in self
            .body
            .as_object()
            .expect("error bodies are objects")
            .keys()
        {
            assert!(allowed.contains(&key.as_str()), "unexpected key {key}");
        }
    }
}

/// Starts the service with default test settings.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(&[]).await
}

/// Starts the service with extra command-line flags (e.g. `["--refresh-token-ttl", "1ms"]`).
pub async fn spawn_app_with(flags: &[&str]) -> TestApp {
    let (db, url) = fresh_database().await;
    spawn_app_on(db, url, flags).await
}

/// Starts the service on the database at `url`, which the test owns (it is left alone when
/// the app stops).
pub async fn spawn_app_on_database(url: &str, flags: &[&str]) -> TestApp {
    spawn_app_on(TestDb::Borrowed, url.to_string(), flags).await
}

async fn spawn_app_on(db: TestDb, url: String, flags: &[&str]) -> TestApp {
    let mut args: Vec<String> = [
        "--database-url",
        &url,
        "--jwt-secret",
        SECRET,
        "--db-acquire-timeout",
        "2s",
        // Never the internet: tests that need a platform point it at a local double.
        "--platform-option",
        "*.base_url=http://127.0.0.1:9",
        "--refresh-schedule",
        "off",
        // Tests share two cores with each other (and on a developer's machine with builds):
        // the idle-priority hashing thread may wait, and no test is about that wait.
        "--password-queue-timeout",
        "60s",
        // Tests register many users from 127.0.0.1; the throttling tests set their own.
        "--registrations-per-ip-per-hour",
        "100000",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    args.extend(flags.iter().map(|f| f.to_string()));
    serve(args, db).await
}

/// Starts another instance of `app`'s service on the same database (as a second server of
/// a fleet would run), with `extra` flags.
pub async fn spawn_another_instance(app: &TestApp, extra: &[&str]) -> TestApp {
    let mut args = app.args.clone();
    args.extend(extra.iter().map(|f| f.to_string()));
    serve(args, TestDb::Borrowed).await
}

async fn serve(args: Vec<String>, db: TestDb) -> TestApp {
    let state = build_state(&args).await;
    let listener =
        profilehub::bind("127.0.0.1:0".parse().expect("an address")).expect("port 0 binds");
    let port = listener.local_addr().expect("a bound address").port();
    let (tx, rx) = oneshot::channel::<()>();
    let config = <Cli as clap::Parser>::try_parse_from(
        std::iter::once("profilehub").chain(args.iter().map(String::as_str)),
    )
    .expect("test flags parse")
    .config;
    let app = profilehub::app(state.clone(), &config.web_settings());
    let limits = config.connection_limits();
    let server = tokio::spawn(async move {
        let _ = profilehub::serve_until(
            listener,
            app,
            limits,
            async {
                let _ = rx.await;
            },
            Duration::from_secs(5),
        )
        .await;
    });
    TestApp {
        base: format!("http://127.0.0.1:{port}"),
        args,
        state,
        http: reqwest::Client::new(),
        shutdown: Some(tx),
        server: Some(server),
        db,
    }
}

/// Starts the service with every rating platform served by `doubles` (no rate limits, fast
/// retries), plus `flags`.
pub async fn spawn_app_with_doubles(doubles: &PlatformDoubles, flags: &[&str]) -> TestApp {
    let mut all: Vec<String> = doubles
        .platform_options()
        .into_iter()
        .flat_map(|option| ["--platform-option".to_string(), option])
        .collect();
    all.extend(flags.iter().map(|f| f.to_string()));
    let all: Vec<&str> = all.iter().map(String::as_str).collect();
    spawn_app_with(&all).await
}

/// The service's state (as another instance would build it) from command-line flags.
pub async fn build_state(args: &[String]) -> AppState {
    let cli = <Cli as clap::Parser>::try_parse_from(
        std::iter::once("profilehub").chain(args.iter().map(String::as_str)),
    )
    .expect("test flags parse");
    profilehub::build_state(&cli.config)
        .await
        .expect("the service starts")
}

async fn fresh_database() -> (TestDb, String) {
    sqlx::any::install_default_drivers();
    match std::env::var("TEST_DATABASE_URL") {
        Ok(admin_url) if admin_url.starts_with("postgres") => {
            let schema = format!("t_{}", Uuid::new_v4().simple());
            let mut admin = sqlx::AnyConnection::connect(&admin_url)
                .await
                .unwrap_or_else(|e| panic!("TEST_DATABASE_URL is unreachable: {e}"));
            admin
                .execute(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
                .await
                .expect("create the test schema");
            let separator = if admin_url.contains('?') { '&' } else { '?' };
            let url = format!("{admin_url}{separator}options=-c%20search_path%3D{schema}");
            (TestDb::Postgres { admin_url, schema }, url)
        }
        _ => {
            let dir = std::env::temp_dir().join("profilehub-tests");
            std::fs::create_dir_all(&dir).expect("temp dir");
            let file = dir.join(format!("{}.db", Uuid::new_v4()));
            let url = format!("sqlite://{}", file.display());
            (TestDb::Sqlite(file), url)
        }
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(server) = self.server.take() {
            server.abort();
        }
        match &self.db {
            TestDb::Borrowed => {}
            TestDb::Sqlite(file) => {
                for suffix in ["", "-wal", "-shm"] {
                    let mut path = file.clone().into_os_string();
                    path.push(suffix);
                    let _ = std::fs::remove_file(path);
                }
            }
            TestDb::Postgres { admin_url, schema } => {
                // Drop runs inside the test's runtime, which cannot block: use a thread.
                let (url, schema) = (admin_url.clone(), schema.clone());
                let _ = std::thread::spawn(move || {
                    let runtime = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .expect("runtime");
                    runtime.block_on(async {
                        if let Ok(mut admin) = sqlx::AnyConnection::connect(&url).await {
                            let _ = admin
                                .execute(sqlx::AssertSqlSafe(format!(
                                    "DROP SCHEMA IF EXISTS {schema} CASCADE"
                                )))
                                .await;
                        }
                    });
                })
                .join();
            }
        }
    }
}

impl TestApp {
    /// Sends a request; `body` is sent as JSON when given.
    pub async fn request(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Reply {
        let mut request = self.http.request(method, format!("{}{path}", self.base));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("the service answers");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.bytes().await.expect("a body");
        Reply {
            status,
            body: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
            text: String::from_utf8_lossy(&bytes).into_owned(),
            headers,
        }
    }

    /// `GET`.
    pub async fn get(&self, path: &str, token: Option<&str>) -> Reply {
        self.request(Method::GET, path, token, None).await
    }

    /// `POST` with a JSON body.
    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Reply {
        self.request(Method::POST, path, token, Some(body)).await
    }

    /// `DELETE`.
    pub async fn delete(&self, path: &str, token: Option<&str>) -> Reply {
        self.request(Method::DELETE, path, token, None).await
    }

    /// `PATCH` with a JSON body.
    pub async fn patch(&self, path: &str, token: Option<&str>, body: Value) -> Reply {
        self.request(Method::PATCH, path, token, Some(body)).await
    }

    /// A raw request with arbitrary headers and body bytes.
    pub async fn raw(
        &self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        body: impl Into<reqwest::Body>,
    ) -> Reply {
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.base))
            .body(body);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = request.send().await.expect("the service answers");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.bytes().await.expect("a body");
        Reply {
            status,
            body: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
            text: String::from_utf8_lossy(&bytes).into_owned(),
            headers,
        }
    }

    /// A connection of its own to the app's database, for what a test must read or write
    /// behind the service's back.
    pub async fn database(&self) -> sqlx::AnyConnection {
        let url = self
            .args
            .iter()
            .skip_while(|arg| *arg != "--database-url")
            .nth(1)
            .expect("the app's database URL");
        <sqlx::AnyConnection as sqlx::Connection>::connect(url)
            .await
            .expect("the test's database answers")
    }

    /// Registers `username` (email `<username>@example.com`, a fixed password).
    pub async fn register(&self, username: &str) -> TestUser {
        let email = format!("{username}@example.com");
        let password = "correct horse battery staple".to_string();
        let reply = self
            .post(
                "/v1/auth/register",
                None,
                json!({"username": username, "email": email, "password": password}),
            )
            .await;
        assert_eq!(
            reply.status,
            StatusCode::CREATED,
            "register: {}",
            reply.body
        );
        TestUser {
            id: reply.body["user"]["id"].as_str().unwrap().to_string(),
            password,
            access: reply.body["tokens"]["accessToken"]
                .as_str()
                .unwrap()
                .to_string(),
            refresh: reply.body["tokens"]["refreshToken"]
                .as_str()
                .unwrap()
                .to_string(),
        }
    }

    /// Logs in and returns the reply.
    pub async fn login(&self, login: &str, password: &str) -> Reply {
        self.post(
            "/v1/auth/login",
            None,
            json!({"login": login, "password": password}),
        )
        .await
    }

    /// The caller's own account (`GET /v1/users/me`).
    pub async fn me(&self, token: &str) -> Reply {
        self.get("/v1/users/me", Some(token)).await
    }

    /// Begins a graceful shutdown (as SIGTERM would) and waits for the server to stop.
    pub async fn shutdown(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(server) = self.server.take() {
            tokio::time::timeout(std::time::Duration::from_secs(10), server)
                .await
                .expect("the server stops within its grace period")
                .expect("the server task ends cleanly");
        }
    }

    /// Runs one rating refresh of everything due, as the schedule would.
    pub async fn refresh_ratings(&self) -> RefreshSummary {
        self.refresh_ratings_in(&RefreshScope::default()).await
    }

    /// Runs one rating refresh of `scope`.
    pub async fn refresh_ratings_in(&self, scope: &RefreshScope) -> RefreshSummary {
        self.state
            .ratings
            .refresher()
            .run_once(scope, None)
            .await
            .expect("the refresh runs")
    }

    /// Links `handle` on `platform` for `user` through the API.
    pub async fn link(&self, user: &TestUser, platform: &str, handle: &str) -> Reply {
        self.request(
            Method::PUT,
            &format!("/v1/users/me/handles/{platform}"),
            Some(&user.access),
            Some(json!({ "handle": handle })),
        )
        .await
    }

    /// `follower` follows `username`, through the SDK (must succeed).
    pub async fn follow(&self, follower: &TestUser, username: &str) {
        profilehub_client::authenticated(&self.base, &follower.access)
            .follow_user()
            .username(username)
            .send()
            .await
            .unwrap_or_else(|e| panic!("following {username}: {e}"));
    }

    /// `follower` stops following `username`, through the SDK (must succeed).
    pub async fn unfollow(&self, follower: &TestUser, username: &str) {
        profilehub_client::authenticated(&self.base, &follower.access)
            .unfollow_user()
            .username(username)
            .send()
            .await
            .unwrap_or_else(|e| panic!("unfollowing {username}: {e}"));
    }

    /// How many password verifications the service has performed so far.
    pub fn password_verifications(&self) -> u64 {
        self.state.auth.passwords().verifications()
    }
}
