//! Follows: following and unfollowing by username, the followers and following lists (the
//! API's one pagination convention), and relationships in bulk.
//!
//! Every follow changes two public profiles (their counts) and their listings; the store
//! announces both, so the profile cache can never show a stale count or page. Pages are
//! cached as (user, since) only: names and avatars come from each user's cached summary,
//! which their own writes invalidate.

use std::sync::Arc;

use super::{
    paging::{self, Pages},
    profiles::{ProfileCache, ProfileListing},
    store::{
        Store, is_foreign_key_violation, now_ms,
        social::{FollowEntry, Side},
        users::UserSummary,
    },
    users::{Users, user_not_found},
};
use crate::{
    domain::{
        UserId,
        page::{Listing, Page},
    },
    error::{ApiError, ErrorCode},
    security::cursors::Cursors,
};

pub use super::store::{
    social::{FollowEntry as Follow, Side as FollowSide},
    users::Referral,
};

/// A page of referrals, with how many there are in all.
#[derive(Debug, Clone)]
pub struct Referrals {
    /// The page.
    pub listing: Listing<Referral>,
    /// Everyone who joined through the caller.
    pub total: i64,
    /// With a page number: (page, limit).
    pub numbered: Option<(i64, i64)>,
}

/// How the caller and another user are related.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relationship {
    /// The other user's username, as stored.
    pub username: String,
    /// The caller follows them.
    pub following: bool,
    /// They follow the caller.
    pub followed_by: bool,
}

/// The most usernames one relationships request may name.
pub const MAX_RELATIONSHIPS: usize = 100;

/// A follow as the cache keeps it in a page: who, and since when (their name and avatar
/// are cached per user, see [`ProfileCache`]).
#[derive(Debug, Clone, Copy)]
struct Followed {
    user_id: UserId,
    followed_at: i64,
}

/// The pages of `owner`'s followers or followees (their cursors are sealed for that list).
fn follow_pages(cursors: &Cursors, side: Side, owner: UserId) -> Pages<'_> {
    Pages::new(cursors, format!("{side:?}:{owner}"))
}

/// Follows.
#[derive(Debug, Clone)]
pub struct Social {
    store: Store,
    users: Users,
    cursors: Cursors,
    cache: Option<Arc<ProfileCache>>,
}

impl Social {
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

    /// `me` follows `username` (idempotent). Unknown user → 404; oneself → 422.
    pub async fn follow(&self, me: UserId, username: &str) -> Result<(), ApiError> {
        let target = self.users.by_name(username).await?;
        if target.id == me {
            return Err(ApiError::new(
                ErrorCode::CannotFollowSelf,
                "You cannot follow yourself.",
            ));
        }
        match self.store.follow(me, target.id, now_ms()).await {
            Ok(_) => Ok(()),
            // The account was deleted between the look-up and the insert.
            Err(err) if is_foreign_key_violation(&err) => Err(user_not_found()),
            Err(err) => Err(err.into()),
        }
    }

    /// `me` stops following `username` (idempotent). Unknown user → 404.
    pub async fn unfollow(&self, me: UserId, username: &str) -> Result<(), ApiError> {
        let target = self.users.by_name(username).await?;
        self.store.unfollow(me, target.id).await?;
        Ok(())
    }

    /// A page of `username`'s followers or followees, newest first: from the profile cache
    /// when it holds the page (and the summaries of the users on it), else from the
    /// database, and then cached.
    pub async fn follows(
        &self,
        username: &str,
        side: Side,
        limit: Option<i64>,
        cursor: Option<&str>,
    ) -> Result<Listing<FollowEntry>, ApiError> {
        let listing = match side {
            Side::Followers => ProfileListing::Followers,
            Side::Following => ProfileListing::Following,
        };
        let cache = self.cache.as_deref().filter(|cache| cache.serving());
        let name = username.to_ascii_lowercase();
        let known = cache.and_then(|cache| cache.id_named(&name));
        if let (Some(cache), Some(owner)) = (cache, known) {
            let pages = follow_pages(&self.cursors, side, owner);
            let request = pages.request(limit, cursor)?;
            if let Some(page) = cache.page::<Page<Followed>>(listing, owner, &name, request.clone())
            {
                return Ok(pages.listing(self.summarised(cache, &page).await?));
            }
        }
        let ticket = cache.map(|cache| cache.ticket(known));
        let user = self.users.by_name(username).await?;
        let pages = follow_pages(&self.cursors, side, user.id);
        let request = pages.request(limit, cursor)?;
        let page = self.store.follows_page(user.id, side, &request).await?;
        if let (Some(cache), Some(ticket)) = (cache, ticket) {
            let summaries: Vec<(UserId, Arc<UserSummary>)> = page
                .items
                .iter()
                .map(|entry| (entry.user_id, Arc::new(entry.summary())))
                .collect();
            cache.admit_summaries(&summaries, ticket);
            let skeleton = page.clone().map(|entry| Followed {
                user_id: entry.user_id,
                followed_at: entry.followed_at,
            });
            let bytes = skeleton.items.len() * std::mem::size_of::<Followed>() + 64;
            cache.admit_page(listing, &user, request, Arc::new(skeleton), bytes, ticket);
        }
        Ok(pages.listing(page))
    }

