//! The notification inbox on the wire, at XBorg's paths (`/v1/user/notifications…`): pages
//! with filters, the unread count, marking read and dismissing.
//!
//! Each notification's `data` is typed by its `type`; the document says so with a `oneOf`
//! and a discriminator on `type`, so generated clients get one model per kind.

use chrono::{DateTime, Utc};
use poem::{Request, web::Data};
use poem_openapi::{
    Object, OpenApi, Union,
    param::{Path, Query},
    payload::Json,
};
use uuid::Uuid;

use super::{
    ApiTags, NoContent, Ok200,
    body::JsonBody,
    pagination::{LimitParam, Paged},
    params::IdParam,
    security::BearerAuth,
    time,
};
use crate::{
    AppState,
    error::{ALWAYS, AUTH, ApiError, ApiResult, BODY, ErrorCode, FieldErrors, codes},
    services::notifications::{
        Actor, Filter, InboxQuery, Kind, MarkRead, StoredNotification, parse_kinds,
    },
};

/// Inbox operations.
#[derive(Default)]
pub struct NotificationsApi;

/// The user who caused a notification.
#[derive(Debug, Clone, Object)]
#[oai(rename_all = "camelCase")]
pub struct NotificationActor {
    /// Their username.
    pub username: String,
    /// Their display name.
    #[oai(nullable)]
    pub name: Option<String>,
    /// Their avatar image URL.
    #[oai(nullable)]
    pub picture_url: Option<String>,
}

impl From<Actor> for NotificationActor {
    fn from(actor: Actor) -> Self {
        Self {
            username: actor.username,
            name: actor.name,
            picture_url: actor.picture_url,
        }
    }
}

/// Details of a `new_follower` notification.
#[derive(Debug, Clone, Object, serde::Deserialize)]
#[oai(rename_all = "camelCase")]
pub struct NewFollowerData {
    /// The follower's username when they followed.
    pub username: String,
}

/// Details of a `referral_joined` notification.
#[derive(Debug, Clone, Object, serde::Deserialize)]
#[oai(rename_all = "camelCase")]
pub struct ReferralJoinedData {
    /// The new user's username when they registered.
    pub username: String,
}

/// Details of a `rating_changed` notification.
#[derive(Debug, Clone, Object, serde::Deserialize)]
#[oai(rename_all = "camelCase")]
#[serde(rename_all = "camelCase")]
pub struct RatingChangedData {
    /// The platform.
    pub platform: String,
    /// The handle on it.
    pub handle: String,
    /// The rating before.
    pub old_rating: f64,
    /// The rating now.
    pub new_rating: f64,
    /// The badge before.
    #[oai(nullable)]
    pub old_badge: Option<String>,
    /// The badge now.
    #[oai(nullable)]
    pub new_badge: Option<String>,
}

/// Details of a `handle_not_found` notification.
#[derive(Debug, Clone, Object, serde::Deserialize)]
#[oai(rename_all = "camelCase")]
pub struct HandleNotFoundData {
    /// The platform.
    pub platform: String,
    /// The handle it does not know.
    pub handle: String,
}

