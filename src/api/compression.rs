//! gzip for answers worth compressing (JSON, HTML, JavaScript, metrics text of 1 KiB or
//! more), when the client accepts it.
//!
//! A compressed answer is another representation, so its strong `ETag` gets a `-gzip`
//! suffix (as Apache's mod_deflate does), and an `If-None-Match` that carries the suffix is
//! matched against the plain tag, so a client revalidating a compressed copy still gets
//! 304. `Vary: Accept-Encoding` is on every compressible answer, compressed or not, so a
//! shared cache never hands a gzip body to a client that did not ask for one.
//!
//! Answers that set their own `Content-Encoding` (Swagger UI's page and the document,
//! compressed once when first asked for) pass through untouched. gzip only: flate2 is pure
//! Rust and small; brotli would add more to the build than it saves on these bodies.

use std::io::Write;

use flate2::{Compression, write::GzEncoder};
use poem::{
    Body, Endpoint, IntoResponse, Middleware, Request, Response, Result,
    http::{HeaderMap, HeaderValue, header},
};

/// Bodies smaller than this are sent as they are: gzip would save little, or grow them.
const MIN_SIZE: usize = 1024;
const SUFFIX: &str = "-gzip";

/// The gzip middleware.
pub struct Gzip;

impl<E: Endpoint> Middleware<E> for Gzip {
    type Output = GzipEndpoint<E>;

    fn transform(&self, inner: E) -> Self::Output {
        GzipEndpoint { inner }
    }
}

/// [`Gzip`] around an endpoint.
pub struct GzipEndpoint<E> {
    inner: E,
}

/// Whether `headers` accept a gzip body (`gzip` or `*` with a non-zero quality).
pub fn accepts_gzip(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|item| {
            let mut parts = item.split(';');
            let coding = parts.next().unwrap_or_default().trim();
            let quality = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            (coding.eq_ignore_ascii_case("gzip") || coding == "*") && quality > 0.0
        })
}

/// gzip of `bytes` at `level`.
pub fn gzip(bytes: &[u8], level: Compression) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::with_capacity(bytes.len() / 3), level);
    encoder
        .write_all(bytes)
        .expect("writing to a Vec cannot fail");
    encoder.finish().expect("writing to a Vec cannot fail")
}

fn is_compressible(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|kind| {
            [
                "application/json",
                "text/",
                "application/javascript",
                "application/openmetrics-text",
            ]
            .iter()
            .any(|prefix| kind.starts_with(prefix))
        })
}

/// `If-None-Match` with every `-gzip` suffix taken off its tags.
fn plain_if_none_match(value: &str) -> String {
    value
        .split(',')
        .map(|tag| {
            let tag = tag.trim();
            match tag.strip_suffix('"').and_then(|t| t.strip_suffix(SUFFIX)) {
                Some(plain) => format!("{plain}\""),
                None => tag.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

impl<E: Endpoint> Endpoint for GzipEndpoint<E> {
    type Output = Response;

    async fn call(&self, mut req: Request) -> Result<Self::Output> {
        let wants_gzip = accepts_gzip(req.headers());
        if let Some(value) = req
            .headers()
            .get(header::IF_NONE_MATCH)
            .and_then(|v| v.to_str().ok())
            .filter(|v| v.contains(SUFFIX))
            .map(plain_if_none_match)
            .and_then(|v| HeaderValue::from_str(&v).ok())
        {
            req.headers_mut().insert(header::IF_NONE_MATCH, value);
        }
        let mut response = self.inner.call(req).await?.into_response();
        if !is_compressible(response.headers())
            || response.headers().contains_key(header::CONTENT_ENCODING)
        {
            return Ok(response);
        }
        response
            .headers_mut()
            .append(header::VARY, HeaderValue::from_static("accept-encoding"));
        let status = response.status().as_u16();
        if !wants_gzip || status == 204 || status == 304 {
            return Ok(response);
        }
        let body = response.take_body().into_bytes().await?;
        if body.len() < MIN_SIZE {
            response.set_body(body);
            return Ok(response);
        }
        let compressed = gzip(&body, Compression::fast());
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        headers.remove(header::CONTENT_LENGTH);
        if let Some(tagged) = headers
            .get(header::ETAG)
            .and_then(|v| v.to_str().ok())
            .and_then(|tag| tag.strip_suffix('"'))
            .and_then(|tag| HeaderValue::from_str(&format!("{tag}{SUFFIX}\"")).ok())
        {
            headers.insert(header::ETAG, tagged);
        }
        response.set_body(Body::from(compressed));
        Ok(response)
    }
}

/// A fixed body (Swagger UI's page, the OpenAPI document) made on first demand and served
/// plain or gzipped; each form is made once, the gzip one at the best compression.
pub struct Precompressed {
    content_type: &'static str,
    make: Box<dyn Fn() -> bytes::Bytes + Send + Sync>,
    plain: std::sync::OnceLock<bytes::Bytes>,
    gzipped: std::sync::OnceLock<bytes::Bytes>,
}

impl Precompressed {
    /// A body of `content_type` that `make` builds when first needed.
    pub fn new(
        content_type: &'static str,
        make: impl Fn() -> bytes::Bytes + Send + Sync + 'static,
    ) -> Self {
        Self {
            content_type,
            make: Box::new(make),
            plain: std::sync::OnceLock::new(),
            gzipped: std::sync::OnceLock::new(),
        }
    }

    /// The answer to `req`: gzipped if it accepts that.
    pub fn respond(&self, req: &Request) -> Response {
        let plain = self.plain.get_or_init(|| (self.make)());
        let builder = Response::builder()
            .content_type(self.content_type)
            .header(header::VARY, "accept-encoding");
        if accepts_gzip(req.headers()) {
            let gzipped = self
                .gzipped
                .get_or_init(|| gzip(plain, Compression::best()).into());
            builder
                .header(header::CONTENT_ENCODING, "gzip")
                .body(gzipped.clone())
        } else {
            builder.body(plain.clone())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(accept: &str) -> HeaderMap {
        let mut map = HeaderMap::new();
        map.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(accept).unwrap(),
        );
        map
    }

    #[test]
    fn gzip_is_accepted_unless_refused_by_quality() {
        assert!(accepts_gzip(&headers("gzip, deflate, br")));
        assert!(accepts_gzip(&headers("br;q=1.0, GZIP;q=0.5")));
        assert!(accepts_gzip(&headers("*")));
        assert!(!accepts_gzip(&headers("gzip;q=0")));
        assert!(!accepts_gzip(&headers("br, identity")));
        assert!(!accepts_gzip(&HeaderMap::new()));
    }

    #[test]
    fn a_revalidated_gzip_tag_is_matched_as_the_plain_one() {
        assert_eq!(plain_if_none_match(r#""abc-gzip""#), r#""abc""#);
        assert_eq!(
            plain_if_none_match(r#""abc-gzip", W/"d", "e""#),
            r#""abc", W/"d", "e""#
        );
    }
}
