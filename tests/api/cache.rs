//! The public-profile cache: validators and caching headers, and — above all — that no
//! write is ever followed by a stale read: on the instance that wrote, immediately; on
//! another instance sharing a PostgreSQL database, within a second; and after that other
//! instance lost its change listener, once it has reconnected.

use std::time::{Duration, Instant};

use profilehub_testkit::{PlatformDoubles, expected};
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{
    TestApp, TestUser, build_state, spawn_another_instance, spawn_app, spawn_app_with_doubles,
};

/// The three public views of a user, as anyone sees them: our profile, the public
/// `GET /v1/users/{id}` and Digitomize's profile.
struct Views {
    profile: Value,
    by_id: Value,
    digitomize: Value,
}

async fn views(app: &TestApp, username: &str, id: &str) -> Views {
    let profile = app.get(&format!("/v1/profiles/{username}"), None).await;
    let by_id = app.get(&format!("/v1/users/{id}"), None).await;
    let digitomize = app.get(&format!("/user/profile/{username}"), None).await;
    for reply in [&profile, &by_id, &digitomize] {
        assert_eq!(reply.status, 200, "{}", reply.body);
    }
    Views {
        profile: profile.body,
        by_id: by_id.body,
        digitomize: digitomize.body,
    }
}

/// Reads every view twice, so that the second read is a cache hit.
async fn warm(app: &TestApp, username: &str, id: &str) -> Views {
    views(app, username, id).await;
    views(app, username, id).await
}

#[tokio::test]
async fn public_views_carry_an_etag_and_answer_304_until_they_change() {
    let app = spawn_app().await;
    let user = app.register("tagged").await;
    for path in [
        "/v1/profiles/tagged".to_string(),
        format!("/v1/users/{}", user.id),
        "/user/profile/TAGGED".to_string(),
    ] {
        let first = app.get(&path, None).await;
        assert_eq!(first.status, 200, "{path}");
        let etag = first.headers["etag"].to_str().unwrap().to_string();
        assert!(etag.starts_with('"') && etag.ends_with('"'), "{etag}");
        assert_eq!(
            first.headers["cache-control"], "public, max-age=30",
            "{path}"
        );

        let again = app
            .raw(Method::GET, &path, &[("if-none-match", &etag)], "")
            .await;
        assert_eq!(again.status, 304, "{path}");
        assert_eq!(again.body, Value::Null, "a 304 has no body");
        assert_eq!(again.headers["etag"].to_str().unwrap(), etag);

        let other = app
            .raw(Method::GET, &path, &[("if-none-match", "\"stale\"")], "")
            .await;
        assert_eq!(other.status, 200, "{path}");
        assert_eq!(other.body, first.body);
    }

    let before = app.get("/v1/profiles/tagged", None).await;
    let etag = before.headers["etag"].to_str().unwrap().to_string();
    app.patch(
        "/v1/users/me",
        Some(&user.access),
        json!({"bio": "changed"}),
    )
    .await;
    let after = app
        .raw(
            Method::GET,
            "/v1/profiles/tagged",
            &[("if-none-match", &etag)],
            "",
        )
        .await;
    assert_eq!(after.status, 200, "a changed profile is sent again");
    assert_eq!(after.body["bio"], "changed");
    assert_ne!(after.headers["etag"].to_str().unwrap(), etag);
}

#[tokio::test]
async fn the_callers_own_views_are_never_stored() {
    let app = spawn_app().await;
    let user = app.register("secretive").await;
    for path in [
        "/v1/users/me".to_string(),
        format!("/v1/users/{}", user.id),
        "/v1/user/profile?fields=email".to_string(),
    ] {
        let reply = app.get(&path, Some(&user.access)).await;
        assert_eq!(reply.status, 200, "{path}: {}", reply.body);
        assert_eq!(
            reply.headers["cache-control"], "private, no-store",
            "{path}"
        );
        assert!(!reply.headers.contains_key("etag"), "{path}");
    }
    let patched = app
        .patch("/v1/users/me", Some(&user.access), json!({"bio": "x"}))
        .await;
    assert_eq!(patched.headers["cache-control"], "private, no-store");
}

