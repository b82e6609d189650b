//! CodeChef conversation: one profile page per handle. The redirect an unknown handle gets
//! is not followed (the polite layer never follows a redirect to the site root), so the
//! parser sees the 3xx and its `Location`.
//!
//! Pages (up to 2 MiB) are parsed on the blocking pool within [`PARSE_BUDGET`], so one
//! platform's page can never stall the async workers that serve the other platforms (the
//! parser is linear; the budget is a second line of defence).
//!
//! The page's script data also holds the contest series; it is kept only when the series
//! rule (see [`crate::clients`]) asks for it.

use std::time::Duration;

use super::Wanted;
use crate::http::{HttpReply, PoliteHttp, default_verdict};
use crate::outcome::FetchOutcome;
use crate::parse::codechef::parse_profile_response;

pub(super) async fn fetch(http: &PoliteHttp, wanted: &[Wanted<'_>]) -> Vec<FetchOutcome> {
    let mut outcomes = Vec::with_capacity(wanted.len());
    for w in wanted {
        let path = ["users", w.handle.as_str()];
        outcomes.push(match http.get(&path, &[], default_verdict).await {
            Ok(reply) => w.report_series_if_needed(parse_off_the_workers(reply).await),
            Err(failure) => failure.to_outcome(),
        });
    }
    outcomes
}

/// The longest a page may take to parse before it is given up as unusable.
pub const PARSE_BUDGET: Duration = Duration::from_secs(2);

async fn parse_off_the_workers(reply: HttpReply) -> FetchOutcome {
    let parsing = tokio::task::spawn_blocking(move || {
        parse_profile_response(reply.status, reply.location.as_deref(), &reply.body)
    });
    match tokio::time::timeout(PARSE_BUDGET, parsing).await {
        Ok(Ok(outcome)) => outcome,
        Ok(Err(failed)) => FetchOutcome::transient(format!("the CodeChef parser failed: {failed}")),
        Err(_) => FetchOutcome::transient(format!(
            "the CodeChef page took longer than {PARSE_BUDGET:?} to parse"
        )),
    }
}
