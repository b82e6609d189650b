//! `/v1/admin` (tag `admin`): identity administration in Keycloak's vocabulary — the user
//! search and its count, an account's full record, administrative updates, sessions,
//! login failures, and the audit log. Every operation answers 403 `FORBIDDEN` to callers
//! who are not administrators (their role as the database has it at that moment).

use std::{borrow::Cow, collections::BTreeMap};

use chrono::{DateTime, Utc};
use poem::{Request, web::Data};
use poem_openapi::{
    Object, OpenApi,
    param::{Path, Query},
    payload::Json,
    registry::{MetaSchema, MetaSchemaRef},
    types::{ParseError, ParseFromJSON, ParseResult, ToJSON, Type},
};
use uuid::Uuid;

use super::{
    ApiTags, NoContent, Ok200,
    body::JsonBody,
    logging::RequestId,
    pagination::{LimitParam, Paged, page_of},
    params::IdParam,
    security::BearerAuth,
    time,
    users::{RequiredActionName, RoleName, SelfUser, UpdateUserRequest},
};
use crate::{
    AppState,
    domain::admin::{Search, UserFilter, parse_attribute_filter},
    error::{ALWAYS, AUTH, ApiError, ApiResult, BODY, ErrorCode, FieldErrors, codes},
    services::admin::{Actor, AdminAccount, AdminInput},
};

/// An account as administrators see it: everything its owner sees, and the state of its
/// logins.
#[derive(Debug, Clone, Object)]
#[oai(rename_all = "camelCase")]
pub struct AdminUser {
    /// The account, as its owner sees it (with `enabled`, `emailVerified`, `role`,
    /// `attributes` and `requiredActions`).
    pub account: SelfUser,
    /// The last successful login.
    #[oai(nullable)]
    pub last_login_at: Option<DateTime<Utc>>,
    /// Failed logins currently counted against the account.
    pub failed_login_count: u64,
    /// Until when logins are refused because of them (`null`: they are not).
    #[oai(nullable)]
    pub locked_until: Option<DateTime<Utc>>,
    /// Sessions not revoked.
    pub sessions_count: u64,
}

impl From<AdminAccount> for AdminUser {
    fn from(account: AdminAccount) -> Self {
        Self {
            account: SelfUser::from(&account.user),
            last_login_at: account.details.last_login_at.map(time),
            failed_login_count: u64::try_from(account.failed_logins).unwrap_or(0),
            locked_until: account.locked_until.map(time),
            sessions_count: u64::try_from(account.details.live_sessions).unwrap_or(0),
        }
    }
}

page_of!(
    /// A page of accounts, newest first.
    AdminUserPage,
    SelfUser
);

/// How many accounts match.
#[derive(Debug, Clone, Object)]
pub struct UserCount {
    /// The number of accounts the filters match (the same filters as the list).
    pub count: u64,
}

/// The new values of one attribute, or `null` to remove it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttributeValues(pub Option<Vec<String>>);

impl Type for AttributeValues {
    super::raw_value_is_self!();

    fn name() -> Cow<'static, str> {
        "array_or_null(string)".into()
    }

    fn schema_ref() -> MetaSchemaRef {
        MetaSchemaRef::Inline(Box::new(MetaSchema {
            items: Some(Box::new(String::schema_ref())),
            nullable: true,
            ..MetaSchema::new("array")
        }))
    }
}

impl ParseFromJSON for AttributeValues {
    fn parse_from_json(value: Option<serde_json::Value>) -> ParseResult<Self> {
        match value {
            None | Some(serde_json::Value::Null) => Ok(Self(None)),
            Some(values) => Vec::<String>::parse_from_json(Some(values))
                .map(|values| Self(Some(values)))
                .map_err(ParseError::propagate),
        }
    }
}

impl ToJSON for AttributeValues {
    fn to_json(&self) -> Option<serde_json::Value> {
        Some(
            self.0
                .as_ref()
                .map_or(serde_json::Value::Null, |v| v.clone().into()),
        )
    }
}

