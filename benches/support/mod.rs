//! What the benchmarks share: the process-role switch, environment knobs, `/proc` memory
//! figures, throwaway databases and bulk seeding; [`load`] has the HTTP load runs (the
//! service as a child process, wrk).
//!
//! Each benchmark includes this file with `mod support;` and uses part of it.
// Every bench is its own crate and uses only some of these items.
#![allow(dead_code)]

pub mod load;

use std::path::PathBuf;

use profilehub::{domain::Password, security::passwords::Passwords};
use profilehub_jobs::Platform;
use sqlx::{AnyPool, AssertSqlSafe, Connection, Executor};
use uuid::Uuid;

/// Which part of a benchmark this process plays (unset: the parent).
pub const ROLE: &str = "PROFILEHUB_BENCH_ROLE";

/// The password of every seeded account (they share one hash).
pub const PASSWORD: &str = "correct horse battery staple";

pub fn runtime() -> tokio::runtime::Runtime {
    // What `#[tokio::main]` in src/main.rs builds: one worker per core.
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime")
}

pub fn env_number(name: &str, default: usize) -> usize {
    match std::env::var(name) {
        Ok(value) => value
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name}={value} is not a whole number")),
        Err(_) => default,
    }
}

pub fn postgres_url() -> Option<String> {
    ["BENCH_POSTGRES_URL", "TEST_DATABASE_URL"]
        .into_iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|url| url.starts_with("postgres"))
}

// ---------------------------------------------------------------------------------------
// Memory

/// A `kB` field of /proc/`pid`/status, `pid` being a number or `self` (0 where there is
/// none, e.g. the process has gone).
pub fn proc_status_kb(pid: &str, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            status.lines().find_map(|line| {
                line.strip_prefix(field)?
                    .strip_prefix(':')?
                    .trim()
                    .trim_end_matches("kB")
                    .trim()
                    .parse()
                    .ok()
            })
        })
        .unwrap_or(0)
}

pub fn mb(kb: u64) -> f64 {
    kb as f64 / 1024.0
}

// ---------------------------------------------------------------------------------------
// Databases

/// A fresh database, removed by [`BenchDb::remove`].
pub enum BenchDb {
    Sqlite(PathBuf),
    Postgres { admin_url: String, schema: String },
}

impl BenchDb {
    /// A new SQLite file (`kind` other than `postgres`) or a new schema on the server named
    /// by [`postgres_url`], with the URL that opens it.
    pub async fn create(kind: &str) -> Result<(Self, String), String> {
        sqlx::any::install_default_drivers();
        match kind {
            "postgres" => {
                let admin_url = postgres_url().ok_or("no PostgreSQL URL configured")?;
                let schema = format!("bench_{}", Uuid::new_v4().simple());
                let mut admin = sqlx::AnyConnection::connect(&admin_url)
                    .await
                    .map_err(|e| format!("PostgreSQL at {admin_url} is unreachable: {e}"))?;
                admin
                    .execute(AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
                    .await
                    .map_err(|e| format!("CREATE SCHEMA {schema}: {e}"))?;
                let separator = if admin_url.contains('?') { '&' } else { '?' };
                let url = format!("{admin_url}{separator}options=-c%20search_path%3D{schema}");
                Ok((Self::Postgres { admin_url, schema }, url))
            }
            _ => {
                let dir = std::env::temp_dir().join("profilehub-bench");
                std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
                let file = dir.join(format!("{}.db", Uuid::new_v4()));
                let url = format!("sqlite://{}", file.display());
                Ok((Self::Sqlite(file), url))
            }
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            Self::Sqlite(_) => "SQLite",
            Self::Postgres { .. } => "PostgreSQL",
        }
    }

    pub async fn remove(&self) {
        match self {
            Self::Sqlite(file) => remove_sqlite_file(file),
            Self::Postgres { admin_url, schema } => {
                if let Ok(mut admin) = sqlx::AnyConnection::connect(admin_url).await {
                    let _ = admin
                        .execute(AssertSqlSafe(format!(
                            "DROP SCHEMA IF EXISTS {schema} CASCADE"
                        )))
                        .await;
                }
            }
        }
    }
}

/// Removes an SQLite database file with its WAL and shared-memory files.
pub fn remove_sqlite_file(file: &std::path::Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut path = file.to_path_buf().into_os_string();
        path.push(suffix);
        let _ = std::fs::remove_file(path);
    }
}

