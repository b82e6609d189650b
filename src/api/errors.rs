//! Keeping every non-2xx response in the one JSON error shape.
//!
//! Handlers already answer with [`crate::error::ApiError`]. What remains are the
//! framework's own rejections (unknown route, wrong method, missing bearer token, bad query
//! or path parameter), oversized bodies and — should one ever happen — panics. The
//! middleware here converts each into the shared body with a precise code, so no plain-text
//! default and no stack trace ever leaves the service.

use poem::{
    Endpoint, EndpointExt, IntoResponse, Middleware, Request, Response, Result,
    error::{MethodNotAllowedError, NotFoundError},
    http::header::CONTENT_LENGTH,
    middleware::CatchPanic,
};
use poem_openapi::error::{
    AuthorizationError, ContentTypeError, ParseParamError, ParsePathError, ParseRequestPayloadError,
};

use std::sync::Arc;

use poem::http::{HeaderValue, header::ALLOW};
use serde_json::Value;

use super::body::{MAX_BODY_BYTES, payload_too_large};
use crate::error::{ApiError, ErrorCode};

/// Wraps the whole application: JSON errors everywhere, body limit, panic safety net.
/// `allowed` answers "which methods does this path support" for 405 responses.
pub fn with_error_handling<E: Endpoint + 'static>(
    endpoint: E,
    allowed: AllowedMethods,
) -> impl Endpoint + 'static {
    AllowHeader {
        inner: endpoint.with(BodyLimit),
        allowed: Arc::new(allowed),
    }
    .catch_all_error(|err| async move { render(err) })
    .with(
        CatchPanic::new().with_handler(|panic: Box<dyn std::any::Any + Send>| {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            ApiError::internal(format!("a request handler panicked: {what}")).into_response()
        }),
    )
}

/// Converts any error into the shared error response.
fn render(err: poem::Error) -> Response {
    if err.is_from_response() {
        // Already rendered by a handler or extractor in the shared shape.
        return err.into_response();
    }
    to_api_error(&err).into_response()
}

fn to_api_error(err: &poem::Error) -> ApiError {
    if err.is::<NotFoundError>() {
        return ApiError::new(ErrorCode::NotFound, "No such endpoint.");
    }
    if err.is::<MethodNotAllowedError>() {
        return ApiError::new(
            ErrorCode::MethodNotAllowed,
            "This endpoint does not support that HTTP method.",
        );
    }
    if err.is::<AuthorizationError>() {
        return ApiError::new(
            ErrorCode::GenericUnauthorized,
            "Authentication is required: send a valid `Authorization: Bearer <access token>`.",
        );
    }
    if let Some(e) = err.downcast_ref::<ParseParamError>() {
        let reason = if e.reason.ends_with("expects an input value.") {
            "it is required"
        } else {
            &e.reason
        };
        return ApiError::new(
            ErrorCode::BadRequest,
            format!("Invalid parameter `{}`: {reason}", e.name),
        );
    }
    if let Some(e) = err.downcast_ref::<ParsePathError>() {
        // poem-openapi renames path parameters internally, so its name is not useful.
        return ApiError::new(
            ErrorCode::BadRequest,
            format!("Invalid path parameter: {}", e.reason),
        );
    }
    if err.is::<poem::error::ParsePathError>() || err.is::<poem::error::ParseQueryError>() {
        return ApiError::new(ErrorCode::BadRequest, format!("Invalid request: {err}"));
    }
    if let Some(e) = err.downcast_ref::<ParseRequestPayloadError>() {
        return ApiError::new(
            ErrorCode::BadRequest,
            format!("The request body is invalid: {}", e.reason),
        );
    }
    if err.is::<ContentTypeError>() {
        return ApiError::new(
            ErrorCode::UnsupportedMediaType,
            "The request body must be `application/json`.",
        );
    }
    let status = err.status();
    if status.is_client_error() {
        ApiError::new(ErrorCode::BadRequest, format!("Invalid request: {err}"))
    } else {
        ApiError::internal(err)
    }
}

/// Refuses bodies whose declared `Content-Length` exceeds [`MAX_BODY_BYTES`] before reading
/// them. Chunked bodies are bounded while being read, in `JsonBody`.
///
/// (poem's `SizeLimit` would answer 411 to every request without a `Content-Length`,
/// including every GET.)
struct BodyLimit;

impl<E: Endpoint> Middleware<E> for BodyLimit {
    type Output = BodyLimitEndpoint<E>;

    fn transform(&self, inner: E) -> Self::Output {
        BodyLimitEndpoint(inner)
    }
}

struct BodyLimitEndpoint<E>(E);

impl<E: Endpoint> Endpoint for BodyLimitEndpoint<E> {
    type Output = Response;

    async fn call(&self, req: Request) -> Result<Self::Output> {
        let declared = req
            .headers()
            .get(CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        if declared.is_some_and(|len| len > MAX_BODY_BYTES as u64) {
            return Err(payload_too_large().into());
        }
        self.0.call(req).await.map(IntoResponse::into_response)
    }
}

/// The methods each path supports, from the OpenAPI document plus the few routes outside it,
/// so a 405 can carry the `Allow` header RFC 9110 requires.
#[derive(Debug, Default, Clone)]
pub struct AllowedMethods {
    /// Path templates split into segments (`{param}` matches any segment) and their methods.
    routes: Vec<(Vec<String>, Vec<String>)>,
}

impl AllowedMethods {
    /// Reads every path and method of an OpenAPI document, plus `extra` GET-only paths.
    pub fn from_spec(spec: &Value, extra_get_paths: &[&str]) -> Self {
        let mut routes: Vec<(Vec<String>, Vec<String>)> = spec["paths"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(path, item)| {
                let methods = item
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(method, _)| method.to_ascii_uppercase())
                    .collect();
                (segments(path), methods)
            })
            .collect();
        routes.extend(
            extra_get_paths
                .iter()
                .map(|path| (segments(path), vec!["GET".to_string()])),
        );
        // Static segments win over parameters, as in the router: most specific first.
        routes.sort_by_key(|(segs, _)| segs.iter().filter(|s| s.starts_with('{')).count());
        Self { routes }
    }

    /// The `Allow` value for `path`, if a route matches it.
    fn allow(&self, path: &str) -> Option<String> {
        let wanted = segments(path);
        self.routes
            .iter()
            .find(|(template, _)| {
                template.len() == wanted.len()
                    && template
                        .iter()
                        .zip(&wanted)
                        .all(|(t, w)| t.starts_with('{') || t == w)
            })
            .map(|(_, methods)| {
                let mut methods = methods.clone();
                if methods.iter().any(|m| m == "GET") {
                    methods.push("HEAD".into());
                }
                methods.join(", ")
            })
    }
}

fn segments(path: &str) -> Vec<String> {
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Adds `Allow` to 405 responses.
struct AllowHeader<E> {
    inner: E,
    allowed: Arc<AllowedMethods>,
}

impl<E: Endpoint> Endpoint for AllowHeader<E> {
    type Output = Response;

    async fn call(&self, req: Request) -> Result<Self::Output> {
        let path = req.uri().path().to_string();
        match self.inner.call(req).await {
            Err(err) if err.is::<MethodNotAllowedError>() => {
                let mut response = to_api_error(&err).into_response();
                if let Some(allow) = self.allowed.allow(&path)
                    && let Ok(value) = HeaderValue::from_str(&allow)
                {
                    response.headers_mut().insert(ALLOW, value);
                }
                Ok(response)
            }
            other => other.map(IntoResponse::into_response),
        }
    }
}
