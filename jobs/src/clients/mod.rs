//! One client per platform behind one trait, [`PlatformClient`], which is all the refresh
//! engine needs: "here are some handles (with what we knew), tell me what is true now".
//!
//! A single concrete type, [`HttpPlatformClient`], does the common work (validating and
//! de-duplicating handles, cutting the batch to the platform's batch size, fanning results
//! back out in request order) and dispatches the platform-specific conversation to one
//! submodule per platform. All network traffic goes through the polite layer
//! ([`crate::http`]); all interpretation of bytes lives in [`crate::parse`].
//!
//! Rules every client keeps:
//! * `fetch` returns exactly one outcome per request, in the same order.
//! * A handle that fails [`normalize_handle`] cannot exist on the platform: `NotFound`,
//!   without a request. Handles equal up to case are fetched once.
//! * A failure that hits the whole request (network, breaker, rate limit) yields `Transient`
//!   for every handle it concerned; it never turns into `NotFound` or a zero.
//! * The contest series ([`RatingSnapshot::contests`]) is reported only when the fetch
//!   shows that the stored one may be out of date: no previous snapshot, a rating that
//!   differs from the previous one (a new contest, or a recalculation), or a contest count
//!   that differs from [`FetchRequest::stored_contests`] (e.g. nothing stored yet after a
//!   deployment). That rule lives in one place (`Wanted::needs_series` here); otherwise the
//!   series is `None` and the stored one is kept, so a refresh of an unchanged account writes
//!   no series. Where the series costs requests (Codeforces `user.rating`, LeetCode's history
//!   query) they are only sent when the rule asks for it, and a failure to read the series
//!   never costs the rating.

mod atcoder;
mod codechef;
mod codeforces;
mod leetcode;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use crate::handle::normalize_handle;
use crate::http::{BoxFuture, ClientBuildError, HttpReply, PlatformSettings, PoliteHttp, RateGate};
use crate::outcome::{FetchOutcome, RatingSnapshot};
use crate::platform::Platform;

/// One handle to look up, with the last stored snapshot (lets a client skip work, e.g.
/// Codeforces' per-user contest count when the rating has not changed).
#[derive(Debug, Clone, PartialEq)]
pub struct FetchRequest {
    /// The handle as stored (normally already normalised).
    pub handle: String,
    /// The last good snapshot, if any.
    pub previous: Option<RatingSnapshot>,
    /// How many contests of this handle's rating history are stored. A client reads (and
    /// reports) the full contest series only when the platform's contest count or rating
    /// differs from what is stored.
    pub stored_contests: u32,
}

impl FetchRequest {
    /// A request for `handle` with no previous snapshot.
    pub fn new(handle: impl Into<String>) -> Self {
        FetchRequest {
            handle: handle.into(),
            previous: None,
            stored_contests: 0,
        }
    }
}

/// A platform's rating source.
pub trait PlatformClient: Send + Sync {
    /// The platform this client reads.
    fn platform(&self) -> Platform;

    /// How many handles one [`fetch`](PlatformClient::fetch) should be given to use one
    /// request (Codeforces, LeetCode) or one request per handle (CodeChef, AtCoder). Larger
    /// batches are accepted and split.
    fn batch_size(&self) -> usize;

    /// Looks up every request; returns one outcome per request, in the same order.
    fn fetch<'a>(&'a self, batch: &'a [FetchRequest]) -> BoxFuture<'a, Vec<FetchOutcome>>;

    /// HTTP requests sent so far (every attempt, retries included).
    fn requests_sent(&self) -> u64;

    /// When the most recent requests were sent (after their rate-limit turn), oldest first.
    fn request_starts(&self) -> Vec<std::time::Instant> {
        Vec::new()
    }

    /// Remaining pause when the platform's circuit breaker is open; the engine can skip
    /// claiming work for the platform meanwhile (a `fetch` would answer `Transient`).
    fn paused_for(&self) -> Option<Duration>;
}

/// The HTTP implementation of [`PlatformClient`] for any [`Platform`].
#[derive(Debug)]
pub struct HttpPlatformClient {
    platform: Platform,
    http: PoliteHttp,
}

impl HttpPlatformClient {
    /// A client for `platform` with `settings`, taking turns at `gate`.
    pub fn new(
        platform: Platform,
        settings: PlatformSettings,
        gate: Arc<dyn RateGate>,
    ) -> Result<Self, ClientBuildError> {
        let headers = match platform {
            Platform::Leetcode => leetcode::default_headers(&settings),
            Platform::Codeforces | Platform::Codechef | Platform::Atcoder => Default::default(),
        };
        Ok(HttpPlatformClient {
            platform,
            http: PoliteHttp::new(platform, settings, gate, headers)?,
        })
    }

