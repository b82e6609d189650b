//! Leaderboards on the wire: a board's pages (the API's one pagination convention) with
//! competition ranks, and a user's standing on a board.

use poem::{Request, web::Data};
use poem_openapi::{
    Enum, Object, OpenApi,
    param::{Path, Query},
};

use super::{
    ApiTags,
    pagination::{LimitParam, Paged, page_of},
    params::{BoardParam, Choice, ChoiceParam},
    prerendered::{Ok200Rendered, PreRendered},
    security::OptionalBearerAuth,
};
use profilehub_jobs::Platform;

use crate::{
    AppState,
    domain::boards::Board,
    error::{ALWAYS, AUTH, ApiError, ApiResult, ErrorCode, codes},
    services::leaderboards::{BoardScope, Ranked, Standing},
};

/// Leaderboard operations.
#[derive(Default)]
pub struct LeaderboardsApi;

/// One row of a leaderboard.
#[derive(Debug, Clone, Object)]
#[oai(rename_all = "camelCase")]
pub struct BoardEntry {
    /// Competition rank: equal ratings share a rank and the next rank skips ("1224").
    pub rank: u64,
    /// Username.
    pub username: String,
    /// Display name.
    #[oai(nullable)]
    pub name: Option<String>,
    /// Avatar image URL.
    #[oai(nullable)]
    pub picture_url: Option<String>,
    /// Rating on this board (the profile's `aggregateRating` on the aggregate board).
    pub rating: i64,
    /// Title on the board's platform (`expert`, `3 star`); `null` on the aggregate board.
    #[oai(nullable)]
    pub badge: Option<String>,
}

impl From<&Ranked> for BoardEntry {
    fn from(ranked: &Ranked) -> Self {
        Self {
            rank: u64::try_from(ranked.rank).unwrap_or(0),
            username: ranked.row.username.clone(),
            name: ranked.row.name.clone(),
            picture_url: ranked.row.picture_url.clone(),
            rating: ranked.row.rating,
            badge: ranked.row.badge.clone(),
        }
    }
}

page_of!(
    /// A page of a leaderboard, best first (rating descending; equal ratings in a stable
    /// order).
    LeaderboardPage,
    BoardEntry
);

/// The users around someone on a leaderboard.
#[derive(Debug, Clone, Object)]
#[oai(rename_all = "camelCase")]
pub struct Neighbours {
    /// Up to two users right above, best first.
    pub above: Vec<BoardEntry>,
    /// Up to two users right below, best first.
    pub below: Vec<BoardEntry>,
}

/// A leaderboard: by the aggregate rating, or by one platform's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "lowercase")]
pub enum BoardName {
    /// The profile's `aggregateRating`.
    Aggregate,
    /// CodeChef.
    Codechef,
    /// LeetCode.
    Leetcode,
    /// Codeforces.
    Codeforces,
    /// AtCoder.
    Atcoder,
}

impl From<Board> for BoardName {
    fn from(board: Board) -> Self {
        match board {
            Board::Aggregate => Self::Aggregate,
            Board::Platform(Platform::Codechef) => Self::Codechef,
            Board::Platform(Platform::Leetcode) => Self::Leetcode,
            Board::Platform(Platform::Codeforces) => Self::Codeforces,
            Board::Platform(Platform::Atcoder) => Self::Atcoder,
        }
    }
}

/// A user's place on a leaderboard.
#[derive(Debug, Clone, Object)]
#[oai(rename_all = "camelCase")]
pub struct BoardStanding {
    /// The board.
    pub board: BoardName,
    /// Competition rank (1 is the best).
    pub rank: u64,
    /// Users on the board.
    pub total: u64,
    /// Share of the board ranked at or below this user, in percent (the leader: 100).
    pub percentile: f64,
    /// The user's rating on the board.
    pub rating: i64,
    /// The users around them.
    pub neighbours: Neighbours,
}

impl BoardStanding {
    fn new(board: Board, standing: &Standing) -> Self {
        let entries = |rows: &[Ranked]| rows.iter().map(BoardEntry::from).collect();
        Self {
            board: board.into(),
            rank: u64::try_from(standing.me.rank).unwrap_or(0),
            total: u64::try_from(standing.total).unwrap_or(0),
            percentile: standing.percentile,
            rating: standing.me.row.rating,
            neighbours: Neighbours {
                above: entries(&standing.above),
                below: entries(&standing.below),
            },
        }
    }
}

/// Who a leaderboard lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeName {
    /// Everyone on the board.
    Everyone,
    /// The caller and the people they follow (needs a bearer token).
    Following,
}

