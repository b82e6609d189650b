//! Linking handles, refreshing ratings from (local doubles of) the platforms, and showing
//! them — without ever losing a good value.

use profilehub_jobs::RefreshScope;
use profilehub_testkit::{Behaviour, PlatformDoubles, expected};
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser, spawn_app_with_doubles};

async fn profile_ratings(app: &TestApp, username: &str) -> Value {
    let reply = app.get(&format!("/v1/profiles/{username}"), None).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body["ratings"].clone()
}

async fn handles(app: &TestApp, user: &TestUser) -> Value {
    let reply = app.get("/v1/users/me/handles", Some(&user.access)).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body
}

#[tokio::test]
async fn a_linked_handle_is_pending_until_a_refresh_fills_the_profile() {
    let doubles = PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(&doubles, &[]).await;
    let user = app.register("coder").await;

    let linked = app
        .link(
            &user,
            "codeforces",
            "https://codeforces.com/profile/DmitriyH",
        )
        .await;
    assert_eq!(linked.status, 200, "{}", linked.body);
    assert_eq!(
        linked.body["handle"], "DmitriyH",
        "the pasted URL was reduced"
    );
    assert_eq!(linked.body["status"], "pending");
    assert_eq!(linked.body["queued"], true);
    assert_eq!(linked.body["rating"], Value::Null);
    assert_eq!(
        profile_ratings(&app, "coder").await["codeforces"]["status"],
        "pending"
    );

    let before = chrono::Utc::now().timestamp_millis();
    let summary = app.refresh_ratings().await;
    assert_eq!(summary.total(), 1);

    let ratings = profile_ratings(&app, "coder").await;
    let (rating, max, rank, contests) = expected::CODEFORCES;
    let entry = &ratings["codeforces"];
    assert_eq!(entry["status"], "ok");
    assert_eq!(entry["rating"], rating as i64);
    assert_eq!(entry["maxRating"], max as i64);
    assert_eq!(entry["badge"], rank);
    assert_eq!(entry["attendedContestsCount"], contests);
    assert!(
        entry["fetchTime"].as_i64().unwrap() >= before,
        "epoch ms of the fetch"
    );
    assert_eq!(ratings["aggregateRating"], rating as i64);
    for unlinked in ["codechef", "leetcode", "atcoder"] {
        assert_eq!(ratings[unlinked], Value::Null);
    }
}

#[tokio::test]
async fn all_four_platforms_are_aggregated_with_their_weights() {
    let doubles = PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(&doubles, &[]).await;
    let user = app.register("polyglot").await;
    for (platform, handle) in [
        ("codechef", "https://www.codechef.com/users/equal_poem_63"),
        ("leetcode", "pgmreddy"),
        ("codeforces", "DmitriyH"),
        ("atcoder", "https://atcoder.jp/users/maccha"),
    ] {
        assert_eq!(app.link(&user, platform, handle).await.status, 200);
    }
    app.refresh_ratings().await;

    let ratings = profile_ratings(&app, "polyglot").await;
    let (cc_rating, cc_max, cc_badge, cc_contests) = expected::CODECHEF;
    assert_eq!(ratings["codechef"]["rating"], cc_rating as i64);
    assert_eq!(ratings["codechef"]["maxRating"], cc_max as i64);
    assert_eq!(ratings["codechef"]["badge"], cc_badge);
    assert_eq!(ratings["codechef"]["attendedContestsCount"], cc_contests);
    let (lc_rating, lc_contests) = expected::LEETCODE;
    assert_eq!(
        ratings["leetcode"]["rating"], 1617,
        "1616.897 is shown rounded"
    );
    assert_eq!(ratings["leetcode"]["attendedContestsCount"], lc_contests);
    let (ac_rating, ac_max, ac_badge, ac_contests) = expected::ATCODER;
    assert_eq!(ratings["atcoder"]["rating"], ac_rating as i64);
    assert_eq!(ratings["atcoder"]["maxRating"], ac_max as i64);
    assert_eq!(ratings["atcoder"]["badge"], ac_badge);
    assert_eq!(ratings["atcoder"]["attendedContestsCount"], ac_contests);

    let weighted = [
        cc_rating * 0.76,
        lc_rating * 0.695,
        expected::CODEFORCES.0,
        ac_rating,
    ];
    let best = weighted.into_iter().fold(f64::MIN, f64::max).round() as i64;
    assert_eq!(ratings["aggregateRating"], best);
}

