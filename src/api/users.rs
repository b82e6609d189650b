//! `/v1/users` (tag `users`): the caller's own account and users by id, and the wire types
//! of a user — `SelfUser` (only ever shown to its owner), `PublicProfile` (what anyone may
//! see), `UserView` (either, by who asks) and the PATCH body. Other families (auth,
//! profiles) use these types; this family imports none of theirs.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use poem::web::Data;
use poem_openapi::{
    Enum, Object, OpenApi, Union,
    param::{Header, Path},
    types::MaybeUndefined,
};
use uuid::Uuid;

use super::{
    ApiTags, NoContent,
    body::JsonBody,
    params::IdParam,
    prerendered::{Cached, PreRendered, Private},
    ratings::Ratings,
    security::{BearerAuth, OptionalBearerAuth},
    text::{
        BioText, Date, DisplayNameText, EmailText, LocationText, PhoneText, SkillText, Text,
        UsernameText, WebUrl,
    },
};
use crate::{
    AppState,
    domain::{
        Patch, ProfileInput, Role, SocialInput, User, VisibilityInput, admin::RequiredAction,
        lists::ItemList,
    },
    error::{ALWAYS, AUTH, ApiResult, BODY, ErrorCode, codes},
    services::profiles::{ProfileData, ProfileKey, ProfileView},
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
    ) -> ApiResult<Private<SelfUser>, { ALWAYS | AUTH }> {
        let caller = auth.caller_with_pending_actions(&state).await?;
        let user = state.users.own(caller.user_id).await?;
        Ok(Private::of(SelfUser::from(&user)))
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
    ) -> ApiResult<
        Private<SelfUser>,
        { ALWAYS | AUTH | BODY | codes(&[ErrorCode::UsernameTaken, ErrorCode::EmailTaken]) },
    > {
        // Submitting the profile is what UPDATE_PROFILE asks for.
        let caller = auth
            .caller_completing(&state, RequiredAction::UpdateProfile)
            .await?;
        let user = state
            .users
            .update_profile(caller.user_id, body.0.into())
            .await?;
        Ok(Private::of(SelfUser::from(&user)))
    }

    /// Change my password
    ///
    /// `currentPassword` must be right: a wrong one is a 422 `VALIDATION_FAILED` naming it
    /// and counts toward the account's login throttling (429 `RATE_LIMITED` with
    /// `Retry-After` once throttled, even with the right one). Every other session of the
    /// account ends; this one stays. Completes `UPDATE_PASSWORD`.
    #[oai(
        path = "/me/password",
        method = "post",
        operation_id = "change_password"
    )]
    async fn change_password(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        request: &poem::Request,
        body: JsonBody<PasswordChange>,
    ) -> ApiResult<NoContent, { ALWAYS | AUTH | BODY | codes(&[ErrorCode::RateLimited]) }> {
        let caller = auth
            .caller_completing(&state, RequiredAction::UpdatePassword)
            .await?;
        state
            .auth
            .change_password(
                &caller,
                &body.0.current_password,
                &body.0.new_password,
                &super::security::client_of(request),
            )
            .await?;
        Ok(NoContent::NoContent)
    }

    /// Send me an email-verification code
    ///
    /// Mails a single-use code (and a link carrying it) to the account's current address;
    /// `POST /v1/auth/email/verify` redeems it. `sent` is `false` when the address is
    /// verified already. At most one mail a minute (429 `RATE_LIMITED` with
    /// `Retry-After`).
    #[oai(
        path = "/me/email/verification",
        method = "post",
        operation_id = "send_email_verification"
    )]
    async fn send_email_verification(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
    ) -> ApiResult<VerificationAccepted, { ALWAYS | AUTH | codes(&[ErrorCode::RateLimited]) }> {
        let caller = auth
            .caller_completing(&state, RequiredAction::VerifyEmail)
            .await?;
        let sent = state.codes.send_verification(&caller).await?;
        Ok(VerificationAccepted::Accepted(poem_openapi::payload::Json(
            VerificationMail { sent },
        )))
    }

    /// Accept the terms and conditions
    ///
    /// Records the caller's acceptance; completes `TERMS_AND_CONDITIONS`.
    #[oai(
        path = "/me/terms/accept",
        method = "post",
        operation_id = "accept_terms"
    )]
    async fn accept_terms(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
    ) -> ApiResult<NoContent, { ALWAYS | AUTH }> {
        let caller = auth
            .caller_completing(&state, RequiredAction::TermsAndConditions)
            .await?;
        state.auth.accept_terms(&caller).await?;
        Ok(NoContent::NoContent)
    }

    /// Delete my account
    ///
    /// Removes the account and everything it owns; its tokens stop working immediately.
    #[oai(path = "/me", method = "delete", operation_id = "delete_current_user")]
    async fn delete_me(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
    ) -> ApiResult<NoContent, { ALWAYS | AUTH }> {
        let caller = auth.caller(&state).await?;
        state.users.delete(caller.user_id).await?;
        Ok(NoContent::NoContent)
    }

    /// Get a user by id
    ///
    /// The public profile, or — when the bearer token belongs to that user — the full
    /// account (`view` tells which). Authentication is optional, but a token that is sent
    /// must be valid. A malformed id gives 422 `MALFORMED_ID`. Public views carry an `ETag`
    /// (send it back in `If-None-Match` to get 304) and may be cached for a short time.
    #[oai(path = "/:userId", method = "get", operation_id = "get_user")]
    async fn get_user(
        &self,
        state: Data<&AppState>,
        auth: OptionalBearerAuth,
        /// The user's id (UUID).
        #[oai(name = "userId")]
        user_id: Path<IdParam>,
        /// An `ETag` from an earlier answer: 304 if the public view has not changed.
        #[oai(name = "If-None-Match")]
        if_none_match: Header<Option<String>>,
    ) -> ApiResult<
        Cached<UserView>,
        {
            ALWAYS
                | AUTH
                | codes(&[
                    ErrorCode::BadRequest,
                    ErrorCode::MalformedId,
                    ErrorCode::UserNotFound,
                ])
        },
    > {
        let id = user_id.0.id("userId")?;
        let caller = auth.caller(&state).await?;
        if caller.is_some_and(|c| c.user_id == id) {
            let user = state.users.by_id(id).await?;
            return Ok(Cached::own(&UserView::Own(SelfUser::from(&user))));
        }
        let rendered = state
            .profiles
            .rendered(ProfileKey::Id(id), ProfileView::PublicUser, |data| {
                PreRendered::render(&UserView::Public(PublicProfile::new(data)))
            })
            .await?;
        Ok(Cached::public(
            &state,
            &rendered,
            if_none_match.0.as_deref(),
        ))
    }
}

