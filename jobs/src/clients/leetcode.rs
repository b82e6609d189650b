//! LeetCode conversation: one aliased GraphQL query per chunk of users.

use reqwest::header::{HeaderMap, HeaderValue, REFERER};

use super::{Wanted, redirect_not_followed};
use crate::http::{PlatformSettings, PoliteHttp, default_verdict};
use crate::outcome::FetchOutcome;
use crate::parse::leetcode::{Aliases, batch_query, parse_graphql};

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
    match http
        .post_json(&["graphql"], &batch_query(&names), default_verdict)
        .await
    {
        Ok(reply) if reply.is_redirect() => vec![redirect_not_followed(&reply); names.len()],
        Ok(reply) => parse_graphql(reply.status, &reply.body, &aliases),
        Err(failure) => vec![failure.to_outcome(); names.len()],
    }
}
