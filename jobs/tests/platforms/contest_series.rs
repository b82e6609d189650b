//! The contest series each parser reads from the real captures: counts, the exact first
//! and last entries (times worked out independently with `date -u -d`, not with the code
//! under test), and agreement with the rating read beside it.

use profilehub_jobs::parse::codeforces::{self, UserInfoReply, UserRatingReply};
use profilehub_jobs::parse::leetcode::{self, Aliases};
use profilehub_jobs::parse::{atcoder, codechef};
use profilehub_jobs::{ContestResult, FetchOutcome, FetchRequest};

use crate::fixtures;

/// `outcome` without its contest series, to compare the rest with an expectation.
pub fn without_series(outcome: &FetchOutcome) -> FetchOutcome {
    let mut outcome = outcome.clone();
    if let FetchOutcome::Rated(snapshot) = &mut outcome {
        snapshot.contests = None;
    }
    outcome
}

/// The series a rated outcome reports, if any.
pub fn series_of(outcome: &FetchOutcome) -> Option<&[ContestResult]> {
    match outcome {
        FetchOutcome::Rated(snapshot) => snapshot.contests.as_deref(),
        _ => None,
    }
}

/// The request a store makes for `handle` after recording `outcome` (a stored snapshot
/// never holds a series) and `stored_contests` contests of its series.
pub fn request_after(handle: &str, outcome: &FetchOutcome, stored_contests: u32) -> FetchRequest {
    let FetchOutcome::Rated(snapshot) = without_series(outcome) else {
        panic!("only a rated outcome is stored: {outcome:?}");
    };
    FetchRequest {
        handle: handle.into(),
        previous: Some(snapshot),
        stored_contests,
    }
}

fn contest(
    id: &str,
    name: &str,
    time_ms: i64,
    rank: Option<u32>,
    old_rating: Option<f64>,
    new_rating: f64,
) -> ContestResult {
    ContestResult {
        contest_id: id.into(),
        contest_name: name.into(),
        time_ms,
        rank,
        old_rating,
        new_rating,
    }
}

/// What holds for every series: oldest first, one entry per contest, and each old rating
/// (after the first) is the previous new rating.
fn assert_well_formed(context: &str, series: &[ContestResult]) {
    for pair in series.windows(2) {
        assert!(pair[0].time_ms <= pair[1].time_ms, "{context}: {pair:?}");
        assert_eq!(
            pair[1].old_rating,
            Some(pair[0].new_rating),
            "{context}: {pair:?}"
        );
    }
    let mut ids: Vec<&str> = series.iter().map(|c| c.contest_id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), series.len(), "{context}: contest ids are unique");
}

fn codeforces_series(name: &str) -> Vec<ContestResult> {
    let body = fixtures::read("codeforces", name);
    let UserRatingReply::History(history) = codeforces::parse_user_rating(200, &body) else {
        panic!("{name} not parsed");
    };
    let series = history.contests.expect("every change is complete");
    assert_eq!(series.len() as u32, history.attended, "{name}");
    assert_eq!(series.last().map(|c| c.new_rating), history.last_rating);
    assert_well_formed(name, &series);
    series
}

#[test]
fn codeforces_user_rating_of_rishgod_gives_eleven_contests_starting_from_zero() {
    let series = codeforces_series("user_rating.rishgod.2020-12.json");
    assert_eq!(series.len(), 11);
    assert_eq!(
        series[0],
        // `date -u -d @1600965300` = 2020-09-24 16:35:00 UTC
        contest(
            "1420",
            "Codeforces Round #672 (Div. 2)",
            1_600_965_300_000,
            Some(9079),
            Some(0.0), // what Codeforces reports before a first contest
            367.0
        )
    );
    assert_eq!(
        series[10],
        // `date -u -d @1608377700` = 2020-12-19 11:35:00 UTC
        contest(
            "1459",
            "Codeforces Round #691 (Div. 2)",
            1_608_377_700_000,
            Some(6726),
            Some(1031.0),
            981.0
        )
    );
    // The same user's user.info capture: its rating is the series' last new rating.
    let info = fixtures::read("codeforces", "user_info.rishgod.2020-12.json");
    let UserInfoReply::Users(users) = codeforces::parse_user_info(200, &info, &["rishgod"]) else {
        panic!("user.info not parsed");
    };
    let FetchOutcome::Rated(snapshot) = &users[0] else {
        panic!("not rated");
    };
    assert_eq!(snapshot.rating, series[10].new_rating);
}