/// Whether a verification mail was queued.
#[derive(Debug, Clone, Object)]
pub struct VerificationMail {
    /// `true`: a code is on its way; `false`: the address is verified already.
    pub sent: bool,
}

/// `202 Accepted`.
#[derive(poem_openapi::ApiResponse)]
pub enum VerificationAccepted {
    /// Accepted.
    #[oai(status = 202)]
    Accepted(poem_openapi::payload::Json<VerificationMail>),
}

/// A password change.
#[derive(Debug, Clone, Object)]
#[oai(rename_all = "camelCase", deny_unknown_fields)]
pub struct PasswordChange {
    /// The account's current password.
    #[oai(validator(max_length = 128))]
    pub current_password: String,
    /// The new password: 8–128 characters (the same rules as at registration).
    #[oai(validator(min_length = 8, max_length = 128))]
    pub new_password: String,
}

/// Account role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "lowercase")]
pub enum RoleName {
    /// Regular account.
    User,
    /// Administrator.
    Admin,
}

impl From<Role> for RoleName {
    fn from(role: Role) -> Self {
        match role {
            Role::User => RoleName::User,
            Role::Admin => RoleName::Admin,
        }
    }
}

/// Something a user must do before the API serves them anything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RequiredActionName {
    /// Verify the email address.
    VerifyEmail,
    /// Choose a new password (`POST /v1/users/me/password`).
    UpdatePassword,
    /// Review the profile (any `PATCH /v1/users/me`).
    UpdateProfile,
    /// Accept the terms and conditions (`POST /v1/users/me/terms/accept`).
    TermsAndConditions,
}

