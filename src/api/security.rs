//! How requests authenticate: `Authorization: Bearer <access token>`.
//!
//! The security scheme only extracts the token; [`crate::services::auth::Auth::authenticate`] decides
//! whether it is valid, so that an expired token answers `SESSION_TOKEN_EXPIRED` and a
//! revoked one `GENERIC_UNAUTHORIZED` (poem-openapi's own checker can only say "401").
//! A missing header is rejected by poem-openapi and rendered by `api::errors`.

use poem_openapi::{SecurityScheme, auth::Bearer};

use crate::{AppState, error::ApiError, services::auth::Caller};

/// A JWT access token from `POST /v1/auth/login`, `/register` or `/refresh`.
#[derive(SecurityScheme)]
#[oai(ty = "bearer", bearer_format = "JWT", rename = "bearerAuth")]
pub struct BearerAuth(pub Bearer);

impl BearerAuth {
    /// The caller behind this token, or the precise 401/403.
    pub async fn caller(&self, state: &AppState) -> Result<Caller, ApiError> {
        state.auth.authenticate(&self.0.token).await
    }
}

/// Authentication that may be absent: anonymous callers are served too.
#[derive(SecurityScheme)]
pub enum OptionalBearerAuth {
    /// A bearer token was sent (and must then be valid).
    Bearer(BearerAuth),
    /// No credentials.
    #[oai(fallback)]
    Anonymous,
}

impl OptionalBearerAuth {
    /// The caller, `None` for anonymous requests, or an error for a bad token.
    pub async fn caller(&self, state: &AppState) -> Result<Option<Caller>, ApiError> {
        match self {
            OptionalBearerAuth::Bearer(bearer) => bearer.caller(state).await.map(Some),
            OptionalBearerAuth::Anonymous => Ok(None),
        }
    }
}
