//! Rating-refresh benchmark: `cargo bench --bench refresh`.
//!
//! Refreshes `BENCH_USERS` users (default 10,000) × 4 platforms against the local platform
//! doubles with rate limits off, once on a fresh SQLite file and — when
//! `BENCH_POSTGRES_URL` (or else `TEST_DATABASE_URL`) names a server — once in a fresh
//! PostgreSQL schema, and prints a plain-text report per database: refreshes per second,
//! requests per platform (Codeforces against its batching bound) and peak RSS, each next to
//! its target. It measures; a missed target is reported, never a failure.
//!
//! Processes, so that the memory figure is the service's alone:
//! - the parent only starts one *measure* process per database (each gets a clean peak RSS);
//! - a measure process starts the platform doubles in a *doubles* child (this same binary,
//!   re-executed), seeds its database, builds the service through the real command-line
//!   parser and `build_state`, and times exactly one `Refresher::run_once`;
//! - the doubles child prints its base URL, then answers `counts` on stdin with the
//!   requests it received per platform, and exits when stdin closes.
//!
//! Seeding is setup, not the thing measured: it writes with bulk SQL the same rows that
//! registration (`insert_user`) and linking a handle (`link_handle`) write, with one real
//! argon2id hash shared by every account (nobody logs in).
//!
//! Tuning knobs (defaults in brackets): `BENCH_CLAIM_SIZE` [256], `BENCH_PARALLEL_BATCHES`
//! [8], `BENCH_DB_MAX_CONNECTIONS` [8], `BENCH_PLATFORM_OPTIONS` (extra comma-separated
//! `PLATFORM.KEY=VALUE`s, e.g. `*.concurrency=4`). Claims larger than the service's default
//! (64) suit rate limits off: with production intervals a claim must be fetched within its
//! lease, which is what the default is sized for. The platforms' concurrency caps and batch
//! sizes stay at their defaults.

mod support;

use std::{
    collections::BTreeMap,
    io::{BufRead, BufReader, Write},
    process::{Child, ChildStdin, ChildStdout, Command, Stdio},
    time::{Duration, Instant},
};

use clap::Parser;
use profilehub::{
    config::Cli,
    services::{self, StoreOptions},
};
use profilehub_jobs::{Platform, RefreshScope, RefreshSummary};
use profilehub_testkit::{PlatformDoubles, expected};
use sqlx::{AnyPool, Row};
use support::{
    BenchDb, Handles, ROLE, Seed, bench_users, env_number, mb, postgres_url, proc_status_kb,
    runtime, seed, shared_password_hash,
};

/// The database a measure process uses: `sqlite` or `postgres`.
const DATABASE: &str = "PROFILEHUB_BENCH_DATABASE";

const TARGET_RATE: f64 = 2_000.0;
const TARGET_RSS_MB: f64 = 150.0;
const JWT_SECRET: &str = "bench-secret-bench-secret-bench-secret-0123456789";

fn main() {
    match std::env::var(ROLE).as_deref() {
        Ok("doubles") => serve_doubles(),
        Ok("measure") => {
            let database = std::env::var(DATABASE).unwrap_or_else(|_| "sqlite".into());
            if let Err(err) = runtime().block_on(measure(&database)) {
                eprintln!("refresh benchmark on {database} could not run: {err}");
                std::process::exit(1);
            }
        }
        _ => run_every_database(),
    }
}

// ---------------------------------------------------------------------------------------
// Parent

fn run_every_database() {
    let mut databases = vec!["sqlite"];
    if postgres_url().is_some() {
        databases.push("postgres");
    } else {
        println!(
            "PostgreSQL skipped: set BENCH_POSTGRES_URL (or TEST_DATABASE_URL) to measure it too.\n"
        );
    }
    let exe = std::env::current_exe().expect("the benchmark knows its own path");
    let mut failed = Vec::new();
    for database in databases {
        let status = Command::new(&exe)
            .env(ROLE, "measure")
            .env(DATABASE, database)
            .status()
            .expect("start a measure process");
        if !status.success() {
            failed.push(database);
        }
    }
    if !failed.is_empty() {
        eprintln!("the benchmark could not run on: {}", failed.join(", "));
        std::process::exit(1);
    }
}

