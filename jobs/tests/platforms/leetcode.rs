//! The LeetCode client against a double that answers aliased batch queries with the real
//! captured replies, re-keyed under each user's aliases.

use profilehub_jobs::{FetchOutcome, FetchRequest, Platform, PlatformClient, RatingSnapshot};
use serde_json::{Map, Value, json};

use crate::contest_series::{request_after, series_of, without_series};
use crate::doubles::{Double, Reply, client, fast_settings};
use crate::fixtures;

/// Users the double knows: each is answered with the real 2021 capture of pgmreddy.
const KNOWN_USERS: [&str; 3] = ["pgmreddy", "pgm_stale", "pgm_same"];

/// How the double answers contest-history queries.
#[derive(Clone, Copy)]
enum Histories {
    /// With the captured history, re-keyed under each user's alias.
    Answered,
    /// With HTTP 503, every time.
    Unavailable,
}

/// Answers `u{i}`/`r{i}` for each variable `n{i}` of a ratings query: a known user gets the
/// real 2021 ranking object (the capture holds no matchedUser, so `{username}` is added);
/// anyone else gets the real "That user does not exist." reply, its error path re-keyed. A
/// history query (`userContestRankingHistory`) is answered per `histories`.
async fn leetcode_double_with(histories: Histories) -> Double {
    let captured: Value = serde_json::from_slice(&fixtures::read(
        "leetcode",
        "contest_ranking.pgmreddy.2021-08.json",
    ))
    .unwrap();
    let unknown: Value =
        serde_json::from_slice(&fixtures::read("leetcode", "unknown_user.errors.json")).unwrap();
    Double::start(move |seen| {
        if seen.path != "/graphql" || seen.method != "POST" {
            return Reply::status(404);
        }
        let request = seen.json();
        let is_history = request["query"]
            .as_str()
            .is_some_and(|q| q.contains("userContestRankingHistory"));
        if is_history && matches!(histories, Histories::Unavailable) {
            return Reply::status(503);
        }
        let mut data = Map::new();
        let mut errors = Vec::new();
        let variables = request["variables"]
            .as_object()
            .cloned()
            .unwrap_or_default();
        for (name, value) in variables {
            let i = name.trim_start_matches('n');
            let known = KNOWN_USERS.iter().any(|u| value == *u);
            if is_history {
                let history = if known {
                    captured["data"]["userContestRankingHistory"].clone()
                } else {
                    Value::Null
                };
                data.insert(format!("h{i}"), history);
            } else if known {
                data.insert(format!("u{i}"), json!({"username": value}));
                data.insert(
                    format!("r{i}"),
                    captured["data"]["userContestRanking"].clone(),
                );
            } else {
                let mut error = unknown["errors"][0].clone();
                error["path"] = json!([format!("u{i}")]);
                errors.push(error);
                data.insert(format!("u{i}"), Value::Null);
                data.insert(format!("r{i}"), Value::Null);
            }
        }
        Reply::json(json!({"errors": errors, "data": data}).to_string())
    })
    .await
}

async fn leetcode_double() -> Double {
    leetcode_double_with(Histories::Answered).await
}

/// The snapshot the capture gives, without a series.
fn captured_snapshot() -> FetchOutcome {
    FetchOutcome::Rated(RatingSnapshot {
        contests: None,
        rating: 1616.8967650834998,
        max_rating: None,
        attended_contests: Some(31),
        badge: None,
    })
}

/// The operation names of the GraphQL requests the double saw, in order.
fn operations(double: &Double) -> Vec<String> {
    double
        .requests()
        .iter()
        .map(|r| r.json()["operationName"].as_str().unwrap_or("").to_owned())
        .collect()
}

#[tokio::test]
async fn leetcode_users_are_batched_into_one_graphql_query_per_batch() {
    let double = leetcode_double().await;
    let mut settings = fast_settings(Platform::Leetcode, &double.base);
    settings.batch_size = 5;
    let lc = client(Platform::Leetcode, settings);

    let mut batch: Vec<FetchRequest> = (0..11)
        .map(|i| FetchRequest::new(format!("ghost{i}")))
        .collect();
    // Known and unchanged (its series stored in full), so no history query either.
    batch[7] = request_after("pgmreddy", &captured_snapshot(), 31);
    let outcomes = lc.fetch(&batch).await;

    assert_eq!(double.hits("/graphql"), 3, "ceil(11 / 5) queries");
    for (i, outcome) in outcomes.iter().enumerate() {
        if i == 7 {
            assert_eq!(*outcome, captured_snapshot());
        } else {
            assert_eq!(*outcome, FetchOutcome::NotFound, "ghost{i}");
        }
    }
    let first = &double.requests()[0];
    assert_eq!(first.json()["variables"]["n4"], "ghost4");
    assert!(
        first
            .header("content-type")
            .unwrap()
            .starts_with("application/json")
    );
    assert_eq!(
        first.header("referer"),
        Some(format!("{}/", double.base).as_str())
    );
}

