//! LeetCode conversation: one aliased GraphQL query per chunk of users for the ratings,
//! then, only when some rated user's contest series must be reported (the series rule of
//! [`crate::clients`]), one more aliased query for the histories of just those users. The
//! history query is heavy (every contest LeetCode ever held), so an unchanged account never
//! costs one; and a history that cannot be read leaves the user `Rated` without a series.

use reqwest::header::{HeaderMap, HeaderValue, REFERER};

use super::{Wanted, redirect_not_followed};
use crate::http::{PlatformSettings, PoliteHttp, default_verdict};
use crate::outcome::{ContestResult, FetchOutcome};
use crate::parse::leetcode::{
    Aliases, batch_query, history_query, parse_graphql, parse_history_graphql,
};

/// LeetCode's GraphQL endpoint rejects POSTs without a same-site `Referer` (CSRF check).
pub(super) fn default_headers(settings: &PlatformSettings) -> HeaderMap {
    let mut headers = HeaderMap::new();
    if let Ok(referer) = HeaderValue::from_str(&format!("{}/", settings.base_url)) {
        headers.insert(REFERER, referer);
    }
    headers
}

pub(super) async fn fetch(http: &PoliteHttp, wanted: &[Wanted<'_>]) -> Vec<FetchOutcome> {
    let names: Vec<&str> = wanted.iter().map(|w| w.handle.as_str()).collect();
    let aliases: Vec<Aliases> = (0..names.len()).map(Aliases::for_index).collect();
    let mut outcomes = match http
        .post_json(&["graphql"], &batch_query(&names), default_verdict)
        .await
    {
        Ok(reply) if reply.is_redirect() => vec![redirect_not_followed(&reply); names.len()],
        Ok(reply) => parse_graphql(reply.status, &reply.body, &aliases),
        Err(failure) => vec![failure.to_outcome(); names.len()],
    };
    attach_series(http, wanted, &mut outcomes).await;
    outcomes
}

/// Reads the contest histories of the rated users whose series must be reported, in one
/// request, and attaches each one that could be read.
async fn attach_series(http: &PoliteHttp, wanted: &[Wanted<'_>], outcomes: &mut [FetchOutcome]) {
    let needing: Vec<usize> = (0..wanted.len())
        .filter(|&i| matches!(&outcomes[i], FetchOutcome::Rated(s) if wanted[i].needs_series(s)))
        .collect();
    if needing.is_empty() {
        return;
    }
    let names: Vec<&str> = needing.iter().map(|&i| wanted[i].handle.as_str()).collect();
    let aliases: Vec<Aliases> = (0..names.len()).map(Aliases::for_index).collect();
    let histories: Vec<Result<Vec<ContestResult>, String>> = match http
        .post_json(&["graphql"], &history_query(&names), default_verdict)
        .await
    {
        Ok(reply) if reply.is_redirect() => {
            vec![Err(format!("HTTP {} redirect not followed", reply.status)); names.len()]
        }
        Ok(reply) => parse_history_graphql(reply.status, &reply.body, &aliases),
        Err(failure) => vec![Err(failure.reason); names.len()],
    };
    for (&i, history) in needing.iter().zip(histories) {
        let FetchOutcome::Rated(snapshot) = &mut outcomes[i] else {
            continue;
        };
        match history {
            Ok(series) => snapshot.contests = Some(series),
            // The rating stands; the series is asked for again next time (the rule still
            // holds while the stored series is behind).
            Err(reason) => tracing::warn!(
                handle = %wanted[i].handle,
                %reason,
                "LeetCode contest history not read; keeping the rating without it"
            ),
        }
    }
}
