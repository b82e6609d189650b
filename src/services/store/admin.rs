//! Identity administration: the admin user search and its count, account details only
//! administrators see (attributes, required actions, sessions), administrative updates,
//! and the audit log they write.
//!
//! The list and the count are built from one [`UserFilter`] by one function
//! ([`filter_sql`]), so they cannot disagree. An administrative update, its session
//! revocations, its board change and its audit row commit together: the log never
//! records what did not happen, and nothing happens unrecorded.

use sqlx::{AssertSqlSafe, Row, any::AnyRow};
use uuid::Uuid;

use super::{
    Store, after_row, decode_id,
    sessions::{RevokeReason, revoke_all},
    users::{Assignments, Bind, USER_COLUMNS, user_of_row},
};
use std::collections::BTreeMap;

use crate::domain::{
    ProfileChanges, Role, User, UserId,
    admin::{Attributes, RequiredAction, Search, UserFilter, merge_attributes},
    page::{Page, PageRequest, Position},
};

/// What only administrators see of an account, beside the account itself.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountDetails {
    /// Last successful login (epoch ms).
    pub last_login_at: Option<i64>,
    /// Sessions not revoked.
    pub live_sessions: i64,
}

/// A session as administrators see it.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionInfo {
    /// Session id.
    pub id: Uuid,
    /// When it was opened (epoch ms).
    pub created_at: i64,
    /// When it last refreshed its tokens (epoch ms).
    pub last_used_at: Option<i64>,
    /// The client address it was opened from.
    pub client_ip: Option<String>,
    /// The client's `User-Agent` when it was opened.
    pub user_agent: Option<String>,
}

/// Who did something administrative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// An administrator, through the API.
    Admin {
        /// Their id.
        id: UserId,
        /// Their username at the time.
        username: String,
    },
    /// Someone with access to the server, through `profilehub admin …`.
    CommandLine,
}

/// An audit record to write.
#[derive(Debug, Clone)]
pub struct NewAudit<'a> {
    /// Who.
    pub actor: &'a Actor,
    /// What, e.g. `user.update`.
    pub action: &'a str,
    /// To whom: their id and username at the time.
    pub target: Option<(UserId, &'a str)>,
    /// The fields changed and their new values (never a secret).
    pub changes: serde_json::Value,
    /// The request it came with.
    pub request_id: Option<&'a str>,
}

/// A written audit record.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    /// Record id.
    pub id: Uuid,
    /// When (epoch ms).
    pub at: i64,
    /// Who (`None`: the command line).
    pub actor_id: Option<UserId>,
    /// Their username at the time (`command-line` for the command line).
    pub actor_name: String,
    /// What.
    pub action: String,
    /// To whom.
    pub target_id: Option<UserId>,
    /// Their username at the time.
    pub target_name: Option<String>,
    /// The fields changed and their new values.
    pub changes: serde_json::Value,
    /// The request it came with.
    pub request_id: Option<String>,
}

/// An administrative update of an account: each `Some` is applied.
#[derive(Debug, Clone, Default)]
pub struct AdminChanges {
    /// Enable or disable (disabling revokes every session).
    pub enabled: Option<bool>,
    /// Mark the email address verified or not.
    pub email_verified: Option<bool>,
    /// Grant or revoke the administrator role.
    pub role: Option<Role>,
    /// Replace the pending required actions.
    pub required_actions: Option<Vec<RequiredAction>>,
    /// Attributes to merge (`None` removes a name): merged in the update's transaction
    /// with the attributes as they are then, so concurrent updates never drop each
    /// other's names.
    pub attributes: Option<BTreeMap<String, Option<Vec<String>>>>,
    /// Profile changes.
    pub profile: ProfileChanges,
}

/// What an administrative update came to.
#[derive(Debug, Clone, PartialEq)]
pub enum AdminUpdate {
    /// Applied; the account as it is now.
    Updated(Box<User>),
    /// No such account.
    NotFound,
    /// Refused: it would leave no enabled administrator.
    LastAdmin,
    /// The account was deleted.
    Deleted,
    /// Refused: the attributes, merged with what a concurrent change left, break a bound.
    Invalid(crate::error::FieldErrors),
}

