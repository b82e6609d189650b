//! The refresh engine: claim due handles, fetch them politely, record what was learnt.
//!
//! One unit of work is [`refresh`]: for every platform at once, repeatedly claim a chunk of
//! due handles from the [`RatingStore`], fetch them through the platform's client (several
//! batches in flight, the client's own rate gate and concurrency cap keeping it polite), and
//! record the outcomes — until nothing is due, the platform's breaker opens, or a stop is
//! requested. Tests and the `refresh-ratings` command call it directly; the scheduler in
//! [`crate::schedule`] calls it on a timer.
//!
//! Rules that make this safe to kill and to run on several instances:
//! - claiming is the store's business (a lease per handle, taken atomically); the engine
//!   never writes a handle it did not claim, and renews its leases while it works on them
//!   ([`RatingStore::renew`] every [`RatingStore::renew_every`]);
//! - a run joins the fleet's refresh cycle ([`RatingStore::begin_cycle`]): what any
//!   instance attempted since the cycle began is not due again, so concurrent runs never
//!   fetch a handle twice;
//! - no transaction is held across an HTTP call: claim, then fetch, then record;
//! - recording is never cancelled; a stop requested during a fetch releases the claimed
//!   handles unrecorded instead (a crash leaves them to expire and be claimed again);
//! - what to write for each outcome (keep the last good values on a transient failure, etc.)
//!   is the store's `record`, so that rule has one home.

use std::{
    collections::BTreeMap,
    sync::Arc,
    time::{Duration, Instant},
};

use futures_util::{StreamExt, stream};
use tokio::sync::watch;

use crate::{
    clients::{FetchRequest, PlatformClient},
    http::BoxFuture,
    outcome::{FetchOutcome, RatingSnapshot},
    platform::Platform,
};

/// A store failure, opaque to the engine.
pub type StoreError = Box<dyn std::error::Error + Send + Sync>;

/// A handle claimed for fetching.
#[derive(Debug, Clone, PartialEq)]
pub struct DueHandle {
    /// Owner (the service's user id).
    pub user_id: String,
    /// Platform.
    pub platform: Platform,
    /// The handle as linked.
    pub handle: String,
    /// Link generation: bumped when the user changes the handle, so a result for the old
    /// handle can never be written over the new one.
    pub generation: i64,
    /// The last good snapshot, if any.
    pub previous: Option<RatingSnapshot>,
    /// How many contests of the handle's rating history are stored.
    pub stored_contests: u32,
}

/// Which handles a refresh considers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RefreshScope {
    /// Also refresh handles that are not stale yet (`refresh-ratings --all`).
    pub ignore_staleness: bool,
    /// Only this user's handles.
    pub user_id: Option<String>,
    /// Only these platforms (all when empty).
    pub platforms: Vec<Platform>,
    /// Skip handles attempted at or after this time. [`refresh`] sets it to the run's start
    /// so that one run fetches each handle at most once, even one whose retry is already
    /// due again.
    pub attempted_before: Option<std::time::SystemTime>,
}

impl RefreshScope {
    fn includes(&self, platform: Platform) -> bool {
        self.platforms.is_empty() || self.platforms.contains(&platform)
    }
}

/// Where handles are claimed from and outcomes recorded to.
pub trait RatingStore: Send + Sync {
    /// Atomically claims up to `limit` due handles of `platform` within `scope`. Claimed
    /// handles are invisible to other claimers until recorded, released or expired.
    fn claim_due<'a>(
        &'a self,
        platform: Platform,
        scope: &'a RefreshScope,
        limit: usize,
    ) -> BoxFuture<'a, Result<Vec<DueHandle>, StoreError>>;

    /// Records outcomes of claimed handles (idempotently) and ends their claims.
    fn record<'a>(
        &'a self,
        results: &'a [(DueHandle, FetchOutcome)],
    ) -> BoxFuture<'a, Result<(), StoreError>>;

    /// Ends claims without recording anything (the handles become due again at once).
    fn release<'a>(&'a self, claimed: &'a [DueHandle]) -> BoxFuture<'a, Result<(), StoreError>>;

    /// Joins the fleet's current refresh cycle for `scope`, or starts one, and returns its
    /// start: a handle attempted since then (by any instance) is not due again in this
    /// cycle. The default has no fleet: every run is its own cycle, starting now.
    fn begin_cycle<'a>(
        &'a self,
        _scope: &'a RefreshScope,
    ) -> BoxFuture<'a, Result<std::time::SystemTime, StoreError>> {
        Box::pin(async { Ok(std::time::SystemTime::now()) })
    }

    /// Ends the cycle of `scope` that started at `started`: this run found nothing left to
    /// claim, so the next run starts a new cycle.
    fn end_cycle<'a>(
        &'a self,
        _scope: &'a RefreshScope,
        _started: std::time::SystemTime,
    ) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(async { Ok(()) })
    }

    /// Extends this instance's leases on `claimed` (work on them is still in progress) and
    /// keeps the cycle of `scope` alive; returns how many of them are still held. The
    /// default store's claims never lapse.
    fn renew<'a>(
        &'a self,
        _scope: &'a RefreshScope,
        claimed: &'a [DueHandle],
    ) -> BoxFuture<'a, Result<usize, StoreError>> {
        let held = claimed.len();
        Box::pin(async move { Ok(held) })
    }

    /// How often [`RatingStore::renew`] is called while a claim is being fetched (a
    /// fraction of the lease).
    fn renew_every(&self) -> Duration {
        Duration::from_secs(3600)
    }
}

