//! Competitive-programming ratings: linking handles, showing ratings, and running the
//! aggregator (`profilehub_jobs`) on this service's database.
//!
//! The jobs crate knows platforms and how to refresh; this module supplies what only the
//! service has: the [`RatingStore`] over our tables (claims with leases, idempotent writes)
//! and a [`RateGate`] kept in the database, so every instance sharing it also shares each
//! platform's rate limit. Reads never call a platform: profiles show what is stored.

use std::{
    collections::BTreeMap,
    sync::Arc,
    time::{Duration, SystemTime, UNIX_EPOCH},
};

use profilehub_jobs::{
    DueHandle, EngineSettings, FetchOutcome, Platform, PlatformSettings, RateGate, RatingStore,
    RefreshScope, Refresher, StoreError, build_clients, http::BoxFuture, normalize_handle,
};
use uuid::Uuid;

use super::millis;
pub use super::store::ratings::{ContestPoint, Window};
use super::{
    paging::Pages,
    store::{
        Backend, Store, now_ms,
        ratings::{Backoff, Claim, RefreshRequest},
    },
};
use crate::{
    domain::{
        UserId,
        page::Listing,
        ratings::{Link, ProfileRatings, Weights},
    },
    error::{ApiError, ErrorCode, FieldErrors},
    security::cursors::Cursors,
};

/// How the aggregator behaves.
#[derive(Debug, Clone)]
pub struct RatingsSettings {
    /// Handles fetched longer ago than this are due again.
    pub staleness: Duration,
    /// How long a claim on a handle lasts before another instance may take it over.
    pub lease: Duration,
    /// First delay after a failed fetch; doubles per consecutive failure, up to `staleness`.
    pub retry_base: Duration,
    /// Shortest time between two on-demand refreshes of one user.
    pub user_refresh_cooldown: Duration,
    /// Per-platform politeness and endpoints.
    pub platforms: BTreeMap<Platform, PlatformSettings>,
    /// Engine tuning.
    pub engine: EngineSettings,
    /// Aggregate weights.
    pub weights: Weights,
}

/// What a refresh left behind, for `refresh-ratings`' summary.
#[derive(Debug, Clone, Default)]
pub struct RefreshReport {
    /// Handles another instance holds (platform, handle).
    pub held_elsewhere: Vec<(String, String)>,
    /// The commonest failure reasons (platform, reason, handles).
    pub failures: Vec<(String, String, i64)>,
}

/// Ratings operations and the refresher.
#[derive(Clone)]
pub struct Ratings {
    store: Store,
    owner: String,
    rating_store: Arc<dyn RatingStore>,
    refresher: Arc<Refresher>,
    settings: Arc<RatingsSettings>,
    cursors: Cursors,
}

impl std::fmt::Debug for Ratings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ratings")
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

impl Ratings {
    /// Builds the clients (sharing the database rate gate) and the refresher.
    pub(crate) fn new(
        store: Store,
        settings: RatingsSettings,
        cursors: Cursors,
        metrics: Arc<crate::metrics::Metrics>,
    ) -> Result<Self, String> {
        let gate: Arc<dyn RateGate> = Arc::new(DbRateGate {
            store: store.clone(),
        });
        let clients = build_clients(&settings.platforms, gate).map_err(|e| e.to_string())?;
        let owner = format!("instance-{}", Uuid::new_v4());
        let rating_store: Arc<dyn RatingStore> = Arc::new(RatingsStore {
            writer: (store.backend() == Backend::Sqlite).then(|| tokio::sync::Mutex::new(())),
            store: store.clone(),
            owner: owner.clone(),
            lease: settings.lease,
            staleness: settings.staleness,
            metrics,
            backoff: Backoff {
                base_ms: millis(settings.retry_base),
                max_ms: millis(settings.staleness),
            },
        });
        let refresher = Refresher::new(Arc::clone(&rating_store), clients, settings.engine);
        Ok(Self {
            store,
            owner,
            rating_store,
            refresher,
            settings: Arc::new(settings),
            cursors,
        })
    }

    /// The refresher (for running refreshes and starting the schedule).
    pub fn refresher(&self) -> &Arc<Refresher> {
        &self.refresher
    }

