//! Item lists on a profile, through the generated Rust SDK: adding twice keeps one item,
//! refusals change nothing, lists page newest first, their owner may hide them, and the
//! profile's counts follow at once. On SQLite and PostgreSQL.

use profilehub_client::{Error, authenticated, types};
use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser, spawn_app, spawn_app_with};

async fn put(app: &TestApp, user: &TestUser, list: &str, item: &str, name: &str) -> u16 {
    app.request(
        reqwest::Method::PUT,
        &format!("/v1/users/me/lists/{list}/items/{item}"),
        Some(&user.access),
        Some(json!({ "name": name })),
    )
    .await
    .status
    .as_u16()
}

async fn items(app: &TestApp, username: &str, list: &str) -> Value {
    let reply = app
        .get(&format!("/v1/profiles/{username}/lists/{list}"), None)
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body
}

fn names(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap().to_string())
        .collect()
}

async fn counts(app: &TestApp, username: &str) -> Value {
    app.get(&format!("/v1/profiles/{username}"), None)
        .await
        .body["listCounts"]
        .clone()
}

#[tokio::test]
async fn adding_twice_keeps_one_item_with_the_new_name_and_removing_is_idempotent() {
    let app = spawn_app().await;
    let gamer = app.register("gamer").await;
    let sdk = authenticated(&app.base, &gamer.access);
    assert_eq!(counts(&app, "gamer").await["played"], 0); // cached now

    let first = sdk
        .put_list_item()
        .list(types::ListName::Played)
        .item("igdb:1942")
        .body(types::ListItemRequest {
            name: "Witcher 3".parse().unwrap(),
        })
        .send()
        .await
        .expect("added")
        .into_inner();
    let again = sdk
        .put_list_item()
        .list(types::ListName::Played)
        .item("igdb:1942")
        .body(types::ListItemRequest {
            name: "The Witcher 3: Wild Hunt".parse().unwrap(),
        })
        .send()
        .await
        .expect("added again")
        .into_inner();
    assert_eq!(
        again.added_at, first.added_at,
        "re-adding keeps the first time"
    );
    assert_eq!(
        put(&app, &gamer, "played", "igdb:72", "Portal 2").await,
        200
    );
    let page = items(&app, "gamer", "played").await;
    assert_eq!(names(&page), ["Portal 2", "The Witcher 3: Wild Hunt"]);
    assert_eq!(page["hidden"], false);
    assert_eq!(
        counts(&app, "gamer").await["played"],
        2,
        "the cached profile follows"
    );

    for _ in 0..2 {
        sdk.remove_list_item()
            .list(types::ListName::Played)
            .item("igdb:1942")
            .send()
            .await
            .expect("removed, twice");
    }
    assert_eq!(names(&items(&app, "gamer", "played").await), ["Portal 2"]);
    assert_eq!(counts(&app, "gamer").await["played"], 1);
}

#[tokio::test]
async fn bad_lists_items_and_names_are_refused_and_change_nothing() {
    let app = spawn_app().await;
    let picky = app.register("picky").await;
    assert_eq!(put(&app, &picky, "liked", "igdb:1", "Kept").await, 200);
    let long_name = "x".repeat(201);
    for (list, item, name, status) in [
        ("watched", "igdb:1", "A", 400),
        ("liked", "no-colon", "A", 422),
        ("liked", "IGDB:1", "A", 422),
        ("liked", "igdb:a%2Fb", "A", 422),
        ("liked", "igdb:2", "   ", 422),
        ("liked", "igdb:2", long_name.as_str(), 422),
    ] {
        assert_eq!(
            put(&app, &picky, list, item, name).await,
            status,
            "{list} {item} {name:.10}"
        );
    }
    let reply = app
        .request(
            reqwest::Method::PUT,
            "/v1/users/me/lists/liked/items/igdb:3",
            Some(&picky.access),
            Some(json!({"name": "A", "addedAt": "2020-01-01T00:00:00Z"})),
        )
        .await;
    reply.assert_error(422, "VALIDATION_FAILED");
    app.get("/v1/profiles/picky/lists/watched", None)
        .await
        .assert_error(400, "BAD_REQUEST");
    let anonymous = app
        .request(
            reqwest::Method::PUT,
            "/v1/users/me/lists/liked/items/igdb:9",
            None,
            Some(json!({"name": "A"})),
        )
        .await;
    anonymous.assert_error(401, "GENERIC_UNAUTHORIZED");
    assert_eq!(names(&items(&app, "picky", "liked").await), ["Kept"]);
    assert_eq!(counts(&app, "picky").await["liked"], 1);
}

