//! `/v1/users/me/handles`, `/v1/users/me/ratings/refresh` and rating history (tag `ratings`).

use poem::{Request, web::Data};
use poem_openapi::{
    ApiResponse, Enum, Object, OpenApi,
    param::{Path, Query},
    payload::Json,
};
use profilehub_jobs::Platform;

use super::{
    ApiTags, NoContent, Ok200,
    body::JsonBody,
    pagination::{LimitParam, Paged, page_of},
    params::PlatformParam,
    security::BearerAuth,
};
use crate::{
    AppState,
    domain::ratings::{Link, LinkStatus, ProfileRatings, shown},
    error::{ALWAYS, AUTH, ApiResult, BODY, ErrorCode, codes},
    services::ratings::{ContestPoint, Window},
};

/// A rating platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "lowercase")]
pub enum PlatformName {
    /// codechef.com
    Codechef,
    /// leetcode.com
    Leetcode,
    /// codeforces.com
    Codeforces,
    /// atcoder.jp
    Atcoder,
}

impl From<Platform> for PlatformName {
    fn from(platform: Platform) -> Self {
        match platform {
            Platform::Codechef => Self::Codechef,
            Platform::Leetcode => Self::Leetcode,
            Platform::Codeforces => Self::Codeforces,
            Platform::Atcoder => Self::Atcoder,
        }
    }
}

/// What is known about a linked handle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum RatingStatus {
    /// The last fetch found a rating.
    Ok,
    /// The account exists but has no rated contest yet.
    Unrated,
    /// The platform has no such account; not fetched again until the handle changes.
    NotFound,
    /// Linked, not fetched yet.
    Pending,
    /// Every fetch so far failed; it will be retried.
    Error,
}

impl From<LinkStatus> for RatingStatus {
    fn from(status: LinkStatus) -> Self {
        match status {
            LinkStatus::Pending => Self::Pending,
            LinkStatus::Ok => Self::Ok,
            LinkStatus::Unrated => Self::Unrated,
            LinkStatus::NotFound => Self::NotFound,
            LinkStatus::Error => Self::Error,
        }
    }
}

/// One platform's rating on a profile. Values are the last good ones: a failed refresh
/// never erases them. Ratings are shown rounded to whole numbers.
#[derive(Debug, Clone, PartialEq, Object)]
#[oai(rename_all = "camelCase")]
pub struct PlatformRating {
    /// The linked handle.
    pub handle: String,
    /// Current rating.
    #[oai(nullable)]
    pub rating: Option<i64>,
    /// Highest rating, where the platform reports it.
    #[oai(nullable)]
    pub max_rating: Option<i64>,
    /// Rated contests taken part in.
    #[oai(nullable)]
    pub attended_contests_count: Option<i64>,
    /// The platform's title for the rating (`expert`, `5 star`, `Knight`, `brown`).
    #[oai(nullable)]
    pub badge: Option<String>,
    /// When the values were fetched (epoch milliseconds).
    #[oai(nullable)]
    pub fetch_time: Option<i64>,
    /// State of the link.
    pub status: RatingStatus,
}

impl From<&Link> for PlatformRating {
    fn from(link: &Link) -> Self {
        Self {
            handle: link.handle.clone(),
            rating: link.rating.map(shown),
            max_rating: link.max_rating.map(shown),
            attended_contests_count: link.attended_contests,
            badge: link.badge.clone(),
            fetch_time: link.fetch_time,
            status: link.status.into(),
        }
    }
}

/// Ratings on a profile: the aggregate and one entry per platform (`null` if not linked).
#[derive(Debug, Clone, PartialEq, Object)]
#[oai(rename_all = "camelCase")]
pub struct Ratings {
    /// Best weighted rating (CodeChef × 0.76, LeetCode × 0.695, Codeforces × 1.0,
    /// AtCoder × 1.0) over platforms with status `ok`, rounded; `null` if none.
    #[oai(nullable)]
    pub aggregate_rating: Option<i64>,
    /// CodeChef.
    #[oai(nullable)]
    pub codechef: Option<PlatformRating>,
    /// LeetCode.
    #[oai(nullable)]
    pub leetcode: Option<PlatformRating>,
    /// Codeforces.
    #[oai(nullable)]
    pub codeforces: Option<PlatformRating>,
    /// AtCoder.
    #[oai(nullable)]
    pub atcoder: Option<PlatformRating>,
}