/// The `WHERE` of `filter` (on `users`), with its bound values numbered from `first`:
/// the one definition both the list and the count use.
fn filter_sql(filter: &UserFilter, first: usize) -> (String, Vec<Bind>) {
    let mut conditions: Vec<String> = vec!["1 = 1".into()];
    let mut binds: Vec<Bind> = Vec::new();
    let next = |binds: &mut Vec<Bind>, value: Bind| {
        binds.push(value);
        first + binds.len() - 1
    };
    if let Some(search) = &filter.search {
        let (pattern, exact) = match search {
            Search::Prefix(text) => (format!("{}%", like_escaped(text)), false),
            Search::Substring(text) => (format!("%{}%", like_escaped(text)), false),
            Search::Exact(text) => (text.clone(), true),
        };
        let n = next(&mut binds, Bind::Text(Some(pattern)));
        conditions.push(if exact {
            format!(
                "(lower(username) = ${n} OR lower(email) = ${n} OR lower(COALESCE(name, '')) = ${n})"
            )
        } else {
            format!(
                "(lower(username) LIKE ${n} ESCAPE '\\' OR lower(email) LIKE ${n} ESCAPE '\\' \
                 OR lower(COALESCE(name, '')) LIKE ${n} ESCAPE '\\')"
            )
        });
    }
    if let Some(username) = &filter.username {
        let n = next(&mut binds, Bind::Text(Some(username.clone())));
        conditions.push(format!("lower(username) = lower(${n})"));
    }
    if let Some(email) = &filter.email {
        let n = next(&mut binds, Bind::Text(Some(email.clone())));
        conditions.push(format!("lower(email) = lower(${n})"));
    }
    for (column, value) in [
        ("enabled", filter.enabled),
        ("email_verified", filter.email_verified),
    ] {
        if let Some(value) = value {
            let n = next(&mut binds, Bind::Int(i64::from(value)));
            conditions.push(format!("{column} = ${n}"));
        }
    }
    if let Some(role) = filter.role {
        let n = next(&mut binds, Bind::Text(Some(role.as_str().to_string())));
        conditions.push(format!("role = ${n}"));
    }
    for (name, value) in &filter.attributes {
        let n = next(&mut binds, Bind::Text(Some(name.clone())));
        let v = next(&mut binds, Bind::Text(Some(value.clone())));
        conditions.push(format!(
            "EXISTS (SELECT 1 FROM user_attributes a WHERE a.user_id = users.id \
             AND a.name = ${n} AND a.value = ${v})"
        ));
    }
    if let Some(after) = filter.created_after {
        let n = next(&mut binds, Bind::Int(after.timestamp_millis()));
        conditions.push(format!("created_at >= ${n}"));
    }
    if let Some(before) = filter.created_before {
        let n = next(&mut binds, Bind::Int(before.timestamp_millis()));
        conditions.push(format!("created_at < ${n}"));
    }
    (conditions.join(" AND "), binds)
}

/// `text` with `LIKE`'s wildcards (and the escape character) escaped by `\`.
fn like_escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn bind_all<'q>(
    mut query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    binds: Vec<Bind>,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    for bind in binds {
        query = match bind {
            Bind::Text(value) => query.bind(value),
            Bind::Int(value) => query.bind(value),
        };
    }
    query
}

