//! `GET /user/profile/{username}`: Digitomize's public profile, byte-for-byte in its shape.
//!
//! Clients written against Digitomize (`https://www.v2api.digitomize.com/user/profile/…`)
//! can point at profilehub unchanged. This is the one place where the shape is not ours:
//! keys are Digitomize's (snake_case sections, some camelCase fields), errors are
//! `{"message", "error"}` rather than our error body, and the role is a number. The data is
//! ours: private fields are `null` unless the owner made them visible, ratings are the
//! stored ones (never fetched during the request), and unlinked platforms show all-`null`
//! entries.

use poem::web::Data;
use poem_openapi::{
    ApiResponse, Object, OpenApi,
    param::{Header, Path},
    payload::Json,
};
use profilehub_jobs::Platform;

use super::{
    ApiTags,
    prerendered::{PreRendered, cache_control},
};
use crate::{
    AppState,
    domain::{
        Role, User,
        ratings::{ProfileRatings, shown},
    },
    error::{ApiError, ErrorCode},
    services::profiles::{ProfileKey, ProfileView, RenderedProfile},
};

/// `personal_data` of a Digitomize profile.
#[derive(Debug, Clone, PartialEq, Object)]
pub struct DigitomizePersonalData {
    /// Username.
    pub username: String,
    /// Display name.
    #[oai(nullable)]
    pub name: Option<String>,
    /// Avatar URL.
    #[oai(nullable)]
    pub picture: Option<String>,
    /// Whether the email address is verified.
    pub email_verified: bool,
    /// Email, if the owner made it visible.
    #[oai(nullable)]
    pub email: Option<String>,
    /// Biography.
    #[oai(nullable)]
    pub bio: Option<String>,
    /// Date of birth (`YYYY-MM-DD`), if visible.
    #[oai(nullable, rename = "dateOfBirth")]
    pub date_of_birth: Option<String>,
    /// Phone number, if visible.
    #[oai(nullable, rename = "phoneNumber")]
    pub phone_number: Option<String>,
    /// Role: 1 user, 2 administrator.
    pub role: i64,
    /// Skills.
    pub skills: Vec<String>,
}

/// `github` of a Digitomize profile (profilehub stores no GitHub statistics: always null).
#[derive(Debug, Clone, PartialEq, Object)]
pub struct DigitomizeGithub {
    /// Always `null`.
    #[oai(nullable)]
    pub data: Option<String>,
}

/// `social` of a Digitomize profile.
#[derive(Debug, Clone, PartialEq, Object)]
pub struct DigitomizeSocial {
    /// LinkedIn URL.
    #[oai(nullable)]
    pub linkedin: Option<String>,
    /// Instagram URL.
    #[oai(nullable)]
    pub instagram: Option<String>,
    /// Twitter URL.
    #[oai(nullable)]
    pub twitter: Option<String>,
}

/// One platform in Digitomize's `ratings` (all `null` when not linked).
#[derive(Debug, Clone, PartialEq, Object)]
pub struct DigitomizePlatformRating {
    /// Platform handle.
    #[oai(nullable)]
    pub username: Option<String>,
    /// Rating, rounded.
    #[oai(nullable)]
    pub rating: Option<i64>,
    /// Rated contests.
    #[oai(nullable, rename = "attendedContestsCount")]
    pub attended_contests_count: Option<i64>,
    /// Platform title.
    #[oai(nullable)]
    pub badge: Option<String>,
    /// Fetch time, epoch milliseconds.
    #[oai(nullable, rename = "fetchTime")]
    pub fetch_time: Option<i64>,
}

/// Digitomize's `ratings`.
#[derive(Debug, Clone, PartialEq, Object)]
pub struct DigitomizeRatings {
    /// The profile's `aggregateRating` (best of CodeChef × 0.76, LeetCode × 0.695,
    /// Codeforces × 1.0, AtCoder × 1.0 over platforms with status `ok`; 0 when none).
    pub digitomize_rating: i64,
    /// CodeChef.
    pub codechef: DigitomizePlatformRating,
    /// LeetCode.
    pub leetcode: DigitomizePlatformRating,
    /// Codeforces.
    pub codeforces: DigitomizePlatformRating,
}

/// A Digitomize public profile.
#[derive(Debug, Clone, PartialEq, Object)]
pub struct DigitomizeProfile {
    /// Personal data.
    pub personal_data: DigitomizePersonalData,
    /// GitHub data.
    pub github: DigitomizeGithub,
    /// Social links.
    pub social: DigitomizeSocial,
    /// Ratings.
    pub ratings: DigitomizeRatings,
}

/// Digitomize's error body.
#[derive(Debug, Clone, PartialEq, Object)]
pub struct DigitomizeError {
    /// What went wrong.
    pub message: String,
    /// The same, as Digitomize sends it.
    pub error: String,
}

impl DigitomizeError {
    fn new(message: &str) -> Json<Self> {
        Json(Self {
            message: message.into(),
            error: message.into(),
        })
    }
}

