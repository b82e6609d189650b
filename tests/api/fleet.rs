//! Several refreshers on one database, and refreshes killed half-way: every due handle is
//! fetched exactly once, the rate limit holds for the fleet, and a rerun converges.
//! (With `TEST_DATABASE_URL` set these run on PostgreSQL, where claims use
//! `FOR UPDATE SKIP LOCKED`.)

use std::{process::Stdio, time::Duration};

use profilehub_jobs::RefreshScope;
use profilehub_testkit::{Behaviour, PlatformDoubles, expected};

use profilehub::AppState;

use crate::helpers::{TestApp, build_state, spawn_app_with_doubles};

/// Registers `count` users, each linking `handle_<i>` on every platform.
async fn users_with_handles(app: &TestApp, count: usize) -> Vec<String> {
    let mut handles = Vec::new();
    for i in 0..count {
        let user = app.register(&format!("fleet{i}")).await;
        let handle = format!("handle_{i}");
        for platform in ["codechef", "leetcode", "codeforces", "atcoder"] {
            assert_eq!(app.link(&user, platform, &handle).await.status, 200);
        }
        handles.push(handle);
    }
    handles
}

#[tokio::test]
async fn three_instances_fetch_each_due_handle_exactly_once() {
    let doubles = PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(
        &doubles,
        &[
            "--refresh-claim-size",
            "4",
            "--platform-option",
            "leetcode.batch_size=2",
            "--platform-option",
            "codeforces.batch_size=3",
        ],
    )
    .await;
    let handles = users_with_handles(&app, 15).await;
    // Slow the platforms a little so the instances really overlap.
    for handle in handles.iter().step_by(3) {
        doubles.set(handle, Behaviour::SlowMs(30));
    }

    let summaries = run_fleet(&app, 3, Duration::ZERO, &RefreshScope::default()).await;

    let processed: u64 = summaries.iter().map(|s| s.total()).sum();
    assert_eq!(
        processed,
        15 * 4,
        "every handle processed once across the fleet"
    );
    assert!(
        summaries.iter().filter(|s| s.total() > 0).count() >= 2,
        "the work was shared: {summaries:?}"
    );
    assert_eq!(
        doubles.repeated_lookups(),
        vec![],
        "no handle was fetched twice"
    );
    for handle in &handles {
        for platform in ["codechef", "leetcode", "codeforces", "atcoder"] {
            assert_eq!(doubles.lookups(platform, handle), 1, "{platform} {handle}");
        }
    }
    let ratings = app.get("/v1/profiles/fleet7", None).await.body["ratings"].clone();
    assert_eq!(
        ratings["codeforces"]["rating"],
        expected::CODEFORCES.0 as i64
    );
    assert_eq!(ratings["atcoder"]["status"], "ok");
}

#[tokio::test]
async fn the_rate_limit_holds_for_the_whole_fleet() {
    let doubles = PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(
        &doubles,
        &[
            "--platform-option",
            "codechef.min_interval=150ms",
            "--platform-option",
            "codechef.concurrency=4",
            "--refresh-claim-size",
            "1",
        ],
    )
    .await;
    for i in 0..6 {
        let user = app.register(&format!("paced{i}")).await;
        app.link(&user, "codechef", &format!("chef_{i}")).await;
    }
    let scope = RefreshScope {
        platforms: vec![profilehub_jobs::Platform::Codechef],
        ..Default::default()
    };
    let fleet = std::sync::Mutex::default();
    run_fleet_into(&app, 3, Duration::ZERO, &scope, &fleet).await;

    assert_eq!(doubles.arrivals("codechef").len(), 6);
    // Three instances, one shared slot every 150 ms, four requests in flight each.
    let sends = sent_by(&fleet.lock().unwrap(), "codechef");
    assert_eq!(sends.len(), 6);
    let span = sends[5].duration_since(sends[0]);
    assert!(
        span + SEND_TOLERANCE >= Duration::from_millis(5 * 150),
        "six requests span {span:?}, five slots of 150 ms"
    );
}