impl From<RequiredAction> for RequiredActionName {
    fn from(action: RequiredAction) -> Self {
        match action {
            RequiredAction::VerifyEmail => Self::VerifyEmail,
            RequiredAction::UpdatePassword => Self::UpdatePassword,
            RequiredAction::UpdateProfile => Self::UpdateProfile,
            RequiredAction::TermsAndConditions => Self::TermsAndConditions,
        }
    }
}

impl From<RequiredActionName> for RequiredAction {
    fn from(action: RequiredActionName) -> Self {
        match action {
            RequiredActionName::VerifyEmail => Self::VerifyEmail,
            RequiredActionName::UpdatePassword => Self::UpdatePassword,
            RequiredActionName::UpdateProfile => Self::UpdateProfile,
            RequiredActionName::TermsAndConditions => Self::TermsAndConditions,
        }
    }
}

impl From<RoleName> for Role {
    fn from(role: RoleName) -> Self {
        match role {
            RoleName::User => Role::User,
            RoleName::Admin => Role::Admin,
        }
    }
}

/// Social profile links (absolute http/https URLs).
#[derive(Debug, Clone, PartialEq, Object)]
#[oai(rename_all = "camelCase")]
pub struct SocialLinks {
    /// Twitter / X profile URL.
    #[oai(nullable)]
    pub twitter: Option<String>,
    /// LinkedIn profile URL.
    #[oai(nullable)]
    pub linkedin: Option<String>,
    /// Instagram profile URL.
    #[oai(nullable)]
    pub instagram: Option<String>,
    /// GitHub profile URL.
    #[oai(nullable)]
    pub github: Option<String>,
}

/// What others see: the private fields default to hidden (`false`), the item lists to
/// public (`true`).
#[derive(Debug, Clone, PartialEq, Object)]
#[oai(rename_all = "camelCase")]
pub struct FieldVisibility {
    /// Show the email address.
    pub email: bool,
    /// Show the date of birth.
    pub date_of_birth: bool,
    /// Show the phone number.
    pub phone_number: bool,
    /// Show the item lists (played, liked, …) and their counts.
    pub lists: bool,
}

/// Everything about the caller's own account. Only its owner ever sees this.
#[derive(Debug, Clone, PartialEq, Object)]
#[oai(rename_all = "camelCase")]
pub struct SelfUser {
    /// User id.
    pub id: Uuid,
    /// Username (unique case-insensitively).
    pub username: String,
    /// Email address.
    pub email: String,
    /// Display name.
    #[oai(nullable)]
    pub name: Option<String>,
    /// Biography.
    #[oai(nullable)]
    pub bio: Option<String>,
    /// Avatar image URL.
    #[oai(nullable)]
    pub picture_url: Option<String>,
    /// Banner image URL.
    #[oai(nullable)]
    pub banner_url: Option<String>,
    /// Personal website URL.
    #[oai(nullable)]
    pub website_url: Option<String>,
    /// Free-text location.
    #[oai(nullable)]
    pub location: Option<String>,
    /// Date of birth.
    #[oai(nullable)]
    pub date_of_birth: Option<Date>,
    /// Phone number.
    #[oai(nullable)]
    pub phone_number: Option<String>,
    /// Skills, in the user's order.
    pub skills: Vec<String>,
    /// Social links.
    pub social: SocialLinks,
    /// What the public profile shows.
    pub visibility: FieldVisibility,
    /// Role.
    pub role: RoleName,
    /// Whether the account may log in.
    pub enabled: bool,
    /// Whether the email address has been verified.
    pub email_verified: bool,
    /// Creation time.
    pub created_at: DateTime<Utc>,
    /// Last profile change.
    pub updated_at: DateTime<Utc>,
    /// How many users follow this one.
    pub followers_count: u64,
    /// How many users this one follows.
    pub following_count: u64,
    /// The code others register with (`referralCode`) to name this user as their referrer.
    pub referral_code: String,
    /// Custom attributes: name → values. Only administrators set them; never public.
    pub attributes: BTreeMap<String, Vec<String>>,
    /// What the user must do before anything else is served (see `REQUIRED_ACTION`).
    pub required_actions: Vec<RequiredActionName>,
}

