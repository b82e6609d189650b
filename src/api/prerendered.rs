//! Bodies serialised once and sent many times, and the caching headers that go with them.
//!
//! [`PreRendered<T>`] is a JSON response whose bytes already exist (a cached public
//! profile), documented in the spec with `T`'s schema exactly like `Json<T>`, so clients
//! and SDKs see no difference.

use std::marker::PhantomData;

use bytes::Bytes;
use poem::{Body, IntoResponse, Response};
use poem_openapi::{
    ApiResponse,
    payload::{Json, Payload},
    registry::{MetaSchemaRef, Registry},
    types::{ToJSON, Type},
};

use crate::{AppState, services::profiles::RenderedProfile};

/// A view anyone may see, with its validators: 200 with an `ETag`, or 304 when the client's
/// `If-None-Match` names the current body.
#[derive(ApiResponse)]
pub enum Cached<T: ToJSON> {
    /// The body. Public views carry an `ETag` and `Cache-Control: public, max-age=…`; a
    /// caller's own view is `private, no-store` and has no `ETag`.
    #[oai(status = 200)]
    Ok(
        PreRendered<T>,
        /// Entity tag of the body; send it back in `If-None-Match`.
        #[oai(header = "ETag")]
        Option<String>,
        /// How long the body may be reused.
        #[oai(header = "Cache-Control")]
        String,
    ),
    /// Not modified since the `ETag` sent in `If-None-Match`.
    #[oai(status = 304)]
    NotModified(
        /// Entity tag of the unchanged body.
        #[oai(header = "ETag")]
        String,
        /// How long the body may be reused.
        #[oai(header = "Cache-Control")]
        String,
    ),
}

impl<T: ToJSON> Cached<T> {
    /// `rendered`, or 304 when `if_none_match` names it.
    pub fn public(
        state: &AppState,
        rendered: &RenderedProfile,
        if_none_match: Option<&str>,
    ) -> Self {
        let cache_control = cache_control(state);
        if rendered.matches(if_none_match) {
            Self::NotModified(rendered.etag.clone(), cache_control)
        } else {
            Self::Ok(
                PreRendered::from(rendered),
                Some(rendered.etag.clone()),
                cache_control,
            )
        }
    }

    /// A caller's own view: never stored by anyone.
    pub fn own(value: &T) -> Self {
        Self::Ok(PreRendered::of(value), None, own_view())
    }
}

/// `200` with a body serialised once and sent many times (documented as `T`, like
/// `Ok200<T>`).
#[derive(ApiResponse)]
pub enum Ok200Rendered<T: ToJSON> {
    /// Success.
    #[oai(status = 200)]
    Ok(PreRendered<T>),
}

/// A view only its owner may see: `Cache-Control: private, no-store`.
#[derive(ApiResponse)]
pub enum Private<T: ToJSON> {
    /// The caller's own data; never stored by caches.
    #[oai(status = 200)]
    Ok(
        Json<T>,
        /// Always `private, no-store`.
        #[oai(header = "Cache-Control")]
        String,
    ),
}

impl<T: ToJSON> Private<T> {
    /// `value` with `Cache-Control: private, no-store`.
    pub fn of(value: T) -> Self {
        Self::Ok(Json(value), own_view())
    }
}

/// The JSON media type of every body.
const JSON: &str = "application/json; charset=utf-8";

/// A JSON body of type `T`, already serialised.
pub struct PreRendered<T> {
    body: Bytes,
    _type: PhantomData<fn() -> T>,
}

impl<T: ToJSON> PreRendered<T> {
    /// The JSON bytes of `value`, as `Json<T>` would send them.
    pub fn render(value: &T) -> Vec<u8> {
        serde_json::to_vec(&value.to_json()).expect("JSON values serialise")
    }

    /// `value`, serialised now.
    pub fn of(value: &T) -> Self {
        Self::from_bytes(Self::render(value).into())
    }
}

impl<T> PreRendered<T> {
    /// A body already serialised from a `T` (by [`PreRendered::render`]).
    pub fn from_bytes(body: Bytes) -> Self {
        Self {
            body,
            _type: PhantomData,
        }
    }
}

impl<T> From<&RenderedProfile> for PreRendered<T> {
    fn from(rendered: &RenderedProfile) -> Self {
        Self {
            body: rendered.body.clone(),
            _type: PhantomData,
        }
    }
}

impl<T: Type> Payload for PreRendered<T> {
    const CONTENT_TYPE: &'static str = JSON;

    fn schema_ref() -> MetaSchemaRef {
        T::schema_ref()
    }

    fn register(registry: &mut Registry) {
        T::register(registry);
    }
}

impl<T: Send> IntoResponse for PreRendered<T> {
    fn into_response(self) -> Response {
        Response::builder()
            .content_type(JSON)
            .body(Body::from_bytes(self.body))
    }
}

/// `Cache-Control` of a public view: shared caches may keep it for the configured time.
pub(crate) fn cache_control(state: &AppState) -> String {
    format!(
        "public, max-age={}",
        state.profiles.client_max_age().as_secs()
    )
}

/// `Cache-Control` of anything only its owner may see.
fn own_view() -> String {
    "private, no-store".to_string()
}
