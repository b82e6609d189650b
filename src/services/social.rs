//! Follows: following and unfollowing by username, the followers and following lists (the
//! API's one pagination convention), and relationships in bulk.
//!
//! Every follow changes two public profiles (their counts); the store announces both, so
//! the profile cache can never show a stale count.

use super::{
    paging::{self, Pages},
    store::{
        Store, is_foreign_key_violation, now_ms,
        social::{FollowEntry, Side},
    },
    users::{Users, user_not_found},
};
use crate::{
    domain::{UserId, page::Listing},
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

/// Follows.
#[derive(Debug, Clone)]
pub struct Social {
    store: Store,
    users: Users,
    cursors: Cursors,
}

impl Social {
    pub(crate) fn new(store: Store, users: Users, cursors: Cursors) -> Self {
        Self {
            store,
            users,
            cursors,
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

    /// A page of `username`'s followers or followees, newest first.
    pub async fn follows(
        &self,
        username: &str,
        side: Side,
        limit: Option<i64>,
        cursor: Option<&str>,
    ) -> Result<Listing<FollowEntry>, ApiError> {
        let user = self.users.by_name(username).await?;
        let pages = Pages::new(&self.cursors, format!("{side:?}:{}", user.id));
        let request = pages.request(limit, cursor)?;
        let page = self.store.follows_page(user.id, side, &request).await?;
        Ok(pages.listing(page))
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