    /// The aggregator's port onto our database (claims with leases, idempotent writes), as
    /// the refresher uses it.
    pub fn rating_store(&self) -> Arc<dyn RatingStore> {
        Arc::clone(&self.rating_store)
    }

    /// The weights of the aggregate rating.
    pub fn weights(&self) -> &Weights {
        &self.settings.weights
    }

    /// Links a handle (a pasted profile URL is reduced to the handle) and queues a fetch.
    pub async fn link(
        &self,
        user_id: UserId,
        platform: Platform,
        raw_handle: &str,
    ) -> Result<Link, ApiError> {
        let handle = normalize_handle(platform, raw_handle).map_err(|err| {
            let mut fields = FieldErrors::default();
            fields.add("handle", err.to_string());
            ApiError::validation(fields)
        })?;
        let linked = self
            .store
            .link_handle(user_id, platform, &handle, now_ms())
            .await?;
        self.refresher.request_run();
        Ok(linked)
    }

    /// Unlinks a handle (idempotent).
    pub async fn unlink(&self, user_id: UserId, platform: Platform) -> Result<(), ApiError> {
        self.store.unlink_handle(user_id, platform).await?;
        Ok(())
    }

    /// The caller's links with their fetch state.
    pub async fn links(&self, user_id: UserId) -> Result<Vec<Link>, ApiError> {
        Ok(self.store.linked_handles(user_id).await?)
    }

    /// Queues all of the user's handles now; at most once per cooldown (else 429).
    pub async fn request_refresh(&self, user_id: UserId) -> Result<u64, ApiError> {
        let cooldown = millis(self.settings.user_refresh_cooldown);
        match self
            .store
            .request_refresh(user_id, now_ms(), cooldown)
            .await?
        {
            RefreshRequest::Queued(queued) => {
                self.refresher.request_run();
                Ok(queued)
            }
            RefreshRequest::TooSoon(wait_ms) => {
                let secs = u64::try_from((wait_ms + 999) / 1000).unwrap_or(1).max(1);
                Err(ApiError::new(
                    ErrorCode::RateLimited,
                    format!(
                        "Ratings can be refreshed once every {} minutes; try again in {secs} s.",
                        self.settings.user_refresh_cooldown.as_secs() / 60
                    ),
                )
                .with_retry_after(secs))
            }
        }
    }

    /// The ratings shown on a user's profile (never calls a platform).
    pub async fn profile(&self, user_id: UserId) -> Result<ProfileRatings, ApiError> {
        let links = self.store.linked_handles(user_id).await?;
        Ok(ProfileRatings::new(links, &self.settings.weights))
    }

    /// How many linked handles hold a fetched result (status `ok` or `unrated`).
    pub async fn fetched_handle_count(&self) -> Result<u64, ApiError> {
        Ok(self.store.fetched_handle_count().await?)
    }

    /// How many handles a refresh of `scope` would process now.
    pub async fn count_due(&self, scope: &RefreshScope) -> Result<u64, ApiError> {
        let now = now_ms();
        let mut total = 0;
        for platform in Platform::ALL {
            if scope.platforms.is_empty() || scope.platforms.contains(&platform) {
                let stale_before = now - millis(self.settings.staleness);
                total += self
                    .store
                    .count_due_handles(platform, scope, now, stale_before)
                    .await?;
            }
        }
        Ok(total)
    }

    /// What a refresh of `scope` that started at `since` (epoch ms) left behind: handles in
    /// scope that another instance holds, and the commonest failure reasons per platform.
    pub async fn refresh_report(
        &self,
        scope: &RefreshScope,
        since: i64,
    ) -> Result<RefreshReport, ApiError> {
        let (held_elsewhere, failures) = self
            .store
            .refresh_report(scope, &self.owner, since, now_ms())
            .await?;
        Ok(RefreshReport {
            held_elsewhere,
            failures,
        })
    }

    /// How long `platform`'s longest-waiting due handle has been due (zero when none is).
    pub async fn refresh_lag(&self, platform: Platform) -> Result<Duration, ApiError> {
        let now = now_ms();
        let staleness = millis(self.settings.staleness);
        let since = self
            .store
            .oldest_due_since(platform, now, staleness)
            .await?;
        Ok(Duration::from_millis(since.map_or(0, |since| {
            u64::try_from(now - since).unwrap_or(0)
        })))
    }

