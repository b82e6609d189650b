//! The rating tables: linked handles, contest-level rating history, refresh requests and
//! the fleet-wide request slots.
//!
//! Claiming uses a lease per handle row: `UPDATE … WHERE (user_id, platform) IN (SELECT …
//! LIMIT n [FOR UPDATE SKIP LOCKED]) RETURNING …` — one statement, so two claimers never get
//! the same row (PostgreSQL skips rows another transaction is claiming; SQLite has a single
//! writer). Every write of a fetched outcome is conditional on still holding the lease and on
//! the link generation, so a late or duplicate result can never overwrite a newer state.

use profilehub_jobs::{
    ContestResult, DueHandle, FetchOutcome, Platform, RatingSnapshot, RefreshScope,
};
use sqlx::{AssertSqlSafe, Row, any::AnyRow};

use super::{
    Backend, Store, after_row, decode_id,
    notifications::{NewNotification, NotificationKind, insert_notifications},
    undecodable, values_rows,
};
use crate::domain::{
    UserId,
    page::{Page, PageRequest, Position},
    ratings::{Link, LinkStatus},
};

pub(super) const HANDLE_COLUMNS: &str = "platform, handle, status, rating, max_rating, attended_contests, \
    badge, fetch_time, last_attempt_at, last_error, next_attempt_at, queued_at";

/// Decodes a `rating_handles` row (selected with [`HANDLE_COLUMNS`]).
pub(super) fn link(row: &AnyRow) -> Result<Link, sqlx::Error> {
    let platform: String = row.try_get("platform")?;
    let status: String = row.try_get("status")?;
    Ok(Link {
        platform: platform.parse().map_err(|e| undecodable("platform", e))?,
        handle: row.try_get("handle")?,
        status: LinkStatus::parse(&status).map_err(|e| undecodable("status", e))?,
        rating: row.try_get("rating")?,
        max_rating: row.try_get("max_rating")?,
        attended_contests: row.try_get("attended_contests")?,
        badge: row.try_get("badge")?,
        fetch_time: row.try_get("fetch_time")?,
        last_attempt_at: row.try_get("last_attempt_at")?,
        last_error: row.try_get("last_error")?,
        next_attempt_at: row.try_get("next_attempt_at")?,
        queued_at: row.try_get("queued_at")?,
    })
}

/// One rated contest of a user's history (a row of `contest_history`).
#[derive(Debug, Clone, PartialEq)]
pub struct ContestPoint {
    /// The platform's id of the contest.
    pub contest_id: String,
    /// The contest's name.
    pub contest_name: String,
    /// When the rating changed (epoch ms).
    pub happened_at: i64,
    /// The user's place in the contest.
    pub place: Option<i64>,
    /// The rating before the contest.
    pub old_rating: Option<f64>,
    /// The rating after the contest (exact).
    pub new_rating: f64,
}

/// Which contests of a history to read: those that happened in `from..=to` (epoch ms).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Window {
    /// Earliest time, inclusive.
    pub from: Option<i64>,
    /// Latest time, inclusive.
    pub to: Option<i64>,
}

/// A reserved request slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateSlot {
    /// How long after the reserving statement ran the slot starts (database clock).
    pub wait_ms: i64,
    /// The reserving statement's round trip: how uncertain "after the statement ran" is.
    pub round_trip: std::time::Duration,
}

/// The outcome of asking for an on-demand refresh.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefreshRequest {
    /// Queued this many handles.
    Queued(u64),
    /// The last request was too recent; retry after this many milliseconds.
    TooSoon(i64),
}

/// How a claim is made.
#[derive(Debug, Clone)]
pub struct Claim<'a> {
    /// Who claims (an instance id).
    pub owner: &'a str,
    /// Now (epoch ms).
    pub now: i64,
    /// The lease ends then (epoch ms).
    pub lease_until: i64,
    /// Handles fetched at or before this are stale (epoch ms).
    pub stale_before: i64,
    /// Which handles.
    pub scope: &'a RefreshScope,
    /// How many at most.
    pub limit: usize,
}

/// How a transient failure delays the next attempt.
#[derive(Debug, Clone, Copy)]
pub struct Backoff {
    /// Delay after the first failure (ms); doubles per consecutive failure.
    pub base_ms: i64,
    /// Longest delay (ms).
    pub max_ms: i64,
}

impl Backoff {
    /// Delay after `failures` consecutive failures, at least `retry_after_ms`.
    pub fn delay_ms(&self, failures: i64, retry_after_ms: i64) -> i64 {
        let exponent = u32::try_from((failures - 1).clamp(0, 30)).unwrap_or(30);
        let backoff = self
            .base_ms
            .saturating_mul(1i64 << exponent)
            .min(self.max_ms);
        backoff.max(retry_after_ms)
    }
}

/// Which handles are due, with parameters `$1` platform, `$2` now, `$3` 1 for "every
/// linked handle" (`refresh-ratings --all`: staleness and backoffs ignored), `$4` the
/// staleness cut-off, `$5` a user id or `''` for everyone and `$6` "not attempted since"
/// (epoch ms). Handles marked not found wait for their owner to change them; otherwise
/// failed ones wait out their backoff.
const DUE: &str = "platform = $1 AND status <> 'not_found' \
    AND ($3 = 1 OR next_attempt_at IS NULL OR next_attempt_at <= $2) \
    AND ($3 = 1 OR queued_at IS NOT NULL OR fetch_time IS NULL OR fetch_time <= $4) \
    AND ($5 = '' OR user_id = $5) \
    AND (last_attempt_at IS NULL OR last_attempt_at < $6)";