/// What anyone may see of a user. `email`, `dateOfBirth` and `phoneNumber` appear only when
/// the owner made them visible.
#[derive(Debug, Clone, PartialEq, Object)]
#[oai(rename_all = "camelCase")]
pub struct PublicProfile {
    /// User id.
    pub id: Uuid,
    /// Username.
    pub username: String,
    /// Display name.
    #[oai(nullable)]
    pub name: Option<String>,
    /// Biography.
    #[oai(nullable)]
    pub bio: Option<String>,
    /// Avatar image URL.
    #[oai(nullable)]
    pub picture_url: Option<String>,
    /// Banner image URL.
    #[oai(nullable)]
    pub banner_url: Option<String>,
    /// Personal website URL.
    #[oai(nullable)]
    pub website_url: Option<String>,
    /// Free-text location.
    #[oai(nullable)]
    pub location: Option<String>,
    /// Skills.
    pub skills: Vec<String>,
    /// Social links.
    pub social: SocialLinks,
    /// Creation time.
    pub created_at: DateTime<Utc>,
    /// Email, only if the owner made it visible.
    #[oai(skip_serializing_if_is_none)]
    pub email: Option<String>,
    /// Date of birth, only if the owner made it visible.
    #[oai(skip_serializing_if_is_none)]
    pub date_of_birth: Option<Date>,
    /// Phone number, only if the owner made it visible.
    #[oai(skip_serializing_if_is_none)]
    pub phone_number: Option<String>,
    /// Competitive-programming ratings (stored values; reading never calls a platform).
    pub ratings: Ratings,
    /// How many users follow this one.
    pub followers_count: u64,
    /// How many users this one follows.
    pub following_count: u64,
    /// Whether the caller follows this user (only when the request is authenticated).
    #[oai(skip_serializing_if_is_none)]
    pub followed_by_me: Option<bool>,
    /// Whether this user follows the caller (only when the request is authenticated).
    #[oai(skip_serializing_if_is_none)]
    pub follows_me: Option<bool>,
    /// How many items each list holds; `null` when the owner hides their lists.
    #[oai(nullable)]
    pub list_counts: Option<ListCounts>,
}

/// How many items each of a profile's lists holds.
#[derive(Debug, Clone, PartialEq, Object)]
#[oai(rename_all = "camelCase")]
pub struct ListCounts {
    /// Played.
    pub played: u64,
    /// Liked.
    pub liked: u64,
    /// Backlog.
    pub backlog: u64,
    /// Wishlist.
    pub wishlist: u64,
    /// Favorites.
    pub favorites: u64,
}

impl ListCounts {
    fn of(counts: &[(ItemList, i64)]) -> Self {
        let count = |list: ItemList| {
            counts
                .iter()
                .find(|(l, _)| *l == list)
                .map_or(0, |(_, n)| u64::try_from(*n).unwrap_or(0))
        };
        Self {
            played: count(ItemList::Played),
            liked: count(ItemList::Liked),
            backlog: count(ItemList::Backlog),
            wishlist: count(ItemList::Wishlist),
            favorites: count(ItemList::Favorites),
        }
    }
}

/// A user as seen by the caller: the full account for its owner, the public profile for
/// everyone else. `view` says which.
#[derive(Debug, Clone, PartialEq, Union)]
#[oai(discriminator_name = "view", one_of)]
// Built once per response and moved straight into the body: boxing would buy nothing.
#[allow(clippy::large_enum_variant)]
pub enum UserView {
    /// The caller's own account.
    #[oai(mapping = "self")]
    Own(SelfUser),
    /// Someone else's public profile.
    #[oai(mapping = "public")]
    Public(PublicProfile),
}