#[tokio::test]
async fn a_full_list_refuses_new_items_but_still_renames_old_ones() {
    let app = spawn_app_with(&["--list-max-items", "2"]).await;
    let hoarder = app.register("hoarder").await;
    assert_eq!(put(&app, &hoarder, "backlog", "igdb:1", "One").await, 200);
    assert_eq!(put(&app, &hoarder, "backlog", "igdb:2", "Two").await, 200);
    let result = authenticated(&app.base, &hoarder.access)
        .put_list_item()
        .list(types::ListName::Backlog)
        .item("igdb:3")
        .body(types::ListItemRequest {
            name: "Three".parse().unwrap(),
        })
        .send()
        .await;
    match result {
        Err(Error::ErrorResponse(body)) => assert_eq!(body.code.to_string(), "LIST_FULL"),
        other => panic!("expected LIST_FULL, got {other:?}"),
    }
    assert_eq!(
        put(&app, &hoarder, "backlog", "igdb:2", "Two, renamed").await,
        200
    );
    assert_eq!(
        put(&app, &hoarder, "wishlist", "igdb:3", "Other list").await,
        200
    );
    assert_eq!(
        names(&items(&app, "hoarder", "backlog").await),
        ["Two, renamed", "One"]
    );
}

#[tokio::test]
async fn lists_page_newest_first_and_their_owner_can_hide_them() {
    let app = spawn_app().await;
    let owner = app.register("shy").await;
    for i in 0..5 {
        assert_eq!(
            put(
                &app,
                &owner,
                "favorites",
                &format!("igdb:{i}"),
                &format!("Game {i}")
            )
            .await,
            200
        );
    }
    let first = app
        .get("/v1/profiles/shy/lists/favorites?limit=3", None)
        .await;
    assert_eq!(names(&first.body), ["Game 4", "Game 3", "Game 2"]);
    let cursor = first.body["nextCursor"].as_str().unwrap();
    let rest = app
        .get(
            &format!("/v1/profiles/shy/lists/favorites?limit=3&cursor={cursor}"),
            None,
        )
        .await;
    assert_eq!(names(&rest.body), ["Game 1", "Game 0"]);
    assert_eq!(rest.body["nextCursor"], Value::Null);
    app.get(
        &format!("/v1/profiles/shy/lists/played?cursor={cursor}"),
        None,
    )
    .await
    .assert_error(400, "INVALID_CURSOR");

    let hidden = app
        .patch(
            "/v1/users/me",
            Some(&owner.access),
            json!({"visibility": {"lists": false}}),
        )
        .await;
    assert_eq!(hidden.status, 200, "{}", hidden.body);
    assert_eq!(hidden.body["visibility"]["lists"], false);
    let seen = items(&app, "shy", "favorites").await;
    assert_eq!(seen["items"], json!([]));
    assert_eq!(seen["hidden"], true);
    assert_eq!(counts(&app, "shy").await, Value::Null, "counts hide too");
    let mine = app
        .get("/v1/profiles/shy/lists/favorites", Some(&owner.access))
        .await;
    assert_eq!(names(&mine.body).len(), 5, "the owner still sees them");
    assert_eq!(mine.body["hidden"], false);
}
