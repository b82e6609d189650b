//! `/v1/profiles` and `/v1/user/profile` (tag `profiles`): public profiles by username,
//! served from the profile cache with `ETag`s, and field projections of one's own account.
//! The wire types are the users family's.

use std::{borrow::Cow, marker::PhantomData};

use poem::web::Data;
use poem_openapi::{
    OpenApi,
    param::{Header, Path, Query},
    registry::{MetaSchema, MetaSchemaRef, Registry},
    types::{ParseError, ParseFromParameter, ParseResult, ToJSON, Type},
};
use serde_json::{Map, Value};

use super::{
    ApiTags,
    prerendered::{Cached, PreRendered, Private},
    security::{BearerAuth, OptionalBearerAuth},
    users::{PublicProfile, SelfUser},
};
use crate::{
    AppState,
    error::{ALWAYS, AUTH, ApiError, ApiResult, ErrorCode, codes, quoted},
    services::profiles::{ProfileKey, ProfileView},
};

/// Profile operations.
#[derive(Default)]
pub struct ProfilesApi;

#[OpenApi(tag = "ApiTags::Profiles")]
impl ProfilesApi {
    /// Get a public profile
    ///
    /// A user's public profile by username (case-insensitive), with their ratings.
    /// `email`, `dateOfBirth` and `phoneNumber` appear only when the owner made them
    /// visible. Reading a profile never calls a rating platform. Anonymous answers carry an
    /// `ETag` (send it back in `If-None-Match` to get 304) and may be cached for a short
    /// time. With a bearer token (optional, but it must be valid when sent) the answer also
    /// says whether the caller follows the user (`followedByMe`) and the user the caller
    /// (`followsMe`), and is private to the caller.
    #[oai(
        path = "/v1/profiles/:username",
        method = "get",
        operation_id = "get_profile"
    )]
    async fn get_profile(
        &self,
        state: Data<&AppState>,
        auth: OptionalBearerAuth,
        /// Username, in any case.
        username: Path<String>,
        /// An `ETag` from an earlier answer: 304 if the profile has not changed.
        #[oai(name = "If-None-Match")]
        if_none_match: Header<Option<String>>,
    ) -> ApiResult<
        Cached<PublicProfile>,
        { ALWAYS | AUTH | codes(&[ErrorCode::BadRequest, ErrorCode::UserNotFound]) },
    > {
        if let Some(caller) = auth.caller(&state).await? {
            let data = state.profiles.load(ProfileKey::Name(&username.0)).await?;
            let (followed_by_me, follows_me) = state
                .social
                .relationship(caller.user_id, data.user.id)
                .await?;
            let profile = PublicProfile::new(&data);
            return Ok(Cached::own(&profile.seen_by(followed_by_me, follows_me)));
        }
        let rendered = state
            .profiles
            .rendered(
                ProfileKey::Name(&username.0),
                ProfileView::Profile,
                |data| PreRendered::render(&PublicProfile::new(data)),
            )
            .await?;
        Ok(Cached::public(
            &state,
            &rendered,
            if_none_match.0.as_deref(),
        ))
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
    ) -> ApiResult<
        Private<Projection<SelfUser>>,
        { ALWAYS | AUTH | codes(&[ErrorCode::BadRequest, ErrorCode::UnknownProfileField]) },
    > {
        let caller = auth.caller(&state).await?;
        let names = fields.0.names()?;
        let user = state.users.own(caller.user_id).await?;
        Ok(Private::of(Projection::new(&SelfUser::from(&user), &names)))
    }
}

/// `fields=a,b,c`: top-level `SelfUser` field names to project.
#[derive(Debug, Clone, Default)]
pub struct FieldList(Vec<String>);

/// The field names of `SelfUser`, as published.
pub fn self_user_fields() -> Vec<&'static str> {
    let mut registry = Registry::new();
    <SelfUser as Type>::register(&mut registry);
    registry
        .schemas
        .get(&*<SelfUser as Type>::name())
        .map(|schema| schema.properties.iter().map(|(name, _)| *name).collect())
        .unwrap_or_default()
}

