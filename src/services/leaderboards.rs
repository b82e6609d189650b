//! Leaderboards: pages of a board with competition ranks ("1224": equal ratings share a
//! rank), a user's standing on a board, and Digitomize's page-numbered leaderboard.
//!
//! Everything is read from the stored boards (`store::boards`), never computed over a
//! whole board per request: pages follow the board's index (keyset on rating and user id),
//! and a rank is one more than the number of users rated strictly higher, summed from the
//! board's rank counts (at most 14 rows, whatever the board's size).
//!
//! Pages (everyone's, and each caller's following scope), standings and Digitomize's
//! pages are kept in the profile cache ([`BoardSlot`]), served only while no user changed
//! since they were read. Pages and standings are kept as the bodies the API sends
//! ([`RenderedRead`], serialised by the caller's `render`), so a hit costs neither a query
//! nor a serialisation.

use std::{
    any::Any,
    collections::{BTreeMap, HashMap},
    future::Future,
    sync::Arc,
};

use bytes::Bytes;

use super::{
    paging::Pages,
    profiles::{BoardSlot, ProfileCache, kept},
    store::Store,
    users::{Users, user_not_found},
};
use crate::{
    domain::{
        UserId, Username,
        boards::{Board, competition_rank, percentile},
        page::{Listing, Page},
    },
    error::{ApiError, ErrorCode},
    security::cursors::Cursors,
};

pub use super::store::boards::{BoardRow, BoardScope};

/// Rows Digitomize's leaderboard shows per page, after its top three.
pub const DIGITOMIZE_PAGE_SIZE: i64 = 5;
/// Rows Digitomize's leaderboard shows above every page.
pub const DIGITOMIZE_TOP: i64 = 3;
/// Rows shown on each side of a user's standing.
const NEIGHBOURS: i64 = 2;

/// A board row and its rank.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    /// Competition rank within the board (and scope).
    pub rank: i64,
    /// The row.
    pub row: BoardRow,
}

/// A user's place on a board.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    /// The user's own row and rank.
    pub me: Ranked,
    /// Users on the board.
    pub total: i64,
    /// The share of the board ranked at or below the user, in percent.
    pub percentile: f64,
    /// Up to two users right above (best first).
    pub above: Vec<Ranked>,
    /// Up to two users right below (best first).
    pub below: Vec<Ranked>,
}

/// A row of Digitomize's leaderboard: the user and every rating it shows.
#[derive(Debug, Clone, PartialEq)]
pub struct DigitomizeRow {
    /// The row on the board asked for.
    pub row: BoardRow,
    /// The user's rating on every board they are on.
    pub ratings: BTreeMap<Board, i64>,
}

/// A leaderboard answer as the wire shows it, serialised once (what the cache keeps).
#[derive(Debug)]
pub struct RenderedRead {
    /// The JSON body.
    pub body: Bytes,
    /// The cursor to the next page, for the `Link` header (pages that have one).
    pub next_cursor: Option<String>,
}

impl RenderedRead {
    fn new(body: Vec<u8>, next_cursor: Option<String>) -> Self {
        Self {
            body: kept(body),
            next_cursor,
        }
    }

    /// About what it holds in memory.
    fn bytes(&self) -> usize {
        self.body.len() + self.next_cursor.as_ref().map_or(0, String::len) + 64
    }
}

/// One page of Digitomize's leaderboard.
#[derive(Debug, Clone, PartialEq)]
pub struct DigitomizePage {
    /// Users on the board.
    pub total: i64,
    /// The best three.
    pub top: Vec<DigitomizeRow>,
    /// The page's rows (after the top three).
    pub rows: Vec<DigitomizeRow>,
}

/// Leaderboards.
#[derive(Debug, Clone)]
pub struct Leaderboards {
    store: Store,
    users: Users,
    cursors: Cursors,
    cache: Option<Arc<ProfileCache>>,
}

/// Roughly what a cached Digitomize board row costs in memory (names, URLs, ratings).
const ROW_BYTES: usize = 240;

