//! Rating cards (`image/svg+xml`): every card parses as XML whatever the user typed into
//! their name or the platform sent as a badge, options come from an allow-list, nothing
//! remote is referenced, and the caching headers (`ETag` → 304, `stale-while-revalidate`,
//! a strict CSP) are there. Digitomize's `/user/ratings/{username}` draws the same card.
//! On SQLite and PostgreSQL.

use profilehub_jobs::RefreshScope;
use profilehub_testkit::{Behaviour, PlatformDoubles, expected};
use reqwest::{Method, header};
use serde_json::json;

use crate::helpers::{Reply, TestApp, spawn_app_with_doubles};

/// The names people and platforms may send, each a way to break out of an SVG text node or
/// attribute if it were not escaped.
const HOSTILE: [&str; 4] = [
    "</text><script>alert(1)</script>",
    "Tom & \"Jerry\" 'o'",
    "<![CDATA[x]]> &amp; &#x3C;",
    "]]><image href=\"https://evil.example/x.png\"/>",
];

/// `GET path` as a browser embedding the card would.
async fn fetch(app: &TestApp, path: &str, if_none_match: Option<&str>) -> (Reply, String) {
    let mut headers = vec![];
    if let Some(tag) = if_none_match {
        headers.push((header::IF_NONE_MATCH.as_str(), tag));
    }
    let reply = app.raw(Method::GET, path, &headers, "").await;
    let text = reply.text.clone();
    (reply, text)
}

/// Parses `svg` with a real XML parser, checks it references nothing outside itself, and
/// returns its text content.
pub(crate) fn parsed_text(svg: &str) -> String {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{e}: {svg}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        assert!(
            !["script", "image", "foreignObject", "style", "use", "a"].contains(&name),
            "no <{name}> in a card"
        );
        for attribute in node.attributes() {
            assert!(
                !attribute.value().contains("http") || attribute.name() == "xmlns",
                "nothing remote: {}={}",
                attribute.name(),
                attribute.value()
            );
            assert!(!attribute.name().starts_with("on"), "no handlers");
        }
    }
    doc.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join(" ")
}

async fn rated_user(app: &TestApp, name: &str) -> crate::helpers::TestUser {
    let user = app.register(name).await;
    for platform in ["codeforces", "codechef", "leetcode"] {
        assert_eq!(app.link(&user, platform, name).await.status, 200);
    }
    app.refresh_ratings_in(&RefreshScope {
        ignore_staleness: true,
        ..RefreshScope::default()
    })
    .await;
    user
}

#[tokio::test]
async fn a_card_shows_each_chosen_platform_in_order_and_parses_with_hostile_names() {
    let doubles = PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(&doubles, &[]).await;
    let user = rated_user(&app, "carded").await;
    let (reply, svg) = fetch(
        &app,
        "/v1/profiles/CARDED/card.svg?platforms=leetcode,codeforces&theme=dark",
        None,
    )
    .await;
    assert_eq!(reply.status, 200, "{svg}");
    assert_eq!(reply.headers["content-type"], "image/svg+xml");
    assert_eq!(
        reply.headers["content-security-policy"],
        "default-src 'none'; style-src 'unsafe-inline'"
    );
    assert_eq!(reply.headers["x-content-type-options"], "nosniff");
    assert_eq!(
        reply.headers["cache-control"],
        "public, max-age=300, stale-while-revalidate=86400"
    );
    let text = parsed_text(&svg);
    let leetcode = text.find("LeetCode").expect("a LeetCode tile");
    let codeforces = text.find("Codeforces").expect("a Codeforces tile");
    assert!(leetcode < codeforces, "in the order asked: {text}");
    assert!(!text.contains("CodeChef"), "not asked for: {text}");
    assert!(text.contains(&(expected::CODEFORCES.0 as i64).to_string()));
    assert!(text.contains(expected::CODEFORCES.2), "the badge: {text}");
    assert!(svg.contains("#0d1117"), "the dark background");

    for hostile in HOSTILE {
        let patched = app
            .patch(
                "/v1/users/me",
                Some(&user.access),
                json!({ "name": hostile }),
            )
            .await;
        assert_eq!(patched.status, 200, "{}", patched.body);
        let (reply, svg) = fetch(&app, "/v1/profiles/carded/card.svg", None).await;
        assert_eq!(reply.status, 200);
        let text = parsed_text(&svg);
        // Shown as typed (long names are clipped with an ellipsis).
        let start: String = hostile.chars().take(20).collect();
        assert!(text.contains(&start), "shown as typed: {text}");
    }

    let (reply, svg) = fetch(
        &app,
        "/v1/profiles/carded/card.svg?hide=name,badge,contests",
        None,
    )
    .await;
    assert_eq!(reply.status, 200);
    let text = parsed_text(&svg);
    assert!(
        !text.contains(HOSTILE[3])
            && !text.contains(expected::CODEFORCES.2)
            && !text.contains("contests"),
        "{text}"
    );
}