impl Store {
    /// A page of the accounts `filter` matches, newest first.
    pub async fn admin_users_page(
        &self,
        filter: &UserFilter,
        request: &PageRequest,
    ) -> Result<Page<User>, sqlx::Error> {
        // $1 limit, then the keyset's $2 $3, then the filter's.
        let keyset = after_row(&["created_at", "id"], request.after.is_some(), 2);
        let first = if request.after.is_some() { 4 } else { 2 };
        let (condition, binds) = filter_sql(filter, first);
        let sql = format!(
            "SELECT {USER_COLUMNS} FROM users WHERE ({condition}){keyset} \
             ORDER BY created_at DESC, id DESC LIMIT $1"
        );
        let mut query = sqlx::query(AssertSqlSafe(sql))
            .persistent(false)
            .bind(request.rows_to_read());
        if let Some(after) = &request.after {
            query = query.bind(after.at).bind(after.id.clone());
        }
        let users: Vec<User> = bind_all(query, binds)
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(user_of_row)
            .collect::<Result<_, _>>()?;
        Ok(request.page(users, |user| Position {
            at: user.created_at.timestamp_millis(),
            id: user.id.to_string(),
        }))
    }

    /// How many accounts `filter` matches (the same condition as the list).
    pub async fn admin_users_count(&self, filter: &UserFilter) -> Result<i64, sqlx::Error> {
        let (condition, binds) = filter_sql(filter, 1);
        let sql = format!("SELECT COUNT(*) AS n FROM users WHERE {condition}");
        let query = sqlx::query(AssertSqlSafe(sql)).persistent(false);
        bind_all(query, binds)
            .fetch_one(self.pool())
            .await?
            .try_get("n")
    }

    /// What only administrators see of `id` (`None` when there is no such account).
    pub async fn account_details(&self, id: UserId) -> Result<Option<AccountDetails>, sqlx::Error> {
        let row = sqlx::query(
            "SELECT last_login_at, \
             (SELECT COUNT(*) FROM sessions s WHERE s.user_id = users.id AND s.revoked_at IS NULL) \
               AS live_sessions \
             FROM users WHERE id = $1",
        )
        .bind(id.to_string())
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        Ok(Some(AccountDetails {
            last_login_at: row.try_get("last_login_at")?,
            live_sessions: row.try_get("live_sessions")?,
        }))
    }

    /// The role and enabled flag of `id`, read now (`None`: no such account).
    pub async fn role_of(&self, id: UserId) -> Result<Option<(Role, bool)>, sqlx::Error> {
        let row = sqlx::query("SELECT role, enabled FROM users WHERE id = $1")
            .bind(id.to_string())
            .fetch_optional(self.pool())
            .await?;
        row.map(|row| {
            let role: String = row.try_get("role")?;
            let enabled: i64 = row.try_get("enabled")?;
            Ok((
                Role::parse(&role).map_err(|e| super::undecodable("role", e))?,
                enabled != 0,
            ))
        })
        .transpose()
    }

