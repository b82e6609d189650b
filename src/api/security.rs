//! How requests authenticate: `Authorization: Bearer <access token>`.
//!
//! The security scheme only extracts the token; [`crate::services::auth::Auth::authenticate`] decides
//! whether it is valid, so that an expired token answers `SESSION_TOKEN_EXPIRED` and a
//! revoked one `GENERIC_UNAUTHORIZED` (poem-openapi's own checker can only say "401").
//! A missing header is rejected by poem-openapi and rendered by `api::errors`.

use poem_openapi::{SecurityScheme, auth::Bearer};

use crate::{
    AppState,
    domain::admin::RequiredAction,
    error::{ApiError, ErrorCode, FieldErrors},
    services::auth::{Caller, Client},
};

/// A JWT access token from `POST /v1/auth/login`, `/register` or `/refresh`.
#[derive(SecurityScheme)]
#[oai(ty = "bearer", bearer_format = "JWT", rename = "bearerAuth")]
pub struct BearerAuth(pub Bearer);

impl BearerAuth {
    /// The caller behind this token, or the precise 401/403 — including 403
    /// `REQUIRED_ACTION` while the account has required actions pending.
    pub async fn caller(&self, state: &AppState) -> Result<Caller, ApiError> {
        let caller = self.caller_with_pending_actions(state).await?;
        gate(caller, None)
    }

    /// The caller, for an operation that completes `action`: allowed while nothing is
    /// pending or `action` is among what is pending; 403 `REQUIRED_ACTION` otherwise.
    pub async fn caller_completing(
        &self,
        state: &AppState,
        action: RequiredAction,
    ) -> Result<Caller, ApiError> {
        let caller = self.caller_with_pending_actions(state).await?;
        gate(caller, Some(action))
    }

    /// The caller behind this token even while required actions are pending: for the
    /// operations that complete them, read the account, or end the session.
    pub async fn caller_with_pending_actions(&self, state: &AppState) -> Result<Caller, ApiError> {
        state.auth.authenticate(&self.0.token).await
    }
}

/// `caller` if nothing is pending or `completing` is (403 `REQUIRED_ACTION` listing the
/// pending actions otherwise).
fn gate(caller: Caller, completing: Option<RequiredAction>) -> Result<Caller, ApiError> {
    let actions = caller.pending.actions();
    if actions.is_empty() || completing.is_some_and(|action| actions.contains(&action)) {
        return Ok(caller);
    }
    let pending: Vec<&str> = actions.into_iter().map(RequiredAction::as_str).collect();
    let mut fields = FieldErrors::default();
    for action in &pending {
        fields.add("requiredActions", *action);
    }
    Err(ApiError::validation(fields).retitled(
        ErrorCode::RequiredAction,
        format!(
            "Complete your pending required actions first: {}.",
            pending.join(", ")
        ),
    ))
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

/// The client the request log identified (socket address, or a trusted proxy's header),
/// and its `User-Agent`.
pub fn client_of(request: &poem::Request) -> Client {
    Client {
        ip: request
            .extensions()
            .get::<super::logging::ClientIp>()
            .map(|client| client.0),
        user_agent: request
            .headers()
            .get(poem::http::header::USER_AGENT)
            .and_then(|agent| agent.to_str().ok())
            .map(str::to_string),
    }
}
