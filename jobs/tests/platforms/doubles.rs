//! Local HTTP test doubles: a poem server on 127.0.0.1, port 0, answering with whatever
//! the test's handler returns and recording every request it saw.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use poem::http::StatusCode;
use poem::{Body, Request, Response};
use profilehub_jobs::http::{LocalRateGate, PlatformSettings};
use profilehub_jobs::{HttpPlatformClient, Platform};
use profilehub_testkit::{percent_decode, serve_locally};

/// A request as the double saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub query: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Seen {
    /// A decoded query parameter.
    pub fn param(&self, name: &str) -> Option<String> {
        self.query.split('&').find_map(|pair| {
            let (k, v) = pair.split_once('=')?;
            (percent_decode(k) == name).then(|| percent_decode(v))
        })
    }

    /// A header value (names are lowercase).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The port the request was sent to (from `Host`), for building absolute redirects.
    pub fn port(&self) -> &str {
        self.header("host")
            .and_then(|h| h.rsplit(':').next())
            .unwrap_or("80")
    }

    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("JSON request body")
    }
}

/// What the double answers.
#[derive(Debug, Clone)]
pub struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    delay: Option<Duration>,
    streamed: bool,
}

impl Reply {
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Reply {
            status,
            headers: vec![("content-type".into(), content_type.into())],
            body: body.into(),
            delay: None,
            streamed: false,
        }
    }

    pub fn json(body: impl Into<Vec<u8>>) -> Self {
        Reply::new(200, "application/json", body)
    }

    pub fn html(body: impl Into<Vec<u8>>) -> Self {
        Reply::new(200, "text/html; charset=utf-8", body)
    }

    pub fn status(status: u16) -> Self {
        Reply::new(status, "text/plain", format!("status {status}"))
    }

    pub fn redirect(status: u16, location: &str) -> Self {
        Reply::new(status, "text/html", "").header("location", location)
    }

    pub fn with_status(mut self, status: u16) -> Self {
        self.status = status;
        self
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Answer only after `delay`.
    pub fn delayed(mut self, delay: Duration) -> Self {
        self.delay = Some(delay);
        self
    }

    /// Send the body chunked, without `Content-Length`.
    pub fn streamed(mut self) -> Self {
        self.streamed = true;
        self
    }
}

/// A running double.
pub struct Double {
    /// `http://127.0.0.1:<port>`.
    pub base: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Double {
    /// Starts a double answering every request with `handler`.
    pub async fn start(handler: impl Fn(&Seen) -> Reply + Send + Sync + 'static) -> Double {
        let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
        let handler = Arc::new(handler);
        let log = seen.clone();
        let base = serve_locally(poem::endpoint::make(move |mut req: Request| {
            let handler = handler.clone();
            let log = log.clone();
            async move {
                let body = req.take_body().into_vec().await.unwrap_or_default();
                let request = Seen {
                    method: req.method().to_string(),
                    path: req.uri().path().to_owned(),
                    query: req.uri().query().unwrap_or_default().to_owned(),
                    headers: req
                        .headers()
                        .iter()
                        .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap_or("").to_owned()))
                        .collect(),
                    body,
                };
                log.lock().unwrap().push(request.clone());
                let reply = handler(&request);
                if let Some(delay) = reply.delay {
                    tokio::time::sleep(delay).await;
                }
                let mut response = Response::builder()
                    .status(StatusCode::from_u16(reply.status).expect("valid status"));
                for (name, value) in &reply.headers {
                    response = response.header(name.as_str(), value.as_str());
                }
                let body = if reply.streamed {
                    Body::from_async_read(std::io::Cursor::new(reply.body))
                } else {
                    Body::from_vec(reply.body)
                };
                response.body(body)
            }
        }))
        .await;
        Double { base, seen }
    }

    /// Every request so far.
    pub fn requests(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    /// Requests to exactly `path`.
    pub fn hits(&self, path: &str) -> usize {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .filter(|s| s.path == path)
            .count()
    }

    /// All requests.
    pub fn total_hits(&self) -> usize {
        self.seen.lock().unwrap().len()
    }
}

/// Settings for tests: pointed at `base`, no rate limit, short timeout and backoff.
pub fn fast_settings(platform: Platform, base: &str) -> PlatformSettings {
    PlatformSettings {
        base_url: base.to_owned(),
        min_interval: Duration::ZERO,
        timeout: Duration::from_secs(5),
        retries: 2,
        backoff_base: Duration::from_millis(10),
        backoff_max: Duration::from_millis(40),
        max_retry_after: Duration::from_secs(5),
        breaker_cooldown: Duration::from_secs(60),
        ..PlatformSettings::defaults(platform)
    }
}

/// A client for `platform` against the double with `settings`, with its own gate.
pub fn client(platform: Platform, settings: PlatformSettings) -> HttpPlatformClient {
    HttpPlatformClient::new(platform, settings, Arc::new(LocalRateGate::new()))
        .expect("client builds")
}
