//! AtCoder: `GET /users/{handle}/history/json`.
//!
//! The reply is a JSON array of contest participations in chronological order. Only
//! entries with `IsRated: true` count: AtCoder lists unrated participations too (with
//! `NewRating` 0 on a first unrated entry), so taking the last entry blindly would report a
//! zero. An unknown user gets HTTP 404; an existing user who never took a rated contest gets
//! `[]` (or only unrated entries). `Performance` can be negative and is not used.
//!
//! The rated entries are also the contest series: the contest id is the first label of
//! `ContestScreenName` (`abc416.contest.atcoder.jp` → `abc416`, the id in AtCoder's contest
//! URLs), the name is `ContestNameEn` when AtCoder gives one (it is often `""`) and the
//! Japanese `ContestName` otherwise, and the time is `EndTime` (written with its `+09:00`
//! offset). A series with an unreadable entry is dropped; the rating beside it stands.

use serde_json::Value;

use super::time::rfc3339_ms;
use super::{count_u32, describe_body, finite_f64};
use crate::outcome::{ContestResult, FetchOutcome, RatingSnapshot};

/// The AtCoder colour band of a rating, the badge users recognise
/// (gray < 400 ≤ brown < 800 ≤ green < 1200 ≤ cyan < 1600 ≤ blue < 2000 ≤ yellow < 2400
/// ≤ orange < 2800 ≤ red).
pub fn colour(rating: f64) -> &'static str {
    match rating {
        r if r < 400.0 => "gray",
        r if r < 800.0 => "brown",
        r if r < 1200.0 => "green",
        r if r < 1600.0 => "cyan",
        r if r < 2000.0 => "blue",
        r if r < 2400.0 => "yellow",
        r if r < 2800.0 => "orange",
        _ => "red",
    }
}

/// Parses a contest-history reply.
pub fn parse_history(status: u16, body: &[u8]) -> FetchOutcome {
    match status {
        200 => {}
        404 => return FetchOutcome::NotFound,
        other => return FetchOutcome::transient(format!("AtCoder answered HTTP {other}")),
    }
    let Ok(Value::Array(entries)) = serde_json::from_slice::<Value>(body) else {
        return FetchOutcome::transient(format!(
            "AtCoder history is not a JSON array: {}",
            describe_body(body)
        ));
    };
    let mut rated = Vec::new();
    let mut series = Some(Vec::new());
    for entry in &entries {
        let is_rated = entry.get("IsRated").and_then(Value::as_bool);
        let new_rating = entry.get("NewRating").and_then(finite_f64);
        match (is_rated, new_rating) {
            (Some(true), Some(r)) if r >= 0.0 => {
                rated.push(r);
                series = series.and_then(|mut series| {
                    series.push(contest_result(entry, r)?);
                    Some(series)
                });
            }
            (Some(false), _) => {}
            _ => {
                return FetchOutcome::transient(
                    "AtCoder history entry without a boolean IsRated and a NewRating",
                );
            }
        }
    }
    let Some(&rating) = rated.last() else {
        return FetchOutcome::Unrated;
    };
    let max = rated.iter().copied().fold(rating, f64::max);
    FetchOutcome::Rated(RatingSnapshot {
        contests: series,
        rating,
        max_rating: Some(max),
        attended_contests: u32::try_from(rated.len()).ok(),
        badge: Some(colour(rating).to_owned()),
    })
}

/// One rated history entry (whose `NewRating` was already read) as a [`ContestResult`].
fn contest_result(entry: &Value, new_rating: f64) -> Option<ContestResult> {
    let screen_name = entry.get("ContestScreenName")?.as_str()?;
    let contest_id = screen_name.split('.').next().filter(|id| !id.is_empty())?;
    let name_of = |key: &str| {
        entry
            .get(key)
            .and_then(Value::as_str)
            .filter(|n| !n.is_empty())
    };
    let contest_name = name_of("ContestNameEn").or_else(|| name_of("ContestName"))?;
    Some(ContestResult {
        contest_id: contest_id.to_owned(),
        contest_name: contest_name.to_owned(),
        time_ms: rfc3339_ms(entry.get("EndTime")?.as_str()?)?,
        rank: entry.get("Place").and_then(count_u32),
        old_rating: entry.get("OldRating").and_then(finite_f64),
        new_rating,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_bands_follow_atcoder_thresholds() {
        assert_eq!(colour(0.0), "gray");
        assert_eq!(colour(399.0), "gray");
        assert_eq!(colour(400.0), "brown");
        assert_eq!(colour(799.0), "brown");
        assert_eq!(colour(1199.0), "green");
        assert_eq!(colour(1200.0), "cyan");
        assert_eq!(colour(1600.0), "blue");
        assert_eq!(colour(2000.0), "yellow");
        assert_eq!(colour(2400.0), "orange");
        assert_eq!(colour(2799.0), "orange");
        assert_eq!(colour(2800.0), "red");
        assert_eq!(colour(4000.0), "red");
    }

    #[test]
    fn synthetic_empty_history_is_unrated() {
        assert_eq!(parse_history(200, b"[]"), FetchOutcome::Unrated);
    }

    #[test]
    fn synthetic_history_with_only_unrated_entries_is_unrated() {
        let body =
            br#"[{"IsRated":false,"Place":7472,"OldRating":0,"NewRating":0,"Performance":0}]"#;
        assert_eq!(parse_history(200, body), FetchOutcome::Unrated);
    }

    #[test]
    fn synthetic_entry_without_an_end_time_drops_the_series_but_keeps_the_rating() {
        let body = br#"[{"IsRated":true,"Place":3,"OldRating":0,"NewRating":500,"ContestScreenName":"abc1.contest.atcoder.jp","ContestName":"ABC 1","ContestNameEn":""}]"#;
        let FetchOutcome::Rated(snapshot) = parse_history(200, body) else {
            panic!("not rated");
        };
        assert_eq!(snapshot.rating, 500.0);
        assert_eq!(snapshot.contests, None);
    }

    #[test]
    fn http_404_is_not_found_and_other_statuses_are_transient() {
        assert_eq!(
            parse_history(404, b"<html>404</html>"),
            FetchOutcome::NotFound
        );
        assert!(parse_history(503, b"[]").is_transient());
        assert!(parse_history(200, b"{\"IsRated\":true}").is_transient());
        assert!(parse_history(200, br#"[{"IsRated":"yes","NewRating":5}]"#).is_transient());
    }
}
