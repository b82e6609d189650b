//! Every parser against every captured response of its platform, with the exact values
//! SOURCES.md says a correct parser must return; then truncated, garbled and random
//! versions of all of them, which must never panic nor produce an invented rating.

use profilehub_jobs::parse::atcoder;
use profilehub_jobs::parse::codechef::{self, stars_for_rating};
use profilehub_jobs::parse::codeforces::{self, UserInfoReply, UserRatingReply};
use profilehub_jobs::parse::leetcode::{self, Aliases};
use profilehub_jobs::{FetchOutcome, RatingSnapshot};

use crate::contest_series::without_series;
use crate::fixtures;

fn rated(
    rating: f64,
    max: Option<f64>,
    attended: Option<u32>,
    badge: Option<&str>,
) -> FetchOutcome {
    FetchOutcome::Rated(RatingSnapshot {
        contests: None,
        rating,
        max_rating: max,
        attended_contests: attended,
        badge: badge.map(str::to_owned),
    })
}

/// Parses a fixture the way its platform's client would, with status 200.
fn parse_as(platform: &str, name: &str, body: &[u8]) -> Vec<FetchOutcome> {
    match platform {
        "codechef" => vec![codechef::parse_profile_page(body)],
        "atcoder" => vec![atcoder::parse_history(200, body)],
        "leetcode" => leetcode::parse_graphql(200, body, &[Aliases::unaliased()]),
        "codeforces" if name.starts_with("user_rating") => {
            vec![match codeforces::parse_user_rating(200, body) {
                UserRatingReply::History(h) => FetchOutcome::Rated(RatingSnapshot {
                    contests: h.contests,
                    rating: h.last_rating.unwrap_or(-1.0),
                    max_rating: h.max_rating,
                    attended_contests: Some(h.attended),
                    badge: None,
                }),
                UserRatingReply::NotFound => FetchOutcome::NotFound,
                other => FetchOutcome::transient(format!("{other:?}")),
            }]
        }
        "codeforces" => match codeforces::parse_user_info(200, body, &["DmitriyH", "Fefer_Ivan"]) {
            UserInfoReply::Users(outcomes) => outcomes,
            other => vec![FetchOutcome::transient(format!("{other:?}")); 2],
        },
        other => panic!("unknown platform folder {other}"),
    }
}

#[test]
fn every_codechef_capture_yields_the_documented_rating_highest_stars_and_contests() {
    let expected = |name: &str| -> FetchOutcome {
        match name {
            "equal_poem_63.2026-05.node-https.html"
            | "equal_poem_63.2026-05.second-capture.html" => {
                rated(1723.0, Some(1723.0), Some(17), Some("3 star"))
            }
            "sidhu_2512.2026-07.provisional.node-https.html" => {
                rated(912.0, Some(912.0), Some(2), Some("1 star"))
            }
            "trijalkhade.2026-07.with-dsa-rating.html" => {
                rated(1326.0, Some(1335.0), Some(7), Some("1 star"))
            }
            "siri462843.2025-10.puppeteer-dom.html" => {
                rated(1451.0, Some(1451.0), Some(16), Some("2 star"))
            }
            other => panic!("CodeChef fixture {other} has no expectation here; add one"),
        }
    };
    for (name, body) in fixtures::all("codechef") {
        let outcome = codechef::parse_profile_page(&body);
        assert_eq!(without_series(&outcome), expected(&name), "{name}");
        // The stars shown on the page agree with the documented thresholds.
        let FetchOutcome::Rated(s) = &outcome else {
            unreachable!()
        };
        let shown: u32 = s
            .badge
            .as_deref()
            .unwrap()
            .trim_end_matches(" star")
            .parse()
            .unwrap();
        assert_eq!(shown, stars_for_rating(s.rating as u32), "{name}");
        // Served through the response parser with status 200 it is the same.
        assert_eq!(
            codechef::parse_profile_response(200, None, &body),
            outcome,
            "{name}"
        );
    }
}

