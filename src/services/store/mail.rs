//! Single-use account codes (password resets, email verifications) and the mail outbox.
//!
//! A code is issued together with its mail in one transaction, and redeemed together with
//! what it does (a new password, a verified address) in another: a code can never be
//! used twice, half-used, or mailed without existing. Only a hash of a code's secret is
//! stored; the outbox holds the mail (which carries the code) until it is sent, then
//! empties its body.

use sqlx::{AssertSqlSafe, Row};
use uuid::Uuid;

use super::{
    Backend, Store,
    admin::{complete_action, forget_login_failures},
    decode_id,
    sessions::{RevokeReason, revoke_all},
};
use crate::domain::{UserId, admin::RequiredAction};

/// What a code is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodePurpose {
    /// Choosing a new password without the old one.
    PasswordReset,
    /// Proving the account's email address.
    EmailVerification,
}

impl CodePurpose {
    fn as_str(self) -> &'static str {
        match self {
            Self::PasswordReset => "password_reset",
            Self::EmailVerification => "email_verification",
        }
    }
}

/// A code to issue: for whom, what, and until when.
#[derive(Debug, Clone)]
pub struct NewCode<'a> {
    /// The code's public half (its row id).
    pub id: &'a str,
    /// SHA-256 (hex) of its secret half.
    pub secret_hash: &'a str,
    /// Whose.
    pub user_id: UserId,
    /// What for.
    pub purpose: CodePurpose,
    /// The address it is mailed to.
    pub email: &'a str,
    /// Expiry (epoch ms).
    pub expires_at: i64,
}

/// A mail to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    /// Outbox row id.
    pub id: String,
    /// Recipient.
    pub to: String,
    /// Subject line.
    pub subject: String,
    /// Plain-text body.
    pub body: String,
    /// Sending attempts so far.
    pub attempts: i64,
}

/// What presenting a code came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Redeemed {
    /// The code was good and is now used; what it does is done.
    Done(UserId),
    /// No such code, or used, cancelled, expired, worn out by wrong attempts, or the wrong
    /// secret (which counts an attempt). Deliberately one answer.
    Refused,
}

/// A code opened for redeeming: the transaction that will use it, its owner and the
/// address it was sent to.
enum Opened {
    Good(sqlx::Transaction<'static, sqlx::Any>, UserId, String),
    Refused,
}

impl Store {
    /// Issues `code` (cancelling the user's older codes of its purpose) and queues its
    /// `mail`, in one transaction. Without a code (no account has the address), the same
    /// statements run but the cancellation matches nothing and no code is inserted, so an
    /// address with an account costs the same as one without.
    pub async fn issue_code(
        &self,
        code: Option<&NewCode<'_>>,
        purpose: CodePurpose,
        mail: (&str, &str, &str),
        now: i64,
    ) -> Result<(), sqlx::Error> {
        let mut tx = self.begin_write().await?;
        let owner = code.map_or_else(|| Uuid::new_v4().to_string(), |c| c.user_id.to_string());
        sqlx::query(
            "UPDATE account_codes SET cancelled_at = $3 WHERE user_id = $1 AND purpose = $2 \
             AND used_at IS NULL AND cancelled_at IS NULL",
        )
        .bind(owner)
        .bind(purpose.as_str())
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if let Some(code) = code {
            insert_code(&mut tx, code, now).await?;
        }
        queue(&mut tx, mail, now).await?;
        tx.commit().await
    }

    /// The id and address of the account whose email is `email` (any case).
    pub async fn account_with_email(
        &self,
        email: &str,
    ) -> Result<Option<(UserId, String, String)>, sqlx::Error> {
        let row =
            sqlx::query("SELECT id, username, email FROM users WHERE lower(email) = lower($1)")
                .bind(email)
                .fetch_optional(self.pool())
                .await?;
        row.map(|row| {
            Ok((
                decode_id("id", &row.try_get::<String, _>("id")?)?,
                row.try_get("username")?,
                row.try_get("email")?,
            ))
        })
        .transpose()
    }

    /// When the user's latest code of `purpose` was issued (epoch ms).
    pub async fn last_code_at(
        &self,
        user_id: UserId,
        purpose: CodePurpose,
    ) -> Result<Option<i64>, sqlx::Error> {
        sqlx::query_scalar(
            "SELECT MAX(created_at) FROM account_codes WHERE user_id = $1 AND purpose = $2",
        )
        .bind(user_id.to_string())
        .bind(purpose.as_str())
        .fetch_one(self.pool())
        .await
    }

