//! A Rust client for the profilehub API, generated at compile time by progenitor from the
//! checked-in `openapi/openapi.json` — the same document the service publishes. If the
//! service's contract changes, this crate changes with it (or stops compiling).
//!
//! progenitor ignores security schemes: authenticate by passing a `reqwest::Client` with a
//! default `Authorization` header to [`Client::new_with_client`] (see [`authenticated`]).
//!
//! Clearing a field needs an explicit JSON `null`, which progenitor's generated `Option`
//! fields cannot send; [`patch`] supplies the PATCH body types with a three-state
//! [`patch::Field`] instead.

pub mod patch;

progenitor::generate_api!(
    spec = "../../openapi/openapi.json",
    interface = Builder,
    tags = Merged,
    replace = {
        UpdateUserRequest = crate::patch::UpdateUserRequest,
        SocialLinksUpdate = crate::patch::SocialLinksUpdate,
        AdminUserUpdate = crate::patch::AdminUserUpdate,
    }
);

/// A client that sends `Authorization: Bearer <access_token>` on every request.
pub fn authenticated(base_url: &str, access_token: &str) -> Client {
    let mut headers = reqwest::header::HeaderMap::new();
    let mut value = reqwest::header::HeaderValue::from_str(&format!("Bearer {access_token}"))
        .expect("access tokens are header-safe");
    value.set_sensitive(true);
    headers.insert(reqwest::header::AUTHORIZATION, value);
    let http = reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .expect("a reqwest client with default headers builds");
    Client::new_with_client(base_url, http)
}