/// Binds the [`DUE`] parameters `$1`–`$6` of a query, in their order.
fn bind_due<'q>(
    query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    platform: Platform,
    scope: &RefreshScope,
    now: i64,
    stale_before: i64,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    query
        .bind(platform.as_str())
        .bind(now)
        .bind(i64::from(scope.ignore_staleness))
        .bind(stale_before)
        .bind(scope.user_id.clone().unwrap_or_default())
        .bind(attempted_before_ms(scope))
}

/// `RefreshScope::attempted_before` in epoch ms (far future when unset).
fn attempted_before_ms(scope: &RefreshScope) -> i64 {
    scope
        .attempted_before
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(i64::MAX, |d| {
            i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
        })
}

impl Store {
    /// Links `handle` on `platform` to the user and queues a fetch. A different handle
    /// replaces the old one and clears its values and history; the same handle (in any
    /// case) keeps what is known and is queued again.
    pub async fn link_handle(
        &self,
        user_id: UserId,
        platform: Platform,
        handle: &str,
        now: i64,
    ) -> Result<Link, sqlx::Error> {
        let mut tx = self.begin_write().await?;
        let existing: Option<String> = sqlx::query_scalar(
            "SELECT handle FROM rating_handles WHERE user_id = $1 AND platform = $2",
        )
        .bind(user_id.to_string())
        .bind(platform.as_str())
        .fetch_optional(&mut *tx)
        .await?;
        let same = existing
            .as_deref()
            .is_some_and(|old| old.eq_ignore_ascii_case(handle));
        if same {
            sqlx::query(
                "UPDATE rating_handles SET handle = $3, queued_at = $4, next_attempt_at = NULL, \
                 status = CASE WHEN status = 'not_found' THEN 'pending' ELSE status END \
                 WHERE user_id = $1 AND platform = $2",
            )
            .bind(user_id.to_string())
            .bind(platform.as_str())
            .bind(handle)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        } else {
            sqlx::query(
                "INSERT INTO rating_handles (user_id, platform, handle, status, queued_at, linked_at) \
                 VALUES ($1, $2, $3, 'pending', $4, $4) \
                 ON CONFLICT (user_id, platform) DO UPDATE SET handle = $3, status = 'pending', \
                 rating = NULL, max_rating = NULL, attended_contests = NULL, badge = NULL, \
                 fetch_time = NULL, last_attempt_at = NULL, last_error = NULL, \
                 consecutive_failures = 0, next_attempt_at = NULL, queued_at = $4, \
                 lease_owner = NULL, lease_expires_at = NULL, linked_at = $4, \
                 generation = rating_handles.generation + 1",
            )
            .bind(user_id.to_string())
            .bind(platform.as_str())
            .bind(handle)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            sqlx::query("DELETE FROM contest_history WHERE user_id = $1 AND platform = $2")
                .bind(user_id.to_string())
                .bind(platform.as_str())
                .execute(&mut *tx)
                .await?;
        }
        let sql = format!(
            "SELECT {HANDLE_COLUMNS} FROM rating_handles WHERE user_id = $1 AND platform = $2"
        );
        let row = sqlx::query(AssertSqlSafe(sql))
            .bind(user_id.to_string())
            .bind(platform.as_str())
            .fetch_one(&mut *tx)
            .await?;
        let linked = link(&row)?;
        self.sync_boards(&mut tx, &[user_id]).await?;
        self.commit_announcing(tx, &[user_id]).await?;
        Ok(linked)
    }

    /// Removes a link and its history. Returns whether there was one.
    pub async fn unlink_handle(
        &self,
        user_id: UserId,
        platform: Platform,
    ) -> Result<bool, sqlx::Error> {
        let mut tx = self.begin_write().await?;
        let removed =
            sqlx::query("DELETE FROM rating_handles WHERE user_id = $1 AND platform = $2")
                .bind(user_id.to_string())
                .bind(platform.as_str())
                .execute(&mut *tx)
                .await?
                .rows_affected();
        sqlx::query("DELETE FROM contest_history WHERE user_id = $1 AND platform = $2")
            .bind(user_id.to_string())
            .bind(platform.as_str())
            .execute(&mut *tx)
            .await?;
        self.sync_boards(&mut tx, &[user_id]).await?;
        self.commit_announcing(tx, &[user_id]).await?;
        Ok(removed > 0)
    }

    /// Every handle the user linked.
    pub async fn linked_handles(&self, user_id: UserId) -> Result<Vec<Link>, sqlx::Error> {
        let sql = format!(
            "SELECT {HANDLE_COLUMNS} FROM rating_handles WHERE user_id = $1 ORDER BY platform"
        );
        sqlx::query(AssertSqlSafe(sql))
            .bind(user_id.to_string())
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(link)
            .collect()
    }