#[tokio::test]
async fn a_profile_edit_is_seen_by_the_very_next_read() {
    let app = spawn_app().await;
    let user = app.register("editor").await;
    warm(&app, "editor", &user.id).await;

    app.patch(
        "/v1/users/me",
        Some(&user.access),
        json!({"bio": "new bio", "visibility": {"email": true}}),
    )
    .await;
    let seen = views(&app, "editor", &user.id).await;
    assert_eq!(seen.profile["bio"], "new bio");
    assert_eq!(seen.profile["email"], "editor@example.com");
    assert_eq!(seen.by_id["bio"], "new bio");
    assert_eq!(seen.by_id["email"], "editor@example.com");
    assert_eq!(seen.digitomize["personal_data"]["bio"], "new bio");
    assert_eq!(
        seen.digitomize["personal_data"]["email"],
        "editor@example.com"
    );

    app.patch(
        "/v1/users/me",
        Some(&user.access),
        json!({"visibility": {"email": false}}),
    )
    .await;
    let hidden = views(&app, "editor", &user.id).await;
    assert!(hidden.profile.get("email").is_none(), "{}", hidden.profile);
    assert_eq!(hidden.digitomize["personal_data"]["email"], Value::Null);
}

#[tokio::test]
async fn a_renamed_user_is_gone_under_the_old_name_and_found_under_the_new_one() {
    let app = spawn_app().await;
    let user = app.register("oldname").await;
    warm(&app, "oldname", &user.id).await;

    let renamed = app
        .patch(
            "/v1/users/me",
            Some(&user.access),
            json!({"username": "NewName"}),
        )
        .await;
    assert_eq!(renamed.status, 200, "{}", renamed.body);
    app.get("/v1/profiles/oldname", None)
        .await
        .assert_error(404, "USER_NOT_FOUND");
    assert_eq!(app.get("/user/profile/oldname", None).await.status, 404);
    let seen = views(&app, "newname", &user.id).await;
    assert_eq!(seen.profile["username"], "NewName");
    assert_eq!(seen.by_id["username"], "NewName");
    assert_eq!(seen.digitomize["personal_data"]["username"], "NewName");

    // The old name is free again, and now means someone else.
    let other = app
        .post(
            "/v1/auth/register",
            None,
            json!({"username": "oldname", "email": "other@example.com", "password": "another password"}),
        )
        .await;
    assert_eq!(other.status, 201, "{}", other.body);
    let other_id = other.body["user"]["id"].as_str().unwrap();
    let taken = views(&app, "oldname", other_id).await;
    assert_eq!(taken.profile["id"], other_id);
}

#[tokio::test]
async fn a_deleted_account_disappears_from_every_view() {
    let app = spawn_app().await;
    let user = app.register("leaving").await;
    warm(&app, "leaving", &user.id).await;
    assert_eq!(
        app.delete("/v1/users/me", Some(&user.access)).await.status,
        204
    );
    app.get("/v1/profiles/leaving", None)
        .await
        .assert_error(404, "USER_NOT_FOUND");
    app.get(&format!("/v1/users/{}", user.id), None)
        .await
        .assert_error(404, "USER_NOT_FOUND");
    assert_eq!(app.get("/user/profile/leaving", None).await.status, 404);
}

#[tokio::test]
async fn verifying_an_email_shows_in_the_digitomize_profile_at_once() {
    let app = spawn_app().await;
    let user = app.register("verified").await;
    assert_eq!(
        warm(&app, "verified", &user.id).await.digitomize["personal_data"]["email_verified"],
        false
    );
    app.state
        .users
        .set_email_verified(user.id.parse().unwrap(), true)
        .await
        .unwrap();
    let seen = views(&app, "verified", &user.id).await;
    assert_eq!(seen.digitomize["personal_data"]["email_verified"], true);
}

