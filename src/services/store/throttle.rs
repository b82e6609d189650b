//! The `auth_throttle` table: counters of failed logins and of registrations.

use sqlx::Row;

use super::Store;

/// A counter as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counter {
    /// Events counted since `first_at`.
    pub events: i64,
    /// Start of the count (epoch ms).
    pub first_at: i64,
    /// Last event (epoch ms).
    pub last_at: i64,
}

/// When a counter starts again from 1.
#[derive(Debug, Clone, Copy)]
pub enum Restart {
    /// When its last event is at or before this time (a quiet period ended it).
    QuietSince(i64),
    /// When its first event is at or before this time (a fixed window ended).
    WindowStartedBy(i64),
}

impl Store {
    /// Counts one event for `key` at `now` and returns the counter after it, restarted per
    /// `restart`. One atomic upsert: concurrent events are all counted.
    pub async fn count_event(
        &self,
        key: &str,
        now: i64,
        restart: Restart,
    ) -> Result<Counter, sqlx::Error> {
        let (column, before) = match restart {
            Restart::QuietSince(before) => ("last_at", before),
            Restart::WindowStartedBy(before) => ("first_at", before),
        };
        let sql = format!(
            "INSERT INTO auth_throttle (key, events, first_at, last_at) VALUES ($1, 1, $2, $2) \
             ON CONFLICT (key) DO UPDATE SET \
               events = CASE WHEN auth_throttle.{column} <= $3 THEN 1 \
                             ELSE auth_throttle.events + 1 END, \
               first_at = CASE WHEN auth_throttle.{column} <= $3 THEN $2 \
                               ELSE auth_throttle.first_at END, \
               last_at = $2 \
             RETURNING events, first_at, last_at"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(key)
            .bind(now)
            .bind(before)
            .fetch_one(self.pool())
            .await?;
        Ok(Counter {
            events: row.try_get("events")?,
            first_at: row.try_get("first_at")?,
            last_at: row.try_get("last_at")?,
        })
    }

    /// The live counters among `keys` (last event after `restart_before`), in one query.
    pub async fn counters(
        &self,
        keys: &[String],
        restart_before: i64,
    ) -> Result<Vec<(String, Counter)>, sqlx::Error> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        // `$1` is the cut-off; the keys follow. Only placeholders are spliced in.
        let placeholders = super::placeholders(2, keys.len());
        let sql = format!(
            "SELECT key, events, first_at, last_at FROM auth_throttle \
             WHERE last_at > $1 AND key IN ({placeholders})"
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(restart_before);
        for key in keys {
            query = query.bind(key.clone());
        }
        query
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|row| {
                Ok((
                    row.try_get("key")?,
                    Counter {
                        events: row.try_get("events")?,
                        first_at: row.try_get("first_at")?,
                        last_at: row.try_get("last_at")?,
                    },
                ))
            })
            .collect()
    }

    /// Forgets the counters of `keys` (a successful login clears its account's failures).
    pub async fn forget_counters(&self, keys: &[String]) -> Result<(), sqlx::Error> {
        for key in keys {
            sqlx::query("DELETE FROM auth_throttle WHERE key = $1")
                .bind(key)
                .execute(self.pool())
                .await?;
        }
        Ok(())
    }
}
