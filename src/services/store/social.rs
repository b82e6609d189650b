//! The `follows` table, and the follow counts on `users` that change with it.
//!
//! A follow and its two count changes are one transaction, and the insert or delete decides
//! whether the counts move (`ON CONFLICT DO NOTHING`, rows affected), so concurrent follows
//! and unfollows of the same pair keep the counts exact on both engines.

use sqlx::{Any, AssertSqlSafe, Row, Transaction};

use super::{Store, decode_id};
use crate::domain::{
    UserId,
    page::{Page, PageRequest, Position},
};

/// One row of a followers or following list: the other user, and since when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowEntry {
    /// The other user's id.
    pub user_id: UserId,
    /// Their username.
    pub username: String,
    /// Their display name.
    pub name: Option<String>,
    /// Their avatar.
    pub picture_url: Option<String>,
    /// When the follow began, epoch ms.
    pub followed_at: i64,
}

impl FollowEntry {
    /// The other user as listings show them.
    pub fn summary(&self) -> super::users::UserSummary {
        super::users::UserSummary {
            username: self.username.clone(),
            name: self.name.clone(),
            picture_url: self.picture_url.clone(),
        }
    }
}

/// Which side of the follows of a user to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Who follows the user.
    Followers,
    /// Whom the user follows.
    Following,
}

impl Store {
    /// Makes `follower` follow `followee`. Returns whether the follow is new (following
    /// twice is one follow, and moves no count).
    pub async fn follow(
        &self,
        follower: UserId,
        followee: UserId,
        now: i64,
    ) -> Result<bool, sqlx::Error> {
        let mut tx = self.begin_write().await?;
        let inserted = sqlx::query(
            "INSERT INTO follows (follower_id, followee_id, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (follower_id, followee_id) DO NOTHING",
        )
        .bind(follower.to_string())
        .bind(followee.to_string())
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if inserted {
            move_counts(&mut tx, follower, followee, 1).await?;
            // A re-follow does not notify again (the key is unique per recipient).
            let username: String = sqlx::query_scalar("SELECT username FROM users WHERE id = $1")
                .bind(follower.to_string())
                .fetch_one(&mut *tx)
                .await?;
            super::notifications::insert_notifications(
                &mut tx,
                &[super::notifications::NewNotification {
                    user_id: followee,
                    kind: super::notifications::NotificationKind::NewFollower,
                    actor_id: Some(follower),
                    data: serde_json::json!({ "username": username }),
                    dedupe_key: Some(format!("follower:{follower}")),
                }],
                now,
            )
            .await?;
        }
        let changed = if inserted {
            vec![follower, followee]
        } else {
            vec![]
        };
        self.commit_announcing(tx, &changed).await?;
        Ok(inserted)
    }

    /// Ends `follower`'s follow of `followee`. Returns whether there was one.
    pub async fn unfollow(&self, follower: UserId, followee: UserId) -> Result<bool, sqlx::Error> {
        let mut tx = self.begin_write().await?;
        let deleted =
            sqlx::query("DELETE FROM follows WHERE follower_id = $1 AND followee_id = $2")
                .bind(follower.to_string())
                .bind(followee.to_string())
                .execute(&mut *tx)
                .await?
                .rows_affected()
                == 1;
        if deleted {
            move_counts(&mut tx, follower, followee, -1).await?;
        }
        let changed = if deleted {
            vec![follower, followee]
        } else {
            vec![]
        };
        self.commit_announcing(tx, &changed).await?;
        Ok(deleted)
    }

    /// A page of `user`'s followers or followees, newest follow first (keyset on the
    /// follow's time and the other user's id, both in the index).
    pub async fn follows_page(
        &self,
        user: UserId,
        side: Side,
        page: &PageRequest,
    ) -> Result<Page<FollowEntry>, sqlx::Error> {
        let (mine, theirs) = match side {
            Side::Followers => ("followee_id", "follower_id"),
            Side::Following => ("follower_id", "followee_id"),
        };
        let tie_breaker = format!("follows.{theirs}");
        let after = super::after_row(
            &["follows.created_at", &tie_breaker],
            page.after.is_some(),
            2,
        );
        let limit = if page.after.is_some() { 4 } else { 2 };
        let sql = format!(
            "SELECT users.id, users.username, users.name, users.picture_url, \
                    follows.created_at AS followed_at \
             FROM follows JOIN users ON users.id = follows.{theirs} \
             WHERE follows.{mine} = $1{after} \
             ORDER BY follows.created_at DESC, follows.{theirs} DESC LIMIT ${limit}"
        );
        let mut query = sqlx::query(AssertSqlSafe(sql)).bind(user.to_string());
        if let Some(position) = page.after.clone() {
            query = query.bind(position.at).bind(position.id);
        }
        let rows = query
            .bind(page.rows_to_read())
            .fetch_all(self.pool())
            .await?;
        let entries = rows
            .iter()
            .map(|row| {
                Ok(FollowEntry {
                    user_id: decode_id("id", &row.try_get::<String, _>("id")?)?,
                    username: row.try_get("username")?,
                    name: row.try_get("name")?,
                    picture_url: row.try_get("picture_url")?,
                    followed_at: row.try_get("followed_at")?,
                })
            })
            .collect::<Result<Vec<_>, sqlx::Error>>()?;
        Ok(page.page(entries, |entry| Position {
            at: entry.followed_at,
            id: entry.user_id.to_string(),
        }))
    }

