//! HTTP read-path benchmark: `cargo bench --bench read`.
//!
//! Measures how fast the real service answers profile reads over HTTP, next to two
//! references measured in the same run on the same machine, and prints a plain-text report
//! (every figure beside its target) and a Markdown table for the README. It measures; a
//! missed target is reported, never a failure. It exits non-zero only when it could not run
//! (no wrk, the service does not start, seeding fails).
//!
//! What runs, all on 127.0.0.1:
//! - **The service**: the release binary cargo builds for the bench profile
//!   (`CARGO_BIN_EXE_profilehub`), started as an operator would (`serve --refresh-schedule
//!   off --log-format json`, `RUST_LOG=info`, stderr to a log file in a temp dir), over a
//!   database seeded with `BENCH_USERS` users, each with a name, a ~400-character bio,
//!   three skills and three rated handles (CodeChef, LeetCode, Codeforces), so that a
//!   public profile is about 1 KB. Seeding uses `profilehub migrate` for the schema, then
//!   bulk SQL (shared with the refresh benchmark in `benches/support`), with one argon2
//!   hash shared by every seeded account. Nothing about seeding is timed.
//! - **The references**, in a child process (this binary re-executed with
//!   `PROFILEHUB_BENCH_ROLE=references`), a bare poem-openapi server on a tokio runtime
//!   shaped like the service's: the *ceiling* serialises a fixed ~1 KB `#[derive(Object)]`
//!   profile per request (what the framework costs with no work behind it); the
//!   *one-query floor* reads one `users` row by its indexed `lower(username)` through an
//!   sqlx `AnyPool` (10 connections, the service's pragmas) from the seeded SQLite file and
//!   returns it as JSON. The floor always reads SQLite; with PostgreSQL configured the same
//!   query on PostgreSQL is printed for information.
//! - **The load**: wrk (pinned in `benches/tools.txt`, installed by
//!   `benches/install-tools.sh` when missing), 64 connections on 2 threads, a warm-up run,
//!   then `BENCH_SECONDS` measured. A Lua script picks a random user per request (usernames,
//!   or ids for `/v1/users/{id}`) and prints requests, p50, p99 and the non-2xx count on one
//!   machine-readable line. A run with any non-2xx answer has its targets marked INVALID
//!   (never PASS) and the count printed beside it: a run full of 404s is not a measurement.
//!
//! Measured for the service, on SQLite and — when `BENCH_POSTGRES_URL` (or else
//! `TEST_DATABASE_URL`) names a server — PostgreSQL (a fresh schema per run):
//! - `GET /v1/profiles/{username}`, `GET /user/profile/{username}` (Digitomize) and
//!   anonymous `GET /v1/users/{id}`: req/s, p50, p99, × ceiling and × floor;
//! - what users show their ratings with (the leaderboards and cards issue): the first page
//!   of the aggregate leaderboard, a user's standing (`GET /v1/leaderboard/{username}`)
//!   and their card (`GET /v1/profiles/{username}/card.svg`), held to p99 ≤ 10 ms and
//!   ≥ 0.5× ceiling with the cache on; each on a freshly started instance, so that it is
//!   the first view its cache holds (as the first profile view is), not a newcomer that the
//!   cache's admission policy weighs against the bodies of the views measured before it.
//!   With the cache on, a first pass asks for every user's view once (64 at a time, each a
//!   miss) and is reported on its own (time, req/s); the warm-up and the measured run then
//!   find the views cached, the steady state the targets are about;
//! - all of that with the profile cache on (default) and off (`--profile-cache-size 0`)
//!   when `serve --help` lists that flag; once, labelled `cache: n/a`, when it does not;
//! - start-up, exec to the first 200 from `/readyz` polled every 5 ms: first start on a new
//!   SQLite file (median of 3, each a new file) and warm restart on the seeded database
//!   (median of 5);
//! - RSS of the service process: idle (VmRSS a second after ready), under load (VmHWM after
//!   the GET runs) and after login contention (argon2 memory included);
//! - login contention: 50 connections looping `POST /v1/auth/login` (one account
//!   registered through the API) during a 64-connection `GET /v1/profiles` run, against
//!   the unloaded GET figures of the same service process.
//!
//! wrk and the server under test share the machine's cores (2 on the project's machines),
//! so every figure includes wrk's own CPU use; the ratios compare like with like. The
//! figures are for comparing builds, and the service with the references, on one machine,
//! not a statement of capacity.
//!
//! Knobs (defaults in brackets): `BENCH_USERS` [10000], `BENCH_SECONDS` [10] per measured
//! run, `BENCH_WARMUP_SECONDS` [2] per warm-up run, `BENCH_POSTGRES_URL` /
//! `TEST_DATABASE_URL` [unset: SQLite only]. With the defaults a run takes about 2 minutes
//! on SQLite alone and 4 with PostgreSQL (less when the build has no cache flag). The
//! report also prints the machine's load average at the start and the end: figures taken
//! while something else uses the CPUs (a build, a test suite) are noisy.

mod support;

use std::{
    fmt::Write as _,
    io::{BufRead, BufReader, Read, Write},
    path::{Path as FilePath, PathBuf},
    process::{Child, ChildStdin, Command, Stdio},
    time::{Duration, Instant},
};

use poem::Route;
// poem-openapi's `Path` keeps its name: `#[OpenApi]` recognises path parameters by the type's
// name, and under an alias they arrive empty (400 "expects an input value").
use poem_openapi::{ApiResponse, Object, OpenApi, OpenApiService, param::Path, payload::Json};
use sqlx::{AnyPool, any::AnyPoolOptions};
use support::{
    BenchDb, BenchUser, Handles, PASSWORD, ROLE, Seed, bench_users, env_number,
    load::{
        Load, SERVICE, Service, ensure_wrk, get_script, load_average, measure, median,
        migrate_with_binary, ms, niceness, post_script, verdict, wrk, wrk_result,
    },
    mb, postgres_url, remove_sqlite_file, runtime, seed, shared_password_hash,
};
use tokio::runtime::Runtime;

/// Environment of the references child: the seeded SQLite URL, and PostgreSQL's if any.
const REFERENCE_SQLITE_URL: &str = "PROFILEHUB_BENCH_SQLITE_URL";
const REFERENCE_POSTGRES_URL: &str = "PROFILEHUB_BENCH_POSTGRES_URL";

const LOGIN_USERNAME: &str = "bench_login";

