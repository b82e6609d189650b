//! Identity administration: who may administer, and what administrators do to accounts.
//!
//! The administrator role is read from the database on every administrative request (not
//! from the token, nor from the session cache), so a demoted administrator loses access at
//! once. Every action is written to the audit log in the same transaction as the change
//! itself (`store::admin`). An administrator cannot demote or disable the last enabled
//! administrator, whether through the API or the command line.

use std::collections::BTreeMap;

use uuid::Uuid;

pub use super::store::admin::Actor;
use super::{
    auth::Caller,
    paging::Pages,
    store::{
        Store,
        admin::{AccountDetails, AdminChanges, AdminUpdate, AuditEntry, NewAudit, SessionInfo},
        is_unique_violation, now_ms,
    },
    throttle::{AccountKey, Throttle},
    users::{Users, user_not_found},
};
use crate::{
    domain::{
        ProfileChanges, ProfileInput, Role, User, UserId,
        admin::{RequiredAction, UserFilter, merge_attributes},
        page::Listing,
    },
    error::{ApiError, ErrorCode, FieldErrors},
    security::cursors::Cursors,
};

/// An account as administrators see it.
#[derive(Debug, Clone, PartialEq)]
pub struct AdminAccount {
    /// The account.
    pub user: User,
    /// Last login and sessions.
    pub details: AccountDetails,
    /// Failed logins currently counted against the account.
    pub failed_logins: i64,
    /// Until when logins are refused because of them (epoch ms), if they are.
    pub locked_until: Option<i64>,
}

/// What an administrator asks to change (validated here).
#[derive(Debug, Clone, Default)]
pub struct AdminInput {
    /// Enable or disable.
    pub enabled: Option<bool>,
    /// Verified email or not.
    pub email_verified: Option<bool>,
    /// Role.
    pub role: Option<Role>,
    /// The pending required actions, replacing the current ones.
    pub required_actions: Option<Vec<RequiredAction>>,
    /// Attributes to merge: `None` removes a name.
    pub attributes: Option<BTreeMap<String, Option<Vec<String>>>>,
    /// Profile fields.
    pub profile: Option<ProfileInput>,
}

/// Administration.
#[derive(Debug, Clone)]
pub struct Admin {
    store: Store,
    users: Users,
    throttle: Throttle,
    cursors: Cursors,
}

impl Admin {
    pub(crate) fn new(store: Store, users: Users, throttle: Throttle, cursors: Cursors) -> Self {
        Self {
            store,
            users,
            throttle,
            cursors,
        }
    }

    /// The caller as an administrator, or 403 `FORBIDDEN`: their role as the database
    /// has it now.
    pub async fn authorize(&self, caller: &Caller) -> Result<Actor, ApiError> {
        match self.store.role_of(caller.user_id).await? {
            Some((Role::Admin, true)) => {
                let user = self.users.by_id(caller.user_id).await?;
                Ok(Actor::Admin {
                    id: user.id,
                    username: user.username,
                })
            }
            _ => Err(ApiError::new(
                ErrorCode::Forbidden,
                "Only administrators may do this.",
            )),
        }
    }

