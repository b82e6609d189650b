//! LeetCode: the public GraphQL endpoint (`POST /graphql`).
//!
//! One request asks about several users at once by aliasing the two root fields per user
//! (`u0: matchedUser(...)`, `r0: userContestRanking(...)`, `u1: ...`). Usernames travel as
//! GraphQL *variables*, never spliced into the query text, so no username can change the
//! query. The per-user extraction reads an object through a pair of keys ([`Aliases`]), so
//! the same code reads an aliased batch and the plain single-user shape
//! (`data.matchedUser` / `data.userContestRanking`) that LeetCode's own site queries and the
//! captured fixtures use.
//!
//! Meaning of a reply, per user:
//! * `matchedUser: null`, or an error whose `path` starts at that user's alias with
//!   "That user does not exist." → `NotFound` (LeetCode sends this with HTTP 200).
//! * user present, `userContestRanking: null` (or zero attended contests) → `Unrated`.
//! * ranking present → `Rated`, with the fractional rating kept exactly.
//! * any other error (rate limit, query error, no path) → `Transient`.
//!
//! LeetCode reports no maximum rating in `userContestRanking`, so `max_rating` is `None`.
//!
//! The contest series comes from a second query shape, [`history_query`]
//! (`h0: userContestRankingHistory(...)`), sent only for the users whose series must be
//! reported: the history lists *every* contest LeetCode held since the account existed
//! (306 entries for a user with 31 contests), so it is far too heavy for every refresh.
//! An entry counts when `attended` is true or, in replies without `attended` (the 2021
//! shape of the captured fixture), when its `ranking` is positive. Ids are slugs of the
//! title (`Weekly Contest 252` → `weekly-contest-252`, the id in LeetCode's contest URLs);
//! the first counted contest's old rating is LeetCode's starting rating, 1500.

use serde_json::{Map, Value, json};

use super::{count_u32, describe_body, finite_f64};
use crate::outcome::{ContestResult, FetchOutcome, RatingSnapshot};

/// The rating every LeetCode account starts from, before its first contest.
const STARTING_RATING: f64 = 1500.0;

/// Where one user's fields live in `data` (and in error `path`s).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Aliases {
    /// Key of the `matchedUser` field.
    pub user: String,
    /// Key of the `userContestRanking` field.
    pub ranking: String,
    /// Key of the `userContestRankingHistory` field (in [`history_query`] replies).
    pub history: String,
}

impl Aliases {
    /// The un-aliased single-user shape: `matchedUser` / `userContestRanking` /
    /// `userContestRankingHistory`.
    pub fn unaliased() -> Self {
        Aliases {
            user: "matchedUser".into(),
            ranking: "userContestRanking".into(),
            history: "userContestRankingHistory".into(),
        }
    }

    /// The aliases [`batch_query`] and [`history_query`] give the user at `index`:
    /// `u{index}` / `r{index}` / `h{index}`.
    pub fn for_index(index: usize) -> Self {
        Aliases {
            user: format!("u{index}"),
            ranking: format!("r{index}"),
            history: format!("h{index}"),
        }
    }
}

/// The JSON body of one GraphQL request asking about all `usernames`; user `i` is
/// answered under [`Aliases::for_index`]`(i)`.
pub fn batch_query(usernames: &[&str]) -> Value {
    aliased_query("profilehubRatings", usernames, |i| {
        format!(
            "u{i}: matchedUser(username: $n{i}) {{ username }} \
             r{i}: userContestRanking(username: $n{i}) {{ attendedContestsCount rating badge {{ name }} }}"
        )
    })
}

/// The JSON body of one GraphQL request asking for the contest histories of `usernames`;
/// user `i`'s is answered under [`Aliases::for_index`]`(i).history`. Read it with
/// [`parse_history_graphql`].
pub fn history_query(usernames: &[&str]) -> Value {
    aliased_query("profilehubRatingHistories", usernames, |i| {
        format!(
            "h{i}: userContestRankingHistory(username: $n{i}) \
             {{ attended rating ranking contest {{ title startTime }} }}"
        )
    })
}

/// A query named `operation` with the fields `fields(i)` for each user `i`, whose username
/// travels as the variable `$n{i}` (never in the query text).
fn aliased_query(operation: &str, usernames: &[&str], fields: impl Fn(usize) -> String) -> Value {
    let mut params = Vec::with_capacity(usernames.len());
    let mut selection = String::new();
    let mut variables = Map::new();
    for (i, name) in usernames.iter().enumerate() {
        params.push(format!("$n{i}: String!"));
        selection.push(' ');
        selection.push_str(&fields(i));
        variables.insert(format!("n{i}"), Value::from(*name));
    }
    json!({
        "query": format!("query {operation}({}) {{{selection} }}", params.join(", ")),
        "variables": variables,
        "operationName": operation,
    })
}

