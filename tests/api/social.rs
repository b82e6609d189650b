//! Follows, through the generated Rust SDK: following is idempotent and counted exactly,
//! lists page newest first with opaque cursors, refusals change nothing, and an account's
//! deletion takes its follows (and their counts) with it. On SQLite and PostgreSQL.

use std::collections::BTreeSet;

use profilehub_client::{Client, Error, authenticated, types};
use serde_json::Value;

use crate::helpers::{TestApp, TestUser, spawn_app};

/// The SDK client of `user`.
fn sdk(app: &TestApp, user: &TestUser) -> Client {
    authenticated(&app.base, &user.access)
}

/// The error code of a failed SDK call.
fn code<T: std::fmt::Debug>(result: Result<T, Error<types::ErrorBody>>) -> String {
    match result {
        Err(Error::ErrorResponse(body)) => body.code.to_string(),
        other => panic!("expected an error answer, got {other:?}"),
    }
}

async fn counts(app: &TestApp, username: &str) -> (u64, u64) {
    let profile = Client::new(&app.base)
        .get_profile()
        .username(username)
        .send()
        .await
        .expect("the profile exists")
        .into_inner();
    (profile.followers_count, profile.following_count)
}

async fn followers(app: &TestApp, username: &str) -> Vec<String> {
    let page = Client::new(&app.base)
        .list_followers()
        .username(username)
        .limit(100)
        .send()
        .await
        .expect("a page")
        .into_inner();
    page.items.into_iter().map(|f| f.username).collect()
}

#[tokio::test]
async fn following_twice_is_one_follow_and_the_counts_and_lists_say_so() {
    let app = spawn_app().await;
    let alice = app.register("alice").await;
    let carol = app.register("carol").await;
    app.register("bob").await;

    for _ in 0..2 {
        sdk(&app, &alice)
            .follow_user()
            .username("BOB")
            .send()
            .await
            .expect("following succeeds, twice");
    }
    app.follow(&carol, "bob").await;
    assert_eq!(counts(&app, "bob").await, (2, 0));
    assert_eq!(counts(&app, "alice").await, (0, 1));
    assert_eq!(
        followers(&app, "bob").await,
        ["carol", "alice"],
        "newest first"
    );
    let following = Client::new(&app.base)
        .list_following()
        .username("alice")
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!(following.items.len(), 1);
    assert_eq!(following.items[0].username, "bob");
    assert_eq!(following.next_cursor, None);

    for _ in 0..2 {
        sdk(&app, &alice)
            .unfollow_user()
            .username("bob")
            .send()
            .await
            .expect("unfollowing succeeds, twice");
    }
    assert_eq!(counts(&app, "bob").await, (1, 0));
    assert_eq!(counts(&app, "alice").await, (0, 0));
    assert_eq!(followers(&app, "bob").await, ["carol"]);
}

#[tokio::test]
async fn following_oneself_or_nobody_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let dora = app.register("dora").await;
    let result = sdk(&app, &dora).follow_user().username("Dora").send().await;
    assert_eq!(code(result), "CANNOT_FOLLOW_SELF");
    let result = sdk(&app, &dora)
        .follow_user()
        .username("ghost")
        .send()
        .await;
    assert_eq!(code(result), "USER_NOT_FOUND");
    let result = sdk(&app, &dora)
        .unfollow_user()
        .username("ghost")
        .send()
        .await;
    assert_eq!(code(result), "USER_NOT_FOUND");
    let anonymous = app
        .request(
            reqwest::Method::PUT,
            "/v1/users/me/following/dora",
            None,
            None,
        )
        .await;
    anonymous.assert_error(401, "GENERIC_UNAUTHORIZED");

    assert_eq!(counts(&app, "dora").await, (0, 0));
    assert!(followers(&app, "dora").await.is_empty());
}