impl Choice for ScopeName {
    const ALL: &'static [Self] = &[ScopeName::Everyone, ScopeName::Following];
    const TYPE_NAME: &'static str = "string(scope)";
    fn as_str(self) -> &'static str {
        match self {
            ScopeName::Everyone => "everyone",
            ScopeName::Following => "following",
        }
    }
    fn unknown(raw: &str, choices: &str) -> String {
        format!("Unknown scope `{raw}`; scopes: {choices}.")
    }
}

/// The board a query names (the aggregate one when absent).
fn board_of(board: &Query<Option<BoardParam>>) -> Result<Board, ApiError> {
    board
        .0
        .as_ref()
        .map_or(Ok(Board::Aggregate), BoardParam::choice)
}

#[OpenApi(tag = "ApiTags::Leaderboards")]
impl LeaderboardsApi {
    /// List a leaderboard
    ///
    /// Users by their rating on `board` (default `aggregate`: the profile's
    /// `aggregateRating`), best first, with competition ranks ("1224"). Only ratings whose
    /// last fetch was `ok` count; disabled accounts never appear. `scope=following`
    /// (with a bearer token) lists the caller and the people they follow, ranked among
    /// themselves. One page at a time (`limit`, `cursor`; see the API's pagination
    /// convention).
    #[oai(
        path = "/v1/leaderboard",
        method = "get",
        operation_id = "list_leaderboard"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn list(
        &self,
        state: Data<&AppState>,
        request: &Request,
        auth: OptionalBearerAuth,
        /// The board: `aggregate` (default) or a platform.
        board: Query<Option<BoardParam>>,
        /// `everyone` (default) or `following` (needs a bearer token).
        scope: Query<Option<ChoiceParam<ScopeName>>>,
        /// Rows per page, 1–100 (default 20).
        limit: Query<Option<LimitParam>>,
        /// `nextCursor` of the previous page; absent for the first page.
        cursor: Query<Option<String>>,
    ) -> ApiResult<
        Paged<LeaderboardPage>,
        { ALWAYS | AUTH | codes(&[ErrorCode::BadRequest, ErrorCode::InvalidCursor]) },
    > {
        let board = board_of(&board)?;
        let scope = match scope.0.as_ref().map(ChoiceParam::choice).transpose()? {
            None | Some(ScopeName::Everyone) => BoardScope::Everyone,
            Some(ScopeName::Following) => {
                let caller = auth.caller(&state).await?.ok_or_else(|| {
                    ApiError::new(
                        ErrorCode::GenericUnauthorized,
                        "`scope=following` needs `Authorization: Bearer <access token>`.",
                    )
                })?;
                BoardScope::FollowedBy(caller.user_id)
            }
        };
        let limit = LimitParam::value(limit.0.as_ref())?;
        let page = state
            .leaderboards
            .page(board, scope, limit, cursor.0.as_deref(), |listing| {
                PreRendered::render(&LeaderboardPage {
                    items: listing.items.iter().map(BoardEntry::from).collect(),
                    next_cursor: listing.next_cursor.clone(),
                })
            })
            .await?;
        Ok(Paged::rendered(
            request,
            page.body.clone(),
            page.next_cursor.as_deref(),
        ))
    }

    /// Get a user's standing on a leaderboard
    ///
    /// `username`'s rank on `board` (default `aggregate`), how many users the board
    /// holds, their percentile and the two users right above and below. Read from the
    /// board's index and rank counts, never by scanning the board. Unknown user → 404
    /// `USER_NOT_FOUND`; no rating on that board → 404 `NOT_RANKED`.
    #[oai(
        path = "/v1/leaderboard/:username",
        method = "get",
        operation_id = "get_leaderboard_standing"
    )]
    async fn standing(
        &self,
        state: Data<&AppState>,
        /// Username, in any case.
        username: Path<String>,
        /// The board: `aggregate` (default) or a platform.
        board: Query<Option<BoardParam>>,
    ) -> ApiResult<
        Ok200Rendered<BoardStanding>,
        {
            ALWAYS
                | codes(&[
                    ErrorCode::BadRequest,
                    ErrorCode::UserNotFound,
                    ErrorCode::NotRanked,
                ])
        },
    > {
        let board = board_of(&board)?;
        let standing = state
            .leaderboards
            .standing(&username.0, board, |standing| {
                PreRendered::render(&BoardStanding::new(board, standing))
            })
            .await?;
        Ok(Ok200Rendered::Ok(PreRendered::from_bytes(
            standing.body.clone(),
        )))
    }
}