impl From<&ProfileRatings> for Ratings {
    fn from(ratings: &ProfileRatings) -> Self {
        let entry = |p| ratings.by_platform.get(&p).map(PlatformRating::from);
        Self {
            aggregate_rating: ratings.aggregate,
            codechef: entry(Platform::Codechef),
            leetcode: entry(Platform::Leetcode),
            codeforces: entry(Platform::Codeforces),
            atcoder: entry(Platform::Atcoder),
        }
    }
}

/// A linked handle as its owner sees it, with the refresher's bookkeeping.
#[derive(Debug, Clone, PartialEq, Object)]
#[oai(rename_all = "camelCase")]
pub struct LinkedHandleView {
    /// Platform.
    pub platform: PlatformName,
    /// Rating and status.
    #[oai(flatten)]
    pub rating: PlatformRating,
    /// Last fetch attempt (epoch ms).
    #[oai(nullable)]
    pub last_attempt_at: Option<i64>,
    /// Why the last attempt failed, if it did.
    #[oai(nullable)]
    pub last_error: Option<String>,
    /// No attempt before this time after a failure (epoch ms).
    #[oai(nullable)]
    pub next_attempt_at: Option<i64>,
    /// An immediate fetch is queued.
    pub queued: bool,
}

impl From<&Link> for LinkedHandleView {
    fn from(link: &Link) -> Self {
        Self {
            platform: link.platform.into(),
            rating: link.into(),
            last_attempt_at: link.last_attempt_at,
            last_error: link.last_error.clone(),
            next_attempt_at: link.next_attempt_at,
            queued: link.queued_at.is_some(),
        }
    }
}

/// A handle to link.
#[derive(Debug, Clone, Object)]
#[oai(deny_unknown_fields)]
pub struct SetHandleRequest {
    /// The handle, or a pasted profile URL (`https://codeforces.com/profile/tourist`)
    /// which is reduced to the handle. Its format depends on the platform.
    #[oai(validator(min_length = 1, max_length = 200))]
    pub handle: String,
}

/// How many handles were queued.
#[derive(Debug, Clone, Object)]
pub struct RefreshQueued {
    /// Handles queued for an immediate fetch (those marked `not_found` are not).
    pub queued: u64,
}

/// One rated contest: a point of a user's rating history on a platform.
#[derive(Debug, Clone, Object)]
#[oai(rename_all = "camelCase")]
pub struct ContestRating {
    /// The platform's id of the contest (Codeforces contest id, AtCoder contest such as
    /// `abc416`, CodeChef contest code such as `START177D`, LeetCode contest slug such as
    /// `weekly-contest-252`).
    pub contest_id: String,
    /// The contest's name, as the platform shows it.
    pub contest_name: String,
    /// When the contest happened (epoch ms): its rating update on Codeforces, its end on
    /// AtCoder and CodeChef, its start on LeetCode (the only time it reports).
    pub time: i64,
    /// The user's place in the contest.
    #[oai(nullable)]
    pub rank: Option<i64>,
    /// Rating before the contest, rounded (`null` when the platform reports none).
    #[oai(nullable)]
    pub old_rating: Option<i64>,
    /// Rating after the contest, rounded. The latest contest's is the profile's rating
    /// (unless the platform's last series could not be read; the stored one stays).
    pub new_rating: i64,
}

impl From<ContestPoint> for ContestRating {
    fn from(point: ContestPoint) -> Self {
        Self {
            contest_id: point.contest_id,
            contest_name: point.contest_name,
            time: point.happened_at,
            rank: point.place,
            old_rating: point.old_rating.map(shown),
            new_rating: shown(point.new_rating),
        }
    }
}

page_of!(
    /// A page of a user's rated contests on one platform, newest first.
    ContestHistoryPage,
    ContestRating
);

/// `202 Accepted`.
#[derive(ApiResponse)]
pub enum Accepted {
    /// Queued; the refresh runs in the background.
    #[oai(status = 202)]
    Accepted(Json<RefreshQueued>),
}

/// Rating operations.
#[derive(Default)]
pub struct RatingsApi;

