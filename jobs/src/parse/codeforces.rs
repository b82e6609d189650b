//! Codeforces: the official API's `user.info` (batched) and `user.rating` replies.
//!
//! Every reply is an envelope `{"status":"OK","result":...}` or
//! `{"status":"FAILED","comment":"..."}`; the HTTP status is secondary (a FAILED body comes
//! with 400, a call-limit one typically with 503), so the body decides. Two FAILED comments
//! matter:
//!
//! * `handles: User with handle X not found`: the *whole batch* is refused because of one
//!   handle; the caller drops X (reported by index) and asks again for the rest.
//! * `Call limit exceeded`: Codeforces' own rate limit; back off and retry.
//!
//! `user.info` answers objects in request order, matched here case-insensitively by handle.
//! A handle that was renamed answers under its new handle, so an unmatched request falls
//! back to the object at its own position when the counts agree. An account that never took
//! a rated contest has no `rating`/`rank` keys at all: that is `Unrated`, not a zero.
//!
//! `user.rating` also gives the contest series ([`ContestHistory::contests`]): one
//! `RatingChange` per rated contest, oldest first. A first contest's `oldRating` is 0, and
//! it is kept as `Some(0.0)`: that is what Codeforces reports, and the series is stored as
//! reported.

use serde_json::{Map, Value};

use super::{count_u32, describe_body, finite_f64};
use crate::outcome::{ContestResult, FetchOutcome, RatingSnapshot};

/// What a `user.info?handles=...` reply says about the requested batch.
#[derive(Debug, Clone, PartialEq)]
pub enum UserInfoReply {
    /// One outcome per requested handle, in request order. `Rated` snapshots have
    /// `attended_contests: None`: `user.info` does not carry it (see [`parse_user_rating`]).
    Users(Vec<FetchOutcome>),
    /// The batch was refused because the handle at this index (of the request) does not
    /// exist. Nothing is known about the others yet.
    HandleNotFound(usize),
    /// Codeforces' call limit was hit; nothing is known, back off and retry.
    CallLimitExceeded,
    /// Nothing usable: the reason, for logs.
    Unusable(String),
}

/// What a `user.rating?handle=X` reply says.
#[derive(Debug, Clone, PartialEq)]
pub enum UserRatingReply {
    /// The rated-contest history, summarised.
    History(ContestHistory),
    /// No such handle.
    NotFound,
    /// Codeforces' call limit was hit.
    CallLimitExceeded,
    /// Nothing usable: the reason, for logs.
    Unusable(String),
}

/// A summary of `user.rating`: one entry per rated contest.
#[derive(Debug, Clone, PartialEq)]
pub struct ContestHistory {
    /// Number of rated contests.
    pub attended: u32,
    /// `newRating` of the last contest, if any.
    pub last_rating: Option<f64>,
    /// The highest `newRating`, if any.
    pub max_rating: Option<f64>,
    /// Every rated contest, oldest first; `None` when a change lacks a field a
    /// [`ContestResult`] needs (`contestId`, `contestName`, `ratingUpdateTimeSeconds`), while
    /// the count and ratings above still hold.
    pub contests: Option<Vec<ContestResult>>,
}

/// The FAILED comments that mean something, plus "anything else".
enum Failure {
    NotFound(String),
    CallLimit,
    Other(String),
}

/// Opens the `{"status": ..., ...}` envelope and returns `result`.
fn open_envelope(status: u16, body: &[u8]) -> Result<Value, Failure> {
    let Ok(Value::Object(mut envelope)) = serde_json::from_slice::<Value>(body) else {
        return Err(Failure::Other(format!(
            "Codeforces answered HTTP {status} with a non-JSON body: {}",
            describe_body(body)
        )));
    };
    match envelope.get("status").and_then(Value::as_str) {
        Some("OK") if status == 200 => envelope
            .remove("result")
            .ok_or_else(|| Failure::Other("Codeforces OK reply without result".into())),
        Some("FAILED") => {
            let comment = envelope
                .get("comment")
                .and_then(Value::as_str)
                .unwrap_or_default();
            if comment.contains("Call limit exceeded") {
                Err(Failure::CallLimit)
            } else if let Some(handle) = not_found_handle(comment) {
                Err(Failure::NotFound(handle.to_owned()))
            } else {
                Err(Failure::Other(format!(
                    "Codeforces FAILED (HTTP {status}): {comment}"
                )))
            }
        }
        _ => Err(Failure::Other(format!(
            "Codeforces answered HTTP {status} without a usable status: {}",
            describe_body(body)
        ))),
    }
}

