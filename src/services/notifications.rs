//! The notification inbox: pages of one's notifications (the API's pagination convention,
//! or XBorg's `page`/`limit` numbers), the unread count, marking read, dismissing, and the
//! retention that keeps inboxes (and old sessions) from growing without bound.
//!
//! Notifications are created by the store, inside the transaction of the event that causes
//! them (see `store::notifications`); this service only reads and tidies them.

use std::{sync::Arc, time::Duration};

use uuid::Uuid;

use super::millis;
use super::{
    paging::{self, Pages},
    profiles::ProfileCache,
    store::{
        Store,
        notifications::{InboxFilter, Notification, NotificationKind},
        now_ms,
    },
};
use crate::{
    domain::{UserId, page::MAX_LIMIT},
    error::{ApiError, ErrorCode, FieldErrors, quoted},
    security::cursors::Cursors,
};

pub use super::store::notifications::{
    Actor, InboxFilter as Filter, Notification as StoredNotification, NotificationKind as Kind,
};

/// The unread count stops counting here (`capped: true` beyond).
pub const UNREAD_CAP: i64 = 1_000;

/// How long and how much is kept.
#[derive(Debug, Clone, Copy)]
pub struct RetentionPolicy {
    /// Notifications kept per user (the oldest go first).
    pub per_user: u32,
    /// Read notifications older than this go.
    pub read_for: Duration,
    /// Revoked sessions are kept this long (so a reused token of one still reads as
    /// revoked), then removed with their refresh tokens.
    pub revoked_sessions_for: Duration,
}

/// What the caller asked of the inbox.
#[derive(Debug, Clone, Default)]
pub struct InboxQuery {
    /// Filters.
    pub filter: InboxFilter,
    /// Rows per page.
    pub limit: Option<i64>,
    /// Continue after this cursor (keyset convention).
    pub cursor: Option<String>,
    /// Or: this page number, from 1 (XBorg's convention).
    pub page: Option<i64>,
}

/// A page of the inbox.
#[derive(Debug, Clone)]
pub struct Inbox {
    /// The notifications, newest first.
    pub items: Vec<Notification>,
    /// The cursor of the next page (keyset convention).
    pub next_cursor: Option<String>,
    /// Unread notifications (at most [`UNREAD_CAP`]).
    pub unread_count: i64,
    /// With a page number: (page, limit, total matching).
    pub numbered: Option<(i64, i64, i64)>,
}

/// How to mark notifications read.
#[derive(Debug, Clone)]
pub enum MarkRead {
    /// These ones.
    Ids(Vec<Uuid>),
    /// Every one.
    All,
    /// This one and every older one.
    UpTo(Uuid),
}

/// What marking read did.
#[derive(Debug, Clone, Default)]
pub struct Marked {
    /// How many notifications are now read that were not (for `Ids`: how many of the
    /// given ones are the caller's, read now or before).
    pub marked: u64,
    /// Given ids that are not the caller's notifications.
    pub not_found: Vec<Uuid>,
}

/// What a maintenance pass removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pruned {
    /// Notifications.
    pub notifications: u64,
    /// Sessions (their refresh tokens with them) and stray expired refresh tokens.
    pub sessions: u64,
}

/// The inbox.
#[derive(Debug, Clone)]
pub struct Notifications {
    store: Store,
    cursors: Cursors,
    retention: RetentionPolicy,
    cache: Option<Arc<ProfileCache>>,
}

impl Notifications {
    pub(crate) fn new(
        store: Store,
        cursors: Cursors,
        retention: RetentionPolicy,
        cache: Option<Arc<ProfileCache>>,
    ) -> Self {
        Self {
            store,
            cursors,
            retention,
            cache,
        }
    }

    /// A page of `me`'s notifications.
    pub async fn inbox(&self, me: UserId, query: InboxQuery) -> Result<Inbox, ApiError> {
        let (unread, _) = self.unread_count(me).await?;
        if let Some(page) = query.page {
            let (offset, limit) = paging::numbered(page, query.cursor.as_deref(), query.limit)?;
            let items = self
                .store
                .notifications_at_offset(me, &query.filter, offset, limit)
                .await?;
            let total = self
                .store
                .count_notifications(me, &query.filter, i64::MAX - 1)
                .await?;
            return Ok(Inbox {
                items,
                next_cursor: None,
                unread_count: unread,
                numbered: Some((page, limit, total)),
            });
        }
        let pages = Pages::new(&self.cursors, scope(me, &query.filter));
        let request = pages.request(query.limit, query.cursor.as_deref())?;
        let page = self
            .store
            .notifications_page(me, &query.filter, &request)
            .await?;
        let listing = pages.listing(page);
        Ok(Inbox {
            items: listing.items,
            next_cursor: listing.next_cursor,
            unread_count: unread,
            numbered: None,
        })
    }

