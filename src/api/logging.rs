//! The request log: one line per request (method, path, status, duration), and the one place
//! where a failed request's cause is logged — with the request it belongs to.
//!
//! Handlers never log their errors: an [`ApiError`](crate::error::ApiError) that hides an
//! internal cause (a SQL error, a lost connection) carries it to the response as an
//! [`ErrorCause`] extension, and this middleware logs it once, at error level for 5xx.
//! Health probes are logged at debug level so that orchestrators polling them do not drown
//! the log. The path is logged as received (percent-encoded), so it cannot break a line.

use std::time::Instant;

use poem::{Endpoint, IntoResponse, Middleware, Request, Response, Result};

/// The hidden cause of an error response, for the log only.
#[derive(Debug, Clone)]
pub struct ErrorCause(pub String);

/// Logs every request when its response is ready.
pub struct RequestLog;

impl<E: Endpoint> Middleware<E> for RequestLog {
    type Output = RequestLogEndpoint<E>;

    fn transform(&self, inner: E) -> Self::Output {
        RequestLogEndpoint(inner)
    }
}

/// [`RequestLog`] around an endpoint.
pub struct RequestLogEndpoint<E>(E);

impl<E: Endpoint> Endpoint for RequestLogEndpoint<E> {
    type Output = Response;

    async fn call(&self, req: Request) -> Result<Self::Output> {
        let started = Instant::now();
        let method = req.method().clone();
        let path = req.uri().path().to_string();
        let response = match self.0.call(req).await {
            Ok(response) => response.into_response(),
            Err(err) => err.into_response(),
        };
        let status = response.status().as_u16();
        let duration_ms = started.elapsed().as_secs_f64() * 1000.0;
        let cause = response
            .extensions()
            .get::<ErrorCause>()
            .map(|c| c.0.as_str());
        match (status, cause) {
            (500.., Some(cause)) => tracing::error!(
                method = %method, path = %path, status, duration_ms, error = %cause, "request failed"
            ),
            (_, Some(cause)) => tracing::warn!(
                method = %method, path = %path, status, duration_ms, error = %cause, "request failed"
            ),
            _ if path == "/healthz" || path == "/readyz" => {
                tracing::debug!(method = %method, path = %path, status, duration_ms, "request")
            }
            _ => tracing::info!(method = %method, path = %path, status, duration_ms, "request"),
        }
        Ok(response)
    }
}
