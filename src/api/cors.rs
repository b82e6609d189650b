//! Cross-origin requests from browsers: off unless origins are configured
//! (`--cors-allow-origin`, exact `scheme://host[:port]` origins).
//!
//! For an allowed origin, a preflight is answered here (204 with the methods and request
//! headers the API uses) and other answers carry `Access-Control-Allow-Origin` and expose
//! the headers clients read (`ETag`, `Retry-After`, `Link`). A request from any other origin
//! is served exactly as if CORS did not exist — no CORS header at all, so the browser keeps
//! the answer from the page — which also leaves same-origin use (Swagger UI) untouched.
//! No credentials mode: the API authenticates with bearer tokens, never cookies.

use std::sync::Arc;

use poem::{
    Endpoint, IntoResponse, Middleware, Request, Response, Result,
    http::{HeaderValue, Method, StatusCode, header},
};

const ALLOWED_METHODS: &str = "GET, POST, PUT, PATCH, DELETE";
const ALLOWED_HEADERS: &str = "authorization, content-type, if-none-match, x-request-id";
const EXPOSED_HEADERS: &str = "etag, retry-after, link, x-request-id";

/// The CORS policy: which origins may call the API from a browser.
#[derive(Debug, Clone, Default)]
pub struct Cors {
    origins: Arc<[String]>,
}

impl Cors {
    /// Allows exactly `origins` (none: CORS off).
    pub fn new(origins: Vec<String>) -> Self {
        Self {
            origins: origins.into(),
        }
    }

    fn allows(&self, origin: &HeaderValue) -> bool {
        origin
            .to_str()
            .is_ok_and(|origin| self.origins.iter().any(|allowed| allowed == origin))
    }
}

impl<E: Endpoint> Middleware<E> for Cors {
    type Output = CorsEndpoint<E>;

    fn transform(&self, inner: E) -> Self::Output {
        CorsEndpoint {
            inner,
            policy: self.clone(),
        }
    }
}

/// [`Cors`] around an endpoint.
pub struct CorsEndpoint<E> {
    inner: E,
    policy: Cors,
}

impl<E: Endpoint> Endpoint for CorsEndpoint<E> {
    type Output = Response;

    async fn call(&self, req: Request) -> Result<Self::Output> {
        let origin = req
            .headers()
            .get(header::ORIGIN)
            .filter(|origin| self.policy.allows(origin))
            .cloned();
        let Some(origin) = origin else {
            return self.inner.call(req).await.map(IntoResponse::into_response);
        };
        let preflight = req.method() == Method::OPTIONS
            && req
                .headers()
                .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
        let mut response = if preflight {
            let mut response = Response::builder().status(StatusCode::NO_CONTENT).finish();
            let headers = response.headers_mut();
            headers.insert(
                header::ACCESS_CONTROL_ALLOW_METHODS,
                HeaderValue::from_static(ALLOWED_METHODS),
            );
            headers.insert(
                header::ACCESS_CONTROL_ALLOW_HEADERS,
                HeaderValue::from_static(ALLOWED_HEADERS),
            );
            headers.insert(
                header::ACCESS_CONTROL_MAX_AGE,
                HeaderValue::from_static("600"),
            );
            response
        } else {
            match self.inner.call(req).await {
                Ok(response) => response.into_response(),
                Err(err) => err.into_response(),
            }
        };
        let headers = response.headers_mut();
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        headers.insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static(EXPOSED_HEADERS),
        );
        headers.append(header::VARY, HeaderValue::from_static("Origin"));
        Ok(response)
    }
}