// ---------------------------------------------------------------------------------------
// Seeding

/// One real argon2id hash of [`PASSWORD`], shared by every seeded account: hashing 10,000
/// passwords would take minutes and nothing measured depends on the hashes differing.
pub async fn shared_password_hash() -> Result<String, String> {
    let password = Password::parse(PASSWORD).expect("a valid password");
    Passwords::new(1, std::time::Duration::from_secs(60))
        .hash(&password)
        .await
        .map_err(|e| format!("{e:?}"))
}

/// A seeded account: `bench_<i>` with a random id.
#[derive(Debug, Clone)]
pub struct BenchUser {
    pub id: String,
    pub username: String,
}

/// `count` accounts named `bench_0` … `bench_<count-1>`, each with a new id.
pub fn bench_users(count: usize) -> Vec<BenchUser> {
    (0..count)
        .map(|i| BenchUser {
            id: Uuid::new_v4().to_string(),
            username: format!("bench_{i}"),
        })
        .collect()
}

/// The handles [`seed`] links for every user (the handle is the username).
#[derive(Debug, Clone, Copy)]
pub enum Handles {
    /// Every platform, never fetched and queued now: what a first `link_handle` writes.
    Pending,
    /// CodeChef, LeetCode and Codeforces, fetched with status `ok`, a rating, max rating,
    /// contest count and badge: what a successful refresh leaves.
    Rated,
}

/// What [`seed`] writes besides the account rows.
#[derive(Debug, Clone, Copy)]
pub struct Seed<'a> {
    /// Stored as every account's password hash.
    pub password_hash: &'a str,
    /// Also a display name, a biography of ~400 characters and three skills per user (a
    /// public profile body of about 1 KB with [`Handles::Rated`]).
    pub profile: bool,
    pub handles: Handles,
}

/// Rows per multi-row INSERT: SQLite's cost per `$N` parameter grows with the statement's
/// parameter count, so statements stay small.
pub const ROWS_PER_INSERT: usize = 200;

const BIO: &str = "Competitive programmer and backend engineer. I write services in Rust, \
    keep PostgreSQL and SQLite busy, and spend weekends on contest problems: graphs, dynamic \
    programming and the occasional geometry task that eats a whole evening. Currently \
    working through the classic problem sets again, this time with property tests beside \
    every solution. Ask me about segment trees.";

const SKILLS: &str = r#"["rust","algorithms","postgresql"]"#;

/// A deterministic rated value for user `i` on `platform`: (rating, max rating, rated
/// contests, badge).
fn rated(i: usize, platform: Platform) -> (f64, f64, i64, &'static str) {
    let spread = (i * 37 % 900) as f64;
    let contests = (i % 60) as i64 + 5;
    match platform {
        Platform::Codechef => (1400.0 + spread, 1500.0 + spread, contests, "3★"),
        Platform::Leetcode => (1500.25 + spread, 1600.75 + spread, contests, "Knight"),
        Platform::Codeforces => (1200.0 + spread, 1300.0 + spread, contests, "specialist"),
        Platform::Atcoder => (800.0 + spread, 900.0 + spread, contests, "6 Kyu"),
    }
}

