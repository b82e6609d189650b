//! The API's one pagination convention as every service applies it (`docs/API-DESIGN.md`):
//! a list's cursors are sealed for its scope, a page request is a checked `limit` plus the
//! opened cursor, and XBorg-style page numbers become an offset.

use crate::{
    domain::page::{Listing, Page, PageRequest},
    error::{ApiError, ErrorCode, quoted},
    security::cursors::Cursors,
};

/// The pages of one list: the scope its cursors are bound to, and the key that seals them.
pub(crate) struct Pages<'a> {
    cursors: &'a Cursors,
    scope: String,
}

impl<'a> Pages<'a> {
    /// The list named `scope` (everything a cursor must not carry over to another list:
    /// the owner, the list, the filters).
    pub(crate) fn new(cursors: &'a Cursors, scope: String) -> Self {
        Self { cursors, scope }
    }

    /// The page asked for: `limit` checked (400 naming the range), `cursor` opened for
    /// this list (400 `INVALID_CURSOR` when it was not issued for it).
    pub(crate) fn request(
        &self,
        limit: Option<i64>,
        cursor: Option<&str>,
    ) -> Result<PageRequest, ApiError> {
        let after = match cursor {
            None => None,
            Some(cursor) => Some(self.cursors.open(&self.scope, cursor).ok_or_else(|| {
                ApiError::new(
                    ErrorCode::InvalidCursor,
                    format!(
                        "Cursor `{}` was not issued for this list (edited, cut short, from another list or with other filters); start again without one.",
                        quoted(cursor)
                    ),
                )
            })?),
        };
        PageRequest::new(limit, after).map_err(bad_request)
    }

    /// `page` as the API sends it: the rows and a sealed cursor to the next page.
    pub(crate) fn listing<T>(&self, page: Page<T>) -> Listing<T> {
        Listing {
            next_cursor: page
                .next
                .as_ref()
                .map(|p| self.cursors.seal(&self.scope, p)),
            items: page.items,
        }
    }
}

/// A page number (from 1, for clients that page that way) as `(offset, limit)`; with a
/// cursor too, or below 1, it is a 400.
pub(crate) fn numbered(
    page: i64,
    cursor: Option<&str>,
    limit: Option<i64>,
) -> Result<(i64, i64), ApiError> {
    if cursor.is_some() {
        return Err(bad_request("Use `page` or `cursor`, not both."));
    }
    if page < 1 {
        return Err(bad_request(format!("`page` starts at 1; got {page}")));
    }
    let limit = i64::from(PageRequest::new(limit, None).map_err(bad_request)?.limit);
    Ok(((page - 1).saturating_mul(limit), limit))
}

fn bad_request(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorCode::BadRequest, message)
}
