//! The polite HTTP layer every platform client goes through.
//!
//! We read other people's sites on their goodwill, so politeness is enforced in one place
//! rather than trusted to each client:
//!
//! * **Rate limit**: a minimum interval between request *starts*, per platform, through the
//!   pluggable [`RateGate`] (in-process [`LocalRateGate`] by default; a fleet-wide,
//!   database-backed gate can replace it without touching the clients). Every attempt,
//!   retries included, waits its turn.
//! * **Concurrency cap** per platform (a semaphore around each attempt).
//! * **Timeout** per attempt (connect + headers + body).
//! * **Retries** with jittered exponential backoff on transport errors, 429 and 5xx (and
//!   whatever a client's [`Classifier`] flags, e.g. Codeforces' "Call limit exceeded").
//!   `Retry-After` (seconds form; the HTTP-date form is ignored) is honoured when it is at
//!   most [`PlatformSettings::max_retry_after`]; a longer one ends the call at once with a
//!   transient failure carrying it, rather than parking a worker for minutes.
//! * **Circuit breaker**: after [`PlatformSettings::breaker_threshold`] consecutive failed
//!   attempts the platform is paused for [`PlatformSettings::breaker_cooldown`]; calls fail
//!   fast with the remaining pause as `retry_after`; after the pause one probe is let
//!   through (half-open) and its result closes or re-opens the breaker. Attempts are
//!   counted (not calls) so a dead platform costs at most `threshold` requests.
//! * **Size cap**: bodies are read chunk by chunk and abandoned past
//!   [`PlatformSettings::max_body_bytes`].
//! * **Redirects**: followed only within the same origin and never to the site root; a
//!   cross-host or home-page redirect is handed back as the 3xx reply, so the client can
//!   see it (CodeChef answers unknown users with a redirect to its home page).
//! * An identifying **User-Agent**.
//!
//! Failures come back as [`HttpFailure`], which maps to `FetchOutcome::Transient`.

use std::collections::HashMap;
use std::collections::hash_map::RandomState;
use std::future::Future;
use std::hash::{BuildHasher, Hasher};
use std::pin::Pin;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use reqwest::header::{HeaderMap, LOCATION, RETRY_AFTER};
use reqwest::{Method, Url, redirect};
use tokio::sync::Semaphore;
use tokio::time::Instant;

use crate::outcome::FetchOutcome;
use crate::platform::Platform;

/// How politely to talk to one platform. [`PlatformSettings::defaults`] documents the
/// defaults; tests shorten the durations and point `base_url` at local doubles.
#[derive(Debug, Clone, PartialEq)]
pub struct PlatformSettings {
    /// Scheme and host (and port) of the platform, without a trailing slash.
    pub base_url: String,
    /// Minimum time between the starts of two requests to this platform;
    /// `Duration::ZERO` turns the rate limit off.
    pub min_interval: Duration,
    /// Maximum number of requests in flight at once.
    pub max_concurrency: usize,
    /// Time limit for one attempt, body included.
    pub timeout: Duration,
    /// How many times a failed attempt is retried (so `retries + 1` attempts at most).
    pub retries: u32,
    /// First backoff delay; doubled per retry, then jittered (50–100 % of the value).
    pub backoff_base: Duration,
    /// Upper bound for one backoff delay. Also the `retry_after` reported when a rate limit
    /// persists without a `Retry-After` header.
    pub backoff_max: Duration,
    /// Longest `Retry-After` waited for in-line; a longer one ends the call immediately.
    pub max_retry_after: Duration,
    /// Consecutive failed attempts that open the circuit breaker; 0 disables it.
    pub breaker_threshold: u32,
    /// How long an open breaker pauses the platform.
    pub breaker_cooldown: Duration,
    /// Largest response body accepted, in bytes.
    pub max_body_bytes: usize,
    /// `User-Agent` sent with every request.
    pub user_agent: String,
    /// How many handles one `fetch()` should be given (see `PlatformClient::batch_size`).
    pub batch_size: usize,
}