const CONNECTIONS: u32 = 64;
const THREADS: u32 = 2;
const LOGIN_CONNECTIONS: u32 = 50;
const LOGIN_THREADS: u32 = 1;
const FIRST_STARTS: usize = 3;
const WARM_RESTARTS: usize = 5;
/// Database connections of the floor's pool: the service's default `--db-max-connections`.
const FLOOR_POOL_SIZE: u32 = 10;

const TARGET_CEILING_RATIO: f64 = 0.6;
const TARGET_CACHED_P99_MS: f64 = 10.0;
/// A leaderboard page, a rank lookup and a card, with the cache on (the leaderboards and
/// cards issue).
const TARGET_RATINGS_CEILING_RATIO: f64 = 0.5;
const TARGET_FLOOR_RATIO_SQLITE: f64 = 0.8;
const TARGET_FLOOR_RATIO_POSTGRES: f64 = 0.5;
const TARGET_IDLE_RSS_MB: f64 = 30.0;
const TARGET_LOAD_RSS_MB: f64 = 80.0;
const TARGET_WARM_START_MS: f64 = 150.0;
const TARGET_FIRST_START_MS: f64 = 300.0;
const TARGET_CONTENTION_THROUGHPUT: f64 = 0.70;
const TARGET_CONTENTION_P99: f64 = 1.5;

fn main() {
    match std::env::var(ROLE).as_deref() {
        Ok("references") => serve_references(),
        _ => {
            if let Err(err) = run() {
                eprintln!("read benchmark could not run: {err}");
                std::process::exit(1);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Settings and tools

struct Settings {
    users: usize,
    seconds: usize,
    warmup_seconds: usize,
}

impl Settings {
    fn from_env() -> Self {
        Self {
            users: env_number("BENCH_USERS", 10_000).max(1),
            seconds: env_number("BENCH_SECONDS", 10).max(1),
            warmup_seconds: env_number("BENCH_WARMUP_SECONDS", 2),
        }
    }
}

/// Whether this build of the service has `--profile-cache-size`.
fn cache_flag_supported() -> Result<bool, String> {
    let output = Command::new(SERVICE)
        .args(["serve", "--help"])
        .output()
        .map_err(|e| format!("cannot run {SERVICE}: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "`{SERVICE} serve --help` failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).contains("--profile-cache-size"))
}

/// How the service's profile cache is configured for a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cache {
    /// The default `--profile-cache-size`.
    On,
    /// `--profile-cache-size 0`.
    Off,
    /// The build has no such flag.
    NotSupported,
}

impl Cache {
    fn args(self) -> &'static [&'static str] {
        match self {
            Self::Off => &["--profile-cache-size", "0"],
            Self::On | Self::NotSupported => &[],
        }
    }

    fn label(self) -> &'static str {
        match self {
            Self::On => "cache on (default --profile-cache-size)",
            Self::Off => "cache off (--profile-cache-size 0)",
            Self::NotSupported => "cache: n/a (flag not supported by this build)",
        }
    }

    fn short(self) -> &'static str {
        match self {
            Self::On => "on",
            Self::Off => "off",
            Self::NotSupported => "n/a",
        }
    }

    /// Whether the cached targets apply (a build without the flag is held to both sets).
    fn cached_targets(self) -> bool {
        matches!(self, Self::On | Self::NotSupported)
    }

    fn uncached_targets(self) -> bool {
        matches!(self, Self::Off | Self::NotSupported)
    }
}

// ---------------------------------------------------------------------------------------
// The references child

/// A ~1 KB profile, built once and serialised per request by the ceiling endpoint.
#[derive(Debug, Clone, Object)]
#[oai(rename_all = "camelCase")]
struct FixedProfile {
    id: String,
    username: String,
    name: Option<String>,
    bio: Option<String>,
    picture_url: Option<String>,
    banner_url: Option<String>,
    website_url: Option<String>,
    location: Option<String>,
    skills: Vec<String>,
    social: FixedSocial,
    created_at: String,
    ratings: FixedRatings,
}

#[derive(Debug, Clone, Object)]
struct FixedSocial {
    twitter: Option<String>,
    linkedin: Option<String>,
    instagram: Option<String>,
    github: Option<String>,
}

#[derive(Debug, Clone, Object)]
#[oai(rename_all = "camelCase")]
struct FixedRatings {
    aggregate_rating: i64,
    codechef: FixedRating,
    leetcode: FixedRating,
    codeforces: FixedRating,
}

#[derive(Debug, Clone, Object)]
#[oai(rename_all = "camelCase")]
struct FixedRating {
    handle: String,
    status: String,
    rating: Option<f64>,
    max_rating: Option<f64>,
    attended_contests: Option<i64>,
    badge: Option<String>,
    fetch_time: Option<i64>,
}

fn fixed_profile() -> FixedProfile {
    let rating = |rating: f64, badge: &str| FixedRating {
        handle: "bench_5000".into(),
        status: "ok".into(),
        rating: Some(rating),
        max_rating: Some(rating + 100.0),
        attended_contests: Some(42),
        badge: Some(badge.into()),
        fetch_time: Some(1_795_000_000_000),
    };
    FixedProfile {
        id: "5f0c6a8e-9a51-4d43-8f0e-6c3d2b1a0f99".into(),
        username: "bench_5000".into(),
        name: Some("Bench User 5000".into()),
        bio: Some(
            "Competitive programmer and backend engineer. I write services in Rust, keep \
             PostgreSQL and SQLite busy, and spend weekends on contest problems: graphs, \
             dynamic programming and the occasional geometry task that eats a whole evening. \
             Currently working through the classic problem sets again, this time with \
             property tests beside every solution. Ask me about segment trees."
                .into(),
        ),
        picture_url: None,
        banner_url: None,
        website_url: None,
        location: None,
        skills: vec!["rust".into(), "algorithms".into(), "postgresql".into()],
        social: FixedSocial {
            twitter: None,
            linkedin: None,
            instagram: None,
            github: None,
        },
        created_at: "2026-11-30T12:00:00Z".into(),
        ratings: FixedRatings {
            aggregate_rating: 1900,
            codechef: rating(1900.0, "3★"),
            leetcode: rating(2000.25, "Knight"),
            codeforces: rating(1700.0, "specialist"),
        },
    }
}

/// One `users` row, as the floor returns it.
#[derive(Debug, Clone, Object)]
#[oai(rename_all = "camelCase")]
struct UserRow {
    id: String,
    username: String,
    name: Option<String>,
    bio: Option<String>,
    skills: Vec<String>,
    created_at: i64,
}