    fn pages(&self, filter: &UserFilter) -> Pages<'_> {
        Pages::new(&self.cursors, format!("admin-users:{filter:?}"))
    }

    /// A page of the accounts `filter` matches, newest first.
    pub async fn users(
        &self,
        filter: &UserFilter,
        limit: Option<i64>,
        cursor: Option<&str>,
    ) -> Result<Listing<User>, ApiError> {
        let pages = self.pages(filter);
        let request = pages.request(limit, cursor)?;
        let page = self.store.admin_users_page(filter, &request).await?;
        Ok(pages.listing(page))
    }

    /// How many accounts `filter` matches.
    pub async fn count(&self, filter: &UserFilter) -> Result<i64, ApiError> {
        Ok(self.store.admin_users_count(filter).await?)
    }

    /// The account `id` as administrators see it.
    pub async fn account(&self, id: UserId) -> Result<AdminAccount, ApiError> {
        let user = self.users.by_id(id).await?;
        self.with_details(user).await
    }

    /// The account named `username` as administrators see it.
    pub async fn account_named(&self, username: &str) -> Result<AdminAccount, ApiError> {
        let user = self.users.by_name(username).await?;
        self.with_details(user).await
    }

    async fn with_details(&self, user: User) -> Result<AdminAccount, ApiError> {
        let details = self
            .store
            .account_details(user.id)
            .await?
            .ok_or_else(user_not_found)?;
        let (failed_logins, locked_until) = self
            .throttle
            .account_state(&AccountKey::user(user.id))
            .await?;
        Ok(AdminAccount {
            user,
            details,
            failed_logins,
            locked_until,
        })
    }

    /// Applies an administrator's changes to `id`: everything is checked first (422
    /// `VALIDATION_FAILED` lists every problem, 409 `USERNAME_TAKEN`/`EMAIL_TAKEN`,
    /// 409 `LAST_ADMIN`), and a refused change changes nothing.
    pub async fn update(
        &self,
        actor: &Actor,
        id: UserId,
        input: AdminInput,
        request_id: Option<&str>,
    ) -> Result<AdminAccount, ApiError> {
        let current = self.users.by_id(id).await?;
        let mut errors = FieldErrors::default();
        let profile = match input.profile {
            None => ProfileChanges::default(),
            Some(profile) => {
                match ProfileChanges::parse(profile, chrono::Utc::now().date_naive()) {
                    Ok(changes) => changes,
                    Err(problems) => {
                        errors.absorb("profile", problems);
                        ProfileChanges::default()
                    }
                }
            }
        };
        // Checked here against the attributes as read, for one answer listing every
        // problem; merged again in the update's transaction against the latest ones.
        if let Some(changes) = &input.attributes {
            merge_attributes(&current.attributes, changes, &mut errors);
        }
        errors.into_result()?;
        let username = profile.username.as_ref().map(|u| u.as_str().to_string());
        let email = profile.email.as_ref().map(|e| e.as_str().to_string());
        let (username, email) = (username.as_deref(), email.as_deref());
        if username.is_some() || email.is_some() {
            self.users
                .ensure_available(username, email, Some(id))
                .await?;
        }
        let changes = AdminChanges {
            enabled: input.enabled,
            email_verified: input.email_verified,
            role: input.role,
            required_actions: input.required_actions.clone(),
            attributes: input.attributes.clone(),
            profile,
        };
        let audit = NewAudit {
            actor,
            action: "user.update",
            target: Some((id, &current.username)),
            changes: audited(&changes, input.attributes.as_ref()),
            request_id,
        };
        match self
            .store
            .admin_update(id, &changes, &audit, now_ms())
            .await
        {
            Ok(AdminUpdate::Updated(user)) => self.with_details(*user).await,
            Ok(AdminUpdate::NotFound) => Err(user_not_found()),
            Ok(AdminUpdate::LastAdmin) => Err(last_admin(&current.username)),
            Ok(AdminUpdate::Invalid(errors)) => Err(ApiError::validation(errors)),
            Ok(AdminUpdate::Deleted) => Err(user_not_found()),
            Err(err) if is_unique_violation(&err) => {
                self.users
                    .ensure_available(username, email, Some(id))
                    .await?;
                Err(err.into())
            }
            Err(err) => Err(err.into()),
        }
    }

    /// Deletes the account `id`: refused (409 `LAST_ADMIN`) for the last enabled
    /// administrator.
    pub async fn delete(
        &self,
        actor: &Actor,
        id: UserId,
        request_id: Option<&str>,
    ) -> Result<(), ApiError> {
        let user = self.users.by_id(id).await?;
        let audit = NewAudit {
            actor,
            action: "user.delete",
            target: Some((id, &user.username)),
            changes: serde_json::json!({}),
            request_id,
        };
        match self.store.admin_delete(id, &audit).await? {
            AdminUpdate::Deleted => {
                tracing::info!(user_id = %id, "account deleted by an administrator");
                Ok(())
            }
            AdminUpdate::LastAdmin => Err(last_admin(&user.username)),
            _ => Err(user_not_found()),
        }
    }

    /// A page of the live sessions of `id`, newest first.
    pub async fn sessions(
        &self,
        id: UserId,
        limit: Option<i64>,
        cursor: Option<&str>,
    ) -> Result<Listing<SessionInfo>, ApiError> {
        self.users.by_id(id).await?;
        let pages = Pages::new(&self.cursors, format!("admin-sessions:{id}"));
        let request = pages.request(limit, cursor)?;
        let page = self.store.live_sessions_page(id, &request).await?;
        Ok(pages.listing(page))
    }

    /// Ends the session `session` of `id` (every session with `None`); 404
    /// `SESSION_NOT_FOUND` when that session is not live.
    pub async fn revoke_sessions(
        &self,
        actor: &Actor,
        id: UserId,
        session: Option<Uuid>,
        request_id: Option<&str>,
    ) -> Result<u64, ApiError> {
        let user = self.users.by_id(id).await?;
        let audit = NewAudit {
            actor,
            action: if session.is_some() {
                "user.session.revoke"
            } else {
                "user.sessions.revoke"
            },
            target: Some((id, &user.username)),
            changes: session.map_or_else(
                || serde_json::json!({}),
                |session| serde_json::json!({ "session": session }),
            ),
            request_id,
        };
        let revoked = self
            .store
            .admin_revoke_sessions(id, session, &audit, now_ms())
            .await?;
        if revoked == 0 && session.is_some() {
            return Err(ApiError::new(
                ErrorCode::SessionNotFound,
                format!("{} has no live session with this id.", user.username),
            ));
        }
        Ok(revoked)
    }

    /// Forgets the failed logins counted against `id`: they may log in again at once.
    pub async fn clear_login_failures(
        &self,
        actor: &Actor,
        id: UserId,
        request_id: Option<&str>,
    ) -> Result<(), ApiError> {
        let user = self.users.by_id(id).await?;
        let audit = NewAudit {
            actor,
            action: "user.login_failures.clear",
            target: Some((id, &user.username)),
            changes: serde_json::json!({}),
            request_id,
        };
        Ok(self.store.clear_login_failures(id, &audit).await?)
    }

    /// A page of the audit log, newest first, by `actor` and `target` when given.
    pub async fn audit(
        &self,
        actor: Option<UserId>,
        target: Option<UserId>,
        limit: Option<i64>,
        cursor: Option<&str>,
    ) -> Result<Listing<AuditEntry>, ApiError> {
        let pages = Pages::new(&self.cursors, format!("audit:{actor:?}:{target:?}"));
        let request = pages.request(limit, cursor)?;
        let page = self.store.audit_page(actor, target, &request).await?;
        Ok(pages.listing(page))
    }

    /// Records that the command line created `user`.
    pub async fn created_from_command_line(&self, user: &User) -> Result<(), ApiError> {
        let audit = NewAudit {
            actor: &Actor::CommandLine,
            action: "user.create",
            target: Some((user.id, &user.username)),
            changes: serde_json::json!({ "username": user.username, "email": user.email }),
            request_id: None,
        };
        Ok(self.store.record_audit(&audit).await?)
    }

    /// Grants (`Role::Admin`) or revokes (`Role::User`) the administrator role of
    /// `username` from the command line.
    pub async fn set_role(&self, username: &str, role: Role) -> Result<(), ApiError> {
        match self
            .store
            .set_role_by_name(username, role, &Actor::CommandLine, now_ms())
            .await?
        {
            Some(AdminUpdate::Updated(_)) => Ok(()),
            Some(AdminUpdate::LastAdmin) => Err(last_admin(username)),
            Some(AdminUpdate::Invalid(errors)) => Err(ApiError::validation(errors)),
            None | Some(AdminUpdate::NotFound | AdminUpdate::Deleted) => Err(user_not_found()),
        }
    }
}

