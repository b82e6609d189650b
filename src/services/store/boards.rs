//! The leaderboard tables: `board_entries` (each user's rating per board) and
//! `board_rank_counts` (per board, the Fenwick tree of users per rating of
//! [`RankTree`]).
//!
//! Entries are derived data, kept right by construction: [`sync_boards`] recomputes the
//! entries of the users a write touched from their links, inside that write's transaction
//! (linking, unlinking, a fetched rating, deleting an account), and moves the rank counts
//! by the difference. A start with other aggregate weights rebuilds every board
//! ([`Store::rebuild_boards`]). On PostgreSQL, concurrent syncs of one user take turns on
//! an advisory lock per user, so two writes to one user's ratings cannot both count; a
//! rebuild holds both tables instead.

use std::collections::{BTreeMap, HashMap};

use profilehub_jobs::Platform;
use sqlx::{Any, AssertSqlSafe, Row, Transaction};

use super::{Backend, Store, decode_id, flag, placeholders, row_placeholders};
use crate::domain::{
    UserId,
    boards::{Board, RankTree, board_ratings},
    page::{Page, PageRequest, Position},
    ratings::{LinkStatus, Weights},
};

/// Where a [`BoardRow`]'s columns come from (`e` is the board), as a literal for `concat!`.
macro_rules! board_tables {
    () => {
        "board_entries e JOIN users u ON u.id = e.user_id \
         LEFT JOIN rating_handles h ON h.user_id = e.user_id AND h.platform = e.board"
    };
}

/// The columns of a [`BoardRow`] and where they come from.
const BOARD_ROWS: &str = concat!(
    "SELECT e.user_id, e.rating, u.username, u.name, u.picture_url, h.badge FROM ",
    board_tables!()
);

/// Rank-count reads list their nodes in groups of this many (see `Store::rank_counts`).
const RANK_NODES_PER_SHAPE: usize = 16;

/// Users synced per statement (bounds the placeholders of one query).
const SYNC_CHUNK: usize = 300;

/// One row of a board page.
#[derive(Debug, Clone, PartialEq)]
pub struct BoardRow {
    /// The user.
    pub user_id: UserId,
    /// Their username.
    pub username: String,
    /// Their display name.
    pub name: Option<String>,
    /// Their avatar.
    pub picture_url: Option<String>,
    /// Their rating on the board.
    pub rating: i64,
    /// Their title on the board's platform (none on the aggregate board).
    pub badge: Option<String>,
}

/// A user's own row on a board (if they are on it) and the rows around it.
#[derive(Debug, Clone, PartialEq)]
pub struct StandingRows {
    /// Their username, as stored.
    pub username: String,
    /// Their row; `None` when they hold no rating on the board.
    pub row: Option<BoardRow>,
    /// Up to the asked number of rows right above, nearest first.
    pub above: Vec<BoardRow>,
    /// Up to the asked number of rows right below, nearest first.
    pub below: Vec<BoardRow>,
}

/// Who a board lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BoardScope {
    /// Everyone on it.
    Everyone,
    /// The given user and whom they follow.
    FollowedBy(UserId),
}

/// Brings the board entries of `ids` in line with their links (and accounts), inside `tx`.
pub(super) async fn sync_boards(
    tx: &mut Transaction<'static, Any>,
    backend: Backend,
    weights: &Weights,
    ids: &[UserId],
) -> Result<(), sqlx::Error> {
    sync_users(tx, backend == Backend::Postgres, weights, ids).await
}

/// [`sync_boards`]; `lock_users` takes each user's advisory lock first (PostgreSQL), which
/// a rebuild holding the whole tables does not need.
async fn sync_users(
    tx: &mut Transaction<'static, Any>,
    lock_users: bool,
    weights: &Weights,
    ids: &[UserId],
) -> Result<(), sqlx::Error> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    for chunk in ids.chunks(SYNC_CHUNK) {
        sync_chunk(tx, lock_users, weights, chunk).await?;
    }
    Ok(())
}

