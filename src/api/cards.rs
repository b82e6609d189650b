//! Rating cards on the wire (`image/svg+xml`): `GET /v1/profiles/{username}/card.svg`, the
//! answer Digitomize's `GET /user/ratings/{username}` shares with it, and the contest
//! history chart `GET /v1/profiles/{username}/ratings/history.svg`.
//!
//! Drawn cards are cached with the profile (`PublicProfiles::rendering`), so a card costs no
//! query until its profile changes. Charts are drawn per request from one indexed read
//! of the latest contests (their `ETag` still spares the transfer).
//!
//! Every card answer carries a strict `Content-Security-Policy` (an SVG opened directly is
//! a document), an `ETag` (`If-None-Match` → 304) and `Cache-Control: public` with
//! `stale-while-revalidate`; an unknown user or a card with nothing to show is a small
//! notice card with a short cache time, never an empty body.

use bytes::Bytes;
use poem::{Body, IntoResponse, Response, web::Data};
use poem_openapi::{
    ApiResponse, OpenApi,
    param::{Header, Path, Query},
    payload::Payload,
    registry::{MetaSchema, MetaSchemaRef},
};
use profilehub_jobs::Platform;

use super::{
    ApiTags,
    params::{ChoiceList, ChoiceParam},
    svg::{CardOptions, ChartPoint, Hide, Theme, Tile, card, history_chart, notice},
};
use crate::{
    AppState,
    domain::ratings::shown,
    error::{ApiError, ErrorCode},
    services::profiles::{ProfileData, etag_named, strong_etag},
};

/// What an SVG opened on its own may do: draw, with its inline styles, and nothing else.
pub const CARD_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'";
/// How long shared caches may keep a notice card ("no such user", "no ratings yet").
const NOTICE_MAX_AGE_SECS: u64 = 60;

/// An SVG image body.
#[derive(Debug, Clone)]
pub struct Svg(Bytes);

impl Payload for Svg {
    const CONTENT_TYPE: &'static str = "image/svg+xml";

    fn schema_ref() -> MetaSchemaRef {
        MetaSchemaRef::Inline(Box::new(MetaSchema::new("string")))
    }
}

impl IntoResponse for Svg {
    fn into_response(self) -> Response {
        Response::builder()
            .content_type(Self::CONTENT_TYPE)
            .body(Body::from_bytes(self.0))
    }
}

/// Answers with a card.
#[derive(ApiResponse)]
pub enum CardResponse {
    /// The card (or, when there is nothing to show, a notice card saying so).
    #[oai(status = 200)]
    Ok(
        Svg,
        /// Entity tag of the image; send it back in `If-None-Match`.
        #[oai(header = "ETag")]
        String,
        /// `public, max-age=…, stale-while-revalidate=…`.
        #[oai(header = "Cache-Control")]
        String,
        /// `default-src 'none'; style-src 'unsafe-inline'`.
        #[oai(header = "Content-Security-Policy")]
        String,
    ),
    /// Not modified since the `ETag` sent in `If-None-Match`.
    #[oai(status = 304)]
    NotModified(
        /// Entity tag of the unchanged image.
        #[oai(header = "ETag")]
        String,
        /// How long the image may be reused.
        #[oai(header = "Cache-Control")]
        String,
    ),
    /// An option is not in its allow-list (`BAD_REQUEST`): a card saying which.
    #[oai(status = 400)]
    BadRequest(
        Svg,
        /// `no-store`.
        #[oai(header = "Cache-Control")]
        String,
        /// `default-src 'none'; style-src 'unsafe-inline'`.
        #[oai(header = "Content-Security-Policy")]
        String,
    ),
    /// No such user (`USER_NOT_FOUND`): a small "not found" card, cached briefly.
    #[oai(status = 404)]
    NotFound(
        Svg,
        /// `public, max-age=60`.
        #[oai(header = "Cache-Control")]
        String,
        /// `default-src 'none'; style-src 'unsafe-inline'`.
        #[oai(header = "Content-Security-Policy")]
        String,
    ),
    /// Unexpected server failure (`INTERNAL_ERROR`): a card saying so.
    #[oai(status = 500)]
    InternalError(
        Svg,
        /// `no-store`.
        #[oai(header = "Cache-Control")]
        String,
        /// `default-src 'none'; style-src 'unsafe-inline'`.
        #[oai(header = "Content-Security-Policy")]
        String,
    ),
    /// The database is unreachable (`SERVICE_UNAVAILABLE`): a card saying so; retry later.
    #[oai(status = 503)]
    Unavailable(
        Svg,
        /// `no-store`.
        #[oai(header = "Cache-Control")]
        String,
        /// `default-src 'none'; style-src 'unsafe-inline'`.
        #[oai(header = "Content-Security-Policy")]
        String,
    ),
}