/// An administrator's change to an account: absent fields are left alone. Unknown fields
/// are refused with 422 and nothing changes.
#[derive(Debug, Clone, Default, Object)]
#[oai(rename_all = "camelCase", deny_unknown_fields)]
pub struct AdminUserUpdate {
    /// Enable or disable the account. Disabling ends every session at once; login then
    /// answers 403 `ACCOUNT_DISABLED`.
    pub enabled: Option<bool>,
    /// Mark the email address verified (which completes `VERIFY_EMAIL`) or not.
    pub email_verified: Option<bool>,
    /// The account's role.
    pub role: Option<RoleName>,
    /// The pending required actions, replacing the current ones (`[]` clears them).
    #[oai(validator(max_items = 4))]
    pub required_actions: Option<Vec<RequiredActionName>>,
    /// Attributes to merge: a name set to an array of strings replaces that attribute's
    /// values, a name set to `null` removes it, names not mentioned stay. At most 50
    /// names of 1–64 characters `[a-zA-Z0-9_.-]`, 10 values of at most 255 characters.
    pub attributes: Option<BTreeMap<String, AttributeValues>>,
    /// Profile fields, as in `PATCH /v1/users/me`.
    pub profile: Option<UpdateUserRequest>,
}

/// A session as administrators see it.
#[derive(Debug, Clone, Object)]
#[oai(rename_all = "camelCase")]
pub struct AdminSession {
    /// Session id.
    pub id: Uuid,
    /// When it was opened (login or registration).
    pub created_at: DateTime<Utc>,
    /// When it last refreshed its tokens (`null`: never).
    #[oai(nullable)]
    pub last_used_at: Option<DateTime<Utc>>,
    /// The client address it was opened from.
    #[oai(nullable)]
    pub client_ip: Option<String>,
    /// The client's `User-Agent` when it was opened.
    #[oai(nullable)]
    pub user_agent: Option<String>,
}

page_of!(
    /// A page of an account's live sessions, newest first.
    AdminSessionPage,
    AdminSession
);

/// An administrative action.
#[derive(Debug, Clone, Object)]
#[oai(rename_all = "camelCase")]
pub struct AuditRecord {
    /// Record id.
    pub id: Uuid,
    /// When.
    pub at: DateTime<Utc>,
    /// The administrator (`null`: the `profilehub admin` command line).
    #[oai(nullable)]
    pub actor_id: Option<Uuid>,
    /// Their username at the time (`command-line` for the command line).
    pub actor_name: String,
    /// What: `user.update`, `user.delete`, `user.session.revoke`, `user.sessions.revoke`,
    /// `user.login_failures.clear`, `role.grant`, `role.revoke`, `user.create`.
    pub action: String,
    /// The account acted on.
    #[oai(nullable)]
    pub target_id: Option<Uuid>,
    /// Its username at the time.
    #[oai(nullable)]
    pub target_name: Option<String>,
    /// The fields changed and their new values (profile fields by name only; never a
    /// secret).
    pub changes: BTreeMap<String, serde_json::Value>,
    /// The `X-Request-Id` of the request.
    #[oai(nullable)]
    pub request_id: Option<String>,
}

page_of!(
    /// A page of the audit log, newest first.
    AuditPage,
    AuditRecord
);

/// Administration.
#[derive(Default)]
pub struct AdminApi;

/// What every administrative operation can answer.
const ADMIN: u64 = ALWAYS | AUTH | codes(&[ErrorCode::Forbidden]);
/// What an operation on one account can answer besides.
const ONE: u64 = ADMIN | codes(&[ErrorCode::MalformedId, ErrorCode::UserNotFound]);
/// What a list can answer besides.
const LIST: u64 = ADMIN | codes(&[ErrorCode::BadRequest, ErrorCode::InvalidCursor]);

