//! HTTP benchmark of the social reads: `cargo bench --bench social`.
//!
//! Target (the follows / notifications / item lists issue): with 10,000 users, 100,000
//! follows and 100,000 list items, a followers page, a list page and the unread count each
//! keep p99 ≤ 10 ms at 64 connections. The benchmark measures and reports every figure
//! beside that target; a missed target is reported, never a failure. It exits non-zero only
//! when it could not run (no wrk, the service does not start, seeding fails, an endpoint
//! does not answer 200 before the load).
//!
//! What runs, all on 127.0.0.1, once per database (SQLite always; PostgreSQL too when
//! `BENCH_POSTGRES_URL` or else `TEST_DATABASE_URL` names a server, in a fresh schema):
//! - **The data**: `profilehub migrate`, then bulk SQL: `BENCH_USERS` users as the read
//!   benchmark seeds them (`benches/support`: ~1 KB profiles, three rated handles, one
//!   argon2 hash of [`PASSWORD`] for every account) each with a unique referral code (so
//!   the service has no referral-code backfill to do at start-up); `BENCH_FOLLOWS` follows,
//!   5 % of them of one *star* user (`bench_0`) and the rest random distinct pairs (no
//!   self-follows), with `followers_count` / `following_count` set from the rows;
//!   `BENCH_LIST_ITEMS` list items, a full `played` list (the service's default cap, 1,000
//!   items) for the star and the rest spread at random over the other users' five lists;
//!   `BENCH_NOTIFICATIONS` `new_follower` notifications for the star, the newer half
//!   unread. On PostgreSQL the seed ends with `VACUUM ANALYZE` (what autovacuum does soon
//!   after a bulk load: statistics, and a visibility map for index-only scans); SQLite gets
//!   no `ANALYZE` (the service never runs it). Seeding is timed for the report but is not
//!   part of any figure.
//! - **The service**: the release binary (`CARGO_BIN_EXE_profilehub`) started as the read
//!   benchmark starts it (`serve --refresh-schedule off --log-format json`, `RUST_LOG=info`,
//!   default pool and caches). The star logs in once (`POST /v1/auth/login`) for a token.
//! - **The load**: wrk, 64 connections on 2 threads, a `BENCH_WARMUP_SECONDS` warm-up, then
//!   `BENCH_SECONDS` measured, per endpoint:
//!   - `GET /v1/profiles/bench_0/followers?limit=20`, the star's first page;
//!   - the same for a random user per request (about 10 followers each);
//!   - the star's followers page 5 and last page (following `nextCursor`): keyset pages
//!     should cost the same deep in the list as at its head;
//!   - `GET /v1/profiles/bench_0/lists/played?limit=20`, and its last page;
//!   - `GET /v1/user/notifications/unread-count` with the star's bearer token;
//!   - for reference (no target), `GET /v1/profiles/{username}` of a random user: the
//!     service's simplest read (one indexed row, cached), in the same conditions.
//!
//!   A run with any non-2xx answer is marked INVALID (never PASS).
//!
//! wrk and the service share the machine's cores (2 on the project's machines): the figures
//! include wrk's own CPU use and are for comparing builds on one machine, not a statement
//! of capacity. The report prints the 1-minute load average at the start and the end:
//! figures taken while something else uses the CPUs (a build, a test suite) are noisy.
//!
//! Knobs (defaults in brackets): `BENCH_USERS` [10000], `BENCH_FOLLOWS` [100000],
//! `BENCH_LIST_ITEMS` [100000], `BENCH_NOTIFICATIONS` [1000], `BENCH_SECONDS` [10] per
//! measured run, `BENCH_WARMUP_SECONDS` [2] per warm-up run, `BENCH_POSTGRES_URL` /
//! `TEST_DATABASE_URL` [unset: SQLite only], `BENCH_KEEP_DATABASE` [0; 1 keeps the seeded
//! databases and prints their URLs, e.g. to EXPLAIN a query]. With the defaults a database
//! takes about two minutes.

