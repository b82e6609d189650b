//! The AtCoder client against a double serving the real captured histories.

use profilehub_jobs::{FetchOutcome, FetchRequest, Platform, PlatformClient, RatingSnapshot};

use crate::contest_series::{request_after, series_of, without_series};
use crate::doubles::{Double, Reply, client, fast_settings};
use crate::fixtures;

pub async fn atcoder_double() -> Double {
    let maccha = fixtures::read("atcoder", "history.maccha.2025-12.wget.json");
    let yamato = fixtures::read("atcoder", "history.yamato0915.2025-05.pretty.json");
    Double::start(move |seen| match seen.path.as_str() {
        "/users/maccha/history/json" => Reply::json(maccha.clone()),
        "/users/yamato0915/history/json" => Reply::json(yamato.clone()),
        // No real capture of a user without contests: the documented reply is `[]`.
        "/users/synthetic_fresh/history/json" => Reply::json("[]"),
        _ => Reply::html("<html><body>404 Not Found</body></html>").with_status(404),
    })
    .await
}

#[tokio::test]
async fn atcoder_histories_give_rating_highest_count_and_colour() {
    let double = atcoder_double().await;
    let ac = client(
        Platform::Atcoder,
        fast_settings(Platform::Atcoder, &double.base),
    );
    let outcomes = ac
        .fetch(&[
            FetchRequest::new("maccha"),
            FetchRequest::new("https://atcoder.jp/users/yamato0915"),
        ])
        .await;
    assert_eq!(
        outcomes.iter().map(without_series).collect::<Vec<_>>(),
        vec![
            FetchOutcome::Rated(RatingSnapshot {
                contests: None,
                rating: 746.0,
                max_rating: Some(799.0),
                attended_contests: Some(96),
                badge: Some("brown".into()),
            }),
            FetchOutcome::Rated(RatingSnapshot {
                contests: None,
                rating: 423.0,
                max_rating: Some(462.0),
                attended_contests: Some(15),
                badge: Some("brown".into()),
            }),
        ]
    );
    // Nothing was known about them: their whole series is reported.
    assert_eq!(series_of(&outcomes[0]).map(<[_]>::len), Some(96));
    assert_eq!(series_of(&outcomes[1]).map(<[_]>::len), Some(15));
    assert_eq!(ac.requests_sent(), 2);
}

#[tokio::test]
async fn the_atcoder_series_is_reported_only_while_the_stored_one_may_be_out_of_date() {
    let double = atcoder_double().await;
    let ac = client(
        Platform::Atcoder,
        fast_settings(Platform::Atcoder, &double.base),
    );
    let first = ac.fetch(&[FetchRequest::new("maccha")]).await.remove(0);
    assert_eq!(series_of(&first).map(<[_]>::len), Some(96));

    // Stored in full, unchanged on the platform: the stored series stays.
    let unchanged = ac.fetch(&[request_after("maccha", &first, 96)]).await;
    assert_eq!(unchanged, vec![without_series(&first)]);

    // Nothing stored yet (a fresh deployment) or one contest missing: reported again.
    for stored in [0, 95] {
        let again = ac.fetch(&[request_after("maccha", &first, stored)]).await;
        assert_eq!(again, vec![first.clone()], "{stored} stored");
    }

    // The rating differs from the stored one (a recalculation): reported again.
    let mut recalculated = request_after("maccha", &first, 96);
    recalculated.previous.as_mut().unwrap().rating = 750.0;
    assert_eq!(ac.fetch(&[recalculated]).await, vec![first]);
    assert_eq!(ac.requests_sent(), 5, "the series never costs a request");
}

#[tokio::test]
async fn synthetic_atcoder_user_without_contests_is_unrated_and_a_404_is_not_found() {
    let double = atcoder_double().await;
    let ac = client(
        Platform::Atcoder,
        fast_settings(Platform::Atcoder, &double.base),
    );
    let outcomes = ac
        .fetch(&[
            FetchRequest::new("synthetic_fresh"),
            FetchRequest::new("nobody_here"),
        ])
        .await;
    assert_eq!(
        outcomes,
        vec![FetchOutcome::Unrated, FetchOutcome::NotFound]
    );
    assert_eq!(double.total_hits(), 2, "a 404 is an answer, not retried");
}
