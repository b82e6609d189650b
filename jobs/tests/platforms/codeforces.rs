//! The Codeforces client against a double serving the real captured replies.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use profilehub_jobs::{FetchOutcome, FetchRequest, Platform, PlatformClient, RatingSnapshot};
use serde_json::Value;

use crate::contest_series::{series_of, without_series};
use crate::doubles::{Double, Reply, client, fast_settings};
use crate::fixtures;

const NOT_FOUND_FIXTURE: &str = "user_info.failed.handle_not_found.json";

/// Serves `user.info` from the real captured user objects (DmitriyH, Fefer_Ivan,
/// rishgod) plus `extra` ones, answering a batch with an unknown handle the way Codeforces
/// does (HTTP 400, the captured FAILED body with that handle's name). `user.rating` is served for rishgod only (the real capture).
async fn codeforces_double(extra: Vec<Value>) -> Double {
    let mut users: HashMap<String, Value> = HashMap::new();
    for name in [
        "user_info.batch.DmitriyH_Fefer_Ivan.2025.json",
        "user_info.rishgod.2020-12.json",
    ] {
        let reply: Value = serde_json::from_slice(&fixtures::read("codeforces", name)).unwrap();
        for user in reply["result"].as_array().unwrap() {
            users.insert(
                user["handle"].as_str().unwrap().to_lowercase(),
                user.clone(),
            );
        }
    }
    for user in extra {
        users.insert(user["handle"].as_str().unwrap().to_lowercase(), user);
    }
    let not_found = String::from_utf8(fixtures::read("codeforces", NOT_FOUND_FIXTURE)).unwrap();
    let rishgod_rating = fixtures::read("codeforces", "user_rating.rishgod.2020-12.json");
    Double::start(move |seen| match seen.path.as_str() {
        "/api/user.info" => {
            let handles = seen.param("handles").unwrap_or_default();
            let mut result = Vec::new();
            for handle in handles.split(';') {
                match users.get(&handle.to_lowercase()) {
                    Some(user) => result.push(user.clone()),
                    // The real FAILED body (sent with 400), naming this handle instead.
                    None => {
                        return Reply::json(
                            not_found.replace("this_handle_does_not_exist_zzz", handle),
                        )
                        .with_status(400);
                    }
                }
            }
            Reply::json(serde_json::json!({"status": "OK", "result": result}).to_string())
        }
        "/api/user.rating" if seen.param("handle").as_deref() == Some("rishgod") => {
            Reply::json(rishgod_rating.clone())
        }
        _ => Reply::status(404),
    })
    .await
}

fn known(handle: &str, rating: f64, attended: u32) -> FetchRequest {
    FetchRequest {
        handle: handle.into(),
        previous: Some(RatingSnapshot {
            contests: None,
            rating,
            max_rating: None,
            attended_contests: Some(attended),
            badge: None,
        }),
        // The stored series is complete: only a moved rating calls for user.rating.
        stored_contests: attended,
    }
}

fn rated(rating: f64, max: f64, attended: u32, rank: &str) -> FetchOutcome {
    FetchOutcome::Rated(RatingSnapshot {
        contests: None,
        rating,
        max_rating: Some(max),
        attended_contests: Some(attended),
        badge: Some(rank.into()),
    })
}

#[tokio::test]
async fn a_codeforces_batch_of_n_handles_costs_ceil_n_over_batch_size_user_info_calls() {
    let double = codeforces_double(vec![]).await;
    let mut settings = fast_settings(Platform::Codeforces, &double.base);
    settings.batch_size = 2;
    let cf = client(Platform::Codeforces, settings);
    assert_eq!(cf.batch_size(), 2);

    let batch = [
        known("DmitriyH", 1709.0, 40),
        known("Fefer_Ivan", 2174.0, 90),
        known("rishgod", 981.0, 11),
    ];
    let outcomes = cf.fetch(&batch).await;

    assert_eq!(
        outcomes,
        vec![
            rated(1709.0, 2072.0, 40, "expert"),
            rated(2174.0, 2476.0, 90, "master"),
            rated(981.0, 1108.0, 11, "newbie"),
        ]
    );
    assert_eq!(
        double.hits("/api/user.info"),
        2,
        "ceil(3 / 2) batched calls"
    );
    assert_eq!(double.hits("/api/user.rating"), 0, "no rating moved");
    let queries: Vec<String> = double
        .requests()
        .iter()
        .filter_map(|s| s.param("handles"))
        .collect();
    assert_eq!(queries, ["DmitriyH;Fefer_Ivan", "rishgod"]);
    assert_eq!(cf.requests_sent(), 2);
}