mod support;

use std::{
    collections::HashSet,
    fmt::Write as _,
    io::Write as _,
    path::PathBuf,
    time::{Duration, Instant},
};

use sqlx::{AnyPool, AssertSqlSafe};
use support::{
    BenchDb, BenchUser, Handles, PASSWORD, ROWS_PER_INSERT, Seed, bench_users, env_number,
    load::{
        Load, Service, ensure_wrk, get_script, get_script_with_headers, load_average, measure,
        migrate_with_binary, ms, niceness, verdict,
    },
    postgres_url, runtime, seed, shared_password_hash,
};
use tokio::runtime::Runtime;
use uuid::Uuid;

const CONNECTIONS: u32 = 64;
const THREADS: u32 = 2;
const TARGET_P99_MS: f64 = 10.0;
const PAGE_LIMIT: usize = 20;
/// The share of all follows that are of the star user, in percent.
const STAR_FOLLOW_PERCENT: usize = 5;
/// The service's default `--list-max-items`: the star's `played` list is full.
const LIST_MAX_ITEMS: usize = 1_000;
const LISTS: [&str; 5] = ["played", "liked", "backlog", "wishlist", "favorites"];
/// Rows per seeding transaction.
const ROWS_PER_TRANSACTION: usize = 10_000;
/// Parameters per seeding INSERT on PostgreSQL (at most 65,535). Few large statements: over
/// TCP each multi-row INSERT through sqlx costs ~45 ms of latency whatever its size (with
/// SQLite's [`ROWS_PER_INSERT`] rows the seed took a minute on localhost, 7 s over the Unix
/// socket).
const POSTGRES_PARAMS_PER_INSERT: usize = 30_000;
/// Which followers page is "a few pages in".
const FEW_PAGES_IN: usize = 5;
/// Crockford's base 32, the referral-code alphabet.
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

fn main() {
    if let Err(err) = run() {
        eprintln!("social benchmark could not run: {err}");
        std::process::exit(1);
    }
}

// ---------------------------------------------------------------------------------------
// Settings

struct Settings {
    users: usize,
    follows: usize,
    list_items: usize,
    notifications: usize,
    seconds: usize,
    warmup_seconds: usize,
}

impl Settings {
    fn from_env() -> Self {
        Self {
            users: env_number("BENCH_USERS", 10_000).max(2),
            follows: env_number("BENCH_FOLLOWS", 100_000),
            list_items: env_number("BENCH_LIST_ITEMS", 100_000),
            notifications: env_number("BENCH_NOTIFICATIONS", 1_000),
            seconds: env_number("BENCH_SECONDS", 10).max(1),
            warmup_seconds: env_number("BENCH_WARMUP_SECONDS", 2),
        }
    }
}

/// What the benchmark is doing now, on stderr (the report goes to stdout).
fn progress(what: &str) {
    eprintln!("[social bench] {what}");
}

// ---------------------------------------------------------------------------------------
// The data