/// The default `User-Agent`: names the service and where to find its operators.
pub const DEFAULT_USER_AGENT: &str = concat!(
    "profilehub-rating-aggregator/",
    env!("CARGO_PKG_VERSION"),
    " (+https://github.com/profilehub)"
);

impl PlatformSettings {
    /// Production defaults for `platform`:
    ///
    /// | | Codeforces | LeetCode | CodeChef | AtCoder |
    /// |---|---|---|---|---|
    /// | base URL | `https://codeforces.com` | `https://leetcode.com` | `https://www.codechef.com` | `https://atcoder.jp` |
    /// | min interval | 2 s (the API's documented limit) | 1 s | 1 s | 1 s |
    /// | concurrency | 1 | 2 | 2 | 2 |
    /// | batch size | 50 handles per `user.info` | 10 users per GraphQL query | 1 | 1 |
    ///
    /// All platforms: 10 s timeout, 3 retries, backoff 500 ms doubling to at most 8 s,
    /// `Retry-After` honoured up to 60 s, breaker after 5 consecutive failures for 5 min,
    /// 2 MiB body cap, [`DEFAULT_USER_AGENT`].
    pub fn defaults(platform: Platform) -> Self {
        let (base_url, min_interval, max_concurrency, batch_size) = match platform {
            Platform::Codeforces => ("https://codeforces.com", Duration::from_secs(2), 1, 50),
            Platform::Leetcode => ("https://leetcode.com", Duration::from_secs(1), 2, 10),
            Platform::Codechef => ("https://www.codechef.com", Duration::from_secs(1), 2, 1),
            Platform::Atcoder => ("https://atcoder.jp", Duration::from_secs(1), 2, 1),
        };
        PlatformSettings {
            base_url: base_url.to_owned(),
            min_interval,
            max_concurrency,
            timeout: Duration::from_secs(10),
            retries: 3,
            backoff_base: Duration::from_millis(500),
            backoff_max: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
            breaker_threshold: 5,
            breaker_cooldown: Duration::from_secs(5 * 60),
            max_body_bytes: 2 * 1024 * 1024,
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            batch_size,
        }
    }
}

/// A boxed, sendable future (the object-safe return type of [`RateGate`] and the clients).
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Decides when a request to a platform may start. Shared by all clients of a process; a
/// database-backed implementation can make the limit fleet-wide.
pub trait RateGate: Send + Sync {
    /// Resolves when the caller may start a request to `platform`, at least `min_interval`
    /// after the previous start granted for that platform. `Duration::ZERO` means no limit.
    fn wait_turn<'a>(&'a self, platform: Platform, min_interval: Duration) -> BoxFuture<'a, ()>;
}

/// In-process [`RateGate`]: hands out start times `min_interval` apart, per platform.
///
/// Slots are reserved under a lock and slept for outside it, so waiters start in arrival
/// order and a cancelled waiter merely leaves a gap.
#[derive(Debug, Default)]
pub struct LocalRateGate {
    next_start: Mutex<HashMap<Platform, Instant>>,
}

impl LocalRateGate {
    /// A gate with no history: the first request of each platform starts at once.
    pub fn new() -> Self {
        Self::default()
    }
}

impl RateGate for LocalRateGate {
    fn wait_turn<'a>(&'a self, platform: Platform, min_interval: Duration) -> BoxFuture<'a, ()> {
        Box::pin(async move {
            if min_interval.is_zero() {
                return;
            }
            let start = {
                let mut next = self
                    .next_start
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                let now = Instant::now();
                let start = next
                    .get(&platform)
                    .copied()
                    .filter(|t| *t > now)
                    .unwrap_or(now);
                next.insert(platform, start + min_interval);
                start
            };
            tokio::time::sleep_until(start).await;
        })
    }
}

/// A response as the clients see it: status, redirect target and the (capped) body.
#[derive(Debug, Clone, PartialEq)]
pub struct HttpReply {
    /// HTTP status code.
    pub status: u16,
    /// `Location` of a redirect that was not followed, made relative (path and query) when
    /// it points to the platform's own origin, absolute otherwise.
    pub location: Option<String>,
    /// `Retry-After` in its seconds form, if present.
    pub retry_after: Option<Duration>,
    /// The body, at most `max_body_bytes` long.
    pub body: Vec<u8>,
}