fn social(user: &User) -> SocialLinks {
    SocialLinks {
        twitter: user.social.twitter.clone(),
        linkedin: user.social.linkedin.clone(),
        instagram: user.social.instagram.clone(),
        github: user.social.github.clone(),
    }
}

impl From<&User> for SelfUser {
    fn from(user: &User) -> Self {
        SelfUser {
            id: user.id,
            username: user.username.clone(),
            email: user.email.clone(),
            name: user.name.clone(),
            bio: user.bio.clone(),
            picture_url: user.picture_url.clone(),
            banner_url: user.banner_url.clone(),
            website_url: user.website_url.clone(),
            location: user.location.clone(),
            date_of_birth: user.date_of_birth.map(Date),
            phone_number: user.phone_number.clone(),
            skills: user.skills.clone(),
            social: social(user),
            visibility: FieldVisibility {
                email: user.visibility.email,
                date_of_birth: user.visibility.date_of_birth,
                phone_number: user.visibility.phone_number,
                lists: user.visibility.lists,
            },
            role: user.role.into(),
            enabled: user.enabled,
            email_verified: user.email_verified,
            created_at: user.created_at,
            updated_at: user.updated_at,
            followers_count: user.followers,
            following_count: user.following,
            referral_code: user.referral_code.clone().unwrap_or_default(),
            attributes: user.attributes.clone(),
            required_actions: user
                .required_actions
                .iter()
                .copied()
                .map(Into::into)
                .collect(),
        }
    }
}

impl PublicProfile {
    /// The public view of a user with their stored ratings and list counts.
    pub fn new(data: &ProfileData) -> Self {
        let (user, ratings) = (&data.user, &data.ratings);
        PublicProfile {
            id: user.id,
            username: user.username.clone(),
            name: user.name.clone(),
            bio: user.bio.clone(),
            picture_url: user.picture_url.clone(),
            banner_url: user.banner_url.clone(),
            website_url: user.website_url.clone(),
            location: user.location.clone(),
            skills: user.skills.clone(),
            social: social(user),
            created_at: user.created_at,
            email: user.public_email().map(str::to_string),
            date_of_birth: user.public_date_of_birth().map(Date),
            phone_number: user.public_phone_number().map(str::to_string),
            ratings: ratings.into(),
            followers_count: user.followers,
            following_count: user.following,
            followed_by_me: None,
            follows_me: None,
            list_counts: user.visibility.lists.then(|| ListCounts::of(&data.lists)),
        }
    }

    /// The same profile as seen by a caller with this relationship to its user.
    pub fn seen_by(mut self, followed_by_me: bool, follows_me: bool) -> Self {
        self.followed_by_me = Some(followed_by_me);
        self.follows_me = Some(follows_me);
        self
    }
}

// ---------------------------------------------------------------------------------------
// Profile edits
// ---------------------------------------------------------------------------------------

/// Social links to change; `null` clears one, an absent one is left alone.
#[derive(Debug, Clone, Default, Object)]
#[oai(rename_all = "camelCase", deny_unknown_fields)]
pub struct SocialLinksUpdate {
    /// Twitter / X profile URL.
    #[oai(nullable)]
    pub twitter: MaybeUndefined<WebUrl>,
    /// LinkedIn profile URL.
    #[oai(nullable)]
    pub linkedin: MaybeUndefined<WebUrl>,
    /// Instagram profile URL.
    #[oai(nullable)]
    pub instagram: MaybeUndefined<WebUrl>,
    /// GitHub profile URL.
    #[oai(nullable)]
    pub github: MaybeUndefined<WebUrl>,
}

/// Visibility switches to change; absent ones are left alone.
#[derive(Debug, Clone, Default, Object)]
#[oai(rename_all = "camelCase", deny_unknown_fields)]
pub struct FieldVisibilityUpdate {
    /// Show the email address publicly.
    pub email: Option<bool>,
    /// Show the date of birth publicly.
    pub date_of_birth: Option<bool>,
    /// Show the phone number publicly.
    pub phone_number: Option<bool>,
    /// Show the item lists to others.
    pub lists: Option<bool>,
}