    /// A page of the user's contests on `platform` within `window`, newest first. A window
    /// that ends before it starts is a 400.
    pub async fn contest_history(
        &self,
        user_id: UserId,
        platform: Platform,
        window: Window,
        limit: Option<i64>,
        cursor: Option<&str>,
    ) -> Result<Listing<ContestPoint>, ApiError> {
        if let (Some(from), Some(to)) = (window.from, window.to)
            && from > to
        {
            return Err(ApiError::new(
                ErrorCode::BadRequest,
                format!("`from` ({from}) is after `to` ({to}): nothing can happen in that window"),
            ));
        }
        let pages = Pages::new(
            &self.cursors,
            format!(
                "contests:{user_id}:{platform}:{:?}:{:?}",
                window.from, window.to
            ),
        );
        let request = pages.request(limit, cursor)?;
        let page = self
            .store
            .contest_history_page(user_id, platform, window, &request)
            .await?;
        Ok(pages.listing(page))
    }

    /// The user's latest `count` contests on `platform`, newest first (for charts).
    pub async fn latest_contests(
        &self,
        user_id: UserId,
        platform: Platform,
        count: i64,
    ) -> Result<Vec<ContestPoint>, ApiError> {
        Ok(self.store.latest_contests(user_id, platform, count).await?)
    }
}

/// [`RatingStore`] over the service's tables.
struct RatingsStore {
    store: Store,
    owner: String,
    lease: Duration,
    staleness: Duration,
    metrics: Arc<crate::metrics::Metrics>,
    backoff: Backoff,
    /// SQLite has a single writer, and a writer that finds it busy sleeps in SQLite's busy
    /// handler (1, 2, 5, … up to 100 ms per try) — far longer than our claims and records
    /// take. So the platforms of a refresh take their turns here, woken as soon as the
    /// previous write ends. `None` on PostgreSQL, where they write concurrently.
    writer: Option<tokio::sync::Mutex<()>>,
}

impl RatingsStore {
    /// This process's turn to write, where the database has one writer.
    async fn writer_turn(&self) -> Option<tokio::sync::MutexGuard<'_, ()>> {
        match &self.writer {
            Some(writer) => Some(writer.lock().await),
            None => None,
        }
    }
}

fn store_error(err: sqlx::Error) -> StoreError {
    Box::new(err)
}

impl RatingStore for RatingsStore {
    fn claim_due<'a>(
        &'a self,
        platform: Platform,
        scope: &'a RefreshScope,
        limit: usize,
    ) -> BoxFuture<'a, Result<Vec<DueHandle>, StoreError>> {
        Box::pin(async move {
            let _turn = self.writer_turn().await;
            let now = now_ms();
            let claim = Claim {
                owner: &self.owner,
                now,
                lease_until: now + millis(self.lease),
                stale_before: now - millis(self.staleness),
                scope,
                limit,
            };
            self.store
                .claim_due_handles(platform, &claim)
                .await
                .map_err(store_error)
        })
    }

    fn record<'a>(
        &'a self,
        results: &'a [(DueHandle, FetchOutcome)],
    ) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            let _turn = self.writer_turn().await;
            self.store
                .record_outcomes(&self.owner, results, now_ms(), self.backoff)
                .await
                .map_err(store_error)?;
            for (handle, outcome) in results {
                self.metrics.observe_fetch(handle.platform, outcome);
            }
            Ok(())
        })
    }

    fn release<'a>(&'a self, claimed: &'a [DueHandle]) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            let _turn = self.writer_turn().await;
            self.store
                .release_claims(&self.owner, claimed)
                .await
                .map_err(store_error)
        })
    }

    fn begin_cycle<'a>(
        &'a self,
        scope: &'a RefreshScope,
    ) -> BoxFuture<'a, Result<SystemTime, StoreError>> {
        Box::pin(async move {
            let _turn = self.writer_turn().await;
            let now = now_ms();
            let started = self
                .store
                .begin_cycle(&cycle_key(scope), now, now - millis(self.lease))
                .await
                .map_err(store_error)?;
            Ok(UNIX_EPOCH + Duration::from_millis(u64::try_from(started).unwrap_or(0)))
        })
    }

    fn end_cycle<'a>(
        &'a self,
        scope: &'a RefreshScope,
        started: SystemTime,
    ) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            let _turn = self.writer_turn().await;
            self.store
                .end_cycle(&cycle_key(scope), epoch_ms(started))
                .await
                .map_err(store_error)
        })
    }

    fn renew<'a>(
        &'a self,
        scope: &'a RefreshScope,
        claimed: &'a [DueHandle],
    ) -> BoxFuture<'a, Result<usize, StoreError>> {
        Box::pin(async move {
            let _turn = self.writer_turn().await;
            let now = now_ms();
            if let Some(started) = scope.attempted_before {
                self.store
                    .touch_cycle(&cycle_key(scope), epoch_ms(started), now)
                    .await
                    .map_err(store_error)?;
            }
            self.store
                .renew_claims(&self.owner, claimed, now + millis(self.lease))
                .await
                .map_err(store_error)
        })
    }

    fn renew_every(&self) -> Duration {
        // Three renewals per lease: a single late one never lets a lease lapse.
        self.lease / 3
    }
}