/// splitmix64: a small deterministic generator, so every database gets the same data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The seeded rows, as indexes into the users (0 is the star).
struct SocialData {
    /// (follower, followee, created_at ms).
    follows: Vec<(usize, usize, i64)>,
    /// (user, list, external id, added_at ms).
    items: Vec<(usize, &'static str, usize, i64)>,
    /// (actor, created_at ms, read), all for the star.
    notifications: Vec<(usize, i64, bool)>,
    star_followers: usize,
    star_items: usize,
}

const DAY_MS: i64 = 24 * 3600 * 1000;

impl SocialData {
    fn generate(settings: &Settings, now: i64) -> Self {
        let n = settings.users;
        let mut rng = Rng(0x50C1_A1B0);
        let mut follows = Vec::with_capacity(settings.follows);

        // The star's followers: a random sample of the other users.
        let star_followers = (settings.follows * STAR_FOLLOW_PERCENT / 100).min(n - 1);
        let mut others: Vec<usize> = (1..n).collect();
        for i in 0..star_followers {
            let j = i + rng.below(others.len() - i);
            others.swap(i, j);
        }
        let mut star_sample = others[..star_followers].to_vec();
        for &follower in &star_sample {
            follows.push((
                follower,
                0,
                now - 1 - rng.below(30 * DAY_MS as usize) as i64,
            ));
        }
        // The rest: random distinct pairs among everyone but the star as followee, at most
        // half of the possible ones (rejection sampling stays quick).
        let possible = n.saturating_sub(1) * n.saturating_sub(2) + n.saturating_sub(1);
        let rest = (settings.follows - star_followers).min(possible / 2);
        let mut seen: HashSet<(usize, usize)> = HashSet::with_capacity(rest);
        while seen.len() < rest {
            let follower = rng.below(n);
            let followee = 1 + rng.below(n - 1);
            if follower != followee && seen.insert((follower, followee)) {
                follows.push((
                    follower,
                    followee,
                    now - 1 - rng.below(30 * DAY_MS as usize) as i64,
                ));
            }
        }

        // List items: the star's full `played` list, the rest at random over the others.
        let star_items = settings.list_items.min(LIST_MAX_ITEMS);
        let mut items = Vec::with_capacity(settings.list_items);
        for j in 0..star_items {
            items.push((0, "played", j, now - 60_000 * (j as i64 + 1)));
        }
        for k in star_items..settings.list_items {
            let user = 1 + rng.below(n - 1);
            let list = LISTS[rng.below(LISTS.len())];
            items.push((
                user,
                list,
                k,
                now - 1 - rng.below(365 * DAY_MS as usize) as i64,
            ));
        }

        // The star's notifications, newest first; the newer half unread. Actors are the
        // star's followers (one notification each while there are enough of them).
        if star_sample.is_empty() {
            star_sample.push(1);
        }
        let notifications = (0..settings.notifications)
            .map(|i| {
                let actor = star_sample[i % star_sample.len()];
                (
                    actor,
                    now - 60_000 * (i as i64 + 1),
                    i >= settings.notifications / 2,
                )
            })
            .collect();

        Self {
            follows,
            items,
            notifications,
            star_followers,
            star_items,
        }
    }
}

/// A value for a seeding INSERT.
enum Value {
    Text(String),
    Int(i64),
    NullInt,
}

/// `INSERT INTO {into} VALUES …` of `rows` (`per_row` values each), [`ROWS_PER_INSERT`]
/// rows per statement on SQLite (its cost per parameter grows with the statement's count),
/// [`POSTGRES_PARAMS_PER_INSERT`] parameters' worth on PostgreSQL, and
/// [`ROWS_PER_TRANSACTION`] per transaction.
async fn insert_rows(
    pool: &AnyPool,
    postgres: bool,
    into: &str,
    per_row: usize,
    rows: impl Iterator<Item = Vec<Value>>,
) -> Result<(), sqlx::Error> {
    let rows: Vec<Vec<Value>> = rows.collect();
    let rows_per_insert = if postgres {
        POSTGRES_PARAMS_PER_INSERT / per_row
    } else {
        ROWS_PER_INSERT
    };
    for transaction in rows.chunks(ROWS_PER_TRANSACTION) {
        let mut tx = pool.begin().await?;
        for part in transaction.chunks(rows_per_insert) {
            let values: Vec<String> = (0..part.len())
                .map(|r| {
                    let params: Vec<String> = (1..=per_row)
                        .map(|k| format!("${}", per_row * r + k))
                        .collect();
                    format!("({})", params.join(", "))
                })
                .collect();
            let sql = format!("INSERT INTO {into} VALUES {}", values.join(", "));
            let mut insert = sqlx::query(AssertSqlSafe(sql));
            for row in part {
                debug_assert_eq!(row.len(), per_row);
                for value in row {
                    insert = match value {
                        Value::Text(text) => insert.bind(text.clone()),
                        Value::Int(n) => insert.bind(*n),
                        Value::NullInt => insert.bind(None::<i64>),
                    };
                }
            }
            insert.execute(&mut *tx).await?;
        }
        tx.commit().await?;
    }
    Ok(())
}

/// A unique referral code for user `i`: `BN` and eight base-32 digits.
fn referral_code(i: usize) -> String {
    let digits: String = (0..8)
        .rev()
        .map(|d| char::from(CROCKFORD[(i >> (5 * d)) & 31]))
        .collect();
    format!("BN{digits}")
}

/// How long each part of the seed took, in seconds.
#[derive(Default)]
struct SeedTimes {
    users: f64,
    follows: f64,
    items: f64,
    notifications: f64,
    finish: f64,
}

/// Everything after `profilehub migrate`: users, referral codes, follows and counts, list
/// items, notifications (and `VACUUM ANALYZE` on PostgreSQL).
async fn seed_all(
    pool: &AnyPool,
    postgres: bool,
    users: &[BenchUser],
    data: &SocialData,
    password_hash: &str,
) -> Result<SeedTimes, String> {
    let err = |what: &str| {
        let what = what.to_string();
        move |e: sqlx::Error| format!("seeding {what}: {e}")
    };
    let mut times = SeedTimes::default();

    let started = Instant::now();
    let seeding = Seed {
        password_hash,
        profile: true,
        handles: Handles::Rated,
    };
    seed(pool, users, &seeding).await.map_err(err("users"))?;
    let mut tx = pool.begin().await.map_err(err("referral codes"))?;
    for (i, user) in users.iter().enumerate() {
        sqlx::query("UPDATE users SET referral_code = $1 WHERE id = $2")
            .bind(referral_code(i))
            .bind(user.id.clone())
            .execute(&mut *tx)
            .await
            .map_err(err("referral codes"))?;
    }
    tx.commit().await.map_err(err("referral codes"))?;
    times.users = started.elapsed().as_secs_f64();

    let started = Instant::now();
    insert_rows(
        pool,
        postgres,
        "follows (follower_id, followee_id, created_at)",
        3,
        data.follows.iter().map(|&(follower, followee, at)| {
            vec![
                Value::Text(users[follower].id.clone()),
                Value::Text(users[followee].id.clone()),
                Value::Int(at),
            ]
        }),
    )
    .await
    .map_err(err("follows"))?;
    sqlx::query(
        "UPDATE users SET \
           followers_count = (SELECT COUNT(*) FROM follows WHERE followee_id = users.id), \
           following_count = (SELECT COUNT(*) FROM follows WHERE follower_id = users.id)",
    )
    .execute(pool)
    .await
    .map_err(err("follow counts"))?;
    times.follows = started.elapsed().as_secs_f64();

    let started = Instant::now();
    insert_rows(
        pool,
        postgres,
        "list_items (user_id, list, source, external_id, name, added_at, updated_at)",
        7,
        data.items.iter().map(|&(user, list, external_id, at)| {
            vec![
                Value::Text(users[user].id.clone()),
                Value::Text(list.to_string()),
                Value::Text("igdb".to_string()),
                Value::Text(external_id.to_string()),
                Value::Text(format!("Bench Game {external_id}")),
                Value::Int(at),
                Value::Int(at),
            ]
        }),
    )
    .await
    .map_err(err("list items"))?;
    times.items = started.elapsed().as_secs_f64();

    let started = Instant::now();
    // The dedupe key the service writes for a follow, while actors are distinct.
    let distinct_actors = data.star_followers.max(1);
    insert_rows(
        pool,
        postgres,
        "notifications (id, user_id, type, actor_id, data, dedupe_key, created_at, read_at)",
        8,
        data.notifications
            .iter()
            .enumerate()
            .map(|(i, &(actor, at, read))| {
                let actor = &users[actor];
                vec![
                    Value::Text(Uuid::new_v4().to_string()),
                    Value::Text(users[0].id.clone()),
                    Value::Text("new_follower".to_string()),
                    Value::Text(actor.id.clone()),
                    Value::Text(serde_json::json!({ "username": actor.username }).to_string()),
                    if i < distinct_actors {
                        Value::Text(format!("follower:{}", actor.id))
                    } else {
                        Value::Text(format!("bench:{i}"))
                    },
                    Value::Int(at),
                    if read {
                        Value::Int(at + 1_000)
                    } else {
                        Value::NullInt
                    },
                ]
            }),
    )
    .await
    .map_err(err("notifications"))?;
    times.notifications = started.elapsed().as_secs_f64();

    let started = Instant::now();
    if postgres {
        sqlx::query("VACUUM ANALYZE")
            .execute(pool)
            .await
            .map_err(err("VACUUM ANALYZE"))?;
    }
    times.finish = started.elapsed().as_secs_f64();
    Ok(times)
}

/// What the database holds for the star, read back after seeding.
async fn star_figures(pool: &AnyPool, star: &str) -> Result<(i64, i64, i64, i64), String> {
    let scalar = |sql: &'static str| async move {
        sqlx::query_scalar::<_, i64>(sql)
            .bind(star.to_string())
            .fetch_one(pool)
            .await
            .map_err(|e| format!("{sql}: {e}"))
    };
    Ok((
        scalar("SELECT followers_count FROM users WHERE id = $1").await?,
        scalar("SELECT COUNT(*) FROM follows WHERE followee_id = $1").await?,
        scalar("SELECT COUNT(*) FROM list_items WHERE user_id = $1 AND list = 'played'").await?,
        scalar("SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL").await?,
    ))
}