#[derive(ApiResponse)]
enum RowResponse {
    #[oai(status = 200)]
    Ok(Json<UserRow>),
    #[oai(status = 404)]
    NotFound,
    #[oai(status = 500)]
    Failed,
}

struct References {
    fixed: FixedProfile,
    sqlite: AnyPool,
    postgres: Option<AnyPool>,
}

#[OpenApi]
impl References {
    /// The framework's ceiling: a fixed profile, serialised per request.
    #[oai(path = "/ref/fixed/:username", method = "get")]
    async fn fixed(&self, username: Path<String>) -> Json<FixedProfile> {
        // Parsed like the service's path, then ignored: the body is the same every time.
        let _ = username;
        Json(self.fixed.clone())
    }

    /// The one-query floor on the seeded SQLite file.
    #[oai(path = "/ref/row/sqlite/:username", method = "get")]
    async fn row_sqlite(&self, username: Path<String>) -> RowResponse {
        read_row(&self.sqlite, &username.0).await
    }

    /// The same query on PostgreSQL (for information).
    #[oai(path = "/ref/row/postgres/:username", method = "get")]
    async fn row_postgres(&self, username: Path<String>) -> RowResponse {
        match &self.postgres {
            Some(pool) => read_row(pool, &username.0).await,
            None => RowResponse::NotFound,
        }
    }
}

/// id, username, name, bio, skills (JSON text), created_at.
type UserColumns = (String, String, Option<String>, Option<String>, String, i64);

async fn read_row(pool: &AnyPool, username: &str) -> RowResponse {
    let row: Result<Option<UserColumns>, _> = sqlx::query_as(
        "SELECT id, username, name, bio, skills, created_at FROM users \
             WHERE lower(username) = lower($1)",
    )
    .bind(username)
    .fetch_optional(pool)
    .await;
    match row {
        Ok(Some((id, username, name, bio, skills, created_at))) => RowResponse::Ok(Json(UserRow {
            id,
            username,
            name,
            bio,
            skills: serde_json::from_str(&skills).unwrap_or_default(),
            created_at,
        })),
        Ok(None) => RowResponse::NotFound,
        Err(_) => RowResponse::Failed,
    }
}

/// A pool like the service's: same size, and on SQLite the pragmas it sets per connection.
async fn reference_pool(url: &str) -> Result<AnyPool, sqlx::Error> {
    sqlx::any::install_default_drivers();
    let sqlite = url.starts_with("sqlite");
    AnyPoolOptions::new()
        .max_connections(FLOOR_POOL_SIZE)
        .after_connect(move |conn, _meta| {
            Box::pin(async move {
                if sqlite {
                    sqlx::raw_sql(
                        "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 10000; \
                         PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;",
                    )
                    .execute(&mut *conn)
                    .await?;
                }
                Ok(())
            })
        })
        .connect(url)
        .await
}

/// The references child: prints its base URL, serves until stdin closes.
fn serve_references() {
    let rt = runtime();
    rt.block_on(async {
        let sqlite_url = std::env::var(REFERENCE_SQLITE_URL).expect("the SQLite URL");
        let sqlite = reference_pool(&sqlite_url)
            .await
            .expect("open the seeded SQLite database");
        let postgres = match std::env::var(REFERENCE_POSTGRES_URL) {
            Ok(url) => Some(
                reference_pool(&url)
                    .await
                    .expect("open the seeded PostgreSQL schema"),
            ),
            Err(_) => None,
        };
        let api = OpenApiService::new(
            References {
                fixed: fixed_profile(),
                sqlite,
                postgres,
            },
            "read benchmark references",
            "1",
        );
        let base = profilehub_testkit::serve_locally(Route::new().nest("/", api)).await;
        let mut out = std::io::stdout().lock();
        writeln!(out, "{base}").expect("write the base URL");
        out.flush().expect("flush the base URL");
        drop(out);
        // Serve until the parent closes our stdin.
        let _ = tokio::task::spawn_blocking(|| {
            let _ = std::io::stdin().lock().read_to_end(&mut Vec::new());
        })
        .await;
    });
}

/// The references child, seen from the parent; killed when dropped.
struct ReferencesProcess {
    child: Child,
    stdin: Option<ChildStdin>,
    base: String,
}

impl ReferencesProcess {
    fn start(sqlite_url: &str, postgres_url: Option<&str>) -> Result<Self, String> {
        let exe = std::env::current_exe().map_err(|e| e.to_string())?;
        let mut command = Command::new(exe);
        command
            .env(ROLE, "references")
            .env(REFERENCE_SQLITE_URL, sqlite_url)
            .env_remove(REFERENCE_POSTGRES_URL)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped());
        if let Some(url) = postgres_url {
            command.env(REFERENCE_POSTGRES_URL, url);
        }
        let mut child = command
            .spawn()
            .map_err(|e| format!("cannot start the references process: {e}"))?;
        let stdin = child.stdin.take();
        let mut stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
        let mut base = String::new();
        stdout
            .read_line(&mut base)
            .map_err(|e| format!("the references process did not start: {e}"))?;
        let base = base.trim().to_string();
        if !base.starts_with("http://") {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!(
                "the references process printed {base:?}, not a URL"
            ));
        }
        Ok(Self { child, stdin, base })
    }
}