#[OpenApi(prefix_path = "/v1/admin", tag = "ApiTags::Admin")]
impl AdminApi {
    /// Search accounts
    ///
    /// Accounts matching every given filter (they are ANDed), newest first, one page at a
    /// time (`limit`, `cursor`). `search` matches username, email or name: `text` as a
    /// prefix, `*text*` as a substring, `"text"` exactly (any case). `attr=name:value`
    /// (repeatable) requires that value among the attribute's values. Any filter value the
    /// API does not understand is a 400 `BAD_REQUEST`, never silently ignored.
    #[oai(path = "/users", method = "get", operation_id = "admin_list_users")]
    #[allow(clippy::too_many_arguments)] // one per query parameter of the operation
    async fn list_users(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        request: &Request,
        /// Prefix (`ada`), substring (`*ada*`) or exact (`"ada"`) match on username, email
        /// or name.
        search: Query<Option<String>>,
        /// Exactly this username (any case).
        username: Query<Option<String>>,
        /// Exactly this email (any case).
        email: Query<Option<String>>,
        /// Enabled (`true`) or disabled (`false`) accounts.
        enabled: Query<Option<bool>>,
        /// Verified (`true`) or unverified (`false`) email addresses.
        #[oai(name = "emailVerified")]
        email_verified: Query<Option<bool>>,
        /// This role.
        role: Query<Option<RoleName>>,
        /// `name:value`: the attribute holds this value (repeatable; all must hold).
        attr: Query<Vec<String>>,
        /// Created at or after this time (RFC 3339).
        #[oai(name = "createdAfter")]
        created_after: Query<Option<DateTime<Utc>>>,
        /// Created before this time (RFC 3339).
        #[oai(name = "createdBefore")]
        created_before: Query<Option<DateTime<Utc>>>,
        /// Rows per page, 1–100 (default 20).
        limit: Query<Option<LimitParam>>,
        /// `nextCursor` of the previous page; absent for the first page.
        cursor: Query<Option<String>>,
    ) -> ApiResult<Paged<AdminUserPage>, { LIST }> {
        admin(&state, &auth).await?;
        let filter = filter(
            search.0,
            username.0,
            email.0,
            enabled.0,
            email_verified.0,
            role.0,
            &attr.0,
            created_after.0,
            created_before.0,
        )?;
        let limit = LimitParam::value(limit.0.as_ref())?;
        let listing = state
            .admin
            .users(&filter, limit, cursor.0.as_deref())
            .await?;
        let next = listing.next_cursor.clone();
        Ok(Paged::new(
            request,
            AdminUserPage {
                items: listing.items.iter().map(SelfUser::from).collect(),
                next_cursor: listing.next_cursor,
            },
            next.as_deref(),
        ))
    }

