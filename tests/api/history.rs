//! Contest-level rating history: the contests the platforms report (from the real captured
//! responses the doubles serve), paged newest first, windowed by time, overwritten rather
//! than duplicated when a platform recalculates, and drawn as a chart. On SQLite and
//! PostgreSQL.

use std::collections::HashSet;

use profilehub_jobs::RefreshScope;
use profilehub_testkit::{Behaviour, PlatformDoubles, expected};
use reqwest::Method;
use serde_json::Value;

use crate::helpers::{TestApp, TestUser, spawn_app_with_doubles};

/// Every contest of `username`'s history on `platform` (with `query` added), following
/// `nextCursor` page by page; also checks the `Link` header agrees with the cursor.
async fn whole_history(app: &TestApp, username: &str, platform: &str, query: &str) -> Vec<Value> {
    let mut items = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut path =
            format!("/v1/profiles/{username}/ratings/history?platform={platform}&limit=7{query}");
        if let Some(cursor) = &cursor {
            path.push_str(&format!("&cursor={cursor}"));
        }
        let page = app.get(&path, None).await;
        assert_eq!(page.status, 200, "{}", page.body);
        items.extend(page.body["items"].as_array().unwrap().iter().cloned());
        match page.body["nextCursor"].as_str() {
            Some(next) => {
                let link = page.headers.get("link").expect("a Link to the next page");
                assert!(link.to_str().unwrap().contains(next), "{link:?}");
                cursor = Some(next.to_string());
            }
            None => return items,
        }
    }
}

fn everything() -> RefreshScope {
    RefreshScope {
        ignore_staleness: true,
        ..RefreshScope::default()
    }
}

async fn linked(app: &TestApp, name: &str, links: &[(&str, &str)]) -> TestUser {
    let user = app.register(name).await;
    for (platform, handle) in links {
        assert_eq!(app.link(&user, platform, handle).await.status, 200);
    }
    app.refresh_ratings_in(&everything()).await;
    user
}

#[tokio::test]
async fn the_history_is_the_platforms_contests_newest_first_ending_at_the_profiles_rating() {
    let doubles = PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(&doubles, &[]).await;
    linked(
        &app,
        "historian",
        &[
            ("atcoder", "maccha"),
            ("codechef", "equal_poem_63"),
            ("codeforces", "rishgod"),
            ("leetcode", "pgmreddy"),
        ],
    )
    .await;
    let profile = app.get("/v1/profiles/historian", None).await.body;

    let contests = [
        ("atcoder", expected::ATCODER.3),
        ("codechef", expected::CODECHEF.3),
        ("codeforces", expected::CODEFORCES.3),
        ("leetcode", expected::LEETCODE.1),
    ];
    for (platform, count) in contests {
        let items = whole_history(&app, "HISTORIAN", platform, "").await;
        assert_eq!(
            items.len(),
            count as usize,
            "{platform}: one point per rated contest"
        );
        let ids: HashSet<&str> = items
            .iter()
            .map(|i| i["contestId"].as_str().unwrap())
            .collect();
        assert_eq!(ids.len(), items.len(), "{platform}: no contest twice");
        let times: Vec<i64> = items.iter().map(|i| i["time"].as_i64().unwrap()).collect();
        assert!(
            times.windows(2).all(|w| w[0] >= w[1]),
            "{platform}: newest first"
        );
        assert_eq!(
            items[0]["newRating"], profile["ratings"][platform]["rating"],
            "{platform}: the latest contest's rating is the profile's"
        );
        for item in &items {
            let mut keys: Vec<&str> = item
                .as_object()
                .unwrap()
                .keys()
                .map(|k| k.as_str())
                .collect();
            keys.sort_unstable();
            assert_eq!(
                keys,
                [
                    "contestId",
                    "contestName",
                    "newRating",
                    "oldRating",
                    "rank",
                    "time"
                ]
            );
        }
    }

    // What the captures say, field by field.
    let atcoder = whole_history(&app, "historian", "atcoder", "").await;
    assert_eq!(atcoder[0]["contestId"], "abc416");
    assert_eq!(atcoder[0]["contestName"], "AtCoder Beginner Contest 416");
    // EndTime 2025-07-26T22:40:00+09:00: `date -d 2025-07-26T22:40:00+09:00 +%s` = 1753537200.
    assert_eq!(atcoder[0]["time"], 1_753_537_200_000_i64);
    assert_eq!(atcoder[0]["rank"], 5250);
    assert_eq!(atcoder[0]["oldRating"], 751);
    assert_eq!(atcoder[0]["newRating"], 746);
    let codeforces = whole_history(&app, "historian", "codeforces", "").await;
    let first = codeforces.last().unwrap();
    assert_eq!(first["contestId"], "1420");
    assert_eq!(first["contestName"], "Codeforces Round #672 (Div. 2)");
    assert_eq!(first["time"], 1_600_965_300_000_i64);
    assert_eq!(
        (first["rank"].clone(), first["oldRating"].clone()),
        (9079.into(), 0.into())
    );
    assert_eq!(first["newRating"], 367);
    let codechef = whole_history(&app, "historian", "codechef", "").await;
    assert_eq!(
        codechef.last().unwrap()["oldRating"],
        Value::Null,
        "no rating before the first"
    );
    for pair in codechef.windows(2) {
        assert_eq!(
            pair[0]["oldRating"], pair[1]["newRating"],
            "each starts where the last ended"
        );
    }
}