/// `handles: User with handle X not found` → `X`.
fn not_found_handle(comment: &str) -> Option<&str> {
    const START: &str = "User with handle ";
    let rest = &comment[comment.find(START)? + START.len()..];
    let handle = rest[..rest.find(" not found")?].trim();
    (!handle.is_empty()).then_some(handle)
}

/// Parses a `user.info` reply for the handles that were requested, in that order.
pub fn parse_user_info(status: u16, body: &[u8], requested: &[&str]) -> UserInfoReply {
    let result = match open_envelope(status, body) {
        Ok(result) => result,
        Err(Failure::CallLimit) => return UserInfoReply::CallLimitExceeded,
        Err(Failure::NotFound(handle)) => {
            return match requested
                .iter()
                .position(|r| r.eq_ignore_ascii_case(&handle))
            {
                Some(index) => UserInfoReply::HandleNotFound(index),
                None => UserInfoReply::Unusable(format!(
                    "Codeforces reported unknown handle {handle:?}, which was not requested"
                )),
            };
        }
        Err(Failure::Other(reason)) => return UserInfoReply::Unusable(reason),
    };
    let Value::Array(users) = result else {
        return UserInfoReply::Unusable("Codeforces user.info result is not an array".into());
    };
    let objects: Vec<Option<&Map<String, Value>>> = users.iter().map(Value::as_object).collect();
    let handle_of = |i: usize| {
        objects[i]
            .and_then(|o| o.get("handle"))
            .and_then(Value::as_str)
    };

    let mut claimed = vec![false; objects.len()];
    let mut matched: Vec<Option<usize>> = requested
        .iter()
        .map(|wanted| {
            let i = (0..objects.len()).find(|&i| {
                !claimed[i] && handle_of(i).is_some_and(|h| h.eq_ignore_ascii_case(wanted))
            })?;
            claimed[i] = true;
            Some(i)
        })
        .collect();
    if objects.len() == requested.len() {
        for (position, slot) in matched.iter_mut().enumerate() {
            if slot.is_none() && !claimed[position] {
                claimed[position] = true;
                *slot = Some(position);
            }
        }
    }

    UserInfoReply::Users(
        matched
            .into_iter()
            .map(|slot| match slot.and_then(|i| objects[i]) {
                Some(user) => user_outcome(user),
                None => FetchOutcome::transient("handle missing from the Codeforces reply"),
            })
            .collect(),
    )
}

fn user_outcome(user: &Map<String, Value>) -> FetchOutcome {
    let Some(rating) = user.get("rating") else {
        return if user.contains_key("rank") {
            FetchOutcome::transient("Codeforces user has a rank but no rating")
        } else {
            FetchOutcome::Unrated
        };
    };
    let Some(rating) = finite_f64(rating) else {
        return FetchOutcome::transient("Codeforces rating is not a number");
    };
    FetchOutcome::Rated(RatingSnapshot {
        contests: None,
        rating,
        max_rating: user.get("maxRating").and_then(finite_f64),
        attended_contests: None,
        badge: user.get("rank").and_then(Value::as_str).map(str::to_owned),
    })
}

/// Parses a `user.rating` reply.
pub fn parse_user_rating(status: u16, body: &[u8]) -> UserRatingReply {
    let result = match open_envelope(status, body) {
        Ok(result) => result,
        Err(Failure::CallLimit) => return UserRatingReply::CallLimitExceeded,
        Err(Failure::NotFound(_)) => return UserRatingReply::NotFound,
        Err(Failure::Other(reason)) => return UserRatingReply::Unusable(reason),
    };
    let Value::Array(changes) = result else {
        return UserRatingReply::Unusable("Codeforces user.rating result is not an array".into());
    };
    let mut ratings = Vec::with_capacity(changes.len());
    for change in &changes {
        match change.get("newRating").and_then(finite_f64) {
            Some(r) => ratings.push(r),
            None => {
                return UserRatingReply::Unusable(
                    "Codeforces rating change without a numeric newRating".into(),
                );
            }
        }
    }
    let Ok(attended) = u32::try_from(ratings.len()) else {
        return UserRatingReply::Unusable("implausible number of rating changes".into());
    };
    UserRatingReply::History(ContestHistory {
        attended,
        last_rating: ratings.last().copied(),
        max_rating: ratings.iter().copied().reduce(f64::max),
        contests: changes.iter().zip(ratings).map(contest_result).collect(),
    })
}