    /// The ids and stored usernames of the accounts named in `usernames` (compared
    /// case-insensitively), in the order asked, each once.
    pub async fn users_by_usernames(
        &self,
        usernames: &[String],
    ) -> Result<Vec<(UserId, String)>, sqlx::Error> {
        if usernames.is_empty() {
            return Ok(Vec::new());
        }
        let lowered = (1..=usernames.len())
            .map(|n| format!("lower(${n})"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!("SELECT id, username FROM users WHERE lower(username) IN ({lowered})");
        let mut query = sqlx::query(AssertSqlSafe(sql));
        for name in usernames {
            query = query.bind(name.clone());
        }
        let mut found = query
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|row| {
                Ok((
                    decode_id("id", &row.try_get::<String, _>("id")?)?,
                    row.try_get::<String, _>("username")?,
                ))
            })
            .collect::<Result<Vec<_>, sqlx::Error>>()?;
        let order = |name: &str| {
            usernames
                .iter()
                .position(|asked| asked.eq_ignore_ascii_case(name))
                .unwrap_or(usize::MAX)
        };
        found.sort_by_key(|(_, name)| order(name));
        Ok(found)
    }

    /// Of `others`, those `user` follows and those who follow `user`.
    pub async fn relationships(
        &self,
        user: UserId,
        others: &[UserId],
    ) -> Result<(Vec<UserId>, Vec<UserId>), sqlx::Error> {
        if others.is_empty() {
            return Ok((Vec::new(), Vec::new()));
        }
        let placeholders = super::placeholders(2, others.len());
        let mut sides = Vec::with_capacity(2);
        for (mine, theirs) in [
            ("follower_id", "followee_id"),
            ("followee_id", "follower_id"),
        ] {
            let sql = format!(
                "SELECT {theirs} AS other FROM follows \
                 WHERE {mine} = $1 AND {theirs} IN ({placeholders})"
            );
            let mut query = sqlx::query(AssertSqlSafe(sql)).bind(user.to_string());
            for other in others {
                query = query.bind(other.to_string());
            }
            let ids = query
                .fetch_all(self.pool())
                .await?
                .iter()
                .map(|row| decode_id("other", &row.try_get::<String, _>("other")?))
                .collect::<Result<Vec<_>, sqlx::Error>>()?;
            sides.push(ids);
        }
        let followed_by = sides.pop().unwrap_or_default();
        let following = sides.pop().unwrap_or_default();
        Ok((following, followed_by))
    }
}

/// Moves both counts of one follow by `delta`.
async fn move_counts(
    tx: &mut Transaction<'static, Any>,
    follower: UserId,
    followee: UserId,
    delta: i64,
) -> Result<(), sqlx::Error> {
    for (column, id) in [("following_count", follower), ("followers_count", followee)] {
        let sql = format!("UPDATE users SET {column} = {column} + $2 WHERE id = $1");
        sqlx::query(AssertSqlSafe(sql))
            .bind(id.to_string())
            .bind(delta)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Removes every follow to and from `user` (about to be deleted) and corrects the counts
/// of the users on their other ends; returns those users.
pub(super) async fn drop_follows_of(
    tx: &mut Transaction<'static, Any>,
    user: UserId,
) -> Result<Vec<UserId>, sqlx::Error> {
    let id = user.to_string();
    let touched = sqlx::query(
        "SELECT followee_id AS other FROM follows WHERE follower_id = $1 \
         UNION SELECT follower_id AS other FROM follows WHERE followee_id = $1",
    )
    .bind(&id)
    .fetch_all(&mut **tx)
    .await?
    .iter()
    .map(|row| decode_id("other", &row.try_get::<String, _>("other")?))
    .collect::<Result<Vec<_>, sqlx::Error>>()?;
    for sql in [
        "UPDATE users SET followers_count = followers_count - 1 \
         WHERE id IN (SELECT followee_id FROM follows WHERE follower_id = $1)",
        "UPDATE users SET following_count = following_count - 1 \
         WHERE id IN (SELECT follower_id FROM follows WHERE followee_id = $1)",
        "DELETE FROM follows WHERE follower_id = $1 OR followee_id = $1",
    ] {
        sqlx::query(sql).bind(&id).execute(&mut **tx).await?;
    }
    Ok(touched)
}