// ---------------------------------------------------------------------------------------
// The run

struct Bench {
    settings: Settings,
    rt: Runtime,
    client: reqwest::Client,
    /// Temp dir for logs and wrk scripts.
    work: PathBuf,
    load_at_start: String,
}

impl Bench {
    /// One request: status and body.
    fn fetch(
        &self,
        url: &str,
        token: Option<&str>,
        json: Option<&serde_json::Value>,
    ) -> Result<(u16, String), String> {
        self.rt.block_on(async {
            let mut request = match json {
                Some(body) => self.client.post(url).json(body),
                None => self.client.get(url),
            };
            if let Some(token) = token {
                request = request.bearer_auth(token);
            }
            let response = request.send().await.map_err(|e| format!("{url}: {e}"))?;
            let status = response.status().as_u16();
            let body = response.text().await.map_err(|e| format!("{url}: {e}"))?;
            Ok((status, body))
        })
    }

    /// `GET url` must answer 200 with a JSON body, which is returned.
    fn fetch_ok(&self, url: &str, token: Option<&str>) -> Result<serde_json::Value, String> {
        let (status, body) = self.fetch(url, token, None)?;
        if status != 200 {
            return Err(format!("GET {url} answered {status}: {body}"));
        }
        serde_json::from_str(&body).map_err(|e| format!("GET {url}: {e}: {body}"))
    }
}

