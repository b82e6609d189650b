//! `/v1/auth` (tag `auth`): registration, login, token refresh and logout, and their wire
//! types.

use poem::{Request, web::Data};
use poem_openapi::{ApiResponse, Enum, Object, OpenApi, payload::Json};

use super::{
    ApiTags, Created, NoContent, Ok200,
    body::JsonBody,
    security::{BearerAuth, client_of},
    text::{
        CurrentPasswordText, DisplayNameText, EmailText, LoginText, PasswordText, ReferralCodeText,
        RefreshTokenText, UsernameText,
    },
    users::{RequiredActionName, SelfUser},
};
use crate::{
    AppState,
    domain::RegistrationInput,
    error::{
        ALWAYS, AUTH, ApiResult, BODY,
        ErrorCode::{
            AccountDisabled, EmailTaken, GenericUnauthorized, InvalidCode, InvalidCredentials,
            RateLimited, ReferrerNotFound, RefreshTokenExpired, RefreshTokenReused, UsernameTaken,
        },
        codes,
    },
    services::auth::IssuedTokens,
};

/// Auth operations.
#[derive(Default)]
pub struct AuthApi;

#[OpenApi(prefix_path = "/v1/auth", tag = "ApiTags::Auth")]
impl AuthApi {
    /// Register a new account
    ///
    /// Creates the account, logs it in and returns it with a token pair. Usernames and
    /// emails are unique case-insensitively (409 `USERNAME_TAKEN` / `EMAIL_TAKEN`); an
    /// unknown `referrerHandle` is refused with 422 `REFERRER_NOT_FOUND`. Registrations from
    /// one client are limited per hour (429 `RATE_LIMITED` with `Retry-After`).
    #[oai(path = "/register", method = "post", operation_id = "register_user")]
    async fn register(
        &self,
        state: Data<&AppState>,
        request: &Request,
        body: JsonBody<RegisterRequest>,
    ) -> ApiResult<
        Created<AuthSession>,
        { ALWAYS | BODY | codes(&[RateLimited, ReferrerNotFound, UsernameTaken, EmailTaken]) },
    > {
        let client = client_of(request);
        let request = body.0;
        let (user, tokens) = state
            .auth
            .register(
                RegistrationInput {
                    username: request.username.into_inner(),
                    email: request.email.into_inner(),
                    password: request.password.into_inner(),
                    name: request.name.map(|n| n.into_inner()),
                    referrer: request.referrer_handle.map(|h| h.into_inner()),
                    referral_code: request.referral_code.map(|c| c.into_inner()),
                },
                &client,
            )
            .await?;
        Ok(Created::Created(Json(AuthSession::new(&user, tokens))))
    }

    /// Log in
    ///
    /// `login` is a username or an email address. A wrong password and an unknown user give
    /// the same 401 `INVALID_CREDENTIALS`, after the same amount of work. After too many
    /// failures (per account, per client and account, per client) every attempt gets 429
    /// `RATE_LIMITED` with `Retry-After` — even with the right password — for a wait that
    /// grows with each further failure.
    #[oai(path = "/login", method = "post", operation_id = "login_user")]
    async fn login(
        &self,
        state: Data<&AppState>,
        request: &Request,
        body: JsonBody<LoginRequest>,
    ) -> ApiResult<
        Ok200<AuthSession>,
        { ALWAYS | BODY | codes(&[RateLimited, InvalidCredentials, AccountDisabled]) },
    > {
        let (user, tokens) = state
            .auth
            .login(&body.0.login.0, &body.0.password.0, &client_of(request))
            .await?;
        Ok(Ok200::Ok(Json(AuthSession::new(&user, tokens))))
    }

    /// Refresh the token pair
    ///
    /// Exchanges a refresh token for a new pair. Each refresh token works once: presenting
    /// a used one revokes the whole session (401 `REFRESH_TOKEN_REUSED`); an expired one
    /// gives 401 `REFRESH_TOKEN_EXPIRED`.
    #[oai(path = "/refresh", method = "post", operation_id = "refresh_session")]
    async fn refresh(
        &self,
        state: Data<&AppState>,
        body: JsonBody<RefreshRequest>,
    ) -> ApiResult<
        Ok200<TokenPair>,
        {
            ALWAYS
                | BODY
                | codes(&[
                    GenericUnauthorized,
                    RefreshTokenReused,
                    RefreshTokenExpired,
                    AccountDisabled,
                ])
        },
    > {
        let tokens = state.auth.refresh(&body.0.refresh_token.0).await?;
        Ok(Ok200::Ok(Json(tokens.into())))
    }

