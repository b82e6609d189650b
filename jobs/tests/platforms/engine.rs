//! The refresh engine and the schedule, over an in-memory store and scripted clients.

use std::{
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, AtomicUsize, Ordering},
    },
    time::Duration,
};

use profilehub_jobs::{
    DueHandle, EngineSettings, FetchOutcome, FetchRequest, Platform, PlatformClient,
    RatingSnapshot, RatingStore, RefreshScope, Refresher, StoreError, http::BoxFuture,
};
use tokio::sync::Notify;

/// An in-memory store: `handles` are due until recorded; every call is logged.
#[derive(Default)]
struct MemoryStore {
    due: Mutex<Vec<DueHandle>>,
    claimed: Mutex<Vec<DueHandle>>,
    recorded: Mutex<Vec<(DueHandle, FetchOutcome)>>,
    released: Mutex<Vec<DueHandle>>,
    claim_delay: Option<Duration>,
    record_delay: Option<Duration>,
    claims_in_flight: AtomicUsize,
    most_claims_in_flight: AtomicUsize,
    claim_calls: AtomicUsize,
    record_finished: AtomicBool,
}

impl MemoryStore {
    fn with_handles(platform: Platform, count: usize) -> Self {
        let due = (0..count)
            .map(|i| DueHandle {
                user_id: format!("user-{i}"),
                platform,
                handle: format!("handle_{i}"),
                generation: 0,
                previous: None,
                stored_contests: 0,
            })
            .collect();
        Self {
            due: Mutex::new(due),
            ..Default::default()
        }
    }
}

impl RatingStore for MemoryStore {
    fn claim_due<'a>(
        &'a self,
        platform: Platform,
        _scope: &'a RefreshScope,
        limit: usize,
    ) -> BoxFuture<'a, Result<Vec<DueHandle>, StoreError>> {
        Box::pin(async move {
            self.claim_calls.fetch_add(1, Ordering::SeqCst);
            let now = self.claims_in_flight.fetch_add(1, Ordering::SeqCst) + 1;
            self.most_claims_in_flight.fetch_max(now, Ordering::SeqCst);
            if let Some(delay) = self.claim_delay {
                tokio::time::sleep(delay).await;
            }
            let mut due = self.due.lock().unwrap();
            let take: Vec<DueHandle> = due
                .iter()
                .filter(|d| d.platform == platform)
                .take(limit)
                .cloned()
                .collect();
            due.retain(|d| !take.contains(d));
            self.claimed.lock().unwrap().extend(take.iter().cloned());
            self.claims_in_flight.fetch_sub(1, Ordering::SeqCst);
            Ok(take)
        })
    }

    fn record<'a>(
        &'a self,
        results: &'a [(DueHandle, FetchOutcome)],
    ) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            if let Some(delay) = self.record_delay {
                tokio::time::sleep(delay).await;
            }
            self.recorded
                .lock()
                .unwrap()
                .extend(results.iter().cloned());
            self.record_finished.store(true, Ordering::SeqCst);
            Ok(())
        })
    }

    fn release<'a>(&'a self, claimed: &'a [DueHandle]) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            self.released
                .lock()
                .unwrap()
                .extend(claimed.iter().cloned());
            self.due.lock().unwrap().extend(claimed.iter().cloned());
            Ok(())
        })
    }
}

/// A client answering `Rated(1500)` for every handle, after `delay`, counting batches.
struct ScriptedClient {
    platform: Platform,
    batch_size: usize,
    delay: Duration,
    paused: bool,
    batches: Mutex<Vec<usize>>,
    fetching: Notify,
}

impl ScriptedClient {
    fn new(platform: Platform, batch_size: usize, delay: Duration) -> Self {
        Self {
            platform,
            batch_size,
            delay,
            paused: false,
            batches: Mutex::default(),
            fetching: Notify::new(),
        }
    }
}

impl PlatformClient for ScriptedClient {
    fn platform(&self) -> Platform {
        self.platform
    }

    fn batch_size(&self) -> usize {
        self.batch_size
    }

    fn fetch<'a>(&'a self, batch: &'a [FetchRequest]) -> BoxFuture<'a, Vec<FetchOutcome>> {
        Box::pin(async move {
            self.batches.lock().unwrap().push(batch.len());
            self.fetching.notify_one();
            tokio::time::sleep(self.delay).await;
            batch
                .iter()
                .map(|_| {
                    FetchOutcome::Rated(RatingSnapshot {
                        contests: None,
                        rating: 1500.0,
                        max_rating: None,
                        attended_contests: Some(1),
                        badge: None,
                    })
                })
                .collect()
        })
    }

    fn requests_sent(&self) -> u64 {
        self.batches.lock().unwrap().len() as u64
    }

    fn paused_for(&self) -> Option<Duration> {
        self.paused.then_some(Duration::from_secs(60))
    }
}

fn settings(claim_size: usize) -> EngineSettings {
    EngineSettings {
        claim_size,
        parallel_batches: 2,
    }
}

#[tokio::test]
async fn a_refresh_claims_in_chunks_fetches_in_client_batches_and_records_everything() {
    let store = Arc::new(MemoryStore::with_handles(Platform::Leetcode, 25));
    let client = Arc::new(ScriptedClient::new(Platform::Leetcode, 10, Duration::ZERO));
    let refresher = Refresher::new(store.clone(), vec![client.clone()], settings(20));

    let summary = refresher
        .run_once(&RefreshScope::default(), None)
        .await
        .unwrap();

    assert_eq!(summary.platforms[&Platform::Leetcode].fetched, 25);
    assert_eq!(store.recorded.lock().unwrap().len(), 25);
    // Claims of 20 then 5 (then an empty one); batches of at most 10.
    assert_eq!(store.claim_calls.load(Ordering::SeqCst), 3);
    let mut batches = client.batches.lock().unwrap().clone();
    batches.sort();
    assert_eq!(batches, [5, 10, 10]);
}