    /// Count accounts
    ///
    /// How many accounts `GET /v1/admin/users` would list with the same filters: the same
    /// filters, read by the same code, so the two always agree.
    #[oai(
        path = "/users/count",
        method = "get",
        operation_id = "admin_count_users"
    )]
    #[allow(clippy::too_many_arguments)] // one per query parameter of the operation
    async fn count_users(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        /// As for the list.
        search: Query<Option<String>>,
        /// As for the list.
        username: Query<Option<String>>,
        /// As for the list.
        email: Query<Option<String>>,
        /// As for the list.
        enabled: Query<Option<bool>>,
        /// As for the list.
        #[oai(name = "emailVerified")]
        email_verified: Query<Option<bool>>,
        /// As for the list.
        role: Query<Option<RoleName>>,
        /// As for the list.
        attr: Query<Vec<String>>,
        /// As for the list.
        #[oai(name = "createdAfter")]
        created_after: Query<Option<DateTime<Utc>>>,
        /// As for the list.
        #[oai(name = "createdBefore")]
        created_before: Query<Option<DateTime<Utc>>>,
    ) -> ApiResult<Ok200<UserCount>, { ADMIN | codes(&[ErrorCode::BadRequest]) }> {
        admin(&state, &auth).await?;
        let filter = filter(
            search.0,
            username.0,
            email.0,
            enabled.0,
            email_verified.0,
            role.0,
            &attr.0,
            created_after.0,
            created_before.0,
        )?;
        let count = state.admin.count(&filter).await?;
        Ok(Ok200::Ok(Json(UserCount {
            count: u64::try_from(count).unwrap_or(0),
        })))
    }

    /// Get an account
    ///
    /// The full account, with its login state and sessions count.
    #[oai(
        path = "/users/:userId",
        method = "get",
        operation_id = "admin_get_user"
    )]
    async fn get_user(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        /// The account's id (UUID).
        #[oai(name = "userId")]
        user_id: Path<IdParam>,
    ) -> ApiResult<Ok200<AdminUser>, { ONE | codes(&[ErrorCode::BadRequest]) }> {
        admin(&state, &auth).await?;
        let account = state.admin.account(user_id.0.id("userId")?).await?;
        Ok(Ok200::Ok(Json(account.into())))
    }

    /// Get an account by username
    ///
    /// As `GET /v1/admin/users/{userId}`, by username (any case).
    #[oai(
        path = "/users/by-username/:username",
        method = "get",
        operation_id = "admin_get_user_by_username"
    )]
    async fn get_user_by_username(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        /// Username, in any case.
        username: Path<String>,
    ) -> ApiResult<Ok200<AdminUser>, { ADMIN | codes(&[ErrorCode::UserNotFound]) }> {
        admin(&state, &auth).await?;
        let account = state.admin.account_named(&username.0).await?;
        Ok(Ok200::Ok(Json(account.into())))
    }

    /// Update an account
    ///
    /// Sets `enabled`, `emailVerified`, `role`, `requiredActions`, merges `attributes`
    /// (a name set to `null` is removed) and applies `profile` changes — all or nothing:
    /// every problem is reported at once (422 `VALIDATION_FAILED`), unknown fields are
    /// refused, and a refused update changes nothing. Demoting or disabling the last
    /// enabled administrator is refused with 409 `LAST_ADMIN`. Disabling ends every
    /// session of the account at once. Recorded in the audit log.
    #[oai(
        path = "/users/:userId",
        method = "patch",
        operation_id = "admin_update_user"
    )]
    async fn update_user(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        request: &Request,
        /// The account's id (UUID).
        #[oai(name = "userId")]
        user_id: Path<IdParam>,
        body: JsonBody<AdminUserUpdate>,
    ) -> ApiResult<
        Ok200<AdminUser>,
        {
            ONE | BODY
                | codes(&[
                    ErrorCode::UsernameTaken,
                    ErrorCode::EmailTaken,
                    ErrorCode::LastAdmin,
                ])
        },
    > {
        let actor = admin(&state, &auth).await?;
        let id = user_id.0.id("userId")?;
        let body = body.0;
        let input = AdminInput {
            enabled: body.enabled,
            email_verified: body.email_verified,
            role: body.role.map(Into::into),
            required_actions: body
                .required_actions
                .map(|actions| actions.into_iter().map(Into::into).collect()),
            attributes: body.attributes.map(|attributes| {
                attributes
                    .into_iter()
                    .map(|(name, values)| (name, values.0))
                    .collect()
            }),
            profile: body.profile.map(Into::into),
        };
        let account = state
            .admin
            .update(&actor, id, input, request_id(request))
            .await?;
        Ok(Ok200::Ok(Json(account.into())))
    }

    /// Delete an account
    ///
    /// Removes the account and everything it owns; its tokens stop working at once. The
    /// last enabled administrator cannot be deleted (409 `LAST_ADMIN`). Recorded in the
    /// audit log.
    #[oai(
        path = "/users/:userId",
        method = "delete",
        operation_id = "admin_delete_user"
    )]
    async fn delete_user(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        request: &Request,
        /// The account's id (UUID).
        #[oai(name = "userId")]
        user_id: Path<IdParam>,
    ) -> ApiResult<NoContent, { ONE | codes(&[ErrorCode::BadRequest, ErrorCode::LastAdmin]) }> {
        let actor = admin(&state, &auth).await?;
        let id = user_id.0.id("userId")?;
        state.admin.delete(&actor, id, request_id(request)).await?;
        Ok(NoContent::NoContent)
    }

    /// List an account's sessions
    ///
    /// The account's live sessions, newest first, one page at a time: when each was
    /// opened and last refreshed, and the client address and `User-Agent` it was opened
    /// from.
    #[oai(
        path = "/users/:userId/sessions",
        method = "get",
        operation_id = "admin_list_user_sessions"
    )]
    async fn sessions(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        request: &Request,
        /// The account's id (UUID).
        #[oai(name = "userId")]
        user_id: Path<IdParam>,
        /// Rows per page, 1–100 (default 20).
        limit: Query<Option<LimitParam>>,
        /// `nextCursor` of the previous page; absent for the first page.
        cursor: Query<Option<String>>,
    ) -> ApiResult<Paged<AdminSessionPage>, { ONE | LIST }> {
        admin(&state, &auth).await?;
        let id = user_id.0.id("userId")?;
        let limit = LimitParam::value(limit.0.as_ref())?;
        let listing = state.admin.sessions(id, limit, cursor.0.as_deref()).await?;
        let next = listing.next_cursor.clone();
        Ok(Paged::new(
            request,
            AdminSessionPage {
                items: listing
                    .items
                    .into_iter()
                    .map(|session| AdminSession {
                        id: session.id,
                        created_at: time(session.created_at),
                        last_used_at: session.last_used_at.map(time),
                        client_ip: session.client_ip,
                        user_agent: session.user_agent,
                    })
                    .collect(),
                next_cursor: listing.next_cursor,
            },
            next.as_deref(),
        ))
    }

    /// End one session of an account
    ///
    /// Its access and refresh tokens stop working at once. 404 `SESSION_NOT_FOUND` when
    /// the account has no live session with this id. Recorded in the audit log.
    #[oai(
        path = "/users/:userId/sessions/:sessionId",
        method = "delete",
        operation_id = "admin_revoke_user_session"
    )]
    async fn revoke_session(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        request: &Request,
        /// The account's id (UUID).
        #[oai(name = "userId")]
        user_id: Path<IdParam>,
        /// The session's id (UUID).
        #[oai(name = "sessionId")]
        session_id: Path<IdParam>,
    ) -> ApiResult<NoContent, { ONE | codes(&[ErrorCode::BadRequest, ErrorCode::SessionNotFound]) }>
    {
        let actor = admin(&state, &auth).await?;
        let id = user_id.0.id("userId")?;
        let session = session_id.0.id("sessionId")?;
        state
            .admin
            .revoke_sessions(&actor, id, Some(session), request_id(request))
            .await?;
        Ok(NoContent::NoContent)
    }

    /// End every session of an account
    ///
    /// Every access and refresh token of the account stops working at once (the account
    /// can still log in). Recorded in the audit log.
    #[oai(
        path = "/users/:userId/sessions",
        method = "delete",
        operation_id = "admin_revoke_user_sessions"
    )]
    async fn revoke_sessions(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        request: &Request,
        /// The account's id (UUID).
        #[oai(name = "userId")]
        user_id: Path<IdParam>,
    ) -> ApiResult<NoContent, { ONE | codes(&[ErrorCode::BadRequest]) }> {
        let actor = admin(&state, &auth).await?;
        let id = user_id.0.id("userId")?;
        state
            .admin
            .revoke_sessions(&actor, id, None, request_id(request))
            .await?;
        Ok(NoContent::NoContent)
    }

    /// Clear an account's login failures
    ///
    /// Forgets the failed logins counted against the account, so that it may log in again
    /// at once (the per-address counters of the clients that failed stay). Recorded in the
    /// audit log.
    #[oai(
        path = "/users/:userId/login-failures",
        method = "delete",
        operation_id = "admin_clear_login_failures"
    )]
    async fn clear_login_failures(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        request: &Request,
        /// The account's id (UUID).
        #[oai(name = "userId")]
        user_id: Path<IdParam>,
    ) -> ApiResult<NoContent, { ONE | codes(&[ErrorCode::BadRequest]) }> {
        let actor = admin(&state, &auth).await?;
        let id = user_id.0.id("userId")?;
        state
            .admin
            .clear_login_failures(&actor, id, request_id(request))
            .await?;
        Ok(NoContent::NoContent)
    }

    /// Read the audit log
    ///
    /// Administrative actions, newest first, one page at a time: who did what to whom,
    /// which fields changed, when, and with which request. `actor` and `target` (account
    /// ids) narrow it down.
    #[oai(path = "/audit", method = "get", operation_id = "admin_list_audit")]
    #[allow(clippy::too_many_arguments)] // one per query parameter of the operation
    async fn audit(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        request: &Request,
        /// Only actions by this administrator (account id).
        actor: Query<Option<IdParam>>,
        /// Only actions on this account (account id).
        target: Query<Option<IdParam>>,
        /// Rows per page, 1–100 (default 20).
        limit: Query<Option<LimitParam>>,
        /// `nextCursor` of the previous page; absent for the first page.
        cursor: Query<Option<String>>,
    ) -> ApiResult<Paged<AuditPage>, { LIST | codes(&[ErrorCode::MalformedId]) }> {
        admin(&state, &auth).await?;
        let actor = actor.0.as_ref().map(|id| id.id("actor")).transpose()?;
        let target = target.0.as_ref().map(|id| id.id("target")).transpose()?;
        let limit = LimitParam::value(limit.0.as_ref())?;
        let listing = state
            .admin
            .audit(actor, target, limit, cursor.0.as_deref())
            .await?;
        let next = listing.next_cursor.clone();
        Ok(Paged::new(
            request,
            AuditPage {
                items: listing
                    .items
                    .into_iter()
                    .map(|entry| AuditRecord {
                        id: entry.id,
                        at: time(entry.at),
                        actor_id: entry.actor_id,
                        actor_name: entry.actor_name,
                        action: entry.action,
                        target_id: entry.target_id,
                        target_name: entry.target_name,
                        changes: match entry.changes {
                            serde_json::Value::Object(changes) => changes.into_iter().collect(),
                            _ => BTreeMap::new(),
                        },
                        request_id: entry.request_id,
                    })
                    .collect(),
                next_cursor: listing.next_cursor,
            },
            next.as_deref(),
        ))
    }
}