#[tokio::test]
async fn unknown_handle_in_a_codeforces_batch_is_marked_not_found_and_the_rest_retried() {
    let double = codeforces_double(vec![]).await;
    let cf = client(
        Platform::Codeforces,
        fast_settings(Platform::Codeforces, &double.base),
    );

    let batch = [
        known("DmitriyH", 1709.0, 40),
        known("no_such_user_zzz", 1500.0, 1),
        known("Fefer_Ivan", 2174.0, 90),
    ];
    let outcomes = cf.fetch(&batch).await;

    assert_eq!(outcomes[0], rated(1709.0, 2072.0, 40, "expert"));
    assert_eq!(outcomes[1], FetchOutcome::NotFound);
    assert_eq!(outcomes[2], rated(2174.0, 2476.0, 90, "master"));
    let queries: Vec<String> = double
        .requests()
        .iter()
        .filter_map(|s| s.param("handles"))
        .collect();
    assert_eq!(
        queries,
        [
            "DmitriyH;no_such_user_zzz;Fefer_Ivan",
            "DmitriyH;Fefer_Ivan"
        ]
    );
}

#[tokio::test]
async fn the_captured_unknown_handle_is_too_long_for_codeforces_and_costs_no_request() {
    // The capture's handle has 30 characters; Codeforces handles have at most 24.
    let double = codeforces_double(vec![]).await;
    let cf = client(
        Platform::Codeforces,
        fast_settings(Platform::Codeforces, &double.base),
    );
    let outcomes = cf
        .fetch(&[FetchRequest::new("this_handle_does_not_exist_zzz")])
        .await;
    assert_eq!(outcomes, vec![FetchOutcome::NotFound]);
    assert_eq!(double.total_hits(), 0);
}

#[tokio::test]
async fn several_unknown_handles_are_dropped_one_by_one_until_the_batch_succeeds() {
    let double = codeforces_double(vec![]).await;
    let cf = client(
        Platform::Codeforces,
        fast_settings(Platform::Codeforces, &double.base),
    );
    let batch = [
        FetchRequest::new("ghost_one"),
        known("rishgod", 981.0, 11),
        FetchRequest::new("ghost_two"),
    ];
    let outcomes = cf.fetch(&batch).await;
    assert_eq!(outcomes[0], FetchOutcome::NotFound);
    assert_eq!(outcomes[1], rated(981.0, 1108.0, 11, "newbie"));
    assert_eq!(outcomes[2], FetchOutcome::NotFound);
    assert_eq!(double.hits("/api/user.info"), 3);
}

#[tokio::test]
async fn user_rating_is_called_only_when_the_rating_moved_or_the_count_is_unknown() {
    let double = codeforces_double(vec![]).await;
    let cf = client(
        Platform::Codeforces,
        fast_settings(Platform::Codeforces, &double.base),
    );
    let want = rated(981.0, 1108.0, 11, "newbie");

    // Same rating, count known: the previous count is reused without a request.
    assert_eq!(
        cf.fetch(&[known("rishgod", 981.0, 11)]).await,
        vec![want.clone()]
    );
    assert_eq!(double.hits("/api/user.rating"), 0);

    // Never seen before: the count comes from user.rating (11 real entries), and so does
    // the series, which is reported.
    let fresh = cf.fetch(&[FetchRequest::new("rishgod")]).await;
    assert_eq!(without_series(&fresh[0]), want);
    assert_eq!(series_of(&fresh[0]).map(<[_]>::len), Some(11));
    assert_eq!(double.hits("/api/user.rating"), 1);

    // Rating moved since last time: recount, and report the series.
    let moved = cf.fetch(&[known("rishgod", 950.0, 10)]).await;
    assert_eq!(moved, fresh);
    assert_eq!(double.hits("/api/user.rating"), 2);

    // Same rating but the count was never known: recount.
    let unknown_count = FetchRequest {
        handle: "rishgod".into(),
        previous: Some(RatingSnapshot {
            contests: None,
            rating: 981.0,
            max_rating: None,
            attended_contests: None,
            badge: None,
        }),
        stored_contests: 11,
    };
    // The count turns out to be the stored one, and the rating has not moved: no series.
    assert_eq!(cf.fetch(&[unknown_count]).await, vec![want]);
    assert_eq!(double.hits("/api/user.rating"), 3);
}

#[tokio::test]
async fn codeforces_reads_user_rating_when_the_stored_series_is_behind_even_with_an_unchanged_rating()
 {
    let double = codeforces_double(vec![]).await;
    let cf = client(
        Platform::Codeforces,
        fast_settings(Platform::Codeforces, &double.base),
    );
    // Rating and count as last time, but no series stored yet (a fresh deployment).
    let mut nothing_stored = known("rishgod", 981.0, 11);
    nothing_stored.stored_contests = 0;
    let outcome = cf.fetch(&[nothing_stored]).await.remove(0);
    assert_eq!(double.hits("/api/user.rating"), 1);
    assert_eq!(without_series(&outcome), rated(981.0, 1108.0, 11, "newbie"));
    let series = series_of(&outcome).expect("the series is reported");
    assert_eq!(series.len(), 11);
    assert_eq!(series[10].contest_id, "1459");
    assert_eq!(series[10].new_rating, 981.0);

    // Once the series is stored in full, nothing is read or reported.
    let stored = cf.fetch(&[known("rishgod", 981.0, 11)]).await;
    assert_eq!(stored, vec![rated(981.0, 1108.0, 11, "newbie")]);
    assert_eq!(double.hits("/api/user.rating"), 1);
}