    /// Whether the code `id` of `purpose` could still be redeemed with `secret_hash`;
    /// a wrong secret counts an attempt. (Checked before an expensive password hash;
    /// [`Store::reset_password`] checks again as it redeems.)
    pub async fn check_code(
        &self,
        id: &str,
        purpose: CodePurpose,
        secret_hash: &str,
        max_attempts: i64,
        now: i64,
    ) -> Result<bool, sqlx::Error> {
        Ok(
            match self
                .open_code(id, purpose, secret_hash, max_attempts, now)
                .await?
            {
                Opened::Good(tx, ..) => {
                    tx.commit().await?;
                    true
                }
                Opened::Refused => false,
            },
        )
    }

    /// Redeems a password-reset code: the new password hash, every session ended,
    /// `UPDATE_PASSWORD` done, the account's login failures forgotten.
    pub async fn reset_password(
        &self,
        id: &str,
        secret_hash: &str,
        password_hash: &str,
        max_attempts: i64,
        now: i64,
    ) -> Result<Redeemed, sqlx::Error> {
        let opened = self
            .open_code(
                id,
                CodePurpose::PasswordReset,
                secret_hash,
                max_attempts,
                now,
            )
            .await?;
        let Opened::Good(mut tx, user, email) = opened else {
            return Ok(Redeemed::Refused);
        };
        // Only while the code's address is still the account's: whoever reads a mailbox
        // the account has left cannot take the account back.
        let changed = sqlx::query(
            "UPDATE users SET password_hash = $2, updated_at = $3 \
             WHERE id = $1 AND lower(email) = lower($4)",
        )
        .bind(user.to_string())
        .bind(password_hash)
        .bind(now)
        .bind(&email)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed == 0 {
            tx.commit().await?;
            return Ok(Redeemed::Refused);
        }
        use_code(&mut tx, id, now).await?;
        cancel_codes(&mut tx, user, now).await?;
        revoke_all(&mut tx, user, RevokeReason::PasswordReset, now).await?;
        complete_action(&mut tx, user, RequiredAction::UpdatePassword).await?;
        forget_login_failures(&mut tx, user).await?;
        self.commit_announcing(tx, &[user]).await?;
        Ok(Redeemed::Done(user))
    }

    /// Redeems an email-verification code: the address it was sent to is verified if it
    /// is still the account's; `VERIFY_EMAIL` done.
    pub async fn verify_email(
        &self,
        id: &str,
        secret_hash: &str,
        max_attempts: i64,
        now: i64,
    ) -> Result<Redeemed, sqlx::Error> {
        let opened = self
            .open_code(
                id,
                CodePurpose::EmailVerification,
                secret_hash,
                max_attempts,
                now,
            )
            .await?;
        let Opened::Good(mut tx, user, email) = opened else {
            return Ok(Redeemed::Refused);
        };
        let verified = sqlx::query(
            "UPDATE users SET email_verified = 1 WHERE id = $1 AND lower(email) = lower($2)",
        )
        .bind(user.to_string())
        .bind(&email)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if verified == 0 {
            // The account's address changed since: this code proves nothing about it.
            tx.commit().await?;
            return Ok(Redeemed::Refused);
        }
        use_code(&mut tx, id, now).await?;
        complete_action(&mut tx, user, RequiredAction::VerifyEmail).await?;
        self.commit_announcing(tx, &[user]).await?;
        Ok(Redeemed::Done(user))
    }

    /// Opens a write transaction on the code `id` of `purpose` if it can be redeemed with
    /// `secret_hash` now; otherwise records a wrong secret's attempt and answers
    /// [`Opened::Refused`].
    async fn open_code(
        &self,
        id: &str,
        purpose: CodePurpose,
        secret_hash: &str,
        max_attempts: i64,
        now: i64,
    ) -> Result<Opened, sqlx::Error> {
        let mut tx = self.begin_write().await?;
        let found = redeemable(
            &mut tx,
            self.backend(),
            id,
            purpose,
            secret_hash,
            max_attempts,
            now,
        )
        .await?;
        Ok(match found {
            Some((user, email)) => Opened::Good(tx, user, email),
            None => {
                tx.commit().await?;
                Opened::Refused
            }
        })
    }

    /// Claims up to `limit` mails due at `now` for `owner` until `lease_until`.
    pub async fn claim_mail(
        &self,
        owner: &str,
        now: i64,
        lease_until: i64,
        limit: i64,
    ) -> Result<Vec<Mail>, sqlx::Error> {
        let skip_locked = match self.backend() {
            Backend::Postgres => "FOR UPDATE SKIP LOCKED",
            Backend::Sqlite => "",
        };
        let sql = format!(
            "UPDATE mail_outbox SET lease_owner = $1, lease_expires_at = $3 \
             WHERE id IN (SELECT id FROM mail_outbox WHERE sent_at IS NULL \
               AND next_attempt_at <= $2 AND (lease_expires_at IS NULL OR lease_expires_at <= $2) \
               ORDER BY next_attempt_at, id LIMIT $4 {skip_locked}) \
             RETURNING id, to_address, subject, body, attempts"
        );
        sqlx::query(AssertSqlSafe(sql))
            .bind(owner)
            .bind(now)
            .bind(lease_until)
            .bind(limit)
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|row| {
                Ok(Mail {
                    id: row.try_get("id")?,
                    to: row.try_get("to_address")?,
                    subject: row.try_get("subject")?,
                    body: row.try_get("body")?,
                    attempts: row.try_get("attempts")?,
                })
            })
            .collect()
    }