#[tokio::test]
async fn the_exact_fractional_leetcode_rating_is_stored() {
    let doubles = PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(&doubles, &[]).await;
    let user = app.register("fraction").await;
    app.link(&user, "leetcode", "pgmreddy").await;
    app.refresh_ratings().await;
    let id = uuid::Uuid::parse_str(&user.id).unwrap();
    let stored = app.state.ratings.links(id).await.unwrap();
    assert_eq!(stored[0].rating, Some(expected::LEETCODE.0));
}

#[tokio::test]
async fn malformed_handles_and_unknown_platforms_are_refused_and_link_nothing() {
    let doubles = PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(&doubles, &[]).await;
    let user = app.register("careful").await;
    for (platform, handle) in [
        ("codeforces", "has spaces"),
        ("codeforces", "https://leetcode.com/u/someone/"),
        ("atcoder", "x"),
        ("leetcode", "slash/inside"),
        ("codechef", ""),
    ] {
        let reply = app.link(&user, platform, handle).await;
        reply.assert_error(422, "VALIDATION_FAILED");
        assert!(reply.body["fields"]["handle"].is_array(), "{}", reply.body);
    }
    app.link(&user, "topcoder", "tourist")
        .await
        .assert_error(400, "BAD_REQUEST");
    assert_eq!(handles(&app, &user).await, json!([]));
}

#[tokio::test]
async fn a_new_handle_clears_the_old_values_and_history_and_the_same_one_keeps_them() {
    let doubles = PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(&doubles, &[]).await;
    let user = app.register("switcher").await;
    app.link(&user, "atcoder", "maccha").await;
    app.refresh_ratings().await;

    let relinked = app.link(&user, "atcoder", "MACCHA").await;
    assert_eq!(relinked.body["status"], "ok", "same handle: values kept");
    assert_eq!(relinked.body["rating"], expected::ATCODER.0 as i64);

    let replaced = app.link(&user, "atcoder", "yamato0915").await;
    assert_eq!(replaced.body["status"], "pending");
    assert_eq!(replaced.body["rating"], Value::Null);
    let history = app
        .get(
            "/v1/profiles/switcher/ratings/history?platform=atcoder",
            None,
        )
        .await;
    assert_eq!(
        history.body["items"],
        json!([]),
        "the old handle's history went with it"
    );
}

#[tokio::test]
async fn unlinking_removes_the_rating_from_the_profile() {
    let doubles = PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(&doubles, &[]).await;
    let user = app.register("quitter").await;
    app.link(&user, "codechef", "equal_poem_63").await;
    app.refresh_ratings().await;

    let reply = app
        .request(
            Method::DELETE,
            "/v1/users/me/handles/codechef",
            Some(&user.access),
            None,
        )
        .await;
    assert_eq!(reply.status, 204);
    let ratings = profile_ratings(&app, "quitter").await;
    assert_eq!(ratings["codechef"], Value::Null);
    assert_eq!(ratings["aggregateRating"], Value::Null);
    let again = app
        .request(
            Method::DELETE,
            "/v1/users/me/handles/codechef",
            Some(&user.access),
            None,
        )
        .await;
    assert_eq!(again.status, 204, "unlinking is idempotent");
}