/// An image stays an image when it fails: a page that embeds a card shows a small notice
/// card with the error code and message, never a broken image.
impl From<ApiError> for CardResponse {
    fn from(err: ApiError) -> Self {
        let svg = Svg(Bytes::from(notice(
            &err.code.as_str(),
            &err.message,
            Theme::Light,
        )));
        let (no_store, csp) = ("no-store".to_string(), CARD_CSP.to_string());
        match err.code.status().as_u16() {
            400 => Self::BadRequest(svg, no_store, csp),
            404 => Self::NotFound(svg, format!("public, max-age={NOTICE_MAX_AGE_SECS}"), csp),
            503 => Self::Unavailable(svg, no_store, csp),
            _ => Self::InternalError(svg, no_store, csp),
        }
    }
}

impl CardResponse {
    /// `svg` (whose tag is `etag`) as a 200, or a 304 when `if_none_match` names it, cached
    /// for `cache_control`.
    fn image(svg: Bytes, etag: String, cache_control: String, if_none_match: Option<&str>) -> Self {
        if etag_named(&etag, if_none_match) {
            return Self::NotModified(etag, cache_control);
        }
        Self::Ok(Svg(svg), etag, cache_control, CARD_CSP.to_string())
    }
}

/// The card answer for `username`: their tiles for `options`, a "no ratings yet" notice
/// when none of the chosen platforms has a rating, a "not found" one (404) for no user.
pub(crate) async fn answer(
    state: &AppState,
    username: &str,
    options: &CardOptions,
    if_none_match: Option<&str>,
) -> CardResponse {
    let drawn = state
        .profiles
        .rendering(
            username,
            options.key(),
            |drawn: &Drawn| drawn.svg.len() + drawn.etag.len(),
            |data| Drawn::new(data, options),
        )
        .await;
    let drawn = match drawn {
        Ok(drawn) => drawn,
        Err(err) if err.code == ErrorCode::UserNotFound => {
            return CardResponse::NotFound(
                Svg(Bytes::from(notice(username, "No such user", options.theme))),
                format!("public, max-age={NOTICE_MAX_AGE_SECS}"),
                CARD_CSP.to_string(),
            );
        }
        Err(err) => return err.into(),
    };
    let cache_control = if drawn.notice {
        format!("public, max-age={NOTICE_MAX_AGE_SECS}")
    } else {
        state.profiles.card_cache_control()
    };
    CardResponse::image(
        drawn.svg.clone(),
        drawn.etag.clone(),
        cache_control,
        if_none_match,
    )
}

/// A drawn card as the profile cache keeps it (one per user and options).
struct Drawn {
    svg: Bytes,
    etag: String,
    /// A "no ratings yet" notice rather than a card (cached briefly by clients).
    notice: bool,
}

impl Drawn {
    fn new(data: &ProfileData, options: &CardOptions) -> Self {
        let tiles = tiles(data, &options.platforms);
        let (svg, notice) = if tiles.is_empty() {
            (
                notice(&data.user.username, "No ratings yet", options.theme),
                true,
            )
        } else {
            let name = data.user.name.as_deref();
            (card(&data.user.username, name, &tiles, options), false)
        };
        Self {
            etag: strong_etag(svg.as_bytes()),
            svg: Bytes::from(svg),
            notice,
        }
    }
}

/// The most contests a history chart draws (the latest ones).
const CHART_CONTESTS: i64 = 1_000;

/// The history chart of `username` on `platform` (by default their first platform with a
/// rating), or a notice: "no such user" (404), "no contests yet".
async fn chart(
    state: &AppState,
    username: &str,
    platform: Option<Platform>,
    theme: Theme,
    if_none_match: Option<&str>,
) -> Result<CardResponse, ApiError> {
    let user = match state.users.by_name(username).await {
        Ok(user) => user,
        Err(err) if err.code == ErrorCode::UserNotFound => {
            return Ok(CardResponse::NotFound(
                Svg(Bytes::from(notice(username, "No such user", theme))),
                format!("public, max-age={NOTICE_MAX_AGE_SECS}"),
                CARD_CSP.to_string(),
            ));
        }
        Err(err) => return Err(err),
    };
    let platform = match platform {
        Some(platform) => Some(platform),
        None => state
            .ratings
            .links(user.id)
            .await?
            .into_iter()
            .filter(|link| link.counted_rating().is_some())
            .map(|link| link.platform)
            .min_by_key(|platform| Platform::ALL.iter().position(|p| p == platform)),
    };
    let Some(platform) = platform else {
        return Ok(notice_card(
            &user.username,
            "No contests yet",
            theme,
            if_none_match,
        ));
    };
    let mut contests = state
        .ratings
        .latest_contests(user.id, platform, CHART_CONTESTS)
        .await?;
    if contests.is_empty() {
        return Ok(notice_card(
            &user.username,
            "No contests yet",
            theme,
            if_none_match,
        ));
    }
    contests.reverse();
    let points: Vec<ChartPoint> = contests
        .iter()
        .map(|contest| ChartPoint {
            time: contest.happened_at,
            rating: shown(contest.new_rating),
        })
        .collect();
    let svg = history_chart(&user.username, platform, &points, theme);
    let etag = strong_etag(svg.as_bytes());
    Ok(CardResponse::image(
        Bytes::from(svg),
        etag,
        state.profiles.card_cache_control(),
        if_none_match,
    ))
}

