//! Leaderboards, through the generated Rust SDK (Digitomize's through raw JSON, compared
//! key by key): competition ranks with ties, ranks that follow rating changes, unlinks,
//! failed fetches and deleted accounts, pages by cursor, the following scope, a user's
//! standing, and Digitomize's page-numbered board. On SQLite and PostgreSQL.

use std::collections::BTreeMap;

use profilehub_client::{Client, authenticated, types};
use profilehub_jobs::RefreshScope;
use profilehub_testkit::{Behaviour, PlatformDoubles, expected};
use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser, spawn_app_with_doubles};

const CF: i64 = expected::CODEFORCES.0 as i64;
const CF_ALTERNATE: i64 = expected::CODEFORCES_ALTERNATE.0 as i64;
const BOARDS: [types::BoardName; 5] = [
    types::BoardName::Aggregate,
    types::BoardName::Codeforces,
    types::BoardName::Codechef,
    types::BoardName::Leetcode,
    types::BoardName::Atcoder,
];

/// Every row of `board` (paging through it `limit` rows at a time): (username, rank,
/// rating).
async fn board(
    client: &Client,
    board: types::BoardName,
    scope: Option<types::ListLeaderboardScope>,
    limit: u32,
) -> Vec<(String, u64, i64)> {
    let mut rows = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut call = client
            .list_leaderboard()
            .board(board)
            .limit(std::num::NonZeroU32::new(limit).expect("a positive limit"));
        if let Some(scope) = scope {
            call = call.scope(scope);
        }
        if let Some(cursor) = &cursor {
            call = call.cursor(cursor.clone());
        }
        let page = call.send().await.expect("a page").into_inner();
        assert!(page.items.len() <= limit as usize);
        rows.extend(
            page.items
                .into_iter()
                .map(|row| (row.username, row.rank, row.rating)),
        );
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => return rows,
        }
    }
}

/// Competition ranks computed the slow way, from every rating: one more than the number
/// of users rated strictly higher.
fn expected_ranks(rows: &[(String, u64, i64)]) -> BTreeMap<String, u64> {
    rows.iter()
        .map(|(name, _, rating)| {
            let above = rows.iter().filter(|(_, _, r)| r > rating).count() as u64;
            (name.clone(), above + 1)
        })
        .collect()
}

async fn refresh_everything(app: &TestApp) {
    app.refresh_ratings_in(&RefreshScope {
        ignore_staleness: true,
        ..RefreshScope::default()
    })
    .await;
}

/// Registers `name` with a Codeforces handle of the same name.
async fn coder(app: &TestApp, name: &str) -> TestUser {
    let user = app.register(name).await;
    assert_eq!(app.link(&user, "codeforces", name).await.status, 200);
    user
}

#[tokio::test]
async fn ranks_share_ties_and_follow_rating_changes_unlinks_failures_and_deletions() {
    let doubles = PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(&doubles, &[]).await;
    let mut users = BTreeMap::new();
    for name in ["ann", "bob", "cid", "dan", "eve"] {
        users.insert(name, coder(&app, name).await);
    }
    doubles.set("bob", Behaviour::Alternate);
    doubles.set("eve", Behaviour::NotFound);
    refresh_everything(&app).await;
    let client = Client::new(&app.base);

    let rows = board(&client, types::BoardName::Codeforces, None, 2).await;
    let ranked: BTreeMap<String, (u64, i64)> = rows
        .iter()
        .map(|(name, rank, rating)| (name.clone(), (*rank, *rating)))
        .collect();
    assert_eq!(
        ranked,
        BTreeMap::from([
            ("bob".into(), (1, CF_ALTERNATE)),
            ("ann".into(), (2, CF)),
            ("cid".into(), (2, CF)),
            ("dan".into(), (2, CF)),
        ]),
        "1222, and eve (not found) is not on the board"
    );
    assert_eq!(rows[0].0, "bob", "best first");

    // Ann's rating rises to Bob's, Dan's account turns out unrated, Cid unlinks.
    doubles.set("ann", Behaviour::Alternate);
    doubles.set("dan", Behaviour::Unrated);
    refresh_everything(&app).await;
    assert_eq!(
        app.delete(
            "/v1/users/me/handles/codeforces",
            Some(&users["cid"].access)
        )
        .await
        .status,
        204
    );
    let rows = board(&client, types::BoardName::Codeforces, None, 1).await;
    let names: Vec<(&str, u64)> = rows.iter().map(|(n, r, _)| (n.as_str(), *r)).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.iter().all(|(_, rank)| *rank == 1), "{names:?}");

    // Deleting an account takes it off every board, and the others' ranks follow.
    doubles.set("ann", Behaviour::Rated);
    refresh_everything(&app).await;
    assert_eq!(
        app.delete("/v1/users/me", Some(&users["bob"].access))
            .await
            .status,
        204
    );
    let rows = board(&client, types::BoardName::Codeforces, None, 20).await;
    assert_eq!(rows, vec![("ann".to_string(), 1, CF)]);
    let standing = client
        .get_leaderboard_standing()
        .username("ANN")
        .board(types::BoardName::Codeforces)
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!((standing.rank, standing.total), (1, 1));
}