    /// Log out of this session
    ///
    /// Revokes the current session: its access and refresh tokens stop working on the very
    /// next request.
    #[oai(path = "/logout", method = "post", operation_id = "logout_session")]
    async fn logout(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
    ) -> ApiResult<NoContent, { ALWAYS | AUTH }> {
        let caller = auth.caller_with_pending_actions(&state).await?;
        state.auth.logout(&caller).await?;
        Ok(NoContent::NoContent)
    }

    /// Log out everywhere
    ///
    /// Revokes every session of the caller, on every device.
    #[oai(
        path = "/logout-all",
        method = "post",
        operation_id = "logout_all_sessions"
    )]
    async fn logout_all(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
    ) -> ApiResult<NoContent, { ALWAYS | AUTH }> {
        let caller = auth.caller_with_pending_actions(&state).await?;
        state.auth.logout_all(&caller).await?;
        Ok(NoContent::NoContent)
    }

    /// Ask for a password-reset code
    ///
    /// Mails a single-use code (and a link carrying it) to `email` when an account has
    /// that address, and a note that none does otherwise. The answer is always the same
    /// 202, after the same work, so it tells nobody whether the address is registered.
    /// Limited per address and per client for every address alike (429 `RATE_LIMITED`
    /// with `Retry-After`). The code works once, for 15 minutes by default, for at most 5
    /// wrong tries; a newer one cancels older ones.
    #[oai(
        path = "/password/forgot",
        method = "post",
        operation_id = "forgot_password"
    )]
    async fn forgot_password(
        &self,
        state: Data<&AppState>,
        request: &Request,
        body: JsonBody<ForgotPasswordRequest>,
    ) -> ApiResult<AcceptedMessage, { ALWAYS | BODY | codes(&[RateLimited]) }> {
        state
            .codes
            .forgot_password(&body.0.email, &client_of(request))
            .await?;
        Ok(AcceptedMessage::Accepted(Json(Notice {
            message: "If an account uses this address, a password-reset code is on its way.".into(),
        })))
    }

    /// Reset the password with a code
    ///
    /// Sets `newPassword` with the mailed code (`token`): every session of the account
    /// ends and its failed logins are forgotten. A wrong, used, expired or replaced code is
    /// a 400 `INVALID_CODE`.
    #[oai(
        path = "/password/reset",
        method = "post",
        operation_id = "reset_password"
    )]
    async fn reset_password(
        &self,
        state: Data<&AppState>,
        body: JsonBody<ResetPasswordRequest>,
    ) -> ApiResult<NoContent, { ALWAYS | BODY | codes(&[InvalidCode]) }> {
        state
            .codes
            .reset_password(&body.0.token, &body.0.new_password)
            .await?;
        Ok(NoContent::NoContent)
    }

    /// Verify an email address with a code
    ///
    /// Marks the address the code (`token`) was mailed to as verified, if it is still the
    /// account's, and completes `VERIFY_EMAIL`. A wrong, used, expired or replaced code is
    /// a 400 `INVALID_CODE`.
    #[oai(path = "/email/verify", method = "post", operation_id = "verify_email")]
    async fn verify_email(
        &self,
        state: Data<&AppState>,
        body: JsonBody<VerifyEmailRequest>,
    ) -> ApiResult<NoContent, { ALWAYS | BODY | codes(&[InvalidCode]) }> {
        state.codes.verify_email(&body.0.token).await?;
        Ok(NoContent::NoContent)
    }
}

/// Who forgot their password.
#[derive(Debug, Clone, Object)]
#[oai(rename_all = "camelCase", deny_unknown_fields)]
pub struct ForgotPasswordRequest {
    /// The account's email address.
    #[oai(validator(max_length = 254))]
    pub email: String,
}

/// A new password, with the mailed code that allows it.
#[derive(Debug, Clone, Object)]
#[oai(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResetPasswordRequest {
    /// The code from the mail (`<id>.<secret>`).
    #[oai(validator(max_length = 100))]
    pub token: String,
    /// The new password: 8–128 characters (the same rules as at registration).
    #[oai(validator(min_length = 8, max_length = 128))]
    pub new_password: String,
}