/// An endpoint under load.
struct Endpoint {
    label: String,
    /// The paths wrk picks from, one per request.
    paths: Vec<String>,
    /// A bearer token sent with every request.
    token: Option<String>,
    /// Held to the p99 target (the three endpoints and their deep pages).
    targeted: bool,
}

struct Measured {
    label: String,
    /// What a sample answer held, e.g. "20 items" or "count 500".
    sample: String,
    load: Load,
    targeted: bool,
}

struct DatabaseRun {
    name: &'static str,
    seed: SeedTimes,
    star: (i64, i64, i64, i64),
    ready_after: Duration,
    endpoints: Vec<Measured>,
}

fn run() -> Result<(), String> {
    let load_at_start = load_average();
    let settings = Settings::from_env();
    let wrk_version = ensure_wrk()?;
    let work = std::env::temp_dir().join(format!("profilehub-bench-social-{}", std::process::id()));
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
    let s = &bench.settings;
    println!(
        "social benchmark: {} users, {} follows, {} list items, {} notifications; {} s per run \
         after a {} s warm-up; {wrk_version}",
        s.users, s.follows, s.list_items, s.notifications, s.seconds, s.warmup_seconds
    );
    let keep_databases = env_number("BENCH_KEEP_DATABASE", 0) != 0;
    let mut kinds = vec!["sqlite"];
    if postgres_url().is_some() {
        kinds.push("postgres");
    } else {
        println!(
            "PostgreSQL skipped: set BENCH_POSTGRES_URL (or TEST_DATABASE_URL) to measure it too."
        );
    }

    let users = bench_users(s.users);
    let data = SocialData::generate(s, chrono::Utc::now().timestamp_millis());
    let hash = bench.rt.block_on(shared_password_hash())?;
    let mut runs = Vec::new();
    let mut result = Ok(());
    for kind in kinds {
        let (db, url) = bench.rt.block_on(BenchDb::create(kind))?;
        let outcome = run_database(&bench, &db, &url, &users, &data, &hash);
        if keep_databases {
            println!("{} database kept (BENCH_KEEP_DATABASE): {url}", db.name());
        } else {
            bench.rt.block_on(db.remove());
        }
        match outcome {
            Ok(run) => runs.push(run),
            Err(err) => {
                result = Err(err);
                break;
            }
        }
    }
    if result.is_ok() {
        print!("{}", report(&bench, &wrk_version, &data, &runs));
        std::io::stdout().flush().map_err(|e| e.to_string())?;
        let _ = std::fs::remove_dir_all(&bench.work);
    } else {
        eprintln!("logs and scripts kept in {}", bench.work.display());
    }
    result
}

