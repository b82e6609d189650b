//! Several refreshers on one database, and refreshes killed half-way: every due handle is
//! fetched exactly once, the rate limit holds for the fleet, and a rerun converges.
//! (With `TEST_DATABASE_URL` set these run on PostgreSQL, where claims use
//! `FOR UPDATE SKIP LOCKED`.)

use std::{process::Stdio, time::Duration};

use profilehub_jobs::RefreshScope;
use profilehub_testkit::{Behaviour, PlatformDoubles, expected};

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

    let (second, third) = tokio::join!(build_state(&app.args), build_state(&app.args));
    let instances = [app.state.clone(), second, third];
    let runs = instances.iter().map(|state| async move {
        state
            .ratings
            .refresher()
            .run_once(&RefreshScope::default(), None)
            .await
            .expect("the refresh runs")
    });
    let summaries = futures_util::future::join_all(runs).await;

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
    let (second, third) = tokio::join!(build_state(&app.args), build_state(&app.args));
    let instances = [app.state.clone(), second, third];
    let scope = RefreshScope {
        platforms: vec![profilehub_jobs::Platform::Codechef],
        ..Default::default()
    };
    let runs = instances.iter().map(|state| {
        let scope = scope.clone();
        async move {
            state
                .ratings
                .refresher()
                .run_once(&scope, None)
                .await
                .expect("the refresh runs")
        }
    });
    futures_util::future::join_all(runs).await;

    let arrivals = doubles.arrivals("codechef");
    assert_eq!(arrivals.len(), 6);
    // Three instances, one shared slot every 150 ms: six requests span at least 5 slots.
    // (Lower bound only; scheduling noise can only make it longer.)
    let span = arrivals[5].duration_since(arrivals[0]);
    assert!(span >= Duration::from_millis(5 * 150 - 40), "{span:?}");
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

    // Converged: every handle rated with the fixture values and one history point each
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
        for platform in ["codechef", "atcoder"] {
            let history = app
                .get(
                    &format!("/v1/profiles/crash{i}/ratings/history?platform={platform}"),
                    None,
                )
                .await;
            assert_eq!(
                history.body["points"].as_array().unwrap().len(),
                1,
                "{platform}"
            );
        }
    }
}