#[tokio::test]
async fn every_board_agrees_with_the_profiles_and_counts_ranks_exactly() {
    let doubles = PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(&doubles, &[]).await;
    let names = ["pl1", "pl2", "pl3", "pl4", "pl5", "pl6", "pl7"];
    for (i, name) in names.iter().enumerate() {
        let user = app.register(name).await;
        // A mix of platforms, so that aggregates differ and tie.
        for platform in ["codeforces", "codechef", "leetcode", "atcoder"]
            .iter()
            .take(1 + i % 4)
        {
            assert_eq!(app.link(&user, platform, name).await.status, 200);
        }
        if i % 3 == 0 {
            doubles.set(name, Behaviour::Alternate);
        }
    }
    refresh_everything(&app).await;
    let client = Client::new(&app.base);
    for board_name in BOARDS {
        let rows = board(&client, board_name, None, 3).await;
        let ranks: BTreeMap<String, u64> =
            rows.iter().map(|(n, rank, _)| (n.clone(), *rank)).collect();
        assert_eq!(ranks, expected_ranks(&rows), "{board_name:?}");
        let ratings: Vec<i64> = rows.iter().map(|(_, _, r)| *r).collect();
        assert!(
            ratings.windows(2).all(|w| w[0] >= w[1]),
            "{board_name:?}: best first"
        );
        for (name, rank, rating) in &rows {
            let standing = client
                .get_leaderboard_standing()
                .username(name)
                .board(board_name)
                .send()
                .await
                .unwrap()
                .into_inner();
            assert_eq!((standing.rank, standing.rating), (*rank, *rating));
            assert_eq!(standing.total, rows.len() as u64);
            let profile = app.get(&format!("/v1/profiles/{name}"), None).await.body;
            if board_name == types::BoardName::Aggregate {
                assert_eq!(
                    profile["ratings"]["aggregateRating"],
                    json!(rating),
                    "{name}"
                );
            }
        }
    }
    // Everyone with a rating is on the aggregate board.
    assert_eq!(
        board(&client, types::BoardName::Aggregate, None, 100)
            .await
            .len(),
        names.len()
    );
}

#[tokio::test]
async fn a_standing_shows_two_neighbours_each_side_and_the_percentile() {
    let doubles = PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(&doubles, &[]).await;
    for name in ["nb1", "nb2", "nb3", "nb4", "nb5", "nb6"] {
        coder(&app, name).await;
    }
    doubles.set("nb1", Behaviour::Alternate);
    refresh_everything(&app).await;
    let client = Client::new(&app.base);
    let rows = board(&client, types::BoardName::Codeforces, None, 100).await;
    let middle = &rows[2].0;
    let standing = client
        .get_leaderboard_standing()
        .username(middle)
        .board(types::BoardName::Codeforces)
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!(standing.board, types::BoardName::Codeforces);
    assert_eq!((standing.rank, standing.total), (2, 6));
    assert_eq!(standing.percentile, 83.3, "5 of 6 ranked at or below");
    let around: Vec<&str> = standing
        .neighbours
        .above
        .iter()
        .chain(&standing.neighbours.below)
        .map(|row| row.username.as_str())
        .collect();
    let expected: Vec<&str> = [&rows[0], &rows[1], &rows[3], &rows[4]]
        .iter()
        .map(|row| row.0.as_str())
        .collect();
    assert_eq!(around, expected, "two above and two below, in board order");
    assert_eq!(standing.neighbours.above[0].rank, 1);

    let leader = client
        .get_leaderboard_standing()
        .username("nb1")
        .board(types::BoardName::Codeforces)
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!((leader.rank, leader.percentile), (1, 100.0));
    assert!(leader.neighbours.above.is_empty());
    assert_eq!(leader.neighbours.below.len(), 2);
}