#[OpenApi(tag = "ApiTags::Ratings")]
impl RatingsApi {
    /// Link a platform handle
    ///
    /// Links (or replaces) the caller's handle on a platform. A pasted profile URL is
    /// reduced to the handle; a malformed handle gives 422 `VALIDATION_FAILED`. A new handle
    /// clears the previous values and history; a fetch is queued at once (status `pending`).
    #[oai(
        path = "/v1/users/me/handles/:platform",
        method = "put",
        operation_id = "link_handle"
    )]
    async fn link_handle(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        /// `codechef`, `leetcode`, `codeforces` or `atcoder`.
        platform: Path<PlatformParam>,
        body: JsonBody<SetHandleRequest>,
    ) -> ApiResult<Ok200<LinkedHandleView>, { ALWAYS | AUTH | BODY }> {
        let caller = auth.caller(&state).await?;
        let platform = platform.0.choice()?;
        let linked = state
            .ratings
            .link(caller.user_id, platform, &body.0.handle)
            .await?;
        Ok(Ok200::Ok(Json((&linked).into())))
    }

    /// Unlink a platform handle
    ///
    /// Removes the handle, its ratings and its history. Idempotent.
    #[oai(
        path = "/v1/users/me/handles/:platform",
        method = "delete",
        operation_id = "unlink_handle"
    )]
    async fn unlink_handle(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        /// `codechef`, `leetcode`, `codeforces` or `atcoder`.
        platform: Path<PlatformParam>,
    ) -> ApiResult<NoContent, { ALWAYS | AUTH | codes(&[ErrorCode::BadRequest]) }> {
        let caller = auth.caller(&state).await?;
        let platform = platform.0.choice()?;
        state.ratings.unlink(caller.user_id, platform).await?;
        Ok(NoContent::NoContent)
    }

    /// List my linked handles
    ///
    /// Every linked handle with its rating, status and the refresher's bookkeeping
    /// (last attempt, last error, next attempt).
    #[oai(
        path = "/v1/users/me/handles",
        method = "get",
        operation_id = "list_handles"
    )]
    async fn list_handles(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
    ) -> ApiResult<Ok200<Vec<LinkedHandleView>>, { ALWAYS | AUTH }> {
        let caller = auth.caller(&state).await?;
        let links = state.ratings.links(caller.user_id).await?;
        Ok(Ok200::Ok(Json(links.iter().map(Into::into).collect())))
    }

    /// Refresh my ratings now
    ///
    /// Queues all of the caller's handles for an immediate fetch. At most once per
    /// 5 minutes per user; sooner gives 429 `RATE_LIMITED` with `Retry-After`.
    #[oai(
        path = "/v1/users/me/ratings/refresh",
        method = "post",
        operation_id = "refresh_ratings"
    )]
    async fn refresh_ratings(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
    ) -> ApiResult<Accepted, { ALWAYS | AUTH | codes(&[ErrorCode::RateLimited]) }> {
        let caller = auth.caller(&state).await?;
        let queued = state.ratings.request_refresh(caller.user_id).await?;
        Ok(Accepted::Accepted(Json(RefreshQueued { queued })))
    }

    /// Get a user's contest history
    ///
    /// The rated contests of `username` on `platform`, newest first, one page at a time
    /// (`limit`, `cursor`; see the API's pagination convention): each with the platform's
    /// contest id and name, its time, the user's place and the rating before and after.
    /// `from` and `to` (epoch ms, inclusive) narrow it to a time window. The series is the
    /// platform's own, refreshed with the handle's rating; a user without a handle on the
    /// platform has an empty history. Unknown user → 404 `USER_NOT_FOUND`.
    #[oai(
        path = "/v1/profiles/:username/ratings/history",
        method = "get",
        operation_id = "get_rating_history"
    )]
    #[allow(clippy::too_many_arguments)] // one per query parameter of the operation
    async fn rating_history(
        &self,
        state: Data<&AppState>,
        request: &Request,
        /// Username, in any case.
        username: Path<String>,
        /// `codechef`, `leetcode`, `codeforces` or `atcoder`.
        platform: Query<PlatformParam>,
        /// Only contests at or after this time (epoch ms).
        from: Query<Option<i64>>,
        /// Only contests at or before this time (epoch ms).
        to: Query<Option<i64>>,
        /// Rows per page, 1–100 (default 20).
        limit: Query<Option<LimitParam>>,
        /// `nextCursor` of the previous page; absent for the first page.
        cursor: Query<Option<String>>,
    ) -> ApiResult<
        Paged<ContestHistoryPage>,
        {
            ALWAYS
                | codes(&[
                    ErrorCode::BadRequest,
                    ErrorCode::InvalidCursor,
                    ErrorCode::UserNotFound,
                ])
        },
    > {
        let platform = platform.0.choice()?;
        let limit = LimitParam::value(limit.0.as_ref())?;
        let user = state.users.by_name(&username.0).await?;
        let window = Window {
            from: from.0,
            to: to.0,
        };
        let listing = state
            .ratings
            .contest_history(user.id, platform, window, limit, cursor.0.as_deref())
            .await?;
        let next = listing.next_cursor.clone();
        Ok(Paged::new(
            request,
            ContestHistoryPage {
                items: listing.items.into_iter().map(Into::into).collect(),
                next_cursor: listing.next_cursor,
            },
            next.as_deref(),
        ))
    }
}