fn run_database(
    bench: &Bench,
    db: &BenchDb,
    url: &str,
    users: &[BenchUser],
    data: &SocialData,
    hash: &str,
) -> Result<DatabaseRun, String> {
    let name = db.name();
    progress(&format!("{name}: migrating and seeding"));
    migrate_with_binary(url)?;
    let postgres = matches!(db, BenchDb::Postgres { .. });
    let (seed, star) = bench.rt.block_on(async {
        let pool = AnyPool::connect(url)
            .await
            .map_err(|e| format!("{name}: {e}"))?;
        let seed = seed_all(&pool, postgres, users, data, hash).await?;
        let star = star_figures(&pool, &users[0].id).await?;
        pool.close().await;
        Ok::<_, String>((seed, star))
    })?;

    progress(&format!("{name}: starting the service"));
    let service = Service::start(
        &bench.rt,
        &bench.client,
        &bench.work,
        url,
        &[],
        &format!("{}-service", name.to_lowercase()),
    )?;
    let endpoints = endpoints(bench, &service, users)?;

    let mut measured = Vec::new();
    for (n, endpoint) in endpoints.into_iter().enumerate() {
        // A sample answer first: the load must be of 200s with what we meant to read.
        let sample_path = &endpoint.paths[0];
        let body = bench.fetch_ok(
            &format!("{}{sample_path}", service.base),
            endpoint.token.as_deref(),
        )?;
        let sample = match (body.get("items"), body.get("count")) {
            (Some(items), _) => {
                format!("{} items", items.as_array().map_or(0, |items| items.len()))
            }
            (None, Some(count)) => format!("count {count}"),
            (None, None) => String::new(),
        };
        let headers: Vec<(&str, String)> = endpoint
            .token
            .iter()
            .map(|token| ("Authorization", format!("Bearer {token}")))
            .collect();
        let headers: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let script_name = format!("{}-{n}", name.to_lowercase());
        let script = if headers.is_empty() {
            get_script(&bench.work, &script_name, &endpoint.paths)?
        } else {
            get_script_with_headers(&bench.work, &script_name, &endpoint.paths, &headers)?
        };
        progress(&format!("{name}: {}", endpoint.label));
        let load = measure(
            &service.base,
            &script,
            CONNECTIONS,
            THREADS,
            bench.settings.warmup_seconds,
            bench.settings.seconds,
        )?;
        measured.push(Measured {
            label: endpoint.label,
            sample,
            load,
            targeted: endpoint.targeted,
        });
    }
    Ok(DatabaseRun {
        name,
        seed,
        star,
        ready_after: service.ready_after,
        endpoints: measured,
    })
}

