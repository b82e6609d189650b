//! Liveness and readiness probes for orchestrators and load balancers.

use poem::web::Data;
use poem_openapi::{OpenApi, payload::Json};

use super::{ApiTags, AppState, Ok200, models::Health};
use crate::error::{ALWAYS, ApiError, ApiResult};

/// Operational endpoints.
#[derive(Default)]
pub struct OpsApi;

#[OpenApi(tag = "ApiTags::Ops")]
impl OpsApi {
    /// Liveness probe
    ///
    /// 200 while the process is serving requests; it does not touch the database.
    #[oai(path = "/healthz", method = "get", operation_id = "get_health")]
    async fn health(&self) -> ApiResult<Ok200<Health>, ALWAYS> {
        Ok(Ok200::Ok(Json(Health {
            status: "ok".into(),
        })))
    }

    /// Readiness probe
    ///
    /// 200 when the database answers, else 503 `SERVICE_UNAVAILABLE` within a few seconds.
    #[oai(path = "/readyz", method = "get", operation_id = "get_readiness")]
    async fn readiness(&self, state: Data<&AppState>) -> ApiResult<Ok200<Health>, ALWAYS> {
        state.store.ping().await.map_err(ApiError::unavailable)?;
        Ok(Ok200::Ok(Json(Health {
            status: "ok".into(),
        })))
    }
}