#[tokio::test]
async fn the_following_scope_ranks_the_caller_among_the_people_they_follow() {
    let doubles = PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(&doubles, &[]).await;
    let me = coder(&app, "me_me").await;
    for name in ["friend", "stranger", "rival"] {
        coder(&app, name).await;
    }
    doubles.set("stranger", Behaviour::Alternate);
    doubles.set("rival", Behaviour::Alternate);
    refresh_everything(&app).await;
    app.follow(&me, "friend").await;
    app.follow(&me, "rival").await;
    let my_board = async || {
        board(
            &authenticated(&app.base, &me.access),
            types::BoardName::Codeforces,
            Some(types::ListLeaderboardScope::Following),
            20,
        )
        .await
    };

    let mine = my_board().await;
    assert_eq!(
        mine,
        vec![
            ("rival".to_string(), 1, CF_ALTERNATE),
            // Equal ratings: the order is stable, the rank shared.
            (mine[1].0.clone(), 2, CF),
            (mine[2].0.clone(), 2, CF),
        ]
    );
    let tied: Vec<&str> = mine[1..].iter().map(|r| r.0.as_str()).collect();
    assert!(
        tied.contains(&"me_me") && tied.contains(&"friend"),
        "{tied:?}"
    );

    // Following and unfollowing show on the next read, though the caller's pages are
    // cached.
    app.unfollow(&me, "rival").await;
    app.follow(&me, "stranger").await;
    let mine = my_board().await;
    let names: Vec<&str> = mine.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(names[0], "stranger", "{mine:?}");
    assert_eq!(mine.len(), 3, "rival is gone: {mine:?}");
    assert!(!names.contains(&"rival"), "{mine:?}");

    // Without a token the scope cannot be known.
    let anonymous = app
        .get("/v1/leaderboard?board=codeforces&scope=following", None)
        .await;
    anonymous.assert_error(401, "GENERIC_UNAUTHORIZED");
}

#[tokio::test]
async fn bad_boards_scopes_cursors_and_unknown_users_get_precise_errors() {
    let doubles = PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(&doubles, &[]).await;
    coder(&app, "solo").await;
    refresh_everything(&app).await;
    app.get("/v1/leaderboard?board=topcoder", None)
        .await
        .assert_error(400, "BAD_REQUEST");
    app.get("/v1/leaderboard?scope=friends", None)
        .await
        .assert_error(400, "BAD_REQUEST");
    app.get("/v1/leaderboard?cursor=forged", None)
        .await
        .assert_error(400, "INVALID_CURSOR");
    app.get("/v1/leaderboard/nobody", None)
        .await
        .assert_error(404, "USER_NOT_FOUND");
    app.get("/v1/leaderboard/solo?board=atcoder", None)
        .await
        .assert_error(404, "NOT_RANKED");
    // A cursor from one board does not page another.
    let first = app
        .get("/v1/leaderboard?board=codeforces&limit=1", None)
        .await;
    assert_eq!(first.status, 200, "{}", first.body);
}

// ---------------------------------------------------------------------------------------
// Digitomize's leaderboard.

/// The keys of a Digitomize leaderboard row.
const ROW_KEYS: [&str; 8] = [
    "codechef",
    "codeforces",
    "digitomize_rating",
    "leetcode",
    "name",
    "picture",
    "platform_rating",
    "username",
];

fn keys(value: &Value) -> Vec<String> {
    let mut keys: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    keys
}

