//! The notification inbox and referrals: events notify their recipient once, only the
//! recipient can read or change their notifications, refusals change nothing, and
//! retention keeps inboxes bounded. On SQLite and PostgreSQL.

use profilehub_client::authenticated;
use profilehub_jobs::RefreshScope;
use profilehub_testkit::{Behaviour, PlatformDoubles};
use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser, spawn_app, spawn_app_with, spawn_app_with_doubles};

async fn inbox(app: &TestApp, user: &TestUser, query: &str) -> Value {
    let reply = app
        .get(
            &format!("/v1/user/notifications{query}"),
            Some(&user.access),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body
}

fn ids(inbox: &Value) -> Vec<String> {
    inbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_new_follower_notifies_once_even_after_unfollowing_and_following_again() {
    let app = spawn_app().await;
    let star = app.register("star").await;
    let fan = app.register("fan").await;
    app.follow(&fan, "star").await;
    app.unfollow(&fan, "star").await;
    app.follow(&fan, "star").await;

    let page = inbox(&app, &star, "").await;
    assert_eq!(page["unreadCount"], 1);
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{page}");
    assert_eq!(items[0]["type"], "new_follower");
    assert_eq!(items[0]["actor"]["username"], "fan");
    assert_eq!(items[0]["data"]["username"], "fan");
    assert_eq!(items[0]["readAt"], Value::Null);
    let count = authenticated(&app.base, &star.access)
        .count_unread_notifications()
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!((count.count, count.capped), (1, false));
    // Nobody else was notified.
    assert_eq!(inbox(&app, &fan, "").await["items"], json!([]));
}

#[tokio::test]
async fn the_unread_count_follows_reads_and_answers_only_a_live_session() {
    let app = spawn_app().await;
    let star = app.register("badge").await;
    for fan in ["fan1", "fan2"] {
        let fan = app.register(fan).await;
        app.follow(&fan, "badge").await;
    }
    let count = async || {
        app.get("/v1/user/notifications/unread-count", Some(&star.access))
            .await
    };
    assert_eq!(count().await.body, json!({"count": 2, "capped": false}));
    let newest = ids(&inbox(&app, &star, "").await)[0].clone();
    let read = app
        .post(
            "/v1/user/notifications/read",
            Some(&star.access),
            json!({ "ids": [newest] }),
        )
        .await;
    assert_eq!(read.status, 200, "{}", read.body);
    assert_eq!(count().await.body, json!({"count": 1, "capped": false}));
    let late = app.register("fan3").await;
    app.follow(&late, "badge").await;
    assert_eq!(count().await.body, json!({"count": 2, "capped": false}));
    let dismissed = app
        .delete(
            &format!(
                "/v1/user/notifications/{}",
                ids(&inbox(&app, &star, "").await)[0]
            ),
            Some(&star.access),
        )
        .await;
    assert_eq!(dismissed.status, 204, "{}", dismissed.body);
    assert_eq!(count().await.body, json!({"count": 1, "capped": false}));
    let all = app
        .post(
            "/v1/user/notifications/read",
            Some(&star.access),
            json!({ "all": true }),
        )
        .await;
    assert_eq!(all.status, 200, "{}", all.body);
    assert_eq!(count().await.body, json!({"count": 0, "capped": false}));

    let logout = app
        .post("/v1/auth/logout", Some(&star.access), json!({}))
        .await;
    assert_eq!(logout.status, 204, "{}", logout.body);
    count().await.assert_error(401, "GENERIC_UNAUTHORIZED");
}

#[tokio::test]
async fn only_the_recipient_can_mark_or_dismiss_and_foreign_ids_change_nothing() {
    let app = spawn_app().await;
    let ann = app.register("ann").await;
    let ben = app.register("ben").await;
    let cid = app.register("cid").await;
    let dan = app.register("dan").await;
    app.follow(&ben, "ann").await;
    app.follow(&cid, "ann").await;
    app.follow(&dan, "ann").await;
    app.follow(&ann, "ben").await;
    let anns = ids(&inbox(&app, &ann, "").await); // newest first: dan, cid, ben
    let bens = ids(&inbox(&app, &ben, "").await);
    assert_eq!((anns.len(), bens.len()), (3, 1));

    // Ben tries Ann's notification alongside his own: only his changes.
    let reply = app
        .post(
            "/v1/user/notifications/read",
            Some(&ben.access),
            json!({"ids": [anns[0], bens[0]]}),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["marked"], 1);
    assert_eq!(reply.body["notFound"], json!([anns[0]]));
    assert_eq!(
        inbox(&app, &ann, "").await["unreadCount"],
        3,
        "Ann's are untouched"
    );
    // Idempotent.
    let again = app
        .post(
            "/v1/user/notifications/read",
            Some(&ben.access),
            json!({"ids": [bens[0]]}),
        )
        .await;
    assert_eq!(again.body["marked"], 1);
    assert_eq!(inbox(&app, &ben, "").await["unreadCount"], 0);

    // Up to the middle one: it and the older one are read, the newest is not.
    let reply = app
        .post(
            "/v1/user/notifications/read",
            Some(&ann.access),
            json!({"upTo": anns[1]}),
        )
        .await;
    assert_eq!(reply.body["marked"], 2, "{}", reply.body);
    let unread = inbox(&app, &ann, "?unread=true").await;
    assert_eq!(ids(&unread), [anns[0].clone()]);
    assert_eq!(unread["unreadCount"], 1);

    // Refusals change nothing.
    for bad in [
        json!({}),
        json!({"all": false}),
        json!({"all": true, "ids": [anns[0]]}),
        json!({"ids": []}),
        json!({"ids": ["not-a-uuid"]}),
        json!({"everything": true}),
    ] {
        let reply = app
            .post(
                "/v1/user/notifications/read",
                Some(&ann.access),
                bad.clone(),
            )
            .await;
        assert!(
            reply.status == 422 || reply.status == 400,
            "{bad}: {}",
            reply.body
        );
    }
    assert_eq!(inbox(&app, &ann, "").await["unreadCount"], 1);

    // Dismissing: someone else's is not found and stays; one's own goes.
    let reply = app
        .delete(
            &format!("/v1/user/notifications/{}", anns[2]),
            Some(&ben.access),
        )
        .await;
    reply.assert_error(404, "NOTIFICATION_NOT_FOUND");
    app.delete("/v1/user/notifications/nonsense", Some(&ann.access))
        .await
        .assert_error(422, "MALFORMED_ID");
    assert_eq!(ids(&inbox(&app, &ann, "").await).len(), 3);
    let reply = app
        .delete(
            &format!("/v1/user/notifications/{}", anns[2]),
            Some(&ann.access),
        )
        .await;
    assert_eq!(reply.status, 204);
    assert_eq!(ids(&inbox(&app, &ann, "").await), anns[..2].to_vec());

    // All.
    let reply = app
        .post(
            "/v1/user/notifications/read",
            Some(&ann.access),
            json!({"all": true}),
        )
        .await;
    assert_eq!(reply.body["marked"], 1);
    assert_eq!(inbox(&app, &ann, "").await["unreadCount"], 0);
}

#[tokio::test]
async fn the_inbox_filters_by_type_and_pages_by_cursor_or_by_number() {
    let app = spawn_app().await;
    let host = app.register("host").await;
    for i in 0..5 {
        let guest = app.register(&format!("guest{i}")).await;
        app.follow(&guest, "host").await;
    }
    let page = inbox(&app, &host, "?types=new_follower&limit=2").await;
    assert_eq!(ids(&page).len(), 2);
    let cursor = page["nextCursor"].as_str().unwrap().to_string();
    let next = inbox(
        &app,
        &host,
        &format!("?types=new_follower&limit=2&cursor={cursor}"),
    )
    .await;
    assert_eq!(ids(&next).len(), 2);
    // The cursor is bound to its filters.
    app.get(
        &format!("/v1/user/notifications?limit=2&cursor={cursor}"),
        Some(&host.access),
    )
    .await
    .assert_error(400, "INVALID_CURSOR");
    assert_eq!(
        inbox(&app, &host, "?types=rating_changed").await["items"],
        json!([])
    );
    app.get("/v1/user/notifications?types=gossip", Some(&host.access))
        .await
        .assert_error(400, "BAD_REQUEST");

    // XBorg's way: page numbers, with page, limit and total.
    let numbered = inbox(&app, &host, "?page=2&limit=2").await;
    assert_eq!(numbered["page"], 2);
    assert_eq!(numbered["limit"], 2);
    assert_eq!(numbered["total"], 5);
    assert_eq!(ids(&numbered), ids(&next));
    let last = inbox(&app, &host, "?page=3&limit=2").await;
    assert_eq!(ids(&last).len(), 1);
    app.get("/v1/user/notifications?page=0", Some(&host.access))
        .await
        .assert_error(400, "BAD_REQUEST");
    app.get("/v1/user/notifications", None)
        .await
        .assert_error(401, "GENERIC_UNAUTHORIZED");
}

#[tokio::test]
async fn a_changed_rating_and_an_unknown_handle_notify_once_each() {
    let doubles = PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(&doubles, &[]).await;
    let coder = app.register("coder").await;
    app.link(&coder, "codeforces", "DmitriyH").await;
    app.link(&coder, "atcoder", "nosuchcoder").await;
    doubles.set("nosuchcoder", Behaviour::NotFound);
    app.refresh_ratings().await;
    // The first fetch is not a change; the unknown handle is news.
    let page = inbox(&app, &coder, "").await;
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{page}");
    assert_eq!(items[0]["type"], "handle_not_found");
    assert_eq!(
        items[0]["data"],
        json!({"platform": "atcoder", "handle": "nosuchcoder"})
    );

    // The platform now reports another rating: one notification, old → new.
    doubles.set("DmitriyH", Behaviour::Alternate);
    let all = RefreshScope {
        ignore_staleness: true,
        ..RefreshScope::default()
    };
    app.refresh_ratings_in(&all).await;
    let page = inbox(&app, &coder, "?types=rating_changed").await;
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{page}");
    let data = &items[0]["data"];
    assert_eq!(data["platform"], "codeforces");
    assert_eq!(data["handle"], "DmitriyH");
    assert_ne!(data["oldRating"], data["newRating"]);

    // Refreshing again learns nothing new, so notifies nothing.
    app.refresh_ratings_in(&all).await;
    assert_eq!(
        inbox(&app, &coder, "").await["items"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[tokio::test]
async fn a_referral_code_names_the_referrer_who_is_notified_and_lists_the_newcomer() {
    let app = spawn_app().await;
    let host = app.register("hostess").await;
    let me = app.me(&host.access).await;
    let code = me.body["referralCode"].as_str().unwrap().to_string();
    assert_eq!(code.len(), 10);
    assert_ne!(code.to_lowercase(), "hostess");

    let joined = app
        .post(
            "/v1/auth/register",
            None,
            json!({"username": "newbie", "email": "newbie@example.com",
                   "password": "a long enough password", "referralCode": code.to_lowercase()}),
        )
        .await;
    assert_eq!(joined.status, 201, "{}", joined.body);
    let page = inbox(&app, &host, "").await;
    assert_eq!(page["items"][0]["type"], "referral_joined");
    assert_eq!(page["items"][0]["actor"]["username"], "newbie");

    let referrals = authenticated(&app.base, &host.access)
        .list_referrals()
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!(referrals.total, 1);
    assert_eq!(referrals.items[0].username, "newbie");
    assert!(!referrals.items[0].email_verified);
    let numbered = app
        .get("/v1/user/referrals?page=1&limit=5", Some(&host.access))
        .await;
    assert_eq!(numbered.body["page"], 1);
    assert_eq!(numbered.body["total"], 1);

    // An unknown code, or a code and a handle naming different users: refused, no account.
    let other = app.register("other").await;
    for body in [
        json!({"username": "ghosted", "email": "ghosted@example.com",
               "password": "a long enough password", "referralCode": "ZZZZZZZZZZ"}),
        json!({"username": "ghosted", "email": "ghosted@example.com",
               "password": "a long enough password", "referralCode": code,
               "referrerHandle": "other"}),
    ] {
        let reply = app.post("/v1/auth/register", None, body).await;
        assert_eq!(reply.status, 422, "{}", reply.body);
    }
    assert_eq!(
        app.get("/v1/profiles/ghosted", None).await.status,
        404,
        "nothing was created"
    );
    let others = app.get("/v1/user/referrals", Some(&other.access)).await;
    assert_eq!(others.body["total"], 0);
}

#[tokio::test]
async fn maintenance_keeps_the_newest_notifications_and_drops_dead_sessions() {
    let app = spawn_app_with(&[
        "--notifications-per-user",
        "3",
        "--revoked-session-retention",
        "0s",
    ])
    .await;
    let star = app.register("celebrity").await;
    for i in 0..5 {
        let fan = app.register(&format!("admirer{i}")).await;
        app.follow(&fan, "celebrity").await;
    }
    let before = ids(&inbox(&app, &star, "").await);
    let leaver = app.register("leaver").await;
    let logout = app
        .post("/v1/auth/logout", Some(&leaver.access), json!({}))
        .await;
    assert_eq!(logout.status, 204);

    // Retention 0s keeps a revoked session until the clock moves past its revocation.
    tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    let pruned = app.state.notifications.prune().await.unwrap();
    assert_eq!(pruned.notifications, 2);
    assert!(pruned.sessions >= 1, "{pruned:?}");
    assert_eq!(ids(&inbox(&app, &star, "").await), before[..3].to_vec());
    // The removed session's refresh token is refused like any unknown one.
    let reply = app
        .post(
            "/v1/auth/refresh",
            None,
            json!({"refreshToken": leaver.refresh}),
        )
        .await;
    reply.assert_error(401, "GENERIC_UNAUTHORIZED");
    // Live sessions are untouched.
    assert_eq!(app.me(&star.access).await.status, 200);
}