#[tokio::test]
async fn a_failing_platform_never_erases_the_last_good_value() {
    let doubles = PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(&doubles, &[]).await;
    let user = app.register("steadfast").await;
    app.link(&user, "codeforces", "DmitriyH").await;
    app.link(&user, "codechef", "equal_poem_63").await;
    app.refresh_ratings().await;
    let good = profile_ratings(&app, "steadfast").await;

    doubles.set("DmitriyH", Behaviour::ServerError);
    doubles.set("equal_poem_63", Behaviour::ServerError);
    let summary = app
        .refresh_ratings_in(&RefreshScope {
            ignore_staleness: true,
            ..Default::default()
        })
        .await;
    assert_eq!(summary.platforms.values().map(|s| s.failed).sum::<u64>(), 2);

    let after = profile_ratings(&app, "steadfast").await;
    assert_eq!(after, good, "values, status and fetchTime are untouched");
    let links = handles(&app, &user).await;
    for link in links.as_array().unwrap() {
        assert!(link["lastError"].is_string(), "{link}");
        assert!(link["nextAttemptAt"].as_i64().unwrap() > link["lastAttemptAt"].as_i64().unwrap());
    }
}

#[tokio::test]
async fn a_handle_that_never_fetched_shows_error_and_is_retried_after_its_backoff() {
    let doubles = PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(&doubles, &["--rating-retry-base", "1ms"]).await;
    let user = app.register("unlucky").await;
    doubles.set("maccha", Behaviour::ServerError);
    app.link(&user, "atcoder", "maccha").await;
    app.refresh_ratings().await;
    assert_eq!(
        profile_ratings(&app, "unlucky").await["atcoder"]["status"],
        "error"
    );

    doubles.set("maccha", Behaviour::Rated);
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    app.refresh_ratings().await;
    let entry = &profile_ratings(&app, "unlucky").await["atcoder"];
    assert_eq!(entry["status"], "ok", "{entry}");
    assert_eq!(entry["rating"], expected::ATCODER.0 as i64);
}

#[tokio::test]
async fn unknown_handles_are_marked_and_not_hammered_until_changed() {
    let doubles = PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(&doubles, &[]).await;
    let user = app.register("typo").await;
    doubles.set("nosuchcoder", Behaviour::NotFound);
    for platform in ["codeforces", "leetcode", "codechef", "atcoder"] {
        app.link(&user, platform, "nosuchcoder").await;
    }
    let summary = app.refresh_ratings().await;
    assert_eq!(
        summary.platforms.values().map(|s| s.not_found).sum::<u64>(),
        4
    );
    let ratings = profile_ratings(&app, "typo").await;
    for platform in ["codeforces", "leetcode", "codechef", "atcoder"] {
        assert_eq!(
            ratings[platform]["status"], "not_found",
            "{platform}: {ratings}"
        );
    }

    // Not on schedule, not on request, not even with --all.
    let queued = app
        .post(
            "/v1/users/me/ratings/refresh",
            Some(&user.access),
            json!({}),
        )
        .await;
    assert_eq!(queued.body["queued"], 0);
    app.refresh_ratings_in(&RefreshScope {
        ignore_staleness: true,
        ..Default::default()
    })
    .await;
    for platform in ["codeforces", "leetcode", "codechef", "atcoder"] {
        assert_eq!(doubles.lookups(platform, "nosuchcoder"), 1, "{platform}");
    }

    // Changing the handle brings the platform back.
    app.link(&user, "codechef", "equal_poem_63").await;
    app.refresh_ratings().await;
    assert_eq!(
        profile_ratings(&app, "typo").await["codechef"]["status"],
        "ok"
    );
}

#[tokio::test]
async fn synthetic_unrated_accounts_show_unrated_without_a_rating() {
    let doubles = PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(&doubles, &[]).await;
    let user = app.register("newbie").await;
    doubles.set("fresh_account", Behaviour::Unrated);
    for platform in ["codeforces", "leetcode", "atcoder"] {
        app.link(&user, platform, "fresh_account").await;
    }
    app.refresh_ratings().await;
    let ratings = profile_ratings(&app, "newbie").await;
    for platform in ["codeforces", "leetcode", "atcoder"] {
        assert_eq!(ratings[platform]["status"], "unrated", "{platform}");
        assert_eq!(ratings[platform]["rating"], Value::Null);
        assert!(
            ratings[platform]["fetchTime"].is_i64(),
            "a successful fetch"
        );
    }
    assert_eq!(ratings["aggregateRating"], Value::Null);
}