#[tokio::test]
async fn a_time_window_and_pages_cut_the_history_without_gaps_or_repeats() {
    let doubles = PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(&doubles, &[]).await;
    linked(&app, "windowed", &[("atcoder", "maccha")]).await;
    let all = whole_history(&app, "windowed", "atcoder", "").await;
    let times: Vec<i64> = all.iter().map(|i| i["time"].as_i64().unwrap()).collect();
    let (from, to) = (times[60], times[20]);
    let window = whole_history(
        &app,
        "windowed",
        "atcoder",
        &format!("&from={from}&to={to}"),
    )
    .await;
    let expected: Vec<&Value> = all
        .iter()
        .filter(|i| (from..=to).contains(&i["time"].as_i64().unwrap()))
        .collect();
    assert_eq!(
        window.iter().collect::<Vec<_>>(),
        expected,
        "inclusive at both ends"
    );
    assert_eq!(window.first().unwrap()["time"], to);
    assert_eq!(window.last().unwrap()["time"], from);

    let since = whole_history(&app, "windowed", "atcoder", &format!("&from={}", times[0])).await;
    assert_eq!(since, all[..1]);
    let before = whole_history(
        &app,
        "windowed",
        "atcoder",
        &format!("&to={}", times[0] - 1),
    )
    .await;
    assert_eq!(before, all[1..]);
}

#[tokio::test]
async fn bad_windows_platforms_and_cursors_are_precise_errors_and_unknown_users_404() {
    let doubles = PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(&doubles, &[]).await;
    linked(&app, "careful", &[("atcoder", "maccha")]).await;
    let base = "/v1/profiles/careful/ratings/history";
    app.get(&format!("{base}?platform=atcoder&from=20&to=10"), None)
        .await
        .assert_error(400, "BAD_REQUEST");
    app.get(&format!("{base}?platform=atcoder&from=yesterday"), None)
        .await
        .assert_error(400, "BAD_REQUEST");
    app.get(&format!("{base}?platform=topcoder"), None)
        .await
        .assert_error(400, "BAD_REQUEST");
    app.get(&format!("{base}?platform=atcoder&limit=101"), None)
        .await
        .assert_error(400, "BAD_REQUEST");
    // A cursor of another window is refused, not misapplied.
    let page = app
        .get(&format!("{base}?platform=atcoder&limit=5"), None)
        .await;
    let cursor = page.body["nextCursor"].as_str().unwrap().to_string();
    app.get(
        &format!("{base}?platform=atcoder&limit=5&from=0&cursor={cursor}"),
        None,
    )
    .await
    .assert_error(400, "INVALID_CURSOR");
    app.get("/v1/profiles/nobody/ratings/history?platform=atcoder", None)
        .await
        .assert_error(404, "USER_NOT_FOUND");
    // No handle on the platform: an empty history, not an error.
    let none = app.get(&format!("{base}?platform=codechef"), None).await;
    assert_eq!(none.status, 200);
    assert_eq!(none.body["items"], serde_json::json!([]));
}

