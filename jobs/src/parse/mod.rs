//! Pure parsers: platform response bytes (plus the status code, and for CodeChef the
//! redirect target) in, [`FetchOutcome`](crate::FetchOutcome)s out.
//!
//! No I/O lives here, so every parser is tested byte-for-byte against the real captured
//! responses in `shared/fixtures/platforms/`. Two rules hold for every function:
//!
//! * **Never panic**, whatever the bytes: no indexing by untrusted offsets, no `unwrap`.
//! * **Recognise positively or give up**: a value is only reported when the reply has the
//!   documented shape; anything else (garbled, truncated, a Cloudflare challenge, a template
//!   change) is `Transient`, never a zero rating or a guessed `NotFound`.
//!
//! Each platform's full contest series ([`ContestResult`](crate::ContestResult)s, oldest
//! first, in the order the platform applied the rating changes) is read from the same bytes
//! where the platform sends it (Codeforces `user.rating`, AtCoder's history, CodeChef's
//! page script) and from a second GraphQL reply for LeetCode. The series follows the same
//! rule one level down: it is reported whole or not at all (`None`), and a series that
//! cannot be read never costs the rating read beside it. Whether a fetch *reports* the
//! series is the clients' decision ([`crate::clients`]), not the parsers'.

pub mod atcoder;
pub mod codechef;
pub mod codeforces;
pub mod leetcode;
mod time;

use serde_json::Value;

/// A JSON number as a finite `f64`.
fn finite_f64(v: &Value) -> Option<f64> {
    v.as_f64().filter(|x| x.is_finite())
}

/// A JSON number as a non-negative count that fits `u32`.
fn count_u32(v: &Value) -> Option<u32> {
    v.as_u64().and_then(|n| u32::try_from(n).ok())
}

/// Short, log-safe description of an unexpected body (for `Transient` reasons).
fn describe_body(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(80)]);
    let text: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    format!("{} bytes starting {:?}", body.len(), text.trim())
}
