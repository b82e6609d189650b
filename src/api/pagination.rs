//! The one pagination convention on the wire (`docs/API-DESIGN.md`): `?limit=` (1–100,
//! default 20) and an opaque `?cursor=`; the answer is `{items, nextCursor}` with an
//! RFC 8288 `Link: <…>; rel="next"` header on every page but the last.

use std::borrow::Cow;

use bytes::Bytes;
use poem::Request;
use poem_openapi::{
    ApiResponse,
    registry::{MetaSchema, MetaSchemaRef},
    types::{ParseFromParameter, ParseResult, ToJSON, Type},
};

use super::prerendered::PreRendered;
use crate::{
    domain::page::{DEFAULT_LIMIT, MAX_LIMIT},
    error::{ApiError, ErrorCode},
};

/// `?limit=`: always parses, so an out-of-range or non-numeric value gets the API's own
/// 400 naming the allowed range.
#[derive(Debug, Clone)]
pub struct LimitParam(Result<i64, String>);

impl LimitParam {
    /// The number asked for (its range is checked with the page request), or 400
    /// `BAD_REQUEST` for text that is no number.
    pub fn value(limit: Option<&LimitParam>) -> Result<Option<i64>, ApiError> {
        match limit {
            None => Ok(None),
            Some(LimitParam(Ok(n))) => Ok(Some(*n)),
            Some(LimitParam(Err(raw))) => Err(ApiError::new(
                ErrorCode::BadRequest,
                format!(
                    "`limit` must be a whole number between 1 and {MAX_LIMIT} (default {DEFAULT_LIMIT}); got `{}`",
                    crate::error::quoted(raw)
                ),
            )),
        }
    }
}

impl Type for LimitParam {
    crate::api::raw_value_is_self!();

    fn name() -> Cow<'static, str> {
        "integer(limit)".into()
    }

    fn schema_ref() -> MetaSchemaRef {
        MetaSchemaRef::Inline(Box::new(MetaSchema {
            minimum: Some(1.0),
            maximum: Some(f64::from(MAX_LIMIT)),
            default: Some(DEFAULT_LIMIT.into()),
            ..MetaSchema::new_with_format("integer", "int32")
        }))
    }
}

impl ParseFromParameter for LimitParam {
    fn parse_from_parameter(value: &str) -> ParseResult<Self> {
        Ok(Self(value.trim().parse().map_err(|_| value.to_string())))
    }
}

/// A page of a list, with the `Link` to the next one.
#[derive(ApiResponse)]
pub enum Paged<T: ToJSON> {
    /// A page, newest first. `nextCursor` (also in the `Link` header) fetches the next one;
    /// it is `null` on the last page.
    #[oai(status = 200)]
    Ok(
        PreRendered<T>,
        /// `<URL of the next page>; rel="next"` (RFC 8288), absent on the last page.
        #[oai(header = "Link")]
        Option<String>,
    ),
}

impl<T: ToJSON> Paged<T> {
    /// `page` answered to `request`; `next_cursor` becomes the `Link` to the next page
    /// (the same URL and query, with that cursor).
    pub fn new(request: &Request, page: T, next_cursor: Option<&str>) -> Self {
        Self::Ok(PreRendered::of(&page), next_link(request, next_cursor))
    }

    /// A page already serialised (`body` is a `T`), answered to `request`.
    pub fn rendered(request: &Request, body: Bytes, next_cursor: Option<&str>) -> Self {
        Self::Ok(
            PreRendered::from_bytes(body),
            next_link(request, next_cursor),
        )
    }
}

/// The `Link` header to the page after the one `request` asked for: the same URL and
/// query, with `next_cursor`.
fn next_link(request: &Request, next_cursor: Option<&str>) -> Option<String> {
    next_cursor.map(|cursor| {
        let query: Vec<(String, String)> =
            url::form_urlencoded::parse(request.uri().query().unwrap_or_default().as_bytes())
                .filter(|(name, _)| name != "cursor")
                .map(|(name, value)| (name.into_owned(), value.into_owned()))
                .chain([("cursor".to_string(), cursor.to_string())])
                .collect();
        let query = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(query)
            .finish();
        format!("<{}?{query}>; rel=\"next\"", request.uri().path())
    })
}

/// Declares the page object of a list: `{items: [Item], nextCursor}`.
macro_rules! page_of {
    ($(#[$doc:meta])* $page:ident, $item:ty) => {
        $(#[$doc])*
        #[derive(Debug, Clone, poem_openapi::Object)]
        #[oai(rename_all = "camelCase")]
        pub struct $page {
            /// This page's rows, in list order.
            pub items: Vec<$item>,
            /// Pass as `?cursor=` for the next page; `null` on the last page.
            #[oai(nullable)]
            pub next_cursor: Option<String>,
        }
    };
}
pub(crate) use page_of;