#[tokio::test]
async fn a_paused_platform_leaves_its_work_while_the_others_carry_on() {
    let store = Arc::new(MemoryStore::with_handles(Platform::Codeforces, 3));
    store.due.lock().unwrap().extend(
        MemoryStore::with_handles(Platform::Atcoder, 4)
            .due
            .into_inner()
            .unwrap(),
    );
    let mut broken = ScriptedClient::new(Platform::Codeforces, 50, Duration::ZERO);
    broken.paused = true;
    let healthy = ScriptedClient::new(Platform::Atcoder, 1, Duration::ZERO);
    let refresher = Refresher::new(
        store.clone(),
        vec![Arc::new(broken), Arc::new(healthy)],
        settings(64),
    );

    let summary = refresher
        .run_once(&RefreshScope::default(), None)
        .await
        .unwrap();
    assert!(summary.platforms[&Platform::Codeforces].paused);
    assert_eq!(summary.platforms[&Platform::Codeforces].total(), 0);
    assert_eq!(summary.platforms[&Platform::Atcoder].fetched, 4);
    assert_eq!(
        store.due.lock().unwrap().len(),
        3,
        "Codeforces' work is left due"
    );
}

#[tokio::test]
async fn a_stop_during_a_fetch_releases_the_claims_unrecorded() {
    let store = Arc::new(MemoryStore::with_handles(Platform::Codechef, 4));
    let client = Arc::new(ScriptedClient::new(
        Platform::Codechef,
        1,
        Duration::from_secs(30),
    ));
    let refresher = Refresher::new(store.clone(), vec![client.clone()], settings(4));

    let running = {
        let refresher = refresher.clone();
        tokio::spawn(async move { refresher.run_once(&RefreshScope::default(), None).await })
    };
    client.fetching.notified().await;
    refresher.stop();
    let summary = tokio::time::timeout(Duration::from_secs(5), running)
        .await
        .expect("the stop is honoured without waiting for the 30 s fetch")
        .unwrap()
        .unwrap();

    assert!(summary.stopped);
    assert!(store.recorded.lock().unwrap().is_empty());
    assert_eq!(store.released.lock().unwrap().len(), 4);
    assert_eq!(store.due.lock().unwrap().len(), 4, "due again at once");
}

#[tokio::test]
async fn shutdown_lets_the_write_in_progress_finish() {
    let store = Arc::new(MemoryStore {
        record_delay: Some(Duration::from_millis(400)),
        ..MemoryStore::with_handles(Platform::Atcoder, 2)
    });
    let client = Arc::new(ScriptedClient::new(Platform::Atcoder, 1, Duration::ZERO));
    let refresher = Refresher::new(store.clone(), vec![client.clone()], settings(2));
    let background = refresher.start(None).await.unwrap();

    refresher.request_run();
    client.fetching.notified().await;
    // The fetch answers at once; the slow write is under way when shutdown begins.
    tokio::time::sleep(Duration::from_millis(100)).await;
    background.shutdown().await;

    assert!(
        store.record_finished.load(Ordering::SeqCst),
        "shutdown returned before the write completed"
    );
    assert_eq!(store.recorded.lock().unwrap().len(), 2);
}

#[tokio::test]
async fn the_schedule_keeps_firing_but_runs_never_overlap() {
    // Each run takes 1.5 s (a slow claim) while the schedule fires every second: without
    // the guard, runs would overlap.
    let store = Arc::new(MemoryStore {
        claim_delay: Some(Duration::from_millis(1500)),
        ..Default::default()
    });
    let client = Arc::new(ScriptedClient::new(
        Platform::Codeforces,
        50,
        Duration::ZERO,
    ));
    let refresher = Refresher::new(store.clone(), vec![client], settings(64));
    let background = refresher.start(Some("*/1 * * * * *")).await.unwrap();

    tokio::time::sleep(Duration::from_millis(4600)).await;
    background.shutdown().await;

    let runs = store.claim_calls.load(Ordering::SeqCst);
    assert!(runs >= 2, "the schedule fired repeatedly ({runs} runs)");
    assert_eq!(
        store.most_claims_in_flight.load(Ordering::SeqCst),
        1,
        "two runs overlapped"
    );
}

#[tokio::test]
async fn refreshes_started_together_run_one_after_the_other() {
    // E.g. an on-demand run requested while the scheduled one is going.
    let store = Arc::new(MemoryStore {
        claim_delay: Some(Duration::from_millis(300)),
        ..Default::default()
    });
    let client = Arc::new(ScriptedClient::new(Platform::Leetcode, 10, Duration::ZERO));
    let refresher = Refresher::new(store.clone(), vec![client], settings(64));
    let scope = RefreshScope::default();
    let (a, b, c) = tokio::join!(
        refresher.run_once(&scope, None),
        refresher.run_once(&scope, None),
        refresher.run_once(&scope, None)
    );
    assert!(a.is_ok() && b.is_ok() && c.is_ok());
    assert_eq!(store.claim_calls.load(Ordering::SeqCst), 3);
    assert_eq!(store.most_claims_in_flight.load(Ordering::SeqCst), 1);
}
