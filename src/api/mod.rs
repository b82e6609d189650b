//! The HTTP API: one `#[OpenApi]` struct per domain, thin handlers, and the generated spec.
//!
//! - [`auth`]: register, login, refresh, logout (tag `auth`)
//! - [`users`]: the caller's account and users by id (tag `users`)
//! - [`profiles`]: public profiles and field projections (tag `profiles`)
//! - [`ratings`]: linked handles, on-demand refresh, rating history (tag `ratings`)
//! - [`compat`]: Digitomize's profile format (tag `compat`)
//! - [`ops`]: health and readiness (tag `ops`)
//!
//! Handlers translate between the wire and the services in [`crate::auth`] and
//! [`crate::profiles`]; they hold no rules of their own. Every operation's error statuses
//! are part of its return type (see [`crate::error::Errors`]).

pub mod auth;
pub mod body;
pub mod compat;
pub mod errors;
pub mod models;
pub mod ops;
pub mod params;
pub mod profiles;
pub mod ratings;
pub mod security;
pub mod spec;
pub mod text;
pub mod users;

use poem_openapi::{ApiResponse, OpenApiService, Tags, payload::Json};

use crate::{auth::Auth, ratings::Ratings, store::Store};

/// What every handler can reach, via `Data<&AppState>`.
#[derive(Debug, Clone)]
pub struct AppState {
    /// Accounts and sessions.
    pub auth: Auth,
    /// Storage.
    pub store: Store,
    /// Handles, ratings and the refresher.
    pub ratings: Ratings,
}

/// Operation tags, one per domain.
#[derive(Tags)]
#[oai(rename_all = "lowercase")]
pub enum ApiTags {
    /// Registration, login, token refresh and logout.
    Auth,
    /// The caller's own account, and users by id.
    Users,
    /// Public profiles by username.
    Profiles,
    /// Competitive-programming handles and ratings.
    Ratings,
    /// Digitomize-compatible endpoints.
    Compat,
    /// Liveness and readiness probes.
    Ops,
}

/// The API operations, in the order the document lists them.
pub type Apis = (
    auth::AuthApi,
    users::UsersApi,
    profiles::ProfilesApi,
    ratings::RatingsApi,
    compat::CompatApi,
    ops::OpsApi,
);

/// The poem-openapi service (routes plus document).
pub fn service() -> OpenApiService<Apis, ()> {
    OpenApiService::new(
        (
            auth::AuthApi,
            users::UsersApi,
            profiles::ProfilesApi,
            ratings::RatingsApi,
            compat::CompatApi,
            ops::OpsApi,
        ),
        "profilehub",
        env!("CARGO_PKG_VERSION"),
    )
    .description(spec::DESCRIPTION)
}

/// `200` with a JSON body.
#[derive(ApiResponse)]
pub enum Ok200<T: poem_openapi::types::ToJSON> {
    /// Success.
    #[oai(status = 200)]
    Ok(Json<T>),
}

/// `201` with a JSON body.
#[derive(ApiResponse)]
pub enum Created<T: poem_openapi::types::ToJSON> {
    /// Created.
    #[oai(status = 201)]
    Created(Json<T>),
}

/// `204`, no body.
#[derive(ApiResponse)]
pub enum NoContent {
    /// Done.
    #[oai(status = 204)]
    NoContent,
}
