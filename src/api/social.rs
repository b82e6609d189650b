//! Follows on the wire: follow and unfollow by username, the followers and following lists
//! of a profile (the API's one pagination convention), and relationships in bulk.

use chrono::{DateTime, Utc};
use poem::{Request, web::Data};
use poem_openapi::{
    Object, OpenApi,
    param::{Path, Query},
    payload::Json,
};

use super::{
    ApiTags, NoContent, Ok200,
    pagination::{LimitParam, Paged, page_of},
    params::UsernameList,
    security::BearerAuth,
    time,
};
use crate::{
    AppState,
    error::{ALWAYS, AUTH, ApiResult, ErrorCode, codes},
    services::social::{Follow, FollowSide, MAX_RELATIONSHIPS, Relationship},
};

/// Follow operations.
#[derive(Default)]
pub struct SocialApi;

/// Someone in a followers or following list.
#[derive(Debug, Clone, Object)]
#[oai(rename_all = "camelCase")]
pub struct FollowedUser {
    /// Their username.
    pub username: String,
    /// Their display name.
    #[oai(nullable)]
    pub name: Option<String>,
    /// Their avatar image URL.
    #[oai(nullable)]
    pub picture_url: Option<String>,
    /// When the follow began.
    pub followed_at: DateTime<Utc>,
}

impl From<Follow> for FollowedUser {
    fn from(follow: Follow) -> Self {
        Self {
            username: follow.username,
            name: follow.name,
            picture_url: follow.picture_url,
            followed_at: time(follow.followed_at),
        }
    }
}

page_of!(
    /// A page of followers or followees, newest follow first.
    FollowPage,
    FollowedUser
);

/// How the caller and one other user are related.
#[derive(Debug, Clone, Object)]
#[oai(rename_all = "camelCase")]
pub struct RelationshipView {
    /// The other user's username.
    pub username: String,
    /// The caller follows them.
    pub following: bool,
    /// They follow the caller.
    pub followed_by: bool,
}

impl From<Relationship> for RelationshipView {
    fn from(r: Relationship) -> Self {
        Self {
            username: r.username,
            following: r.following,
            followed_by: r.followed_by,
        }
    }
}

/// The caller's relationships with the users asked about.
#[derive(Debug, Clone, Object)]
#[oai(rename_all = "camelCase")]
pub struct Relationships {
    /// One entry per username that names an account, in the order asked.
    pub items: Vec<RelationshipView>,
}

