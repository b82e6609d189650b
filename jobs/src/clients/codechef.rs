//! CodeChef conversation: one profile page per handle. The redirect an unknown handle gets
//! is not followed (the polite layer never follows a redirect to the site root), so the
//! parser sees the 3xx and its `Location`.

use super::Wanted;
use crate::http::{PoliteHttp, default_verdict};
use crate::outcome::FetchOutcome;
use crate::parse::codechef::parse_profile_response;

pub(super) async fn fetch(http: &PoliteHttp, wanted: &[Wanted<'_>]) -> Vec<FetchOutcome> {
    let mut outcomes = Vec::with_capacity(wanted.len());
    for w in wanted {
        let path = ["users", w.handle.as_str()];
        outcomes.push(match http.get(&path, &[], default_verdict).await {
            Ok(reply) => {
                parse_profile_response(reply.status, reply.location.as_deref(), &reply.body)
            }
            Err(failure) => failure.to_outcome(),
        });
    }
    outcomes
}