    /// A cached page of follows with each user's name and avatar: from the cache, the
    /// missing ones read in one query (users deleted meanwhile are left out).
    async fn summarised(
        &self,
        cache: &ProfileCache,
        page: &Page<Followed>,
    ) -> Result<Page<FollowEntry>, ApiError> {
        let ids: Vec<UserId> = page.items.iter().map(|item| item.user_id).collect();
        let mut summaries = cache.summaries(&ids);
        let missing: Vec<UserId> = ids
            .iter()
            .zip(&summaries)
            .filter(|(_, summary)| summary.is_none())
            .map(|(id, _)| *id)
            .collect();
        if !missing.is_empty() {
            let ticket = cache.ticket(None);
            let read: Vec<(UserId, Arc<UserSummary>)> = self
                .store
                .user_summaries(&missing)
                .await?
                .into_iter()
                .map(|(id, summary)| (id, Arc::new(summary)))
                .collect();
            cache.admit_summaries(&read, ticket);
            for (slot, id) in summaries.iter_mut().zip(&ids) {
                if slot.is_none() {
                    *slot = read
                        .iter()
                        .find(|(read_id, _)| read_id == id)
                        .map(|(_, summary)| Arc::clone(summary));
                }
            }
        }
        let items = page
            .items
            .iter()
            .zip(summaries)
            .filter_map(|(item, summary)| {
                let summary = summary?;
                Some(FollowEntry {
                    user_id: item.user_id,
                    username: summary.username.clone(),
                    name: summary.name.clone(),
                    picture_url: summary.picture_url.clone(),
                    followed_at: item.followed_at,
                })
            })
            .collect();
        Ok(Page {
            items,
            next: page.next.clone(),
        })
    }

    /// The caller's relationship with each of `usernames` that names an account, in the
    /// order given (duplicates once; names with no account are left out).
    pub async fn relationships(
        &self,
        me: UserId,
        usernames: &[String],
    ) -> Result<Vec<Relationship>, ApiError> {
        let users = self.store.users_by_usernames(usernames).await?;
        let ids: Vec<UserId> = users.iter().map(|(id, _)| *id).collect();
        let (following, followed_by) = self.store.relationships(me, &ids).await?;
        Ok(users
            .into_iter()
            .map(|(id, username)| Relationship {
                username,
                following: following.contains(&id),
                followed_by: followed_by.contains(&id),
            })
            .collect())
    }

    /// The caller's relationship with one user.
    pub async fn relationship(&self, me: UserId, other: UserId) -> Result<(bool, bool), ApiError> {
        let (following, followed_by) = self.store.relationships(me, &[other]).await?;
        Ok((!following.is_empty(), !followed_by.is_empty()))
    }

    /// Who joined through `me`'s referral, newest first: by cursor, or by page number
    /// (from 1) for clients that page that way.
    pub async fn referrals(
        &self,
        me: UserId,
        limit: Option<i64>,
        cursor: Option<&str>,
        page: Option<i64>,
    ) -> Result<Referrals, ApiError> {
        let total = self.store.referral_count(me).await?;
        if let Some(page) = page {
            let (offset, limit) = paging::numbered(page, cursor, limit)?;
            let items = self.store.referrals_at_offset(me, offset, limit).await?;
            return Ok(Referrals {
                listing: Listing {
                    items,
                    next_cursor: None,
                },
                total,
                numbered: Some((page, limit)),
            });
        }
        let pages = Pages::new(&self.cursors, format!("referrals:{me}"));
        let request = pages.request(limit, cursor)?;
        let page = self.store.referrals_page(me, &request).await?;
        Ok(Referrals {
            listing: pages.listing(page),
            total,
            numbered: None,
        })
    }
}
