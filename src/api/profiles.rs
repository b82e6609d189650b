//! `/v1/profiles` and `/v1/user/profile`: public profiles and field projections.

use poem::web::Data;
use poem_openapi::{
    OpenApi,
    param::{Path, Query},
    payload::Json,
};

use super::{
    ApiTags, AppState, Ok200,
    models::{PublicProfile, SelfUser},
    params::FieldList,
    security::BearerAuth,
    spec::Projection,
    user_not_found,
};
use crate::error::{ALWAYS, ApiResult, E401, E403, E404};

/// Profile operations.
#[derive(Default)]
pub struct ProfilesApi;

#[OpenApi(tag = "ApiTags::Profiles")]
impl ProfilesApi {
    /// Get a public profile
    ///
    /// A user's public profile by username (case-insensitive), with their ratings.
    /// `email`, `dateOfBirth` and `phoneNumber` appear only when the owner made them
    /// visible. Reading a profile never calls a rating platform.
    #[oai(
        path = "/v1/profiles/:username",
        method = "get",
        operation_id = "get_profile"
    )]
    async fn get_profile(
        &self,
        state: Data<&AppState>,
        /// Username, in any case.
        username: Path<String>,
    ) -> ApiResult<Ok200<PublicProfile>, { ALWAYS | E404 }> {
        let user = state.user_named(&username.0).await?;
        let ratings = state.ratings.profile(user.id).await?;
        Ok(Ok200::Ok(Json(PublicProfile::new(&user, &ratings))))
    }

    /// Get selected fields of my profile
    ///
    /// The caller's own account restricted to the listed top-level fields, e.g.
    /// `?fields=username,bio`. An unknown name gives 400 `UNKNOWN_PROFILE_FIELD` listing the
    /// allowed ones.
    #[oai(
        path = "/v1/user/profile",
        method = "get",
        operation_id = "get_profile_fields"
    )]
    async fn get_profile_fields(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        /// Comma-separated `SelfUser` field names, e.g. `username,bio`.
        fields: Query<FieldList>,
    ) -> ApiResult<Ok200<Projection<SelfUser>>, { ALWAYS | E401 | E403 | E404 }> {
        let caller = auth.caller(&state).await?;
        let names = fields.0.names()?;
        let user = state
            .store
            .user_by_id(caller.user_id)
            .await?
            .ok_or_else(user_not_found)?;
        Ok(Ok200::Ok(Json(Projection::new(
            &SelfUser::from(&user),
            &names,
        ))))
    }
}