#[OpenApi(tag = "ApiTags::Social")]
impl SocialApi {
    /// Follow a user
    ///
    /// The caller follows `username` (case-insensitive). Idempotent: following twice is
    /// still one follow. Unknown user → 404 `USER_NOT_FOUND`; yourself → 422
    /// `CANNOT_FOLLOW_SELF`.
    #[oai(
        path = "/v1/users/me/following/:username",
        method = "put",
        operation_id = "follow_user"
    )]
    async fn follow(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        /// The user to follow.
        username: Path<String>,
    ) -> ApiResult<
        NoContent,
        {
            ALWAYS
                | AUTH
                | codes(&[
                    ErrorCode::BadRequest,
                    ErrorCode::UserNotFound,
                    ErrorCode::CannotFollowSelf,
                ])
        },
    > {
        let caller = auth.caller(&state).await?;
        state.social.follow(caller.user_id, &username.0).await?;
        Ok(NoContent::NoContent)
    }

    /// Unfollow a user
    ///
    /// The caller stops following `username`. Idempotent: unfollowing someone not followed
    /// is fine. Unknown user → 404 `USER_NOT_FOUND`.
    #[oai(
        path = "/v1/users/me/following/:username",
        method = "delete",
        operation_id = "unfollow_user"
    )]
    async fn unfollow(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        /// The user to unfollow.
        username: Path<String>,
    ) -> ApiResult<
        NoContent,
        { ALWAYS | AUTH | codes(&[ErrorCode::BadRequest, ErrorCode::UserNotFound]) },
    > {
        let caller = auth.caller(&state).await?;
        state.social.unfollow(caller.user_id, &username.0).await?;
        Ok(NoContent::NoContent)
    }

    /// List a user's followers
    ///
    /// Who follows `username`, newest follow first, one page at a time (`limit`, `cursor`;
    /// see the API's pagination convention).
    #[oai(
        path = "/v1/profiles/:username/followers",
        method = "get",
        operation_id = "list_followers"
    )]
    async fn followers(
        &self,
        state: Data<&AppState>,
        request: &Request,
        /// Username, in any case.
        username: Path<String>,
        /// Rows per page, 1–100 (default 20).
        limit: Query<Option<LimitParam>>,
        /// `nextCursor` of the previous page; absent for the first page.
        cursor: Query<Option<String>>,
    ) -> ApiResult<Paged<FollowPage>, { LIST_CODES }> {
        list(
            &state,
            request,
            &username,
            FollowSide::Followers,
            &limit,
            &cursor,
        )
        .await
    }

    /// List whom a user follows
    ///
    /// Whom `username` follows, newest follow first, one page at a time (`limit`,
    /// `cursor`; see the API's pagination convention).
    #[oai(
        path = "/v1/profiles/:username/following",
        method = "get",
        operation_id = "list_following"
    )]
    async fn following(
        &self,
        state: Data<&AppState>,
        request: &Request,
        /// Username, in any case.
        username: Path<String>,
        /// Rows per page, 1–100 (default 20).
        limit: Query<Option<LimitParam>>,
        /// `nextCursor` of the previous page; absent for the first page.
        cursor: Query<Option<String>>,
    ) -> ApiResult<Paged<FollowPage>, { LIST_CODES }> {
        list(
            &state,
            request,
            &username,
            FollowSide::Following,
            &limit,
            &cursor,
        )
        .await
    }

    /// List who joined through me
    ///
    /// The users who registered with the caller's referral (`referralCode` or
    /// `referrerHandle`), newest first, with `total`. Pages by the API's convention
    /// (`limit`, `cursor`) or, for XBorg clients, by number (`page` from 1, with `limit`).
    #[oai(
        path = "/v1/user/referrals",
        method = "get",
        operation_id = "list_referrals"
    )]
    async fn referrals(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        request: &Request,
        /// Rows per page, 1–100 (default 20).
        limit: Query<Option<LimitParam>>,
        /// `nextCursor` of the previous page; absent for the first page.
        cursor: Query<Option<String>>,
        /// Page number from 1 (instead of `cursor`).
        page: Query<Option<i64>>,
    ) -> ApiResult<
        Paged<ReferralPage>,
        { ALWAYS | AUTH | codes(&[ErrorCode::BadRequest, ErrorCode::InvalidCursor]) },
    > {
        let caller = auth.caller(&state).await?;
        let limit = LimitParam::value(limit.0.as_ref())?;
        let found = state
            .social
            .referrals(caller.user_id, limit, cursor.0.as_deref(), page.0)
            .await?;
        let next = found.listing.next_cursor.clone();
        let unsigned = |n: i64| u64::try_from(n).unwrap_or(0);
        Ok(Paged::new(
            request,
            ReferralPage {
                items: found
                    .listing
                    .items
                    .into_iter()
                    .map(|r| ReferredUser {
                        username: r.username,
                        name: r.name,
                        joined_at: time(r.joined_at),
                        email_verified: r.email_verified,
                    })
                    .collect(),
                next_cursor: found.listing.next_cursor,
                total: unsigned(found.total),
                page: found.numbered.map(|(page, _)| unsigned(page)),
                limit: found.numbered.map(|(_, limit)| unsigned(limit)),
            },
            next.as_deref(),
        ))
    }

    /// Get my relationships with users
    ///
    /// For each of up to 100 comma-separated `usernames`, whether the caller follows them
    /// (`following`) and they follow the caller (`followedBy`): one call renders a list of
    /// follow buttons. Names with no account are left out.
    #[oai(
        path = "/v1/users/me/relationships",
        method = "get",
        operation_id = "get_relationships"
    )]
    async fn relationships(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        /// Comma-separated usernames, at most 100.
        usernames: Query<UsernameList>,
    ) -> ApiResult<Ok200<Relationships>, { ALWAYS | AUTH | codes(&[ErrorCode::BadRequest]) }> {
        let caller = auth.caller(&state).await?;
        let names = usernames.0.names(MAX_RELATIONSHIPS)?;
        let found = state.social.relationships(caller.user_id, &names).await?;
        Ok(Ok200::Ok(Json(Relationships {
            items: found.into_iter().map(Into::into).collect(),
        })))
    }
}

/// Someone who registered with the caller's referral.
#[derive(Debug, Clone, Object)]
#[oai(rename_all = "camelCase")]
pub struct ReferredUser {
    /// Their username.
    pub username: String,
    /// Their display name.
    #[oai(nullable)]
    pub name: Option<String>,
    /// When they registered.
    pub joined_at: DateTime<Utc>,
    /// Whether they verified their email address.
    pub email_verified: bool,
}

/// A page of the users who joined through the caller, newest first.
#[derive(Debug, Clone, Object)]
#[oai(rename_all = "camelCase")]
pub struct ReferralPage {
    /// This page's users.
    pub items: Vec<ReferredUser>,
    /// Pass as `?cursor=` for the next page; `null` on the last page (and with `page`).
    #[oai(nullable)]
    pub next_cursor: Option<String>,
    /// Everyone who joined through the caller.
    pub total: u64,
    /// With `?page=`: this page's number.
    #[oai(skip_serializing_if_is_none)]
    pub page: Option<u64>,
    /// With `?page=`: the page size.
    #[oai(skip_serializing_if_is_none)]
    pub limit: Option<u64>,
}

/// What listing a user's follows can answer.
const LIST_CODES: u64 = ALWAYS
    | codes(&[
        ErrorCode::BadRequest,
        ErrorCode::InvalidCursor,
        ErrorCode::UserNotFound,
    ]);

async fn list(
    state: &AppState,
    request: &Request,
    username: &str,
    side: FollowSide,
    limit: &Query<Option<LimitParam>>,
    cursor: &Query<Option<String>>,
) -> ApiResult<Paged<FollowPage>, { LIST_CODES }> {
    let limit = LimitParam::value(limit.0.as_ref())?;
    let listing = state
        .social
        .follows(username, side, limit, cursor.0.as_deref())
        .await?;
    let next = listing.next_cursor.clone();
    Ok(Paged::new(
        request,
        FollowPage {
            items: listing.items.into_iter().map(Into::into).collect(),
            next_cursor: listing.next_cursor,
        },
        next.as_deref(),
    ))
}