    /// `me`'s unread notifications, counted up to [`UNREAD_CAP`]; and whether there are
    /// more. Cached: every change to an inbox announces its owner, like a profile write.
    pub async fn unread_count(&self, me: UserId) -> Result<(i64, bool), ApiError> {
        let cache = self.cache.as_deref().filter(|cache| cache.serving());
        let n = match cache.and_then(|cache| cache.unread(me)) {
            Some(n) => n,
            None => {
                let ticket = cache.map(|cache| cache.ticket(Some(me)));
                let unread = InboxFilter {
                    unread_only: true,
                    kinds: Vec::new(),
                };
                let n = self
                    .store
                    .count_notifications(me, &unread, UNREAD_CAP)
                    .await?;
                if let (Some(cache), Some(ticket)) = (cache, ticket) {
                    cache.admit_unread(me, n, ticket);
                }
                n
            }
        };
        Ok((n.min(UNREAD_CAP), n > UNREAD_CAP))
    }

    /// Marks notifications of `me` read; others' are left alone and reported not found.
    pub async fn mark_read(&self, me: UserId, how: MarkRead) -> Result<Marked, ApiError> {
        let now = now_ms();
        match how {
            MarkRead::Ids(ids) => {
                if ids.is_empty() || ids.len() > MAX_LIMIT as usize {
                    let mut fields = FieldErrors::default();
                    fields.add("ids", format!("must list 1 to {MAX_LIMIT} ids"));
                    return Err(ApiError::validation(fields));
                }
                let found = self.store.mark_notifications_read(me, &ids, now).await?;
                let mut not_found: Vec<Uuid> =
                    ids.into_iter().filter(|id| !found.contains(id)).collect();
                not_found.dedup();
                Ok(Marked {
                    marked: found.len() as u64,
                    not_found,
                })
            }
            MarkRead::All => Ok(Marked {
                marked: self
                    .store
                    .mark_notifications_read_up_to(me, None, now)
                    .await?
                    .unwrap_or(0),
                not_found: Vec::new(),
            }),
            MarkRead::UpTo(id) => {
                match self
                    .store
                    .mark_notifications_read_up_to(me, Some(id), now)
                    .await?
                {
                    Some(marked) => Ok(Marked {
                        marked,
                        not_found: Vec::new(),
                    }),
                    None => Ok(Marked {
                        marked: 0,
                        not_found: vec![id],
                    }),
                }
            }
        }
    }

    /// Removes one of `me`'s notifications.
    pub async fn dismiss(&self, me: UserId, id: Uuid) -> Result<(), ApiError> {
        if self.store.delete_notification(me, id).await? {
            Ok(())
        } else {
            Err(ApiError::new(
                ErrorCode::NotificationNotFound,
                "You have no notification with this id.",
            ))
        }
    }

    /// One maintenance pass: notification retention, and sessions that can never be used
    /// again (revoked a while ago, or with every refresh token expired).
    pub async fn prune(&self) -> Result<Pruned, ApiError> {
        let now = now_ms();
        let notifications = self
            .store
            .prune_notifications(
                i64::from(self.retention.per_user),
                now - millis(self.retention.read_for),
            )
            .await?;
        let sessions = self
            .store
            .prune_sessions(now, now - millis(self.retention.revoked_sessions_for))
            .await?;
        Ok(Pruned {
            notifications,
            sessions,
        })
    }
}

/// A list's cursor scope: the recipient and the filters, so a cursor cannot be reused
/// with other filters.
fn scope(me: UserId, filter: &InboxFilter) -> String {
    let kinds: Vec<&str> = filter.kinds.iter().map(|k| k.as_str()).collect();
    format!(
        "notifications:{me}:{}:{}",
        filter.unread_only,
        kinds.join(",")
    )
}

fn bad_request(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorCode::BadRequest, message)
}

/// Parses `types=a,b` into kinds; an unknown name is a 400 naming the known ones.
pub fn parse_kinds(types: &str) -> Result<Vec<NotificationKind>, ApiError> {
    let mut kinds = Vec::new();
    for name in types.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        let kind = NotificationKind::parse(name).ok_or_else(|| {
            bad_request(format!(
                "Unknown notification type `{}`; known: {}.",
                quoted(name),
                NotificationKind::ALL
                    .map(NotificationKind::as_str)
                    .join(", ")
            ))
        })?;
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    Ok(kinds)
}
