//! Item lists on a profile (Overworld's played / liked / backlog / wishlist, plus
//! favorites): adding is idempotent (adding twice keeps one item and updates its name),
//! removing too; lists page by the API's one convention; the owner may hide them all.
//!
//! Only the owner writes, and only their own entries; each write that changes a list's
//! count is announced to the profile cache by the store.

use super::{
    paging::Pages,
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
        page::Listing,
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

/// Item lists.
#[derive(Debug, Clone)]
pub struct Lists {
    store: Store,
    users: Users,
    cursors: Cursors,
    max_items: u32,
}

impl Lists {
    pub(crate) fn new(store: Store, users: Users, cursors: Cursors, max_items: u32) -> Self {
        Self {
            store,
            users,
            cursors,
            max_items,
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
    /// unless the owner hides their lists (then an empty page with `hidden`).
    pub async fn page(
        &self,
        username: &str,
        list: ItemList,
        caller: Option<UserId>,
        limit: Option<i64>,
        cursor: Option<&str>,
    ) -> Result<ListPage, ApiError> {
        let owner = self.users.by_name(username).await?;
        let pages = Pages::new(
            &self.cursors,
            format!("list:{}:{}", owner.id, list.as_str()),
        );
        let request = pages.request(limit, cursor)?;
        if !owner.visibility.lists && caller != Some(owner.id) {
            return Ok(ListPage {
                listing: Listing {
                    items: Vec::new(),
                    next_cursor: None,
                },
                hidden: true,
            });
        }
        let page = self.store.list_items_page(owner.id, list, &request).await?;
        Ok(ListPage {
            listing: pages.listing(page),
            hidden: false,
        })
    }

    /// How many items each of `user`'s lists holds.
    pub async fn counts(&self, user: UserId) -> Result<Vec<(ItemList, i64)>, ApiError> {
        Ok(self.store.list_counts(user).await?)
    }
}