#[tokio::test]
async fn pages_follow_the_cursor_to_the_end_without_gaps_or_repeats() {
    let app = spawn_app().await;
    app.register("star").await;
    let mut fans = Vec::new();
    for i in 0..23 {
        let fan = app.register(&format!("fan{i:02}")).await;
        app.follow(&fan, "star").await;
        fans.push(format!("fan{i:02}"));
    }
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let mut path = "/v1/profiles/star/followers?limit=10".to_string();
        if let Some(cursor) = &cursor {
            path.push_str(&format!("&cursor={cursor}"));
        }
        let reply = app.get(&path, None).await;
        assert_eq!(reply.status, 200, "{}", reply.body);
        pages += 1;
        let items = reply.body["items"].as_array().unwrap();
        seen.extend(
            items
                .iter()
                .map(|i| i["username"].as_str().unwrap().to_string()),
        );
        match &reply.body["nextCursor"] {
            Value::String(next) => {
                let link = reply.headers["link"].to_str().unwrap();
                assert!(
                    link.starts_with("</v1/profiles/star/followers?limit=10&cursor=")
                        && link.ends_with(">; rel=\"next\""),
                    "{link}"
                );
                cursor = Some(next.clone());
            }
            Value::Null => {
                assert!(
                    reply.headers.get("link").is_none(),
                    "no Link on the last page"
                );
                break;
            }
            other => panic!("nextCursor is {other}"),
        }
    }
    assert_eq!(pages, 3);
    let mut newest_first = fans.clone();
    newest_first.reverse();
    assert_eq!(seen, newest_first);

    // The default page is 20 rows.
    let page = app.get("/v1/profiles/star/followers", None).await;
    assert_eq!(page.body["items"].as_array().unwrap().len(), 20);
}