#[tokio::test]
async fn leetcode_unknown_user_reply_is_not_found() {
    let double = leetcode_double().await;
    let lc = client(
        Platform::Leetcode,
        fast_settings(Platform::Leetcode, &double.base),
    );
    assert_eq!(
        lc.fetch(&[FetchRequest::new("this-user-does-not-exist")])
            .await,
        vec![FetchOutcome::NotFound]
    );
}

#[tokio::test]
async fn synthetic_leetcode_rate_limit_inside_an_http_200_is_transient() {
    let double = Double::start(|_| {
        Reply::json(
            r#"{"errors":[{"message":"Too many requests, please try again later."}],"data":null}"#,
        )
    })
    .await;
    let lc = client(
        Platform::Leetcode,
        fast_settings(Platform::Leetcode, &double.base),
    );
    let outcomes = lc
        .fetch(&[FetchRequest::new("a"), FetchRequest::new("b")])
        .await;
    assert!(
        outcomes.iter().all(FetchOutcome::is_transient),
        "{outcomes:?}"
    );
    assert_eq!(
        double.total_hits(),
        1,
        "a GraphQL error in a 200 is not retried"
    );
}

#[tokio::test]
async fn a_cloudflare_challenge_instead_of_graphql_json_is_transient() {
    let double = Double::start(|_| {
        Reply::html("<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>Enable JavaScript and cookies to continue</body></html>")
            .with_status(403)
    })
    .await;
    let lc = client(
        Platform::Leetcode,
        fast_settings(Platform::Leetcode, &double.base),
    );
    let outcomes = lc.fetch(&[FetchRequest::new("pgmreddy")]).await;
    assert!(outcomes[0].is_transient(), "{outcomes:?}");
}

#[tokio::test]
async fn leetcode_asks_for_histories_once_per_chunk_and_only_for_users_who_need_them() {
    let double = leetcode_double().await;
    let lc = client(
        Platform::Leetcode,
        fast_settings(Platform::Leetcode, &double.base),
    );
    let outcomes = lc
        .fetch(&[
            // Unchanged, series stored in full: no history.
            request_after("pgm_same", &captured_snapshot(), 31),
            // Never seen: needs its series.
            FetchRequest::new("pgmreddy"),
            // Does not exist: never asked about twice.
            FetchRequest::new("ghost"),
            // Same rating and count, but no series stored yet: needs it.
            request_after("pgm_stale", &captured_snapshot(), 0),
        ])
        .await;

    assert_eq!(
        operations(&double),
        ["profilehubRatings", "profilehubRatingHistories"]
    );
    let history_request = &double.requests()[1];
    assert_eq!(
        history_request.json()["variables"],
        json!({"n0": "pgmreddy", "n1": "pgm_stale"})
    );
    assert_eq!(outcomes[0], captured_snapshot());
    assert_eq!(outcomes[2], FetchOutcome::NotFound);
    for i in [1, 3] {
        assert_eq!(without_series(&outcomes[i]), captured_snapshot());
        let series = series_of(&outcomes[i]).expect("the series is reported");
        assert_eq!(series.len(), 31);
        assert_eq!(series[30].contest_id, "weekly-contest-252");
        assert_eq!(series[30].new_rating, 1616.897);
    }
}

#[tokio::test]
async fn leetcode_users_whose_series_is_stored_cost_no_history_query() {
    let double = leetcode_double().await;
    let lc = client(
        Platform::Leetcode,
        fast_settings(Platform::Leetcode, &double.base),
    );
    let outcomes = lc
        .fetch(&[
            request_after("pgm_same", &captured_snapshot(), 31),
            request_after("pgmreddy", &captured_snapshot(), 31),
            FetchRequest::new("ghost"),
        ])
        .await;
    assert_eq!(operations(&double), ["profilehubRatings"]);
    assert_eq!(outcomes[0], captured_snapshot());
    assert_eq!(outcomes[1], captured_snapshot());

    // A recalculated rating (same count) asks for the series again.
    let mut recalculated = request_after("pgmreddy", &captured_snapshot(), 31);
    recalculated.previous.as_mut().unwrap().rating = 1600.0;
    let outcome = lc.fetch(&[recalculated]).await.remove(0);
    assert_eq!(series_of(&outcome).map(<[_]>::len), Some(31));
    assert_eq!(
        operations(&double)[1..],
        ["profilehubRatings", "profilehubRatingHistories"]
    );
}

#[tokio::test]
async fn leetcode_keeps_the_rating_when_the_history_query_fails() {
    let double = leetcode_double_with(Histories::Unavailable).await;
    let settings = fast_settings(Platform::Leetcode, &double.base);
    let attempts = settings.retries as usize + 1;
    let lc = client(Platform::Leetcode, settings);
    let outcomes = lc
        .fetch(&[FetchRequest::new("pgmreddy"), FetchRequest::new("ghost")])
        .await;
    assert_eq!(
        outcomes,
        vec![captured_snapshot(), FetchOutcome::NotFound],
        "rated without a series, never transient"
    );
    let operations = operations(&double);
    assert_eq!(operations.len(), 1 + attempts, "{operations:?}");
    assert!(
        operations[1..]
            .iter()
            .all(|op| op == "profilehubRatingHistories")
    );
}
