//! The `notifications` table: the inbox, its pages and counts, marking read, retention.
//!
//! Notifications are written by the store itself, inside the transaction of the event that
//! causes them (a follow, a registration with a referral, a recorded fetch outcome), so an
//! event notifies exactly once: a retried refresh writes nothing new and so notifies
//! nothing, and a re-follow is deduplicated by `dedupe_key`.

use sqlx::{Any, AssertSqlSafe, Row, Transaction};
use uuid::Uuid;

use super::{Store, decode_id};
use crate::domain::{
    UserId,
    page::{Page, PageRequest, Position},
};

/// What a notification is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NotificationKind {
    /// Someone followed the recipient.
    NewFollower,
    /// Someone registered with the recipient's referral.
    ReferralJoined,
    /// A fetched rating or badge of the recipient changed.
    RatingChanged,
    /// A platform says the recipient's linked handle does not exist.
    HandleNotFound,
}

impl NotificationKind {
    /// Every kind.
    pub const ALL: [NotificationKind; 4] = [
        Self::NewFollower,
        Self::ReferralJoined,
        Self::RatingChanged,
        Self::HandleNotFound,
    ];

    /// The stored (and wire) name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NewFollower => "new_follower",
            Self::ReferralJoined => "referral_joined",
            Self::RatingChanged => "rating_changed",
            Self::HandleNotFound => "handle_not_found",
        }
    }

    /// The kind named `name`.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == name)
    }
}

/// A notification to write.
#[derive(Debug, Clone)]
pub struct NewNotification {
    /// Recipient.
    pub user_id: UserId,
    /// Kind.
    pub kind: NotificationKind,
    /// Who caused it.
    pub actor_id: Option<UserId>,
    /// Kind-specific details.
    pub data: serde_json::Value,
    /// Set for events that must not notify twice (unique per recipient).
    pub dedupe_key: Option<String>,
}

/// The user who caused a notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// Username.
    pub username: String,
    /// Display name.
    pub name: Option<String>,
    /// Avatar.
    pub picture_url: Option<String>,
}

/// A stored notification.
#[derive(Debug, Clone, PartialEq)]
pub struct Notification {
    /// Id.
    pub id: Uuid,
    /// Kind.
    pub kind: NotificationKind,
    /// Who caused it, if they still exist.
    pub actor: Option<Actor>,
    /// Kind-specific details.
    pub data: serde_json::Value,
    /// When, epoch ms.
    pub created_at: i64,
    /// When the recipient read it, epoch ms.
    pub read_at: Option<i64>,
}

/// Which notifications of a user a list or count covers.
#[derive(Debug, Clone, Default)]
pub struct InboxFilter {
    /// Only unread ones.
    pub unread_only: bool,
    /// Only these kinds (all when empty).
    pub kinds: Vec<NotificationKind>,
}

impl InboxFilter {
    /// The SQL condition, with the recipient at `$1` and the kinds at `$2…`; the next free
    /// placeholder number is returned with it. (Placeholders are numbered in the order they
    /// appear, and bound in that order.)
    fn condition(&self) -> (String, usize) {
        let first = 2;
        let mut condition = "notifications.user_id = $1".to_string();
        if self.unread_only {
            condition.push_str(" AND notifications.read_at IS NULL");
        }
        if !self.kinds.is_empty() {
            condition.push_str(&format!(
                " AND notifications.type IN ({})",
                super::placeholders(first, self.kinds.len())
            ));
        }
        (condition, first + self.kinds.len())
    }

    /// Binds what [`condition`](Self::condition) placed: the recipient, then the kinds.
    fn bind<'q>(
        &self,
        query: sqlx::query::Query<'q, Any, sqlx::any::AnyArguments>,
        user: UserId,
    ) -> sqlx::query::Query<'q, Any, sqlx::any::AnyArguments> {
        let mut query = query.bind(user.to_string());
        for kind in &self.kinds {
            query = query.bind(kind.as_str());
        }
        query
    }
}

const NOTIFICATION_COLUMNS: &str = "notifications.id, notifications.type, notifications.data, \
    notifications.created_at, notifications.read_at, users.username AS actor_username, \
    users.name AS actor_name, users.picture_url AS actor_picture_url";