#[tokio::test]
async fn an_on_demand_refresh_is_accepted_once_per_five_minutes() {
    let doubles = PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(&doubles, &[]).await;
    let user = app.register("eager").await;
    app.link(&user, "atcoder", "maccha").await;
    app.refresh_ratings().await;
    assert_eq!(doubles.lookups("atcoder", "maccha"), 1);

    let first = app
        .post(
            "/v1/users/me/ratings/refresh",
            Some(&user.access),
            json!({}),
        )
        .await;
    assert_eq!(first.status, 202, "{}", first.body);
    assert_eq!(first.body["queued"], 1);
    let second = app
        .post(
            "/v1/users/me/ratings/refresh",
            Some(&user.access),
            json!({}),
        )
        .await;
    second.assert_error(429, "RATE_LIMITED");
    let retry_after: u64 = second.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((290..=300).contains(&retry_after), "{retry_after}");

    // The queued handle is fetched again although it is not stale.
    app.refresh_ratings().await;
    assert_eq!(doubles.lookups("atcoder", "maccha"), 2);
    // And then it is not due any more.
    app.refresh_ratings().await;
    assert_eq!(doubles.lookups("atcoder", "maccha"), 2);
}

#[tokio::test]
async fn reading_profiles_never_calls_a_platform() {
    let doubles = PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(&doubles, &[]).await;
    let user = app.register("reader").await;
    app.link(&user, "codechef", "equal_poem_63").await;
    app.refresh_ratings().await;
    let requests = doubles.requests("codechef");
    for _ in 0..3 {
        profile_ratings(&app, "reader").await;
        app.get("/user/profile/reader", None).await;
        app.get(&format!("/v1/users/{}", user.id), None).await;
    }
    assert_eq!(doubles.requests("codechef"), requests);
}

#[tokio::test]
async fn codeforces_is_asked_in_batches_and_for_contest_counts_only_when_needed() {
    let doubles = PlatformDoubles::start().await;
    let app =
        spawn_app_with_doubles(&doubles, &["--platform-option", "codeforces.batch_size=5"]).await;
    for i in 0..12 {
        let user = app.register(&format!("cf{i}")).await;
        app.link(&user, "codeforces", &format!("handle_{i}")).await;
    }
    app.refresh_ratings().await;
    // 3 batched user.info calls (5 + 5 + 2) and 12 first-time user.rating calls.
    assert_eq!(doubles.requests("codeforces"), 3 + 12);

    // Unchanged ratings: the known contest counts are reused, no user.rating calls.
    app.refresh_ratings_in(&RefreshScope {
        ignore_staleness: true,
        ..Default::default()
    })
    .await;
    assert_eq!(doubles.requests("codeforces"), 15 + 3);
}

#[tokio::test]
async fn ratings_with_and_without_a_maximum_share_one_prepared_statement() {
    // Regression: sqlx's `Any` encodes a NULL f64 as float4, which poisoned PostgreSQL's
    // cached statement for the next rating that has a maximum. One connection makes the
    // statement cache shared for sure.
    let doubles = PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(&doubles, &["--db-max-connections", "1"]).await;
    let user = app.register("cached").await;
    app.link(&user, "leetcode", "pgmreddy").await; // no maximum rating
    app.link(&user, "codeforces", "DmitriyH").await; // has one
    for platform in [
        profilehub_jobs::Platform::Leetcode,
        profilehub_jobs::Platform::Codeforces,
    ] {
        app.refresh_ratings_in(&RefreshScope {
            platforms: vec![platform],
            ..Default::default()
        })
        .await;
    }
    let ratings = profile_ratings(&app, "cached").await;
    assert_eq!(ratings["leetcode"]["maxRating"], Value::Null);
    assert_eq!(
        ratings["codeforces"]["maxRating"],
        expected::CODEFORCES.1 as i64
    );
}