    /// Queues every handle of the user for an immediate fetch (those marked not found
    /// wait for the user to change them), at most once per `min_interval_ms`.
    pub async fn request_refresh(
        &self,
        user_id: UserId,
        now: i64,
        min_interval_ms: i64,
    ) -> Result<RefreshRequest, sqlx::Error> {
        let mut tx = self.begin_write().await?;
        // One conditional upsert decides: of concurrent requests (on any instance) exactly
        // one finds the previous request old enough and takes the turn.
        let took_turn: Option<i64> = sqlx::query_scalar(
            "INSERT INTO rating_refresh_requests (user_id, requested_at) VALUES ($1, $2) \
             ON CONFLICT (user_id) DO UPDATE SET requested_at = $2 \
             WHERE rating_refresh_requests.requested_at <= $3 \
             RETURNING requested_at",
        )
        .bind(user_id.to_string())
        .bind(now)
        .bind(now.saturating_sub(min_interval_ms))
        .fetch_optional(&mut *tx)
        .await?;
        if took_turn.is_none() {
            let previous: i64 = sqlx::query_scalar(
                "SELECT requested_at FROM rating_refresh_requests WHERE user_id = $1",
            )
            .bind(user_id.to_string())
            .fetch_one(&mut *tx)
            .await?;
            return Ok(RefreshRequest::TooSoon(
                (previous + min_interval_ms - now).max(1),
            ));
        }
        let queued = sqlx::query(
            "UPDATE rating_handles SET queued_at = $2, next_attempt_at = NULL \
             WHERE user_id = $1 AND status <> 'not_found'",
        )
        .bind(user_id.to_string())
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        tx.commit().await?;
        Ok(RefreshRequest::Queued(queued))
    }

    /// A page of the user's contests on `platform` within `window`, newest first (by time,
    /// then contest id).
    pub async fn contest_history_page(
        &self,
        user_id: UserId,
        platform: Platform,
        window: Window,
        request: &PageRequest,
    ) -> Result<Page<ContestPoint>, sqlx::Error> {
        let rows = self
            .contests(
                user_id,
                platform,
                window,
                request.after.as_ref(),
                request.rows_to_read(),
            )
            .await?;
        Ok(request.page(rows, |point| Position {
            at: point.happened_at,
            id: point.contest_id.clone(),
        }))
    }

    /// The user's latest `count` contests on `platform`, newest first.
    pub async fn latest_contests(
        &self,
        user_id: UserId,
        platform: Platform,
        count: i64,
    ) -> Result<Vec<ContestPoint>, sqlx::Error> {
        self.contests(user_id, platform, Window::default(), None, count)
            .await
    }