fn decode(row: &sqlx::any::AnyRow) -> Result<Notification, sqlx::Error> {
    let id: String = row.try_get("id")?;
    let kind: String = row.try_get("type")?;
    let data: String = row.try_get("data")?;
    let username: Option<String> = row.try_get("actor_username")?;
    Ok(Notification {
        id: decode_id("id", &id)?,
        kind: NotificationKind::parse(&kind)
            .ok_or_else(|| super::undecodable("type", format!("unknown `{kind}`")))?,
        actor: match username {
            Some(username) => Some(Actor {
                username,
                name: row.try_get("actor_name")?,
                picture_url: row.try_get("actor_picture_url")?,
            }),
            None => None,
        },
        data: serde_json::from_str(&data).map_err(|e| super::undecodable("data", e))?,
        created_at: row.try_get("created_at")?,
        read_at: row.try_get("read_at")?,
    })
}

/// Writes `notifications` in `tx` (an event's own transaction); deduplicated ones are
/// skipped.
pub(super) async fn insert_notifications(
    tx: &mut Transaction<'static, Any>,
    notifications: &[NewNotification],
    now: i64,
) -> Result<(), sqlx::Error> {
    for notification in notifications {
        sqlx::query(
            "INSERT INTO notifications (id, user_id, type, actor_id, data, dedupe_key, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (user_id, dedupe_key) DO NOTHING",
        )
        .bind(Uuid::new_v4().to_string())
        .bind(notification.user_id.to_string())
        .bind(notification.kind.as_str())
        .bind(notification.actor_id.map(|id| id.to_string()))
        .bind(notification.data.to_string())
        .bind(notification.dedupe_key.clone())
        .bind(now)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

impl Store {
    /// A keyset page of `user`'s notifications, newest first.
    pub async fn notifications_page(
        &self,
        user: UserId,
        filter: &InboxFilter,
        page: &PageRequest,
    ) -> Result<Page<Notification>, sqlx::Error> {
        let (condition, n) = filter.condition();
        let after = super::after_row(
            &["notifications.created_at", "notifications.id"],
            page.after.is_some(),
            n,
        );
        let limit = if page.after.is_some() { n + 2 } else { n };
        let sql = format!(
            "SELECT {NOTIFICATION_COLUMNS} FROM notifications \
             LEFT JOIN users ON users.id = notifications.actor_id \
             WHERE {condition}{after} \
             ORDER BY notifications.created_at DESC, notifications.id DESC LIMIT ${limit}"
        );
        let mut query = filter.bind(sqlx::query(AssertSqlSafe(sql)), user);
        if let Some(position) = page.after.clone() {
            query = query.bind(position.at).bind(position.id);
        }
        let rows = query
            .bind(page.rows_to_read())
            .fetch_all(self.pool())
            .await?;
        let items = rows.iter().map(decode).collect::<Result<Vec<_>, _>>()?;
        Ok(page.page(items, |n| Position {
            at: n.created_at,
            id: n.id.to_string(),
        }))
    }

    /// `limit` of `user`'s notifications after skipping `offset`, newest first (for
    /// clients that page by number; an inbox holds at most the retention cap).
    pub async fn notifications_at_offset(
        &self,
        user: UserId,
        filter: &InboxFilter,
        offset: i64,
        limit: i64,
    ) -> Result<Vec<Notification>, sqlx::Error> {
        let (condition, n) = filter.condition();
        let sql = format!(
            "SELECT {NOTIFICATION_COLUMNS} FROM notifications \
             LEFT JOIN users ON users.id = notifications.actor_id WHERE {condition} \
             ORDER BY notifications.created_at DESC, notifications.id DESC \
             LIMIT ${n} OFFSET ${}",
            n + 1
        );
        let rows = filter
            .bind(sqlx::query(AssertSqlSafe(sql)), user)
            .bind(limit)
            .bind(offset)
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(decode).collect()
    }

    /// How many of `user`'s notifications match `filter`, counting at most `cap + 1`.
    pub async fn count_notifications(
        &self,
        user: UserId,
        filter: &InboxFilter,
        cap: i64,
    ) -> Result<i64, sqlx::Error> {
        let (condition, n) = filter.condition();
        let sql = format!(
            "SELECT COUNT(*) AS n FROM (SELECT 1 FROM notifications WHERE {condition} \
             LIMIT ${n}) capped"
        );
        filter
            .bind(sqlx::query(AssertSqlSafe(sql)), user)
            .bind(cap + 1)
            .fetch_one(self.pool())
            .await?
            .try_get("n")
    }

    /// Marks those of `ids` that are `user`'s as read; returns the ids that are theirs
    /// (already read ones included: marking is idempotent).
    pub async fn mark_notifications_read(
        &self,
        user: UserId,
        ids: &[Uuid],
        now: i64,
    ) -> Result<Vec<Uuid>, sqlx::Error> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut tx = self.begin_write().await?;
        let sql = format!(
            "UPDATE notifications SET read_at = COALESCE(read_at, $1) \
             WHERE user_id = $2 AND id IN ({}) RETURNING id",
            super::placeholders(3, ids.len())
        );
        let mut query = sqlx::query(AssertSqlSafe(sql))
            .bind(now)
            .bind(user.to_string());
        for id in ids {
            query = query.bind(id.to_string());
        }
        let found = query
            .fetch_all(&mut *tx)
            .await?
            .iter()
            .map(|row| decode_id("id", &row.try_get::<String, _>("id")?))
            .collect::<Result<Vec<_>, _>>()?;
        // The owner's unread count is cached.
        self.commit_announcing(tx, &[user]).await?;
        Ok(found)
    }

    /// Marks every unread notification of `user` up to and including `up_to` (all when
    /// `None`) as read. `None` when `up_to` is not one of theirs.
    pub async fn mark_notifications_read_up_to(
        &self,
        user: UserId,
        up_to: Option<Uuid>,
        now: i64,
    ) -> Result<Option<u64>, sqlx::Error> {
        let mut tx = self.begin_write().await?;
        let bound = match up_to {
            None => None,
            Some(id) => {
                let row = sqlx::query(
                    "SELECT created_at FROM notifications WHERE user_id = $1 AND id = $2",
                )
                .bind(user.to_string())
                .bind(id.to_string())
                .fetch_optional(&mut *tx)
                .await?;
                match row {
                    None => return Ok(None),
                    Some(row) => Some((row.try_get::<i64, _>("created_at")?, id.to_string())),
                }
            }
        };
        let (at, id) = bound.unwrap_or((i64::MAX, String::new()));
        let marked = sqlx::query(
            "UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL \
             AND ($3 = 0 OR created_at < $4 OR (created_at = $4 AND id <= $5))",
        )
        .bind(now)
        .bind(user.to_string())
        .bind(i64::from(up_to.is_some()))
        .bind(at)
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        // The owner's unread count is cached.
        self.commit_announcing(tx, &[user]).await?;
        Ok(Some(marked))
    }

    /// Deletes one of `user`'s notifications; whether it was theirs.
    pub async fn delete_notification(&self, user: UserId, id: Uuid) -> Result<bool, sqlx::Error> {
        let mut tx = self.begin_write().await?;
        let deleted = sqlx::query("DELETE FROM notifications WHERE user_id = $1 AND id = $2")
            .bind(user.to_string())
            .bind(id.to_string())
            .execute(&mut *tx)
            .await?
            .rows_affected();
        // The owner's unread count is cached.
        self.commit_announcing(tx, &[user]).await?;
        Ok(deleted > 0)
    }

    /// Retention: drops read notifications created before `read_before` and, per user,
    /// all but the newest `keep`. Returns how many went.
    pub async fn prune_notifications(
        &self,
        keep: i64,
        read_before: i64,
    ) -> Result<u64, sqlx::Error> {
        let mut tx = self.begin_write().await?;
        // Read notifications only: no unread count changes.
        let old =
            sqlx::query("DELETE FROM notifications WHERE read_at IS NOT NULL AND created_at < $1")
                .bind(read_before)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        // Over the cap, unread ones may go too: their owners' counts change.
        let over: Vec<String> = sqlx::query_scalar(
            "SELECT user_id FROM notifications GROUP BY user_id HAVING COUNT(*) > $1",
        )
        .bind(keep)
        .fetch_all(&mut *tx)
        .await?;
        let over = over
            .iter()
            .map(|id| decode_id("user_id", id))
            .collect::<Result<Vec<_>, _>>()?;
        let excess = sqlx::query(
            "DELETE FROM notifications WHERE id IN (SELECT id FROM ( \
                SELECT id, ROW_NUMBER() OVER (PARTITION BY user_id \
                    ORDER BY created_at DESC, id DESC) AS position \
                FROM notifications) ranked WHERE position > $1)",
        )
        .bind(keep)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        self.commit_announcing(tx, &over).await?;
        Ok(old + excess)
    }
}