#[tokio::test]
async fn a_recorded_batch_writes_each_claimed_handle_once_and_nothing_it_no_longer_holds() {
    use profilehub::domain::ratings::LinkStatus;
    use profilehub_jobs::{ContestResult, FetchOutcome, Platform, RatingSnapshot};

    let app = spawn_app_with_doubles(&PlatformDoubles::start().await, &[]).await;
    let mut users = Vec::new();
    for i in 0..5 {
        let user = app.register(&format!("batched{i}")).await;
        assert_eq!(
            app.link(&user, "atcoder", &format!("batched_{i}"))
                .await
                .status,
            200
        );
        users.push(user);
    }
    // The refresher's own port onto our database: claim, then record.
    let rating_store = app.state.ratings.rating_store();
    let claimed = rating_store
        .claim_due(Platform::Atcoder, &RefreshScope::default(), 10)
        .await
        .unwrap();
    assert_eq!(claimed.len(), 5);
    let due = |i: usize| {
        claimed
            .iter()
            .find(|d| d.user_id == users[i].id)
            .expect("claimed")
            .clone()
    };
    // While the results were being fetched, user 4 linked another handle.
    assert_eq!(
        app.link(&users[4], "atcoder", "someone_else").await.status,
        200
    );

    let snapshot = |rating: f64| RatingSnapshot {
        contests: Some(vec![ContestResult {
            contest_id: "abc001".into(),
            contest_name: "AtCoder Beginner Contest 001".into(),
            time_ms: 1_700_000_000_000,
            rank: Some(42),
            old_rating: None,
            new_rating: rating,
        }]),
        rating,
        max_rating: (rating > 1000.0).then_some(rating + 1.0),
        attended_contests: Some(7),
        badge: None,
    };
    let results = vec![
        (due(0), FetchOutcome::Rated(snapshot(1234.0))),
        // Listed twice: the first outcome is the one written.
        (due(0), FetchOutcome::Rated(snapshot(999.0))),
        (due(1), FetchOutcome::Unrated),
        (due(2), FetchOutcome::NotFound),
        (due(3), FetchOutcome::transient("HTTP 503")),
        // For the handle user 4 replaced: must not land on the new one.
        (due(4), FetchOutcome::Rated(snapshot(800.0))),
    ];
    rating_store.record(&results).await.unwrap();

    let link = |i: usize| {
        let ratings = app.state.ratings.clone();
        let id = users[i].id.parse().unwrap();
        async move { ratings.links(id).await.unwrap().remove(0) }
    };
    let first = link(0).await;
    assert_eq!(
        (first.status, first.rating, first.max_rating),
        (LinkStatus::Ok, Some(1234.0), Some(1235.0))
    );
    assert_eq!(first.attended_contests, Some(7));
    assert!(first.fetch_time.is_some());
    assert_eq!(first.fetch_time, first.last_attempt_at);
    let history = app
        .state
        .ratings
        .latest_contests(users[0].id.parse().unwrap(), Platform::Atcoder, 100)
        .await
        .unwrap();
    assert_eq!(history.len(), 1, "{history:?}");
    assert_eq!(history[0].new_rating, 1234.0);
    assert_eq!(history[0].old_rating, None);
    assert_eq!(link(1).await.status, LinkStatus::Unrated);
    assert_eq!(link(2).await.status, LinkStatus::NotFound);
    let failed = link(3).await;
    assert_eq!(failed.status, LinkStatus::Error);
    // The default retry base (1 minute) after the first failure.
    assert_eq!(
        failed.next_attempt_at,
        failed.last_attempt_at.map(|at| at + 60_000)
    );
    let replaced = link(4).await;
    assert_eq!(
        (replaced.handle.as_str(), replaced.status, replaced.rating),
        ("someone_else", LinkStatus::Pending, None)
    );
    assert!(
        app.state
            .ratings
            .latest_contests(users[4].id.parse().unwrap(), Platform::Atcoder, 100)
            .await
            .unwrap()
            .is_empty()
    );
}