/// Declares one kind of notification: the common fields and its typed `data`.
macro_rules! notification_kind {
    ($(#[$doc:meta])* $name:ident, $data:ty) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Object)]
        #[oai(rename_all = "camelCase")]
        pub struct $name {
            /// Id.
            pub id: Uuid,
            /// When it happened.
            pub created_at: DateTime<Utc>,
            /// When the recipient marked it read; `null` while unread.
            #[oai(nullable)]
            pub read_at: Option<DateTime<Utc>>,
            /// The user who caused it (`null` when none, or the account is gone).
            #[oai(nullable)]
            pub actor: Option<NotificationActor>,
            /// What happened, by `type`.
            pub data: $data,
        }
    };
}

notification_kind!(
    /// Someone followed the recipient.
    NewFollowerNotification,
    NewFollowerData
);
notification_kind!(
    /// Someone registered with the recipient's referral.
    ReferralJoinedNotification,
    ReferralJoinedData
);
notification_kind!(
    /// A rating or badge of the recipient changed on a platform.
    RatingChangedNotification,
    RatingChangedData
);
notification_kind!(
    /// A platform does not know the recipient's linked handle.
    HandleNotFoundNotification,
    HandleNotFoundData
);

/// One notification; `type` says which kind and so the shape of `data`.
#[derive(Debug, Clone, Union)]
#[oai(discriminator_name = "type", one_of)]
pub enum NotificationView {
    /// `new_follower`.
    #[oai(mapping = "new_follower")]
    NewFollower(NewFollowerNotification),
    /// `referral_joined`.
    #[oai(mapping = "referral_joined")]
    ReferralJoined(ReferralJoinedNotification),
    /// `rating_changed`.
    #[oai(mapping = "rating_changed")]
    RatingChanged(RatingChangedNotification),
    /// `handle_not_found`.
    #[oai(mapping = "handle_not_found")]
    HandleNotFound(HandleNotFoundNotification),
}

impl TryFrom<StoredNotification> for NotificationView {
    type Error = ApiError;

    fn try_from(n: StoredNotification) -> Result<Self, ApiError> {
        macro_rules! view {
            ($variant:ident, $kind:ident) => {
                NotificationView::$variant($kind {
                    id: n.id,
                    created_at: time(n.created_at),
                    read_at: n.read_at.map(time),
                    actor: n.actor.map(Into::into),
                    data: serde_json::from_value(n.data).map_err(|e| {
                        ApiError::internal(format!("notification {} data: {e}", n.id))
                    })?,
                })
            };
        }
        Ok(match n.kind {
            Kind::NewFollower => view!(NewFollower, NewFollowerNotification),
            Kind::ReferralJoined => view!(ReferralJoined, ReferralJoinedNotification),
            Kind::RatingChanged => view!(RatingChanged, RatingChangedNotification),
            Kind::HandleNotFound => view!(HandleNotFound, HandleNotFoundNotification),
        })
    }
}

/// A page of the inbox, newest first.
#[derive(Debug, Clone, Object)]
#[oai(rename_all = "camelCase")]
pub struct NotificationPage {
    /// This page's notifications.
    pub items: Vec<NotificationView>,
    /// Pass as `?cursor=` for the next page; `null` on the last page (and with `page`).
    #[oai(nullable)]
    pub next_cursor: Option<String>,
    /// Unread notifications in the whole inbox (at most 1,000).
    pub unread_count: u64,
    /// With `?page=`: this page's number.
    #[oai(skip_serializing_if_is_none)]
    pub page: Option<u64>,
    /// With `?page=`: the page size.
    #[oai(skip_serializing_if_is_none)]
    pub limit: Option<u64>,
    /// With `?page=`: how many notifications match the filters.
    #[oai(skip_serializing_if_is_none)]
    pub total: Option<u64>,
}

/// The unread count.
#[derive(Debug, Clone, Object)]
#[oai(rename_all = "camelCase")]
pub struct UnreadCount {
    /// Unread notifications, counted up to 1,000.
    pub count: u64,
    /// More than 1,000 are unread.
    pub capped: bool,
}

/// Which notifications to mark read: exactly one of `ids`, `all` or `upTo`.
#[derive(Debug, Clone, Object)]
#[oai(rename_all = "camelCase", deny_unknown_fields)]
pub struct MarkReadRequest {
    /// These notifications (1–100 ids).
    pub ids: Option<Vec<Uuid>>,
    /// Every notification (must be `true` when given).
    pub all: Option<bool>,
    /// This notification and every older one.
    pub up_to: Option<Uuid>,
}

/// What marking read did.
#[derive(Debug, Clone, Object)]
#[oai(rename_all = "camelCase")]
pub struct MarkReadResult {
    /// Notifications marked (with `ids`: how many of them are the caller's).
    pub marked: u64,
    /// Given ids that are not the caller's notifications (nothing was done to them).
    pub not_found: Vec<Uuid>,
}

#[OpenApi(tag = "ApiTags::Notifications")]
impl NotificationsApi {
    /// List my notifications
    ///
    /// The caller's notifications, newest first, with the unread count. Filters:
    /// `unread=true`, `types=new_follower,rating_changed`. Pages by the API's convention
    /// (`limit`, `cursor`), or, for XBorg clients, by number (`page` from 1, with `limit`),
    /// which adds `page`, `limit` and `total`.
    #[oai(
        path = "/v1/user/notifications",
        method = "get",
        operation_id = "list_notifications"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn list(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        request: &Request,
        /// Only unread notifications.
        unread: Query<Option<bool>>,
        /// Only these types, comma-separated: new_follower, referral_joined,
        /// rating_changed, handle_not_found.
        types: Query<Option<String>>,
        /// Rows per page, 1–100 (default 20).
        limit: Query<Option<LimitParam>>,
        /// `nextCursor` of the previous page; absent for the first page.
        cursor: Query<Option<String>>,
        /// Page number from 1 (instead of `cursor`).
        page: Query<Option<i64>>,
    ) -> ApiResult<
        Paged<NotificationPage>,
        { ALWAYS | AUTH | codes(&[ErrorCode::BadRequest, ErrorCode::InvalidCursor]) },
    > {
        let caller = auth.caller(&state).await?;
        let limit = LimitParam::value(limit.0.as_ref())?;
        let filter = Filter {
            unread_only: unread.0.unwrap_or(false),
            kinds: parse_kinds(types.0.as_deref().unwrap_or_default())?,
        };
        let inbox = state
            .notifications
            .inbox(
                caller.user_id,
                InboxQuery {
                    filter,
                    limit,
                    cursor: cursor.0,
                    page: page.0,
                },
            )
            .await?;
        let next = inbox.next_cursor.clone();
        let items = inbox
            .items
            .into_iter()
            .map(NotificationView::try_from)
            .collect::<Result<Vec<_>, _>>()?;
        let unsigned = |n: i64| u64::try_from(n).unwrap_or(0);
        Ok(Paged::new(
            request,
            NotificationPage {
                items,
                next_cursor: inbox.next_cursor,
                unread_count: unsigned(inbox.unread_count),
                page: inbox.numbered.map(|(page, _, _)| unsigned(page)),
                limit: inbox.numbered.map(|(_, limit, _)| unsigned(limit)),
                total: inbox.numbered.map(|(_, _, total)| unsigned(total)),
            },
            next.as_deref(),
        ))
    }

    /// Count my unread notifications
    ///
    /// Cheap (an index read), counted up to 1,000; `capped` says there are more.
    #[oai(
        path = "/v1/user/notifications/unread-count",
        method = "get",
        operation_id = "count_unread_notifications"
    )]
    async fn unread_count(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
    ) -> ApiResult<Ok200<UnreadCount>, { ALWAYS | AUTH }> {
        let caller = auth.caller(&state).await?;
        let (count, capped) = state.notifications.unread_count(caller.user_id).await?;
        Ok(Ok200::Ok(Json(UnreadCount {
            count: u64::try_from(count).unwrap_or(0),
            capped,
        })))
    }

    /// Mark notifications read
    ///
    /// Exactly one of `{"ids": [...]}`, `{"all": true}` or `{"upTo": id}` (that one and
    /// every older one). Only the caller's notifications change; ids that are not theirs
    /// change nothing and come back in `notFound`. Idempotent.
    #[oai(
        path = "/v1/user/notifications/read",
        method = "post",
        operation_id = "mark_notifications_read"
    )]
    async fn mark_read(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        body: JsonBody<MarkReadRequest>,
    ) -> ApiResult<Ok200<MarkReadResult>, { ALWAYS | AUTH | BODY }> {
        let caller = auth.caller(&state).await?;
        let how = match (body.0.ids, body.0.all, body.0.up_to) {
            (Some(ids), None, None) => MarkRead::Ids(ids),
            (None, Some(true), None) => MarkRead::All,
            (None, None, Some(id)) => MarkRead::UpTo(id),
            _ => {
                let mut fields = FieldErrors::default();
                fields.add(
                    "body",
                    "give exactly one of `ids` (a list), `all` (true) or `upTo` (an id)",
                );
                return Err(ApiError::validation(fields).into());
            }
        };
        let marked = state.notifications.mark_read(caller.user_id, how).await?;
        Ok(Ok200::Ok(Json(MarkReadResult {
            marked: marked.marked,
            not_found: marked.not_found,
        })))
    }

    /// Dismiss a notification
    ///
    /// Deletes one of the caller's notifications. Someone else's, or an unknown id → 404
    /// `NOTIFICATION_NOT_FOUND`; a malformed id → 422 `MALFORMED_ID`.
    #[oai(
        path = "/v1/user/notifications/:id",
        method = "delete",
        operation_id = "dismiss_notification"
    )]
    async fn dismiss(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        /// The notification's id.
        id: Path<IdParam>,
    ) -> ApiResult<
        NoContent,
        {
            ALWAYS
                | AUTH
                | codes(&[
                    ErrorCode::BadRequest,
                    ErrorCode::MalformedId,
                    ErrorCode::NotificationNotFound,
                ])
        },
    > {
        let caller = auth.caller(&state).await?;
        let id = id.0.id("id")?;
        state.notifications.dismiss(caller.user_id, id).await?;
        Ok(NoContent::NoContent)
    }
}