#[tokio::test]
async fn linking_refreshing_and_unlinking_handles_show_at_once() {
    let doubles = PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(&doubles, &[]).await;
    let user = app.register("climber").await;
    warm(&app, "climber", &user.id).await;

    assert_eq!(
        app.link(&user, "codeforces", "climber_cf").await.status,
        200
    );
    let linked = views(&app, "climber", &user.id).await;
    assert_eq!(linked.profile["ratings"]["codeforces"]["status"], "pending");
    assert_eq!(
        linked.by_id["ratings"]["codeforces"]["handle"],
        "climber_cf"
    );
    assert_eq!(
        linked.digitomize["ratings"]["codeforces"]["username"],
        "climber_cf"
    );

    // The refresher's write, not a request of the user's, changes the profile.
    app.refresh_ratings().await;
    let rated = views(&app, "climber", &user.id).await;
    let rating = expected::CODEFORCES.0 as i64;
    assert_eq!(rated.profile["ratings"]["codeforces"]["rating"], rating);
    assert_eq!(rated.profile["ratings"]["aggregateRating"], rating);
    assert_eq!(rated.by_id["ratings"]["codeforces"]["status"], "ok");
    assert_eq!(rated.digitomize["ratings"]["codeforces"]["rating"], rating);
    assert_eq!(rated.digitomize["ratings"]["digitomize_rating"], rating);

    let unlinked = app
        .request(
            Method::DELETE,
            "/v1/users/me/handles/codeforces",
            Some(&user.access),
            None,
        )
        .await;
    assert_eq!(unlinked.status, 204);
    let gone = views(&app, "climber", &user.id).await;
    assert_eq!(gone.profile["ratings"]["codeforces"], Value::Null);
    assert_eq!(gone.profile["ratings"]["aggregateRating"], Value::Null);
    assert_eq!(
        gone.digitomize["ratings"]["codeforces"]["rating"],
        Value::Null
    );
}

#[tokio::test]
async fn with_the_cache_off_every_read_goes_to_the_database() {
    let app = crate::helpers::spawn_app_with(&["--profile-cache-size", "0"]).await;
    let user = app.register("uncached").await;
    let first = app.get("/v1/profiles/uncached", None).await;
    assert!(first.headers.contains_key("etag"), "validators still work");
    assert!(!app.state.profiles.cache_serving());
    app.patch("/v1/users/me", Some(&user.access), json!({"bio": "b"}))
        .await;
    assert_eq!(
        app.get("/v1/profiles/uncached", None).await.body["bio"],
        "b"
    );
}

/// Waits up to 5 s for `app`'s change listener to connect (its cache serves from then on).
async fn listener_connects(app: &TestApp) {
    assert!(
        until(Duration::from_secs(5), async || app
            .state
            .profiles
            .cache_serving())
        .await
        .is_some(),
        "the instance's change listener connects"
    );
}