#[tokio::test]
async fn synthetic_unrated_codeforces_user_is_unrated_without_a_user_rating_call() {
    // No real capture of an unrated user exists: per apiHelp, the object lacks rating keys.
    let unrated = serde_json::json!({
        "handle": "fresh_account", "contribution": 0, "friendOfCount": 0,
        "lastOnlineTimeSeconds": 1700000000, "registrationTimeSeconds": 1700000000,
        "avatar": "https://userpic.codeforces.org/no-avatar.jpg",
        "titlePhoto": "https://userpic.codeforces.org/no-title.jpg"
    });
    let double = codeforces_double(vec![unrated]).await;
    let cf = client(
        Platform::Codeforces,
        fast_settings(Platform::Codeforces, &double.base),
    );
    let outcomes = cf
        .fetch(&[
            FetchRequest::new("fresh_account"),
            FetchRequest::new("rishgod"),
        ])
        .await;
    assert_eq!(
        outcomes.iter().map(without_series).collect::<Vec<_>>(),
        vec![FetchOutcome::Unrated, rated(981.0, 1108.0, 11, "newbie")]
    );
    assert_eq!(
        double.hits("/api/user.rating"),
        1,
        "only for the rated user"
    );
}

const CALL_LIMIT: &str = r#"{"status":"FAILED","comment":"Call limit exceeded"}"#;

#[tokio::test]
async fn synthetic_call_limit_exceeded_is_backed_off_and_retried() {
    let batch = fixtures::read(
        "codeforces",
        "user_info.batch.DmitriyH_Fefer_Ivan.2025.json",
    );
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    let double = Double::start(move |_| {
        if counter.fetch_add(1, Ordering::SeqCst) == 0 {
            Reply::json(CALL_LIMIT).with_status(503)
        } else {
            Reply::json(batch.clone())
        }
    })
    .await;
    let cf = client(
        Platform::Codeforces,
        fast_settings(Platform::Codeforces, &double.base),
    );
    let outcomes = cf
        .fetch(&[
            known("DmitriyH", 1709.0, 40),
            known("Fefer_Ivan", 2174.0, 90),
        ])
        .await;
    assert_eq!(outcomes[0], rated(1709.0, 2072.0, 40, "expert"));
    assert_eq!(outcomes[1], rated(2174.0, 2476.0, 90, "master"));
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn synthetic_persistent_call_limit_gives_transient_with_retry_after_for_the_batch() {
    let double = Double::start(|_| Reply::json(CALL_LIMIT)).await;
    let settings = fast_settings(Platform::Codeforces, &double.base);
    let retries = settings.retries as usize;
    let cf = client(Platform::Codeforces, settings);
    let outcomes = cf
        .fetch(&[
            FetchRequest::new("DmitriyH"),
            FetchRequest::new("Fefer_Ivan"),
        ])
        .await;
    for outcome in &outcomes {
        assert!(
            matches!(outcome, FetchOutcome::Transient { retry_after: Some(_), reason } if reason.contains("call limit")),
            "{outcome:?}"
        );
    }
    assert_eq!(double.total_hits(), retries + 1);
}

#[tokio::test]
async fn a_failed_user_rating_call_leaves_that_handle_transient_but_keeps_the_others() {
    let double = codeforces_double(vec![]).await;
    let cf = client(
        Platform::Codeforces,
        fast_settings(Platform::Codeforces, &double.base),
    );
    // DmitriyH's rating moved, but the double has no user.rating for him (404).
    let outcomes = cf
        .fetch(&[
            known("DmitriyH", 1600.0, 39),
            known("Fefer_Ivan", 2174.0, 90),
        ])
        .await;
    assert!(outcomes[0].is_transient(), "{:?}", outcomes[0]);
    assert_eq!(outcomes[1], rated(2174.0, 2476.0, 90, "master"));
}

#[tokio::test]
async fn an_invalid_or_duplicate_handle_costs_no_extra_request() {
    let double = codeforces_double(vec![]).await;
    let cf = client(
        Platform::Codeforces,
        fast_settings(Platform::Codeforces, &double.base),
    );
    let outcomes = cf
        .fetch(&[
            known("rishgod", 981.0, 11),
            FetchRequest::new("bad handle;x"),
            known("RISHGOD", 981.0, 11),
        ])
        .await;
    assert_eq!(outcomes[0], rated(981.0, 1108.0, 11, "newbie"));
    assert_eq!(outcomes[1], FetchOutcome::NotFound);
    assert_eq!(outcomes[2], outcomes[0]);
    assert_eq!(double.total_hits(), 1);
    assert_eq!(
        double.requests()[0].param("handles").as_deref(),
        Some("rishgod")
    );
}