impl Leaderboards {
    pub(crate) fn new(
        store: Store,
        users: Users,
        cursors: Cursors,
        cache: Option<Arc<ProfileCache>>,
    ) -> Self {
        Self {
            store,
            users,
            cursors,
            cache,
        }
    }

    /// `read` through the cache under `slot` (`bytes`: about what it holds in memory).
    async fn cached<T, F>(
        &self,
        slot: BoardSlot,
        bytes: impl Fn(&T) -> usize,
        read: impl FnOnce() -> F,
    ) -> Result<Arc<T>, ApiError>
    where
        T: Any + Send + Sync,
        F: Future<Output = Result<T, ApiError>>,
    {
        let Some(cache) = &self.cache else {
            return read().await.map(Arc::new);
        };
        if let Some(hit) = cache.board(&slot) {
            return Ok(hit);
        }
        let ticket = cache.ticket(None);
        let value = Arc::new(read().await?);
        let size = bytes(&value);
        cache.admit_board(slot, Arc::clone(&value), size, ticket);
        Ok(value)
    }

    /// A page of `board` in `scope`, best first, each row with its rank in that scope,
    /// as `render` serialises it. Pages are kept serialised (a hit costs no query and no
    /// serialisation); a caller's following scope is kept per caller, and a follow or an
    /// unfollow announces its follower, which ends it like any change.
    pub async fn page(
        &self,
        board: Board,
        scope: BoardScope,
        limit: Option<i64>,
        cursor: Option<&str>,
        render: impl FnOnce(&Listing<Ranked>) -> Vec<u8>,
    ) -> Result<Arc<RenderedRead>, ApiError> {
        let scope_key = match scope {
            BoardScope::Everyone => "everyone".to_string(),
            BoardScope::FollowedBy(me) => format!("following:{me}"),
        };
        let pages = Pages::new(
            &self.cursors,
            format!("board:{}:{scope_key}", board.as_str()),
        );
        let request = pages.request(limit, cursor)?;
        let read = || async {
            let page = self.store.board_page(board, scope, &request).await?;
            let items = self.ranked(board, scope, page.items).await?;
            let listing = pages.listing(Page {
                items,
                next: page.next,
            });
            Ok(RenderedRead::new(render(&listing), listing.next_cursor))
        };
        let slot = BoardSlot::Page(board, scope, request.clone());
        self.cached(slot, RenderedRead::bytes, read).await
    }

    /// `username`'s standing on `board`, as `render` serialises it (kept serialised): 404
    /// `USER_NOT_FOUND` for no such user, 404 `NOT_RANKED` when they hold no rating there.
    pub async fn standing(
        &self,
        username: &str,
        board: Board,
        render: impl FnOnce(&Standing) -> Vec<u8>,
    ) -> Result<Arc<RenderedRead>, ApiError> {
        let slot = BoardSlot::Standing(board, username.to_lowercase().into());
        self.cached(slot, RenderedRead::bytes, || async {
            let standing = self.read_standing(username, board).await?;
            Ok(RenderedRead::new(render(&standing), None))
        })
        .await
    }

    /// Two queries whatever the board's size: the user's row and its neighbours, then the
    /// rank counts of their ratings.
    async fn read_standing(&self, username: &str, board: Board) -> Result<Standing, ApiError> {
        let found = match Username::parse(username) {
            Ok(_) => {
                self.store
                    .board_standing(board, username, NEIGHBOURS)
                    .await?
            }
            Err(_) => None,
        };
        let found = found.ok_or_else(user_not_found)?;
        let row = found.row.ok_or_else(|| {
            ApiError::new(
                ErrorCode::NotRanked,
                format!(
                    "{} holds no rating on the {} board (ratings count once a fetch found one).",
                    found.username,
                    board.as_str()
                ),
            )
        })?;
        let mut rows: Vec<BoardRow> = found.above.into_iter().rev().collect();
        let above_count = rows.len();
        rows.push(row);
        rows.extend(found.below);
        let ratings = distinct_ratings(&rows);
        let (above, total) = self.store.rated_above_and_total(board, &ratings).await?;
        let mut ranked = with_ranks(rows, &ratings, above);
        let below = ranked.split_off(above_count + 1);
        let me = ranked.pop().expect("the user's own row");
        Ok(Standing {
            percentile: percentile(me.rank, total),
            me,
            total,
            above: ranked,
            below,
        })
    }