/// Engine tuning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EngineSettings {
    /// Handles claimed (and then recorded) together per platform; bounds the work lost to a
    /// crash and the size of one write transaction.
    pub claim_size: usize,
    /// Client batches fetched concurrently within a claim (the client's own concurrency cap
    /// and rate gate still apply).
    pub parallel_batches: usize,
}

impl Default for EngineSettings {
    /// 64 handles per claim, 4 batches in flight.
    fn default() -> Self {
        Self {
            claim_size: 64,
            parallel_batches: 4,
        }
    }
}

/// What one platform's refresh did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlatformSummary {
    /// Handles now holding a rating.
    pub fetched: u64,
    /// Handles of accounts without a rating.
    pub unrated: u64,
    /// Handles the platform does not know.
    pub not_found: u64,
    /// Handles that could not be fetched this time (last good values kept).
    pub failed: u64,
    /// HTTP requests sent to the platform.
    pub requests: u64,
    /// The platform's circuit breaker was open, so its remaining work was left for later.
    pub paused: bool,
}

impl PlatformSummary {
    /// Handles processed.
    pub fn total(&self) -> u64 {
        self.fetched + self.unrated + self.not_found + self.failed
    }

    fn count(&mut self, outcome: &FetchOutcome) {
        match outcome {
            FetchOutcome::Rated(_) => self.fetched += 1,
            FetchOutcome::Unrated => self.unrated += 1,
            FetchOutcome::NotFound => self.not_found += 1,
            FetchOutcome::Transient { .. } => self.failed += 1,
        }
    }
}

/// What a refresh did, per platform.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RefreshSummary {
    /// One entry per platform that was considered.
    pub platforms: BTreeMap<Platform, PlatformSummary>,
    /// Wall-clock time taken.
    pub elapsed: Duration,
    /// The run ended early because a stop was requested.
    pub stopped: bool,
}

impl RefreshSummary {
    /// Handles processed on all platforms.
    pub fn total(&self) -> u64 {
        self.platforms.values().map(PlatformSummary::total).sum()
    }
}

/// Called after every recorded chunk with the platform and its running totals.
pub type ProgressFn = dyn Fn(Platform, &PlatformSummary) + Send + Sync;

/// One refresh: every platform in `scope` in parallel, until nothing in scope is due.
///
/// `stop` ends the run early (between chunks; an in-flight fetch is abandoned and its
/// claims released). Store errors end the platform's loop and are returned after the
/// other platforms finish.
pub async fn refresh(
    store: &dyn RatingStore,
    clients: &[Arc<dyn PlatformClient>],
    scope: &RefreshScope,
    settings: EngineSettings,
    stop: watch::Receiver<bool>,
    progress: Option<&ProgressFn>,
) -> Result<RefreshSummary, StoreError> {
    let started = Instant::now();
    let cycle = store.begin_cycle(scope).await?;
    let scope = &RefreshScope {
        attempted_before: Some(cycle),
        ..scope.clone()
    };
    let runs = clients
        .iter()
        .filter(|client| scope.includes(client.platform()))
        .map(|client| {
            refresh_platform(
                store,
                client.as_ref(),
                scope,
                settings,
                stop.clone(),
                progress,
            )
        });
    let results = futures_util::future::join_all(runs).await;
    let mut summary = RefreshSummary::default();
    let mut first_error = None;
    for (platform, result) in results {
        match result {
            Ok((platform_summary, stopped)) => {
                summary.stopped |= stopped;
                summary.platforms.insert(platform, platform_summary);
            }
            Err((platform_summary, err)) => {
                tracing::error!(platform = %platform, error = %err, "rating refresh failed");
                summary.platforms.insert(platform, platform_summary);
                first_error.get_or_insert(err);
            }
        }
    }
    summary.elapsed = started.elapsed();
    match first_error {
        Some(err) => Err(err),
        None => {
            if !summary.stopped && !summary.platforms.values().any(|p| p.paused) {
                // Nothing in scope was left to claim: this cycle is over.
                store.end_cycle(scope, cycle).await?;
            }
            Ok(summary)
        }
    }
}