#[tokio::test]
async fn a_recalculated_series_overwrites_the_stored_one_and_a_new_handle_starts_afresh() {
    let doubles = PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(&doubles, &[]).await;
    let user = linked(&app, "recalc", &[("atcoder", "maccha")]).await;
    let before = whole_history(&app, "recalc", "atcoder", "").await;
    assert_eq!(before.len(), expected::ATCODER.3 as usize);

    // Fetching the same series again changes nothing (and duplicates nothing).
    app.refresh_ratings_in(&everything()).await;
    assert_eq!(whole_history(&app, "recalc", "atcoder", "").await, before);

    // The platform now reports another series for the handle (the double serves
    // yamato0915's real history): contests it no longer reports are gone, the ones it
    // reports again carry its new values, and nothing is listed twice.
    doubles.set("maccha", Behaviour::Alternate);
    app.refresh_ratings_in(&everything()).await;
    let after = whole_history(&app, "recalc", "atcoder", "").await;
    assert_eq!(after.len(), expected::ATCODER_ALTERNATE.3 as usize);
    assert_eq!(after[0]["newRating"], expected::ATCODER_ALTERNATE.0 as i64);
    let profile = app.get("/v1/profiles/recalc", None).await.body;
    assert_eq!(
        after[0]["newRating"],
        profile["ratings"]["atcoder"]["rating"]
    );

    // A different handle clears the old one's contests at once.
    assert_eq!(app.link(&user, "atcoder", "someone_else").await.status, 200);
    assert!(
        whole_history(&app, "recalc", "atcoder", "")
            .await
            .is_empty()
    );
}

#[tokio::test]
async fn a_fetch_that_fails_keeps_the_stored_history() {
    let doubles = PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(&doubles, &[]).await;
    linked(
        &app,
        "steady",
        &[("atcoder", "maccha"), ("codechef", "steady")],
    )
    .await;
    let atcoder = whole_history(&app, "steady", "atcoder", "").await;
    let codechef = whole_history(&app, "steady", "codechef", "").await;
    doubles.set("maccha", Behaviour::ServerError);
    doubles.set("steady", Behaviour::ServerError);
    app.refresh_ratings_in(&everything()).await;
    assert_eq!(whole_history(&app, "steady", "atcoder", "").await, atcoder);
    assert_eq!(
        whole_history(&app, "steady", "codechef", "").await,
        codechef
    );
}

// ---------------------------------------------------------------------------------------
// The chart.

