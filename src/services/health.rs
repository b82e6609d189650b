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

    /// Ok when the database answers, else 503 `SERVICE_UNAVAILABLE`.
    pub async fn ready(&self) -> Result<(), ApiError> {
        self.store.ping().await.map_err(ApiError::unavailable)
    }

    /// Closes every database connection (shutdown). Later requests answer 503.
    pub async fn close_database(&self) {
        self.store.close().await;
    }
}