/// The endpoints to load, with the star's token and the cursors of its deep pages.
fn endpoints(
    bench: &Bench,
    service: &Service,
    users: &[BenchUser],
) -> Result<Vec<Endpoint>, String> {
    let star = &users[0].username;
    let login = serde_json::json!({ "login": star, "password": PASSWORD });
    let (status, body) = bench.fetch(
        &format!("{}/v1/auth/login", service.base),
        None,
        Some(&login),
    )?;
    if status != 200 {
        return Err(format!(
            "POST /v1/auth/login as {star} answered {status}: {body}"
        ));
    }
    let session: serde_json::Value =
        serde_json::from_str(&body).map_err(|e| format!("login answer: {e}: {body}"))?;
    let token = session["tokens"]["accessToken"]
        .as_str()
        .ok_or_else(|| format!("no tokens.accessToken in the login answer: {body}"))?
        .to_string();

    let followers = format!("/v1/profiles/{star}/followers");
    let list = format!("/v1/profiles/{star}/lists/played");
    let follower_pages = pages(bench, &service.base, &followers)?;
    let list_pages = pages(bench, &service.base, &list)?;
    let few = follower_pages.len().min(FEW_PAGES_IN).saturating_sub(1);
    let one = |label: String, path: &String, targeted: bool| Endpoint {
        label,
        paths: vec![path.clone()],
        token: None,
        targeted,
    };
    Ok(vec![
        one(
            format!("followers of {star}, page 1"),
            &follower_pages[0],
            true,
        ),
        Endpoint {
            label: "followers of a random user, page 1".into(),
            paths: users
                .iter()
                .map(|user| {
                    format!(
                        "/v1/profiles/{}/followers?limit={PAGE_LIMIT}",
                        user.username
                    )
                })
                .collect(),
            token: None,
            targeted: true,
        },
        one(
            format!("followers of {star}, page {}", few + 1),
            &follower_pages[few],
            true,
        ),
        one(
            format!("followers of {star}, page {} (last)", follower_pages.len()),
            follower_pages.last().expect("a first page"),
            true,
        ),
        one(
            format!("{star}'s played list, page 1"),
            &list_pages[0],
            true,
        ),
        one(
            format!("{star}'s played list, page {} (last)", list_pages.len()),
            list_pages.last().expect("a first page"),
            true,
        ),
        Endpoint {
            label: format!("unread count of {star} (bearer)"),
            paths: vec!["/v1/user/notifications/unread-count".into()],
            token: Some(token),
            targeted: true,
        },
        Endpoint {
            label: "reference: profile of a random user".into(),
            paths: users
                .iter()
                .map(|user| format!("/v1/profiles/{}", user.username))
                .collect(),
            token: None,
            targeted: false,
        },
    ])
}