#[tokio::test]
async fn a_bad_limit_or_a_forged_cursor_is_a_precise_400() {
    let app = spawn_app().await;
    let a = app.register("anna").await;
    let b = app.register("bert").await;
    app.register("cleo").await;
    for (user, other) in [(&a, "cleo"), (&b, "cleo"), (&a, "bert")] {
        sdk(&app, user)
            .follow_user()
            .username(other)
            .send()
            .await
            .unwrap();
    }
    for limit in ["0", "101", "-3", "ten"] {
        let reply = app
            .get(&format!("/v1/profiles/cleo/followers?limit={limit}"), None)
            .await;
        reply.assert_error(400, "BAD_REQUEST");
        assert!(
            reply.body["message"]
                .as_str()
                .unwrap()
                .contains("between 1 and 100"),
            "{}",
            reply.body
        );
    }
    let first = app.get("/v1/profiles/cleo/followers?limit=1", None).await;
    let cursor = first.body["nextCursor"].as_str().unwrap().to_string();
    let (payload, tag) = cursor.split_once('.').unwrap();
    // The first character of the position changed (to one that differs from it).
    let first = payload.chars().next().unwrap();
    let replacement = if first == 'A' { 'B' } else { 'A' };
    let tampered = format!("{replacement}{}.{tag}", &payload[1..]);
    for bad in [tampered.as_str(), "garbage", "a.b", &tag[..5]] {
        let reply = app
            .get(&format!("/v1/profiles/cleo/followers?cursor={bad}"), None)
            .await;
        reply.assert_error(400, "INVALID_CURSOR");
    }
    // A cursor is bound to its list: it does not page another user's followers.
    let reply = app
        .get(
            &format!("/v1/profiles/bert/followers?cursor={cursor}"),
            None,
        )
        .await;
    reply.assert_error(400, "INVALID_CURSOR");
    let reply = app
        .get(
            &format!("/v1/profiles/cleo/following?cursor={cursor}"),
            None,
        )
        .await;
    reply.assert_error(400, "INVALID_CURSOR");
    // The genuine one still works.
    let reply = app
        .get(
            &format!("/v1/profiles/cleo/followers?cursor={cursor}"),
            None,
        )
        .await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.body["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn relationships_and_profile_flags_tell_who_follows_whom() {
    let app = spawn_app().await;
    let me = app.register("mira").await;
    let nils = app.register("nils").await;
    app.register("olga").await;
    app.follow(&me, "nils").await;
    app.follow(&nils, "mira").await;
    app.follow(&me, "olga").await;

    let found = sdk(&app, &me)
        .get_relationships()
        .usernames("OLGA,nils,nobody,olga")
        .send()
        .await
        .unwrap()
        .into_inner();
    let found: Vec<(String, bool, bool)> = found
        .items
        .into_iter()
        .map(|r| (r.username, r.following, r.followed_by))
        .collect();
    assert_eq!(
        found,
        [
            ("olga".to_string(), true, false),
            ("nils".to_string(), true, true)
        ]
    );
    let too_many = (0..101)
        .map(|i| format!("u{i}"))
        .collect::<Vec<_>>()
        .join(",");
    let result = sdk(&app, &me)
        .get_relationships()
        .usernames(too_many)
        .send()
        .await;
    assert_eq!(code(result), "BAD_REQUEST");

    let seen = app.get("/v1/profiles/nils", Some(&me.access)).await;
    assert_eq!(seen.body["followedByMe"], true);
    assert_eq!(seen.body["followsMe"], true);
    assert_eq!(seen.headers["cache-control"], "private, no-store");
    let anonymous = app.get("/v1/profiles/nils", None).await;
    assert!(anonymous.body.get("followedByMe").is_none());
    assert!(anonymous.body.get("followsMe").is_none());
    assert!(anonymous.headers.contains_key("etag"));
}

#[tokio::test]
async fn a_cached_profile_shows_a_new_follower_at_once() {
    let app = spawn_app().await;
    let fan = app.register("fan").await;
    app.register("idol").await;
    assert_eq!(counts(&app, "idol").await, (0, 0)); // now cached
    app.follow(&fan, "idol").await;
    assert_eq!(counts(&app, "idol").await, (1, 0));
    assert_eq!(counts(&app, "fan").await, (0, 1));
}

#[tokio::test]
async fn deleting_an_account_removes_its_follows_both_ways_and_fixes_the_counts() {
    let app = spawn_app().await;
    let leaving = app.register("leaving").await;
    let staying = app.register("staying").await;
    let other = app.register("other").await;
    app.follow(&leaving, "staying").await;
    app.follow(&staying, "leaving").await;
    app.follow(&other, "leaving").await;
    assert_eq!(counts(&app, "staying").await, (1, 1));
    sdk(&app, &leaving)
        .delete_current_user()
        .send()
        .await
        .unwrap();
    assert_eq!(counts(&app, "staying").await, (0, 0));
    assert_eq!(counts(&app, "other").await, (0, 0));
    assert!(followers(&app, "staying").await.is_empty());
}

#[tokio::test]
async fn counts_stay_exact_under_fifty_concurrent_follow_and_unfollow_pairs() {
    let app = spawn_app().await;
    app.register("target").await;
    let mut fans = Vec::new();
    for i in 0..10 {
        fans.push(app.register(&format!("racer{i}")).await);
    }
    // Fifty follow/unfollow pairs at once, five per fan, each pair itself concurrent: some
    // fans end up following, some not. Whatever the interleaving, the counts must equal
    // the rows.
    let mut tasks = Vec::new();
    for k in 0..50 {
        let client = sdk(&app, &fans[k % 10]);
        tasks.push(tokio::spawn(async move {
            let follow = client.follow_user().username("target").send();
            let unfollow = client.unfollow_user().username("target").send();
            let (followed, unfollowed) = tokio::join!(follow, unfollow);
            followed.expect("follow answers 204");
            unfollowed.expect("unfollow answers 204");
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let listed: BTreeSet<String> = followers(&app, "target").await.into_iter().collect();
    let (followers_count, _) = counts(&app, "target").await;
    assert_eq!(followers_count, listed.len() as u64, "{listed:?}");
    for fan in 0..10 {
        let (_, following) = counts(&app, &format!("racer{fan}")).await;
        assert_eq!(
            following,
            u64::from(listed.contains(&format!("racer{fan}"))),
            "racer{fan}"
        );
    }
}