    /// Records that `mail`, claimed by `owner`, was sent (its body, which may carry a
    /// code, is emptied).
    pub async fn mail_sent(&self, owner: &str, mail: &str, now: i64) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE mail_outbox SET sent_at = $3, body = '', attempts = attempts + 1, \
             lease_owner = NULL, lease_expires_at = NULL, last_error = NULL \
             WHERE id = $1 AND lease_owner = $2",
        )
        .bind(mail)
        .bind(owner)
        .bind(now)
        .execute(self.pool())
        .await
        .map(drop)
    }

    /// Records a failed attempt at `mail`, claimed by `owner`: due again at `retry_at`, or
    /// with `None` given up for good (its body emptied: a code in it has expired by then).
    pub async fn mail_failed(
        &self,
        owner: &str,
        mail: &str,
        error: &str,
        retry_at: Option<i64>,
    ) -> Result<(), sqlx::Error> {
        let body = if retry_at.is_some() { "body" } else { "''" };
        sqlx::query(AssertSqlSafe(format!(
            "UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = $4, body = {body}, \
             last_error = $3, lease_owner = NULL, lease_expires_at = NULL \
             WHERE id = $1 AND lease_owner = $2"
        )))
        .bind(mail)
        .bind(owner)
        .bind(error.chars().take(500).collect::<String>())
        .bind(retry_at.unwrap_or(i64::MAX))
        .execute(self.pool())
        .await
        .map(drop)
    }
}

async fn insert_code(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    code: &NewCode<'_>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO account_codes (id, user_id, purpose, secret_hash, email, created_at, \
         expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(code.id)
    .bind(code.user_id.to_string())
    .bind(code.purpose.as_str())
    .bind(code.secret_hash)
    .bind(code.email)
    .bind(now)
    .bind(code.expires_at)
    .execute(&mut **tx)
    .await
    .map(drop)
}

async fn queue(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    (to, subject, body): (&str, &str, &str),
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO mail_outbox (id, to_address, subject, body, created_at, next_attempt_at) \
         VALUES ($1, $2, $3, $4, $5, $5)",
    )
    .bind(Uuid::new_v4().to_string())
    .bind(to)
    .bind(subject)
    .bind(body)
    .bind(now)
    .execute(&mut **tx)
    .await
    .map(drop)
}

/// The owner and address of the code `id` if it can be redeemed with `secret_hash` now;
/// a wrong secret counts an attempt (in `tx`).
async fn redeemable(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    backend: Backend,
    id: &str,
    purpose: CodePurpose,
    secret_hash: &str,
    max_attempts: i64,
    now: i64,
) -> Result<Option<(UserId, String)>, sqlx::Error> {
    let lock = match backend {
        Backend::Postgres => " FOR UPDATE",
        Backend::Sqlite => "",
    };
    let row = sqlx::query(AssertSqlSafe(format!(
        "SELECT user_id, secret_hash, email, attempts FROM account_codes WHERE id = $1 \
         AND purpose = $2 AND used_at IS NULL AND cancelled_at IS NULL AND expires_at > $3{lock}"
    )))
    .bind(id)
    .bind(purpose.as_str())
    .bind(now)
    .fetch_optional(&mut **tx)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let attempts: i64 = row.try_get("attempts")?;
    if attempts >= max_attempts {
        return Ok(None);
    }
    let stored: String = row.try_get("secret_hash")?;
    if !constant_time_eq(stored.as_bytes(), secret_hash.as_bytes()) {
        sqlx::query("UPDATE account_codes SET attempts = attempts + 1 WHERE id = $1")
            .bind(id)
            .execute(&mut **tx)
            .await?;
        return Ok(None);
    }
    let user = decode_id("user_id", &row.try_get::<String, _>("user_id")?)?;
    Ok(Some((user, row.try_get("email")?)))
}

/// Cancels the unused password-reset codes of `user` (after their password changed: a
/// code mailed before must not undo it).
pub(super) async fn cancel_codes(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    user: UserId,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE account_codes SET cancelled_at = $2 WHERE user_id = $1 \
         AND purpose = 'password_reset' AND used_at IS NULL AND cancelled_at IS NULL",
    )
    .bind(user.to_string())
    .bind(now)
    .execute(&mut **tx)
    .await
    .map(drop)
}

async fn use_code(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    id: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE account_codes SET used_at = $2 WHERE id = $1")
        .bind(id)
        .bind(now)
        .execute(&mut **tx)
        .await
        .map(drop)
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