/// A 200 notice card (`heading`, `message`), cached briefly.
pub(crate) fn notice_card(
    heading: &str,
    message: &str,
    theme: Theme,
    if_none_match: Option<&str>,
) -> CardResponse {
    let svg = notice(heading, message, theme);
    let etag = strong_etag(svg.as_bytes());
    CardResponse::image(
        Bytes::from(svg),
        etag,
        format!("public, max-age={NOTICE_MAX_AGE_SECS}"),
        if_none_match,
    )
}

/// One tile per platform of `platforms` (in that order) with a rating that counts.
fn tiles(data: &ProfileData, platforms: &[Platform]) -> Vec<Tile> {
    platforms
        .iter()
        .filter_map(|platform| {
            let link = data.ratings.by_platform.get(platform)?;
            Some(Tile {
                platform: *platform,
                handle: link.handle.clone(),
                rating: shown(link.counted_rating()?),
                badge: link.badge.clone(),
                contests: link.attended_contests,
            })
        })
        .collect()
}

/// Card operations.
#[derive(Default)]
pub struct CardsApi;

#[OpenApi(tag = "ApiTags::Profiles")]
impl CardsApi {
    /// Get a rating card
    ///
    /// `username`'s ratings as an embeddable SVG (`image/svg+xml`): one tile per platform
    /// of `platforms` (default: all four, in that order) that has a rating, in the `theme`
    /// `light` (default) or `dark`, without what `hide` names (`name`, `badge`,
    /// `contests`). Self-contained: no remote fonts, styles or images. Unknown user → 404
    /// with a "not found" card; no rating to show → a "no ratings yet" card. Unknown
    /// platform, theme or `hide` item → 400 `BAD_REQUEST`. Errors are cards too (the code
    /// and message drawn), so an embedding page never shows a broken image.
    #[oai(
        path = "/v1/profiles/:username/card.svg",
        method = "get",
        operation_id = "get_rating_card"
    )]
    async fn card(
        &self,
        state: Data<&AppState>,
        /// Username, in any case.
        username: Path<String>,
        /// Platforms to show, comma-separated, in order (default: all four).
        platforms: Query<Option<ChoiceList<Platform>>>,
        /// `light` (default) or `dark`.
        theme: Query<Option<ChoiceParam<Theme>>>,
        /// What to leave out, comma-separated: `name`, `badge`, `contests`.
        hide: Query<Option<ChoiceList<Hide>>>,
        /// An `ETag` from an earlier answer: 304 if the card has not changed.
        #[oai(name = "If-None-Match")]
        if_none_match: Header<Option<String>>,
    ) -> CardResponse {
        let options = (|| {
            Ok::<_, ApiError>(CardOptions {
                platforms: match platforms.0.as_ref() {
                    Some(list) => list.choices("platforms")?,
                    None => Platform::ALL.to_vec(),
                },
                theme: theme
                    .0
                    .as_ref()
                    .map_or(Ok(Theme::Light), ChoiceParam::choice)?,
                hide: match hide.0.as_ref() {
                    Some(list) => list.choices("hide")?,
                    None => Vec::new(),
                },
            })
        })();
        match options {
            Ok(options) => answer(&state, &username.0, &options, if_none_match.0.as_deref()).await,
            Err(err) => err.into(),
        }
    }

    /// Get a rating history chart
    ///
    /// `username`'s rating on `platform` over their rated contests, drawn as an
    /// embeddable SVG line chart (`image/svg+xml`) with a labelled rating axis and date
    /// axis (UTC): one point per contest, the latest 1,000 at most. Without `platform`, the
    /// first of `codechef`, `leetcode`, `codeforces`, `atcoder` the user has a rating on.
    /// `theme` is `light` (default) or `dark`. Self-contained like the rating card, with the
    /// same headers. Unknown user → 404 with a "not found" card; no contest yet → a "no
    /// contests yet" card; unknown platform or theme → 400 `BAD_REQUEST` (as a card).
    #[oai(
        path = "/v1/profiles/:username/ratings/history.svg",
        method = "get",
        operation_id = "get_rating_history_chart"
    )]
    async fn history_chart(
        &self,
        state: Data<&AppState>,
        /// Username, in any case.
        username: Path<String>,
        /// `codechef`, `leetcode`, `codeforces` or `atcoder` (default: the user's first
        /// rated one).
        platform: Query<Option<ChoiceParam<Platform>>>,
        /// `light` (default) or `dark`.
        theme: Query<Option<ChoiceParam<Theme>>>,
        /// An `ETag` from an earlier answer: 304 if the chart has not changed.
        #[oai(name = "If-None-Match")]
        if_none_match: Header<Option<String>>,
    ) -> CardResponse {
        let answer = async {
            let platform = platform.0.as_ref().map(ChoiceParam::choice).transpose()?;
            let theme = theme
                .0
                .as_ref()
                .map_or(Ok(Theme::Light), ChoiceParam::choice)?;
            chart(
                &state,
                &username.0,
                platform,
                theme,
                if_none_match.0.as_deref(),
            )
            .await
        };
        answer.await.unwrap_or_else(Into::into)
    }
}
