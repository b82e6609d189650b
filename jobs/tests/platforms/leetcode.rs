//! The LeetCode client against a double that answers aliased batch queries with the real
//! captured replies, re-keyed under each user's aliases.

use profilehub_jobs::{FetchOutcome, FetchRequest, Platform, PlatformClient, RatingSnapshot};
use serde_json::{Map, Value, json};

use crate::doubles::{Double, Reply, client, fast_settings};
use crate::fixtures;

/// Answers `u{i}`/`r{i}` for each variable `n{i}` of the query: "pgmreddy" gets the real
/// 2021 ranking object (the capture holds no matchedUser, so `{username}` is added);
/// anyone else gets the real "That user does not exist." reply, its error path re-keyed.
async fn leetcode_double() -> Double {
    let ranking: Value = serde_json::from_slice(&fixtures::read(
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
        let mut data = Map::new();
        let mut errors = Vec::new();
        let variables = request["variables"]
            .as_object()
            .cloned()
            .unwrap_or_default();
        for (name, value) in variables {
            let i = name.trim_start_matches('n');
            if value == "pgmreddy" {
                data.insert(format!("u{i}"), json!({"username": "pgmreddy"}));
                data.insert(
                    format!("r{i}"),
                    ranking["data"]["userContestRanking"].clone(),
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

#[tokio::test]
async fn leetcode_users_are_batched_into_one_graphql_query_per_batch() {
    let double = leetcode_double().await;
    let mut settings = fast_settings(Platform::Leetcode, &double.base);
    settings.batch_size = 5;
    let lc = client(Platform::Leetcode, settings);

    let mut batch: Vec<FetchRequest> = (0..11)
        .map(|i| FetchRequest::new(format!("ghost{i}")))
        .collect();
    batch[7] = FetchRequest::new("pgmreddy");
    let outcomes = lc.fetch(&batch).await;

    assert_eq!(double.hits("/graphql"), 3, "ceil(11 / 5) queries");
    for (i, outcome) in outcomes.iter().enumerate() {
        if i == 7 {
            assert_eq!(
                *outcome,
                FetchOutcome::Rated(RatingSnapshot {
                    rating: 1616.8967650834998,
                    max_rating: None,
                    attended_contests: Some(31),
                    badge: None,
                })
            );
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