    async fn fetch_all(&self, batch: &[FetchRequest]) -> Vec<FetchOutcome> {
        let mut outcomes: Vec<Option<FetchOutcome>> = vec![None; batch.len()];
        let mut wanted: Vec<Wanted<'_>> = Vec::new();
        for (index, request) in batch.iter().enumerate() {
            match normalize_handle(self.platform, &request.handle) {
                Err(_) => outcomes[index] = Some(FetchOutcome::NotFound),
                Ok(handle) => match wanted
                    .iter_mut()
                    .find(|w| w.handle.eq_ignore_ascii_case(&handle))
                {
                    Some(same) => same.indices.push(index),
                    None => wanted.push(Wanted {
                        handle,
                        previous: request.previous.as_ref(),
                        stored_contests: request.stored_contests,
                        indices: vec![index],
                    }),
                },
            }
        }
        for chunk in wanted.chunks(self.batch_size()) {
            let results = match self.platform {
                Platform::Codeforces => codeforces::fetch(&self.http, chunk).await,
                Platform::Leetcode => leetcode::fetch(&self.http, chunk).await,
                Platform::Codechef => codechef::fetch(&self.http, chunk).await,
                Platform::Atcoder => atcoder::fetch(&self.http, chunk).await,
            };
            for (w, outcome) in chunk.iter().zip(results) {
                for &i in &w.indices {
                    outcomes[i] = Some(outcome.clone());
                }
            }
        }
        outcomes
            .into_iter()
            .map(|o| o.unwrap_or_else(|| FetchOutcome::transient("no answer for this handle")))
            .collect()
    }
}

impl PlatformClient for HttpPlatformClient {
    fn platform(&self) -> Platform {
        self.platform
    }

    fn batch_size(&self) -> usize {
        self.http.settings().batch_size.max(1)
    }

    fn fetch<'a>(&'a self, batch: &'a [FetchRequest]) -> BoxFuture<'a, Vec<FetchOutcome>> {
        Box::pin(self.fetch_all(batch))
    }

    fn requests_sent(&self) -> u64 {
        self.http.requests_sent()
    }

    fn request_starts(&self) -> Vec<std::time::Instant> {
        self.http.request_starts()
    }

    fn paused_for(&self) -> Option<Duration> {
        self.http.paused_for()
    }
}

/// Builds one client per platform, in [`Platform::ALL`] order; a platform missing from
/// `settings` gets [`PlatformSettings::defaults`]. All share `gate`.
pub fn build_clients(
    settings: &BTreeMap<Platform, PlatformSettings>,
    gate: Arc<dyn RateGate>,
) -> Result<Vec<Arc<dyn PlatformClient>>, ClientBuildError> {
    Platform::ALL
        .into_iter()
        .map(|platform| {
            let s = settings
                .get(&platform)
                .cloned()
                .unwrap_or_else(|| PlatformSettings::defaults(platform));
            let client: Arc<dyn PlatformClient> =
                Arc::new(HttpPlatformClient::new(platform, s, gate.clone())?);
            Ok(client)
        })
        .collect()
}

/// One distinct handle of a batch and the request positions that asked for it.
struct Wanted<'a> {
    handle: String,
    previous: Option<&'a RatingSnapshot>,
    stored_contests: u32,
    indices: Vec<usize>,
}

impl Wanted<'_> {
    /// Whether a fetch that found `found` must report the contest series: the one rule of
    /// the module docs. An unknown count cannot be shown to match, so it asks for the series.
    fn needs_series(&self, found: &RatingSnapshot) -> bool {
        series_needed(self.previous, self.stored_contests, found)
    }

    /// `outcome` with its series kept only when [`Wanted::needs_series`] asks for it (for
    /// platforms whose reply carries the series anyway).
    fn report_series_if_needed(&self, mut outcome: FetchOutcome) -> FetchOutcome {
        if let FetchOutcome::Rated(snapshot) = &mut outcome
            && !self.needs_series(snapshot)
        {
            snapshot.contests = None;
        }
        outcome
    }
}

fn series_needed(
    previous: Option<&RatingSnapshot>,
    stored_contests: u32,
    found: &RatingSnapshot,
) -> bool {
    match previous {
        None => true,
        Some(previous) => {
            previous.rating != found.rating || found.attended_contests != Some(stored_contests)
        }
    }
}

/// The outcome for a redirect the polite layer refused to follow.
fn redirect_not_followed(reply: &HttpReply) -> FetchOutcome {
    FetchOutcome::transient(format!(
        "HTTP {} redirect to {} not followed",
        reply.status,
        reply.location.as_deref().unwrap_or("(no Location)")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(rating: f64, attended: Option<u32>) -> RatingSnapshot {
        RatingSnapshot {
            rating,
            max_rating: None,
            attended_contests: attended,
            badge: None,
            contests: None,
        }
    }

    #[test]
    fn the_series_is_needed_only_when_the_stored_one_may_be_out_of_date() {
        let previous = snapshot(1500.0, Some(10));
        let found = snapshot(1500.0, Some(10));
        assert!(
            !series_needed(Some(&previous), 10, &found),
            "nothing changed"
        );
        assert!(series_needed(None, 10, &found), "no previous snapshot");
        assert!(
            series_needed(Some(&previous), 0, &found),
            "nothing stored yet"
        );
        assert!(
            series_needed(Some(&previous), 9, &found),
            "one contest missing"
        );
        assert!(
            series_needed(Some(&previous), 10, &snapshot(1499.5, Some(10))),
            "recalculated rating, same count"
        );
        assert!(
            series_needed(Some(&previous), 10, &snapshot(1500.0, None)),
            "count unknown"
        );
    }
}