type PlatformResult = Result<(PlatformSummary, bool), (PlatformSummary, StoreError)>;

// Boxed with an explicit `Send`: the compiler cannot prove an `async fn` over borrowed
// trait objects and stream combinators `Send` for every lifetime, which `tokio::spawn` of
// the schedule loop needs.
fn refresh_platform<'a>(
    store: &'a dyn RatingStore,
    client: &'a dyn PlatformClient,
    scope: &'a RefreshScope,
    settings: EngineSettings,
    stop: watch::Receiver<bool>,
    progress: Option<&'a ProgressFn>,
) -> BoxFuture<'a, (Platform, PlatformResult)> {
    Box::pin(refresh_platform_inner(
        store, client, scope, settings, stop, progress,
    ))
}

async fn refresh_platform_inner(
    store: &dyn RatingStore,
    client: &dyn PlatformClient,
    scope: &RefreshScope,
    settings: EngineSettings,
    mut stop: watch::Receiver<bool>,
    progress: Option<&ProgressFn>,
) -> (Platform, PlatformResult) {
    let platform = client.platform();
    let requests_before = client.requests_sent();
    let mut summary = PlatformSummary::default();
    let batch_size = client.batch_size().max(1);
    let claim_size = settings
        .claim_size
        .max(batch_size)
        .div_ceil(batch_size)
        .saturating_mul(batch_size);
    let mut stopped = false;

    let result: Result<(), StoreError> = async {
        loop {
            if *stop.borrow() {
                stopped = true;
                return Ok(());
            }
            if let Some(pause) = client.paused_for() {
                tracing::warn!(platform = %platform, ?pause, "platform paused by its circuit breaker; leaving its work for later");
                summary.paused = true;
                return Ok(());
            }
            let claimed = store.claim_due(platform, scope, claim_size).await?;
            if claimed.is_empty() {
                return Ok(());
            }
            let requests: Vec<FetchRequest> = claimed
                .iter()
                .map(|due| FetchRequest {
                    handle: due.handle.clone(),
                    previous: due.previous.clone(),
                    stored_contests: due.stored_contests,
                })
                .collect();
            let batches: Vec<BoxFuture<'_, Vec<FetchOutcome>>> = requests
                .chunks(batch_size)
                .map(|batch| client.fetch(batch))
                .collect();
            let fetching = stream::iter(batches)
                .buffered(settings.parallel_batches.max(1))
                .concat();
            tokio::pin!(fetching);
            // The leases are renewed for as long as the claim's work takes.
            let every = store.renew_every();
            let mut heartbeat = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
            let outcomes: Vec<FetchOutcome> = loop {
                tokio::select! {
                    outcomes = &mut fetching => break outcomes,
                    _ = heartbeat.tick() => {
                        let held = store.renew(scope, &claimed).await?;
                        if held < claimed.len() {
                            // Their results will not be written (the store checks the
                            // lease); another instance owns them now.
                            tracing::warn!(platform = %platform, lost = claimed.len() - held, "leases lapsed during a fetch");
                        }
                    }
                    () = stop_requested(&mut stop) => {
                        store.release(&claimed).await?;
                        stopped = true;
                        return Ok(());
                    }
                }
            };
            let results: Vec<(DueHandle, FetchOutcome)> =
                claimed.into_iter().zip(outcomes).collect();
            store.record(&results).await?;
            for (_, outcome) in &results {
                summary.count(outcome);
            }
            summary.requests = client.requests_sent() - requests_before;
            if let Some(progress) = progress {
                progress(platform, &summary);
            }
        }
    }
    .await;
    summary.requests = client.requests_sent() - requests_before;
    match result {
        Ok(()) => (platform, Ok((summary, stopped))),
        Err(err) => (platform, Err((summary, err))),
    }
}

/// Resolves once a stop is requested; never, if whoever could request it is gone.
async fn stop_requested(stop: &mut watch::Receiver<bool>) {
    if stop.wait_for(|stop| *stop).await.is_err() {
        std::future::pending::<()>().await;
    }
}