#[test]
fn codeforces_user_rating_of_3_141f_keeps_contest_names_verbatim() {
    let series = codeforces_series("user_rating.3.141f.2026.json");
    assert_eq!(series.len(), 21);
    assert_eq!(
        series[0],
        // `date -u -d @1637859000` = 2021-11-25 16:50:00 UTC
        contest(
            "1611",
            "Codeforces Round 756 (Div. 3)",
            1_637_859_000_000,
            Some(13243),
            Some(0.0),
            348.0
        )
    );
    assert_eq!(
        series[20],
        // `date -u -d @1680627000` = 2023-04-04 16:50:00 UTC
        contest(
            "1811",
            "Codeforces Round 863 (Div. 3)",
            1_680_627_000_000,
            Some(2380),
            Some(1124.0),
            1223.0
        )
    );
    let round_828 = series.iter().find(|c| c.contest_id == "1744").unwrap();
    assert_eq!(round_828.contest_name, "Codeforces Round  828 (Div. 3)");
}

fn atcoder_series(name: &str) -> (f64, Vec<ContestResult>) {
    let outcome = atcoder::parse_history(200, &fixtures::read("atcoder", name));
    let FetchOutcome::Rated(snapshot) = outcome else {
        panic!("{name} not rated");
    };
    let series = snapshot.contests.expect("every rated entry is complete");
    assert_eq!(Some(series.len() as u32), snapshot.attended_contests);
    assert_eq!(series.last().unwrap().new_rating, snapshot.rating);
    assert_well_formed(name, &series);
    (snapshot.rating, series)
}

#[test]
fn atcoder_history_of_maccha_gives_the_96_rated_contests_only() {
    let (rating, series) = atcoder_series("history.maccha.2025-12.wget.json");
    assert_eq!(rating, 746.0);
    assert_eq!(series.len(), 96);
    assert_eq!(
        series[0],
        // `date -u -d 2020-01-12T22:40:00+09:00 +%s` = 1578836400
        contest(
            "abc151",
            "AtCoder Beginner Contest 151",
            1_578_836_400_000,
            Some(4761),
            Some(0.0),
            9.0
        )
    );
    assert_eq!(
        series[95],
        // `date -u -d 2025-07-26T22:40:00+09:00 +%s` = 1753537200
        contest(
            "abc416",
            "AtCoder Beginner Contest 416",
            1_753_537_200_000,
            Some(5250),
            Some(751.0),
            746.0
        )
    );
    // ContestNameEn when AtCoder gives one (the Japanese ContestName otherwise).
    assert_eq!(
        series[1],
        // `date -u -d 2020-01-18T23:00:00+09:00 +%s` = 1579356000
        contest(
            "keyence2020",
            "Keyence Programming Contest 2020",
            1_579_356_000_000,
            Some(3048),
            Some(9.0),
            39.0
        )
    );
    assert!(series.iter().any(|c| c.contest_id == "m-solutions2020"));
    // The two unrated participations are not contests of the series.
    assert!(
        series
            .iter()
            .all(|c| c.contest_id != "abc163" && c.contest_id != "abc334")
    );
}

#[test]
fn atcoder_history_of_yamato0915_skips_the_unrated_first_entry() {
    let (rating, series) = atcoder_series("history.yamato0915.2025-05.pretty.json");
    assert_eq!(rating, 423.0);
    assert_eq!(series.len(), 15);
    assert_eq!(
        series[0],
        // `date -u -d 2025-02-01T22:40:00+09:00 +%s` = 1738417200
        contest(
            "abc391",
            "AtCoder Beginner Contest 391",
            1_738_417_200_000,
            Some(6641),
            Some(0.0),
            19.0
        )
    );
    assert_eq!(
        series[14],
        // `date -u -d 2025-05-10T22:40:00+09:00 +%s` = 1746884400
        contest(
            "abc405",
            "AtCoder Beginner Contest 405",
            1_746_884_400_000,
            Some(9763),
            Some(462.0),
            423.0
        )
    );
}