    async fn contests(
        &self,
        user_id: UserId,
        platform: Platform,
        window: Window,
        after: Option<&Position>,
        count: i64,
    ) -> Result<Vec<ContestPoint>, sqlx::Error> {
        // $1 user, $2 platform, $3 from, $4 to, $5 count, then the keyset's $6, $7.
        let sql = format!(
            "SELECT contest_id, contest_name, happened_at, place, old_rating, new_rating \
             FROM contest_history WHERE user_id = $1 AND platform = $2 \
             AND happened_at >= $3 AND happened_at <= $4{} \
             ORDER BY happened_at DESC, contest_id DESC LIMIT $5",
            after_row(&["happened_at", "contest_id"], after.is_some(), 6)
        );
        let mut query = sqlx::query(AssertSqlSafe(sql))
            .bind(user_id.to_string())
            .bind(platform.as_str())
            .bind(window.from.unwrap_or(i64::MIN))
            .bind(window.to.unwrap_or(i64::MAX))
            .bind(count);
        if let Some(after) = after {
            query = query.bind(after.at).bind(after.id.clone());
        }
        query
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|row| {
                Ok(ContestPoint {
                    contest_id: row.try_get("contest_id")?,
                    contest_name: row.try_get("contest_name")?,
                    happened_at: row.try_get("happened_at")?,
                    place: row.try_get("place")?,
                    old_rating: row.try_get("old_rating")?,
                    new_rating: row.try_get("new_rating")?,
                })
            })
            .collect()
    }

    /// How many linked handles hold a fetched result (status `ok` or `unrated`).
    pub async fn fetched_handle_count(&self) -> Result<u64, sqlx::Error> {
        let count: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM rating_handles WHERE status IN ('ok', 'unrated')",
        )
        .fetch_one(self.pool())
        .await?;
        Ok(u64::try_from(count).unwrap_or(0))
    }

    /// How many handles of `platform` in `scope` are due (claimed or not).
    pub async fn count_due_handles(
        &self,
        platform: Platform,
        scope: &RefreshScope,
        now: i64,
        stale_before: i64,
    ) -> Result<u64, sqlx::Error> {
        let sql = format!("SELECT COUNT(*) AS due FROM rating_handles WHERE {DUE}");
        let count: i64 = bind_due(
            sqlx::query(AssertSqlSafe(sql)),
            platform,
            scope,
            now,
            stale_before,
        )
        .fetch_one(self.pool())
        .await?
        .try_get("due")?;
        Ok(u64::try_from(count).unwrap_or(0))
    }

    /// When the longest-waiting due handle of `platform` became due (epoch ms): when it was
    /// queued, linked (never fetched) or went stale, or its backoff ended if later.
    pub async fn oldest_due_since(
        &self,
        platform: Platform,
        now: i64,
        staleness_ms: i64,
    ) -> Result<Option<i64>, sqlx::Error> {
        let sql = format!(
            "SELECT MIN(CASE WHEN next_attempt_at IS NOT NULL AND next_attempt_at > became_due \
                             THEN next_attempt_at ELSE became_due END) AS since \
             FROM (SELECT next_attempt_at, \
                          CASE WHEN queued_at IS NOT NULL THEN queued_at \
                               WHEN fetch_time IS NULL THEN linked_at \
                               ELSE fetch_time + $7 END AS became_due \
                   FROM rating_handles WHERE {DUE}) due"
        );
        let scope = RefreshScope::default();
        bind_due(
            sqlx::query(AssertSqlSafe(sql)),
            platform,
            &scope,
            now,
            now - staleness_ms,
        )
        .bind(staleness_ms)
        .fetch_one(self.pool())
        .await?
        .try_get("since")
    }

    /// Claims due handles of `platform` (see the module docs).
    pub async fn claim_due_handles(
        &self,
        platform: Platform,
        claim: &Claim<'_>,
    ) -> Result<Vec<DueHandle>, sqlx::Error> {
        let skip_locked = match self.backend() {
            Backend::Postgres => "FOR UPDATE SKIP LOCKED",
            Backend::Sqlite => "",
        };
        // $1..$6 are the DUE parameters; $7.. the claim's own.
        let sql = format!(
            "UPDATE rating_handles SET lease_owner = $7, lease_expires_at = $8 \
             WHERE (user_id, platform) IN ( \
                SELECT user_id, platform FROM rating_handles WHERE {DUE} \
                  AND (lease_expires_at IS NULL OR lease_expires_at <= $2) \
                ORDER BY CASE WHEN queued_at IS NULL THEN 1 ELSE 0 END, \
                         COALESCE(fetch_time, 0), user_id \
                LIMIT $9 {skip_locked}) \
             RETURNING user_id, handle, generation, rating, max_rating, attended_contests, badge, \
               (SELECT COUNT(*) FROM contest_history c WHERE c.user_id = rating_handles.user_id \
                  AND c.platform = rating_handles.platform) AS stored_contests"
        );
        let rows = bind_due(
            sqlx::query(AssertSqlSafe(sql)),
            platform,
            claim.scope,
            claim.now,
            claim.stale_before,
        )
        .bind(claim.owner)
        .bind(claim.lease_until)
        .bind(i64::try_from(claim.limit).unwrap_or(i64::MAX))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let rating: Option<f64> = row.try_get("rating")?;
                let attended: Option<i64> = row.try_get("attended_contests")?;
                Ok(DueHandle {
                    user_id: row.try_get("user_id")?,
                    platform,
                    handle: row.try_get("handle")?,
                    generation: row.try_get("generation")?,
                    stored_contests: u32::try_from(row.try_get::<i64, _>("stored_contests")?)
                        .unwrap_or(u32::MAX),
                    previous: match rating {
                        Some(rating) => Some(RatingSnapshot {
                            contests: None,
                            rating,
                            max_rating: row.try_get("max_rating")?,
                            attended_contests: attended.and_then(|a| u32::try_from(a).ok()),
                            badge: row.try_get("badge")?,
                        }),
                        None => None,
                    },
                })
            })
            .collect()
    }

    /// Records fetched outcomes of handles claimed by `owner`, in one transaction.
    ///
    /// Outcomes are written a chunk at a time — one multi-row statement per kind of outcome
    /// (and one for the history points of changed ratings) rather than one or two per
    /// handle: per-statement cost dominated a refresh, on PostgreSQL especially. Every row
    /// is still written only while `owner` holds its lease at the claimed generation, and a
    /// handle listed twice is written once, by its first outcome, as before.
    pub async fn record_outcomes(
        &self,
        owner: &str,
        results: &[(DueHandle, FetchOutcome)],
        now: i64,
        backoff: Backoff,
    ) -> Result<(), sqlx::Error> {
        let mut seen = std::collections::HashSet::new();
        let mut rated = Vec::new();
        let mut unrated = Vec::new();
        let mut not_found = Vec::new();
        let mut transient = Vec::new();
        for (due, outcome) in results {
            if !seen.insert((due.user_id.as_str(), due.platform, due.generation)) {
                continue;
            }
            match outcome {
                FetchOutcome::Rated(snapshot) => rated.push((due, snapshot)),
                FetchOutcome::Unrated => unrated.push(due),
                FetchOutcome::NotFound => not_found.push(due),
                FetchOutcome::Transient {
                    reason,
                    retry_after,
                } => transient.push((due, reason, *retry_after)),
            }
        }

        let mut tx = self.begin_write().await?;
        // Every written outcome changes a profile (its status or `fetchTime` at least).
        let mut changed: Vec<UserId> = Vec::new();
        for chunk in rated.chunks(ROWS_PER_STATEMENT) {
            changed.extend(record_rated(&mut tx, owner, chunk, now).await?);
        }
        for chunk in unrated.chunks(ROWS_PER_STATEMENT) {
            changed.extend(
                update_claimed(
                    &mut tx,
                    owner,
                    chunk,
                    now,
                    "status = 'unrated', rating = NULL, max_rating = NULL, \
                 attended_contests = NULL, badge = NULL, fetch_time = $2, last_attempt_at = $2, \
                 last_error = NULL, consecutive_failures = 0, next_attempt_at = NULL, \
                 queued_at = NULL, lease_owner = NULL, lease_expires_at = NULL",
                )
                .await?
                .into_iter()
                .map(|(user, _)| user),
            );
        }
        for chunk in not_found.chunks(ROWS_PER_STATEMENT) {
            // The values stay: a platform wrongly denying an account must not erase what we
            // knew. The status tells the truth.
            let written = update_claimed(
                &mut tx,
                owner,
                chunk,
                now,
                "status = 'not_found', last_attempt_at = $2, \
                 last_error = 'the platform has no account with this handle', \
                 consecutive_failures = 0, next_attempt_at = NULL, queued_at = NULL, \
                 lease_owner = NULL, lease_expires_at = NULL",
            )
            .await?;
            // A not-found handle is not fetched again until its owner changes it, so this
            // is the one notice its owner gets.
            let notifications: Vec<NewNotification> = chunk
                .iter()
                .filter(|due| {
                    written.iter().any(|(user, platform)| {
                        user.to_string() == due.user_id && platform == due.platform.as_str()
                    })
                })
                .filter_map(|due| {
                    Some(NewNotification {
                        user_id: decode_id("user_id", &due.user_id).ok()?,
                        kind: NotificationKind::HandleNotFound,
                        actor_id: None,
                        data: serde_json::json!({
                            "platform": due.platform.as_str(),
                            "handle": due.handle,
                        }),
                        dedupe_key: None,
                    })
                })
                .collect();
            insert_notifications(&mut tx, &notifications, now).await?;
            changed.extend(written.into_iter().map(|(user, _)| user));
        }
        // Failures are rare and each needs its own backoff: one handle at a time.
        for (due, reason, retry_after) in transient {
            // $1..$4 identify the claim; $5 is now.
            const CLAIMED: &str =
                "WHERE user_id = $1 AND platform = $2 AND generation = $3 AND lease_owner = $4";
            let failures: Option<i64> = sqlx::query_scalar(AssertSqlSafe(format!(
                "SELECT consecutive_failures FROM rating_handles {CLAIMED}"
            )))
            .bind(due.user_id.clone())
            .bind(due.platform.as_str())
            .bind(due.generation)
            .bind(owner.to_string())
            .fetch_optional(&mut *tx)
            .await?;
            let Some(failures) = failures else { continue };
            let retry_after_ms =
                retry_after.map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
            let delay = backoff.delay_ms(failures + 1, retry_after_ms);
            // Last good values and their status stay; only never-fetched handles become
            // `error`.
            let sql = format!(
                "UPDATE rating_handles SET \
                 status = CASE WHEN status IN ('pending', 'error') THEN 'error' ELSE status END, \
                 last_attempt_at = $5, last_error = $6, \
                 consecutive_failures = consecutive_failures + 1, next_attempt_at = $7, \
                 lease_owner = NULL, lease_expires_at = NULL {CLAIMED}"
            );
            let written = sqlx::query(AssertSqlSafe(sql))
                .bind(due.user_id.clone())
                .bind(due.platform.as_str())
                .bind(due.generation)
                .bind(owner.to_string())
                .bind(now)
                .bind(truncate(reason, 500))
                .bind(now.saturating_add(delay))
                .execute(&mut *tx)
                .await?;
            if written.rows_affected() > 0 {
                changed.push(decode_id("user_id", &due.user_id)?);
            }
        }
        changed.sort_unstable();
        changed.dedup();
        self.sync_boards(&mut tx, &changed).await?;
        self.commit_announcing(tx, &changed).await?;
        Ok(())
    }

    /// Joins the live refresh cycle of `scope_key` (heartbeat at or after `alive_after`) or
    /// starts a new one at `now`; returns the cycle's start.
    pub async fn begin_cycle(
        &self,
        scope_key: &str,
        now: i64,
        alive_after: i64,
    ) -> Result<i64, sqlx::Error> {
        sqlx::query_scalar(
            "INSERT INTO refresh_cycles (scope_key, started_at, heartbeat_at) VALUES ($1, $2, $2) \
             ON CONFLICT (scope_key) DO UPDATE SET \
               started_at = CASE WHEN refresh_cycles.heartbeat_at >= $3 \
                                 THEN refresh_cycles.started_at ELSE $2 END, \
               heartbeat_at = $2 \
             RETURNING started_at",
        )
        .bind(scope_key)
        .bind(now)
        .bind(alive_after)
        .fetch_one(self.pool())
        .await
    }

    /// Keeps the cycle of `scope_key` that started at `started` alive.
    pub async fn touch_cycle(
        &self,
        scope_key: &str,
        started: i64,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE refresh_cycles SET heartbeat_at = $3 \
             WHERE scope_key = $1 AND started_at = $2 AND heartbeat_at > 0",
        )
        .bind(scope_key)
        .bind(started)
        .bind(now)
        .execute(self.pool())
        .await
        .map(drop)
    }

    /// Ends the cycle of `scope_key` that started at `started` (a later run starts anew).
    pub async fn end_cycle(&self, scope_key: &str, started: i64) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE refresh_cycles SET heartbeat_at = 0 WHERE scope_key = $1 AND started_at = $2",
        )
        .bind(scope_key)
        .bind(started)
        .execute(self.pool())
        .await
        .map(drop)
    }

    /// Extends `owner`'s leases on `claimed` to `lease_until`; returns how many it still
    /// holds (a lapsed lease another instance took over is not extended).
    pub async fn renew_claims(
        &self,
        owner: &str,
        claimed: &[DueHandle],
        lease_until: i64,
    ) -> Result<usize, sqlx::Error> {
        let claimed: Vec<&DueHandle> = claimed.iter().collect();
        let mut tx = self.begin_write().await?;
        let mut held = 0;
        for chunk in claimed.chunks(ROWS_PER_STATEMENT) {
            // `$2` is the new lease end here.
            held += update_claimed(&mut tx, owner, chunk, lease_until, "lease_expires_at = $2")
                .await?
                .len();
        }
        tx.commit().await?;
        Ok(held)
    }

    /// After a refresh of `scope` started at `since`: the handles in scope another instance
    /// holds now (platform, handle), and the commonest failure reasons per platform among
    /// handles attempted since then (reason, count), most common first.
    #[allow(clippy::type_complexity)]
    pub async fn refresh_report(
        &self,
        scope: &RefreshScope,
        owner: &str,
        since: i64,
        now: i64,
    ) -> Result<(Vec<(String, String)>, Vec<(String, String, i64)>), sqlx::Error> {
        let user = scope.user_id.clone().unwrap_or_default();
        let platforms: Vec<&str> = if scope.platforms.is_empty() {
            Platform::ALL.iter().map(|p| p.as_str()).collect()
        } else {
            scope.platforms.iter().map(|p| p.as_str()).collect()
        };
        let mut held = Vec::new();
        let mut failures = Vec::new();
        for platform in platforms {
            let rows = sqlx::query(
                "SELECT handle FROM rating_handles WHERE platform = $1 \
                 AND ($2 = '' OR user_id = $2) AND lease_owner IS NOT NULL \
                 AND lease_owner <> $3 AND lease_expires_at > $4 ORDER BY handle",
            )
            .bind(platform)
            .bind(user.clone())
            .bind(owner.to_string())
            .bind(now)
            .fetch_all(self.pool())
            .await?;
            for row in rows {
                held.push((platform.to_string(), row.try_get("handle")?));
            }
            let rows = sqlx::query(
                "SELECT last_error, CAST(COUNT(*) AS BIGINT) AS n FROM rating_handles \
                 WHERE platform = $1 AND ($2 = '' OR user_id = $2) \
                 AND last_attempt_at >= $3 AND last_error IS NOT NULL \
                 GROUP BY last_error ORDER BY n DESC, last_error LIMIT 3",
            )
            .bind(platform)
            .bind(user.clone())
            .bind(since)
            .fetch_all(self.pool())
            .await?;
            for row in rows {
                failures.push((
                    platform.to_string(),
                    row.try_get("last_error")?,
                    row.try_get("n")?,
                ));
            }
        }
        Ok((held, failures))
    }

    /// Ends claims of `owner` without recording anything.
    pub async fn release_claims(
        &self,
        owner: &str,
        claimed: &[DueHandle],
    ) -> Result<(), sqlx::Error> {
        let mut tx = self.begin_write().await?;
        for due in claimed {
            sqlx::query(
                "UPDATE rating_handles SET lease_owner = NULL, lease_expires_at = NULL \
                 WHERE user_id = $1 AND platform = $2 AND lease_owner = $3",
            )
            .bind(due.user_id.clone())
            .bind(due.platform.as_str())
            .bind(owner.to_string())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await
    }

    /// Reserves the next request slot of `platform` for the whole fleet. The slot is
    /// computed from the **database's** clock, read inside the reserving statement — after
    /// the connection is held, so a slow pool cannot make an instance reserve in the past —
    /// and the answer says how far in the future it is by that same clock.
    pub async fn take_rate_slot(
        &self,
        platform: Platform,
        interval_ms: i64,
    ) -> Result<RateSlot, sqlx::Error> {
        // Stable within one statement on both engines.
        let now = match self.backend() {
            Backend::Postgres => "CAST(EXTRACT(EPOCH FROM statement_timestamp()) * 1000 AS BIGINT)",
            Backend::Sqlite => "CAST((julianday('now') - 2440587.5) * 86400000.0 AS BIGINT)",
        };
        let sql = format!(
            "INSERT INTO platform_rate_slots (platform, next_slot_at) VALUES ($1, {now} + $2) \
             ON CONFLICT (platform) DO UPDATE SET next_slot_at = \
               (CASE WHEN platform_rate_slots.next_slot_at > {now} \
                     THEN platform_rate_slots.next_slot_at ELSE {now} END) + $2 \
             RETURNING next_slot_at, {now} AS database_now"
        );
        // The connection first: only the statement's own round trip blurs when "now" was.
        let mut connection = self.pool().acquire().await?;
        let sent = std::time::Instant::now();
        let row = sqlx::query(AssertSqlSafe(sql))
            .bind(platform.as_str())
            .bind(interval_ms)
            .fetch_one(&mut *connection)
            .await?;
        let round_trip = sent.elapsed();
        let next: i64 = row.try_get("next_slot_at")?;
        let database_now: i64 = row.try_get("database_now")?;
        Ok(RateSlot {
            wait_ms: (next - interval_ms - database_now).max(0),
            round_trip,
        })
    }
}