#[tokio::test]
async fn the_history_chart_draws_every_contest_with_labelled_axes() {
    let doubles = PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(&doubles, &[]).await;
    linked(
        &app,
        "charted",
        &[("atcoder", "maccha"), ("codechef", "charted")],
    )
    .await;

    let reply = app
        .raw(
            Method::GET,
            "/v1/profiles/CHARTED/ratings/history.svg?platform=atcoder&theme=dark",
            &[],
            "",
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    assert_eq!(reply.headers["content-type"], "image/svg+xml");
    assert_eq!(
        reply.headers["content-security-policy"],
        "default-src 'none'; style-src 'unsafe-inline'"
    );
    let doc = roxmltree::Document::parse(&reply.text).unwrap();
    let line = doc
        .descendants()
        .find(|n| n.has_tag_name("polyline"))
        .expect("a line");
    let points = line.attribute("points").unwrap().split(' ').count();
    assert_eq!(
        points,
        expected::ATCODER.3 as usize,
        "one point per contest"
    );
    let text = crate::cards::parsed_text(&reply.text);
    for label in ["Rating", "Contest date (UTC)", "AtCoder rating", "746"] {
        assert!(text.contains(label), "{label:?} in {text}");
    }
    // Years on the date axis: maccha's contests run from 2020 to 2025.
    for year in 2021..=2025 {
        assert!(text.contains(&year.to_string()), "{year} in {text}");
    }

    // Without a platform: the first one with a rating (CodeChef comes before AtCoder).
    let default = app
        .raw(
            Method::GET,
            "/v1/profiles/charted/ratings/history.svg",
            &[],
            "",
        )
        .await;
    assert_eq!(default.status, 200);
    assert!(crate::cards::parsed_text(&default.text).contains("CodeChef rating"));

    // Unchanged → 304.
    let etag = reply.headers["etag"].to_str().unwrap().to_string();
    let again = app
        .raw(
            Method::GET,
            "/v1/profiles/charted/ratings/history.svg?platform=atcoder&theme=dark",
            &[("if-none-match", etag.as_str())],
            "",
        )
        .await;
    assert_eq!(again.status, 304);
}

#[tokio::test]
async fn the_chart_answers_notices_and_refusals_as_images() {
    let doubles = PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(&doubles, &[]).await;
    linked(&app, "emptyhanded", &[]).await;
    let get = |path: String| {
        let app = &app;
        async move { app.raw(Method::GET, &path, &[], "").await }
    };
    let chart = "ratings/history.svg";
    let missing = get(format!("/v1/profiles/nobody/{chart}")).await;
    assert_eq!(missing.status, 404);
    assert!(crate::cards::parsed_text(&missing.text).contains("No such user"));
    for query in ["", "?platform=leetcode"] {
        let empty = get(format!("/v1/profiles/EmptyHanded/{chart}{query}")).await;
        assert_eq!(empty.status, 200);
        assert!(
            empty.headers["cache-control"]
                .to_str()
                .unwrap()
                .contains("max-age=60")
        );
        let text = crate::cards::parsed_text(&empty.text);
        assert!(
            text.contains("No contests yet") && text.contains("emptyhanded"),
            "{text}"
        );
    }
    for bad in ["platform=topcoder", "theme=neon"] {
        let refused = get(format!("/v1/profiles/nobody/{chart}?{bad}")).await;
        assert_eq!(refused.status, 400, "{bad}");
        assert_eq!(refused.headers["content-type"], "image/svg+xml");
        assert!(crate::cards::parsed_text(&refused.text).contains("BAD_REQUEST"));
    }
}

#[tokio::test]
async fn the_generated_client_pages_the_history_and_reads_the_chart() {
    let doubles = PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(&doubles, &[]).await;
    linked(&app, "sdkhistory", &[("atcoder", "maccha")]).await;
    let sdk = profilehub_client::Client::new(&app.base);
    let mut contests = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut call = sdk
            .get_rating_history()
            .username("sdkhistory")
            .platform("atcoder")
            .limit(std::num::NonZeroU32::new(40).unwrap());
        if let Some(cursor) = &cursor {
            call = call.cursor(cursor.clone());
        }
        let page = call.send().await.expect("a page").into_inner();
        contests.extend(page.items);
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    assert_eq!(contests.len(), expected::ATCODER.3 as usize);
    assert_eq!(contests[0].contest_id, "abc416");
    assert_eq!(contests[0].new_rating, expected::ATCODER.0 as i64);
    let chart = sdk
        .get_rating_history_chart()
        .username("sdkhistory")
        .platform("atcoder")
        .send()
        .await
        .expect("a chart");
    assert_eq!(chart.status(), 200);
}