    /// Applies `changes` to `id` as one transaction with its `audit` record: refused with
    /// [`AdminUpdate::LastAdmin`] when it would leave no enabled administrator; disabling
    /// revokes every session; the boards follow the enabled flag.
    pub async fn admin_update(
        &self,
        id: UserId,
        changes: &AdminChanges,
        audit: &NewAudit<'_>,
        now: i64,
    ) -> Result<AdminUpdate, sqlx::Error> {
        let mut tx = self.begin_write().await?;
        let demotes = changes.role == Some(Role::User) || changes.enabled == Some(false);
        if demotes && self.would_leave_no_admin(&mut tx, id).await? {
            return Ok(AdminUpdate::LastAdmin);
        }
        // The row as it is now, locked on PostgreSQL until the commit (SQLite has one
        // writer): what is merged into it cannot be changed underneath.
        let lock = match self.backend() {
            super::Backend::Postgres => " FOR UPDATE",
            super::Backend::Sqlite => "",
        };
        let Some(row) = sqlx::query(AssertSqlSafe(format!(
            "SELECT attributes, required_actions FROM users WHERE id = $1{lock}"
        )))
        .bind(id.to_string())
        .fetch_optional(&mut *tx)
        .await?
        else {
            return Ok(AdminUpdate::NotFound);
        };
        let current_actions = decode_actions(&row.try_get::<String, _>("required_actions")?);
        let attributes = match &changes.attributes {
            None => None,
            Some(requested) => {
                let current: Attributes =
                    serde_json::from_str(&row.try_get::<String, _>("attributes")?)
                        .map_err(|e| super::undecodable("attributes", e))?;
                let mut errors = crate::error::FieldErrors::default();
                let merged = merge_attributes(&current, requested, &mut errors);
                if !errors.is_empty() {
                    return Ok(AdminUpdate::Invalid(errors));
                }
                Some(merged)
            }
        };
        let mut update = Assignments::new(id);
        update.profile(&changes.profile);
        if let Some(enabled) = changes.enabled {
            update.set("enabled", Bind::Int(i64::from(enabled)));
        }
        if let Some(verified) = changes.email_verified {
            update.set("email_verified", Bind::Int(i64::from(verified)));
        }
        if let Some(role) = changes.role {
            update.set("role", Bind::Text(Some(role.as_str().to_string())));
        }
        let mut actions = changes.required_actions.clone();
        if changes.email_verified == Some(true) {
            // A verified address is what VERIFY_EMAIL asks for.
            let current = actions.clone().unwrap_or(current_actions);
            actions = Some(
                current
                    .into_iter()
                    .filter(|a| *a != RequiredAction::VerifyEmail)
                    .collect(),
            );
        }
        if let Some(actions) = &actions {
            update.set(
                "required_actions",
                Bind::Text(Some(encode_actions(actions))),
            );
        }
        if let Some(attributes) = &attributes {
            let json = serde_json::to_string(attributes).expect("strings serialise");
            update.set("attributes", Bind::Text(Some(json)));
        }
        let Some(user) = update.apply(&mut tx, now).await? else {
            return Ok(AdminUpdate::NotFound);
        };
        if let Some(attributes) = &attributes {
            index_attributes(&mut tx, id, attributes).await?;
        }
        if changes.enabled == Some(false) {
            revoke_all(&mut tx, id, RevokeReason::AccountDisabled, now).await?;
        }
        if changes.enabled.is_some() {
            self.sync_boards(&mut tx, &[id]).await?;
        }
        record_audit(&mut tx, audit).await?;
        self.commit_announcing(tx, &[id]).await?;
        Ok(AdminUpdate::Updated(Box::new(user)))
    }

    /// Deletes `id` with its `audit` record, unless it is the last enabled administrator
    /// (checked in the same transaction, under the same lock as demotions).
    pub async fn admin_delete(
        &self,
        id: UserId,
        audit: &NewAudit<'_>,
    ) -> Result<AdminUpdate, sqlx::Error> {
        let mut tx = self.begin_write().await?;
        if self.would_leave_no_admin(&mut tx, id).await? {
            return Ok(AdminUpdate::LastAdmin);
        }
        Ok(match self.delete_user_in(tx, id, Some(audit)).await? {
            true => AdminUpdate::Deleted,
            false => AdminUpdate::NotFound,
        })
    }

    /// Whether taking the administrator role or the enabled flag from `id` leaves no
    /// enabled administrator. On PostgreSQL the enabled administrators' rows stay locked
    /// until `tx` ends, so two administrators demoting each other at once cannot both
    /// pass; SQLite has one writer at a time anyway.
    async fn would_leave_no_admin(
        &self,
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        id: UserId,
    ) -> Result<bool, sqlx::Error> {
        let lock = match self.backend() {
            super::Backend::Postgres => " FOR UPDATE",
            super::Backend::Sqlite => "",
        };
        let admins: Vec<String> = sqlx::query_scalar(AssertSqlSafe(format!(
            "SELECT id FROM users WHERE role = 'admin' AND enabled = 1{lock}"
        )))
        .fetch_all(&mut **tx)
        .await?;
        let id = id.to_string();
        Ok(admins.contains(&id) && admins.len() == 1)
    }