impl Drop for ReferencesProcess {
    fn drop(&mut self) {
        drop(self.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ---------------------------------------------------------------------------------------
// The run

struct Bench {
    settings: Settings,
    rt: Runtime,
    client: reqwest::Client,
    /// Temp dir for logs, wrk scripts and first-start databases.
    work: PathBuf,
    /// The 1-minute load average when the benchmark started.
    load_at_start: String,
}

impl Bench {
    /// Starts the service on `database_url` with the profile cache as `cache` says.
    fn start_service(
        &self,
        database_url: &str,
        cache: Cache,
        log_name: &str,
    ) -> Result<Service, String> {
        Service::start(
            &self.rt,
            &self.client,
            &self.work,
            database_url,
            cache.args(),
            log_name,
        )
    }

    /// A warm-up run (discarded), then the measured run, of `script` against `base`.
    fn measure(&self, base: &str, script: &FilePath) -> Result<Load, String> {
        measure(
            base,
            script,
            CONNECTIONS,
            THREADS,
            self.settings.warmup_seconds,
            self.settings.seconds,
        )
    }

    /// Asks for `target`'s view of every user once, [`CONNECTIONS`] at a time: how long
    /// that took and how many answers were not 2xx.
    fn first_fill(
        &self,
        base: &str,
        target: &Target,
        users: &[BenchUser],
    ) -> Result<(Duration, usize), String> {
        let urls: Vec<String> = users
            .iter()
            .map(|user| format!("{base}{}", target.path(user)))
            .collect();
        let lanes = usize::try_from(CONNECTIONS).unwrap_or(1);
        let started = Instant::now();
        let failed = self.rt.block_on(async {
            let mut tasks = tokio::task::JoinSet::new();
            for lane in 0..lanes {
                let client = self.client.clone();
                let mine: Vec<String> = urls.iter().skip(lane).step_by(lanes).cloned().collect();
                tasks.spawn(async move {
                    let mut failed = 0;
                    for url in mine {
                        let ok = match client.get(&url).send().await {
                            Ok(response) => {
                                let status = response.status();
                                response.bytes().await.is_ok() && status.is_success()
                            }
                            Err(_) => false,
                        };
                        failed += usize::from(!ok);
                    }
                    failed
                });
            }
            let mut failed = 0;
            while let Some(lane) = tasks.join_next().await {
                failed += lane.map_err(|e| e.to_string())?;
            }
            Ok::<_, String>(failed)
        })?;
        Ok((started.elapsed(), failed))
    }

    /// One request, for a status and a body size.
    fn fetch(&self, url: &str, json: Option<&serde_json::Value>) -> Result<(u16, String), String> {
        self.rt.block_on(async {
            let request = match json {
                Some(body) => self.client.post(url).json(body),
                None => self.client.get(url),
            };
            let response = request.send().await.map_err(|e| format!("{url}: {e}"))?;
            let status = response.status().as_u16();
            let body = response.text().await.map_err(|e| format!("{url}: {e}"))?;
            Ok((status, body))
        })
    }
}

/// A measured endpoint: its route, a sample request's status and size, and the load run.
struct Measured {
    route: &'static str,
    kind: Kind,
    sample_status: u16,
    sample_bytes: usize,
    /// Ratings views with the cache on: the first pass over every user's view, which
    /// fills the cache (its time, and the answers that were not 2xx).
    first_fill: Option<(Duration, usize)>,
    load: Load,
}

/// One service process's figures.
struct ServiceRun {
    database: &'static str,
    cache: Cache,
    ready_after: Duration,
    idle_rss_kb: u64,
    endpoints: Vec<Measured>,
    peak_after_gets_kb: u64,
    contended: Load,
    login: Load,
    peak_after_login_kb: u64,
}

struct Database {
    db: BenchDb,
    url: String,
    seed_seconds: f64,
}

/// Which user field a path ends with.
#[derive(Debug, Clone, Copy)]
enum Key {
    Username,
    Id,
    /// The username, then this suffix.
    UsernameThen(&'static str),
    /// No user: the prefix alone.
    Fixed,
}

/// Which targets an endpoint is held to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A public profile view (the read-path targets).
    Profile,
    /// What ratings users show off (the leaderboards and cards issue): with the cache on,
    /// p99 ≤ [`TARGET_CACHED_P99_MS`] and ≥ [`TARGET_RATINGS_CEILING_RATIO`]× ceiling.
    Ratings,
}

/// An endpoint under load: `prefix` + a random user's `key` per request.
struct Target {
    /// How the report names it, e.g. `GET /v1/profiles/{username}`.
    label: &'static str,
    kind: Kind,
    /// What it is (references only).
    what: &'static str,
    prefix: &'static str,
    key: Key,
    /// The wrk script, listing every user's path.
    script: PathBuf,
}

impl Target {
    fn new(
        dir: &FilePath,
        users: &[BenchUser],
        (label, what, prefix, key): (&'static str, &'static str, &'static str, Key),
    ) -> Result<Self, String> {
        let paths: Vec<String> = users
            .iter()
            .map(|user| Self::path_of(prefix, key, user))
            .collect();
        let name: String = format!("{prefix}{}", key_name(key))
            .trim_matches('/')
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        let script = get_script(dir, &name, &paths)?;
        Ok(Self {
            label,
            kind: Kind::Profile,
            what,
            prefix,
            key,
            script,
        })
    }

    /// The same target, held to the ratings targets.
    fn ratings(self) -> Self {
        Self {
            kind: Kind::Ratings,
            ..self
        }
    }

    fn path_of(prefix: &str, key: Key, user: &BenchUser) -> String {
        match key {
            Key::Username => format!("{prefix}{}", user.username),
            Key::Id => format!("{prefix}{}", user.id),
            Key::UsernameThen(suffix) => format!("{prefix}{}{suffix}", user.username),
            Key::Fixed => prefix.to_string(),
        }
    }

    fn path(&self, user: &BenchUser) -> String {
        Self::path_of(self.prefix, self.key, user)
    }
}

/// A name for `key`'s part of a script's file name.
fn key_name(key: Key) -> &'static str {
    match key {
        Key::UsernameThen(suffix) => suffix,
        _ => "",
    }
}

/// Every target, its wrk script written once (users and ids are the same in every database).
struct Targets {
    ceiling: Target,
    floor: Target,
    floor_postgres: Target,
    service: Vec<Target>,
    login_script: PathBuf,
}

impl Targets {
    fn write(dir: &FilePath, users: &[BenchUser]) -> Result<Self, String> {
        let target = |spec| Target::new(dir, users, spec);
        let login = serde_json::json!({ "login": LOGIN_USERNAME, "password": PASSWORD });
        Ok(Self {
            ceiling: target((
                "ceiling",
                "fixed ~1 KB Object, serialised per request",
                "/ref/fixed/",
                Key::Username,
            ))?,
            floor: target((
                "floor",
                "one indexed SELECT on SQLite via AnyPool",
                "/ref/row/sqlite/",
                Key::Username,
            ))?,
            floor_postgres: target((
                "floor, PostgreSQL (information)",
                "one indexed SELECT on PostgreSQL via AnyPool",
                "/ref/row/postgres/",
                Key::Username,
            ))?,
            service: vec![
                target((
                    "GET /v1/profiles/{username}",
                    "",
                    "/v1/profiles/",
                    Key::Username,
                ))?,
                target((
                    "GET /user/profile/{username}",
                    "",
                    "/user/profile/",
                    Key::Username,
                ))?,
                target(("GET /v1/users/{id}", "", "/v1/users/", Key::Id))?,
                target((
                    "GET /v1/leaderboard (page 1)",
                    "",
                    "/v1/leaderboard?board=aggregate&limit=20",
                    Key::Fixed,
                ))?
                .ratings(),
                target((
                    "GET /v1/leaderboard/{username}",
                    "",
                    "/v1/leaderboard/",
                    Key::Username,
                ))?
                .ratings(),
                target((
                    "GET /v1/profiles/{username}/card.svg",
                    "",
                    "/v1/profiles/",
                    Key::UsernameThen("/card.svg"),
                ))?
                .ratings(),
            ],
            login_script: post_script(dir, "login", &login.to_string())?,
        })
    }
}

/// A reference's figures.
struct ReferenceRun {
    label: &'static str,
    what: &'static str,
    sample_bytes: usize,
    load: Load,
}

fn run() -> Result<(), String> {
    let load_at_start = load_average();
    let settings = Settings::from_env();
    let wrk_version = ensure_wrk()?;
    let cache_supported = cache_flag_supported()?;
    let work = std::env::temp_dir().join(format!("profilehub-bench-read-{}", std::process::id()));
    std::fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    let client = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()
        .map_err(|e| e.to_string())?;
    let bench = Bench {
        settings,
        rt: runtime(),
        client,
        work,
        load_at_start,
    };
    println!(
        "read benchmark: {} users, {} s per run after a {} s warm-up, {wrk_version}",
        bench.settings.users, bench.settings.seconds, bench.settings.warmup_seconds
    );
    if postgres_url().is_none() {
        println!(
            "PostgreSQL skipped: set BENCH_POSTGRES_URL (or TEST_DATABASE_URL) to measure it too."
        );
    }

    let mut databases = Vec::new();
    let result = run_with(&bench, &wrk_version, cache_supported, &mut databases);
    for database in &databases {
        bench.rt.block_on(database.db.remove());
    }
    if result.is_ok() {
        let _ = std::fs::remove_dir_all(&bench.work);
    } else {
        eprintln!("logs and scripts kept in {}", bench.work.display());
    }
    result
}

fn run_with(
    bench: &Bench,
    wrk_version: &str,
    cache_supported: bool,
    databases: &mut Vec<Database>,
) -> Result<(), String> {
    // Start-up on a new SQLite file (the service creates and migrates it).
    let mut first_starts = Vec::new();
    for n in 0..FIRST_STARTS {
        let file = bench.work.join(format!("first-start-{n}.db"));
        let url = format!("sqlite://{}", file.display());
        let mut service = bench.start_service(&url, Cache::On, &format!("first-start-{n}"))?;
        first_starts.push(service.ready_after);
        service.stop();
        remove_sqlite_file(&file);
    }

    // Seeded databases.
    let users = bench_users(bench.settings.users);
    let hash = bench.rt.block_on(shared_password_hash())?;
    let mut kinds = vec!["sqlite"];
    if postgres_url().is_some() {
        kinds.push("postgres");
    }
    for kind in kinds {
        let (db, url) = bench.rt.block_on(BenchDb::create(kind))?;
        databases.push(Database {
            db,
            url,
            seed_seconds: 0.0,
        });
        let database = databases.last_mut().expect("just pushed");
        let started = Instant::now();
        migrate_with_binary(&database.url)?;
        bench.rt.block_on(async {
            let pool = AnyPool::connect(&database.url)
                .await
                .map_err(|e| format!("{}: {e}", database.db.name()))?;
            let seeding = Seed {
                password_hash: &hash,
                profile: true,
                handles: Handles::Rated,
            };
            seed(&pool, &users, &seeding)
                .await
                .map_err(|e| format!("seeding {}: {e}", database.db.name()))?;
            pool.close().await;
            Ok::<_, String>(())
        })?;
        database.seed_seconds = started.elapsed().as_secs_f64();
    }
    let targets = Targets::write(&bench.work, &users)?;
    let sample = &users[users.len() / 2];

    // References.
    let sqlite_url = &databases[0].url;
    let postgres = databases.get(1).map(|d| d.url.as_str());
    let references = {
        let process = ReferencesProcess::start(sqlite_url, postgres)?;
        let mut runs = Vec::new();
        let mut measured = vec![&targets.ceiling, &targets.floor];
        if postgres.is_some() {
            measured.push(&targets.floor_postgres);
        }
        for target in measured {
            let (status, body) =
                bench.fetch(&format!("{}{}", process.base, target.path(sample)), None)?;
            if status != 200 {
                return Err(format!(
                    "the reference {} answered {status}: {body}",
                    target.label
                ));
            }
            progress(&format!("reference {}", target.label));
            let load = bench.measure(&process.base, &target.script)?;
            runs.push(ReferenceRun {
                label: target.label,
                what: target.what,
                sample_bytes: body.len(),
                load,
            });
        }
        runs
    };

    // The service.
    let modes = if cache_supported {
        vec![Cache::On, Cache::Off]
    } else {
        vec![Cache::NotSupported]
    };
    let mut warm_starts = Vec::new();
    let mut runs = Vec::new();
    for database in databases.iter() {
        let name = database.db.name();
        let mut times = Vec::new();
        for n in 0..WARM_RESTARTS {
            let mut service =
                bench.start_service(&database.url, modes[0], &format!("{name}-warm-{n}"))?;
            times.push(service.ready_after);
            if n == 0 {
                register_login_account(bench, &service)?;
            }
            service.stop();
        }
        warm_starts.push((name, times));
        for &cache in &modes {
            runs.push(measure_service(
                bench, database, cache, &targets, &users, sample,
            )?);
        }
    }

    let report = Report {
        bench,
        wrk_version,
        cache_supported,
        databases,
        references: &references,
        first_starts: &first_starts,
        warm_starts: &warm_starts,
        runs: &runs,
    };
    print!("{}", report.text());
    print!("{}", report.markdown());
    std::io::stdout().flush().map_err(|e| e.to_string())
}

/// Registers the login-contention account through the API and checks that it can log in.
fn register_login_account(bench: &Bench, service: &Service) -> Result<(), String> {
    let register = serde_json::json!({
        "username": LOGIN_USERNAME,
        "email": format!("{LOGIN_USERNAME}@example.com"),
        "password": PASSWORD,
    });
    let (status, body) = bench.fetch(
        &format!("{}/v1/auth/register", service.base),
        Some(&register),
    )?;
    if status != 201 {
        return Err(format!("POST /v1/auth/register answered {status}: {body}"));
    }
    let login = serde_json::json!({ "login": LOGIN_USERNAME, "password": PASSWORD });
    let (status, body) = bench.fetch(&format!("{}/v1/auth/login", service.base), Some(&login))?;
    if status != 200 {
        return Err(format!("POST /v1/auth/login answered {status}: {body}"));
    }
    Ok(())
}

fn measure_service(
    bench: &Bench,
    database: &Database,
    cache: Cache,
    targets: &Targets,
    users: &[BenchUser],
    sample: &BenchUser,
) -> Result<ServiceRun, String> {
    let name = database.db.name();
    let service = bench.start_service(
        &database.url,
        cache,
        &format!("{name}-cache-{}", cache.short().replace('/', "")),
    )?;
    std::thread::sleep(Duration::from_secs(1));
    let idle_rss_kb = service.status_kb("VmRSS");

    let mut endpoints = Vec::new();
    let measure = |service: &Service, target: &Target| -> Result<Measured, String> {
        let (sample_status, body) =
            bench.fetch(&format!("{}{}", service.base, target.path(sample)), None)?;
        progress(&format!("{name}, {}: {}", cache.label(), target.label));
        // A ratings view is measured once its cache holds every user's view: the first
        // pass, every miss, is timed on its own.
        let first_fill = match target.kind == Kind::Ratings && cache == Cache::On {
            true => Some(bench.first_fill(&service.base, target, users)?),
            false => None,
        };
        let load = bench.measure(&service.base, &target.script)?;
        Ok(Measured {
            route: target.label,
            kind: target.kind,
            sample_status,
            sample_bytes: body.len(),
            first_fill,
            load,
        })
    };
    for target in targets.service.iter().filter(|t| t.kind == Kind::Profile) {
        endpoints.push(measure(&service, target)?);
    }
    let peak_after_gets_kb = service.status_kb("VmHWM");

    // Login contention: the profile GET load again, with 50 connections logging in.
    let profiles_script = &targets.service[0].script;
    progress(&format!("{name}, {}: login contention", cache.label()));
    let login_url = format!("{}/v1/auth/login", service.base);
    let seconds = bench.settings.seconds;
    let login = wrk(
        &login_url,
        &targets.login_script,
        LOGIN_CONNECTIONS,
        LOGIN_THREADS,
        seconds,
    )
    .spawn()
    .map_err(|e| format!("cannot run wrk: {e}"))?;
    let gets = wrk(
        &service.base,
        profiles_script,
        CONNECTIONS,
        THREADS,
        seconds,
    )
    .spawn()
    .map_err(|e| format!("cannot run wrk: {e}"))?;
    let contended = wrk_result(gets.wait_with_output())?;
    let login = wrk_result(login.wait_with_output())?;
    let peak_after_login_kb = service.status_kb("VmHWM");
    let ready_after = service.ready_after;
    drop(service);

    // What users show their ratings with: each view on an instance of its own, so that
    // it is the first view its cache holds (as the first profile view is above), rather
    // than a newcomer the cache's admission policy weighs against 30,000 earlier bodies.
    for target in targets.service.iter().filter(|t| t.kind == Kind::Ratings) {
        let service = bench.start_service(
            &database.url,
            cache,
            &format!("{name}-cache-{}-ratings", cache.short().replace('/', "")),
        )?;
        endpoints.push(measure(&service, target)?);
    }

    Ok(ServiceRun {
        database: name,
        cache,
        ready_after,
        idle_rss_kb,
        endpoints,
        peak_after_gets_kb,
        contended,
        login,
        peak_after_login_kb,
    })
}

// ---------------------------------------------------------------------------------------
// The report

struct Report<'a> {
    bench: &'a Bench,
    wrk_version: &'a str,
    cache_supported: bool,
    databases: &'a [Database],
    references: &'a [ReferenceRun],
    first_starts: &'a [Duration],
    warm_starts: &'a [(&'static str, Vec<Duration>)],
    runs: &'a [ServiceRun],
}