/// The caller as an administrator (401 without a valid token, 403 without the role).
async fn admin(state: &AppState, auth: &BearerAuth) -> Result<Actor, ApiError> {
    let caller = auth.caller(state).await?;
    state.admin.authorize(&caller).await
}

fn request_id(request: &Request) -> Option<&str> {
    request
        .extensions()
        .get::<RequestId>()
        .map(|id| id.0.as_str())
}

/// The filters of the list and the count, every value checked (400 naming each one the
/// API does not understand).
#[allow(clippy::too_many_arguments)] // one per filter of the operation
fn filter(
    search: Option<String>,
    username: Option<String>,
    email: Option<String>,
    enabled: Option<bool>,
    email_verified: Option<bool>,
    role: Option<RoleName>,
    attributes: &[String],
    created_after: Option<DateTime<Utc>>,
    created_before: Option<DateTime<Utc>>,
) -> Result<UserFilter, ApiError> {
    let mut problems = FieldErrors::default();
    let search = search.as_deref().and_then(|raw| {
        Search::parse(raw)
            .map_err(|problem| problems.add("search", problem))
            .ok()
    });
    let attributes = attributes
        .iter()
        .filter_map(|raw| {
            parse_attribute_filter(raw)
                .map_err(|problem| problems.add("attr", problem))
                .ok()
        })
        .collect();
    for (name, value) in [("username", &username), ("email", &email)] {
        if value
            .as_deref()
            .is_some_and(|v| v.trim().is_empty() || v.len() > 320)
        {
            problems.add(name, "must be 1 to 320 characters long");
        }
    }
    if let (Some(after), Some(before)) = (created_after, created_before)
        && after >= before
    {
        problems.add("createdBefore", "must be after `createdAfter`");
    }
    if !problems.is_empty() {
        return Err(ApiError::validation(problems).retitled(
            ErrorCode::BadRequest,
            "A filter value is not understood; see `fields`.",
        ));
    }
    Ok(UserFilter {
        search,
        username,
        email,
        enabled,
        email_verified,
        role: role.map(Into::into),
        attributes,
        created_after,
        created_before,
    })
}