    /// Grants or revokes the administrator role of the account named `username`, with its
    /// audit record. `Ok(None)`: no such account.
    pub async fn set_role_by_name(
        &self,
        username: &str,
        role: Role,
        actor: &Actor,
        now: i64,
    ) -> Result<Option<AdminUpdate>, sqlx::Error> {
        let Some(user) = self.user_by_username(username).await? else {
            return Ok(None);
        };
        let changes = AdminChanges {
            role: Some(role),
            ..AdminChanges::default()
        };
        let action = match role {
            Role::Admin => "role.grant",
            Role::User => "role.revoke",
        };
        let audit = NewAudit {
            actor,
            action,
            target: Some((user.id, &user.username)),
            changes: serde_json::json!({ "role": role.as_str() }),
            request_id: None,
        };
        self.admin_update(user.id, &changes, &audit, now)
            .await
            .map(Some)
    }

    /// A page of the sessions of `id` that are not revoked, newest first.
    pub async fn live_sessions_page(
        &self,
        id: UserId,
        request: &PageRequest,
    ) -> Result<Page<SessionInfo>, sqlx::Error> {
        // $1 user, $2 limit, then the keyset's $3 $4.
        let sql = format!(
            "SELECT id, created_at, last_used_at, client_ip, user_agent FROM sessions \
             WHERE user_id = $1 AND revoked_at IS NULL{} \
             ORDER BY created_at DESC, id DESC LIMIT $2",
            after_row(&["created_at", "id"], request.after.is_some(), 3)
        );
        let mut query = sqlx::query(AssertSqlSafe(sql))
            .bind(id.to_string())
            .bind(request.rows_to_read());
        if let Some(after) = &request.after {
            query = query.bind(after.at).bind(after.id.clone());
        }
        let rows: Vec<SessionInfo> = query
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|row| {
                let id: String = row.try_get("id")?;
                Ok(SessionInfo {
                    id: Uuid::parse_str(&id).map_err(|e| super::undecodable("id", e))?,
                    created_at: row.try_get("created_at")?,
                    last_used_at: row.try_get("last_used_at")?,
                    client_ip: row.try_get("client_ip")?,
                    user_agent: row.try_get("user_agent")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()?;
        Ok(request.page(rows, |session| Position {
            at: session.created_at,
            id: session.id.to_string(),
        }))
    }

    /// Revokes the live session `session` of `user` (or, with `None`, all of them) with
    /// its audit record; returns how many were revoked.
    pub async fn admin_revoke_sessions(
        &self,
        user: UserId,
        session: Option<Uuid>,
        audit: &NewAudit<'_>,
        now: i64,
    ) -> Result<u64, sqlx::Error> {
        let mut tx = self.begin_write().await?;
        let revoked = match session {
            None => revoke_all(&mut tx, user, RevokeReason::Admin, now).await?,
            Some(session) => sqlx::query(
                "UPDATE sessions SET revoked_at = $3, revoked_reason = 'admin' \
                 WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL",
            )
            .bind(session.to_string())
            .bind(user.to_string())
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected(),
        };
        if revoked == 0 && session.is_some() {
            return Ok(0);
        }
        record_audit(&mut tx, audit).await?;
        self.commit_announcing(tx, &[user]).await?;
        Ok(revoked)
    }

    /// Forgets the failed logins counted against `user` (per account and per client and
    /// account), with its audit record.
    pub async fn clear_login_failures(
        &self,
        user: UserId,
        audit: &NewAudit<'_>,
    ) -> Result<(), sqlx::Error> {
        let mut tx = self.begin_write().await?;
        forget_login_failures(&mut tx, user).await?;
        record_audit(&mut tx, audit).await?;
        tx.commit().await
    }

    /// The password hash of `id` (`None`: no such account).
    pub async fn password_hash(&self, id: UserId) -> Result<Option<String>, sqlx::Error> {
        sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
            .bind(id.to_string())
            .fetch_optional(self.pool())
            .await
    }

    /// Replaces the password hash of `id`, ends every session but `keep`, and completes
    /// `UPDATE_PASSWORD`.
    pub async fn set_password(
        &self,
        id: UserId,
        keep: Uuid,
        hash: &str,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        let mut tx = self.begin_write().await?;
        sqlx::query("UPDATE users SET password_hash = $2, updated_at = $3 WHERE id = $1")
            .bind(id.to_string())
            .bind(hash)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "UPDATE sessions SET revoked_at = $3, revoked_reason = 'password_changed' \
             WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL",
        )
        .bind(id.to_string())
        .bind(keep.to_string())
        .bind(now)
        .execute(&mut *tx)
        .await?;
        complete_action(&mut tx, id, RequiredAction::UpdatePassword).await?;
        super::mail::cancel_codes(&mut tx, id, now).await?;
        self.commit_announcing(tx, &[id]).await
    }

    /// Completes `action` for `id` (nothing when it was not pending).
    pub async fn complete_required_action(
        &self,
        id: UserId,
        action: RequiredAction,
    ) -> Result<(), sqlx::Error> {
        let mut tx = self.begin_write().await?;
        if complete_action(&mut tx, id, action).await? {
            self.commit_announcing(tx, &[id]).await
        } else {
            tx.commit().await
        }
    }

    /// Writes `audit` on its own (for actions whose change is already committed, such as
    /// an account created from the command line).
    pub async fn record_audit(&self, audit: &NewAudit<'_>) -> Result<(), sqlx::Error> {
        let mut tx = self.begin_write().await?;
        record_audit(&mut tx, audit).await?;
        tx.commit().await
    }

    /// A page of the audit log, newest first, by `actor` and `target` when given.
    pub async fn audit_page(
        &self,
        actor: Option<UserId>,
        target: Option<UserId>,
        request: &PageRequest,
    ) -> Result<Page<AuditEntry>, sqlx::Error> {
        // $1 limit, $2 actor, $3 target, then the keyset's $4 $5.
        let sql = format!(
            "SELECT id, at, actor_id, actor_name, action, target_id, target_name, changes, \
             request_id FROM audit_log \
             WHERE ($2 = '' OR actor_id = $2) AND ($3 = '' OR target_id = $3){} \
             ORDER BY at DESC, id DESC LIMIT $1",
            after_row(&["at", "id"], request.after.is_some(), 4)
        );
        let mut query = sqlx::query(AssertSqlSafe(sql))
            .bind(request.rows_to_read())
            .bind(actor.map(|id| id.to_string()).unwrap_or_default())
            .bind(target.map(|id| id.to_string()).unwrap_or_default());
        if let Some(after) = &request.after {
            query = query.bind(after.at).bind(after.id.clone());
        }
        let rows: Vec<AuditEntry> = query
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(audit_entry)
            .collect::<Result<_, _>>()?;
        Ok(request.page(rows, |entry| Position {
            at: entry.at,
            id: entry.id.to_string(),
        }))
    }
}

/// Forgets the failed logins counted against `user` (per account, and per client and
/// account; the clients' own counters stay), in `tx`.
pub(super) async fn forget_login_failures(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    user: UserId,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM auth_throttle WHERE key = $1 OR key LIKE $2")
        .bind(format!("account:{user}"))
        .bind(format!("ip-account:%|{user}"))
        .execute(&mut **tx)
        .await
        .map(drop)
}

/// Writes `audit` in `tx`.
pub(super) async fn record_audit(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    audit: &NewAudit<'_>,
) -> Result<(), sqlx::Error> {
    let (actor_id, actor_name) = match audit.actor {
        Actor::Admin { id, username } => (Some(id.to_string()), username.clone()),
        Actor::CommandLine => (None, "command-line".to_string()),
    };
    sqlx::query(
        "INSERT INTO audit_log (id, at, actor_id, actor_name, action, target_id, target_name, \
         changes, request_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(Uuid::new_v4().to_string())
    .bind(super::now_ms())
    .bind(actor_id)
    .bind(actor_name)
    .bind(audit.action)
    .bind(audit.target.map(|(id, _)| id.to_string()))
    .bind(audit.target.map(|(_, name)| name.to_string()))
    .bind(audit.changes.to_string())
    .bind(audit.request_id.map(str::to_string))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Removes `action` from `id`'s pending actions in `tx`; returns whether it was pending.
pub(super) async fn complete_action(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    id: UserId,
    action: RequiredAction,
) -> Result<bool, sqlx::Error> {
    // A write first: it takes the row's lock on PostgreSQL (SQLite has one writer), so the
    // read below sees the latest list and nothing can change it before the update.
    sqlx::query("UPDATE users SET required_actions = required_actions WHERE id = $1")
        .bind(id.to_string())
        .execute(&mut **tx)
        .await?;
    let stored: Option<String> =
        sqlx::query_scalar("SELECT required_actions FROM users WHERE id = $1")
            .bind(id.to_string())
            .fetch_optional(&mut **tx)
            .await?;
    let actions = stored.as_deref().map(decode_actions).unwrap_or_default();
    if !actions.contains(&action) {
        return Ok(false);
    }
    let remaining: Vec<RequiredAction> = actions.into_iter().filter(|a| *a != action).collect();
    sqlx::query("UPDATE users SET required_actions = $2 WHERE id = $1")
        .bind(id.to_string())
        .bind(encode_actions(&remaining))
        .execute(&mut **tx)
        .await?;
    Ok(true)
}

fn audit_entry(row: &AnyRow) -> Result<AuditEntry, sqlx::Error> {
    let id: String = row.try_get("id")?;
    let optional_id = |column: &str| -> Result<Option<UserId>, sqlx::Error> {
        row.try_get::<Option<String>, _>(column)?
            .map(|id| decode_id(column, &id))
            .transpose()
    };
    let changes: String = row.try_get("changes")?;
    Ok(AuditEntry {
        id: Uuid::parse_str(&id).map_err(|e| super::undecodable("id", e))?,
        at: row.try_get("at")?,
        actor_id: optional_id("actor_id")?,
        actor_name: row.try_get("actor_name")?,
        action: row.try_get("action")?,
        target_id: optional_id("target_id")?,
        target_name: row.try_get("target_name")?,
        changes: serde_json::from_str(&changes).map_err(|e| super::undecodable("changes", e))?,
        request_id: row.try_get("request_id")?,
    })
}

/// Replaces the search index of `id`'s attributes (`user_attributes`).
async fn index_attributes(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    id: UserId,
    attributes: &Attributes,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM user_attributes WHERE user_id = $1")
        .bind(id.to_string())
        .execute(&mut **tx)
        .await?;
    for (name, values) in attributes {
        for (position, value) in values.iter().enumerate() {
            sqlx::query(
                "INSERT INTO user_attributes (user_id, name, position, value) \
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(id.to_string())
            .bind(name)
            .bind(i64::try_from(position).unwrap_or(i64::MAX))
            .bind(value)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

/// Stored actions (a JSON array of names); unknown names, if any ever were stored, are
/// dropped rather than failing the account.
pub(super) fn decode_actions(stored: &str) -> Vec<RequiredAction> {
    serde_json::from_str::<Vec<String>>(stored)
        .unwrap_or_default()
        .iter()
        .filter_map(|name| RequiredAction::parse(name))
        .collect()
}

/// Stored actions: each once, in [`RequiredAction::ALL`] order (so every reader lists them
/// alike).
pub(super) fn encode_actions(actions: &[RequiredAction]) -> String {
    let names: Vec<&str> = RequiredAction::ALL
        .into_iter()
        .filter(|action| actions.contains(action))
        .map(RequiredAction::as_str)
        .collect();
    serde_json::to_string(&names).expect("strings serialise")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_wildcards_are_escaped() {
        assert_eq!(like_escaped("a_b%c\\d"), "a\\_b\\%c\\\\d");
    }

    #[test]
    fn actions_are_stored_once_each_in_one_order() {
        let stored = encode_actions(&[
            RequiredAction::UpdatePassword,
            RequiredAction::VerifyEmail,
            RequiredAction::UpdatePassword,
        ]);
        assert_eq!(stored, r#"["VERIFY_EMAIL","UPDATE_PASSWORD"]"#);
        assert_eq!(
            decode_actions(&stored),
            [RequiredAction::VerifyEmail, RequiredAction::UpdatePassword]
        );
        assert!(decode_actions("not json").is_empty());
    }
}