async fn sync_chunk(
    tx: &mut Transaction<'static, Any>,
    lock_users: bool,
    weights: &Weights,
    ids: &[UserId],
) -> Result<(), sqlx::Error> {
    if lock_users {
        // In key order (the function runs after the sort), so that two syncs never wait
        // on each other in opposite orders.
        let keys = (1..=ids.len())
            .map(|n| format!("(${n}::BIGINT)"))
            .collect::<Vec<_>>()
            .join(", ");
        let mut lock = sqlx::query(AssertSqlSafe(format!(
            "SELECT pg_advisory_xact_lock(k) FROM (VALUES {keys}) AS v (k) ORDER BY k"
        )))
        .persistent(false);
        for id in ids {
            lock = lock.bind(advisory_key(*id));
        }
        lock.execute(&mut **tx).await?;
    }
    let list = placeholders(1, ids.len());
    let backend = super::Backend::of(tx);
    let bind_ids = |sql: String| {
        let sql = super::in_order_placeholders(backend, sql);
        let mut query = sqlx::query(AssertSqlSafe(sql)).persistent(false);
        for id in ids {
            query = query.bind(id.to_string());
        }
        query
    };
    let enabled: HashMap<UserId, bool> = bind_ids(format!(
        "SELECT id, enabled FROM users WHERE id IN ({list})"
    ))
    .fetch_all(&mut **tx)
    .await?
    .iter()
    .map(|row| {
        Ok((
            decode_id("id", &row.try_get::<String, _>("id")?)?,
            flag(row.try_get("enabled")?),
        ))
    })
    .collect::<Result<_, sqlx::Error>>()?;
    let mut counted: HashMap<UserId, Vec<(Platform, f64)>> = HashMap::new();
    let ok = LinkStatus::Ok.as_str();
    for row in bind_ids(format!(
        "SELECT user_id, platform, rating FROM rating_handles \
         WHERE user_id IN ({list}) AND status = '{ok}' AND rating IS NOT NULL"
    ))
    .fetch_all(&mut **tx)
    .await?
    {
        let user = decode_id("user_id", &row.try_get::<String, _>("user_id")?)?;
        let platform: String = row.try_get("platform")?;
        if let Ok(platform) = platform.parse::<Platform>() {
            counted
                .entry(user)
                .or_default()
                .push((platform, row.try_get("rating")?));
        }
    }
    let mut held: BTreeMap<(Board, UserId), i64> = BTreeMap::new();
    for row in bind_ids(format!(
        "SELECT board, user_id, rating FROM board_entries WHERE user_id IN ({list})"
    ))
    .fetch_all(&mut **tx)
    .await?
    {
        let board: String = row.try_get("board")?;
        if let Some(board) = Board::parse(&board) {
            let user = decode_id("user_id", &row.try_get::<String, _>("user_id")?)?;
            held.insert((board, user), row.try_get("rating")?);
        }
    }
    let mut wanted: BTreeMap<(Board, UserId), i64> = BTreeMap::new();
    for id in ids {
        let on = enabled.get(id).copied().unwrap_or(false);
        let ratings = counted.get(id).map_or(&[][..], Vec::as_slice);
        for (board, rating) in board_ratings(ratings, weights, on) {
            wanted.insert((board, *id), rating);
        }
    }
    apply(tx, &held, &wanted).await
}