/// Polls `read` until `done` holds, for at most `limit`; returns how long it took.
async fn until(limit: Duration, mut read: impl AsyncFnMut() -> bool) -> Option<Duration> {
    let started = Instant::now();
    while started.elapsed() < limit {
        if read().await {
            return Some(started.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    None
}

async fn bio_on(app: &TestApp, username: &str) -> Value {
    app.get(&format!("/v1/profiles/{username}"), None)
        .await
        .body["bio"]
        .clone()
}

async fn set_bio(app: &TestApp, user: &TestUser, bio: &str) {
    patch_me(app, user, json!({ "bio": bio })).await;
}

async fn patch_me(app: &TestApp, user: &TestUser, changes: Value) {
    let reply = app.patch("/v1/users/me", Some(&user.access), changes).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
}

fn postgres_admin_url() -> Option<String> {
    std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|url| url.starts_with("postgres"))
}

#[tokio::test]
async fn another_instance_stops_serving_the_old_profile_within_a_second() {
    if postgres_admin_url().is_none() {
        // Several instances share a PostgreSQL database only; SQLite serves one process.
        return;
    }
    let first = spawn_app().await;
    let second = spawn_another_instance(&first, &[]).await;
    let user = first.register("shared").await;
    listener_connects(&second).await;
    for round in 0..3 {
        // The second instance caches the current profile…
        let current = bio_on(&second, "shared").await;
        assert_eq!(bio_on(&second, "shared").await, current);
        // …and the first one changes it.
        let bio = format!("round {round}");
        set_bio(&first, &user, &bio).await;
        let took = until(Duration::from_secs(1), async || {
            bio_on(&second, "shared").await == bio
        })
        .await;
        assert!(took.is_some(), "round {round}: still stale after 1 s");
    }
}

#[tokio::test]
async fn an_instance_that_lost_its_listener_never_serves_what_it_missed() {
    let Some(admin_url) = postgres_admin_url() else {
        return;
    };
    let first = spawn_app().await;
    let second = spawn_another_instance(&first, &[]).await;
    let user = first.register("partitioned").await;
    let listening = async || second.state.profiles.cache_serving();
    assert!(until(Duration::from_secs(5), listening).await.is_some());
    set_bio(&first, &user, "before").await;
    assert!(
        until(Duration::from_secs(1), async || bio_on(
            &second,
            "partitioned"
        )
        .await
            == "before")
        .await
        .is_some()
    );
    assert_eq!(bio_on(&second, "partitioned").await, "before", "cached");

    // Cut the second instance's listening connection, and change the profile while it is
    // down: that notification is lost.
    let name = second.state.profiles.listener_name().expect("cache on");
    let mut admin = <sqlx::AnyConnection as sqlx::Connection>::connect(&admin_url)
        .await
        .unwrap();
    let terminated: Vec<(bool,)> = sqlx::query_as(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1",
    )
    .bind(&name)
    .fetch_all(&mut admin)
    .await
    .unwrap();
    assert_eq!(terminated.len(), 1, "one listener connection per instance");
    // Until the instance notices (a few milliseconds), it cannot know; wait for that.
    until(Duration::from_secs(1), async || {
        !second.state.profiles.cache_serving()
    })
    .await;
    set_bio(&first, &user, "during the outage").await;

    // From now on the second instance never answers with the old bio: it bypasses its
    // cache while disconnected and flushes it when the listener is back.
    let deadline = Instant::now() + Duration::from_secs(5);
    let mut reconnected = false;
    while Instant::now() < deadline {
        let seen = bio_on(&second, "partitioned").await;
        assert_eq!(seen, "during the outage", "served a stale profile");
        reconnected |= second.state.profiles.cache_serving();
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(reconnected, "the listener reconnects");
}

// ---------------------------------------------------------------------------------------
// The listings a profile shows (followers, following, item lists) are cached with it.

/// `username`'s followers as anyone sees them: (username, name, pictureUrl) each.
async fn followers_of(app: &TestApp, username: &str) -> Vec<(Value, Value, Value)> {
    let reply = app
        .get(&format!("/v1/profiles/{username}/followers"), None)
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["username"].clone(),
                f["name"].clone(),
                f["pictureUrl"].clone(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_cached_followers_page_shows_a_followers_new_name_avatar_and_username_at_once() {
    let app = spawn_app().await;
    let fan = app.register("fan").await;
    app.register("idol").await;
    app.follow(&fan, "idol").await;
    let before = followers_of(&app, "idol").await;
    assert_eq!(before, vec![(json!("fan"), Value::Null, Value::Null)]);
    assert_eq!(followers_of(&app, "idol").await, before, "now cached");

    patch_me(
        &app,
        &fan,
        json!({"name": "Fan Club", "pictureUrl": "https://img.example/fan.png"}),
    )
    .await;
    assert_eq!(
        followers_of(&app, "idol").await,
        vec![(
            json!("fan"),
            json!("Fan Club"),
            json!("https://img.example/fan.png")
        )]
    );

    patch_me(&app, &fan, json!({"username": "superfan"})).await;
    assert_eq!(followers_of(&app, "idol").await[0].0, "superfan");

    assert_eq!(
        app.delete("/v1/users/me", Some(&fan.access)).await.status,
        204
    );
    assert!(followers_of(&app, "idol").await.is_empty());
}

#[tokio::test]
async fn a_cached_list_page_shows_renames_removals_and_hiding_at_once() {
    let app = spawn_app().await;
    let owner = app.register("collector").await;
    let item = |path: &str| format!("/v1/users/me/lists/played/items/{path}");
    for (key, name) in [("igdb:1", "Celeste"), ("igdb:2", "Hades")] {
        let put = app
            .request(
                Method::PUT,
                &item(key),
                Some(&owner.access),
                Some(json!({ "name": name })),
            )
            .await;
        assert_eq!(put.status, 200, "{}", put.body);
    }
    let names = async |token: Option<&str>| {
        let reply = app.get("/v1/profiles/collector/lists/played", token).await;
        assert_eq!(reply.status, 200, "{}", reply.body);
        let names: Vec<Value> = reply.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["name"].clone())
            .collect();
        (names, reply.body["hidden"].clone())
    };
    let shown = (vec![json!("Hades"), json!("Celeste")], json!(false));
    assert_eq!(names(None).await, shown);
    assert_eq!(names(None).await, shown, "now cached");

    let renamed = app
        .request(
            Method::PUT,
            &item("igdb:1"),
            Some(&owner.access),
            Some(json!({"name": "Celeste (2018)"})),
        )
        .await;
    assert_eq!(renamed.status, 200, "{}", renamed.body);
    assert_eq!(
        names(None).await.0,
        vec![json!("Hades"), json!("Celeste (2018)")]
    );

    assert_eq!(
        app.delete(&item("igdb:2"), Some(&owner.access))
            .await
            .status,
        204
    );
    assert_eq!(names(None).await.0, vec![json!("Celeste (2018)")]);

    patch_me(&app, &owner, json!({"visibility": {"lists": false}})).await;
    assert_eq!(names(None).await, (vec![], json!(true)));
    assert_eq!(
        names(Some(&owner.access)).await,
        (vec![json!("Celeste (2018)")], json!(false)),
        "the owner still sees their own list"
    );
}

#[tokio::test]
async fn another_instance_stops_serving_an_old_followers_page_within_a_second() {
    if postgres_admin_url().is_none() {
        return;
    }
    let first = spawn_app().await;
    let second = spawn_another_instance(&first, &[]).await;
    let fan = first.register("remotefan").await;
    first.register("remoteidol").await;
    listener_connects(&second).await;
    assert!(followers_of(&second, "remoteidol").await.is_empty());
    assert!(
        followers_of(&second, "remoteidol").await.is_empty(),
        "cached"
    );

    first.follow(&fan, "remoteidol").await;
    let shows = async |name: Value| {
        until(Duration::from_secs(1), async || {
            followers_of(&second, "remoteidol")
                .await
                .first()
                .is_some_and(|f| f.1 == name)
        })
        .await
        .is_some()
    };
    assert!(
        shows(Value::Null).await,
        "the follow is still unseen after 1 s"
    );
    patch_me(&first, &fan, json!({"name": "Remote Fan"})).await;
    assert!(
        shows(json!("Remote Fan")).await,
        "the new name is still unseen after 1 s"
    );
}

// ---------------------------------------------------------------------------------------
// Live sessions are remembered too: never past a revocation.

#[tokio::test]
async fn a_session_ended_by_another_process_is_refused_within_a_second() {
    let app = spawn_app().await;
    let user = app.register("elsewhere").await;
    assert_eq!(app.me(&user.access).await.status, 200, "now remembered");
    // Another process on the same database (a second instance, a command-line tool) ends
    // the session: on PostgreSQL it announces that; on SQLite nobody tells this process.
    let other = build_state(&app.args).await;
    let caller = other.auth.authenticate(&user.access).await.unwrap();
    other.auth.logout(&caller).await.unwrap();
    let refused = until(Duration::from_secs(2), async || {
        app.me(&user.access).await.status == 401
    })
    .await;
    assert!(refused.is_some(), "still accepted 2 s after the logout");
    assert!(
        refused.unwrap() <= Duration::from_millis(1_500),
        "{refused:?}"
    );
}

// ---------------------------------------------------------------------------------------
// Leaderboards are cached too: pages, standings and Digitomize's pages depend on many
// users at once, and none of them outlives a change to any of those users.

/// Everything a leaderboard reader sees, read twice so the second read is a cache hit.
async fn boards_seen(app: &TestApp, username: &str) -> (Value, Value, Value) {
    let mut seen = None;
    for _ in 0..2 {
        let page = app.get("/v1/leaderboard?board=codeforces", None).await;
        let standing = app
            .get(
                &format!("/v1/leaderboard/{username}?board=codeforces"),
                None,
            )
            .await;
        let digitomize = app.get("/user/leaderboard?platform=codeforces", None).await;
        for reply in [&page, &standing, &digitomize] {
            assert_eq!(reply.status, 200, "{}", reply.body);
        }
        seen = Some((page.body, standing.body, digitomize.body));
    }
    seen.unwrap()
}

#[tokio::test]
async fn cached_leaderboards_show_every_rating_change_rename_and_deletion_at_once() {
    let doubles = PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(&doubles, &[]).await;
    let climber = app.register("climber").await;
    let steady = app.register("steady").await;
    app.link(&climber, "codeforces", "climber").await;
    app.link(&steady, "codeforces", "steady").await;
    let everything = profilehub_jobs::RefreshScope {
        ignore_staleness: true,
        ..Default::default()
    };
    app.refresh_ratings_in(&everything).await;
    let (page, standing, digitomize) = boards_seen(&app, "climber").await;
    // Steady's standing lists climber as a neighbour, with their name.
    let (_, steadys_standing, _) = boards_seen(&app, "steady").await;
    // Served from the cache: a change made behind the service's back (nothing announces
    // it) does not show, which is what proves the second read was a hit.
    let mut db = app.database().await;
    sqlx::query("UPDATE users SET name = 'Behind The Back' WHERE username = 'climber'")
        .execute(&mut db)
        .await
        .unwrap();
    let (cached_page, cached_standing, cached_digitomize) = boards_seen(&app, "steady").await;
    assert_eq!(cached_page, page, "a hit");
    assert_eq!(cached_standing, steadys_standing, "a hit");
    assert_eq!(cached_digitomize, digitomize, "a hit");
    assert_eq!(page["items"][0]["rank"], 1);
    assert_eq!(page["items"][1]["rank"], 1, "tied");
    assert_eq!(standing["rank"], 1);
    assert_eq!(digitomize["total_users"], 2);

    // A rating change (the double now serves another real profile for this handle).
    doubles.set("climber", profilehub_testkit::Behaviour::Alternate);
    app.refresh_ratings_in(&everything).await;
    let (page, standing, digitomize) = boards_seen(&app, "steady").await;
    let alternate = expected::CODEFORCES_ALTERNATE.0 as i64;
    assert_eq!(page["items"][0]["username"], "climber");
    assert_eq!(page["items"][0]["rating"], alternate);
    assert_eq!(page["items"][1]["rank"], 2);
    assert_eq!(standing["rank"], 2);
    assert_eq!(standing["neighbours"]["above"][0]["username"], "climber");
    assert_eq!(digitomize["top3"][0]["codeforces"], alternate);

    // A rename, which changes no rating.
    patch_me(&app, &climber, json!({"username": "summit"})).await;
    let (page, standing, digitomize) = boards_seen(&app, "steady").await;
    assert_eq!(page["items"][0]["username"], "summit");
    assert_eq!(standing["neighbours"]["above"][0]["username"], "summit");
    assert_eq!(digitomize["top3"][0]["username"], "summit");
    app.get("/v1/leaderboard/climber?board=codeforces", None)
        .await
        .assert_error(404, "USER_NOT_FOUND");

    // A deletion.
    let gone = app.delete("/v1/users/me", Some(&climber.access)).await;
    assert_eq!(gone.status, 204, "{}", gone.body);
    let (page, standing, digitomize) = boards_seen(&app, "steady").await;
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
    assert_eq!(
        (standing["rank"].clone(), standing["total"].clone()),
        (1.into(), 1.into())
    );
    assert_eq!(digitomize["total_users"], 1);
}

#[tokio::test]
async fn another_instance_stops_serving_an_old_leaderboard_within_a_second() {
    if postgres_admin_url().is_none() {
        return;
    }
    let doubles = PlatformDoubles::start().await;
    let first = spawn_app_with_doubles(&doubles, &[]).await;
    let second = spawn_another_instance(&first, &[]).await;
    let user = first.register("farclimber").await;
    first.link(&user, "codeforces", "farclimber").await;
    first.refresh_ratings().await;
    listener_connects(&second).await;
    let rating_on_second = async || {
        second
            .get("/v1/leaderboard?board=codeforces", None)
            .await
            .body["items"][0]["rating"]
            .clone()
    };
    assert_eq!(rating_on_second().await, expected::CODEFORCES.0 as i64);
    assert_eq!(
        rating_on_second().await,
        expected::CODEFORCES.0 as i64,
        "cached"
    );

    doubles.set("farclimber", profilehub_testkit::Behaviour::Alternate);
    first
        .refresh_ratings_in(&profilehub_jobs::RefreshScope {
            ignore_staleness: true,
            ..Default::default()
        })
        .await;
    let alternate = json!(expected::CODEFORCES_ALTERNATE.0 as i64);
    assert!(
        until(Duration::from_secs(1), async || rating_on_second().await
            == alternate)
        .await
        .is_some(),
        "the new rating is still unseen on the other instance after 1 s"
    );
}

#[tokio::test]
async fn a_start_that_rebuilds_the_boards_ends_what_running_instances_cached_of_them() {
    if postgres_admin_url().is_none() {
        return;
    }
    let doubles = PlatformDoubles::start().await;
    let first = spawn_app_with_doubles(&doubles, &[]).await;
    let user = first.register("rebuilt").await;
    first.link(&user, "codeforces", "rebuilt").await;
    first.refresh_ratings().await;
    listener_connects(&first).await;
    let rating = async || {
        first
            .get("/v1/leaderboard?board=codeforces", None)
            .await
            .body["items"][0]["rating"]
            .clone()
    };
    let fetched = json!(expected::CODEFORCES.0 as i64);
    assert_eq!(rating().await, fetched);

    // Behind every instance's back: another stored rating, and boards marked as built
    // with other weights, as after an upgrade that changes them.
    let mut db = first.database().await;
    sqlx::query("UPDATE rating_handles SET rating = 1234 WHERE user_id = $1")
        .bind(&user.id)
        .execute(&mut db)
        .await
        .unwrap();
    sqlx::query("UPDATE board_settings SET weights = 'the weights of an older release'")
        .execute(&mut db)
        .await
        .unwrap();
    assert_eq!(rating().await, fetched, "served from the cache");

    // A new instance rebuilds the boards from the stored ratings as it starts.
    let _second = spawn_another_instance(&first, &[]).await;
    assert!(
        until(Duration::from_secs(1), async || rating().await
            == json!(1234))
        .await
        .is_some(),
        "the running instance still serves the boards from before the rebuild after 1 s"
    );
}