/// A mailed email-verification code.
#[derive(Debug, Clone, Object)]
#[oai(rename_all = "camelCase", deny_unknown_fields)]
pub struct VerifyEmailRequest {
    /// The code from the mail (`<id>.<secret>`).
    #[oai(validator(max_length = 100))]
    pub token: String,
}

/// A short notice.
#[derive(Debug, Clone, Object)]
pub struct Notice {
    /// What happens next.
    pub message: String,
}

/// `202 Accepted` with a notice.
#[derive(ApiResponse)]
pub enum AcceptedMessage {
    /// Accepted; mail follows when it applies.
    #[oai(status = 202)]
    Accepted(Json<Notice>),
}

/// A new account.
#[derive(Debug, Clone, Object)]
#[oai(rename_all = "camelCase", deny_unknown_fields)]
pub struct RegisterRequest {
    /// 3–30 letters, digits, `_`, `.` or `-`; unique case-insensitively.
    pub username: UsernameText,
    /// Email address; unique case-insensitively.
    pub email: EmailText,
    /// 8–128 characters.
    pub password: PasswordText,
    /// Display name (`null` or blank for none).
    #[oai(nullable)]
    pub name: Option<DisplayNameText>,
    /// Username of the user who invited this one (`null` for none).
    #[oai(nullable)]
    pub referrer_handle: Option<UsernameText>,
    /// Referral code of the user who invited this one (their `referralCode`; `null` for
    /// none). With `referrerHandle` too, both must name the same user.
    #[oai(nullable)]
    pub referral_code: Option<ReferralCodeText>,
}

/// Credentials.
#[derive(Debug, Clone, Object)]
#[oai(rename_all = "camelCase", deny_unknown_fields)]
pub struct LoginRequest {
    /// Username or email address.
    pub login: LoginText,
    /// Password (only the 128-character cap is checked here: a password that breaks
    /// today's registration rules is simply wrong).
    pub password: CurrentPasswordText,
}

/// A refresh token to exchange.
#[derive(Debug, Clone, Object)]
#[oai(rename_all = "camelCase", deny_unknown_fields)]
pub struct RefreshRequest {
    /// The refresh token from the last login or refresh; single use.
    pub refresh_token: RefreshTokenText,
}

/// Token type of every pair: always `Bearer`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
pub enum TokenType {
    /// Send as `Authorization: Bearer <accessToken>`.
    Bearer,
}

/// An access/refresh token pair.
#[derive(Debug, Clone, Object)]
#[oai(rename_all = "camelCase")]
pub struct TokenPair {
    /// JWT to send as `Authorization: Bearer …`.
    pub access_token: String,
    /// Opaque, single-use token for `POST /v1/auth/refresh`.
    pub refresh_token: String,
    /// Always `Bearer`.
    pub token_type: TokenType,
    /// Seconds until the access token expires.
    pub expires_in: u64,
}

impl From<IssuedTokens> for TokenPair {
    fn from(tokens: IssuedTokens) -> Self {
        TokenPair {
            access_token: tokens.access_token,
            refresh_token: tokens.refresh_token,
            token_type: TokenType::Bearer,
            expires_in: tokens.expires_in,
        }
    }
}

/// The account and a fresh token pair.
#[derive(Debug, Clone, Object)]
#[oai(rename_all = "camelCase")]
pub struct AuthSession {
    /// The account.
    pub user: SelfUser,
    /// Tokens for it.
    pub tokens: TokenPair,
    /// What the account must do first (as in `user.requiredActions`): while any is
    /// pending, the tokens work only for `GET /v1/users/me`, the operations that complete
    /// them (`PATCH /v1/users/me`, `POST /v1/users/me/password`,
    /// `POST /v1/users/me/terms/accept`) and logging out; the rest answers 403
    /// `REQUIRED_ACTION`.
    pub required_actions: Vec<RequiredActionName>,
}

impl AuthSession {
    fn new(user: &crate::domain::User, tokens: IssuedTokens) -> Self {
        let user = SelfUser::from(user);
        Self {
            required_actions: user.required_actions.clone(),
            user,
            tokens: tokens.into(),
        }
    }
}