/// Every page of `path` (path and query, `limit=20`), following `nextCursor` to the end.
fn pages(bench: &Bench, base: &str, path: &str) -> Result<Vec<String>, String> {
    let mut pages = vec![format!("{path}?limit={PAGE_LIMIT}")];
    loop {
        let current = pages.last().expect("a first page");
        let body = bench.fetch_ok(&format!("{base}{current}"), None)?;
        match body.get("nextCursor").and_then(|c| c.as_str()) {
            Some(cursor) => {
                let cursor: String =
                    url::form_urlencoded::byte_serialize(cursor.as_bytes()).collect();
                pages.push(format!("{path}?limit={PAGE_LIMIT}&cursor={cursor}"));
            }
            None => return Ok(pages),
        }
        if pages.len() > 100_000 {
            return Err(format!(
                "{path}: more than 100,000 pages, is nextCursor looping?"
            ));
        }
    }
}

// ---------------------------------------------------------------------------------------
// The report

fn report(bench: &Bench, wrk_version: &str, data: &SocialData, runs: &[DatabaseRun]) -> String {
    let s = &bench.settings;
    let mut out = String::new();
    let o = &mut out;
    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "== Social read benchmark: {} users, {} follows, {} list items; wrk {CONNECTIONS} \
         connections × {THREADS} threads, {} s per run after a {} s warm-up ==",
        s.users,
        data.follows.len(),
        data.items.len(),
        s.seconds,
        s.warmup_seconds
    );
    let _ = writeln!(o, "load generator: {wrk_version}");
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let _ = writeln!(
        o,
        "machine: {cores} cores shared by wrk and the service; 1-min load average {} at the \
         start, {} at the end; niceness {}",
        bench.load_at_start,
        load_average(),
        niceness()
    );
    if bench
        .load_at_start
        .parse::<f64>()
        .is_ok_and(|load| load > 1.0)
    {
        let _ = writeln!(
            o,
            "  NOTE: something else was using the CPUs when the run started: the figures are \
             noisy"
        );
    }
    let _ = writeln!(
        o,
        "data: star bench_0 has {} followers ({STAR_FOLLOW_PERCENT} % of the follows), a \
         {}-item played list and {} notifications (half unread); page size {PAGE_LIMIT}",
        data.star_followers,
        data.star_items,
        data.notifications.len()
    );
    let mut summary = Vec::new();
    for run in runs {
        let (followers_count, follower_rows, played, unread) = run.star;
        let _ = writeln!(
            o,
            "\n{} — seed {:.1} s (users {:.1}, follows {:.1}, list items {:.1}, notifications \
             {:.1}, VACUUM ANALYZE {:.1}); star: followers_count {followers_count} ({follower_rows} \
             rows), played {played}, unread {unread}; service ready in {:.0} ms",
            run.name,
            run.seed.users
                + run.seed.follows
                + run.seed.items
                + run.seed.notifications
                + run.seed.finish,
            run.seed.users,
            run.seed.follows,
            run.seed.items,
            run.seed.notifications,
            run.seed.finish,
            ms(run.ready_after)
        );
        let _ = writeln!(
            o,
            "  {:<44} {:>8} {:>8} {:>8}  {:<13} {:<9} sample",
            "endpoint (GET, limit=20)", "req/s", "p50 ms", "p99 ms", "p99 ≤ 10 ms", "non-2xx"
        );
        for e in &run.endpoints {
            let result = if !e.targeted {
                "–"
            } else if e.load.valid() {
                verdict(e.load.p99_ms() <= TARGET_P99_MS)
            } else {
                "INVALID"
            };
            let _ = writeln!(
                o,
                "  {:<44} {:>8.0} {:>8.2} {:>8.2}  {:<13} {:<9} {}{}",
                e.label,
                e.load.rps(),
                e.load.p50_ms(),
                e.load.p99_ms(),
                result,
                e.load.non_2xx,
                e.sample,
                e.load.problems_suffix()
            );
            summary.push(format!(
                "{} | {} | {:.0} req/s | p50 {:.2} ms | p99 {:.2} ms | {result}",
                run.name,
                e.label,
                e.load.rps(),
                e.load.p50_ms(),
                e.load.p99_ms()
            ));
        }
    }
    let _ = writeln!(o, "\nall figures: {}", summary.join("; "));
    out
}