#[tokio::test]
async fn an_unchanged_card_is_304_and_a_changed_one_gets_a_new_tag() {
    let doubles = PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(&doubles, &[]).await;
    let user = rated_user(&app, "tagged").await;
    let (first, _) = fetch(&app, "/v1/profiles/tagged/card.svg", None).await;
    let etag = first.headers["etag"].to_str().unwrap().to_string();
    let (again, body) = fetch(&app, "/v1/profiles/tagged/card.svg", Some(&etag)).await;
    assert_eq!(again.status, 304);
    assert!(body.is_empty());
    assert_eq!(again.headers["etag"], etag.as_str());

    app.patch(
        "/v1/users/me",
        Some(&user.access),
        json!({"name": "New Name"}),
    )
    .await;
    let (changed, svg) = fetch(&app, "/v1/profiles/tagged/card.svg", Some(&etag)).await;
    assert_eq!(changed.status, 200);
    assert_ne!(changed.headers["etag"], etag.as_str());
    assert!(parsed_text(&svg).contains("New Name"));

    // A new rating shows on the (cached) card at once.
    doubles.set("tagged", Behaviour::Alternate);
    app.refresh_ratings_in(&RefreshScope {
        ignore_staleness: true,
        ..RefreshScope::default()
    })
    .await;
    let (_, svg) = fetch(&app, "/v1/profiles/tagged/card.svg", None).await;
    let text = parsed_text(&svg);
    let rating = (expected::CODEFORCES_ALTERNATE.0 as i64).to_string();
    assert!(text.contains(&rating), "{text}");
}

#[tokio::test]
async fn unknown_users_and_empty_cards_get_a_small_notice_never_an_empty_body() {
    let doubles = PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(&doubles, &[]).await;
    app.register("unrated").await;
    let hostile = "%3C%2Ftext%3Eghost";
    for (path, status, says) in [
        (
            format!("/v1/profiles/{hostile}/card.svg"),
            404,
            "No such user",
        ),
        (
            "/v1/profiles/unrated/card.svg".to_string(),
            200,
            "No ratings yet",
        ),
        (
            format!("/user/ratings/{hostile}?codeforces=1"),
            404,
            "No such user",
        ),
        (
            "/user/ratings/unrated?codeforces=1".to_string(),
            200,
            "No ratings yet",
        ),
        ("/user/ratings/unrated".to_string(), 200, "Nothing selected"),
    ] {
        let (reply, svg) = fetch(&app, &path, None).await;
        assert_eq!(reply.status, status, "{path}: {svg}");
        assert_eq!(reply.headers["content-type"], "image/svg+xml", "{path}");
        assert_eq!(
            reply.headers["cache-control"], "public, max-age=60",
            "{path}"
        );
        assert!(parsed_text(&svg).contains(says), "{path}: {svg}");
    }
}

#[tokio::test]
async fn unknown_options_are_a_400_card_that_names_the_choices() {
    let doubles = PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(&doubles, &[]).await;
    rated_user(&app, "picky").await;
    for (query, names) in [
        ("theme=neon", "light, dark"),
        ("platforms=codeforces,topcoder", "codechef, leetcode"),
        ("platforms=", "codechef, leetcode"),
        ("hide=rating", "name, badge, contests"),
    ] {
        let (reply, svg) = fetch(&app, &format!("/v1/profiles/picky/card.svg?{query}"), None).await;
        assert_eq!(reply.status, 400, "{query}");
        assert_eq!(reply.headers["content-type"], "image/svg+xml", "{query}");
        assert_eq!(reply.headers["cache-control"], "no-store", "{query}");
        let text = parsed_text(&svg);
        assert!(text.contains("BAD_REQUEST"), "{query}: {text}");
        let title = roxmltree::Document::parse(&svg)
            .unwrap()
            .descendants()
            .find(|n| n.has_tag_name("title"))
            .and_then(|n| n.text().map(str::to_string))
            .unwrap();
        assert!(title.contains(names), "{query}: {title}");
    }
}

