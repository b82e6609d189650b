//! Item lists on the wire (Overworld's played / liked / backlog / wishlist, plus favorites):
//! add or rename an item (idempotent), remove it (idempotent), and page a profile's list.

use chrono::{DateTime, Utc};
use poem::{Request, web::Data};
use poem_openapi::{
    Enum, Object, OpenApi,
    param::{Path, Query},
    payload::Json,
};

use super::{
    ApiTags, NoContent, Ok200,
    body::JsonBody,
    pagination::{LimitParam, Paged},
    params::{ItemKeyParam, ListParam},
    security::{BearerAuth, OptionalBearerAuth},
    text::ItemNameText,
    time,
};
use crate::{
    AppState,
    domain::lists::{EXTERNAL_ID_MAX, ItemList, NAME_MAX, SOURCE_MAX},
    error::{ALWAYS, AUTH, ApiResult, BODY, ErrorCode, codes},
    services::lists::Item,
};

/// List operations.
#[derive(Default)]
pub struct ListsApi;

/// A profile's item lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "lowercase")]
pub enum ListName {
    /// Played.
    Played,
    /// Liked.
    Liked,
    /// To play later.
    Backlog,
    /// Wanted.
    Wishlist,
    /// Favourites.
    Favorites,
}

impl From<ItemList> for ListName {
    fn from(list: ItemList) -> Self {
        match list {
            ItemList::Played => Self::Played,
            ItemList::Liked => Self::Liked,
            ItemList::Backlog => Self::Backlog,
            ItemList::Wishlist => Self::Wishlist,
            ItemList::Favorites => Self::Favorites,
        }
    }
}

/// An item's display name.
#[derive(Debug, Clone, Object)]
#[oai(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListItemRequest {
    /// The item's display name, 1–200 characters.
    pub name: ItemNameText,
}

/// An item on a list.
#[derive(Debug, Clone, Object)]
#[oai(rename_all = "camelCase")]
pub struct ListItemView {
    /// The list it is on.
    pub list: ListName,
    /// Where the item comes from, e.g. `igdb`.
    pub source: String,
    /// Its id there.
    pub external_id: String,
    /// Its display name.
    pub name: String,
    /// When it was added (adding again keeps this).
    pub added_at: DateTime<Utc>,
}

impl ListItemView {
    fn new(list: ItemList, item: Item) -> Self {
        Self {
            list: list.into(),
            source: item.key.source,
            external_id: item.key.external_id,
            name: item.name,
            added_at: time(item.added_at),
        }
    }
}

/// A page of a list, newest first.
#[derive(Debug, Clone, Object)]
#[oai(rename_all = "camelCase")]
pub struct ListItemPage {
    /// This page's items (none when hidden).
    pub items: Vec<ListItemView>,
    /// Pass as `?cursor=` for the next page; `null` on the last page.
    #[oai(nullable)]
    pub next_cursor: Option<String>,
    /// The owner hides their lists from others (the page is then empty).
    pub hidden: bool,
}

#[OpenApi(tag = "ApiTags::Lists")]
impl ListsApi {
    /// Add an item to one of my lists
    ///
    /// Adds `item` (`source:externalId`, e.g. `igdb:1942`; the source 1–32 characters of
    /// `a-z0-9_-` starting with a letter, the id 1–128 of letters, digits and `-._~`) with
    /// its `name` to the caller's `list`. Idempotent: adding it again keeps one item and
    /// updates its name. A full list → 409 `LIST_FULL`.
    #[oai(
        path = "/v1/users/me/lists/:list/items/:item",
        method = "put",
        operation_id = "put_list_item"
    )]
    async fn put(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        /// The list.
        list: Path<ListParam>,
        /// The item, `source:externalId`.
        item: Path<ItemKeyParam>,
        body: JsonBody<ListItemRequest>,
    ) -> ApiResult<Ok200<ListItemView>, { ALWAYS | AUTH | BODY | codes(&[ErrorCode::ListFull]) }>
    {
        let caller = auth.caller(&state).await?;
        let list = list.0.choice()?;
        let item = state
            .lists
            .put(caller.user_id, list, item.0.as_str(), &body.0.name.0)
            .await?;
        Ok(Ok200::Ok(Json(ListItemView::new(list, item))))
    }

    /// Remove an item from one of my lists
    ///
    /// Idempotent: removing an item that is not there is fine.
    #[oai(
        path = "/v1/users/me/lists/:list/items/:item",
        method = "delete",
        operation_id = "remove_list_item"
    )]
    async fn remove(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        /// The list.
        list: Path<ListParam>,
        /// The item, `source:externalId`.
        item: Path<ItemKeyParam>,
    ) -> ApiResult<
        NoContent,
        { ALWAYS | AUTH | codes(&[ErrorCode::BadRequest, ErrorCode::ValidationFailed]) },
    > {
        let caller = auth.caller(&state).await?;
        let list = list.0.choice()?;
        state
            .lists
            .remove(caller.user_id, list, item.0.as_str())
            .await?;
        Ok(NoContent::NoContent)
    }

    /// List the items of a profile's list
    ///
    /// `username`'s `list`, newest first, one page at a time (`limit`, `cursor`). Lists are
    /// public unless their owner set `visibility.lists` to false; then others get an empty
    /// page with `hidden: true` (the owner, authenticated, still sees theirs).
    #[oai(
        path = "/v1/profiles/:username/lists/:list",
        method = "get",
        operation_id = "list_list_items"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn page(
        &self,
        state: Data<&AppState>,
        auth: OptionalBearerAuth,
        request: &Request,
        /// Username, in any case.
        username: Path<String>,
        /// The list.
        list: Path<ListParam>,
        /// Rows per page, 1–100 (default 20).
        limit: Query<Option<LimitParam>>,
        /// `nextCursor` of the previous page; absent for the first page.
        cursor: Query<Option<String>>,
    ) -> ApiResult<
        Paged<ListItemPage>,
        {
            ALWAYS
                | AUTH
                | codes(&[
                    ErrorCode::BadRequest,
                    ErrorCode::InvalidCursor,
                    ErrorCode::UserNotFound,
                ])
        },
    > {
        let caller = auth.caller(&state).await?.map(|c| c.user_id);
        let list = list.0.choice()?;
        let limit = LimitParam::value(limit.0.as_ref())?;
        let page = state
            .lists
            .page(&username.0, list, caller, limit, cursor.0.as_deref())
            .await?;
        let next = page.listing.next_cursor.clone();
        Ok(Paged::new(
            request,
            ListItemPage {
                items: page
                    .listing
                    .items
                    .into_iter()
                    .map(|item| ListItemView::new(list, item))
                    .collect(),
                next_cursor: page.listing.next_cursor,
                hidden: page.hidden,
            },
            next.as_deref(),
        ))
    }
}

// The limits the descriptions state are the domain's.
const _: () = assert!(SOURCE_MAX == 32 && EXTERNAL_ID_MAX == 128 && NAME_MAX == 200);
