//! AtCoder conversation: one contest-history request per handle. The history is also the
//! contest series, so reporting it costs nothing; it is kept only when the series rule
//! (see [`crate::clients`]) asks for it.

use super::{Wanted, redirect_not_followed};
use crate::http::{PoliteHttp, default_verdict};
use crate::outcome::FetchOutcome;
use crate::parse::atcoder::parse_history;

pub(super) async fn fetch(http: &PoliteHttp, wanted: &[Wanted<'_>]) -> Vec<FetchOutcome> {
    let mut outcomes = Vec::with_capacity(wanted.len());
    for w in wanted {
        let path = ["users", w.handle.as_str(), "history", "json"];
        outcomes.push(match http.get(&path, &[], default_verdict).await {
            Ok(reply) if reply.is_redirect() => redirect_not_followed(&reply),
            Ok(reply) => w.report_series_if_needed(parse_history(reply.status, &reply.body)),
            Err(failure) => failure.to_outcome(),
        });
    }
    outcomes
}