#[tokio::test]
async fn a_refresh_killed_half_way_converges_when_run_again() {
    let doubles = PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(&doubles, &["--rating-lease", "1s"]).await;
    let mut handles = Vec::new();
    for i in 0..12 {
        let user = app.register(&format!("crash{i}")).await;
        let handle = format!("slow_{i}");
        app.link(&user, "codechef", &handle).await;
        app.link(&user, "atcoder", &handle).await;
        doubles.set(&handle, Behaviour::SlowMs(120));
        handles.push(handle);
    }

    let binary = env!("CARGO_BIN_EXE_profilehub");
    let refresh = || {
        let mut command = tokio::process::Command::new(binary);
        command
            .arg("refresh-ratings")
            .args(&app.args)
            .args([
                "--refresh-claim-size",
                "2",
                "--refresh-parallel-batches",
                "1",
            ])
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        command
    };

    // First run: killed (SIGKILL, no chance to clean up) once some results are written.
    let mut first = refresh().spawn().expect("the binary starts");
    let started = std::time::Instant::now();
    loop {
        let done = app
            .state
            .ratings
            .fetched_handle_count()
            .await
            .expect("progress is readable");
        if done >= 4 || started.elapsed() > Duration::from_secs(30) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    first.kill().await.expect("killed");
    let done_when_killed = app.state.ratings.fetched_handle_count().await.unwrap();
    assert!(
        done_when_killed < 24,
        "killed before the end ({done_when_killed} done)"
    );

    // The killed run's claims lapse after the lease; a second run finishes the work.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let second = refresh().output().await.expect("the second run finishes");
    assert!(
        second.status.success(),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    let table = String::from_utf8_lossy(&second.stdout);
    assert!(
        table.contains("codechef") && table.contains("atcoder"),
        "{table}"
    );

    // Converged: every handle rated with the fixture values and its contests stored once
    // (a fetch the kill interrupted was simply done again; nothing was written twice).
    assert_eq!(app.state.ratings.fetched_handle_count().await.unwrap(), 24);
    for i in 0..12 {
        let body = app.get(&format!("/v1/profiles/crash{i}"), None).await.body;
        assert_eq!(
            body["ratings"]["codechef"]["rating"],
            expected::CODECHEF.0 as i64
        );
        assert_eq!(
            body["ratings"]["atcoder"]["rating"],
            expected::ATCODER.0 as i64
        );
        for (platform, contests) in [
            ("codechef", expected::CODECHEF.3),
            ("atcoder", expected::ATCODER.3),
        ] {
            let history = app
                .get(
                    &format!("/v1/profiles/crash{i}/ratings/history?platform={platform}&limit=100"),
                    None,
                )
                .await;
            assert_eq!(
                history.body["items"].as_array().unwrap().len(),
                contests as usize,
                "{platform}"
            );
        }
    }
}

/// How many instances the fleet tests start (`PROFILEHUB_FLEET_INSTANCES`, default 3): the
/// same tests measure a larger fleet, e.g.
/// `PROFILEHUB_FLEET_INSTANCES=5 cargo test --test api fleet:: -- --nocapture`.
fn fleet_size() -> usize {
    std::env::var("PROFILEHUB_FLEET_INSTANCES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3)
        .max(2)
}

/// Per-platform spacing every fleet test uses: Codeforces as the slowest, like production.
const SPACING: [(&str, u64); 4] = [
    ("codeforces", 250),
    ("leetcode", 100),
    ("codechef", 100),
    ("atcoder", 100),
];

/// A service over the doubles with production-like politeness (rate limits on), small
/// claims and batches so that the work interleaves, and a small pool so that it saturates.
async fn polite_fleet_app(doubles: &PlatformDoubles, extra: &[&str]) -> TestApp {
    let mut flags: Vec<String> = SPACING
        .iter()
        .flat_map(|(platform, ms)| {
            [
                "--platform-option".to_string(),
                format!("{platform}.min_interval={ms}ms"),
            ]
        })
        .collect();
    for flag in [
        "--platform-option",
        "codeforces.batch_size=4",
        "--platform-option",
        "leetcode.batch_size=4",
        "--platform-option",
        "*.concurrency=4",
        "--refresh-claim-size",
        "4",
        "--db-max-connections",
        "2",
    ] {
        flags.push(flag.to_string());
    }
    flags.extend(extra.iter().map(|f| f.to_string()));
    let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
    spawn_app_with_doubles(doubles, &flags).await
}

/// Registers `count` users linking `<prefix>_<i>` on every platform, each answered by the
/// doubles after 50–150 ms.
async fn slow_users(app: &TestApp, doubles: &PlatformDoubles, prefix: &str, count: usize) {
    for i in 0..count {
        let user = app.register(&format!("{prefix}{i}")).await;
        let handle = format!("{prefix}_{i}");
        for platform in ["codechef", "leetcode", "codeforces", "atcoder"] {
            assert_eq!(app.link(&user, platform, &handle).await.status, 200);
        }
        doubles.set(&handle, Behaviour::SlowMs(50 + (i as u64 * 37) % 101));
    }
}

/// Starts `instances` fresh instances (each with its own, cold pool) `stagger` apart, each
/// running one refresh of `scope`; waits for all of them and returns what each did, and
/// records in `fleet` the instances (for the send times their clients remember).
async fn run_fleet_into(
    app: &TestApp,
    instances: usize,
    stagger: Duration,
    scope: &RefreshScope,
    fleet: &std::sync::Mutex<Vec<AppState>>,
) -> Vec<profilehub_jobs::RefreshSummary> {
    let runs = (0..instances).map(|i| {
        let scope = scope.clone();
        async move {
            tokio::time::sleep(stagger * i as u32).await;
            let state = build_state(&app.args).await;
            fleet.lock().unwrap().push(state.clone());
            state
                .ratings
                .refresher()
                .run_once(&scope, None)
                .await
                .expect("the refresh runs")
        }
    });
    futures_util::future::join_all(runs).await
}

/// [`run_fleet_into`], forgetting the instances.
async fn run_fleet(
    app: &TestApp,
    instances: usize,
    stagger: Duration,
    scope: &RefreshScope,
) -> Vec<profilehub_jobs::RefreshSummary> {
    run_fleet_into(app, instances, stagger, scope, &std::sync::Mutex::default()).await
}

/// The closest two consecutive arrivals at each platform, and how many there were.
fn closest_arrivals(doubles: &PlatformDoubles) -> Vec<(&'static str, usize, Duration)> {
    SPACING
        .iter()
        .map(|(platform, _)| {
            let arrivals = doubles.arrivals(platform);
            if std::env::var("FLEET_DEBUG").is_ok() {
                let offsets: Vec<u128> = arrivals
                    .iter()
                    .map(|a| a.duration_since(arrivals[0]).as_millis())
                    .collect();
                println!("{platform}: {offsets:?}");
            }
            let closest = arrivals
                .windows(2)
                .map(|pair| pair[1].duration_since(pair[0]))
                .min()
                .unwrap_or(Duration::MAX);
            (*platform, arrivals.len(), closest)
        })
        .collect()
}

/// Asserts the fleet-wide spacing where the service decides it — the moments the fleet's
/// clients sent their requests, after their rate-limit turns — and prints both that and
/// what the doubles saw arrive (which adds the network's and the scheduler's noise).
#[track_caller]
fn assert_fleet_spacing(doubles: &PlatformDoubles, fleet: &[AppState], what: &str) {
    let arrivals = closest_arrivals(doubles);
    for (platform, interval) in SPACING {
        let sends = sent_by(fleet, platform);
        let closest = sends
            .windows(2)
            .map(|pair| pair[1].duration_since(pair[0]))
            .min()
            .unwrap_or(Duration::MAX);
        let (_, count, arrived) = arrivals.iter().find(|(p, _, _)| *p == platform).unwrap();
        println!(
            "{what}: {platform}: {} requests sent, closest two {closest:?} apart; {count} \
             arrived, closest two {arrived:?} apart (limit {interval} ms)",
            sends.len()
        );
        assert!(
            closest + SEND_TOLERANCE >= Duration::from_millis(interval),
            "{what}: {platform} requests sent {closest:?} apart, limit {interval} ms"
        );
    }
}

/// When the fleet's clients sent their requests to `platform`, in order.
fn sent_by(fleet: &[AppState], platform: &str) -> Vec<std::time::Instant> {
    let mut sends: Vec<std::time::Instant> = fleet
        .iter()
        .flat_map(|state| state.ratings.refresher().clients().to_vec())
        .filter(|client| client.platform().as_str() == platform)
        .flat_map(|client| client.request_starts())
        .collect();
    sends.sort();
    sends
}

/// The service's documented tolerance for a late wake-up (`SLOT_TOLERANCE`, 20 ms).
const SEND_TOLERANCE: Duration = Duration::from_millis(20);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fleet_started_together_fetches_each_handle_once_and_keeps_each_platforms_spacing() {
    let doubles = PlatformDoubles::start_on_own_thread().await;
    let app = polite_fleet_app(&doubles, &[]).await;
    slow_users(&app, &doubles, "together", 8).await;

    let fleet = std::sync::Mutex::default();
    run_fleet_into(
        &app,
        fleet_size(),
        Duration::ZERO,
        &RefreshScope::default(),
        &fleet,
    )
    .await;

    assert_eq!(
        doubles.repeated_lookups(),
        vec![],
        "no handle fetched twice"
    );
    assert_eq!(
        app.state.ratings.fetched_handle_count().await.unwrap(),
        8 * 4
    );
    assert_fleet_spacing(&doubles, &fleet.lock().unwrap(), "started together");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refreshes_of_everything_started_a_second_apart_join_one_cycle() {
    let doubles = PlatformDoubles::start_on_own_thread().await;
    let app = polite_fleet_app(&doubles, &[]).await;
    // Enough work (100 ms slots) that every run starts while an earlier one still works.
    let users = 12 * fleet_size();
    slow_users(&app, &doubles, "staggered", users).await;
    // Everything is fresh: only `--all` refreshes have work.
    app.refresh_ratings().await;
    let before = |platform: &str, i: usize| doubles.lookups(platform, &format!("staggered_{i}"));
    let first: Vec<Vec<u64>> = (0..users)
        .map(|i| SPACING.iter().map(|(p, _)| before(p, i)).collect())
        .collect();

    let all = RefreshScope {
        ignore_staleness: true,
        ..RefreshScope::default()
    };
    let fleet = std::sync::Mutex::default();
    run_fleet_into(&app, fleet_size(), Duration::from_secs(1), &all, &fleet).await;

    for (i, counts) in first.iter().enumerate() {
        for ((platform, _), was) in SPACING.iter().zip(counts) {
            assert_eq!(
                before(platform, i) - was,
                1,
                "{platform} staggered_{i}: once more in the one `--all` cycle"
            );
        }
    }
    assert_fleet_spacing(&doubles, &fleet.lock().unwrap(), "started a second apart");

    // The cycle is over: the next `--all` fetches everything again, once.
    run_fleet(&app, 1, Duration::ZERO, &all).await;
    assert_eq!(before("atcoder", 0) - first[0][3], 2);
}

#[tokio::test]
async fn a_claim_that_takes_longer_than_its_lease_is_renewed_not_taken_over() {
    let doubles = PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(
        &doubles,
        &[
            "--rating-lease",
            "900ms",
            "--refresh-claim-size",
            "6",
            "--platform-option",
            "codechef.concurrency=1",
        ],
    )
    .await;
    for i in 0..6 {
        let user = app.register(&format!("patient{i}")).await;
        app.link(&user, "codechef", &format!("patient_{i}")).await;
        doubles.set(&format!("patient_{i}"), Behaviour::SlowMs(300));
    }
    let codechef = RefreshScope {
        platforms: vec![profilehub_jobs::Platform::Codechef],
        ..RefreshScope::default()
    };
    // The first instance claims all six (1.8 s of work, twice its lease); the second comes
    // looking after the first lease would have lapsed, twice.
    let first = build_state(&app.args).await;
    let second = build_state(&app.args).await;
    let working = first.ratings.refresher().run_once(&codechef, None);
    let prowling = async {
        for _ in 0..2 {
            tokio::time::sleep(Duration::from_millis(700)).await;
            let summary = second
                .ratings
                .refresher()
                .run_once(&codechef, None)
                .await
                .unwrap();
            assert_eq!(
                summary.total(),
                0,
                "nothing to take over: the leases were renewed"
            );
        }
    };
    let (done, ()) = tokio::join!(working, prowling);
    assert_eq!(done.unwrap().total(), 6);
    assert_eq!(doubles.repeated_lookups(), vec![]);
    assert_eq!(app.state.ratings.fetched_handle_count().await.unwrap(), 6);
}