#[test]
fn every_codechef_capture_gives_its_date_versus_rating_all_series() {
    // (file, all[] length, first, last), from SOURCES.md and the pages' script data.
    // Times: `date -u -d '<end_date> +0530' +%s`.
    let start_177 = || {
        // '2025-03-12 22:00:06 +0530' = 1741797006
        contest(
            "START177D",
            "Starters 177 (Rated)",
            1_741_797_006_000,
            Some(3284),
            None,
            1222.0,
        )
    };
    let start_221 = || {
        // '2026-01-14 22:00:02 +0530' = 1768408202
        contest(
            "START221B",
            "Starters 221 (Rated)",
            1_768_408_202_000,
            Some(212),
            Some(1676.0),
            1723.0,
        )
    };
    let expected = [
        (
            "equal_poem_63.2026-05.node-https.html",
            17,
            start_177(),
            start_221(),
        ),
        (
            "equal_poem_63.2026-05.second-capture.html",
            17,
            start_177(),
            start_221(),
        ),
        (
            "sidhu_2512.2026-07.provisional.node-https.html",
            2,
            // '2025-04-09 22:30:06 +0530' = 1744218006
            contest(
                "START181D",
                "Starters 181 (Rated)",
                1_744_218_006_000,
                Some(20471),
                None,
                857.0,
            ),
            // '2025-07-16 22:00:06 +0530' = 1752683406
            contest(
                "START195D",
                "Starters 195 (Rated)",
                1_752_683_406_000,
                Some(12865),
                Some(857.0),
                912.0,
            ),
        ),
        (
            "trijalkhade.2026-07.with-dsa-rating.html",
            7,
            // '2026-01-21 22:00:06 +0530' = 1769013006
            contest(
                "START222D",
                "Starters 222 (Rated)",
                1_769_013_006_000,
                Some(25112),
                None,
                776.0,
            ),
            // '2026-06-24 22:06:00 +0530' = 1782318960
            contest(
                "START244D",
                "Starters 244 (Rated)",
                1_782_318_960_000,
                Some(6571),
                Some(1335.0),
                1326.0,
            ),
        ),
        (
            "siri462843.2025-10.puppeteer-dom.html",
            16,
            // '2024-01-17 22:00:06 +0530' = 1705509006
            contest(
                "START117D",
                "Starters 117 Division 4 (Rated)",
                1_705_509_006_000,
                Some(4744),
                None,
                1137.0,
            ),
            // '2024-05-22 22:00:04 +0530' = 1716395404
            contest(
                "START135C",
                "Starters 135 Division 3 (Rated)",
                1_716_395_404_000,
                Some(1731),
                Some(1436.0),
                1451.0,
            ),
        ),
    ];
    let captures = fixtures::all("codechef");
    assert_eq!(captures.len(), expected.len(), "every capture is covered");
    for (name, body) in captures {
        let (_, len, first, last) = expected
            .iter()
            .find(|(file, ..)| *file == name)
            .unwrap_or_else(|| panic!("CodeChef fixture {name} has no expectation here"));
        let outcome = codechef::parse_profile_page(&body);
        let FetchOutcome::Rated(snapshot) = &outcome else {
            panic!("{name} not rated");
        };
        let series = snapshot.contests.as_deref().expect("the series is read");
        assert_eq!(series.len(), *len, "{name}");
        assert_eq!(Some(series.len() as u32), snapshot.attended_contests);
        assert_eq!(series[0], *first, "{name}");
        assert_eq!(series[len - 1], *last, "{name}");
        assert_eq!(series[len - 1].new_rating, snapshot.rating, "{name}");
        assert_well_formed(&name, series);
        // Only `all`: the DSA series (DSAMONDAY004 on trijalkhade's page) is another rating.
        assert!(series.iter().all(|c| c.contest_id.starts_with("START")));
        if name.starts_with("equal_poem_63") {
            // Penalised for cheating, but still one of the rated contests.
            assert!(series.iter().any(|c| c.contest_id == "START186D"));
        }
    }
}

