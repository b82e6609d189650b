//! Digitomize's `GET /user/profile/{username}`, rebuilt from its documented example.

use profilehub_jobs::{FetchOutcome, Platform, RatingSnapshot, RefreshScope};
use serde_json::{Value, json};

use crate::helpers::spawn_app;

/// The example response in Digitomize's API documentation
/// (`shared/reference/digitomize-users.md`).
fn documented_example() -> Value {
    json!({
        "personal_data": {
            "username": "priyanshutrivedi818",
            "name": "Priyanshu Trivedi",
            "picture": "https://lh3.googleusercontent.com/a/ACg8ocKHINLEGHdSrFO_D1TqPMqX3UhLKuYfYKNCN5QCiU-3=s96-c",
            "email_verified": true,
            "email": "priyanshutrivedi818@gmail.com",
            "bio": null,
            "dateOfBirth": null,
            "phoneNumber": null,
            "role": 1,
            "skills": []
        },
        "github": {"data": null},
        "social": {"linkedin": null, "instagram": null, "twitter": null},
        "ratings": {
            "digitomize_rating": 1667,
            "codechef": {
                "username": "priyanshu_triv",
                "rating": 2005,
                "attendedContestsCount": 53,
                "badge": "5 star",
                "fetchTime": 1703946843104_i64
            },
            "leetcode": {
                "username": "priyanshu_triv",
                "rating": 2060,
                "attendedContestsCount": 28,
                "badge": "Knight",
                "fetchTime": 1703946843104_i64
            },
            "codeforces": {
                "username": null,
                "rating": 1667,
                "attendedContestsCount": null,
                "badge": null,
                "fetchTime": 1703946843104_i64
            }
        }
    })
}

#[tokio::test]
async fn the_documented_digitomize_example_is_reproduced() {
    let app = spawn_app().await;
    let reply = app
        .post(
            "/v1/auth/register",
            None,
            json!({"username": "priyanshutrivedi818", "email": "priyanshutrivedi818@gmail.com",
                   "password": "digitomize rocks", "name": "Priyanshu Trivedi"}),
        )
        .await;
    let token = reply.body["tokens"]["accessToken"]
        .as_str()
        .unwrap()
        .to_string();
    let user_id = uuid::Uuid::parse_str(reply.body["user"]["id"].as_str().unwrap()).unwrap();
    app.patch(
        "/v1/users/me",
        Some(&token),
        json!({
            "pictureUrl": "https://lh3.googleusercontent.com/a/ACg8ocKHINLEGHdSrFO_D1TqPMqX3UhLKuYfYKNCN5QCiU-3=s96-c",
            "visibility": {"email": true}
        }),
    )
    .await;
    app.state
        .users
        .set_email_verified(user_id, true)
        .await
        .unwrap();
    for (platform, handle) in [
        ("codechef", "priyanshu_triv"),
        ("leetcode", "priyanshu_triv"),
        ("codeforces", "priyanshu_cf"),
    ] {
        let linked = app
            .request(
                reqwest::Method::PUT,
                &format!("/v1/users/me/handles/{platform}"),
                Some(&token),
                Some(json!({"handle": handle})),
            )
            .await;
        assert_eq!(linked.status, 200, "{}", linked.body);
    }

    // Record the documented values through the refresher's own port onto our database.
    let rating_store = app.state.ratings.rating_store();
    let scope = RefreshScope::default();
    let mut results = Vec::new();
    for (platform, snapshot) in [
        (
            Platform::Codechef,
            RatingSnapshot {
                contests: None,
                rating: 2005.0,
                max_rating: None,
                attended_contests: Some(53),
                badge: Some("5 star".into()),
            },
        ),
        (
            Platform::Leetcode,
            RatingSnapshot {
                contests: None,
                rating: 2060.0,
                max_rating: None,
                attended_contests: Some(28),
                badge: Some("Knight".into()),
            },
        ),
        (
            Platform::Codeforces,
            RatingSnapshot {
                contests: None,
                rating: 1667.0,
                max_rating: None,
                attended_contests: None,
                badge: None,
            },
        ),
    ] {
        let claimed = rating_store.claim_due(platform, &scope, 10).await.unwrap();
        assert_eq!(claimed.len(), 1);
        results.push((claimed[0].clone(), FetchOutcome::Rated(snapshot)));
    }
    let before = chrono::Utc::now().timestamp_millis();
    rating_store.record(&results).await.unwrap();
    let after = chrono::Utc::now().timestamp_millis();

    let reply = app.get("/user/profile/priyanshutrivedi818", None).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let mut expected = documented_example();
    // `fetchTime` is when *we* fetched (epoch ms), not when Digitomize did.
    for platform in ["codechef", "leetcode", "codeforces"] {
        let fetched = reply.body["ratings"][platform]["fetchTime"]
            .as_i64()
            .unwrap();
        assert!((before..=after).contains(&fetched), "{platform}: {fetched}");
        expected["ratings"][platform]["fetchTime"] = json!(fetched);
    }
    // The one deliberate difference: Digitomize's example shows a Codeforces rating with a
    // `null` username (its stored data had lost the handle). profilehub never shows a rating
    // without the handle it belongs to.
    expected["ratings"]["codeforces"]["username"] = json!("priyanshu_cf");
    assert_eq!(reply.body, expected);
}

#[tokio::test]
async fn private_fields_are_null_unless_visible_and_unlinked_platforms_are_all_null() {
    let app = spawn_app().await;
    let user = app.register("quiet").await;
    app.patch(
        "/v1/users/me",
        Some(&user.access),
        json!({"phoneNumber": "+1 555 0100", "dateOfBirth": "1999-09-09", "skills": ["Rust"],
               "social": {"linkedin": "https://linkedin.com/in/quiet"}}),
    )
    .await;
    let body = app.get("/user/profile/QUIET", None).await.body;
    let personal = &body["personal_data"];
    assert_eq!(personal["email"], Value::Null);
    assert_eq!(personal["phoneNumber"], Value::Null);
    assert_eq!(personal["dateOfBirth"], Value::Null);
    assert_eq!(personal["email_verified"], false);
    assert_eq!(personal["skills"], json!(["Rust"]));
    assert_eq!(body["social"]["linkedin"], "https://linkedin.com/in/quiet");
    assert_eq!(body["ratings"]["digitomize_rating"], 0);
    let empty = json!({"username": null, "rating": null, "attendedContestsCount": null, "badge": null, "fetchTime": null});
    for platform in ["codechef", "leetcode", "codeforces"] {
        assert_eq!(body["ratings"][platform], empty, "{platform}");
    }

    app.patch(
        "/v1/users/me",
        Some(&user.access),
        json!({"visibility": {"phoneNumber": true, "dateOfBirth": true}}),
    )
    .await;
    let body = app.get("/user/profile/quiet", None).await.body;
    assert_eq!(body["personal_data"]["phoneNumber"], "+1 555 0100");
    assert_eq!(body["personal_data"]["dateOfBirth"], "1999-09-09");
}

#[tokio::test]
async fn an_unknown_user_gets_digitomizes_exact_404() {
    let app = spawn_app().await;
    let reply = app.get("/user/profile/nobody", None).await;
    assert_eq!(reply.status, 404);
    assert_eq!(
        reply.body,
        json!({"message": "User not found", "error": "User not found"})
    );
    let odd = app.get("/user/profile/not%20valid", None).await;
    assert_eq!(odd.status, 404);
}