/// An endpoint's verdicts against the targets of its cache mode.
struct Verdicts {
    ceiling_ratio: f64,
    floor_ratio: f64,
    /// (target text, met) pairs.
    checks: Vec<(String, bool)>,
    valid: bool,
}

impl Report<'_> {
    fn reference(&self, label: &str) -> Option<&ReferenceRun> {
        self.references.iter().find(|r| r.label == label)
    }

    fn verdicts(&self, run: &ServiceRun, kind: Kind, load: &Load) -> Verdicts {
        let ratio = |reference: Option<&ReferenceRun>| {
            reference
                .map(|r| r.load.rps())
                .filter(|rps| *rps > 0.0)
                .map_or(0.0, |rps| load.rps() / rps)
        };
        let ceiling_ratio = ratio(self.reference("ceiling"));
        let floor_ratio = ratio(self.reference("floor"));
        let mut checks = Vec::new();
        if kind == Kind::Ratings {
            if run.cache.cached_targets() {
                checks.push((
                    format!("≥ {TARGET_RATINGS_CEILING_RATIO}× ceiling"),
                    ceiling_ratio >= TARGET_RATINGS_CEILING_RATIO,
                ));
                checks.push((
                    format!("p99 ≤ {TARGET_CACHED_P99_MS} ms"),
                    load.p99_ms() <= TARGET_CACHED_P99_MS,
                ));
            }
            return Verdicts {
                ceiling_ratio,
                floor_ratio,
                checks,
                valid: load.valid(),
            };
        }
        if run.cache.cached_targets() {
            checks.push((
                format!("≥ {TARGET_CEILING_RATIO}× ceiling"),
                ceiling_ratio >= TARGET_CEILING_RATIO,
            ));
            checks.push((
                format!("p99 ≤ {TARGET_CACHED_P99_MS} ms"),
                load.p99_ms() <= TARGET_CACHED_P99_MS,
            ));
        }
        if run.cache.uncached_targets() {
            let target = if run.database == "PostgreSQL" {
                TARGET_FLOOR_RATIO_POSTGRES
            } else {
                TARGET_FLOOR_RATIO_SQLITE
            };
            checks.push((format!("≥ {target}× floor"), floor_ratio >= target));
        }
        Verdicts {
            ceiling_ratio,
            floor_ratio,
            checks,
            valid: load.valid(),
        }
    }

    fn verdict_text(verdicts: &Verdicts) -> String {
        verdicts
            .checks
            .iter()
            .map(|(target, ok)| {
                let result = if verdicts.valid {
                    verdict(*ok)
                } else {
                    "INVALID"
                };
                format!("{target}: {result}")
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn text(&self) -> String {
        let s = &self.bench.settings;
        let mut out = String::new();
        let o = &mut out;
        let _ = writeln!(o);
        let _ = writeln!(
            o,
            "== HTTP read benchmark: {} users, wrk {CONNECTIONS} connections × {THREADS} \
             threads, {} s per run after a {} s warm-up ==",
            s.users, s.seconds, s.warmup_seconds
        );
        let _ = writeln!(o, "load generator: {}", self.wrk_version);
        let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
        let _ = writeln!(
            o,
            "machine: {cores} cores shared by wrk and the server under test; 1-min load average \
             {} at the start, {} at the end; niceness {} (the service and wrk inherit it)",
            self.bench.load_at_start,
            load_average(),
            niceness()
        );
        if self
            .bench
            .load_at_start
            .parse::<f64>()
            .is_ok_and(|load| load > 1.0)
        {
            let _ = writeln!(
                o,
                "  NOTE: something else was using the CPUs when the run started: the figures \
                 are noisy; compare runs made on a quiet machine"
            );
        }
        let _ = writeln!(o, "service: {SERVICE}");
        let _ = writeln!(
            o,
            "profile cache flag (--profile-cache-size): {}",
            if self.cache_supported {
                "supported: every service figure is measured with the cache on and off"
            } else {
                "not supported by this build: one run per database, held to both target sets"
            }
        );
        for database in self.databases {
            let _ = writeln!(
                o,
                "seed (setup, not measured) on {}: {} users × 3 rated handles in {:.2} s",
                database.db.name(),
                s.users,
                database.seed_seconds
            );
        }

        let _ = writeln!(
            o,
            "\nreferences (child process, bare poem-openapi, same path shapes):"
        );
        for r in self.references {
            let _ = writeln!(
                o,
                "  {:<36} {:>8.0} req/s  p50 {:>6.2} ms  p99 {:>6.2} ms  body {} B  ({}){}",
                r.label,
                r.load.rps(),
                r.load.p50_ms(),
                r.load.p99_ms(),
                r.sample_bytes,
                r.what,
                r.load.problems_suffix()
            );
        }

        let _ = writeln!(
            o,
            "\nstart-up (exec → first 200 from /readyz, polled every 5 ms):"
        );
        let first = median(self.first_starts.to_vec());
        let _ = writeln!(
            o,
            "  first start, new SQLite file (median of {FIRST_STARTS}): {:>6.1} ms    target ≤ \
             {TARGET_FIRST_START_MS} ms: {}   (all: {})",
            ms(first),
            verdict(ms(first) <= TARGET_FIRST_START_MS),
            list_ms(self.first_starts)
        );
        for (name, times) in self.warm_starts {
            let warm = median(times.clone());
            let _ = writeln!(
                o,
                "  warm restart, seeded {name} (median of {WARM_RESTARTS}): {:>6.1} ms    target \
                 ≤ {TARGET_WARM_START_MS} ms: {}   (all: {})",
                ms(warm),
                verdict(ms(warm) <= TARGET_WARM_START_MS),
                list_ms(times)
            );
        }

        for run in self.runs {
            let _ = writeln!(o, "\n{} — {}:", run.database, run.cache.label());
            let _ = writeln!(
                o,
                "  idle RSS (VmRSS 1 s after ready): {:.1} MB    target ≤ {TARGET_IDLE_RSS_MB} MB: \
                 {}   (this start: ready in {:.1} ms)",
                mb(run.idle_rss_kb),
                verdict(mb(run.idle_rss_kb) <= TARGET_IDLE_RSS_MB),
                ms(run.ready_after)
            );
            for e in &run.endpoints {
                let v = self.verdicts(run, e.kind, &e.load);
                let _ = writeln!(
                    o,
                    "  {:<30} {:>8.0} req/s  p50 {:>6.2} ms  p99 {:>6.2} ms  {:>5.2}× ceiling  \
                     {:>5.2}× floor  non-2xx {}  (sample: {} B, status {})",
                    e.route,
                    e.load.rps(),
                    e.load.p50_ms(),
                    e.load.p99_ms(),
                    v.ceiling_ratio,
                    v.floor_ratio,
                    e.load.non_2xx,
                    e.sample_bytes,
                    e.sample_status
                );
                let _ = writeln!(
                    o,
                    "  {:<30} targets: {}{}",
                    "",
                    Self::verdict_text(&v),
                    e.load.problems_suffix()
                );
                if let Some((took, failed)) = e.first_fill {
                    let _ = writeln!(
                        o,
                        "  {:<30} before it, the first pass over all {} users (every one a \
                         miss, {CONNECTIONS} at a time): {:.2} s, {:.0} req/s, non-2xx {failed}",
                        "",
                        self.bench.settings.users,
                        took.as_secs_f64(),
                        self.bench.settings.users as f64 / took.as_secs_f64().max(1e-9),
                    );
                }
            }
            let _ = writeln!(
                o,
                "  RSS under load (VmHWM after the GET runs): {:.1} MB    target ≤ \
                 {TARGET_LOAD_RSS_MB} MB: {}",
                mb(run.peak_after_gets_kb),
                verdict(mb(run.peak_after_gets_kb) <= TARGET_LOAD_RSS_MB)
            );
            let unloaded = run.endpoints[0].load;
            let (throughput, p99) = contention_ratios(&unloaded, &run.contended);
            // Logins refused with 503 by the bounded hashing queue are the service doing its
            // job under overload; only the GET runs must be all 2xx to be a measurement.
            let valid = unloaded.valid() && run.contended.valid() && run.login.requests > 0;
            let judge = |ok: bool| if valid { verdict(ok) } else { "INVALID" };
            let _ = writeln!(
                o,
                "  login contention ({LOGIN_CONNECTIONS} connections looping POST /v1/auth/login \
                 during the {CONNECTIONS}-connection GET /v1/profiles load):"
            );
            let _ = writeln!(
                o,
                "    GET req/s {:.0} → {:.0} = {:.2}×    target ≥ {TARGET_CONTENTION_THROUGHPUT}×: {}",
                unloaded.rps(),
                run.contended.rps(),
                throughput,
                judge(throughput >= TARGET_CONTENTION_THROUGHPUT)
            );
            let _ = writeln!(
                o,
                "    GET p99 {:.2} ms → {:.2} ms = {:.2}×    target ≤ {TARGET_CONTENTION_P99}×: {}{}",
                unloaded.p99_ms(),
                run.contended.p99_ms(),
                p99,
                judge(p99 <= TARGET_CONTENTION_P99),
                run.contended.problems_suffix()
            );
            let _ = writeln!(
                o,
                "    logins: {:.0} req/s, p50 {:.0} ms, p99 {:.0} ms, non-2xx {} (503s: the \
                 bounded hashing queue at work){}",
                run.login.rps(),
                run.login.p50_ms(),
                run.login.p99_ms(),
                run.login.non_2xx,
                run.login.problems_suffix()
            );
            let _ = writeln!(
                o,
                "  peak RSS after login contention (VmHWM, argon2 included): {:.1} MB    target ≤ \
                 {TARGET_LOAD_RSS_MB} MB: {}",
                mb(run.peak_after_login_kb),
                verdict(mb(run.peak_after_login_kb) <= TARGET_LOAD_RSS_MB)
            );
        }
        out
    }

    fn markdown(&self) -> String {
        let s = &self.bench.settings;
        let mut out = String::new();
        let o = &mut out;
        let _ = writeln!(
            o,
            "\nMarkdown ({} users, wrk {CONNECTIONS} connections × {THREADS} threads, {} s runs, \
             2 cores shared by wrk and the server):\n",
            s.users, s.seconds
        );
        let _ = writeln!(
            o,
            "| Database | Cache | Endpoint | req/s | p50 ms | p99 ms | non-2xx | × ceiling | × floor | Targets |"
        );
        let _ = writeln!(o, "|---|---|---|---:|---:|---:|---:|---:|---:|---|");
        for r in self.references {
            let _ = writeln!(
                o,
                "| reference | – | {} ({}) | {:.0} | {:.2} | {:.2} | {} | | | |",
                r.label,
                r.what,
                r.load.rps(),
                r.load.p50_ms(),
                r.load.p99_ms(),
                r.load.non_2xx
            );
        }
        for run in self.runs {
            for e in &run.endpoints {
                let v = self.verdicts(run, e.kind, &e.load);
                let _ = writeln!(
                    o,
                    "| {} | {} | `{}` | {:.0} | {:.2} | {:.2} | {} | {:.2} | {:.2} | {} |",
                    run.database,
                    run.cache.short(),
                    e.route,
                    e.load.rps(),
                    e.load.p50_ms(),
                    e.load.p99_ms(),
                    e.load.non_2xx,
                    v.ceiling_ratio,
                    v.floor_ratio,
                    Self::verdict_text(&v)
                );
            }
        }

        let _ = writeln!(o, "\n| Figure | Value | Target | Result |");
        let _ = writeln!(o, "|---|---:|---:|---|");
        let first = ms(median(self.first_starts.to_vec()));
        let _ = writeln!(
            o,
            "| First start, new SQLite file (median of {FIRST_STARTS}) | {first:.1} ms | ≤ {TARGET_FIRST_START_MS} ms | {} |",
            verdict(first <= TARGET_FIRST_START_MS)
        );
        for (name, times) in self.warm_starts {
            let warm = ms(median(times.clone()));
            let _ = writeln!(
                o,
                "| Warm restart, {name} (median of {WARM_RESTARTS}) | {warm:.1} ms | ≤ {TARGET_WARM_START_MS} ms | {} |",
                verdict(warm <= TARGET_WARM_START_MS)
            );
        }
        for run in self.runs {
            let label = format!("{}, cache {}", run.database, run.cache.short());
            let rss = [
                ("Idle RSS", run.idle_rss_kb, TARGET_IDLE_RSS_MB),
                (
                    "RSS under GET load (VmHWM)",
                    run.peak_after_gets_kb,
                    TARGET_LOAD_RSS_MB,
                ),
                (
                    "Peak RSS after login contention (VmHWM)",
                    run.peak_after_login_kb,
                    TARGET_LOAD_RSS_MB,
                ),
            ];
            for (figure, kb, target) in rss {
                let _ = writeln!(
                    o,
                    "| {figure}, {label} | {:.1} MB | ≤ {target} MB | {} |",
                    mb(kb),
                    verdict(mb(kb) <= target)
                );
            }
            let unloaded = run.endpoints[0].load;
            let (throughput, p99) = contention_ratios(&unloaded, &run.contended);
            // Logins refused with 503 by the bounded hashing queue are the service doing its
            // job under overload; only the GET runs must be all 2xx to be a measurement.
            let valid = unloaded.valid() && run.contended.valid() && run.login.requests > 0;
            let judge = |ok: bool| if valid { verdict(ok) } else { "INVALID" };
            let _ = writeln!(
                o,
                "| GET req/s under login load, {label} | {:.0} → {:.0} ({throughput:.2}×) | ≥ {TARGET_CONTENTION_THROUGHPUT}× | {} |",
                unloaded.rps(),
                run.contended.rps(),
                judge(throughput >= TARGET_CONTENTION_THROUGHPUT)
            );
            let _ = writeln!(
                o,
                "| GET p99 under login load, {label} | {:.2} → {:.2} ms ({p99:.2}×) | ≤ {TARGET_CONTENTION_P99}× | {} |",
                unloaded.p99_ms(),
                run.contended.p99_ms(),
                judge(p99 <= TARGET_CONTENTION_P99)
            );
        }
        out
    }
}

/// (loaded / unloaded throughput, loaded / unloaded p99).
fn contention_ratios(unloaded: &Load, loaded: &Load) -> (f64, f64) {
    let throughput = if unloaded.rps() > 0.0 {
        loaded.rps() / unloaded.rps()
    } else {
        0.0
    };
    let p99 = if unloaded.p99_us > 0.0 {
        loaded.p99_us / unloaded.p99_us
    } else {
        0.0
    };
    (throughput, p99)
}

/// What the benchmark is doing now, on stderr (the report goes to stdout).
fn progress(what: &str) {
    eprintln!("[read bench] {what}");
}

fn list_ms(times: &[Duration]) -> String {
    times
        .iter()
        .map(|t| format!("{:.1}", ms(*t)))
        .collect::<Vec<_>>()
        .join(", ")
        + " ms"
}