/// Writes the difference between the entries `held` and `wanted`, and the rank counts
/// with them.
async fn apply(
    tx: &mut Transaction<'static, Any>,
    held: &BTreeMap<(Board, UserId), i64>,
    wanted: &BTreeMap<(Board, UserId), i64>,
) -> Result<(), sqlx::Error> {
    let mut counts: BTreeMap<(Board, i64), i64> = BTreeMap::new();
    let mut upserts = Vec::new();
    for (key, &old) in held {
        if wanted.get(key) != Some(&old) {
            for node in RankTree::nodes_to_update(old) {
                *counts.entry((key.0, node)).or_default() -= 1;
            }
            if !wanted.contains_key(key) {
                sqlx::query("DELETE FROM board_entries WHERE board = $1 AND user_id = $2")
                    .bind(key.0.as_str())
                    .bind(key.1.to_string())
                    .execute(&mut **tx)
                    .await?;
            }
        }
    }
    for (key, &new) in wanted {
        if held.get(key) != Some(&new) {
            for node in RankTree::nodes_to_update(new) {
                *counts.entry((key.0, node)).or_default() += 1;
            }
            upserts.push((key.0, key.1, new));
        }
    }
    let backend = super::Backend::of(tx);
    for chunk in upserts.chunks(SYNC_CHUNK) {
        let sql = format!(
            "INSERT INTO board_entries (board, user_id, rating) VALUES {} \
             ON CONFLICT (board, user_id) DO UPDATE SET rating = excluded.rating",
            row_placeholders(chunk.len(), 3, 1)
        );
        let sql = super::in_order_placeholders(backend, sql);
        let mut query = sqlx::query(AssertSqlSafe(sql)).persistent(false);
        for (board, user, rating) in chunk {
            query = query
                .bind(board.as_str())
                .bind(user.to_string())
                .bind(*rating);
        }
        query.execute(&mut **tx).await?;
    }
    let moved: Vec<((Board, i64), i64)> = counts.into_iter().filter(|(_, d)| *d != 0).collect();
    for chunk in moved.chunks(SYNC_CHUNK) {
        let sql = format!(
            "INSERT INTO board_rank_counts (board, node, users) VALUES {} \
             ON CONFLICT (board, node) DO UPDATE SET users = board_rank_counts.users + excluded.users",
            row_placeholders(chunk.len(), 3, 1)
        );
        let sql = super::in_order_placeholders(backend, sql);
        let mut query = sqlx::query(AssertSqlSafe(sql)).persistent(false);
        for ((board, node), delta) in chunk {
            query = query.bind(board.as_str()).bind(*node).bind(*delta);
        }
        query.execute(&mut **tx).await?;
    }
    Ok(())
}

/// The advisory-lock key of a user's board entries.
fn advisory_key(id: UserId) -> i64 {
    let bytes = id.as_bytes();
    i64::from_be_bytes(bytes[..8].try_into().unwrap_or([0; 8]))
}

