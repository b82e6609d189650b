//! The account and session lifecycle: register, log in, refresh, log out, authenticate.
//!
//! This is where the security rules live, between the HTTP handlers (which only translate)
//! and the store (which only persists):
//! - login costs one password verification whether or not the user exists;
//! - refresh tokens are single-use; a second use revokes the whole session;
//! - every authenticated request checks that its session is still live, so logout and
//!   account deletion take effect on the very next request, on every instance.

use std::{net::IpAddr, sync::Arc, time::Duration};

use uuid::Uuid;

use super::millis;
use super::{
    profiles::ProfileCache,
    store::{
        Store, is_unique_violation, now_ms,
        sessions::{ActiveSession, RevokeReason, Rotation, SessionOrigin},
        users::NewUser,
    },
    throttle::{AccountKey, Throttle},
    users::Users,
};
use crate::{
    domain::{
        NewAccount, Password, RegistrationInput, Role, User, UserId,
        admin::{PendingActions, RequiredAction},
        rules,
    },
    error::{ApiError, ErrorCode, FieldErrors, quoted},
    security::{
        passwords::Passwords,
        tokens::{
            AccessClaims, AccessTokens, RefreshSuccessors, RefreshToken, TokenRejection,
            hash_refresh_token,
        },
    },
};

/// Who is making an authenticated request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caller {
    /// The user.
    pub user_id: UserId,
    /// The session the access token belongs to.
    pub session_id: Uuid,
    /// The user's role.
    pub role: Role,
    /// What the user must do before anything else is served.
    pub pending: PendingActions,
}

/// Who is calling, as far as the request shows: for throttling, and for the session's
/// record that administrators see.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Client {
    /// The client's address (the socket's, or a trusted proxy's word).
    pub ip: Option<IpAddr>,
    /// The `User-Agent` header.
    pub user_agent: Option<String>,
}

impl Client {
    /// What a session records of this client (the user agent cut to 256 characters).
    fn origin(&self) -> SessionOrigin {
        SessionOrigin {
            client_ip: self.ip.map(|ip| ip.to_string()),
            user_agent: self.user_agent.as_deref().map(|agent| {
                agent
                    .chars()
                    .filter(|c| !c.is_control())
                    .take(256)
                    .collect()
            }),
        }
    }
}

/// A freshly issued access/refresh token pair.
#[derive(Debug, Clone)]
pub struct IssuedTokens {
    /// JWT access token.
    pub access_token: String,
    /// Opaque refresh token.
    pub refresh_token: String,
    /// Seconds until the access token expires.
    pub expires_in: u64,
}

/// Account and session operations.
#[derive(Debug, Clone)]
pub struct Auth {
    store: Store,
    users: Users,
    throttle: Throttle,
    passwords: Passwords,
    tokens: AccessTokens,
    successors: RefreshSuccessors,
    refresh: RefreshPolicy,
    cache: Option<Arc<ProfileCache>>,
    require_email_verification: bool,
}

/// How refresh tokens live.
#[derive(Debug, Clone, Copy)]
pub struct RefreshPolicy {
    /// Lifetime of each refresh token.
    pub ttl: Duration,
    /// How long after an exchange the same token may be presented again and get the same
    /// successor (a client retrying); 0 makes every second presentation a theft.
    pub reuse_interval: Duration,
}