/// Which cycle a refresh of `scope` belongs to: runs of the same scope share one.
fn cycle_key(scope: &RefreshScope) -> String {
    let platforms = if scope.platforms.is_empty() {
        "*".to_string()
    } else {
        let mut names: Vec<&str> = scope.platforms.iter().map(|p| p.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        names.join(",")
    };
    format!(
        "{}|{platforms}|{}",
        if scope.ignore_staleness { "all" } else { "due" },
        scope.user_id.as_deref().unwrap_or("*")
    )
}

fn epoch_ms(time: SystemTime) -> i64 {
    time.duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// A [`RateGate`] whose slots live in the database, shared by every instance (and every
/// `refresh-ratings` run) using it.
///
/// Slots are spaced on the database's clock (see `Store::take_rate_slot`), so instances
/// whose clocks differ, or that waited long for a connection, still space their requests.
/// A slot is used only on time: when the reserving statement's round trip or this process's
/// wake-up was slower than half of [`SLOT_TOLERANCE`] each (an overloaded runtime or
/// database, a paused process), it gives the slot up and reserves another rather than
/// sending inside someone else's. Without a slot nothing is sent: while the database cannot
/// be reached, the request waits and tries to reserve again.
struct DbRateGate {
    store: Store,
}

/// How late after its slot a request may still be sent (scheduling jitter). Two requests of
/// the fleet to one platform are never closer than `min_interval - SLOT_TOLERANCE`.
pub const SLOT_TOLERANCE: Duration = Duration::from_millis(20);

impl RateGate for DbRateGate {
    fn wait_turn<'a>(&'a self, platform: Platform, min_interval: Duration) -> BoxFuture<'a, ()> {
        Box::pin(async move {
            if min_interval.is_zero() {
                return;
            }
            loop {
                match self
                    .store
                    .take_rate_slot(platform, millis(min_interval))
                    .await
                {
                    Ok(slot) if slot.round_trip > SLOT_TOLERANCE / 2 => {
                        // Too slow an answer to know when the slot starts here.
                        tracing::debug!(%platform, round_trip = ?slot.round_trip, "rate slot answer too slow; reserving another");
                    }
                    Ok(slot) => {
                        // Counted from the answer, so never early; at most the round trip
                        // late.
                        let starts = tokio::time::Instant::now()
                            + Duration::from_millis(u64::try_from(slot.wait_ms).unwrap_or(0));
                        tokio::time::sleep_until(starts).await;
                        if starts.elapsed() <= SLOT_TOLERANCE / 2 {
                            return;
                        }
                        tracing::debug!(%platform, late = ?starts.elapsed(), "rate slot missed; reserving another");
                    }
                    Err(err) => {
                        // Never send without a slot: the others may hold this moment. Try
                        // again after an interval (a stopped refresh drops this wait).
                        tracing::warn!(error = %err, %platform, "rate slot unavailable; trying again");
                        tokio::time::sleep(min_interval.max(Duration::from_millis(100))).await;
                    }
                }
            }
        })
    }
}
