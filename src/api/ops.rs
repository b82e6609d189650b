//! Liveness and readiness probes for orchestrators and load balancers.

use poem::web::Data;
use poem_openapi::{Object, OpenApi, payload::Json};

use super::{ApiTags, Ok200};
use crate::{
    AppState,
    error::{ALWAYS, ApiResult, ErrorCode, codes},
};

/// Health report.
#[derive(Debug, Clone, Object)]
pub struct Health {
    /// `ok`.
    pub status: String,
}

/// Operational endpoints.
#[derive(Default)]
pub struct OpsApi;

#[OpenApi(tag = "ApiTags::Ops")]
impl OpsApi {
    /// Liveness probe
    ///
    /// 200 while the process is serving requests; it does not touch the database.
    #[oai(path = "/healthz", method = "get", operation_id = "get_health")]
    async fn health(&self) -> ApiResult<Ok200<Health>, { codes(&[ErrorCode::InternalError]) }> {
        Ok(Ok200::Ok(Json(Health {
            status: "ok".into(),
        })))
    }

    /// Readiness probe
    ///
    /// 200 when the database answers, else 503 `SERVICE_UNAVAILABLE` within a few seconds.
    #[oai(path = "/readyz", method = "get", operation_id = "get_readiness")]
    async fn readiness(&self, state: Data<&AppState>) -> ApiResult<Ok200<Health>, ALWAYS> {
        state.health.ready().await?;
        Ok(Ok200::Ok(Json(Health {
            status: "ok".into(),
        })))
    }
}