#[test]
fn leetcode_history_capture_counts_the_31_ranked_contests_from_1500() {
    let body = fixtures::read("leetcode", "contest_ranking.pgmreddy.2021-08.json");
    let histories = leetcode::parse_history_graphql(200, &body, &[Aliases::unaliased()]);
    let [Ok(series)] = histories.as_slice() else {
        panic!("history not parsed: {histories:?}");
    };
    // 306 entries, without `attended` in this 2021 shape: the 31 with a ranking count.
    assert_eq!(series.len(), 31);
    assert_eq!(
        series[0],
        // `date -u -d @1607783400` = 2020-12-12 14:30:00 UTC
        contest(
            "biweekly-contest-41",
            "Biweekly Contest 41",
            1_607_783_400_000,
            Some(3924),
            Some(1500.0), // LeetCode's starting rating
            1451.148
        )
    );
    assert_eq!(
        series[30],
        // `date -u -d @1627785000` = 2021-08-01 02:30:00 UTC
        contest(
            "weekly-contest-252",
            "Weekly Contest 252",
            1_627_785_000_000,
            Some(5039),
            Some(1618.481),
            1616.897
        )
    );
    assert_well_formed("pgmreddy", series);

    // The rating beside it agrees, to the three decimals the history keeps.
    let ranking = leetcode::parse_graphql(200, &body, &[Aliases::unaliased()]);
    let FetchOutcome::Rated(snapshot) = &ranking[0] else {
        panic!("not rated");
    };
    assert_eq!(Some(series.len() as u32), snapshot.attended_contests);
    assert_eq!(
        (snapshot.rating * 1000.0).round(),
        (series[30].new_rating * 1000.0).round()
    );
}

#[test]
fn leetcode_history_capture_reads_the_same_under_an_alias() {
    let body = fixtures::read("leetcode", "contest_ranking.pgmreddy.2021-08.json");
    let unaliased = leetcode::parse_history_graphql(200, &body, &[Aliases::unaliased()]);
    let reply: serde_json::Value = serde_json::from_slice(&body).unwrap();
    let aliased = serde_json::json!({"data": {
        "h0": reply["data"]["userContestRankingHistory"],
        "h1": serde_json::Value::Null,
    }});
    let histories = leetcode::parse_history_graphql(
        200,
        aliased.to_string().as_bytes(),
        &[Aliases::for_index(0), Aliases::for_index(1)],
    );
    assert_eq!(histories[0], unaliased[0]);
    assert!(histories[1].is_err(), "a null history is not an empty one");
}

#[test]
fn damaged_histories_never_claim_a_different_series() {
    // Truncated anywhere, a reply either still holds the whole series or none of it.
    type ReadSeries = fn(&[u8]) -> Option<Vec<ContestResult>>;
    let cases: [(&str, &str, ReadSeries); 3] = [
        (
            "codeforces",
            "user_rating.3.141f.2026.json",
            |b| match codeforces::parse_user_rating(200, b) {
                UserRatingReply::History(h) => h.contests,
                _ => None,
            },
        ),
        ("atcoder", "history.maccha.2025-12.wget.json", |b| {
            series_of(&atcoder::parse_history(200, b)).map(<[_]>::to_vec)
        }),
        ("leetcode", "contest_ranking.pgmreddy.2021-08.json", |b| {
            leetcode::parse_history_graphql(200, b, &[Aliases::unaliased()])
                .pop()
                .and_then(Result::ok)
        }),
    ];
    for (platform, name, read) in cases {
        let body = fixtures::read(platform, name);
        let full = read(&body).expect("the whole capture has a series");
        for cut in (0..body.len()).step_by(97) {
            if let Some(damaged) = read(&body[..cut]) {
                assert_eq!(damaged, full, "{name} cut at {cut}");
            }
        }
    }
}