impl Store {
    /// Rebuilds every board from the links unless they were last built with `weights`.
    /// Returns whether it rebuilt. Concurrent starts on PostgreSQL take turns.
    pub async fn rebuild_boards(&self, weights: &Weights) -> Result<bool, sqlx::Error> {
        const BUILT_WITH: &str = "SELECT weights FROM board_settings WHERE id = 1";
        let fingerprint = format!("{weights:?}");
        let built: Option<String> = sqlx::query_scalar(BUILT_WITH)
            .fetch_optional(self.pool())
            .await?;
        if built.as_deref() == Some(fingerprint.as_str()) {
            // The usual start: nothing to do, and no lock taken.
            return Ok(false);
        }
        let mut tx = self.begin_write().await?;
        if self.backend() == Backend::Postgres {
            // The whole boards, until this commits: concurrent starts wait and then find
            // them built; a concurrent write's sync waits and then reads the rebuilt entries
            // (so no per-user lock is needed here, which for many users would not fit in
            // the server's lock table).
            sqlx::query("LOCK TABLE board_entries, board_rank_counts IN ACCESS EXCLUSIVE MODE")
                .execute(&mut *tx)
                .await?;
        }
        // Another instance may have rebuilt them while this one waited for the lock.
        let built: Option<String> = sqlx::query_scalar(BUILT_WITH)
            .fetch_optional(&mut *tx)
            .await?;
        if built.as_deref() == Some(fingerprint.as_str()) {
            return Ok(false);
        }
        sqlx::query("DELETE FROM board_rank_counts")
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM board_entries")
            .execute(&mut *tx)
            .await?;
        let ids: Vec<String> = sqlx::query_scalar(
            "SELECT DISTINCT user_id FROM rating_handles WHERE status = 'ok' AND rating IS NOT NULL",
        )
        .fetch_all(&mut *tx)
        .await?;
        let ids = ids
            .iter()
            .map(|id| decode_id("user_id", id))
            .collect::<Result<Vec<_>, _>>()?;
        // Nothing is held any more: every user is added from scratch.
        sync_users(&mut tx, false, weights, &ids).await?;
        sqlx::query(
            "INSERT INTO board_settings (id, weights) VALUES (1, $1) \
             ON CONFLICT (id) DO UPDATE SET weights = excluded.weights",
        )
        .bind(&fingerprint)
        .execute(&mut *tx)
        .await?;
        if self.backend() == Backend::Postgres {
            // Instances already running drop the boards they cached.
            super::announce(&mut tx, super::BOARDS_REBUILT).await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// A page of `board` in `scope`, best first (rating descending, ties by user id).
    pub async fn board_page(
        &self,
        board: Board,
        scope: BoardScope,
        page: &PageRequest,
    ) -> Result<Page<BoardRow>, sqlx::Error> {
        let after = super::after_row(&["e.rating", "e.user_id"], page.after.is_some(), 2);
        let (scoped, next) = scope_condition(scope, if page.after.is_some() { 4 } else { 2 });
        let limit = next;
        let sql = format!(
            "{BOARD_ROWS} WHERE e.board = $1{after}{scoped} \
             ORDER BY e.rating DESC, e.user_id DESC LIMIT ${limit}"
        );
        let mut query = sqlx::query(AssertSqlSafe(sql)).bind(board.as_str());
        if let Some(position) = page.after.clone() {
            query = query.bind(position.at).bind(position.id);
        }
        if let BoardScope::FollowedBy(me) = scope {
            query = query.bind(me.to_string());
        }
        let rows = query
            .bind(page.rows_to_read())
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(board_row)
            .collect::<Result<Vec<_>, sqlx::Error>>()?;
        Ok(page.page(rows, |row| Position {
            at: row.rating,
            id: row.user_id.to_string(),
        }))
    }

    /// How many users of `board` in `scope` are rated strictly above each of `ratings`.
    /// For everyone, from the rank counts: at most [`RankTree::DEPTH`] rows per rating,
    /// all in one query, whatever the board's size.
    pub async fn rated_above(
        &self,
        board: Board,
        scope: BoardScope,
        ratings: &[i64],
    ) -> Result<Vec<i64>, sqlx::Error> {
        if ratings.is_empty() {
            return Ok(Vec::new());
        }
        if let BoardScope::FollowedBy(me) = scope {
            // One row, a count per rating: $1 the board, $2 the caller, then the ratings.
            let (scoped, _) = scope_condition(scope, 2);
            let counts: Vec<String> = (0..ratings.len())
                .map(|n| {
                    format!(
                        "(SELECT COUNT(*) FROM board_entries e \
                         WHERE e.board = $1 AND e.rating > ${}{scoped}) AS above{n}",
                        n + 3
                    )
                })
                .collect();
            let mut query = sqlx::query(AssertSqlSafe(format!("SELECT {}", counts.join(", "))))
                .persistent(false)
                .bind(board.as_str())
                .bind(me.to_string());
            for rating in ratings {
                query = query.bind(*rating);
            }
            let row = query.fetch_one(self.pool()).await?;
            return (0..ratings.len())
                .map(|n| row.try_get::<i64, _>(n))
                .collect();
        }
        Ok(self.rated_above_and_total(board, ratings).await?.0)
    }

    /// How many users of the whole `board` are rated strictly above each of `ratings`, and
    /// how many it holds: one read of at most [`RankTree::DEPTH`] counts per rating.
    pub async fn rated_above_and_total(
        &self,
        board: Board,
        ratings: &[i64],
    ) -> Result<(Vec<i64>, i64), sqlx::Error> {
        let wanted: Vec<Vec<i64>> = ratings.iter().map(|r| RankTree::nodes_above(*r)).collect();
        let mut nodes: Vec<i64> = wanted.iter().flatten().copied().collect();
        nodes.push(RankTree::ROOT);
        nodes.sort_unstable();
        nodes.dedup();
        let counts = self.rank_counts(board, &nodes).await?;
        let above = wanted
            .iter()
            .map(|nodes| nodes.iter().filter_map(|n| counts.get(n)).sum())
            .collect();
        Ok((above, counts.get(&RankTree::ROOT).copied().unwrap_or(0)))
    }

    /// How many users `board` holds in `scope`.
    pub async fn board_size(&self, board: Board, scope: BoardScope) -> Result<i64, sqlx::Error> {
        match scope {
            BoardScope::Everyone => Ok(self.rated_above_and_total(board, &[]).await?.1),
            BoardScope::FollowedBy(me) => {
                let (scoped, _) = scope_condition(scope, 2);
                sqlx::query_scalar(AssertSqlSafe(format!(
                    "SELECT COUNT(*) FROM board_entries e WHERE e.board = $1{scoped}"
                )))
                .bind(board.as_str())
                .bind(me.to_string())
                .fetch_one(self.pool())
                .await
            }
        }
    }

    async fn rank_counts(
        &self,
        board: Board,
        nodes: &[i64],
    ) -> Result<HashMap<i64, i64>, sqlx::Error> {
        // The list is padded (repeating its last node) to a multiple of
        // `RANK_NODES_PER_SHAPE`, so that a few statement shapes serve every read and each
        // stays prepared on its connection.
        let slots = nodes.len().div_ceil(RANK_NODES_PER_SHAPE).max(1) * RANK_NODES_PER_SHAPE;
        let sql = format!(
            "SELECT node, users FROM board_rank_counts WHERE board = $1 AND node IN ({})",
            placeholders(2, slots)
        );
        let mut query = sqlx::query(AssertSqlSafe(sql)).bind(board.as_str());
        let last = nodes.last().copied().unwrap_or(RankTree::ROOT);
        for n in 0..slots {
            query = query.bind(nodes.get(n).copied().unwrap_or(last));
        }
        query
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|row| Ok((row.try_get("node")?, row.try_get("users")?)))
            .collect()
    }

    /// The user named `username` (case-insensitively) on `board`, with up to `n` rows
    /// right above them (nearest first) and right below: `None` when no user has that
    /// name. One round trip, each side read from the board's index after the user's own
    /// (rating, id).
    pub async fn board_standing(
        &self,
        board: Board,
        username: &str,
        n: i64,
    ) -> Result<Option<StandingRows>, sqlx::Error> {
        // The user's position is handed to each side as scalar subqueries: PostgreSQL
        // then seeks the index to it (a join on the CTE would scan the board instead).
        let me = "((SELECT rating FROM me), (SELECT id FROM me))";
        let side = |number: i64, comparison: &str, order: &str| {
            format!(
                "SELECT * FROM (SELECT CAST({number} AS BIGINT) AS side, e.user_id, e.rating, \
                 u.username, u.name, u.picture_url, h.badge FROM {} \
                 WHERE e.board = $1 AND (e.rating, e.user_id) {comparison} {me} \
                 ORDER BY e.rating {order}, e.user_id {order} LIMIT $3) AS side{number}",
                board_tables!()
            )
        };
        let sql = format!(
            "WITH me AS (SELECT u.id, e.rating FROM users u \
             LEFT JOIN board_entries e ON e.board = $1 AND e.user_id = u.id \
             WHERE lower(u.username) = lower($2)) \
             SELECT CAST(0 AS BIGINT) AS side, u.id AS user_id, e.rating, u.username, u.name, \
             u.picture_url, h.badge FROM me JOIN users u ON u.id = me.id \
             LEFT JOIN board_entries e ON e.board = $1 AND e.user_id = u.id \
             LEFT JOIN rating_handles h ON h.user_id = u.id AND h.platform = $1 \
             UNION ALL {} UNION ALL {}",
            side(1, ">", "ASC"),
            side(2, "<", "DESC"),
        );
        let rows = sqlx::query(AssertSqlSafe(sql))
            .bind(board.as_str())
            .bind(username)
            .bind(n)
            .fetch_all(self.pool())
            .await?;
        let mut standing: Option<StandingRows> = None;
        let mut above = Vec::new();
        let mut below = Vec::new();
        for row in &rows {
            match row.try_get::<i64, _>("side")? {
                0 => {
                    let rated = row.try_get::<Option<i64>, _>("rating")?.is_some();
                    standing = Some(StandingRows {
                        username: row.try_get("username")?,
                        row: rated.then(|| board_row(row)).transpose()?,
                        above: Vec::new(),
                        below: Vec::new(),
                    });
                }
                1 => above.push(board_row(row)?),
                _ => below.push(board_row(row)?),
            }
        }
        Ok(standing.map(|standing| StandingRows {
            above,
            below,
            ..standing
        }))
    }

    /// Rows `offset..offset + limit` of `board` in Digitomize's order (rating descending,
    /// then username ascending), for its page-numbered leaderboard. The rating at `offset`
    /// is found on the board's index, and only that rating's ties are sorted by name.
    pub async fn board_rows_by_name(
        &self,
        board: Board,
        offset: i64,
        limit: i64,
    ) -> Result<Vec<BoardRow>, sqlx::Error> {
        let first: Option<i64> = sqlx::query_scalar(
            "SELECT rating FROM board_entries WHERE board = $1 \
             ORDER BY rating DESC LIMIT 1 OFFSET $2",
        )
        .bind(board.as_str())
        .bind(offset)
        .fetch_optional(self.pool())
        .await?;
        let Some(first) = first else {
            return Ok(Vec::new());
        };
        // The first row of the board has nobody above it.
        let above = match offset {
            0 => 0,
            _ => {
                self.rated_above(board, BoardScope::Everyone, &[first])
                    .await?[0]
            }
        };
        sqlx::query(AssertSqlSafe(format!(
            "{BOARD_ROWS} WHERE e.board = $1 AND e.rating <= $2 \
             ORDER BY e.rating DESC, lower(u.username) ASC LIMIT $3 OFFSET $4"
        )))
        .bind(board.as_str())
        .bind(first)
        .bind(limit)
        .bind(offset - above)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(board_row)
        .collect()
    }

    /// Every board rating of each of `users` (for rows that show all platforms).
    pub async fn board_ratings_of(
        &self,
        users: &[UserId],
    ) -> Result<HashMap<UserId, BTreeMap<Board, i64>>, sqlx::Error> {
        if users.is_empty() {
            return Ok(HashMap::new());
        }
        let sql = format!(
            "SELECT board, user_id, rating FROM board_entries WHERE user_id IN ({})",
            placeholders(1, users.len())
        );
        let mut query = sqlx::query(AssertSqlSafe(sql)).persistent(false);
        for user in users {
            query = query.bind(user.to_string());
        }
        let mut ratings: HashMap<UserId, BTreeMap<Board, i64>> = HashMap::new();
        for row in query.fetch_all(self.pool()).await? {
            let board: String = row.try_get("board")?;
            if let Some(board) = Board::parse(&board) {
                let user = decode_id("user_id", &row.try_get::<String, _>("user_id")?)?;
                ratings
                    .entry(user)
                    .or_default()
                    .insert(board, row.try_get("rating")?);
            }
        }
        Ok(ratings)
    }
}

/// The condition restricting a board to `scope` (`e` is the board's alias), and the
/// placeholder after it. For a followed-by scope the user's id is bound at `$next`.
fn scope_condition(scope: BoardScope, next: usize) -> (String, usize) {
    match scope {
        BoardScope::Everyone => (String::new(), next),
        BoardScope::FollowedBy(_) => (
            format!(
                " AND (e.user_id = ${next} OR e.user_id IN \
                 (SELECT followee_id FROM follows WHERE follower_id = ${next}))"
            ),
            next + 1,
        ),
    }
}

fn board_row(row: &sqlx::any::AnyRow) -> Result<BoardRow, sqlx::Error> {
    Ok(BoardRow {
        user_id: decode_id("user_id", &row.try_get::<String, _>("user_id")?)?,
        username: row.try_get("username")?,
        name: row.try_get("name")?,
        picture_url: row.try_get("picture_url")?,
        rating: row.try_get("rating")?,
        badge: row.try_get("badge")?,
    })
}
