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

use serde_json::{Map, Value, json};

use super::{count_u32, describe_body, finite_f64};
use crate::outcome::{FetchOutcome, RatingSnapshot};

/// Where one user's two fields live in `data` (and in error `path`s).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Aliases {
    /// Key of the `matchedUser` field.
    pub user: String,
    /// Key of the `userContestRanking` field.
    pub ranking: String,
}

impl Aliases {
    /// The un-aliased single-user shape: `matchedUser` / `userContestRanking`.
    pub fn unaliased() -> Self {
        Aliases {
            user: "matchedUser".into(),
            ranking: "userContestRanking".into(),
        }
    }

    /// The aliases [`batch_query`] gives the user at `index`: `u{index}` / `r{index}`.
    pub fn for_index(index: usize) -> Self {
        Aliases {
            user: format!("u{index}"),
            ranking: format!("r{index}"),
        }
    }
}

/// The JSON body of one GraphQL request asking about all `usernames`; user `i` is
/// answered under [`Aliases::for_index`]`(i)`.
pub fn batch_query(usernames: &[&str]) -> Value {
    let mut params = Vec::with_capacity(usernames.len());
    let mut fields = String::new();
    let mut variables = Map::new();
    for (i, name) in usernames.iter().enumerate() {
        params.push(format!("$n{i}: String!"));
        fields.push_str(&format!(
            " u{i}: matchedUser(username: $n{i}) {{ username }} \
             r{i}: userContestRanking(username: $n{i}) {{ attendedContestsCount rating badge {{ name }} }}"
        ));
        variables.insert(format!("n{i}"), Value::from(*name));
    }
    json!({
        "query": format!("query profilehubRatings({}) {{{fields} }}", params.join(", ")),
        "variables": variables,
        "operationName": "profilehubRatings",
    })
}

/// Parses a GraphQL reply: one outcome per entry of `users`, in that order.
pub fn parse_graphql(status: u16, body: &[u8], users: &[Aliases]) -> Vec<FetchOutcome> {
    let all = |outcome: FetchOutcome| vec![outcome; users.len()];
    if status != 200 {
        return all(FetchOutcome::transient(format!(
            "LeetCode answered HTTP {status}"
        )));
    }
    let Ok(Value::Object(reply)) = serde_json::from_slice::<Value>(body) else {
        return all(FetchOutcome::transient(format!(
            "LeetCode reply is not a JSON object: {}",
            describe_body(body)
        )));
    };
    let errors: &[Value] = reply
        .get("errors")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice);
    let data = reply.get("data").and_then(Value::as_object);

    // An error without a path concerns the whole request (rate limit, bad query).
    if let Some(global) = errors.iter().find(|e| error_root(e).is_none()) {
        return all(FetchOutcome::transient(format!(
            "LeetCode GraphQL error: {}",
            error_message(global)
        )));
    }
    users
        .iter()
        .map(|a| user_outcome(data, errors, a))
        .collect()
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
    fn non_200_statuses_are_transient() {
        let outcomes = parse_graphql(429, b"{}", &aliased());
        assert!(outcomes.iter().all(FetchOutcome::is_transient));
    }
}