    /// Page `page` (from 1) of Digitomize's leaderboard of `board`: the best three, then
    /// [`DIGITOMIZE_PAGE_SIZE`] rows per page, in rating order with ties by username.
    pub async fn digitomize_page(
        &self,
        board: Board,
        page: i64,
    ) -> Result<Arc<DigitomizePage>, ApiError> {
        let rows = |p: &DigitomizePage| (p.top.len() + p.rows.len()) * ROW_BYTES + 200;
        self.cached(BoardSlot::Digitomize(board, page), rows, || {
            self.read_digitomize_page(board, page)
        })
        .await
    }

    async fn read_digitomize_page(
        &self,
        board: Board,
        page: i64,
    ) -> Result<DigitomizePage, ApiError> {
        let total = self.store.board_size(board, BoardScope::Everyone).await?;
        let top = self
            .store
            .board_rows_by_name(board, 0, DIGITOMIZE_TOP)
            .await?;
        let offset = DIGITOMIZE_TOP
            .saturating_add(page.saturating_sub(1).saturating_mul(DIGITOMIZE_PAGE_SIZE));
        let rows = self
            .store
            .board_rows_by_name(board, offset, DIGITOMIZE_PAGE_SIZE)
            .await?;
        let users: Vec<UserId> = top.iter().chain(&rows).map(|r| r.user_id).collect();
        let mut ratings = self.store.board_ratings_of(&users).await?;
        let mut with_ratings = |rows: Vec<BoardRow>| -> Vec<DigitomizeRow> {
            rows.into_iter()
                .map(|row| DigitomizeRow {
                    ratings: ratings.remove(&row.user_id).unwrap_or_default(),
                    row,
                })
                .collect()
        };
        Ok(DigitomizePage {
            total,
            top: with_ratings(top),
            rows: with_ratings(rows),
        })
    }

    /// `username`'s rank on `board` and every rating they hold, for Digitomize's
    /// `?username=`; `None` when they hold no rating on `board`. Unknown user → 404.
    pub async fn digitomize_position(
        &self,
        username: &str,
        board: Board,
    ) -> Result<Option<(i64, BTreeMap<Board, i64>)>, ApiError> {
        let user = self.users.by_name(username).await?;
        let mut ratings = self.store.board_ratings_of(&[user.id]).await?;
        let ratings = ratings.remove(&user.id).unwrap_or_default();
        let Some(&rating) = ratings.get(&board) else {
            return Ok(None);
        };
        let above = self
            .store
            .rated_above(board, BoardScope::Everyone, &[rating])
            .await?;
        Ok(Some((competition_rank(above[0]), ratings)))
    }

    /// `rows` (in board order) with their ranks: one rank-count read for all of them.
    async fn ranked(
        &self,
        board: Board,
        scope: BoardScope,
        rows: Vec<BoardRow>,
    ) -> Result<Vec<Ranked>, ApiError> {
        let ratings = distinct_ratings(&rows);
        let above = self.store.rated_above(board, scope, &ratings).await?;
        Ok(with_ranks(rows, &ratings, above))
    }
}

/// The distinct ratings of `rows`, which are in board order.
fn distinct_ratings(rows: &[BoardRow]) -> Vec<i64> {
    let mut ratings: Vec<i64> = rows.iter().map(|r| r.rating).collect();
    ratings.dedup();
    ratings
}

/// `rows` with their competition ranks, given how many are rated `above` each of `ratings`.
fn with_ranks(rows: Vec<BoardRow>, ratings: &[i64], above: Vec<i64>) -> Vec<Ranked> {
    let ranks: HashMap<i64, i64> = ratings
        .iter()
        .zip(above)
        .map(|(rating, above)| (*rating, competition_rank(above)))
        .collect();
    rows.into_iter()
        .map(|row| Ranked {
            rank: ranks[&row.rating],
            row,
        })
        .collect()
}
