//! The CodeChef client against a double serving the real captured profile pages.

use profilehub_jobs::{FetchOutcome, FetchRequest, Platform, PlatformClient, RatingSnapshot};

use crate::contest_series::{request_after, series_of, without_series};
use crate::doubles::{Double, Reply, client, fast_settings};
use crate::fixtures;

async fn codechef_double() -> Double {
    let equal_poem = fixtures::read("codechef", "equal_poem_63.2026-05.node-https.html");
    let sidhu = fixtures::read("codechef", "sidhu_2512.2026-07.provisional.node-https.html");
    Double::start(move |seen| match seen.path.as_str() {
        "/users/equal_poem_63" => Reply::html(equal_poem.clone()),
        "/users/sidhu_2512" => Reply::html(sidhu.clone()),
        // What scrapers report for an unknown handle: a redirect to the home page.
        "/users/ghost_absolute" => {
            Reply::redirect(302, &format!("http://127.0.0.1:{}/", seen.port()))
        }
        p if p.starts_with("/users/") => Reply::redirect(302, "/"),
        "/" => Reply::html("<html><title>CodeChef home</title></html>"),
        _ => Reply::status(404),
    })
    .await
}

fn rated(rating: f64, max: f64, attended: u32, badge: &str) -> FetchOutcome {
    FetchOutcome::Rated(RatingSnapshot {
        contests: None,
        rating,
        max_rating: Some(max),
        attended_contests: Some(attended),
        badge: Some(badge.into()),
    })
}

#[tokio::test]
async fn codechef_profile_pages_are_fetched_one_request_per_handle() {
    let double = codechef_double().await;
    let cc = client(
        Platform::Codechef,
        fast_settings(Platform::Codechef, &double.base),
    );
    assert_eq!(cc.batch_size(), 1);
    let outcomes = cc
        .fetch(&[
            FetchRequest::new("equal_poem_63"),
            FetchRequest::new("https://www.codechef.com/users/sidhu_2512"),
        ])
        .await;
    assert_eq!(
        outcomes.iter().map(without_series).collect::<Vec<_>>(),
        vec![
            rated(1723.0, 1723.0, 17, "3 star"),
            rated(912.0, 912.0, 2, "1 star")
        ]
    );
    assert_eq!(series_of(&outcomes[0]).map(<[_]>::len), Some(17));
    assert_eq!(series_of(&outcomes[1]).map(<[_]>::len), Some(2));
    assert_eq!(double.hits("/users/equal_poem_63"), 1);
    assert_eq!(double.hits("/users/sidhu_2512"), 1);
    assert!(
        double.requests()[0]
            .header("user-agent")
            .is_some_and(|ua| ua.starts_with("profilehub-rating-aggregator/")),
        "identifying User-Agent"
    );
}

#[tokio::test]
async fn synthetic_codechef_redirect_to_the_home_page_is_not_found() {
    let double = codechef_double().await;
    let cc = client(
        Platform::Codechef,
        fast_settings(Platform::Codechef, &double.base),
    );
    let outcomes = cc
        .fetch(&[
            FetchRequest::new("ghost_relative"),
            FetchRequest::new("ghost_absolute"),
        ])
        .await;
    assert_eq!(
        outcomes,
        vec![FetchOutcome::NotFound, FetchOutcome::NotFound]
    );
    assert_eq!(
        double.hits("/"),
        0,
        "the home page is never fetched or parsed"
    );
}

#[tokio::test]
async fn a_codechef_challenge_page_is_transient_not_a_zero() {
    let double = Double::start(|_| {
        Reply::html("<!DOCTYPE html><html lang=\"en-US\"><head><title>Just a moment...</title></head><body><div class=\"main-wrapper\">Verifying you are human.</div></body></html>")
    })
    .await;
    let cc = client(
        Platform::Codechef,
        fast_settings(Platform::Codechef, &double.base),
    );
    let outcomes = cc.fetch(&[FetchRequest::new("equal_poem_63")]).await;
    assert!(outcomes[0].is_transient(), "{outcomes:?}");
}

#[tokio::test]
async fn the_codechef_series_is_reported_only_while_the_stored_one_may_be_out_of_date() {
    let double = codechef_double().await;
    let cc = client(
        Platform::Codechef,
        fast_settings(Platform::Codechef, &double.base),
    );
    let first = cc
        .fetch(&[FetchRequest::new("equal_poem_63")])
        .await
        .remove(0);
    assert_eq!(series_of(&first).map(<[_]>::len), Some(17));

    let unchanged = cc
        .fetch(&[request_after("equal_poem_63", &first, 17)])
        .await;
    assert_eq!(unchanged, vec![without_series(&first)]);

    let nothing_stored = cc.fetch(&[request_after("equal_poem_63", &first, 0)]).await;
    assert_eq!(nothing_stored, vec![first.clone()]);

    let mut recalculated = request_after("equal_poem_63", &first, 17);
    recalculated.previous.as_mut().unwrap().rating = 1700.0;
    assert_eq!(cc.fetch(&[recalculated]).await, vec![first]);
    assert_eq!(
        double.hits("/users/equal_poem_63"),
        4,
        "one page per fetch, no more"
    );
}