// ---------------------------------------------------------------------------------------
// Doubles child

fn serve_doubles() {
    let runtime = runtime();
    let doubles = runtime.block_on(PlatformDoubles::start());
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", doubles.base).expect("write the base URL");
    out.flush().expect("flush the base URL");
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        if line.trim() == "counts" {
            let counts: serde_json::Map<String, serde_json::Value> = Platform::ALL
                .iter()
                .map(|p| (p.as_str().to_string(), doubles.requests(p.as_str()).into()))
                .chain([("peak_rss_kb".to_string(), peak_rss_kb().into())])
                .collect();
            writeln!(out, "{}", serde_json::Value::Object(counts)).expect("write counts");
            out.flush().expect("flush counts");
        }
    }
    // stdin closed: the measure process is done with us.
}

/// The doubles child; killed when dropped (also on an early error).
struct DoublesProcess {
    child: Child,
    stdin: Option<ChildStdin>,
    stdout: BufReader<ChildStdout>,
    base: String,
}

impl DoublesProcess {
    fn start() -> Result<Self, String> {
        let exe = std::env::current_exe().map_err(|e| e.to_string())?;
        let mut child = Command::new(exe)
            .env(ROLE, "doubles")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start the doubles process: {e}"))?;
        let stdin = child.stdin.take();
        let mut stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
        let mut base = String::new();
        stdout
            .read_line(&mut base)
            .map_err(|e| format!("the doubles process did not start: {e}"))?;
        let base = base.trim().to_string();
        if !base.starts_with("http://") {
            return Err(format!("the doubles process printed {base:?}, not a URL"));
        }
        Ok(Self {
            child,
            stdin,
            stdout,
            base,
        })
    }

    /// Requests the doubles received per platform, and the doubles' own peak RSS.
    fn counts(&mut self) -> Result<(BTreeMap<Platform, u64>, u64), String> {
        let stdin = self.stdin.as_mut().ok_or("the doubles' stdin is closed")?;
        writeln!(stdin, "counts")
            .and_then(|()| stdin.flush())
            .map_err(|e| format!("asking the doubles for counts: {e}"))?;
        let mut line = String::new();
        self.stdout
            .read_line(&mut line)
            .map_err(|e| format!("reading the doubles' counts: {e}"))?;
        let value: serde_json::Value = serde_json::from_str(&line)
            .map_err(|e| format!("the doubles' counts {line:?}: {e}"))?;
        let per_platform = Platform::ALL
            .into_iter()
            .map(|p| (p, value[p.as_str()].as_u64().unwrap_or(0)))
            .collect();
        Ok((per_platform, value["peak_rss_kb"].as_u64().unwrap_or(0)))
    }
}