/// What the audit log keeps of `changes`: each field set and its new value (attributes as
/// the merge that was asked for). Nothing secret can be in an administrative change.
fn audited(
    changes: &AdminChanges,
    attributes: Option<&BTreeMap<String, Option<Vec<String>>>>,
) -> serde_json::Value {
    let mut record = serde_json::Map::new();
    if let Some(enabled) = changes.enabled {
        record.insert("enabled".into(), enabled.into());
    }
    if let Some(verified) = changes.email_verified {
        record.insert("emailVerified".into(), verified.into());
    }
    if let Some(role) = changes.role {
        record.insert("role".into(), role.as_str().into());
    }
    if let Some(actions) = &changes.required_actions {
        let names: Vec<&str> = actions.iter().map(|a| a.as_str()).collect();
        record.insert("requiredActions".into(), names.into());
    }
    if let Some(attributes) = attributes {
        record.insert(
            "attributes".into(),
            serde_json::to_value(attributes).unwrap_or_default(),
        );
    }
    let profile = changes.profile.changed_fields();
    if !profile.is_empty() {
        record.insert("profile".into(), profile.into());
    }
    record.into()
}

fn last_admin(username: &str) -> ApiError {
    ApiError::new(
        ErrorCode::LastAdmin,
        format!("{username} is the last enabled administrator; promote another one first."),
    )
}