/// A GraphQL reply whose envelope was understood: its `data` and its errors, all of which
/// name a path.
struct GraphqlReply {
    data: Option<Map<String, Value>>,
    errors: Vec<Value>,
}

/// Opens a GraphQL reply, or says why nothing in it concerns any one user.
fn open_reply(status: u16, body: &[u8]) -> Result<GraphqlReply, String> {
    if status != 200 {
        return Err(format!("LeetCode answered HTTP {status}"));
    }
    let Ok(Value::Object(mut reply)) = serde_json::from_slice::<Value>(body) else {
        return Err(format!(
            "LeetCode reply is not a JSON object: {}",
            describe_body(body)
        ));
    };
    let errors = match reply.remove("errors") {
        Some(Value::Array(errors)) => errors,
        _ => Vec::new(),
    };
    // An error without a path concerns the whole request (rate limit, bad query).
    if let Some(global) = errors.iter().find(|e| error_root(e).is_none()) {
        return Err(format!("LeetCode GraphQL error: {}", error_message(global)));
    }
    let data = match reply.remove("data") {
        Some(Value::Object(data)) => Some(data),
        _ => None,
    };
    Ok(GraphqlReply { data, errors })
}

/// Parses a GraphQL reply: one outcome per entry of `users`, in that order.
pub fn parse_graphql(status: u16, body: &[u8], users: &[Aliases]) -> Vec<FetchOutcome> {
    match open_reply(status, body) {
        Err(reason) => vec![FetchOutcome::transient(reason); users.len()],
        Ok(reply) => users
            .iter()
            .map(|a| user_outcome(reply.data.as_ref(), &reply.errors, a))
            .collect(),
    }
}

/// Parses a [`history_query`] reply: for each entry of `users`, in that order, the
/// contests that count, oldest first, or why they could not be read (for logs).
pub fn parse_history_graphql(
    status: u16,
    body: &[u8],
    users: &[Aliases],
) -> Vec<Result<Vec<ContestResult>, String>> {
    match open_reply(status, body) {
        Err(reason) => vec![Err(reason); users.len()],
        Ok(reply) => users.iter().map(|a| user_history(&reply, a)).collect(),
    }
}

fn user_history(reply: &GraphqlReply, keys: &Aliases) -> Result<Vec<ContestResult>, String> {
    if let Some(error) = reply
        .errors
        .iter()
        .find(|e| error_root(e) == Some(keys.history.as_str()))
    {
        return Err(format!("LeetCode GraphQL error: {}", error_message(error)));
    }
    let Some(Value::Array(entries)) = reply.data.as_ref().and_then(|d| d.get(&keys.history)) else {
        return Err("LeetCode reply lacks the contest history".into());
    };
    let mut previous = STARTING_RATING;
    let mut series = Vec::new();
    for entry in entries {
        let counted = match entry.get("attended") {
            Some(Value::Bool(attended)) => *attended,
            None | Some(Value::Null) => entry
                .get("ranking")
                .and_then(Value::as_u64)
                .is_some_and(|r| r > 0),
            Some(_) => return Err("LeetCode history entry with a non-boolean attended".into()),
        };
        if !counted {
            continue;
        }
        let result = contest_result(entry, previous)
            .ok_or("LeetCode history entry without a contest title, startTime or rating")?;
        previous = result.new_rating;
        series.push(result);
    }
    Ok(series)
}

/// One counted history entry, after a contest that left the rating at `previous`.
fn contest_result(entry: &Value, previous: f64) -> Option<ContestResult> {
    let contest = entry.get("contest")?;
    let title = contest.get("title")?.as_str()?;
    let contest_id = contest_slug(title);
    if contest_id.is_empty() {
        return None;
    }
    Some(ContestResult {
        contest_id,
        contest_name: title.to_owned(),
        time_ms: contest.get("startTime")?.as_i64()?.checked_mul(1000)?,
        rank: entry.get("ranking").and_then(count_u32).filter(|&r| r > 0),
        old_rating: Some(previous),
        new_rating: entry.get("rating").and_then(finite_f64)?,
    })
}

/// LeetCode's contest slug of a title: lowercase, every run of other characters one `-`,
/// none at either end (`Weekly Contest 252` → `weekly-contest-252`).
fn contest_slug(title: &str) -> String {
    let mut slug = String::with_capacity(title.len());
    for c in title.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    if slug.ends_with('-') {
        slug.pop();
    }
    slug
}

fn error_root(error: &Value) -> Option<&str> {
    error.get("path")?.as_array()?.first()?.as_str()
}

fn error_message(error: &Value) -> &str {
    error
        .get("message")
        .and_then(Value::as_str)
        .unwrap_or("(no message)")
}