/// Writes `users` with bulk SQL — the rows that registration (`insert_user`) and linking a
/// handle write, or with [`Handles::Rated`] the rows a successful refresh leaves — in one
/// transaction per chunk of users. Each user's email is `<username>@example.com`.
pub async fn seed(pool: &AnyPool, users: &[BenchUser], seed: &Seed<'_>) -> Result<(), sqlx::Error> {
    let now = chrono::Utc::now().timestamp_millis();
    for (chunk_index, chunk) in users.chunks(ROWS_PER_INSERT).enumerate() {
        let first = chunk_index * ROWS_PER_INSERT;
        let mut tx = pool.begin().await?;

        // $1 password hash, $2 now; then id, username, email (and name, bio, skills) per row.
        let per_row = if seed.profile { 6 } else { 3 };
        let rows: Vec<String> = (0..chunk.len())
            .map(|r| {
                let params: Vec<String> = (0..per_row)
                    .map(|k| format!("${}", 3 + per_row * r + k))
                    .collect();
                format!("({}, $1, $2, $2)", params.join(", "))
            })
            .collect();
        let columns = if seed.profile {
            "id, username, email, name, bio, skills"
        } else {
            "id, username, email"
        };
        let sql = format!(
            "INSERT INTO users ({columns}, password_hash, created_at, updated_at) VALUES {}",
            rows.join(", ")
        );
        let mut insert = sqlx::query(AssertSqlSafe(sql))
            .bind(seed.password_hash.to_string())
            .bind(now);
        for (offset, user) in chunk.iter().enumerate() {
            insert = insert
                .bind(user.id.clone())
                .bind(user.username.clone())
                .bind(format!("{}@example.com", user.username));
            if seed.profile {
                insert = insert
                    .bind(format!("Bench User {}", first + offset))
                    .bind(BIO.to_string())
                    .bind(SKILLS.to_string());
            }
        }
        insert.execute(&mut *tx).await?;

        match seed.handles {
            Handles::Pending => insert_pending_handles(&mut tx, chunk, now).await?,
            Handles::Rated => insert_rated_handles(&mut tx, chunk, first, now).await?,
        }
        tx.commit().await?;
    }
    Ok(())
}

async fn insert_pending_handles(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    chunk: &[BenchUser],
    now: i64,
) -> Result<(), sqlx::Error> {
    // $1 now; then user id, platform, handle per row (status 'pending', queued now).
    let links: Vec<(&str, &str, &str)> = chunk
        .iter()
        .flat_map(|user| {
            Platform::ALL
                .iter()
                .map(move |p| (user.id.as_str(), p.as_str(), user.username.as_str()))
        })
        .collect();
    for part in links.chunks(ROWS_PER_INSERT) {
        let rows: Vec<String> = (0..part.len())
            .map(|r| {
                let p = 2 + 3 * r;
                format!("(${p}, ${}, ${}, 'pending', $1, $1)", p + 1, p + 2)
            })
            .collect();
        let sql = format!(
            "INSERT INTO rating_handles (user_id, platform, handle, status, queued_at, \
             linked_at) VALUES {}",
            rows.join(", ")
        );
        let mut insert = sqlx::query(AssertSqlSafe(sql)).bind(now);
        for (id, platform, handle) in part {
            insert = insert
                .bind(id.to_string())
                .bind(platform.to_string())
                .bind(handle.to_string());
        }
        insert.execute(&mut **tx).await?;
    }
    Ok(())
}

async fn insert_rated_handles(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    chunk: &[BenchUser],
    first: usize,
    now: i64,
) -> Result<(), sqlx::Error> {
    const PLATFORMS: [Platform; 3] = [Platform::Codechef, Platform::Leetcode, Platform::Codeforces];
    // $1 now (fetch and link time); then user id, platform, handle, rating, max rating,
    // contests, badge per row.
    let links: Vec<(usize, &BenchUser, Platform)> = chunk
        .iter()
        .enumerate()
        .flat_map(|(offset, user)| PLATFORMS.map(|p| (first + offset, user, p)))
        .collect();
    for part in links.chunks(ROWS_PER_INSERT) {
        let rows: Vec<String> = (0..part.len())
            .map(|r| {
                let params: Vec<String> = (0..7).map(|k| format!("${}", 2 + 7 * r + k)).collect();
                format!("({}, 'ok', $1, $1)", params.join(", "))
            })
            .collect();
        let sql = format!(
            "INSERT INTO rating_handles (user_id, platform, handle, rating, max_rating, \
             attended_contests, badge, status, fetch_time, linked_at) VALUES {}",
            rows.join(", ")
        );
        let mut insert = sqlx::query(AssertSqlSafe(sql)).bind(now);
        for (i, user, platform) in part {
            let (rating, max_rating, contests, badge) = rated(*i, *platform);
            insert = insert
                .bind(user.id.clone())
                .bind(platform.as_str().to_string())
                .bind(user.username.clone())
                .bind(rating)
                .bind(max_rating)
                .bind(contests)
                .bind(badge.to_string());
        }
        insert.execute(&mut **tx).await?;
    }
    Ok(())
}