impl Drop for DoublesProcess {
    fn drop(&mut self) {
        drop(self.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ---------------------------------------------------------------------------------------
// Memory

/// Peak resident set size so far (VmHWM).
fn peak_rss_kb() -> u64 {
    proc_status_kb("self", "VmHWM")
}

/// Restarts the VmHWM count from the current RSS (Linux ≥ 4.0), so that seeding is not
/// counted. Returns whether the kernel accepted it.
fn reset_peak_rss() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

// ---------------------------------------------------------------------------------------
// Databases

/// What the database holds after the refresh.
struct Verification {
    /// (platform, status) → handles.
    statuses: BTreeMap<(String, String), u64>,
    /// `fetched_handle_count()` (status ok or unrated).
    fetched: u64,
    history_rows: u64,
    leases_left: u64,
    /// Sampled users whose stored values differ from the fixtures, described.
    mismatches: Vec<String>,
}

async fn verify(
    pool: &AnyPool,
    state: &profilehub::AppState,
    users: usize,
) -> Result<Verification, String> {
    let db = |e: sqlx::Error| e.to_string();
    let mut statuses = BTreeMap::new();
    for row in sqlx::query(
        "SELECT platform, status, COUNT(*) AS n FROM rating_handles GROUP BY platform, status",
    )
    .fetch_all(pool)
    .await
    .map_err(db)?
    {
        let n: i64 = row.try_get("n").map_err(db)?;
        statuses.insert(
            (
                row.try_get("platform").map_err(db)?,
                row.try_get("status").map_err(db)?,
            ),
            u64::try_from(n).unwrap_or(0),
        );
    }
    let count = |sql: &'static str| async move {
        sqlx::query_scalar::<_, i64>(sql)
            .fetch_one(pool)
            .await
            .map(|n| u64::try_from(n).unwrap_or(0))
            .map_err(db)
    };
    let history_rows = count("SELECT COUNT(*) FROM contest_history").await?;
    let leases_left =
        count("SELECT COUNT(*) FROM rating_handles WHERE lease_owner IS NOT NULL").await?;
    let fetched = state
        .ratings
        .fetched_handle_count()
        .await
        .map_err(|e| format!("{e:?}"))?;

    let mut mismatches = Vec::new();
    for i in [0, users / 2, users.saturating_sub(1)] {
        let name = format!("bench_{i}");
        let Ok(user) = state.users.by_name(&name).await else {
            mismatches.push(format!("{name}: no such user"));
            continue;
        };
        let ratings = state
            .ratings
            .profile(user.id)
            .await
            .map_err(|e| format!("{e:?}"))?;
        let wanted = [
            (
                Platform::Codeforces,
                expected::CODEFORCES.0,
                expected::CODEFORCES.3,
            ),
            (
                Platform::Leetcode,
                expected::LEETCODE.0,
                expected::LEETCODE.1,
            ),
            (
                Platform::Codechef,
                expected::CODECHEF.0,
                expected::CODECHEF.3,
            ),
            (Platform::Atcoder, expected::ATCODER.0, expected::ATCODER.3),
        ];
        for (platform, rating, contests) in wanted {
            let stored = ratings.by_platform.get(&platform);
            let ok = stored.is_some_and(|s| {
                s.status == profilehub::domain::ratings::LinkStatus::Ok
                    && s.rating == Some(rating)
                    && s.attended_contests == Some(i64::from(contests))
            });
            if !ok {
                mismatches.push(format!("{name} on {platform}: {stored:?}"));
            }
        }
    }
    Ok(Verification {
        statuses,
        fetched,
        history_rows,
        leases_left,
        mismatches,
    })
}

// ---------------------------------------------------------------------------------------
// One measurement

struct Settings {
    users: usize,
    claim_size: usize,
    parallel_batches: usize,
    db_max_connections: usize,
    extra_platform_options: Vec<String>,
}

impl Settings {
    fn from_env() -> Self {
        Self {
            users: env_number("BENCH_USERS", 10_000),
            claim_size: env_number("BENCH_CLAIM_SIZE", 256),
            parallel_batches: env_number("BENCH_PARALLEL_BATCHES", 8),
            db_max_connections: env_number("BENCH_DB_MAX_CONNECTIONS", 8),
            extra_platform_options: std::env::var("BENCH_PLATFORM_OPTIONS")
                .map(|list| {
                    list.split(',')
                        .map(str::trim)
                        .filter(|o| !o.is_empty())
                        .map(String::from)
                        .collect()
                })
                .unwrap_or_default(),
        }
    }

    /// The service's command line for `database_url` and the doubles at `base`.
    fn args(&self, database_url: &str, base: &str) -> Vec<String> {
        let mut args: Vec<String> = [
            "profilehub",
            "--database-url",
            database_url,
            "--jwt-secret",
            JWT_SECRET,
            "--refresh-schedule",
            "off",
            "--refresh-claim-size",
            &self.claim_size.to_string(),
            "--refresh-parallel-batches",
            &self.parallel_batches.to_string(),
            "--db-max-connections",
            &self.db_max_connections.to_string(),
            "--platform-option",
            &format!("*.base_url={base}"),
            // Rate limits off: the doubles are local and the point is our own throughput.
            "--platform-option",
            "*.min_interval=0ms",
        ]
        .into_iter()
        .map(String::from)
        .collect();
        for option in &self.extra_platform_options {
            args.push("--platform-option".into());
            args.push(option.clone());
        }
        args
    }
}

async fn measure(kind: &str) -> Result<(), String> {
    let settings = Settings::from_env();
    let mut doubles = DoublesProcess::start()?;
    let (db, url) = BenchDb::create(kind).await?;
    let result = measure_on(&settings, &db, &url, &mut doubles).await;
    db.remove().await;
    drop(doubles);
    let report = result?;
    print!("{report}");
    std::io::stdout().flush().map_err(|e| e.to_string())
}

async fn measure_on(
    settings: &Settings,
    db: &BenchDb,
    url: &str,
    doubles: &mut DoublesProcess,
) -> Result<String, String> {
    let users = settings.users;
    let handles = users * Platform::ALL.len();

    // Setup (not measured): schema, one real password hash, bulk rows.
    let seed_started = Instant::now();
    services::migrate(&StoreOptions {
        url: url.to_string(),
        max_connections: 2,
        acquire_timeout: Duration::from_secs(10),
    })
    .await
    .map_err(|e| e.to_string())?;
    let hash = shared_password_hash().await?;
    let seed_pool = AnyPool::connect(url).await.map_err(|e| e.to_string())?;
    let seeding = Seed {
        password_hash: &hash,
        profile: false,
        handles: Handles::Pending,
    };
    seed(&seed_pool, &bench_users(users), &seeding)
        .await
        .map_err(|e| format!("seeding: {e}"))?;
    seed_pool.close().await;
    drop(seed_pool);
    let seed_elapsed = seed_started.elapsed();
    let seed_peak_kb = peak_rss_kb();
    let reset = reset_peak_rss();

    // The service, configured as an operator would.
    let args = settings.args(url, &doubles.base);
    let cli = Cli::try_parse_from(&args).map_err(|e| format!("the benchmark's flags: {e}"))?;
    let config = cli.config;
    let state = profilehub::build_state(&config)
        .await
        .map_err(|e| format!("the service does not start: {e}"))?;
    let refresher = state.ratings.refresher();
    let platform_settings = config.platform_settings();
    let attempts_before: BTreeMap<Platform, u64> = refresher
        .clients()
        .iter()
        .map(|c| (c.platform(), c.requests_sent()))
        .collect();
    let (doubles_before, _) = doubles.counts()?;
    let rss_before_kb = proc_status_kb("self", "VmRSS");

    let started = Instant::now();
    let outcome = refresher.run_once(&RefreshScope::default(), None).await;
    let elapsed = started.elapsed();

    let peak_kb = peak_rss_kb();
    let summary: RefreshSummary = outcome.map_err(|e| format!("the refresh failed: {e}"))?;
    let (doubles_after, doubles_peak_kb) = doubles.counts()?;
    let attempts: BTreeMap<Platform, u64> = refresher
        .clients()
        .iter()
        .map(|c| {
            (
                c.platform(),
                c.requests_sent() - attempts_before[&c.platform()],
            )
        })
        .collect();
    let received: BTreeMap<Platform, u64> = Platform::ALL
        .into_iter()
        .map(|p| (p, doubles_after[&p] - doubles_before[&p]))
        .collect();

    let check_pool = AnyPool::connect(url).await.map_err(|e| e.to_string())?;
    let verification = verify(&check_pool, &state, users).await?;
    check_pool.close().await;
    state.health.close_database().await;

    // The report.
    let pass = |ok: bool| if ok { "PASS" } else { "MISS" };
    let mut out = String::new();
    let mut line = |text: String| {
        out.push_str(&text);
        out.push('\n');
    };
    let ok_total: u64 = verification
        .statuses
        .iter()
        .filter(|((_, status), _)| status == "ok")
        .map(|(_, n)| n)
        .sum();
    let all_ok = ok_total == handles as u64
        && verification.leases_left == 0
        && verification.mismatches.is_empty();
    let seconds = elapsed.as_secs_f64();
    let rate = ok_total as f64 / seconds;
    let cf_batch = platform_settings[&Platform::Codeforces].batch_size;
    // On a first refresh every Codeforces handle needs its one `user.rating` (contest count).
    let cf_history = users as u64;
    let cf_bound = (users as u64).div_ceil(cf_batch as u64) + cf_history;
    let cf_requests = received[&Platform::Codeforces];

    line(format!(
        "== rating refresh benchmark: {} ({} users × 4 platforms) ==",
        db.name(),
        users
    ));
    line(format!(
        "service: --refresh-claim-size {} --refresh-parallel-batches {} --db-max-connections {} \
         --platform-option '*.min_interval=0ms'{}",
        settings.claim_size,
        settings.parallel_batches,
        settings.db_max_connections,
        settings
            .extra_platform_options
            .iter()
            .map(|o| format!(" --platform-option '{o}'"))
            .collect::<String>()
    ));
    line(format!(
        "platforms: {}",
        Platform::ALL
            .iter()
            .map(|p| {
                let s = &platform_settings[p];
                format!(
                    "{p} batch {} concurrency {}",
                    s.batch_size, s.max_concurrency
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    ));
    line(format!(
        "seed (setup, not measured): {users} users + {handles} handles in {:.2} s",
        seed_elapsed.as_secs_f64()
    ));
    line(format!(
        "refresh: {} handles processed, {ok_total} ok, in {seconds:.2} s",
        summary.total()
    ));
    line(format!(
        "  refreshes/s (ok handles / s): {rate:>9.0}    target ≥ {TARGET_RATE:.0}: {}",
        pass(rate >= TARGET_RATE && all_ok)
    ));
    line(format!(
        "  {:<11} {:>8} {:>8} {:>10} {:>7} {:>18} {:>17}",
        "platform",
        "fetched",
        "unrated",
        "not found",
        "failed",
        "requests(doubles)",
        "attempts(client)"
    ));
    for (platform, s) in &summary.platforms {
        line(format!(
            "  {:<11} {:>8} {:>8} {:>10} {:>7} {:>18} {:>17}{}",
            platform.as_str(),
            s.fetched,
            s.unrated,
            s.not_found,
            s.failed,
            received[platform],
            attempts[platform],
            if s.paused { "  (breaker opened)" } else { "" }
        ));
    }
    line(format!(
        "  codeforces requests: {cf_requests} ≤ ceil({users}/{cf_batch}) + {cf_history} history \
         calls = {cf_bound}: {}",
        pass(cf_requests <= cf_bound)
    ));
    line(format!(
        "  peak RSS (VmHWM, service process, start-up + refresh): {:.1} MB    target ≤ \
         {TARGET_RSS_MB:.0} MB: {}",
        mb(peak_kb),
        pass(mb(peak_kb) <= TARGET_RSS_MB)
    ));
    line(format!(
        "    RSS before the refresh {:.1} MB; peak while seeding {:.1} MB{}; doubles child \
         (separate, not counted) {:.1} MB",
        mb(rss_before_kb),
        mb(seed_peak_kb),
        if reset {
            ""
        } else {
            " (could not reset VmHWM: the peak above includes seeding)"
        },
        mb(doubles_peak_kb)
    ));
    let status_list = verification
        .statuses
        .iter()
        .map(|((p, s), n)| format!("{p}/{s} {n}"))
        .collect::<Vec<_>>()
        .join(", ");
    line(format!(
        "  verified: {ok_total}/{handles} handles ok ({status_list}); fetched_handle_count {}; \
         {} contest history rows; {} leases left; sampled ratings {}: {}",
        verification.fetched,
        verification.history_rows,
        verification.leases_left,
        if verification.mismatches.is_empty() {
            "match the fixtures".to_string()
        } else {
            format!("DIFFER: {}", verification.mismatches.join("; "))
        },
        pass(all_ok)
    ));
    line(String::new());
    Ok(out)
}
