//! The `list_items` table: a profile's item lists.

use sqlx::{AssertSqlSafe, Row};

use super::{Backend, Store};
use crate::domain::{
    UserId,
    lists::{ItemKey, ItemList},
    page::{Page, PageRequest, Position},
};

/// An item on a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListItem {
    /// Its identity.
    pub key: ItemKey,
    /// Its display name.
    pub name: String,
    /// When it was added (epoch ms; re-adding keeps the first time).
    pub added_at: i64,
}

/// Why an item could not be added.
#[derive(Debug)]
pub enum PutError {
    /// The list already holds the most items allowed.
    Full,
    /// The database failed.
    Database(sqlx::Error),
}

impl From<sqlx::Error> for PutError {
    fn from(err: sqlx::Error) -> Self {
        Self::Database(err)
    }
}

impl Store {
    /// Adds `key` to `user`'s `list`, or renames it if it is there (idempotent). Refused
    /// when the list already holds `max` other items.
    pub async fn put_list_item(
        &self,
        user: UserId,
        list: ItemList,
        key: &ItemKey,
        name: &str,
        max: i64,
        now: i64,
    ) -> Result<ListItem, PutError> {
        let mut tx = self.begin_write().await?;
        if self.backend() == Backend::Postgres {
            // Concurrent adds to one user's lists take turns, so the cap is exact.
            sqlx::query("SELECT id FROM users WHERE id = $1 FOR UPDATE")
                .bind(user.to_string())
                .fetch_optional(&mut *tx)
                .await?;
        }
        let (held, present): (i64, i64) = sqlx::query_as(
            "SELECT COUNT(*), CAST(COALESCE(SUM(CASE WHEN source = $3 AND external_id = $4 \
                                             THEN 1 ELSE 0 END), 0) AS BIGINT) \
             FROM list_items WHERE user_id = $1 AND list = $2",
        )
        .bind(user.to_string())
        .bind(list.as_str())
        .bind(&key.source)
        .bind(&key.external_id)
        .fetch_one(&mut *tx)
        .await?;
        if present == 0 && held >= max {
            return Err(PutError::Full);
        }
        let row = sqlx::query(
            "INSERT INTO list_items (user_id, list, source, external_id, name, added_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $6) \
             ON CONFLICT (user_id, list, source, external_id) \
             DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at \
             RETURNING added_at",
        )
        .bind(user.to_string())
        .bind(list.as_str())
        .bind(&key.source)
        .bind(&key.external_id)
        .bind(name)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let added_at: i64 = row.try_get("added_at")?;
        // The profile's list counts or the list's page (a new name) changed.
        self.commit_announcing(tx, &[user]).await?;
        Ok(ListItem {
            key: key.clone(),
            name: name.to_string(),
            added_at,
        })
    }

    /// Removes `key` from `user`'s `list`; whether it was there.
    pub async fn remove_list_item(
        &self,
        user: UserId,
        list: ItemList,
        key: &ItemKey,
    ) -> Result<bool, sqlx::Error> {
        let mut tx = self.begin_write().await?;
        let removed = sqlx::query(
            "DELETE FROM list_items \
             WHERE user_id = $1 AND list = $2 AND source = $3 AND external_id = $4",
        )
        .bind(user.to_string())
        .bind(list.as_str())
        .bind(&key.source)
        .bind(&key.external_id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            > 0;
        let changed = if removed { vec![user] } else { vec![] };
        self.commit_announcing(tx, &changed).await?;
        Ok(removed)
    }

    /// A keyset page of `user`'s `list`, newest first.
    pub async fn list_items_page(
        &self,
        user: UserId,
        list: ItemList,
        page: &PageRequest,
    ) -> Result<Page<ListItem>, sqlx::Error> {
        // Ties on the time are broken by the item key (source, then external id); the
        // cursor carries it as `source:externalId`.
        let after = page.after.as_ref().map(|p| {
            let (source, id) = p.id.split_once(':').unwrap_or((p.id.as_str(), ""));
            (p.at, source.to_string(), id.to_string())
        });
        let condition =
            super::after_row(&["added_at", "source", "external_id"], after.is_some(), 3);
        let limit = if after.is_some() { 6 } else { 3 };
        let sql = format!(
            "SELECT source, external_id, name, added_at FROM list_items \
             WHERE user_id = $1 AND list = $2{condition} \
             ORDER BY added_at DESC, source DESC, external_id DESC LIMIT ${limit}"
        );
        let mut query = sqlx::query(AssertSqlSafe(sql))
            .bind(user.to_string())
            .bind(list.as_str());
        if let Some((at, source, id)) = after {
            query = query.bind(at).bind(source).bind(id);
        }
        let rows = query
            .bind(page.rows_to_read())
            .fetch_all(self.pool())
            .await?;
        let items = rows
            .iter()
            .map(|row| {
                Ok(ListItem {
                    key: ItemKey {
                        source: row.try_get("source")?,
                        external_id: row.try_get("external_id")?,
                    },
                    name: row.try_get("name")?,
                    added_at: row.try_get("added_at")?,
                })
            })
            .collect::<Result<Vec<_>, sqlx::Error>>()?;
        Ok(page.page(items, |item| Position {
            at: item.added_at,
            id: item.key.text(),
        }))
    }

    /// How many items each of `user`'s lists holds (lists with none are left out).
    pub async fn list_counts(&self, user: UserId) -> Result<Vec<(ItemList, i64)>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT list, COUNT(*) AS items FROM list_items WHERE user_id = $1 GROUP BY list",
        )
        .bind(user.to_string())
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let list: String = row.try_get("list")?;
                let list = ItemList::parse(&list)
                    .ok_or_else(|| super::undecodable("list", format!("unknown `{list}`")))?;
                Ok((list, row.try_get::<i64, _>("items")?))
            })
            .collect()
    }
}
