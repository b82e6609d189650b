//! Prometheus metrics in the text exposition format, through prometheus-client (the
//! Prometheus project's Rust client), served at `GET /metrics` (or on their own address,
//! or not at all: `--metrics`).
//!
//! Requests are labelled by `operationId`, never by raw path, so a client probing random
//! URLs cannot grow the label set (anything unrouted is `unmatched`). Values that live
//! elsewhere (the database pool, the platforms' request counters and breakers, how far the
//! refresh is behind) are sampled when scraped, by [`crate::AppState::render_metrics`].

use std::{
    collections::HashMap,
    sync::{Mutex, atomic::AtomicU64},
};

use profilehub_jobs::{FetchOutcome, Platform};
use prometheus_client::{
    encoding::{EncodeLabelSet, text::encode},
    metrics::{
        counter::Counter,
        family::Family,
        gauge::Gauge,
        histogram::{Histogram, exponential_buckets},
    },
    registry::Registry,
};

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    operation: String,
    status: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OperationLabels {
    operation: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct FetchLabels {
    platform: String,
    outcome: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct PlatformLabels {
    platform: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct PoolLabels {
    state: String,
}

type DurationFamily = Family<OperationLabels, Histogram, fn() -> Histogram>;

fn latency_histogram() -> Histogram {
    // 0.5 ms … ~8 s.
    Histogram::new(exponential_buckets(0.0005, 2.0, 15))
}

/// The service's metrics.
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    durations: DurationFamily,
    fetches: Family<FetchLabels, Counter>,
    platform_requests: Family<PlatformLabels, Counter>,
    /// The platform clients' own totals at the last scrape (their counters are per process
    /// and only grow, so the difference is what to add).
    platform_requests_seen: Mutex<HashMap<Platform, u64>>,
    breaker_open: Family<PlatformLabels, Gauge>,
    refresh_lag: Family<PlatformLabels, Gauge<f64, AtomicU64>>,
    pool: Family<PoolLabels, Gauge>,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Metrics").finish_non_exhaustive()
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    /// Every metric, registered and at zero.
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix("profilehub");
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register(
            "http_requests",
            "HTTP requests answered, by operationId (`unmatched`: no route) and status",
            requests.clone(),
        );
        let durations = DurationFamily::new_with_constructor(latency_histogram);
        registry.register(
            "http_request_duration_seconds",
            "Time from receiving a request to its response being ready, by operationId",
            durations.clone(),
        );
        let fetches = Family::<FetchLabels, Counter>::default();
        registry.register(
            "rating_fetches",
            "Handles fetched by the refresher, by platform and outcome (rated, unrated, not_found, transient)",
            fetches.clone(),
        );
        let platform_requests = Family::<PlatformLabels, Counter>::default();
        registry.register(
            "platform_requests",
            "HTTP requests sent to each rating platform by this process, retries included",
            platform_requests.clone(),
        );
        let breaker_open = Family::<PlatformLabels, Gauge>::default();
        registry.register(
            "platform_breaker_open",
            "1 while a platform's circuit breaker pauses its requests, else 0",
            breaker_open.clone(),
        );
        let refresh_lag = Family::<PlatformLabels, Gauge<f64, AtomicU64>>::default();
        registry.register(
            "refresh_lag_seconds",
            "How long the platform's longest-waiting due handle has been due (0: none due)",
            refresh_lag.clone(),
        );
        let pool = Family::<PoolLabels, Gauge>::default();
        registry.register(
            "db_pool_connections",
            "Database pool connections, by state (in_use, idle)",
            pool.clone(),
        );
        for platform in Platform::ALL {
            let labels = platform_labels(platform);
            // Every platform is listed from the start, not from its first event.
            let _ = platform_requests.get_or_create(&labels);
            let _ = breaker_open.get_or_create(&labels);
            let _ = refresh_lag.get_or_create(&labels);
        }
        Self {
            registry,
            requests,
            durations,
            fetches,
            platform_requests,
            platform_requests_seen: Mutex::new(HashMap::new()),
            breaker_open,
            refresh_lag,
            pool,
        }
    }

    /// One answered request.
    pub fn observe_request(&self, operation: &str, status: u16, seconds: f64) {
        self.requests
            .get_or_create(&RequestLabels {
                operation: operation.to_string(),
                status: status.to_string(),
            })
            .inc();
        self.durations
            .get_or_create(&OperationLabels {
                operation: operation.to_string(),
            })
            .observe(seconds);
    }

    /// One fetch outcome recorded by the refresher.
    pub fn observe_fetch(&self, platform: Platform, outcome: &FetchOutcome) {
        let outcome = match outcome {
            FetchOutcome::Rated(_) => "rated",
            FetchOutcome::Unrated => "unrated",
            FetchOutcome::NotFound => "not_found",
            FetchOutcome::Transient { .. } => "transient",
        };
        self.fetches
            .get_or_create(&FetchLabels {
                platform: platform.as_str().to_string(),
                outcome: outcome.to_string(),
            })
            .inc();
    }

    /// A platform client's state at scrape time: its request total and its breaker.
    pub fn sample_platform(&self, platform: Platform, requests_total: u64, breaker_open: bool) {
        let labels = platform_labels(platform);
        let mut seen = self
            .platform_requests_seen
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let before = seen.insert(platform, requests_total).unwrap_or(0);
        self.platform_requests
            .get_or_create(&labels)
            .inc_by(requests_total.saturating_sub(before));
        self.breaker_open
            .get_or_create(&labels)
            .set(i64::from(breaker_open));
    }

    /// How long the platform's longest-waiting due handle has been due.
    pub fn sample_refresh_lag(&self, platform: Platform, seconds: f64) {
        self.refresh_lag
            .get_or_create(&platform_labels(platform))
            .set(seconds);
    }

    /// The database pool at scrape time.
    pub fn sample_pool(&self, in_use: u32, idle: u32) {
        for (state, value) in [("in_use", in_use), ("idle", idle)] {
            self.pool
                .get_or_create(&PoolLabels {
                    state: state.to_string(),
                })
                .set(i64::from(value));
        }
    }

    /// The text exposition of every metric.
    pub fn render(&self) -> String {
        let mut text = String::new();
        encode(&mut text, &self.registry).expect("writing to a String cannot fail");
        text
    }
}

fn platform_labels(platform: Platform) -> PlatformLabels {
    PlatformLabels {
        platform: platform.as_str().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_counted_by_operation_and_status_and_platform_totals_only_grow() {
        let metrics = Metrics::new();
        metrics.observe_request("get_profile", 200, 0.002);
        metrics.observe_request("get_profile", 200, 0.004);
        metrics.observe_request("unmatched", 404, 0.001);
        metrics.sample_platform(Platform::Codeforces, 5, false);
        metrics.sample_platform(Platform::Codeforces, 7, true);
        let text = metrics.render();
        assert!(
            text.contains(
                r#"profilehub_http_requests_total{operation="get_profile",status="200"} 2"#
            ),
            "{text}"
        );
        assert!(text.contains(
            r#"profilehub_http_request_duration_seconds_count{operation="get_profile"} 2"#
        ));
        assert!(text.contains(r#"profilehub_platform_requests_total{platform="codeforces"} 7"#));
        assert!(text.contains(r#"profilehub_platform_breaker_open{platform="codeforces"} 1"#));
        assert!(text.contains(r#"profilehub_refresh_lag_seconds{platform="atcoder"} 0"#));
        assert!(text.ends_with("# EOF\n"));
    }
}