impl HttpReply {
    /// True for a 3xx reply (a redirect the layer did not follow).
    pub fn is_redirect(&self) -> bool {
        (300..400).contains(&self.status)
    }
}

/// Why a call produced no usable reply; becomes `FetchOutcome::Transient`.
#[derive(Debug, Clone, PartialEq)]
pub struct HttpFailure {
    /// What went wrong, for logs.
    pub reason: String,
    /// When to come back, if known (`Retry-After`, an open breaker, a rate limit).
    pub retry_after: Option<Duration>,
}

impl HttpFailure {
    /// The [`FetchOutcome::Transient`] for this failure.
    pub fn to_outcome(&self) -> FetchOutcome {
        FetchOutcome::Transient {
            reason: self.reason.clone(),
            retry_after: self.retry_after,
        }
    }
}

/// What to do with a reply that arrived.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Hand it to the caller (including 3xx/4xx: the caller's parser decides).
    Accept,
    /// A failed attempt: retry (within the retry budget) and count it for the breaker.
    Retry {
        /// For logs and for the final failure.
        reason: String,
        /// The platform is rate-limiting us: the final failure gets a `retry_after`.
        rate_limited: bool,
    },
}

/// Classifies replies; [`default_verdict`] or a platform-specific refinement of it.
pub type Classifier = fn(&HttpReply) -> Verdict;

/// Retries 429 (rate limited) and 5xx; accepts everything else.
pub fn default_verdict(reply: &HttpReply) -> Verdict {
    match reply.status {
        429 => Verdict::Retry {
            reason: "HTTP 429 Too Many Requests".into(),
            rate_limited: true,
        },
        503 => Verdict::Retry {
            reason: "HTTP 503 Service Unavailable".into(),
            rate_limited: reply.retry_after.is_some(),
        },
        s @ 500..=599 => Verdict::Retry {
            reason: format!("HTTP {s}"),
            rate_limited: false,
        },
        _ => Verdict::Accept,
    }
}

/// Failure to construct an HTTP client (TLS initialisation, bad User-Agent or base URL).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientBuildError(pub String);

impl std::fmt::Display for ClientBuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot build platform HTTP client: {}", self.0)
    }
}

impl std::error::Error for ClientBuildError {}

#[derive(Debug)]
enum Breaker {
    Closed {
        failures: u32,
    },
    Open {
        until: Instant,
        /// The failure that opened it: what a fast-failed call reports as its cause.
        cause: String,
    },
    /// One probe is out. If it never reports (its caller was cancelled), another probe
    /// is allowed once it is overdue.
    HalfOpen {
        probe_started: Instant,
    },
}

/// A failed attempt, before retry handling.
struct AttemptFailure {
    failure: HttpFailure,
    /// Worth retrying (timeouts, connection errors; not an oversized body).
    retryable: bool,
    /// Server-requested wait.
    wait: Option<Duration>,
}

/// The per-platform polite HTTP client. Cheap to share behind an `Arc`.
///
/// The underlying `reqwest::Client` (and with it the TLS set-up, which reads the system's
/// certificate store) is built on the first request rather than at start-up: a service
/// that serves profiles should not wait for four TLS contexts before it answers.
pub struct PoliteHttp {
    platform: Platform,
    settings: PlatformSettings,
    base: Url,
    default_headers: HeaderMap,
    client: std::sync::OnceLock<Result<reqwest::Client, ClientBuildError>>,
    gate: Arc<dyn RateGate>,
    permits: Semaphore,
    breaker: Mutex<Breaker>,
    requests: AtomicU64,
    /// When each of the last [`REMEMBERED_STARTS`] requests was sent (after its rate-gate
    /// turn), so a fleet's spacing can be checked where it is decided.
    starts: Mutex<std::collections::VecDeque<std::time::Instant>>,
}