/// Rows per multi-row statement when recording outcomes (at most 8 parameters a row).
/// Larger statements buy nothing on PostgreSQL and cost on SQLite, which looks up `$N`
/// parameters by name in a list — quadratic in the parameter count, when preparing and
/// again when sqlx binds.
const ROWS_PER_STATEMENT: usize = 100;

/// The `WHERE` of a batched write: the row is still claimed by `$1` at the listed
/// generation. `v` lists (user id, platform, generation, …).
const STILL_CLAIMED: &str = "WHERE user_id = v.column1 AND platform = v.column2 \
    AND generation = v.column3 AND lease_owner = $1";

/// Writes rated outcomes (one chunk), the contest series they carry, and a notification for
/// each written rating or badge that changed. Returns the users whose rows were written.
async fn record_rated(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    owner: &str,
    chunk: &[(&DueHandle, &RatingSnapshot)],
    now: i64,
) -> Result<Vec<UserId>, sqlx::Error> {
    // $1 owner, $2 now; per row: user id, platform, generation, rating, has max, max,
    // contests, badge.
    let sql = format!(
        "UPDATE rating_handles SET status = 'ok', rating = v.column4, \
         max_rating = CASE WHEN v.column5 = 1 THEN v.column6 ELSE NULL END, \
         attended_contests = v.column7, badge = v.column8, fetch_time = $2, \
         last_attempt_at = $2, last_error = NULL, consecutive_failures = 0, \
         next_attempt_at = NULL, queued_at = NULL, lease_owner = NULL, lease_expires_at = NULL \
         FROM {} AS v {STILL_CLAIMED} RETURNING user_id, platform",
        values_rows(chunk.len(), 8, 3)
    );
    // Statements differ by row count: keep them out of the per-connection statement cache.
    let mut update = sqlx::query(AssertSqlSafe(sql))
        .persistent(false)
        .bind(owner.to_string())
        .bind(now);
    for (due, snapshot) in chunk {
        let (has_max, max) = optional_double(snapshot.max_rating);
        update = update
            .bind(due.user_id.clone())
            .bind(due.platform.as_str())
            .bind(due.generation)
            .bind(snapshot.rating)
            .bind(has_max)
            .bind(max)
            .bind(snapshot.attended_contests.map(i64::from))
            .bind(snapshot.badge.clone());
    }
    let mut written = std::collections::HashSet::new();
    let mut users = Vec::new();
    for row in update.fetch_all(&mut **tx).await? {
        let user_id: String = row.try_get("user_id")?;
        let platform: String = row.try_get("platform")?;
        users.push(decode_id("user_id", &user_id)?);
        written.insert((user_id, platform));
    }
    let written: Vec<_> = chunk
        .iter()
        .filter(|(due, _)| {
            written.contains(&(due.user_id.clone(), due.platform.as_str().to_string()))
        })
        .collect();
    for (due, snapshot) in &written {
        if let Some(contests) = &snapshot.contests {
            record_contests(tx, due, contests, now).await?;
        }
    }
    let changed: Vec<_> = written
        .into_iter()
        .filter(|(due, snapshot)| due.previous.as_ref() != Some(*snapshot))
        .collect();
    if changed.is_empty() {
        return Ok(users);
    }
    // The owner hears of a changed rating or badge (not of the first fetch).
    let notifications: Vec<NewNotification> = changed
        .iter()
        .filter_map(|(due, snapshot)| {
            let previous = due.previous.as_ref()?;
            if previous.rating == snapshot.rating && previous.badge == snapshot.badge {
                return None;
            }
            Some(NewNotification {
                user_id: decode_id("user_id", &due.user_id).ok()?,
                kind: NotificationKind::RatingChanged,
                actor_id: None,
                data: serde_json::json!({
                    "platform": due.platform.as_str(),
                    "handle": due.handle,
                    "oldRating": previous.rating,
                    "newRating": snapshot.rating,
                    "oldBadge": previous.badge,
                    "newBadge": snapshot.badge,
                }),
                dedupe_key: None,
            })
        })
        .collect();
    insert_notifications(tx, &notifications, now).await?;
    Ok(users)
}