/// Responses of the Digitomize-compatible profile.
#[derive(ApiResponse)]
pub enum DigitomizeResponse {
    /// The profile, with an `ETag` and `Cache-Control: public, max-age=…`.
    #[oai(status = 200)]
    Ok(
        PreRendered<DigitomizeProfile>,
        /// Entity tag of the body; send it back in `If-None-Match`.
        #[oai(header = "ETag")]
        String,
        /// How long the body may be reused.
        #[oai(header = "Cache-Control")]
        String,
    ),
    /// Not modified since the `ETag` sent in `If-None-Match`.
    #[oai(status = 304)]
    NotModified(
        /// Entity tag of the unchanged body.
        #[oai(header = "ETag")]
        String,
        /// How long the body may be reused.
        #[oai(header = "Cache-Control")]
        String,
    ),
    /// `{"message":"User not found","error":"User not found"}`.
    #[oai(status = 404)]
    NotFound(Json<DigitomizeError>),
    /// Unexpected server failure.
    #[oai(status = 500)]
    InternalError(Json<DigitomizeError>),
    /// The database is unreachable; retry later.
    #[oai(status = 503)]
    Unavailable(Json<DigitomizeError>),
}

impl From<ApiError> for DigitomizeResponse {
    fn from(err: ApiError) -> Self {
        match err.code.status().as_u16() {
            503 => Self::Unavailable(DigitomizeError::new("Service unavailable")),
            _ => Self::InternalError(DigitomizeError::new("Internal server error")),
        }
    }
}

impl DigitomizeResponse {
    fn of(state: &AppState, rendered: &RenderedProfile, if_none_match: Option<&str>) -> Self {
        let cache_control = cache_control(state);
        if rendered.matches(if_none_match) {
            Self::NotModified(rendered.etag.clone(), cache_control)
        } else {
            Self::Ok(
                PreRendered::from(rendered),
                rendered.etag.clone(),
                cache_control,
            )
        }
    }
}

/// Builds the Digitomize shape from a user and their stored ratings. `digitomize_rating` is
/// the profile's own aggregate (the same weights and rules), 0 when there is none.
pub fn digitomize_profile(user: &User, ratings: &ProfileRatings) -> DigitomizeProfile {
    let entry = |platform| {
        let link = ratings.by_platform.get(&platform);
        DigitomizePlatformRating {
            username: link.map(|l| l.handle.clone()),
            rating: link.and_then(|l| l.rating).map(shown),
            attended_contests_count: link.and_then(|l| l.attended_contests),
            badge: link.and_then(|l| l.badge.clone()),
            fetch_time: link.and_then(|l| l.fetch_time),
        }
    };
    let digitomize_rating = ratings.aggregate.unwrap_or(0);
    DigitomizeProfile {
        personal_data: DigitomizePersonalData {
            username: user.username.clone(),
            name: user.name.clone(),
            picture: user.picture_url.clone(),
            email_verified: user.email_verified,
            email: user.public_email().map(str::to_string),
            bio: user.bio.clone(),
            date_of_birth: user.public_date_of_birth().map(|d| d.to_string()),
            phone_number: user.public_phone_number().map(str::to_string),
            role: match user.role {
                Role::User => 1,
                Role::Admin => 2,
            },
            skills: user.skills.clone(),
        },
        github: DigitomizeGithub { data: None },
        social: DigitomizeSocial {
            linkedin: user.social.linkedin.clone(),
            instagram: user.social.instagram.clone(),
            twitter: user.social.twitter.clone(),
        },
        ratings: DigitomizeRatings {
            digitomize_rating,
            codechef: entry(Platform::Codechef),
            leetcode: entry(Platform::Leetcode),
            codeforces: entry(Platform::Codeforces),
        },
    }
}

/// Digitomize-compatible operations.
#[derive(Default)]
pub struct CompatApi;

#[OpenApi(tag = "ApiTags::Compat")]
impl CompatApi {
    /// Get a profile in Digitomize's format
    ///
    /// Digitomize's `GET /user/profile/{username}`, in exactly its documented shape, for
    /// clients written against Digitomize. Unknown user → 404
    /// `{"message":"User not found","error":"User not found"}`.
    #[oai(
        path = "/user/profile/:username",
        method = "get",
        operation_id = "get_digitomize_profile"
    )]
    async fn digitomize_profile(
        &self,
        state: Data<&AppState>,
        /// Username, in any case.
        username: Path<String>,
        /// An `ETag` from an earlier answer: 304 if the profile has not changed.
        #[oai(name = "If-None-Match")]
        if_none_match: Header<Option<String>>,
    ) -> DigitomizeResponse {
        let rendered = state
            .profiles
            .rendered(
                ProfileKey::Name(&username.0),
                ProfileView::Digitomize,
                |data| PreRendered::render(&digitomize_profile(&data.user, &data.ratings)),
            )
            .await;
        match rendered {
            Ok(rendered) => DigitomizeResponse::of(&state, &rendered, if_none_match.0.as_deref()),
            Err(err) if err.code == ErrorCode::UserNotFound => {
                DigitomizeResponse::NotFound(DigitomizeError::new("User not found"))
            }
            Err(err) => err.into(),
        }
    }
}