/// How many request start times a client remembers.
const REMEMBERED_STARTS: usize = 4096;

impl std::fmt::Debug for PoliteHttp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PoliteHttp")
            .field("platform", &self.platform)
            .field("settings", &self.settings)
            .field("requests", &self.requests)
            .finish_non_exhaustive()
    }
}

impl PoliteHttp {
    /// A client for `platform` with `settings`, taking turns at `gate`, sending
    /// `default_headers` with every request.
    pub fn new(
        platform: Platform,
        settings: PlatformSettings,
        gate: Arc<dyn RateGate>,
        default_headers: HeaderMap,
    ) -> Result<Self, ClientBuildError> {
        let base = Url::parse(&settings.base_url)
            .map_err(|e| ClientBuildError(format!("base URL {:?}: {e}", settings.base_url)))?;
        // What the lazy build could refuse is checked now, so bad settings fail at start-up.
        reqwest::header::HeaderValue::from_str(&settings.user_agent)
            .map_err(|e| ClientBuildError(format!("user agent {:?}: {e}", settings.user_agent)))?;
        Ok(PoliteHttp {
            platform,
            permits: Semaphore::new(settings.max_concurrency.max(1)),
            settings,
            base,
            default_headers,
            client: std::sync::OnceLock::new(),
            gate,
            breaker: Mutex::new(Breaker::Closed { failures: 0 }),
            requests: AtomicU64::new(0),
            starts: Mutex::new(std::collections::VecDeque::new()),
        })
    }

    /// The settings this client was built with.
    pub fn settings(&self) -> &PlatformSettings {
        &self.settings
    }

