//! The `sessions` and `refresh_tokens` tables: logins, rotation and revocation.

use sqlx::{Row, any::AnyRow};
use uuid::Uuid;

use super::{Store, decode_id, flag, undecodable};
use crate::domain::{Role, UserId, admin::PendingActions};

/// Why a session was revoked (stored for audits).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RevokeReason {
    /// The user logged out of this session.
    Logout,
    /// The user logged out everywhere.
    LogoutAll,
    /// A refresh token of this session was presented twice.
    RefreshTokenReused,
    /// An administrator ended it.
    Admin,
    /// An administrator disabled the account.
    AccountDisabled,
    /// The password was reset with a mailed code.
    PasswordReset,
}

impl RevokeReason {
    fn as_str(self) -> &'static str {
        match self {
            RevokeReason::Logout => "logout",
            RevokeReason::LogoutAll => "logout_all",
            RevokeReason::RefreshTokenReused => "refresh_token_reused",
            RevokeReason::Admin => "admin",
            RevokeReason::AccountDisabled => "account_disabled",
            RevokeReason::PasswordReset => "password_reset",
        }
    }
}

/// Where a session was opened from (shown to administrators).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionOrigin {
    /// The client's address.
    pub client_ip: Option<String>,
    /// The client's `User-Agent` (at most 256 characters).
    pub user_agent: Option<String>,
}

/// The live session behind an access token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActiveSession {
    /// Its user.
    pub user_id: UserId,
    /// The user's role.
    pub role: Role,
    /// Whether the user may still act.
    pub enabled: bool,
    /// What the user must do before anything else is served.
    pub pending: PendingActions,
}

/// What presenting a refresh token led to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rotation {
    /// The token was valid: it is now used and the new one is stored.
    Rotated {
        /// The session continued.
        session_id: Uuid,
        /// Its user.
        user_id: UserId,
        /// Whether the user may still act.
        enabled: bool,
    },
    /// No such token (never issued, or its session was deleted).
    Unknown,
    /// The session was already revoked.
    Revoked,
    /// The token was used moments ago (within the reuse interval) and its successor not
    /// yet: the same client asked twice. Nothing was changed; hand out the same successor.
    Repeated {
        /// The session continued.
        session_id: Uuid,
        /// Its user.
        user_id: UserId,
        /// Whether the user may still act.
        enabled: bool,
    },
    /// The token was used before: the session has now been revoked.
    Reused,
    /// The token is past its expiry.
    Expired,
}

impl Store {
    /// Opens a session from `origin` with its first refresh token, and records the login.
    pub async fn create_session(
        &self,
        session_id: Uuid,
        user_id: UserId,
        origin: &SessionOrigin,
        refresh_hash: &str,
        refresh_expires_at: i64,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO sessions (id, user_id, created_at, client_ip, user_agent) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(session_id.to_string())
        .bind(user_id.to_string())
        .bind(now)
        .bind(origin.client_ip.clone())
        .bind(origin.user_agent.clone())
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE users SET last_login_at = $2 WHERE id = $1")
            .bind(user_id.to_string())
            .bind(now)
            .execute(&mut *tx)
            .await?;
        insert_refresh_token(&mut tx, session_id, refresh_hash, refresh_expires_at, now).await?;
        tx.commit().await
    }

    /// The session `session_id` of `user_id`, if it is still live.
    pub async fn active_session(
        &self,
        session_id: Uuid,
        user_id: UserId,
    ) -> Result<Option<ActiveSession>, sqlx::Error> {
        let row = sqlx::query(
            "SELECT u.role, u.enabled, u.required_actions FROM sessions s \
             JOIN users u ON u.id = s.user_id \
             WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL",
        )
        .bind(session_id.to_string())
        .bind(user_id.to_string())
        .fetch_optional(self.pool())
        .await?;
        row.map(|row| active_session_of(user_id, &row)).transpose()
    }

    /// Exchanges the refresh token hashed as `presented` for `next` (single use). Atomic:
    /// of two concurrent exchanges of one token, one rotates and the other sees `Reused` —
    /// or `Repeated`, when the token was used less than `reuse_interval_ms` ago and its
    /// successor `next` was not used yet (a client sending the same token twice).
    pub async fn rotate_refresh_token(
        &self,
        presented: &str,
        next: &str,
        next_expires_at: i64,
        now: i64,
        reuse_interval_ms: i64,
    ) -> Result<Rotation, sqlx::Error> {
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(
            "SELECT t.session_id, t.expires_at, t.used_at, s.user_id, s.revoked_at, u.enabled \
             FROM refresh_tokens t JOIN sessions s ON s.id = t.session_id \
             JOIN users u ON u.id = s.user_id WHERE t.token_hash = $1",
        )
        .bind(presented)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            return Ok(Rotation::Unknown);
        };
        let session: String = row.try_get("session_id")?;
        let session_id = decode_id("session_id", &session)?;
        let user_id = decode_id("user_id", &row.try_get::<String, _>("user_id")?)?;
        let enabled = flag(row.try_get("enabled")?);
        let used_at: Option<i64> = row.try_get("used_at")?;
        let revoked_at: Option<i64> = row.try_get("revoked_at")?;
        let expires_at: i64 = row.try_get("expires_at")?;