/// SYNTHETIC (SOURCES.md: no unrated CodeChef capture exists): the page of an account with
/// no rated contest, made from a real capture by taking out the rating block (number, stars,
/// ranks), zeroing the contest counter and emptying the rating series; with
/// `keep_counter: false` the counter is taken out too.
fn synthetic_unrated_page_from(capture: &str, keep_counter: bool) -> String {
    let mut page = capture
        .replace(r#"class="rating-number""#, r#"class="removed""#)
        .replace(r#"class="rating-star""#, r#"class="removed""#)
        .replace(r#"class="rating-ranks""#, r#"class="removed""#)
        .replace("Participated: <b>2</b>", "Participated: <b>0</b>");
    if !keep_counter {
        page = page.replace(
            r#"class="contest-participated-count""#,
            r#"class="removed""#,
        );
    }
    let series = r#""date_versus_rating":{"all":["#;
    let start = page.find(series).expect("the capture has a rating series") + series.len() - 1;
    let mut depth = 0;
    let end = start
        + page[start..]
            .char_indices()
            .find(|&(_, c)| {
                depth += match c {
                    '[' => 1,
                    ']' => -1,
                    _ => 0,
                };
                depth == 0
            })
            .expect("the series is closed")
            .0;
    page.replace_range(start..=end, "[]");
    page
}

#[test]
fn a_codechef_profile_without_any_rating_block_is_unrated_not_a_failure() {
    let capture = String::from_utf8(fixtures::read(
        "codechef",
        "sidhu_2512.2026-07.provisional.node-https.html",
    ))
    .unwrap();
    for keep_counter in [true, false] {
        let page = synthetic_unrated_page_from(&capture, keep_counter);
        assert!(!page.contains(r#"class="rating-number""#));
        assert_eq!(
            codechef::parse_profile_response(200, None, page.as_bytes()),
            FetchOutcome::Unrated,
            "counter kept: {keep_counter}"
        );
    }
    // Without a rating block but with contests in the series, the page is not believed.
    let no_block = capture.replace(r#"class="rating-number""#, r#"class="removed""#);
    assert!(codechef::parse_profile_page(no_block.as_bytes()).is_transient());
    let no_block_no_counter = no_block.replace(
        r#"class="contest-participated-count""#,
        r#"class="removed""#,
    );
    assert!(codechef::parse_profile_page(no_block_no_counter.as_bytes()).is_transient());
}

#[test]
fn every_codeforces_capture_yields_the_documented_values() {
    for (name, body) in fixtures::all("codeforces") {
        match name.as_str() {
            "user_info.batch.DmitriyH_Fefer_Ivan.2025.json" => {
                let want = vec![
                    rated(1709.0, Some(2072.0), None, Some("expert")),
                    rated(2174.0, Some(2476.0), None, Some("master")),
                ];
                assert_eq!(
                    codeforces::parse_user_info(200, &body, &["DmitriyH", "Fefer_Ivan"]),
                    UserInfoReply::Users(want.clone())
                );
                // Matched case-insensitively, answered in the order asked.
                let mut reversed = want;
                reversed.reverse();
                assert_eq!(
                    codeforces::parse_user_info(200, &body, &["fefer_ivan", "DMITRIYH"]),
                    UserInfoReply::Users(reversed)
                );
            }
            "user_info.rishgod.2020-12.json" => assert_eq!(
                codeforces::parse_user_info(200, &body, &["rishgod"]),
                UserInfoReply::Users(vec![rated(981.0, Some(1108.0), None, Some("newbie"))])
            ),
            "user_rating.rishgod.2020-12.json" => {
                let UserRatingReply::History(h) = codeforces::parse_user_rating(200, &body) else {
                    panic!("{name} not parsed");
                };
                assert_eq!(
                    (h.attended, h.last_rating, h.max_rating),
                    (11, Some(981.0), Some(1108.0))
                );
            }
            "user_rating.3.141f.2026.json" => {
                let UserRatingReply::History(h) = codeforces::parse_user_rating(200, &body) else {
                    panic!("{name} not parsed");
                };
                assert_eq!(
                    (h.attended, h.last_rating, h.max_rating),
                    (21, Some(1223.0), Some(1223.0))
                );
            }
            "user_info.failed.handle_not_found.json" => {
                assert_eq!(
                    codeforces::parse_user_info(
                        400,
                        &body,
                        &["tourist", "THIS_handle_does_not_exist_zzz"]
                    ),
                    UserInfoReply::HandleNotFound(1)
                );
                assert_eq!(
                    codeforces::parse_user_rating(400, &body),
                    UserRatingReply::NotFound
                );
            }
            other => panic!("Codeforces fixture {other} has no expectation here; add one"),
        }
    }
}

#[test]
fn codeforces_user_info_and_user_rating_captures_of_the_same_user_agree() {
    let info = fixtures::read("codeforces", "user_info.rishgod.2020-12.json");
    let history = fixtures::read("codeforces", "user_rating.rishgod.2020-12.json");
    let UserInfoReply::Users(users) = codeforces::parse_user_info(200, &info, &["rishgod"]) else {
        panic!("user.info not parsed");
    };
    let UserRatingReply::History(h) = codeforces::parse_user_rating(200, &history) else {
        panic!("user.rating not parsed");
    };
    let FetchOutcome::Rated(s) = &users[0] else {
        panic!("not rated")
    };
    assert_eq!(Some(s.rating), h.last_rating);
    assert_eq!(s.max_rating, h.max_rating);
}

#[test]
fn every_leetcode_capture_yields_the_documented_outcome() {
    let unaliased = [Aliases::unaliased()];
    for (name, body) in fixtures::all("leetcode") {
        let outcomes = leetcode::parse_graphql(200, &body, &unaliased);
        match name.as_str() {
            "contest_ranking.pgmreddy.2021-08.json" => {
                assert_eq!(
                    outcomes,
                    vec![rated(1616.8967650834998, None, Some(31), None)]
                );
                let FetchOutcome::Rated(s) = &outcomes[0] else {
                    unreachable!()
                };
                assert_eq!(
                    s.rating.to_bits(),
                    1616.8967650834998f64.to_bits(),
                    "stored exactly"
                );
            }
            "unknown_user.errors.json" => assert_eq!(outcomes, vec![FetchOutcome::NotFound]),
            // Evidence files, not wire bytes: a UTF-16 re-encoding and a JS source file.
            // Whatever they are, they must not be read as a fact.
            "unknown_user.errors.original-utf16le-bom-crlf.raw"
            | "contest_ranking.pgmreddy.2021-08.source.js" => {
                assert!(
                    outcomes.iter().all(FetchOutcome::is_transient),
                    "{name}: {outcomes:?}"
                )
            }
            other => panic!("LeetCode fixture {other} has no expectation here; add one"),
        }
    }
}

#[test]
fn every_atcoder_capture_yields_the_last_rated_entry_and_its_colour() {
    for (name, body) in fixtures::all("atcoder") {
        let want = match name.as_str() {
            "history.maccha.2025-12.wget.json" => {
                rated(746.0, Some(799.0), Some(96), Some("brown"))
            }
            "history.yamato0915.2025-05.pretty.json" => {
                rated(423.0, Some(462.0), Some(15), Some("brown"))
            }
            other => panic!("AtCoder fixture {other} has no expectation here; add one"),
        };
        assert_eq!(
            without_series(&atcoder::parse_history(200, &body)),
            want,
            "{name}"
        );
    }
}

/// A small deterministic PRNG (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// A damaged copy may lose facts, but what it still claims must be true of the original.
fn assert_consistent(context: &str, full: &[FetchOutcome], damaged: &[FetchOutcome]) {
    assert_eq!(full.len(), damaged.len(), "{context}");
    for (f, d) in full.iter().zip(damaged) {
        match (f, d) {
            (_, FetchOutcome::Transient { .. }) => {}
            (FetchOutcome::Rated(f), FetchOutcome::Rated(d)) => {
                assert_eq!(d.rating, f.rating, "{context}");
                assert!(
                    d.max_rating.is_none() || d.max_rating == f.max_rating,
                    "{context}: {d:?} vs {f:?}"
                );
                assert!(
                    d.attended_contests.is_none() || d.attended_contests == f.attended_contests,
                    "{context}: {d:?} vs {f:?}"
                );
                assert!(
                    d.badge.is_none() || d.badge == f.badge,
                    "{context}: {d:?} vs {f:?}"
                );
                assert!(
                    d.contests.is_none() || d.contests == f.contests,
                    "{context}: a damaged reply claims a different contest series"
                );
            }
            (f, d) => assert_eq!(d, f, "{context}"),
        }
    }
}

fn assert_no_invented_rating(context: &str, outcomes: &[FetchOutcome]) {
    for o in outcomes {
        if let FetchOutcome::Rated(s) = o {
            assert!(s.rating.is_finite() && s.rating > 0.0, "{context}: {o:?}");
        }
    }
}

fn truncation_points(body: &[u8], rng: &mut Rng) -> Vec<usize> {
    let mut points: Vec<usize> = (0..40).map(|k| body.len() * k / 40).collect();
    points.extend((0..20).map(|_| rng.below(body.len())));
    // Just after every place a value is read: byte by byte over the value itself, then
    // coarser over what follows (stars, closing tags).
    let text = String::from_utf8_lossy(body);
    for marker in [
        "class=\"rating-number\"",
        "(Highest Rating",
        "class=\"rating-star\"",
        "class=\"contest-participated-count\"",
        "\"rating\"",
        "\"maxRating\"",
        "\"rank\"",
        "\"newRating\"",
        "\"NewRating\"",
        "\"IsRated\"",
        "\"matchedUser\"",
        "does not exist",
        "\"attendedContestsCount\"",
        "\"status\"",
    ] {
        for (at, _) in text.match_indices(marker).take(2) {
            let value = at + marker.len();
            points.extend(at..value + 70);
            points.extend((value + 70..value + 300).step_by(10));
        }
    }
    points.retain(|&p| p < body.len());
    points.sort_unstable();
    points.dedup();
    points
}

#[test]
fn truncated_captures_never_panic_and_never_claim_a_different_value() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for platform in ["codechef", "codeforces", "leetcode", "atcoder"] {
        for (name, body) in fixtures::all(platform) {
            let full = parse_as(platform, &name, &body);
            for cut in truncation_points(&body, &mut rng) {
                let damaged = parse_as(platform, &name, &body[..cut]);
                let context = format!("{platform}/{name} cut at {cut}");
                assert_no_invented_rating(&context, &damaged);
                assert_consistent(&context, &full, &damaged);
            }
        }
    }
}

#[test]
fn garbled_captures_never_panic_nor_yield_a_zero_rating() {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    for platform in ["codechef", "codeforces", "leetcode", "atcoder"] {
        for (name, body) in fixtures::all(platform) {
            for round in 0..60 {
                let mut garbled = body.clone();
                match round % 3 {
                    0 => {
                        for _ in 0..1 + rng.below(4) {
                            let at = rng.below(garbled.len());
                            garbled[at] = rng.next() as u8;
                        }
                    }
                    1 => {
                        let at = rng.below(garbled.len());
                        let len = rng.below(200).min(garbled.len() - at);
                        garbled.drain(at..at + len);
                    }
                    _ => {
                        let at = rng.below(garbled.len());
                        let noise: Vec<u8> = (0..rng.below(64)).map(|_| rng.next() as u8).collect();
                        garbled.splice(at..at, noise);
                    }
                }
                let outcomes = parse_as(platform, &name, &garbled);
                assert_no_invented_rating(&format!("{platform}/{name} round {round}"), &outcomes);
            }
        }
    }
}

#[test]
fn random_bytes_are_transient_for_every_parser() {
    let mut rng = Rng(42);
    for round in 0..300 {
        let len = rng.below(if round % 10 == 0 { 5000 } else { 300 });
        let noise: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        for platform in ["codechef", "codeforces", "leetcode", "atcoder"] {
            for name in ["user_info", "user_rating"] {
                let outcomes = parse_as(platform, name, &noise);
                assert!(
                    outcomes.iter().all(FetchOutcome::is_transient),
                    "{platform}/{name} on {len} random bytes: {outcomes:?}"
                );
            }
        }
    }
    for empty in [&b""[..], b"null", b"{}", b"[", b"\xff\xfe"] {
        assert!(codechef::parse_profile_page(empty).is_transient());
        assert!(atcoder::parse_history(200, empty).is_transient());
        assert!(matches!(
            codeforces::parse_user_info(200, empty, &["a"]),
            UserInfoReply::Unusable(_)
        ));
        assert!(leetcode::parse_graphql(200, empty, &[Aliases::unaliased()])[0].is_transient());
    }
}