impl Auth {
    /// Combines the store, the user look-ups, the password hasher, the token issuers and
    /// the cache that remembers live sessions.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        store: Store,
        users: Users,
        throttle: Throttle,
        passwords: Passwords,
        tokens: AccessTokens,
        successors: RefreshSuccessors,
        refresh: RefreshPolicy,
        cache: Option<Arc<ProfileCache>>,
        require_email_verification: bool,
    ) -> Self {
        Self {
            require_email_verification,
            store,
            users,
            throttle,
            passwords,
            tokens,
            successors,
            refresh,
            cache,
        }
    }

    /// Failed logins currently counted against the account `login` names (by username or
    /// email; an unknown name is counted under itself).
    pub async fn failed_logins(&self, login: &str) -> Result<i64, ApiError> {
        let account = match self.store.credentials_by_login(login.trim()).await? {
            Some(credentials) => AccountKey::user(credentials.user.id),
            None => AccountKey::unknown(login),
        };
        self.throttle.account_failures(&account).await
    }

    /// The access-token issuer (tests sign their own tokens with it).
    pub fn access_tokens(&self) -> &AccessTokens {
        &self.tokens
    }

    /// The password hasher.
    pub fn passwords(&self) -> &Passwords {
        &self.passwords
    }

    /// Creates an account and logs it in. Registrations from one client IP are limited per
    /// window (429 beyond it).
    pub async fn register(
        &self,
        input: RegistrationInput,
        client: &Client,
    ) -> Result<(User, IssuedTokens), ApiError> {
        let user = self.create_account(input, Some(client)).await?;
        let tokens = self.open_session(user.id, client).await?;
        tracing::info!(user_id = %user.id, "user registered");
        Ok((user, tokens))
    }

    /// Creates an account without logging it in (`profilehub admin create`): the same
    /// checks as a registration, without its per-client limit, and without
    /// `VERIFY_EMAIL` (the operator vouches for the address).
    pub async fn create_account_unthrottled(
        &self,
        input: RegistrationInput,
    ) -> Result<User, ApiError> {
        self.create_account(input, None).await
    }

    /// Validates and inserts an account; a registration from `client` counts toward its
    /// limit once the input is valid, and with `--require-email-verification` starts with
    /// `VERIFY_EMAIL` pending.
    async fn create_account(
        &self,
        input: RegistrationInput,
        client: Option<&Client>,
    ) -> Result<User, ApiError> {
        let account = NewAccount::parse(input).map_err(ApiError::validation)?;
        if let Some(client) = client {
            self.throttle.registration(client.ip).await?;
        }
        let by_code = match account.referral_code.as_deref() {
            None => None,
            Some(code) => match self.store.user_id_by_referral_code(code).await? {
                Some(id) => Some(id),
                None => {
                    let mut fields = FieldErrors::default();
                    fields.add("referralCode", "no user has this referral code");
                    return Err(ApiError::validation(fields).retitled(
                        ErrorCode::ReferrerNotFound,
                        format!("No user has the referral code `{}`.", quoted(code)),
                    ));
                }
            },
        };
        let by_handle = match account.referrer.as_deref() {
            None => None,
            Some(handle) => match self.users.find_by_name(handle).await? {
                Some(referrer) => Some(referrer.id),
                None => {
                    let mut fields = FieldErrors::default();
                    fields.add(
                        "referrerHandle",
                        format!("no user is called `{}`", quoted(handle)),
                    );
                    return Err(ApiError::validation(fields).retitled(
                        ErrorCode::ReferrerNotFound,
                        format!("The referrer `{}` does not exist.", quoted(handle)),
                    ));
                }
            },
        };
        let referrer_id = match (by_code, by_handle) {
            (Some(a), Some(b)) if a != b => {
                let mut fields = FieldErrors::default();
                fields.add("referralCode", "names another user than `referrerHandle`");
                return Err(ApiError::validation(fields));
            }
            (code, handle) => code.or(handle),
        };

        // Cheap uniqueness check before the expensive hash; the unique indexes still
        // decide races.
        let (username, email) = (account.username.as_str(), account.email.as_str());
        self.users
            .ensure_available(Some(username), Some(email), None)
            .await?;
        let password_hash = self.passwords.hash(&account.password).await?;
        let id = Uuid::new_v4();
        let referral_code = crate::domain::new_referral_code();
        let required = if client.is_some() && self.require_email_verification {
            vec![RequiredAction::VerifyEmail]
        } else {
            Vec::new()
        };
        let new_user = NewUser {
            required_actions: &required,
            id,
            username: &account.username,
            email: &account.email,
            password_hash: &password_hash,
            name: account.name.as_deref(),
            referrer_id,
            referral_code: &referral_code,
        };
        if let Err(err) = self.store.insert_user(&new_user, now_ms()).await {
            if is_unique_violation(&err) {
                self.users
                    .ensure_available(Some(username), Some(email), None)
                    .await?;
            }
            return Err(err.into());
        }
        // Nobody holds a token for it yet, so nobody can have deleted it.
        self.users.own(id).await.map_err(ApiError::internal)
    }

    /// Logs in with a username or email and a password.
    /// Logs in with a username or email and a password, from `client` (throttled per
    /// account, per client and account, and per client; see `services::throttle`).
    pub async fn login(
        &self,
        login: &str,
        password: &str,
        client: &Client,
    ) -> Result<(User, IssuedTokens), ApiError> {
        let ip = client.ip;
        let mut errors = FieldErrors::default();
        errors.check("login", rules::LOGIN.check(login));
        // Bounded before any hashing: an over-long password can never be right.
        if password.chars().count() > rules::PASSWORD.max_chars {
            errors.add(
                "password",
                format!(
                    "must be at most {} characters long",
                    rules::PASSWORD.max_chars
                ),
            );
        }
        errors.into_result()?;
        let credentials = self.store.credentials_by_login(login.trim()).await?;
        let account = credentials.as_ref().map_or_else(
            || AccountKey::unknown(login),
            |c| AccountKey::user(c.user.id),
        );
        // Before the password is looked at: while throttled, even the right one waits.
        self.throttle.check_login(&account, ip).await?;
        // Exactly one verification either way: unknown users cost the same as wrong passwords.
        let verified = self
            .passwords
            .verify(
                password,
                credentials.as_ref().map(|c| c.password_hash.as_str()),
            )
            .await?;
        let user = match credentials {
            Some(credentials) if verified => credentials.user,
            _ => {
                self.throttle.login_failed(&account, ip).await?;
                return Err(ApiError::new(
                    ErrorCode::InvalidCredentials,
                    "The login or password is incorrect.",
                ));
            }
        };
        self.throttle.login_succeeded(&account, ip).await?;
        if !user.enabled {
            return Err(disabled());
        }
        let tokens = self.open_session(user.id, client).await?;
        tracing::info!(user_id = %user.id, "user logged in");
        Ok((user, tokens))
    }

    /// Exchanges a refresh token for a new pair (rotation). The same token presented again
    /// within the reuse interval, before its successor was used, gets the same successor.
    pub async fn refresh(&self, refresh_token: &str) -> Result<IssuedTokens, ApiError> {
        let next = self.successors.successor_of(refresh_token);
        let now = now_ms();
        let rotation = self
            .store
            .rotate_refresh_token(
                &hash_refresh_token(refresh_token),
                &next.hash,
                now.saturating_add(millis(self.refresh.ttl)),
                now,
                millis(self.refresh.reuse_interval),
            )
            .await?;
        match rotation {
            Rotation::Rotated {
                session_id,
                user_id,
                enabled,
            }
            | Rotation::Repeated {
                session_id,
                user_id,
                enabled,
            } => {
                if !enabled {
                    return Err(disabled());
                }
                Ok(self.issue(user_id, session_id, next.secret))
            }
            Rotation::Reused => {
                tracing::warn!("refresh token reused; session revoked");
                Err(ApiError::new(
                    ErrorCode::RefreshTokenReused,
                    "This refresh token was already used; the session has been revoked. Log in again.",
                ))
            }
            Rotation::Expired => Err(ApiError::new(
                ErrorCode::RefreshTokenExpired,
                "The refresh token has expired. Log in again.",
            )),
            Rotation::Unknown | Rotation::Revoked => Err(unauthorized()),
        }
    }

    /// Revokes the caller's current session.
    pub async fn logout(&self, caller: &Caller) -> Result<(), ApiError> {
        self.store
            .revoke_session(caller.session_id, RevokeReason::Logout, now_ms())
            .await?;
        Ok(())
    }

    /// Revokes every session of the caller.
    pub async fn logout_all(&self, caller: &Caller) -> Result<(), ApiError> {
        let revoked = self
            .store
            .revoke_all_sessions(caller.user_id, RevokeReason::LogoutAll, now_ms())
            .await?;
        tracing::info!(user_id = %caller.user_id, revoked, "logged out everywhere");
        Ok(())
    }

    /// Changes the caller's password: `current` must be right (a wrong one counts toward
    /// the account's login throttling, and while throttled even the right one waits, like
    /// a login). Every other session ends; `UPDATE_PASSWORD` is done.
    pub async fn change_password(
        &self,
        caller: &Caller,
        current: &str,
        new: &str,
        client: &Client,
    ) -> Result<(), ApiError> {
        let mut errors = FieldErrors::default();
        let new = errors.check("newPassword", Password::parse(new));
        if current.chars().count() > rules::PASSWORD.max_chars {
            errors.add("currentPassword", "is not the account's current password");
        }
        errors.into_result()?;
        let new = new.expect("checked above");
        let account = AccountKey::user(caller.user_id);
        self.throttle.check_login(&account, client.ip).await?;
        let stored = self.store.password_hash(caller.user_id).await?;
        if !self.passwords.verify(current, stored.as_deref()).await? {
            self.throttle.login_failed(&account, client.ip).await?;
            let mut errors = FieldErrors::default();
            errors.add("currentPassword", "is not the account's current password");
            return Err(ApiError::validation(errors));
        }
        self.throttle.login_succeeded(&account, client.ip).await?;
        let hash = self.passwords.hash(&new).await?;
        self.store
            .set_password(caller.user_id, caller.session_id, &hash, now_ms())
            .await?;
        tracing::info!(user_id = %caller.user_id, "password changed");
        Ok(())
    }

    /// Records that the caller accepted the terms and conditions.
    pub async fn accept_terms(&self, caller: &Caller) -> Result<(), ApiError> {
        self.store
            .complete_required_action(caller.user_id, RequiredAction::TermsAndConditions)
            .await?;
        Ok(())
    }

    /// Resolves a bearer token into the caller, or the precise 401/403. The session is
    /// the database's word on it: read from the database, or from the cache that every
    /// revocation and account change clears (and that asks again at least every
    /// [`SESSION_RECHECK`](super::profiles::SESSION_RECHECK)).
    pub async fn authenticate(&self, bearer: &str) -> Result<Caller, ApiError> {
        let claims = self.claims(bearer)?;
        let cache = self.cache.as_deref().filter(|cache| cache.serving());
        if let Some(live) = cache.and_then(|cache| cache.session(claims.sub, claims.sid)) {
            return admit(&claims, Some(live));
        }
        let ticket = cache.map(|cache| cache.ticket(Some(claims.sub)));
        let seen = std::time::Instant::now();
        let session = self.store.active_session(claims.sid, claims.sub).await?;
        if let (Some(cache), Some(ticket), Some(live)) = (cache, ticket, session) {
            cache.admit_session(claims.sub, claims.sid, live, seen, ticket);
        }
        admit(&claims, session)
    }

    /// The claims of a bearer token whose signature, issuer and expiry hold.
    fn claims(&self, bearer: &str) -> Result<AccessClaims, ApiError> {
        self.tokens
            .verify(bearer)
            .map_err(|rejection| match rejection {
                TokenRejection::Expired => ApiError::new(
                    ErrorCode::SessionTokenExpired,
                    "The access token has expired; refresh it.",
                ),
                TokenRejection::Invalid => unauthorized(),
            })
    }

    async fn open_session(
        &self,
        user_id: UserId,
        client: &Client,
    ) -> Result<IssuedTokens, ApiError> {
        let refresh = RefreshToken::generate();
        let session_id = Uuid::new_v4();
        let now = now_ms();
        self.store
            .create_session(
                session_id,
                user_id,
                &client.origin(),
                &refresh.hash,
                now.saturating_add(millis(self.refresh.ttl)),
                now,
            )
            .await?;
        Ok(self.issue(user_id, session_id, refresh.secret))
    }

    fn issue(&self, user_id: UserId, session_id: Uuid, refresh_token: String) -> IssuedTokens {
        IssuedTokens {
            access_token: self
                .tokens
                .issue(user_id, session_id, chrono::Utc::now().timestamp()),
            refresh_token,
            expires_in: self.tokens.ttl().as_secs(),
        }
    }
}

/// The caller a token's `claims` name, if their `session` (as the database has it now) is
/// live and the account enabled.
fn admit(claims: &AccessClaims, session: Option<ActiveSession>) -> Result<Caller, ApiError> {
    let session = session.ok_or_else(unauthorized)?;
    if !session.enabled {
        return Err(disabled());
    }
    Ok(Caller {
        user_id: session.user_id,
        session_id: claims.sid,
        role: session.role,
        pending: session.pending,
    })
}

fn unauthorized() -> ApiError {
    ApiError::new(
        ErrorCode::GenericUnauthorized,
        "Authentication is required: send a valid `Authorization: Bearer <access token>`.",
    )
}

fn disabled() -> ApiError {
    ApiError::new(
        ErrorCode::AccountDisabled,
        "This account has been disabled by an administrator.",
    )
}