#[tokio::test]
async fn digitomizes_leaderboard_keeps_its_shape_and_paging_with_the_position_fixed() {
    let doubles = PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(&doubles, &[]).await;
    // Eleven coders: the top three, then pages of five (two pages: 5 + 3).
    let names: Vec<String> = (0..11).map(|i| format!("dg{i:02}")).collect();
    for name in &names {
        coder(&app, name).await;
    }
    doubles.set("dg07", Behaviour::Alternate);
    refresh_everything(&app).await;

    let page1 = app.get("/user/leaderboard?platform=codeforces", None).await;
    assert_eq!(page1.status, 200, "{}", page1.body);
    assert_eq!(
        keys(&page1.body),
        [
            "current_page",
            "leaderboard",
            "top3",
            "total_pages",
            "total_users",
            "users_in_page"
        ]
    );
    let body = &page1.body;
    assert_eq!(
        (
            &body["total_users"],
            &body["total_pages"],
            &body["current_page"],
            &body["users_in_page"]
        ),
        (&json!(11), &json!(2), &json!(1), &json!(5))
    );
    let top3 = body["top3"].as_array().unwrap();
    assert_eq!(top3.len(), 3);
    for row in top3.iter().chain(body["leaderboard"].as_array().unwrap()) {
        assert_eq!(keys(row), ROW_KEYS);
        assert_eq!(row["platform_rating"], row["codeforces"]);
        assert_eq!(row["codechef"], Value::Null);
    }
    // The best first, then ties by username: dg00, dg01, … without dg07.
    assert_eq!(top3[0]["username"], "dg07");
    assert_eq!(top3[0]["platform_rating"], CF_ALTERNATE);
    let order: Vec<&str> = top3
        .iter()
        .chain(body["leaderboard"].as_array().unwrap())
        .map(|row| row["username"].as_str().unwrap())
        .collect();
    assert_eq!(
        order,
        [
            "dg07", "dg00", "dg01", "dg02", "dg03", "dg04", "dg05", "dg06"
        ]
    );

    let page2 = app
        .get("/user/leaderboard?platform=codeforces&page=2", None)
        .await;
    let rows: Vec<&str> = page2.body["leaderboard"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["username"].as_str().unwrap())
        .collect();
    assert_eq!(rows, ["dg08", "dg09", "dg10"]);
    assert_eq!(page2.body["users_in_page"], 3);
    assert_eq!(page2.body["top3"], page1.body["top3"], "on every page");

    // The global board has no platform rating.
    let global = app.get("/user/leaderboard", None).await;
    assert_eq!(global.body["top3"][0]["platform_rating"], Value::Null);
    assert_eq!(global.body["top3"][0]["digitomize_rating"], CF_ALTERNATE);

    // A position past the first page is the global rank (Digitomize's was wrong there).
    let position = app
        .get("/user/leaderboard?platform=codeforces&username=dg09", None)
        .await;
    assert_eq!(position.status, 200, "{}", position.body);
    assert_eq!(keys(&position.body), ["ratings", "user_position"]);
    assert_eq!(position.body["user_position"], 2, "tied with every 1709");
    assert_eq!(
        keys(&position.body["ratings"]),
        [
            "codechef",
            "codeforces",
            "digitomize_rating",
            "leetcode",
            "platform_rating"
        ]
    );
    assert_eq!(position.body["ratings"]["platform_rating"], CF);
}

#[tokio::test]
async fn digitomizes_leaderboard_refuses_what_it_does_not_know_in_its_own_error_shape() {
    let doubles = PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(&doubles, &[]).await;
    coder(&app, "only").await;
    refresh_everything(&app).await;
    for (query, status, message) in [
        ("platform=atcoder", 400, "Invalid platform"),
        ("platform=CODEFORCES", 400, "Invalid platform"),
        ("page=0", 400, "Invalid page"),
        ("page=two", 400, "Invalid page"),
        ("username=ghost", 404, "User not found"),
        (
            "platform=codechef&username=only",
            404,
            "User not on the leaderboard",
        ),
    ] {
        let reply = app.get(&format!("/user/leaderboard?{query}"), None).await;
        assert_eq!(reply.status, status, "{query}: {}", reply.body);
        assert_eq!(
            reply.body,
            json!({"message": message, "error": message}),
            "{query}"
        );
    }
    let beyond = app.get("/user/leaderboard?page=9", None).await;
    assert_eq!(beyond.status, 200);
    assert_eq!(beyond.body["leaderboard"], json!([]));
    assert_eq!(beyond.body["total_users"], 1);
}

