//! Whether the service can do its work: the database answers.

use super::store::Store;
use crate::error::ApiError;

/// Readiness checks.
#[derive(Debug, Clone)]
pub struct Health {
    store: Store,
}

impl Health {
    pub(crate) fn new(store: Store) -> Self {
        Self { store }
    }

    /// Ok when the database answers and carries this build's schema, else 503
    /// `SERVICE_UNAVAILABLE` (an empty re-created database is not ready until migrated).
    pub async fn ready(&self) -> Result<(), ApiError> {
        match self.store.schema_is_current().await {
            Ok(true) => Ok(()),
            Ok(false) => Err(ApiError::unavailable(
                "the database schema is older than this build: run `profilehub migrate`",
            )),
            Err(err) => Err(ApiError::unavailable(err)),
        }
    }

    /// Closes every database connection (shutdown). Later requests answer 503.
    /// Pooled database connections: (in use, idle).
    pub fn pool_connections(&self) -> (u32, u32) {
        let pool = self.store.pool();
        let idle = u32::try_from(pool.num_idle()).unwrap_or(u32::MAX);
        (pool.size().saturating_sub(idle), idle)
    }

    pub async fn close_database(&self) {
        self.store.close().await;
    }
}
