//! Running refreshes: on demand, on a cron schedule, never two at once.
//!
//! [`Refresher`] owns the engine's inputs and a lock, so refreshes never overlap within a
//! process however they are started (tokio-cron-scheduler spawns every tick even if the last
//! one is still running). [`Refresher::start`] adds the background side: a cron job that only
//! *requests* a run, and one loop task that performs requested runs one after another —
//! several requests while a run is going coalesce into one more run.
//!
//! [`Background::shutdown`] stops the schedule, asks the running refresh to stop (it releases
//! what it had claimed but not fetched, and finishes any write in progress) and waits for it.
//! Overlap *between* instances is prevented by the store's leases, not here.

use std::sync::Arc;

use tokio::sync::{Mutex, Notify, watch};
use tokio_cron_scheduler::{Job, JobScheduler, JobSchedulerError};

use crate::{
    clients::PlatformClient,
    engine::{
        self, EngineSettings, ProgressFn, RatingStore, RefreshScope, RefreshSummary, StoreError,
    },
};

/// Checks a cron expression (with a seconds field) without scheduling anything, so that a
/// typo is reported at start-up, before any other work, with the form that is expected.
pub fn validate_cron(expression: &str) -> Result<(), String> {
    Job::new_async(expression, |_, _| Box::pin(async {}))
        .map(drop)
        .map_err(|e| {
            format!(
                "`{expression}` is not a cron schedule ({e}); expected six fields \
                 `sec min hour day-of-month month day-of-week` such as `0 */10 * * * *`, \
                 five crontab fields such as `*/10 * * * *`, or `off`"
            )
        })
}

/// Runs refreshes one at a time.
pub struct Refresher {
    store: Arc<dyn RatingStore>,
    clients: Vec<Arc<dyn PlatformClient>>,
    settings: EngineSettings,
    running: Mutex<()>,
    wake: Notify,
    stop: watch::Sender<bool>,
}

impl std::fmt::Debug for Refresher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Refresher")
            .field(
                "platforms",
                &self
                    .clients
                    .iter()
                    .map(|c| c.platform())
                    .collect::<Vec<_>>(),
            )
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

impl Refresher {
    /// A refresher over `store` with one client per platform.
    pub fn new(
        store: Arc<dyn RatingStore>,
        clients: Vec<Arc<dyn PlatformClient>>,
        settings: EngineSettings,
    ) -> Arc<Self> {
        Arc::new(Self {
            store,
            clients,
            settings,
            running: Mutex::new(()),
            wake: Notify::new(),
            stop: watch::Sender::new(false),
        })
    }

    /// The platform clients (for request counts).
    pub fn clients(&self) -> &[Arc<dyn PlatformClient>] {
        &self.clients
    }

    /// Performs one refresh of `scope` now, after any refresh already running in this
    /// process has finished.
    pub async fn run_once(
        &self,
        scope: &RefreshScope,
        progress: Option<&ProgressFn>,
    ) -> Result<RefreshSummary, StoreError> {
        let _one_at_a_time = self.running.lock().await;
        engine::refresh(
            self.store.as_ref(),
            &self.clients,
            scope,
            self.settings,
            self.stop.subscribe(),
            progress,
        )
        .await
    }

    /// Asks any running refresh to stop at its next safe point, and later ones not to start
    /// (used on shutdown).
    pub fn stop(&self) {
        self.stop.send_replace(true);
    }

    /// Asks the background loop for a refresh of everything due (coalesced; returns at
    /// once). Does nothing until [`Refresher::start`] was called.
    pub fn request_run(&self) {
        self.wake.notify_one();
    }

    /// Starts the background loop and, when `cron` is given, the schedule that triggers it
    /// (tokio-cron-scheduler syntax, with a seconds field: `0 */10 * * * *`).
    pub async fn start(
        self: &Arc<Self>,
        cron: Option<&str>,
    ) -> Result<Background, JobSchedulerError> {
        let scheduler = match cron {
            Some(expression) => {
                let scheduler = JobScheduler::new().await?;
                let refresher = Arc::clone(self);
                scheduler
                    .add(Job::new_async(expression, move |_, _| {
                        refresher.request_run();
                        Box::pin(async {})
                    })?)
                    .await?;
                scheduler.start().await?;
                Some(scheduler)
            }
            None => None,
        };
        let refresher = Arc::clone(self);
        let mut stop = self.stop.subscribe();
        let worker = tokio::spawn(async move {
            loop {
                tokio::select! {
                    () = refresher.wake.notified() => {}
                    _ = stop.wait_for(|stop| *stop) => break,
                }
                match refresher.run_once(&RefreshScope::default(), None).await {
                    Ok(summary) => log_summary(&summary),
                    Err(err) => tracing::error!(error = %err, "scheduled rating refresh failed"),
                }
                if *stop.borrow() {
                    break;
                }
            }
        });
        Ok(Background {
            scheduler,
            worker,
            refresher: Arc::clone(self),
        })
    }
}

fn log_summary(summary: &RefreshSummary) {
    for (platform, s) in &summary.platforms {
        if s.total() > 0 || s.paused {
            tracing::info!(
                platform = %platform,
                fetched = s.fetched,
                unrated = s.unrated,
                not_found = s.not_found,
                failed = s.failed,
                requests = s.requests,
                paused = s.paused,
                "rating refresh"
            );
        }
    }
}

/// The running schedule and loop of a [`Refresher`].
pub struct Background {
    scheduler: Option<JobScheduler>,
    worker: tokio::task::JoinHandle<()>,
    refresher: Arc<Refresher>,
}

impl Background {
    /// Stops the schedule, stops the current refresh at its next safe point (claims it had
    /// not fetched are released; a write in progress completes) and waits for it.
    pub async fn shutdown(mut self) {
        if let Some(scheduler) = self.scheduler.as_mut()
            && let Err(err) = scheduler.shutdown().await
        {
            tracing::warn!(error = %err, "stopping the refresh schedule failed");
        }
        self.refresher.stop();
        if let Err(err) = self.worker.await {
            tracing::error!(error = %err, "the refresh loop ended abnormally");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::validate_cron;

    #[test]
    fn schedules_are_checked_with_the_expected_form_in_the_message() {
        assert!(validate_cron("0 */10 * * * *").is_ok());
        let err = validate_cron("every tuesday").unwrap_err();
        assert!(err.contains("0 */10 * * * *"), "{err}");
    }
}