/// Contest rows per statement: 10 parameters each (5,000 at most), well inside both
/// engines' limits (SQLite's 32,766, PostgreSQL's 65,535).
const CONTESTS_PER_STATEMENT: usize = 500;

/// Replaces the stored series of a claimed handle with `contests`, the platform's whole
/// series: each contest is upserted by its id (a recalculation overwrites), then contests
/// the platform no longer reports are removed.
async fn record_contests(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    due: &DueHandle,
    contests: &[ContestResult],
    now: i64,
) -> Result<(), sqlx::Error> {
    // Ids are cut to the column's bound first, then de-duplicated: the platform may list
    // one contest twice (it never should), and two ids may only differ past the bound;
    // the last one counts.
    let mut unique: Vec<(String, &ContestResult)> = Vec::with_capacity(contests.len());
    for contest in contests {
        let id = truncate(&contest.contest_id, 200);
        match unique.iter_mut().find(|(seen, _)| *seen == id) {
            Some(same) => same.1 = contest,
            None => unique.push((id, contest)),
        }
    }
    // SQLite takes every placeholder once and in order (as plain `?`s, see
    // `in_order_placeholders`), so each row carries the user, platform and time; PostgreSQL
    // shares them as $1–$3 (measured: per-row copies made its refresh ten times slower).
    let backend = super::Backend::of(tx);
    let shared = backend == super::Backend::Postgres;
    for chunk in unique.chunks(CONTESTS_PER_STATEMENT) {
        let rows: Vec<String> = (0..chunk.len())
            .map(|row| {
                // The row's own placeholders, numbered on from the previous row's.
                let (first, width) = if shared { (4, 7) } else { (1, 10) };
                let own = |k: usize| format!("${}", first + row * width + k);
                let [user, platform, seen] = if shared {
                    ["$1".to_string(), "$2".to_string(), "$3".to_string()]
                } else {
                    [own(0), own(1), own(9)]
                };
                let skip = if shared { 0 } else { 2 };
                let [id, name, time, place, has_old, old, new]: [String; 7] =
                    std::array::from_fn(|k| own(skip + k));
                format!(
                    "({user}, {platform}, {id}, {name}, {time}, {place}, \
                     CASE WHEN {has_old} = 1 THEN {old} ELSE NULL END, {new}, {seen})"
                )
            })
            .collect();
        let sql = format!(
            "INSERT INTO contest_history (user_id, platform, contest_id, contest_name, \
             happened_at, place, old_rating, new_rating, seen_at) VALUES {} \
             ON CONFLICT (user_id, platform, contest_id) DO UPDATE SET \
             contest_name = excluded.contest_name, happened_at = excluded.happened_at, \
             place = excluded.place, old_rating = excluded.old_rating, \
             new_rating = excluded.new_rating, seen_at = excluded.seen_at",
            rows.join(", ")
        );
        let mut insert = sqlx::query(AssertSqlSafe(super::in_order_placeholders(backend, sql)))
            .persistent(false);
        if shared {
            insert = insert
                .bind(due.user_id.clone())
                .bind(due.platform.as_str())
                .bind(now);
        }
        for (id, contest) in chunk {
            let (has_old, old) = optional_double(contest.old_rating);
            if !shared {
                insert = insert.bind(due.user_id.clone()).bind(due.platform.as_str());
            }
            insert = insert
                .bind(id.clone())
                .bind(truncate(&contest.contest_name, 300))
                .bind(contest.time_ms)
                .bind(contest.rank.map(i64::from))
                .bind(has_old)
                .bind(old)
                .bind(contest.new_rating);
            if !shared {
                insert = insert.bind(now);
            }
        }
        insert.execute(&mut **tx).await?;
    }
    if due.stored_contests == 0 {
        // Nothing was stored when the handle was claimed, and only the claim's holder
        // writes its series: every row is one just written.
        return Ok(());
    }
    sqlx::query(
        "DELETE FROM contest_history WHERE user_id = $1 AND platform = $2 AND seen_at <> $3",
    )
    .bind(due.user_id.clone())
    .bind(due.platform.as_str())
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Applies `assignments` (which may use `$2`, the given time) to every listed handle still
/// claimed by `owner`; returns the (user, platform) of the rows written.
async fn update_claimed(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    owner: &str,
    chunk: &[&DueHandle],
    now: i64,
    assignments: &str,
) -> Result<Vec<(UserId, String)>, sqlx::Error> {
    let sql = format!(
        "UPDATE rating_handles SET {assignments} FROM {} AS v {STILL_CLAIMED} \
         RETURNING user_id, platform",
        values_rows(chunk.len(), 3, 3)
    );
    let mut update = sqlx::query(AssertSqlSafe(sql))
        .persistent(false)
        .bind(owner.to_string())
        .bind(now);
    for due in chunk {
        update = update
            .bind(due.user_id.clone())
            .bind(due.platform.as_str())
            .bind(due.generation);
    }
    update
        .fetch_all(&mut **tx)
        .await?
        .iter()
        .map(|row| {
            Ok((
                decode_id("user_id", &row.try_get::<String, _>("user_id")?)?,
                row.try_get::<String, _>("platform")?,
            ))
        })
        .collect()
}

/// An optional DOUBLE PRECISION as (present flag, value) — bind both and write
/// `CASE WHEN $flag = 1 THEN $value ELSE NULL END`. sqlx 0.9's `Any` encodes
/// `Option::<f64>::None` as a *float4* NULL, so PostgreSQL prepares the statement with a
/// float4 parameter and a later `Some(f64)` on the cached statement fails with "incorrect
/// binary data format". Never binding a NULL double avoids it on both engines.
fn optional_double(value: Option<f64>) -> (i64, f64) {
    match value {
        Some(v) => (1, v),
        None => (0, 0.0),
    }
}

fn truncate(text: &str, max_chars: usize) -> String {
    text.chars().take(max_chars).collect()
}
