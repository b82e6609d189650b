//! Keyset pagination, the one convention of every list in the API (`docs/API-DESIGN.md`).
//!
//! A list is sorted newest first on an indexed, total order: a time and a unique id to
//! break ties. A page is asked for with a [`PageRequest`] (how many rows, and the
//! [`Position`] of the last row already seen) and answered with a [`Page`]: the rows and,
//! when more follow, the position to continue from. Positions never leave the service as
//! they are: the API seals them into opaque cursors (`security::cursors`).

/// Rows per page when the client does not say.
pub const DEFAULT_LIMIT: u32 = 20;
/// The most rows a client may ask for at once.
pub const MAX_LIMIT: u32 = 100;

/// The sort key of a row: its time (epoch ms) and a unique id breaking ties.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Position {
    /// The row's time, epoch milliseconds.
    pub at: i64,
    /// The row's unique id.
    pub id: String,
}

/// One page to fetch: at most `limit` rows after `after` (from the start when `None`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PageRequest {
    /// Rows wanted, `1..=MAX_LIMIT`.
    pub limit: u32,
    /// Continue after this row.
    pub after: Option<Position>,
}

impl PageRequest {
    /// A page of `limit` rows (default [`DEFAULT_LIMIT`]); out of `1..=MAX_LIMIT` is an
    /// error that states the range.
    pub fn new(limit: Option<i64>, after: Option<Position>) -> Result<Self, String> {
        let limit = match limit {
            None => DEFAULT_LIMIT,
            Some(n) => u32::try_from(n)
                .ok()
                .filter(|n| (1..=MAX_LIMIT).contains(n))
                .ok_or_else(|| {
                    format!("`limit` must be between 1 and {MAX_LIMIT} (default {DEFAULT_LIMIT}); got {n}")
                })?,
        };
        Ok(Self { limit, after })
    }

    /// How many rows to read: one more than the page holds, to learn whether more follow.
    pub fn rows_to_read(&self) -> i64 {
        i64::from(self.limit) + 1
    }

    /// The page made of `rows` (as read with [`rows_to_read`](Self::rows_to_read)), where
    /// `position` gives each row's sort key.
    pub fn page<T>(&self, mut rows: Vec<T>, position: impl Fn(&T) -> Position) -> Page<T> {
        let limit = usize::try_from(self.limit).unwrap_or(usize::MAX);
        let more = rows.len() > limit;
        rows.truncate(limit);
        let next = if more {
            rows.last().map(position)
        } else {
            None
        };
        Page { items: rows, next }
    }
}

/// A page of rows and where the next one starts (`None` on the last page).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    /// The rows, in list order.
    pub items: Vec<T>,
    /// The position of the last row, when more rows follow.
    pub next: Option<Position>,
}

impl<T> Page<T> {
    /// The same page with each row converted.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            next: self.next,
        }
    }
}

/// A page as the API sends it: the rows and an opaque cursor to the next page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing<T> {
    /// The rows, in list order.
    pub items: Vec<T>,
    /// Where the next page starts (`None` on the last page).
    pub next_cursor: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_defaults_to_twenty_and_out_of_range_names_the_range() {
        assert_eq!(PageRequest::new(None, None).unwrap().limit, 20);
        assert_eq!(PageRequest::new(Some(100), None).unwrap().limit, 100);
        for bad in [0, -1, 101, i64::MAX] {
            let err = PageRequest::new(Some(bad), None).unwrap_err();
            assert!(err.contains("between 1 and 100"), "{err}");
        }
    }

    #[test]
    fn a_page_reads_one_row_more_to_know_whether_another_follows() {
        let request = PageRequest::new(Some(2), None).unwrap();
        assert_eq!(request.rows_to_read(), 3);
        let position = |n: &i64| Position {
            at: *n,
            id: n.to_string(),
        };
        let page = request.page(vec![30, 20, 10], position);
        assert_eq!(page.items, [30, 20]);
        assert_eq!(page.next, Some(position(&20)));
        let last = request.page(vec![30, 20], position);
        assert_eq!(last.next, None);
    }
}