fn user_outcome(
    data: Option<&Map<String, Value>>,
    errors: &[Value],
    keys: &Aliases,
) -> FetchOutcome {
    let own_errors = errors
        .iter()
        .filter(|e| error_root(e).is_some_and(|root| root == keys.user || root == keys.ranking));
    let mut other_error = None;
    for error in own_errors {
        if error_message(error).contains("user does not exist") {
            return FetchOutcome::NotFound;
        }
        other_error.get_or_insert(error_message(error));
    }
    if let Some(message) = other_error {
        return FetchOutcome::transient(format!("LeetCode GraphQL error: {message}"));
    }
    let Some(data) = data else {
        return FetchOutcome::transient("LeetCode reply without data");
    };

    let user = data.get(&keys.user);
    if matches!(user, Some(Value::Null)) {
        return FetchOutcome::NotFound;
    }
    if user.is_some_and(|u| !u.is_object()) {
        return FetchOutcome::transient("LeetCode matchedUser is not an object");
    }
    match data.get(&keys.ranking) {
        // Only a confirmed account makes a missing ranking mean "no contests yet".
        Some(Value::Null) if user.is_some() => FetchOutcome::Unrated,
        Some(Value::Object(ranking)) => ranking_outcome(ranking),
        Some(Value::Null) => {
            FetchOutcome::transient("LeetCode ranking is null and the account was not queried")
        }
        Some(_) => FetchOutcome::transient("LeetCode userContestRanking is not an object"),
        None => FetchOutcome::transient("LeetCode reply lacks userContestRanking"),
    }
}

