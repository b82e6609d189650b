//! Item lists on a profile (Overworld's played / liked / backlog / wishlist, plus
//! favorites): adding is idempotent (adding twice keeps one item and updates its name),
//! removing too; lists page by the API's one convention; the owner may hide them all.
//!
//! Only the owner writes, and only their own entries; each write that changes a list is
//! announced to the profile cache by the store, which caches the lists' pages.

use std::sync::Arc;

use super::{
    paging::Pages,
    profiles::{ProfileCache, ProfileListing},
    store::{
        Store,
        lists::{ListItem, PutError},
        now_ms,
    },
    users::Users,
};
use crate::{
    domain::{
        UserId,
        lists::{ItemKey, ItemList, parse_item_name},
        page::{Listing, Page},
    },
    error::{ApiError, ErrorCode, FieldErrors},
    security::cursors::Cursors,
};

pub use super::store::lists::ListItem as Item;

/// A page of a list as another user may see it.
#[derive(Debug, Clone)]
pub struct ListPage {
    /// The page (empty when hidden).
    pub listing: Listing<ListItem>,
    /// The owner hides their lists from others.
    pub hidden: bool,
}

/// A page of a list as read, with what decides who may see it (cached as is).
#[derive(Debug)]
struct Shown {
    owner: UserId,
    public: bool,
    page: Page<ListItem>,
}

impl Shown {
    fn as_seen_by(&self, caller: Option<UserId>, pages: &Pages<'_>) -> ListPage {
        if !self.public && caller != Some(self.owner) {
            return ListPage {
                listing: Listing {
                    items: Vec::new(),
                    next_cursor: None,
                },
                hidden: true,
            };
        }
        ListPage {
            listing: pages.listing(self.page.clone()),
            hidden: false,
        }
    }

    /// Roughly what it holds in memory, for the profile cache's budget.
    fn bytes(&self) -> usize {
        self.page
            .items
            .iter()
            .map(|item| {
                std::mem::size_of::<ListItem>()
                    + item.name.len()
                    + item.key.source.len()
                    + item.key.external_id.len()
            })
            .sum::<usize>()
            + 64
    }
}

/// The pages of `owner`'s `list` (their cursors are sealed for that list).
fn list_pages(cursors: &Cursors, owner: UserId, list: ItemList) -> Pages<'_> {
    Pages::new(cursors, format!("list:{owner}:{}", list.as_str()))
}

/// Item lists.
#[derive(Debug, Clone)]
pub struct Lists {
    store: Store,
    users: Users,
    cursors: Cursors,
    max_items: u32,
    cache: Option<Arc<ProfileCache>>,
}

impl Lists {
    pub(crate) fn new(
        store: Store,
        users: Users,
        cursors: Cursors,
        max_items: u32,
        cache: Option<Arc<ProfileCache>>,
    ) -> Self {
        Self {
            store,
            users,
            cursors,
            max_items,
            cache,
        }
    }

    /// Adds (or renames) `item` on `me`'s `list`.
    pub async fn put(
        &self,
        me: UserId,
        list: ItemList,
        item: &str,
        name: &str,
    ) -> Result<ListItem, ApiError> {
        let mut errors = FieldErrors::default();
        let key = errors.check("item", ItemKey::parse(item));
        let name = errors.check("name", parse_item_name(name));
        let (Some(key), Some(name)) = (key, name) else {
            return Err(ApiError::validation(errors));
        };
        match self
            .store
            .put_list_item(me, list, &key, &name, i64::from(self.max_items), now_ms())
            .await
        {
            Ok(item) => Ok(item),
            Err(PutError::Full) => Err(ApiError::new(
                ErrorCode::ListFull,
                format!(
                    "The list `{}` already holds {} items; remove one first.",
                    list.as_str(),
                    self.max_items
                ),
            )),
            Err(PutError::Database(err)) => Err(err.into()),
        }
    }

    /// Removes `item` from `me`'s `list` (idempotent).
    pub async fn remove(&self, me: UserId, list: ItemList, item: &str) -> Result<(), ApiError> {
        let key = ItemKey::parse(item).map_err(|problem| {
            let mut errors = FieldErrors::default();
            errors.add("item", problem);
            ApiError::validation(errors)
        })?;
        self.store.remove_list_item(me, list, &key).await?;
        Ok(())
    }

    /// A page of `username`'s `list` as `caller` may see it: its owner always, others
    /// unless the owner hides their lists (then an empty page with `hidden`). Pages are
    /// served from the profile cache when it holds them, else read and cached.
    pub async fn page(
        &self,
        username: &str,
        list: ItemList,
        caller: Option<UserId>,
        limit: Option<i64>,
        cursor: Option<&str>,
    ) -> Result<ListPage, ApiError> {
        let listing = ProfileListing::Items(list);
        let cache = self.cache.as_deref().filter(|cache| cache.serving());
        let name = username.to_ascii_lowercase();
        let known = cache.and_then(|cache| cache.id_named(&name));
        if let (Some(cache), Some(owner)) = (cache, known) {
            let pages = list_pages(&self.cursors, owner, list);
            let request = pages.request(limit, cursor)?;
            if let Some(shown) = cache.page::<Shown>(listing, owner, &name, request.clone()) {
                return Ok(shown.as_seen_by(caller, &pages));
            }
        }
        let ticket = cache.map(|cache| cache.ticket(known));
        let owner = self.users.by_name(username).await?;
        let pages = list_pages(&self.cursors, owner.id, list);
        let request = pages.request(limit, cursor)?;
        let shown = Shown {
            owner: owner.id,
            public: owner.visibility.lists,
            page: self.store.list_items_page(owner.id, list, &request).await?,
        };
        let seen = shown.as_seen_by(caller, &pages);
        if let (Some(cache), Some(ticket)) = (cache, ticket) {
            let bytes = shown.bytes();
            cache.admit_page(listing, &owner, request, Arc::new(shown), bytes, ticket);
        }
        Ok(seen)
    }

    /// How many items each of `user`'s lists holds.
    pub async fn counts(&self, user: UserId) -> Result<Vec<(ItemList, i64)>, ApiError> {
        Ok(self.store.list_counts(user).await?)
    }
}