/// One `RatingChange` (whose `newRating` was already read) as a [`ContestResult`].
fn contest_result((change, new_rating): (&Value, f64)) -> Option<ContestResult> {
    Some(ContestResult {
        contest_id: change.get("contestId")?.as_u64()?.to_string(),
        contest_name: change.get("contestName")?.as_str()?.to_owned(),
        time_ms: change
            .get("ratingUpdateTimeSeconds")?
            .as_i64()?
            .checked_mul(1000)?,
        rank: change.get("rank").and_then(count_u32),
        old_rating: change.get("oldRating").and_then(finite_f64),
        new_rating,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_not_found_comment_names_the_handle() {
        assert_eq!(
            not_found_handle("handles: User with handle this_handle_does_not_exist_zzz not found"),
            Some("this_handle_does_not_exist_zzz")
        );
        assert_eq!(
            not_found_handle("handle: User with handle a.b-c not found"),
            Some("a.b-c")
        );
        assert_eq!(not_found_handle("handles: Field should not be empty"), None);
        assert_eq!(not_found_handle("User with handle "), None);
        assert_eq!(not_found_handle("User with handle  not found"), None);
    }

    #[test]
    fn synthetic_user_without_rating_keys_is_unrated() {
        let body = br#"{"status":"OK","result":[{"handle":"newbie_x","contribution":0,"friendOfCount":0,"lastOnlineTimeSeconds":1,"registrationTimeSeconds":1,"avatar":"","titlePhoto":""}]}"#;
        assert_eq!(
            parse_user_info(200, body, &["newbie_x"]),
            UserInfoReply::Users(vec![FetchOutcome::Unrated])
        );
    }

    #[test]
    fn synthetic_call_limit_is_recognised_whatever_the_status() {
        let body = br#"{"status":"FAILED","comment":"Call limit exceeded"}"#;
        assert_eq!(
            parse_user_info(503, body, &["a"]),
            UserInfoReply::CallLimitExceeded
        );
        assert_eq!(
            parse_user_info(200, body, &["a"]),
            UserInfoReply::CallLimitExceeded
        );
        assert_eq!(
            parse_user_rating(503, body),
            UserRatingReply::CallLimitExceeded
        );
    }

    #[test]
    fn synthetic_renamed_handle_is_matched_by_position() {
        let body = br#"{"status":"OK","result":[{"handle":"First","rating":1500,"rank":"specialist"},{"handle":"NewName","rating":1200,"rank":"pupil"}]}"#;
        let UserInfoReply::Users(outcomes) = parse_user_info(200, body, &["first", "OldName"])
        else {
            panic!("not parsed");
        };
        assert!(matches!(&outcomes[1], FetchOutcome::Rated(s) if s.rating == 1200.0));
        assert!(matches!(&outcomes[0], FetchOutcome::Rated(s) if s.rating == 1500.0));
    }

    #[test]
    fn synthetic_empty_rating_history_counts_zero_contests() {
        assert_eq!(
            parse_user_rating(200, br#"{"status":"OK","result":[]}"#),
            UserRatingReply::History(ContestHistory {
                attended: 0,
                last_rating: None,
                max_rating: None,
                contests: Some(vec![]),
            })
        );
    }

    #[test]
    fn synthetic_change_without_a_contest_name_keeps_the_count_but_not_the_series() {
        let body = br#"{"status":"OK","result":[{"contestId":1,"rank":5,"ratingUpdateTimeSeconds":1,"oldRating":0,"newRating":1400}]}"#;
        assert_eq!(
            parse_user_rating(200, body),
            UserRatingReply::History(ContestHistory {
                attended: 1,
                last_rating: Some(1400.0),
                max_rating: Some(1400.0),
                contests: None,
            })
        );
    }

    #[test]
    fn an_ok_body_with_an_error_status_is_not_trusted() {
        let body = br#"{"status":"OK","result":[]}"#;
        assert!(matches!(
            parse_user_info(500, body, &["a"]),
            UserInfoReply::Unusable(_)
        ));
    }

    #[test]
    fn a_not_found_for_a_handle_that_was_not_requested_is_unusable() {
        let body = br#"{"status":"FAILED","comment":"handles: User with handle zzz not found"}"#;
        assert!(matches!(
            parse_user_info(400, body, &["a", "b"]),
            UserInfoReply::Unusable(_)
        ));
    }
}
