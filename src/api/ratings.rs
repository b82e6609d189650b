//! `/v1/users/me/handles`, `/v1/users/me/ratings/refresh` and rating history (tag `ratings`).

use poem::web::Data;
use poem_openapi::{
    ApiResponse, Enum, Object, OpenApi,
    param::{Path, Query},
    payload::Json,
};
use profilehub_jobs::Platform;

use super::{
    ApiTags, NoContent, Ok200, body::JsonBody, params::PlatformParam, security::BearerAuth,
};
use crate::{
    AppState,
    domain::ratings::{Link, LinkStatus, ProfileRatings, shown},
    error::{ALWAYS, AUTH, ApiResult, BODY, ErrorCode, codes},
    services::ratings::HistoryPoint,
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

/// One point of rating history.
#[derive(Debug, Clone, Object)]
#[oai(rename_all = "camelCase")]
pub struct RatingPoint {
    /// When the value was fetched (epoch ms).
    pub fetch_time: i64,
    /// Rating, rounded.
    pub rating: i64,
    /// Highest rating.
    #[oai(nullable)]
    pub max_rating: Option<i64>,
    /// Rated contests taken part in.
    #[oai(nullable)]
    pub attended_contests_count: Option<i64>,
    /// Platform title.
    #[oai(nullable)]
    pub badge: Option<String>,
}

impl From<&HistoryPoint> for RatingPoint {
    fn from(point: &HistoryPoint) -> Self {
        Self {
            fetch_time: point.recorded_at,
            rating: shown(point.rating),
            max_rating: point.max_rating.map(shown),
            attended_contests_count: point.attended_contests,
            badge: point.badge.clone(),
        }
    }
}

/// A user's rating over time on one platform.
#[derive(Debug, Clone, Object)]
#[oai(rename_all = "camelCase")]
pub struct RatingHistory {
    /// Platform.
    pub platform: PlatformName,
    /// The currently linked handle (`null` if none).
    #[oai(nullable)]
    pub handle: Option<String>,
    /// One point whenever a fetched value changed, oldest first.
    pub points: Vec<RatingPoint>,
}

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

    /// Get a user's rating history
    ///
    /// The rating over time on one platform: a point is recorded whenever a fetched value
    /// changes. Unknown user → 404 `USER_NOT_FOUND`.
    #[oai(
        path = "/v1/profiles/:username/ratings/history",
        method = "get",
        operation_id = "get_rating_history"
    )]
    async fn rating_history(
        &self,
        state: Data<&AppState>,
        /// Username, in any case.
        username: Path<String>,
        /// `codechef`, `leetcode`, `codeforces` or `atcoder`.
        platform: Query<PlatformParam>,
    ) -> ApiResult<
        Ok200<RatingHistory>,
        { ALWAYS | codes(&[ErrorCode::BadRequest, ErrorCode::UserNotFound]) },
    > {
        let platform = platform.0.choice()?;
        let user = state.users.by_name(&username.0).await?;
        let handle = state
            .ratings
            .links(user.id)
            .await?
            .into_iter()
            .find(|link| link.platform == platform)
            .map(|link| link.handle);
        let points = state.ratings.history(user.id, platform).await?;
        Ok(Ok200::Ok(Json(RatingHistory {
            platform: platform.into(),
            handle,
            points: points.iter().map(Into::into).collect(),
        })))
    }
}