/// A partial update of the caller's profile: absent fields are left alone, `null` clears a
/// nullable field. Any other field (`id`, `role`, `enabled`, `emailVerified`, `password`,
/// `createdAt`, …) is refused with 422 and nothing changes.
#[derive(Debug, Clone, Default, Object)]
#[oai(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateUserRequest {
    /// New username; unique case-insensitively.
    pub username: Option<UsernameText>,
    /// New email address; unique case-insensitively, and it will need verifying again.
    pub email: Option<EmailText>,
    /// Display name (blank clears it).
    #[oai(nullable)]
    pub name: MaybeUndefined<DisplayNameText>,
    /// Biography (blank clears it).
    #[oai(nullable)]
    pub bio: MaybeUndefined<BioText>,
    /// Avatar image URL.
    #[oai(nullable)]
    pub picture_url: MaybeUndefined<WebUrl>,
    /// Banner image URL.
    #[oai(nullable)]
    pub banner_url: MaybeUndefined<WebUrl>,
    /// Personal website URL.
    #[oai(nullable)]
    pub website_url: MaybeUndefined<WebUrl>,
    /// Free-text location (blank clears it).
    #[oai(nullable)]
    pub location: MaybeUndefined<LocationText>,
    /// Date of birth, `YYYY-MM-DD`, from 1900-01-01 up to today.
    #[oai(nullable)]
    pub date_of_birth: MaybeUndefined<Date>,
    /// Phone number.
    #[oai(nullable)]
    pub phone_number: MaybeUndefined<PhoneText>,
    /// Skills: up to 50, trimmed, later case-insensitive duplicates dropped; `null` clears.
    #[oai(nullable, validator(max_items = 50))]
    pub skills: MaybeUndefined<Vec<SkillText>>,
    /// Social links to change.
    pub social: Option<SocialLinksUpdate>,
    /// Visibility switches to change.
    pub visibility: Option<FieldVisibilityUpdate>,
}

fn patch<R>(value: MaybeUndefined<Text<R>>) -> Patch<String> {
    match value {
        MaybeUndefined::Undefined => Patch::Keep,
        MaybeUndefined::Null => Patch::Clear,
        MaybeUndefined::Value(v) => Patch::Set(v.into_inner()),
    }
}

fn set_or_keep<R>(value: Option<Text<R>>) -> Patch<String> {
    value.map_or(Patch::Keep, |v| Patch::Set(v.into_inner()))
}

impl From<UpdateUserRequest> for ProfileInput {
    fn from(req: UpdateUserRequest) -> Self {
        ProfileInput {
            username: set_or_keep(req.username),
            email: set_or_keep(req.email),
            name: patch(req.name),
            bio: patch(req.bio),
            picture_url: patch(req.picture_url),
            banner_url: patch(req.banner_url),
            website_url: patch(req.website_url),
            location: patch(req.location),
            date_of_birth: match req.date_of_birth {
                MaybeUndefined::Undefined => Patch::Keep,
                MaybeUndefined::Null => Patch::Clear,
                MaybeUndefined::Value(date) => Patch::Set(date.0.to_string()),
            },
            phone_number: patch(req.phone_number),
            skills: match req.skills {
                MaybeUndefined::Undefined => Patch::Keep,
                MaybeUndefined::Null => Patch::Clear,
                MaybeUndefined::Value(list) => {
                    Patch::Set(list.into_iter().map(Text::into_inner).collect())
                }
            },
            social: req.social.map(|s| SocialInput {
                twitter: patch(s.twitter),
                linkedin: patch(s.linkedin),
                instagram: patch(s.instagram),
                github: patch(s.github),
            }),
            visibility: req.visibility.map(|v| VisibilityInput {
                email: v.email,
                date_of_birth: v.date_of_birth,
                phone_number: v.phone_number,
                lists: v.lists,
            }),
        }
    }
}