// ---------------------------------------------------------------------------------------
// The stored boards stay exact.

/// Checks every board: ranks as computed from the listed ratings, and each standing's
/// total equal to the rows listed.
async fn assert_boards_exact(app: &TestApp) {
    let client = Client::new(&app.base);
    for board_name in BOARDS {
        let rows = board(&client, board_name, None, 7).await;
        let ranks: BTreeMap<String, u64> =
            rows.iter().map(|(n, rank, _)| (n.clone(), *rank)).collect();
        assert_eq!(ranks, expected_ranks(&rows), "{board_name:?}");
        if let Some((name, _, _)) = rows.first() {
            let standing = client
                .get_leaderboard_standing()
                .username(name)
                .board(board_name)
                .send()
                .await
                .unwrap()
                .into_inner();
            assert_eq!(standing.total, rows.len() as u64, "{board_name:?}");
        }
    }
}

#[tokio::test]
async fn boards_stay_exact_under_concurrent_links_refreshes_and_unlinks_of_the_same_users() {
    let doubles = PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(&doubles, &[]).await;
    let platforms = ["codeforces", "codechef", "leetcode", "atcoder"];
    let mut users = Vec::new();
    for i in 0..6 {
        let name = format!("cc{i}");
        if i % 2 == 0 {
            doubles.set(&name, Behaviour::Alternate);
        }
        users.push((name.clone(), app.register(&name).await));
    }
    // Every user links every platform at once (24 writes in parallel).
    let app = &app;
    let links = users.iter().flat_map(|(name, user)| {
        platforms
            .iter()
            .map(move |platform| async move { app.link(user, platform, name).await.status })
    });
    for status in futures_util::future::join_all(links).await {
        assert_eq!(status, 200);
    }
    // Refreshes race unlinks of half the handles.
    let unlinks = users.iter().flat_map(|(_, user)| {
        platforms.iter().step_by(2).map(move |platform| async move {
            app.delete(
                &format!("/v1/users/me/handles/{platform}"),
                Some(&user.access),
            )
            .await
            .status
        })
    });
    let (statuses, ()) = tokio::join!(futures_util::future::join_all(unlinks), async {
        refresh_everything(app).await;
        refresh_everything(app).await;
    });
    assert!(statuses.iter().all(|s| *s == 204), "{statuses:?}");
    refresh_everything(app).await;
    assert_boards_exact(app).await;
    let client = Client::new(&app.base);
    for (unlinked, kept) in [
        (types::BoardName::Codeforces, types::BoardName::Codechef),
        (types::BoardName::Leetcode, types::BoardName::Atcoder),
    ] {
        assert!(
            board(&client, unlinked, None, 10).await.is_empty(),
            "{unlinked:?}"
        );
        assert_eq!(
            board(&client, kept, None, 10).await.len(),
            users.len(),
            "{kept:?}"
        );
    }
}

#[tokio::test]
async fn a_database_whose_boards_were_never_built_gets_them_at_start() {
    let doubles = PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(&doubles, &[]).await;
    for name in ["old1", "old2", "old3"] {
        coder(&app, name).await;
    }
    doubles.set("old2", Behaviour::Alternate);
    refresh_everything(&app).await;
    let client = Client::new(&app.base);
    let before = board(&client, types::BoardName::Aggregate, None, 10).await;
    assert_eq!(before.len(), 3);

    // As a database from before leaderboards existed: ratings, and no boards.
    let mut db = app.database().await;
    for table in ["board_rank_counts", "board_entries", "board_settings"] {
        sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {table}")))
            .execute(&mut db)
            .await
            .unwrap();
    }
    let entries: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM board_entries")
        .fetch_one(&mut db)
        .await
        .unwrap();
    assert_eq!(entries, 0);

    // The next start builds them (and a start after that leaves them alone).
    crate::helpers::build_state(&app.args).await;
    assert_eq!(
        board(&client, types::BoardName::Aggregate, None, 10).await,
        before
    );
    crate::helpers::build_state(&app.args).await;
    assert_eq!(
        board(&client, types::BoardName::Aggregate, None, 10).await,
        before
    );
    assert_boards_exact(&app).await;
}
