//! The request log: one line per request (method, path, status, duration), and the one place
//! where a failed request's cause is logged — with the request it belongs to.
//!
//! Handlers never log their errors: an [`ApiError`](crate::error::ApiError) that hides an
//! internal cause (a SQL error, a lost connection) carries it to the response as an
//! [`ErrorCause`] extension, and this middleware logs it once, at error level for 5xx.
//! Health probes are logged at debug level so that orchestrators polling them do not drown
//! the log. The path is logged as received (percent-encoded), so it cannot break a line.
//!
//! Every request has an id: the caller's `X-Request-Id` when it is a sane token (1–128
//! characters of letters, digits and `-_.:`), otherwise a fresh UUID. It is returned in the
//! `X-Request-Id` response header, available to handlers as [`RequestId`], and every log
//! line written while the request is handled carries it (a `request` span).
//!
//! It also decides who the client is ([`ClientIp`], for the log and for throttling): the
//! socket's peer, unless that peer is a configured trusted proxy, in which case the
//! right-most address of `X-Forwarded-For` that is not itself a trusted proxy (or
//! `X-Real-IP`). Headers from anyone else are ignored: a client cannot pick its own IP.

use std::{net::IpAddr, sync::Arc, time::Instant};

use poem::{Endpoint, IntoResponse, Middleware, Request, Response, Result, http::HeaderValue};
use tracing::Instrument;

use crate::{config::IpNet, metrics::Metrics};

/// The client a request came from, as this service believes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientIp(pub IpAddr);

/// Finds the client of `req` (see the module docs).
fn client_ip(req: &Request, trusted: &[IpNet]) -> Option<IpAddr> {
    let peer = req.remote_addr().as_socket_addr()?.ip();
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(*ip));
    if !is_trusted(&peer) {
        return Some(peer);
    }
    let forwarded: Vec<IpAddr> = req
        .headers()
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .filter_map(|entry| entry.trim().parse().ok())
        .collect();
    if let Some(client) = forwarded.iter().rev().find(|ip| !is_trusted(ip)) {
        return Some(*client);
    }
    req.headers()
        .get("x-real-ip")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.trim().parse().ok())
        .or(Some(peer))
}

/// The id of a request (see the module docs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestId(pub String);

const REQUEST_ID: &str = "x-request-id";

/// The caller's request id if it is safe to echo and log, else a fresh one.
fn request_id(req: &Request) -> RequestId {
    let given = req
        .headers()
        .get(REQUEST_ID)
        .and_then(|value| value.to_str().ok())
        .filter(|id| {
            (1..=128).contains(&id.len())
                && id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(&b))
        });
    RequestId(given.map_or_else(|| uuid::Uuid::new_v4().to_string(), str::to_owned))
}

/// The metrics label of a request: its `operationId`, the name of one of the few routes
/// outside the API, or `unmatched` (never the raw path: that would let clients grow the
/// label set without bound).
fn operation_of(response: &Response, path: &str) -> &'static str {
    if let Some(poem_openapi::OperationId(id)) = response.data::<poem_openapi::OperationId>() {
        return id;
    }
    match path {
        "/" => "root",
        "/docs" => "docs",
        "/openapi.json" => "openapi_document",
        "/metrics" => "metrics",
        "/favicon.ico" => "favicon",
        _ => "unmatched",
    }
}

/// The hidden cause of an error response, for the log only.
#[derive(Debug, Clone)]
pub struct ErrorCause(pub String);

/// Logs every request when its response is ready, and tags it with its [`ClientIp`].
pub struct RequestLog {
    trusted_proxies: Arc<[IpNet]>,
    metrics: Arc<Metrics>,
}

impl RequestLog {
    /// A request log that believes forwarding headers only from `trusted_proxies` and
    /// counts every request in `metrics`.
    pub fn new(trusted_proxies: Vec<IpNet>, metrics: Arc<Metrics>) -> Self {
        Self {
            trusted_proxies: trusted_proxies.into(),
            metrics,
        }
    }
}

impl<E: Endpoint> Middleware<E> for RequestLog {
    type Output = RequestLogEndpoint<E>;

    fn transform(&self, inner: E) -> Self::Output {
        RequestLogEndpoint {
            inner,
            trusted_proxies: Arc::clone(&self.trusted_proxies),
            metrics: Arc::clone(&self.metrics),
        }
    }
}

/// [`RequestLog`] around an endpoint.
pub struct RequestLogEndpoint<E> {
    inner: E,
    trusted_proxies: Arc<[IpNet]>,
    metrics: Arc<Metrics>,
}

impl<E: Endpoint> Endpoint for RequestLogEndpoint<E> {
    type Output = Response;

    async fn call(&self, mut req: Request) -> Result<Self::Output> {
        let started = Instant::now();
        let method = req.method().clone();
        let path = req.uri().path().to_string();
        let id = request_id(&req);
        let client = client_ip(&req, &self.trusted_proxies);
        if let Some(ip) = client {
            req.extensions_mut().insert(ClientIp(ip));
        }
        req.extensions_mut().insert(id.clone());
        let client = client.map(|ip| ip.to_string()).unwrap_or_default();
        let span = tracing::info_span!("request", request_id = %id.0);
        let mut response = match self.inner.call(req).instrument(span.clone()).await {
            Ok(response) => response.into_response(),
            Err(err) => err.into_response(),
        };
        if let Ok(value) = HeaderValue::from_str(&id.0) {
            response.headers_mut().insert(REQUEST_ID, value);
        }
        let status = response.status().as_u16();
        let elapsed = started.elapsed().as_secs_f64();
        let duration_ms = elapsed * 1000.0;
        self.metrics
            .observe_request(operation_of(&response, &path), status, elapsed);
        let cause = response
            .extensions()
            .get::<ErrorCause>()
            .map(|c| c.0.as_str());
        let _in_request = span.enter();
        match (status, cause) {
            (500.., Some(cause)) => tracing::error!(
                method = %method, path = %path, status, duration_ms, client = %client,
                error = %cause, "request failed"
            ),
            (_, Some(cause)) => tracing::warn!(
                method = %method, path = %path, status, duration_ms, client = %client,
                error = %cause, "request failed"
            ),
            _ if path == "/healthz" || path == "/readyz" || path == "/metrics" => tracing::debug!(
                method = %method, path = %path, status, duration_ms, client = %client, "request"
            ),
            _ => tracing::info!(
                method = %method, path = %path, status, duration_ms, client = %client, "request"
            ),
        }
        Ok(response)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_id(id: &str) -> Request {
        Request::builder().header(REQUEST_ID, id).finish()
    }

    #[test]
    fn a_sane_request_id_is_kept_and_anything_else_replaced() {
        assert_eq!(request_id(&with_id("abc-123_x.y:z")).0, "abc-123_x.y:z");
        for hostile in ["", "two words", "line\nbreak", &"x".repeat(129), "é"] {
            let id = request_id(&with_id(hostile)).0;
            assert_ne!(id, hostile);
            assert!(uuid::Uuid::parse_str(&id).is_ok(), "{id}");
        }
        let fresh = request_id(&Request::builder().finish()).0;
        assert!(uuid::Uuid::parse_str(&fresh).is_ok());
    }
}
