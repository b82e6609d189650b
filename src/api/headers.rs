//! Security headers every response carries, so no handler can forget them:
//! - `X-Content-Type-Options: nosniff` everywhere (a JSON error is never sniffed as HTML);
//! - `WWW-Authenticate: Bearer` on every 401 (RFC 6750 §3);
//! - `Cache-Control: no-store` and `Pragma: no-cache` on everything under `/v1/auth/`,
//!   whose answers carry tokens (RFC 6749 §5.1);
//! - on Swagger UI's page, a Content-Security-Policy that allows only its own inline script
//!   and style and same-origin requests, and `X-Frame-Options: DENY` (no clickjacking).

use poem::{
    Endpoint, IntoResponse, Middleware, Request, Response, Result,
    http::{HeaderValue, StatusCode, header},
};

/// Swagger UI's page: everything it needs is inline or same-origin.
const DOCS_CSP: &str = "default-src 'none'; script-src 'self' 'unsafe-inline'; \
    style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
    font-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Adds the security headers (see the module docs).
pub struct SecurityHeaders;

impl<E: Endpoint> Middleware<E> for SecurityHeaders {
    type Output = SecurityHeadersEndpoint<E>;

    fn transform(&self, inner: E) -> Self::Output {
        SecurityHeadersEndpoint(inner)
    }
}

/// [`SecurityHeaders`] around an endpoint.
pub struct SecurityHeadersEndpoint<E>(E);

impl<E: Endpoint> Endpoint for SecurityHeadersEndpoint<E> {
    type Output = Response;

    async fn call(&self, req: Request) -> Result<Self::Output> {
        let path = req.uri().path().to_string();
        let mut response = match self.0.call(req).await {
            Ok(response) => response.into_response(),
            Err(err) => err.into_response(),
        };
        let headers = response.headers_mut();
        headers.insert(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        );
        if path.starts_with("/v1/auth/") {
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            headers.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
        }
        if path == "/docs" {
            headers.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(DOCS_CSP),
            );
            headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        }
        if response.status() == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"profilehub\""),
            );
        }
        Ok(response)
    }
}