fn ranking_outcome(ranking: &Map<String, Value>) -> FetchOutcome {
    let attended = match ranking.get("attendedContestsCount") {
        None | Some(Value::Null) => None,
        Some(v) => match count_u32(v) {
            Some(n) => Some(n),
            None => {
                return FetchOutcome::transient("LeetCode attendedContestsCount is not a count");
            }
        },
    };
    if attended == Some(0) {
        // LeetCode shows the 1500 starting rating before any contest; that is not a rating.
        return FetchOutcome::Unrated;
    }
    let Some(rating) = ranking
        .get("rating")
        .and_then(finite_f64)
        .filter(|r| *r > 0.0)
    else {
        return FetchOutcome::transient("LeetCode ranking without a positive rating");
    };
    let badge = ranking
        .get("badge")
        .and_then(|b| b.get("name"))
        .and_then(Value::as_str)
        .map(str::to_owned);
    FetchOutcome::Rated(RatingSnapshot {
        contests: None,
        rating,
        max_rating: None,
        attended_contests: attended,
        badge,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_batch_query_passes_usernames_as_variables() {
        let body = batch_query(&["a\"b", "c"]);
        let query = body["query"].as_str().unwrap();
        assert!(query.starts_with("query profilehubRatings($n0: String!, $n1: String!) {"));
        assert!(query.contains("u1: matchedUser(username: $n1) { username }"));
        assert!(query.contains("r0: userContestRanking(username: $n0)"));
        assert!(!query.contains("a\\\"b") && !query.contains("a\"b"));
        assert_eq!(body["variables"]["n0"], "a\"b");
        assert_eq!(body["variables"]["n1"], "c");
    }

    fn aliased() -> Vec<Aliases> {
        (0..3).map(Aliases::for_index).collect()
    }

    #[test]
    fn synthetic_aliased_batch_covers_ranked_with_badge_unrated_and_unknown() {
        let body = br#"{"errors":[{"message":"That user does not exist.","locations":[{"line":1,"column":200}],"path":["u2"],"extensions":{"handled":true}}],
          "data":{"u0":{"username":"Knightly"},"r0":{"attendedContestsCount":40,"rating":1912.345678,"badge":{"name":"Knight"}},
                  "u1":{"username":"fresh"},"r1":null,
                  "u2":null,"r2":null}}"#;
        let outcomes = parse_graphql(200, body, &aliased());
        assert_eq!(
            outcomes[0],
            FetchOutcome::Rated(RatingSnapshot {
                contests: None,
                rating: 1912.345678,
                max_rating: None,
                attended_contests: Some(40),
                badge: Some("Knight".into())
            })
        );
        assert_eq!(outcomes[1], FetchOutcome::Unrated);
        assert_eq!(outcomes[2], FetchOutcome::NotFound);
    }

    #[test]
    fn synthetic_ranking_with_zero_contests_is_unrated() {
        let body = br#"{"data":{"matchedUser":{"username":"x"},"userContestRanking":{"attendedContestsCount":0,"rating":1500.0,"badge":null}}}"#;
        assert_eq!(
            parse_graphql(200, body, &[Aliases::unaliased()]),
            vec![FetchOutcome::Unrated]
        );
    }

    #[test]
    fn synthetic_rate_limit_error_without_path_is_transient_for_everyone() {
        let body = br#"{"errors":[{"message":"You have been rate limited."}],"data":null}"#;
        let outcomes = parse_graphql(200, body, &aliased());
        assert!(
            outcomes.iter().all(FetchOutcome::is_transient),
            "{outcomes:?}"
        );
    }

    #[test]
    fn synthetic_other_error_on_one_alias_is_transient_for_that_user_only() {
        let body = br#"{"errors":[{"message":"Internal error","path":["r1"]}],
          "data":{"u0":{"username":"a"},"r0":null,"u1":{"username":"b"},"r1":null,"u2":{"username":"c"},"r2":null}}"#;
        let outcomes = parse_graphql(200, body, &aliased());
        assert_eq!(outcomes[0], FetchOutcome::Unrated);
        assert!(outcomes[1].is_transient());
        assert_eq!(outcomes[2], FetchOutcome::Unrated);
    }

    #[test]
    fn the_history_query_passes_usernames_as_variables() {
        let body = history_query(&["a\"b", "c"]);
        let query = body["query"].as_str().unwrap();
        assert!(query.starts_with("query profilehubRatingHistories($n0: String!, $n1: String!) {"));
        assert!(query.contains("h1: userContestRankingHistory(username: $n1)"));
        assert!(query.contains("{ attended rating ranking contest { title startTime } }"));
        assert!(!query.contains("a\\\"b") && !query.contains("a\"b"));
        assert_eq!(body["variables"]["n0"], "a\"b");
        assert_eq!(body["operationName"], "profilehubRatingHistories");
    }

    #[test]
    fn contest_slugs_follow_leetcode_urls() {
        assert_eq!(contest_slug("Weekly Contest 252"), "weekly-contest-252");
        assert_eq!(contest_slug("Biweekly Contest 41"), "biweekly-contest-41");
        assert_eq!(contest_slug("  LCCI -- Spring/2020!  "), "lcci-spring-2020");
        assert_eq!(contest_slug("--"), "");
    }

    #[test]
    fn synthetic_aliased_history_counts_attended_entries_and_chains_from_1500() {
        let body = br#"{"errors":[{"message":"boom","path":["h1"]}],"data":{
          "h0":[{"attended":false,"rating":1500,"ranking":0,"contest":{"title":"Weekly Contest 1","startTime":100}},
                {"attended":true,"rating":1530.5,"ranking":12,"contest":{"title":"Weekly Contest 2","startTime":200}},
                {"attended":true,"rating":1490.25,"ranking":900,"contest":{"title":"Biweekly Contest 3","startTime":300}}],
          "h1":null,
          "h2":[{"attended":"yes","rating":1500,"ranking":1,"contest":{"title":"W","startTime":1}}],
          "h3":[{"attended":true,"rating":1500,"ranking":1,"contest":{"title":"W"}}],
          "h4":[]}}"#;
        let users: Vec<Aliases> = (0..6).map(Aliases::for_index).collect();
        let histories = parse_history_graphql(200, body, &users);
        assert_eq!(
            histories[0],
            Ok(vec![
                ContestResult {
                    contest_id: "weekly-contest-2".into(),
                    contest_name: "Weekly Contest 2".into(),
                    time_ms: 200_000,
                    rank: Some(12),
                    old_rating: Some(1500.0),
                    new_rating: 1530.5,
                },
                ContestResult {
                    contest_id: "biweekly-contest-3".into(),
                    contest_name: "Biweekly Contest 3".into(),
                    time_ms: 300_000,
                    rank: Some(900),
                    old_rating: Some(1530.5),
                    new_rating: 1490.25,
                },
            ])
        );
        assert!(histories[1].as_ref().is_err_and(|e| e.contains("boom")));
        assert!(histories[2].is_err(), "attended must be a boolean");
        assert!(histories[3].is_err(), "a counted entry needs its time");
        assert_eq!(histories[4], Ok(vec![]));
        assert!(histories[5].is_err(), "absent from the reply");
    }

    #[test]
    fn synthetic_history_reply_with_a_global_error_fails_for_everyone() {
        let body = br#"{"errors":[{"message":"You have been rate limited."}],"data":null}"#;
        let users: Vec<Aliases> = (0..2).map(Aliases::for_index).collect();
        assert!(
            parse_history_graphql(200, body, &users)
                .iter()
                .all(Result::is_err)
        );
        assert!(
            parse_history_graphql(502, b"{}", &users)
                .iter()
                .all(Result::is_err)
        );
    }

    #[test]
    fn non_200_statuses_are_transient() {
        let outcomes = parse_graphql(429, b"{}", &aliased());
        assert!(outcomes.iter().all(FetchOutcome::is_transient));
    }
}