    /// The HTTP client, built on first use.
    fn client(&self) -> Result<&reqwest::Client, ClientBuildError> {
        self.client
            .get_or_init(|| {
                reqwest::Client::builder()
                    .user_agent(self.settings.user_agent.clone())
                    .default_headers(self.default_headers.clone())
                    .timeout(self.settings.timeout)
                    .redirect(redirect::Policy::custom(same_origin_redirects))
                    .build()
                    .map_err(|e| ClientBuildError(e.to_string()))
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Requests sent so far (every attempt, retries included).
    pub fn requests_sent(&self) -> u64 {
        self.requests.load(Ordering::Relaxed)
    }

    /// When the most recent requests were sent, oldest first.
    pub fn request_starts(&self) -> Vec<std::time::Instant> {
        self.starts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .iter()
            .copied()
            .collect()
    }

    /// Remaining pause if the circuit breaker is open, `None` if calls would go out.
    pub fn paused_for(&self) -> Option<Duration> {
        match *self.lock_breaker() {
            Breaker::Open { until, .. } => until.checked_duration_since(Instant::now()),
            _ => None,
        }
    }

    /// `GET {base}/{segments…}` with `query` parameters. The path is built segment by
    /// segment (each one percent-encoded), never by joining strings, so no value can add a
    /// segment, climb out with `..` or start a query.
    pub async fn get(
        &self,
        segments: &[&str],
        query: &[(&str, &str)],
        classify: Classifier,
    ) -> Result<HttpReply, HttpFailure> {
        self.call(Method::GET, segments, query, None, classify)
            .await
    }

    /// `POST {base}/{segments…}` with a JSON body.
    pub async fn post_json(
        &self,
        segments: &[&str],
        body: &serde_json::Value,
        classify: Classifier,
    ) -> Result<HttpReply, HttpFailure> {
        self.call(Method::POST, segments, &[], Some(body), classify)
            .await
    }

    async fn call(
        &self,
        method: Method,
        segments: &[&str],
        query: &[(&str, &str)],
        json: Option<&serde_json::Value>,
        classify: Classifier,
    ) -> Result<HttpReply, HttpFailure> {
        if segments
            .iter()
            .any(|s| s.is_empty() || s.chars().all(|c| c == '.'))
        {
            return Err(HttpFailure {
                reason: format!("refusing to request a path with segments {segments:?}"),
                retry_after: None,
            });
        }
        let mut url = self.base.clone();
        url.path_segments_mut()
            .map_err(|()| HttpFailure {
                reason: format!("base URL {} cannot have a path", self.base),
                retry_after: None,
            })?
            .clear()
            .extend(segments);
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }
        let mut retries_left = self.settings.retries;
        let mut attempt = 0u32;
        loop {
            self.admit()?;
            let result = self.attempt(method.clone(), &url, json).await;
            let failed = match result {
                Ok(reply) => match classify(&reply) {
                    Verdict::Accept => {
                        self.record(None);
                        return Ok(reply);
                    }
                    Verdict::Retry {
                        reason,
                        rate_limited,
                    } => AttemptFailure {
                        failure: HttpFailure {
                            reason,
                            retry_after: reply
                                .retry_after
                                .or(rate_limited.then_some(self.settings.backoff_max)),
                        },
                        retryable: true,
                        wait: reply.retry_after,
                    },
                },
                Err(failed) => failed,
            };
            self.record(Some(&failed.failure.reason));
            attempt += 1;
            tracing::debug!(
                platform = %self.platform, %url, attempt, reason = %failed.failure.reason,
                "platform request failed"
            );
            if !failed.retryable || retries_left == 0 {
                return Err(failed.failure);
            }
            retries_left -= 1;
            let delay = match failed.wait {
                Some(wait) if wait > self.settings.max_retry_after => return Err(failed.failure),
                Some(wait) => wait.max(self.settings.backoff_base),
                None => self.backoff(attempt),
            };
            tokio::time::sleep(delay).await;
        }
    }

    /// One request: concurrency permit, rate-limit turn, send, capped body read.
    async fn attempt(
        &self,
        method: Method,
        url: &Url,
        json: Option<&serde_json::Value>,
    ) -> Result<HttpReply, AttemptFailure> {
        let _permit = self.permits.acquire().await.map_err(|_| AttemptFailure {
            failure: HttpFailure {
                reason: "HTTP client shut down".into(),
                retry_after: None,
            },
            retryable: false,
            wait: None,
        })?;
        // Built before taking a turn, so the first request is not sent late into its slot.
        let client = self.client().map_err(|e| AttemptFailure {
            failure: HttpFailure {
                reason: e.to_string(),
                retry_after: None,
            },
            retryable: false,
            wait: None,
        })?;
        self.gate
            .wait_turn(self.platform, self.settings.min_interval)
            .await;
        self.requests.fetch_add(1, Ordering::Relaxed);

        let mut request = client.request(method, url.clone());
        if let Some(body) = json {
            request = request.json(body);
        }
        {
            let mut starts = self
                .starts
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if starts.len() == REMEMBERED_STARTS {
                starts.pop_front();
            }
            starts.push_back(std::time::Instant::now());
        }
        let transport = |e: reqwest::Error| {
            let reason = if e.is_timeout() {
                format!("timed out after {:?}", self.settings.timeout)
            } else if e.is_connect() {
                format!("cannot connect: {e}")
            } else {
                format!("transport error: {e}")
            };
            AttemptFailure {
                failure: HttpFailure {
                    reason,
                    retry_after: None,
                },
                retryable: true,
                wait: None,
            }
        };
        let mut response = request.send().await.map_err(transport)?;

        let too_large = || AttemptFailure {
            failure: HttpFailure {
                reason: format!(
                    "response too large (over {} bytes)",
                    self.settings.max_body_bytes
                ),
                retry_after: None,
            },
            retryable: false,
            wait: None,
        };
        let cap = self.settings.max_body_bytes;
        if response
            .content_length()
            .is_some_and(|len| len > cap as u64)
        {
            return Err(too_large());
        }
        let status = response.status().as_u16();
        let headers = response.headers();
        let retry_after = headers
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let location = headers
            .get(LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(|l| self.describe_location(response.url(), l));

        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(transport)? {
            if body.len() + chunk.len() > cap {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(HttpReply {
            status,
            location,
            retry_after,
            body,
        })
    }

    /// Same-origin targets become path + query; others stay absolute.
    fn describe_location(&self, from: &Url, location: &str) -> String {
        match from.join(location) {
            Ok(target) if target.origin() == self.base.origin() => {
                let mut relative = target.path().to_owned();
                if let Some(q) = target.query() {
                    relative.push('?');
                    relative.push_str(q);
                }
                relative
            }
            Ok(target) => target.to_string(),
            Err(_) => location.to_owned(),
        }
    }

    fn lock_breaker(&self) -> std::sync::MutexGuard<'_, Breaker> {
        self.breaker
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Lets a request out unless the breaker is open (or its half-open probe is running).
    fn admit(&self) -> Result<(), HttpFailure> {
        let mut breaker = self.lock_breaker();
        match *breaker {
            Breaker::Closed { .. } => Ok(()),
            Breaker::Open { until, ref cause } => {
                match until.checked_duration_since(Instant::now()) {
                    Some(remaining) if !remaining.is_zero() => Err(HttpFailure {
                        // The original cause first: it is what an operator needs to act on.
                        reason: format!(
                            "{cause} ({} paused by the circuit breaker after repeated failures)",
                            self.platform.display_name()
                        ),
                        retry_after: Some(remaining),
                    }),
                    _ => {
                        *breaker = Breaker::HalfOpen {
                            probe_started: Instant::now(),
                        };
                        Ok(())
                    }
                }
            }
            Breaker::HalfOpen { probe_started }
                if probe_started.elapsed() > self.probe_deadline() =>
            {
                *breaker = Breaker::HalfOpen {
                    probe_started: Instant::now(),
                };
                Ok(())
            }
            Breaker::HalfOpen { .. } => Err(HttpFailure {
                reason: format!(
                    "{} is being probed after a pause; not sending more yet",
                    self.platform.display_name()
                ),
                retry_after: Some(self.settings.backoff_base),
            }),
        }
    }

    /// How long a half-open probe may take before another one is allowed.
    fn probe_deadline(&self) -> Duration {
        self.settings.timeout.saturating_mul(2) + self.settings.min_interval
    }

    /// Records an attempt: `None` when it succeeded, else why it failed.
    fn record(&self, failure: Option<&str>) {
        let threshold = self.settings.breaker_threshold;
        let mut breaker = self.lock_breaker();
        let open = |cause: &str| Breaker::Open {
            until: Instant::now() + self.settings.breaker_cooldown,
            cause: cause.to_owned(),
        };
        *breaker = match (&*breaker, failure) {
            (_, None) => Breaker::Closed { failures: 0 },
            (_, Some(_)) if threshold == 0 => Breaker::Closed { failures: 0 },
            (Breaker::Closed { failures }, Some(_)) if failures + 1 < threshold => {
                Breaker::Closed {
                    failures: failures + 1,
                }
            }
            (Breaker::Open { until, cause }, Some(_)) => Breaker::Open {
                until: *until,
                cause: cause.clone(),
            },
            (_, Some(cause)) => {
                tracing::warn!(
                    platform = %self.platform, cooldown = ?self.settings.breaker_cooldown,
                    "circuit breaker opened"
                );
                open(cause)
            }
        };
    }

    /// Jittered exponential backoff before retry number `attempt` (1-based): a random
    /// delay in [d/2, d] for d = base · 2^(attempt-1), capped at `backoff_max`.
    fn backoff(&self, attempt: u32) -> Duration {
        let exp = self
            .settings
            .backoff_base
            .saturating_mul(1u32 << attempt.saturating_sub(1).min(16));
        let full = exp.min(self.settings.backoff_max);
        let half = full / 2;
        let jitter_nanos = u64::try_from(half.as_nanos()).unwrap_or(u64::MAX);
        let random = RandomState::new().build_hasher().finish();
        half + Duration::from_nanos(random.checked_rem(jitter_nanos + 1).unwrap_or(0))
    }
}

/// Follows a redirect only within the original origin, never to the site root, at most 5.
fn same_origin_redirects(attempt: redirect::Attempt<'_>) -> redirect::Action {
    let same_origin = attempt
        .previous()
        .first()
        .is_some_and(|first| first.origin() == attempt.url().origin());
    let to_root = attempt.url().path() == "/";
    if same_origin && !to_root && attempt.previous().len() <= 5 {
        attempt.follow()
    } else {
        attempt.stop()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(settings: PlatformSettings) -> PoliteHttp {
        PoliteHttp::new(
            Platform::Atcoder,
            settings,
            Arc::new(LocalRateGate::new()),
            HeaderMap::new(),
        )
        .unwrap()
    }

    #[test]
    fn backoff_is_jittered_exponential_and_capped() {
        let http = client(PlatformSettings::defaults(Platform::Atcoder));
        for _ in 0..50 {
            let first = http.backoff(1);
            assert!(first >= Duration::from_millis(250) && first <= Duration::from_millis(500));
            let third = http.backoff(3);
            assert!(third >= Duration::from_millis(1000) && third <= Duration::from_millis(2000));
            let late = http.backoff(30);
            assert!(late >= Duration::from_secs(4) && late <= Duration::from_secs(8));
        }
    }

    #[test]
    fn defaults_match_the_documented_values() {
        let cf = PlatformSettings::defaults(Platform::Codeforces);
        assert_eq!(cf.base_url, "https://codeforces.com");
        assert_eq!(cf.min_interval, Duration::from_secs(2));
        assert_eq!(cf.batch_size, 50);
        let cc = PlatformSettings::defaults(Platform::Codechef);
        assert_eq!(cc.base_url, "https://www.codechef.com");
        assert_eq!(cc.min_interval, Duration::from_secs(1));
        assert_eq!(cc.timeout, Duration::from_secs(10));
        assert_eq!(cc.max_body_bytes, 2 * 1024 * 1024);
        assert!(cc.user_agent.starts_with("profilehub-rating-aggregator/0."));
    }

    #[tokio::test]
    async fn the_breaker_opens_after_the_threshold_and_lets_one_probe_through_later() {
        let mut settings = PlatformSettings::defaults(Platform::Atcoder);
        settings.breaker_threshold = 2;
        settings.breaker_cooldown = Duration::from_millis(50);
        let http = client(settings);
        http.record(Some("HTTP 500"));
        assert!(http.admit().is_ok());
        http.record(Some("HTTP 500"));
        let paused = http.admit().unwrap_err();
        assert!(
            paused
                .retry_after
                .is_some_and(|d| d <= Duration::from_millis(50))
        );
        assert!(http.paused_for().is_some());
        tokio::time::sleep(Duration::from_millis(60)).await;
        assert!(http.admit().is_ok(), "the probe goes out");
        assert!(http.admit().is_err(), "only one probe at a time");
        http.record(None);
        assert!(http.admit().is_ok());
        assert_eq!(http.paused_for(), None);
    }

    #[tokio::test]
    async fn a_probe_that_never_reports_back_does_not_block_the_platform_forever() {
        let mut settings = PlatformSettings::defaults(Platform::Atcoder);
        settings.breaker_threshold = 1;
        settings.breaker_cooldown = Duration::from_millis(10);
        settings.timeout = Duration::from_millis(10);
        settings.min_interval = Duration::ZERO;
        let http = client(settings);
        http.record(Some("HTTP 500"));
        tokio::time::sleep(Duration::from_millis(15)).await;
        assert!(http.admit().is_ok(), "probe");
        assert!(http.admit().is_err(), "probe still running");
        tokio::time::sleep(Duration::from_millis(30)).await;
        assert!(http.admit().is_ok(), "the lost probe is replaced");
    }

    #[tokio::test]
    async fn the_local_gate_spaces_request_starts() {
        let gate = LocalRateGate::new();
        let started = Instant::now();
        for _ in 0..3 {
            gate.wait_turn(Platform::Leetcode, Duration::from_millis(40))
                .await;
        }
        gate.wait_turn(Platform::Atcoder, Duration::from_millis(40))
            .await;
        assert!(started.elapsed() >= Duration::from_millis(80));
    }
}