        if revoked_at.is_some() {
            return Ok(Rotation::Revoked);
        }
        let repeated = Rotation::Repeated {
            session_id,
            user_id,
            enabled,
        };
        if let Some(used_at) = used_at {
            // A concurrent exchange may have used it a moment "after" our `now`.
            let since_use = now.saturating_sub(used_at).max(0);
            if reuse_interval_ms > 0
                && since_use < reuse_interval_ms
                && successor_unused(&mut tx, next).await?
            {
                return Ok(repeated);
            }
            self.revoke_and_commit(tx, &session, RevokeReason::RefreshTokenReused, now)
                .await?;
            return Ok(Rotation::Reused);
        }
        if expires_at <= now {
            return Ok(Rotation::Expired);
        }
        let claimed = sqlx::query(
            "UPDATE refresh_tokens SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL",
        )
        .bind(presented)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if claimed.rows_affected() == 0 {
            // A concurrent exchange won the race: the same client twice, or a thief.
            if reuse_interval_ms > 0 && successor_unused(&mut tx, next).await? {
                return Ok(repeated);
            }
            self.revoke_and_commit(tx, &session, RevokeReason::RefreshTokenReused, now)
                .await?;
            return Ok(Rotation::Reused);
        }
        insert_refresh_token(&mut tx, session_id, next, next_expires_at, now).await?;
        sqlx::query("UPDATE sessions SET last_used_at = $2 WHERE id = $1")
            .bind(&session)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Rotation::Rotated {
            session_id,
            user_id,
            enabled,
        })
    }

    /// Revokes one session of `user_id` (its access and refresh tokens stop working).
    pub async fn revoke_session(
        &self,
        session_id: Uuid,
        reason: RevokeReason,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        let tx = self.begin_write().await?;
        self.revoke_and_commit(tx, &session_id.to_string(), reason, now)
            .await
    }

    /// Revokes `session_id` in `tx`, commits, and announces its user (whose cached
    /// sessions must go: see `services::profiles`).
    async fn revoke_and_commit(
        &self,
        mut tx: sqlx::Transaction<'static, sqlx::Any>,
        session_id: &str,
        reason: RevokeReason,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        let user: Option<String> = sqlx::query_scalar("SELECT user_id FROM sessions WHERE id = $1")
            .bind(session_id)
            .fetch_optional(&mut *tx)
            .await?;
        revoke(&mut tx, session_id, reason, now).await?;
        let users = user
            .map(|id| decode_id("user_id", &id))
            .transpose()?
            .into_iter()
            .collect::<Vec<_>>();
        self.commit_announcing(tx, &users).await?;
        Ok(())
    }

    /// Revokes every live session of `user_id`; returns how many.
    pub async fn revoke_all_sessions(
        &self,
        user_id: UserId,
        reason: RevokeReason,
        now: i64,
    ) -> Result<u64, sqlx::Error> {
        let mut tx = self.begin_write().await?;
        let revoked = revoke_all(&mut tx, user_id, reason, now).await?;
        self.commit_announcing(tx, &[user_id]).await?;
        Ok(revoked)
    }

    /// Removes sessions that can never be used again: revoked before `revoked_before`, or
    /// with every refresh token expired at `now` (their refresh tokens go with them), and
    /// expired refresh tokens of live sessions. Returns how many rows went.
    pub async fn prune_sessions(&self, now: i64, revoked_before: i64) -> Result<u64, sqlx::Error> {
        let mut tx = self.begin_write().await?;
        let sessions = sqlx::query(
            "DELETE FROM sessions WHERE (revoked_at IS NOT NULL AND revoked_at < $1) \
             OR NOT EXISTS (SELECT 1 FROM refresh_tokens \
                            WHERE refresh_tokens.session_id = sessions.id \
                              AND refresh_tokens.expires_at > $2)",
        )
        .bind(revoked_before)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let tokens = sqlx::query("DELETE FROM refresh_tokens WHERE expires_at <= $1")
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        tx.commit().await?;
        Ok(sessions + tokens)
    }
}

async fn insert_refresh_token(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    session_id: Uuid,
    hash: &str,
    expires_at: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO refresh_tokens (token_hash, session_id, issued_at, expires_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(hash)
    .bind(session_id.to_string())
    .bind(now)
    .bind(expires_at)
    .execute(&mut **tx)
    .await
    .map(drop)
}

/// Whether the successor hashed as `next` exists and has not been exchanged yet.
async fn successor_unused(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    next: &str,
) -> Result<bool, sqlx::Error> {
    let used: Option<Option<i64>> =
        sqlx::query_scalar("SELECT used_at FROM refresh_tokens WHERE token_hash = $1")
            .bind(next)
            .fetch_optional(&mut **tx)
            .await?;
    Ok(matches!(used, Some(None)))
}

async fn revoke(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    session_id: &str,
    reason: RevokeReason,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE sessions SET revoked_at = $2, revoked_reason = $3 \
         WHERE id = $1 AND revoked_at IS NULL",
    )
    .bind(session_id)
    .bind(now)
    .bind(reason.as_str())
    .execute(&mut **tx)
    .await
    .map(drop)
}

/// The [`ActiveSession`] of `user_id` from a row with its user's `role` and `enabled`.
fn active_session_of(user_id: UserId, row: &AnyRow) -> Result<ActiveSession, sqlx::Error> {
    Ok(ActiveSession {
        user_id,
        role: Role::parse(row.try_get::<String, _>("role")?.as_str())
            .map_err(|e| undecodable("role", e))?,
        enabled: flag(row.try_get("enabled")?),
        pending: PendingActions::of(&super::admin::decode_actions(
            &row.try_get::<String, _>("required_actions")?,
        )),
    })
}

/// Revokes every live session of `user_id` in `tx` (the caller announces the user after
/// its commit); returns how many.
pub(super) async fn revoke_all(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    user_id: UserId,
    reason: RevokeReason,
    now: i64,
) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(
        "UPDATE sessions SET revoked_at = $2, revoked_reason = $3 \
         WHERE user_id = $1 AND revoked_at IS NULL",
    )
    .bind(user_id.to_string())
    .bind(now)
    .bind(reason.as_str())
    .execute(&mut **tx)
    .await?
    .rows_affected())
}
