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

use crate::{
    auth::Auth,
    error::{ApiError, ErrorCode},
    ratings::Ratings,
    store::Store,
};

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
    OpenApiService::new(Apis::default(), "profilehub", env!("CARGO_PKG_VERSION"))
        .description(spec::DESCRIPTION)
}

impl AppState {
    /// The user named `username` (case-insensitively), or 404 `USER_NOT_FOUND`. A name that
    /// could never be registered is not looked up.
    pub async fn user_named(&self, username: &str) -> Result<crate::domain::User, ApiError> {
        crate::domain::Username::parse(username).map_err(|_| user_not_found())?;
        self.store
            .user_by_username(username)
            .await?
            .ok_or_else(user_not_found)
    }
}

/// 404 `USER_NOT_FOUND`.
pub(crate) fn user_not_found() -> ApiError {
    ApiError::new(ErrorCode::UserNotFound, "No such user.")
}

/// Implements the parts of `poem_openapi::types::Type` that are the same for every
/// hand-written parameter and payload type here (required, its own raw value).
macro_rules! raw_value_is_self {
    () => {
        const IS_REQUIRED: bool = true;
        type RawValueType = Self;
        type RawElementValueType = Self;

        fn as_raw_value(&self) -> Option<&Self::RawValueType> {
            Some(self)
        }

        fn raw_element_iter<'a>(
            &'a self,
        ) -> Box<dyn Iterator<Item = &'a Self::RawElementValueType> + 'a> {
            Box::new(std::iter::once(self))
        }
    };
}
pub(crate) use raw_value_is_self;

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