#[tokio::test]
async fn digitomizes_card_route_draws_the_selected_platforms() {
    let doubles = PlatformDoubles::start().await;
    let app = spawn_app_with_doubles(&doubles, &[]).await;
    rated_user(&app, "digicard").await;
    let (reply, svg) = fetch(
        &app,
        "/user/ratings/digicard?codechef=1&leetcode=true&codeforces=0",
        None,
    )
    .await;
    assert_eq!(reply.status, 200, "{svg}");
    assert!(reply.headers.contains_key("etag"));
    let text = parsed_text(&svg);
    assert!(
        text.contains("CodeChef") && text.contains("LeetCode"),
        "{text}"
    );
    assert!(!text.contains("Codeforces"), "{text}");
    assert!(text.contains(expected::CODECHEF.2), "the stars: {text}");
}

// ---------------------------------------------------------------------------------------
// What a card looks like: the examples README shows, and PNGs of every theme.

/// The example cards in `docs/cards/` (README shows them), from fixed sample data, and
/// history charts of a real captured AtCoder history.
fn example_cards() -> Vec<(&'static str, String)> {
    use profilehub::api::svg::{CardOptions, ChartPoint, Theme, Tile, card, history_chart, notice};
    use profilehub_jobs::{FetchOutcome, Platform, parse::atcoder::parse_history};
    let tiles = [
        Tile {
            platform: Platform::Codeforces,
            handle: "tourist_fan".into(),
            rating: expected::CODEFORCES.0 as i64,
            badge: Some(expected::CODEFORCES.2.into()),
            contests: Some(i64::from(expected::CODEFORCES.3)),
        },
        Tile {
            platform: Platform::Leetcode,
            handle: "tourist_fan".into(),
            rating: expected::LEETCODE.0.round() as i64,
            badge: None,
            contests: Some(i64::from(expected::LEETCODE.1)),
        },
        Tile {
            platform: Platform::Codechef,
            handle: "tourist_fan".into(),
            rating: expected::CODECHEF.0 as i64,
            badge: Some(expected::CODECHEF.2.into()),
            contests: Some(i64::from(expected::CODECHEF.3)),
        },
    ];
    let history = profilehub_testkit::fixtures::read("atcoder", "history.maccha.2025-12.wget.json");
    let FetchOutcome::Rated(snapshot) = parse_history(200, &history) else {
        panic!("the AtCoder capture is a rated history");
    };
    let series: Vec<ChartPoint> = snapshot
        .contests
        .expect("the capture's contests")
        .iter()
        .map(|contest| ChartPoint {
            time: contest.time_ms,
            rating: contest.new_rating.round() as i64,
        })
        .collect();
    let options = |theme| CardOptions {
        platforms: Vec::new(),
        theme,
        hide: Vec::new(),
    };
    vec![
        (
            "light",
            card("ada", Some("Ada L."), &tiles, &options(Theme::Light)),
        ),
        (
            "dark",
            card("ada", Some("Ada L."), &tiles, &options(Theme::Dark)),
        ),
        ("notice", notice("ada", "No ratings yet", Theme::Light)),
        (
            "history-light",
            history_chart("ada", Platform::Atcoder, &series, Theme::Light),
        ),
        (
            "history-dark",
            history_chart("ada", Platform::Atcoder, &series, Theme::Dark),
        ),
    ]
}

#[test]
fn the_example_cards_in_docs_are_what_the_service_draws() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/cards");
    let write = std::env::var_os("PROFILEHUB_WRITE_EXAMPLES").is_some();
    for (name, svg) in example_cards() {
        let path = dir.join(format!("{name}.svg"));
        if write {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &svg).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(
            committed,
            svg,
            "{} is stale: PROFILEHUB_WRITE_EXAMPLES=1 cargo test --test api cards::the_example",
            path.display()
        );
    }
}

#[test]
fn every_theme_renders_to_a_png_a_person_can_look_at() {
    let mut options = resvg::usvg::Options::default();
    options.fontdb_mut().load_system_fonts();
    let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("cards");
    std::fs::create_dir_all(&out).unwrap();
    for (name, svg) in example_cards() {
        parsed_text(&svg);
        let tree = resvg::usvg::Tree::from_str(&svg, &options).unwrap();
        let size = tree.size().to_int_size();
        let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).unwrap();
        resvg::render(
            &tree,
            resvg::tiny_skia::Transform::default(),
            &mut pixmap.as_mut(),
        );
        // The heading's text was drawn (the fonts are the machine's own: nothing remote).
        let background = pixmap.pixel(size.width() / 2, 4).unwrap();
        let inked = (20..200)
            .flat_map(|x| (16..40).map(move |y| (x, y)))
            .filter(|&(x, y)| pixmap.pixel(x, y) != Some(background))
            .count();
        assert!(inked > 100, "{name}: the heading is blank ({inked} pixels)");
        let path = out.join(format!("{name}.png"));
        pixmap.save_png(&path).unwrap();
        eprintln!("{name}: {}", path.display());
    }
}