impl FieldList {
    /// The requested names, each checked against `SelfUser`'s fields; unknown names are a
    /// 400 `UNKNOWN_PROFILE_FIELD` that lists the allowed ones.
    pub fn names(&self) -> Result<Vec<String>, ApiError> {
        let allowed = self_user_fields();
        let unknown: Vec<&str> = self
            .0
            .iter()
            .map(String::as_str)
            .filter(|name| !allowed.contains(name))
            .collect();
        if self.0.is_empty() || !unknown.is_empty() {
            let mut err = ApiError::new(
                ErrorCode::UnknownProfileField,
                format!(
                    "Unknown field name(s) {}; allowed: {}.",
                    if unknown.is_empty() {
                        "(none given)".to_string()
                    } else {
                        unknown
                            .iter()
                            .map(|n| format!("`{}`", quoted(n)))
                            .collect::<Vec<_>>()
                            .join(", ")
                    },
                    allowed.join(", ")
                ),
            );
            err.fields = Some(
                [(
                    "fields".to_string(),
                    vec![format!("allowed names: {}", allowed.join(", "))],
                )]
                .into(),
            );
            return Err(err);
        }
        Ok(self.0.clone())
    }
}

impl Type for FieldList {
    crate::api::raw_value_is_self!();

    fn name() -> Cow<'static, str> {
        "string(SelfUserFieldList)".into()
    }

    /// A comma-separated list, so the schema is a string whose pattern admits exactly the
    /// field names. (An `explode: false` array parameter would be the natural schema, but
    /// poem-openapi 5.1 panics on such a parameter when it is missing.)
    fn schema_ref() -> MetaSchemaRef {
        let name = format!("({})", self_user_fields().join("|"));
        MetaSchemaRef::Inline(Box::new(MetaSchema {
            pattern: Some(format!("^{name}(,{name})*$")),
            example: Some(serde_json::Value::String("username,bio".into())),
            ..MetaSchema::new("string")
        }))
    }
}

impl ParseFromParameter for FieldList {
    fn parse_from_parameter(value: &str) -> ParseResult<Self> {
        Self::parse_from_parameters([value])
    }

    fn parse_from_parameters<I: IntoIterator<Item = A>, A: AsRef<str>>(
        iter: I,
    ) -> ParseResult<Self> {
        // Accept both `fields=a,b` and `fields=a&fields=b`.
        let mut values = iter.into_iter().peekable();
        if values.peek().is_none() {
            return Err(ParseError::expected_input());
        }
        Ok(Self(
            values
                .flat_map(|v| {
                    v.as_ref()
                        .split(',')
                        .map(|s| s.trim().to_string())
                        .collect::<Vec<_>>()
                })
                .filter(|s| !s.is_empty())
                .collect(),
        ))
    }
}

/// Some top-level fields of an object type `T`: `T`'s schema with nothing required.
pub struct Projection<T> {
    fields: Map<String, Value>,
    _type: PhantomData<T>,
}

impl<T: ToJSON> Projection<T> {
    /// Keeps only `names` of `value`'s JSON form.
    pub fn new(value: &T, names: &[String]) -> Self {
        let fields = match value.to_json() {
            Some(Value::Object(all)) => all
                .into_iter()
                .filter(|(key, _)| names.contains(key))
                .collect(),
            _ => Map::new(),
        };
        Self {
            fields,
            _type: PhantomData,
        }
    }
}

impl<T: Type> Type for Projection<T> {
    crate::api::raw_value_is_self!();

    fn name() -> Cow<'static, str> {
        format!("{}Projection", T::name()).into()
    }

    fn schema_ref() -> MetaSchemaRef {
        MetaSchemaRef::Reference(Self::name().into_owned())
    }

    fn register(registry: &mut Registry) {
        registry.create_schema::<Self, _>(Self::name().into_owned(), |registry| {
            let mut schema = registry.create_fake_schema::<T>();
            schema.required.clear();
            schema.description = Some("Only the fields that were asked for.");
            schema
        });
    }
}

impl<T: Type> ToJSON for Projection<T> {
    fn to_json(&self) -> Option<Value> {
        Some(Value::Object(self.fields.clone()))
    }
}
