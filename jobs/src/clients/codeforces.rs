//! Codeforces conversation: one batched `user.info` per chunk, dropping unknown handles
//! one at a time (Codeforces refuses the whole batch for one unknown handle), then
//! `user.rating` only for handles whose rating moved, whose contest count is unknown, or
//! whose stored contest series does not have that count (`user.info` has no contest count,
//! and `user.rating` costs a request per user). The same `user.rating` reply is the contest
//! series, reported when the series rule (see [`crate::clients`]) asks for it.

use super::{Wanted, redirect_not_followed};
use crate::http::{HttpReply, PoliteHttp, Verdict, default_verdict};
use crate::outcome::FetchOutcome;
use crate::parse::codeforces::{
    UserInfoReply, UserRatingReply, parse_user_info, parse_user_rating,
};

/// Retries "Call limit exceeded" (whatever the status) besides the default cases.
fn verdict(reply: &HttpReply) -> Verdict {
    // Only small error bodies are inspected: a user.info result can mention anything.
    let call_limit = reply.body.len() < 4096
        && serde_json::from_slice::<serde_json::Value>(&reply.body).is_ok_and(|v| {
            v["status"] == "FAILED"
                && v["comment"]
                    .as_str()
                    .is_some_and(|c| c.contains("Call limit exceeded"))
        });
    if call_limit {
        Verdict::Retry {
            reason: "Codeforces call limit exceeded".into(),
            rate_limited: true,
        }
    } else {
        default_verdict(reply)
    }
}

pub(super) async fn fetch(http: &PoliteHttp, wanted: &[Wanted<'_>]) -> Vec<FetchOutcome> {
    let infos = user_info(http, wanted).await;
    let mut outcomes = Vec::with_capacity(wanted.len());
    for (w, info) in wanted.iter().zip(infos) {
        outcomes.push(with_attendance(http, w, info).await);
    }
    outcomes
}

async fn user_info(http: &PoliteHttp, wanted: &[Wanted<'_>]) -> Vec<FetchOutcome> {
    let mut results: Vec<Option<FetchOutcome>> = vec![None; wanted.len()];
    let mut remaining: Vec<usize> = (0..wanted.len()).collect();
    let outcome_for_rest = loop {
        if remaining.is_empty() {
            break None;
        }
        let names: Vec<&str> = remaining
            .iter()
            .map(|&i| wanted[i].handle.as_str())
            .collect();
        let joined = names.join(";");
        let reply = match http
            .get(&["api", "user.info"], &[("handles", &joined)], verdict)
            .await
        {
            Ok(reply) if reply.is_redirect() => break Some(redirect_not_followed(&reply)),
            Ok(reply) => reply,
            Err(failure) => break Some(failure.to_outcome()),
        };
        match parse_user_info(reply.status, &reply.body, &names) {
            UserInfoReply::Users(outcomes) => {
                for (&i, outcome) in remaining.iter().zip(outcomes) {
                    results[i] = Some(outcome);
                }
                break None;
            }
            UserInfoReply::HandleNotFound(position) => {
                let i = remaining.remove(position);
                results[i] = Some(FetchOutcome::NotFound);
            }
            UserInfoReply::CallLimitExceeded => break Some(call_limit(http)),
            UserInfoReply::Unusable(reason) => break Some(FetchOutcome::transient(reason)),
        }
    };
    results
        .into_iter()
        .map(|r| {
            r.or_else(|| outcome_for_rest.clone())
                .unwrap_or_else(|| FetchOutcome::transient("no answer for this handle"))
        })
        .collect()
}

fn call_limit(http: &PoliteHttp) -> FetchOutcome {
    FetchOutcome::Transient {
        reason: "Codeforces call limit exceeded".into(),
        retry_after: Some(http.settings().backoff_max),
    }
}

/// Fills `attended_contests` of a rated outcome, reusing the previous count when the
/// rating has not moved (a rated contest always moves the rating, give or take a
/// zero-change contest, which the next rating change corrects) and the stored series has
/// that many contests; otherwise reads `user.rating`, and reports its series when needed.
async fn with_attendance(
    http: &PoliteHttp,
    wanted: &Wanted<'_>,
    info: FetchOutcome,
) -> FetchOutcome {
    let FetchOutcome::Rated(mut snapshot) = info else {
        return info;
    };
    if let Some(previous) = wanted.previous
        && previous.rating == snapshot.rating
        && let Some(count) = previous.attended_contests
        && count == wanted.stored_contests
    {
        snapshot.attended_contests = Some(count);
        return FetchOutcome::Rated(snapshot);
    }
    let reply = match http
        .get(
            &["api", "user.rating"],
            &[("handle", &wanted.handle)],
            verdict,
        )
        .await
    {
        Ok(reply) if reply.is_redirect() => return redirect_not_followed(&reply),
        Ok(reply) => reply,
        Err(failure) => return failure.to_outcome(),
    };
    match parse_user_rating(reply.status, &reply.body) {
        UserRatingReply::History(history) => {
            snapshot.attended_contests = Some(history.attended);
            if wanted.needs_series(&snapshot) {
                snapshot.contests = history.contests;
            }
            FetchOutcome::Rated(snapshot)
        }
        UserRatingReply::NotFound => {
            FetchOutcome::transient("user.rating does not know a handle user.info found")
        }
        UserRatingReply::CallLimitExceeded => call_limit(http),
        UserRatingReply::Unusable(reason) => FetchOutcome::transient(reason),
    }
}
