//! `/v1/users`: the caller's own account, and users by id.

use poem::web::Data;
use poem_openapi::{OpenApi, param::Path, payload::Json};

use super::{
    ApiTags, AppState, NoContent, Ok200,
    body::JsonBody,
    models::{PublicProfile, SelfUser, UpdateUserRequest, UserView},
    params::IdParam,
    security::{BearerAuth, OptionalBearerAuth},
    user_not_found,
};
use crate::{
    error::{ALWAYS, ApiResult, E401, E403, E404, E409, E422, WITH_BODY},
    profiles,
};

/// User operations.
#[derive(Default)]
pub struct UsersApi;

#[OpenApi(prefix_path = "/v1/users", tag = "ApiTags::Users")]
impl UsersApi {
    /// Get my account
    ///
    /// Everything about the caller's account, including private fields.
    #[oai(path = "/me", method = "get", operation_id = "get_current_user")]
    async fn get_me(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
    ) -> ApiResult<Ok200<SelfUser>, { ALWAYS | E401 | E403 | E404 }> {
        let caller = auth.caller(&state).await?;
        let user = state
            .store
            .user_by_id(caller.user_id)
            .await?
            .ok_or_else(user_not_found)?;
        Ok(Ok200::Ok(Json(SelfUser::from(&user))))
    }

    /// Update my profile
    ///
    /// Partial update: absent fields are left alone, `null` clears a nullable field. Every
    /// problem is reported at once (422 `VALIDATION_FAILED` with `fields`), and a refused
    /// update changes nothing. Unknown and read-only fields (`id`, `role`, `enabled`,
    /// `emailVerified`, `password`, `createdAt`, …) are refused. Changing the email resets
    /// `emailVerified`.
    #[oai(path = "/me", method = "patch", operation_id = "update_current_user")]
    async fn update_me(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        body: JsonBody<UpdateUserRequest>,
    ) -> ApiResult<Ok200<SelfUser>, { ALWAYS | WITH_BODY | E401 | E403 | E404 | E409 }> {
        let caller = auth.caller(&state).await?;
        let user = profiles::update_profile(&state.store, caller.user_id, body.0.into()).await?;
        Ok(Ok200::Ok(Json(SelfUser::from(&user))))
    }

    /// Delete my account
    ///
    /// Removes the account and everything it owns; its tokens stop working immediately.
    #[oai(path = "/me", method = "delete", operation_id = "delete_current_user")]
    async fn delete_me(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
    ) -> ApiResult<NoContent, { ALWAYS | E401 | E403 }> {
        let caller = auth.caller(&state).await?;
        state.store.delete_user(caller.user_id).await?;
        tracing::info!(user_id = %caller.user_id, "account deleted");
        Ok(NoContent::NoContent)
    }

    /// Get a user by id
    ///
    /// The public profile, or — when the bearer token belongs to that user — the full
    /// account (`view` tells which). Authentication is optional, but a token that is sent
    /// must be valid. A malformed id gives 422 `MALFORMED_ID`.
    #[oai(path = "/:userId", method = "get", operation_id = "get_user")]
    async fn get_user(
        &self,
        state: Data<&AppState>,
        auth: OptionalBearerAuth,
        /// The user's id (UUID).
        #[oai(name = "userId")]
        user_id: Path<IdParam>,
    ) -> ApiResult<Ok200<UserView>, { ALWAYS | E401 | E403 | E404 | E422 }> {
        let id = user_id.0.id("userId")?;
        let caller = auth.caller(&state).await?;
        let user = state
            .store
            .user_by_id(id)
            .await?
            .ok_or_else(user_not_found)?;
        let view = if caller.is_some_and(|c| c.user_id == user.id) {
            UserView::Own(SelfUser::from(&user))
        } else {
            let ratings = state.ratings.profile(user.id).await?;
            UserView::Public(PublicProfile::new(&user, &ratings))
        };
        Ok(Ok200::Ok(Json(view)))
    }
}
