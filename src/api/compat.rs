//! Digitomize's routes: `GET /user/profile/{username}` (its public profile) and
//! `GET /user/leaderboard` (its page-numbered leaderboard), byte-for-byte in its shapes.
//!
//! Clients written against Digitomize (`https://www.v2api.digitomize.com/user/profile/…`)
//! can point at profilehub unchanged. This is the one place where the shape is not ours:
//! keys are Digitomize's (snake_case sections, some camelCase fields), errors are
//! `{"message", "error"}` rather than our error body, and the role is a number. The data is
//! ours: private fields are `null` unless the owner made them visible, ratings are the
//! stored ones (never fetched during the request), and unlinked platforms show all-`null`
//! entries.

use std::collections::BTreeMap;

use poem::web::Data;
use poem_openapi::{
    ApiResponse, Object, OpenApi, Union,
    param::{Header, Path, Query},
    payload::Json,
};
use profilehub_jobs::Platform;

use super::{
    ApiTags,
    cards::{self, CardResponse, notice_card},
    prerendered::{PreRendered, cache_control},
    svg::{CardOptions, Theme},
};
use crate::{
    AppState,
    domain::{
        Role, User,
        boards::Board,
        ratings::{ProfileRatings, shown},
    },
    error::{ApiError, ErrorCode},
    services::{
        leaderboards::{DIGITOMIZE_PAGE_SIZE, DIGITOMIZE_TOP, DigitomizeRow},
        profiles::{ProfileKey, ProfileView, RenderedProfile},
    },
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

/// A row of Digitomize's leaderboard.
#[derive(Debug, Clone, PartialEq, Object)]
pub struct DigitomizeLeaderboardRow {
    /// Username.
    pub username: String,
    /// Avatar URL.
    #[oai(nullable)]
    pub picture: Option<String>,
    /// Display name.
    #[oai(nullable)]
    pub name: Option<String>,
    /// The user's ratings, beside the rest.
    #[oai(flatten)]
    pub ratings: DigitomizeBoardRatings,
}

/// Digitomize's leaderboard page.
#[derive(Debug, Clone, PartialEq, Object)]
pub struct DigitomizeLeaderboard {
    /// Users on the board.
    pub total_users: i64,
    /// The best three (on every page).
    pub top3: Vec<DigitomizeLeaderboardRow>,
    /// Rows in `leaderboard`.
    pub users_in_page: i64,
    /// Pages after the top three: `ceil((total_users − 3) / 5)`.
    pub total_pages: i64,
    /// This page's number (from 1).
    pub current_page: i64,
    /// This page's rows: five per page, starting after the top three.
    pub leaderboard: Vec<DigitomizeLeaderboardRow>,
}

/// Every rating of one user, as Digitomize's leaderboard shows them.
#[derive(Debug, Clone, PartialEq, Object)]
pub struct DigitomizeBoardRatings {
    /// CodeChef rating (`null` without one).
    #[oai(nullable)]
    pub codechef: Option<i64>,
    /// LeetCode rating.
    #[oai(nullable)]
    pub leetcode: Option<i64>,
    /// Codeforces rating.
    #[oai(nullable)]
    pub codeforces: Option<i64>,
    /// The aggregate rating (0 without one).
    pub digitomize_rating: i64,
    /// The rating on `?platform=`; `null` without `platform`.
    #[oai(nullable)]
    pub platform_rating: Option<i64>,
}

/// A user's position on Digitomize's leaderboard.
#[derive(Debug, Clone, PartialEq, Object)]
pub struct DigitomizePosition {
    /// The user's rank on the board (competition rank: equal ratings share it).
    pub user_position: i64,
    /// Their ratings.
    pub ratings: DigitomizeBoardRatings,
}

impl DigitomizeBoardRatings {
    /// A user's `ratings` (by board) as Digitomize shows them, `platform_rating` for the
    /// board of `?platform=`.
    fn new(ratings: &BTreeMap<Board, i64>, platform: Option<Platform>) -> Self {
        let rating = |board| ratings.get(&board).copied();
        Self {
            codechef: rating(Board::Platform(Platform::Codechef)),
            leetcode: rating(Board::Platform(Platform::Leetcode)),
            codeforces: rating(Board::Platform(Platform::Codeforces)),
            digitomize_rating: rating(Board::Aggregate).unwrap_or(0),
            platform_rating: platform.and_then(|p| rating(Board::Platform(p))),
        }
    }
}

/// Digitomize's leaderboard answers: a page, or (with `username`) one user's position.
#[derive(Debug, Clone, PartialEq, Union)]
pub enum DigitomizeLeaderboardBody {
    /// A page of the board.
    Page(DigitomizeLeaderboard),
    /// With `?username=`: that user's position.
    Position(DigitomizePosition),
}

/// Responses of Digitomize's leaderboard.
#[derive(ApiResponse)]
pub enum DigitomizeLeaderboardResponse {
    /// A page of the board, or with `username` that user's position.
    #[oai(status = 200)]
    Ok(Json<DigitomizeLeaderboardBody>),
    /// `{"message":"Invalid platform",…}` or `{"message":"Invalid page",…}`.
    #[oai(status = 400)]
    BadRequest(Json<DigitomizeError>),
    /// `{"message":"User not found",…}`, or the user holds no rating on that board.
    #[oai(status = 404)]
    NotFound(Json<DigitomizeError>),
    /// Unexpected server failure.
    #[oai(status = 500)]
    InternalError(Json<DigitomizeError>),
    /// The database is unreachable; retry later.
    #[oai(status = 503)]
    Unavailable(Json<DigitomizeError>),
}

impl From<ApiError> for DigitomizeLeaderboardResponse {
    fn from(err: ApiError) -> Self {
        match err.code {
            ErrorCode::UserNotFound => Self::NotFound(DigitomizeError::new("User not found")),
            _ => match DigitomizeResponse::from(err) {
                DigitomizeResponse::Unavailable(body) => Self::Unavailable(body),
                _ => Self::InternalError(DigitomizeError::new("Internal server error")),
            },
        }
    }
}

/// The Digitomize leaderboard row of `row` (ratings of every board the user is on).
fn leaderboard_row(row: DigitomizeRow, platform: Option<Platform>) -> DigitomizeLeaderboardRow {
    DigitomizeLeaderboardRow {
        ratings: DigitomizeBoardRatings::new(&row.ratings, platform),
        username: row.row.username,
        picture: row.row.picture_url,
        name: row.row.name,
    }
}

/// The platforms Digitomize ranks.
const DIGITOMIZE_PLATFORMS: [Platform; 3] =
    [Platform::Codechef, Platform::Leetcode, Platform::Codeforces];

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

    /// Get a rating card in Digitomize's format
    ///
    /// Digitomize's `GET /user/ratings/{username}?leetcode=1&codechef=1&codeforces=1`: an
    /// SVG (`image/svg+xml`) with one tile per selected platform that has a rating
    /// (handle, rating, badge, contests), drawn like `GET /v1/profiles/{username}/card.svg`
    /// and with its headers. A flag selects with `1` or `true`. Nothing selected, or no
    /// rating among the selected → a notice card; unknown user → 404 with a "not found"
    /// card. Unlike Digitomize's, never an empty body and every text is escaped.
    #[oai(
        path = "/user/ratings/:username",
        method = "get",
        operation_id = "get_digitomize_rating_card"
    )]
    async fn digitomize_card(
        &self,
        state: Data<&AppState>,
        /// Username, in any case.
        username: Path<String>,
        /// `1` to show LeetCode.
        leetcode: Query<Option<String>>,
        /// `1` to show CodeChef.
        codechef: Query<Option<String>>,
        /// `1` to show Codeforces.
        codeforces: Query<Option<String>>,
        /// An `ETag` from an earlier answer: 304 if the card has not changed.
        #[oai(name = "If-None-Match")]
        if_none_match: Header<Option<String>>,
    ) -> CardResponse {
        let on = |flag: &Query<Option<String>>| matches!(flag.0.as_deref(), Some("1" | "true"));
        let platforms: Vec<Platform> = [
            (Platform::Leetcode, &leetcode),
            (Platform::Codechef, &codechef),
            (Platform::Codeforces, &codeforces),
        ]
        .into_iter()
        .filter(|(_, flag)| on(flag))
        .map(|(platform, _)| platform)
        .collect();
        if platforms.is_empty() {
            return notice_card(
                &username.0,
                "Nothing selected: add ?leetcode=1, ?codechef=1 or ?codeforces=1",
                Theme::Light,
                if_none_match.0.as_deref(),
            );
        }
        let options = CardOptions {
            platforms,
            theme: Theme::Light,
            hide: Vec::new(),
        };
        cards::answer(&state, &username.0, &options, if_none_match.0.as_deref()).await
    }

    /// Get Digitomize's leaderboard
    ///
    /// Digitomize's `GET /user/leaderboard`, in its shape: `top3`, then five rows per
    /// `page` (from 1), by the aggregate rating or, with `platform`, by that platform's
    /// (codechef, leetcode or codeforces), rating descending and ties by username. With
    /// `username`, that user's `user_position` (their rank on the whole board) and
    /// ratings instead. Unknown platform or page → 400 `{"message","error"}`.
    #[oai(
        path = "/user/leaderboard",
        method = "get",
        operation_id = "get_digitomize_leaderboard"
    )]
    async fn digitomize_leaderboard(
        &self,
        state: Data<&AppState>,
        /// Page number, from 1 (default 1).
        page: Query<Option<String>>,
        /// `codechef`, `leetcode` or `codeforces`; absent for the aggregate board.
        platform: Query<Option<String>>,
        /// A username: answer with their position instead of a page.
        username: Query<Option<String>>,
    ) -> DigitomizeLeaderboardResponse {
        let platform = match platform.0.as_deref() {
            None => None,
            Some(name) => match DIGITOMIZE_PLATFORMS
                .into_iter()
                .find(|p| p.as_str() == name)
            {
                Some(platform) => Some(platform),
                None => {
                    return DigitomizeLeaderboardResponse::BadRequest(DigitomizeError::new(
                        "Invalid platform",
                    ));
                }
            },
        };
        let board = platform.map_or(Board::Aggregate, Board::Platform);
        if let Some(username) = username.0.as_deref() {
            return match state
                .leaderboards
                .digitomize_position(username, board)
                .await
            {
                Ok(Some((position, ratings))) => DigitomizeLeaderboardResponse::Ok(Json(
                    DigitomizeLeaderboardBody::Position(DigitomizePosition {
                        user_position: position,
                        ratings: DigitomizeBoardRatings::new(&ratings, platform),
                    }),
                )),
                Ok(None) => DigitomizeLeaderboardResponse::NotFound(DigitomizeError::new(
                    "User not on the leaderboard",
                )),
                Err(err) => err.into(),
            };
        }
        let page = match page.0.as_deref().map(str::parse::<i64>) {
            None => 1,
            Some(Ok(page)) if page >= 1 => page,
            Some(_) => {
                return DigitomizeLeaderboardResponse::BadRequest(DigitomizeError::new(
                    "Invalid page",
                ));
            }
        };
        match state.leaderboards.digitomize_page(board, page).await {
            Ok(found) => {
                let found = std::sync::Arc::unwrap_or_clone(found);
                let rows = |rows: Vec<DigitomizeRow>| {
                    rows.into_iter()
                        .map(|row| leaderboard_row(row, platform))
                        .collect::<Vec<_>>()
                };
                let leaderboard = rows(found.rows);
                let after_top = (found.total - DIGITOMIZE_TOP).max(0);
                DigitomizeLeaderboardResponse::Ok(Json(DigitomizeLeaderboardBody::Page(
                    DigitomizeLeaderboard {
                        total_users: found.total,
                        top3: rows(found.top),
                        users_in_page: i64::try_from(leaderboard.len()).unwrap_or(0),
                        total_pages: (after_top + DIGITOMIZE_PAGE_SIZE - 1) / DIGITOMIZE_PAGE_SIZE,
                        current_page: page,
                        leaderboard,
                    },
                )))
            }
            Err(err) => err.into(),
        }
    }
}
