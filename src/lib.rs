//! profilehub: an OpenAPI-first user-profile service.
//!
//! Where things live (one hop from here):
//! - [`config`]: flags and environment → [`config::Config`]
//! - [`startup`]: the subcommands and graceful shutdown; [`server`]: the connection loop
//!   and its limits; [`secrets`]: the JWT secret file; [`refresh_command`]:
//!   `profilehub refresh-ratings`
//! - [`api`]: HTTP operations, wire types, the OpenAPI document, error rendering
//! - [`services`]: the one way into the data (accounts, users, cached public profiles,
//!   ratings, health); the store behind them is private to that module
//! - [`domain`]: validated values and rules, no HTTP and no SQL
//! - [`security`]: password hashing and tokens
//! - [`error`]: the error codes and the one error body
//! - [`metrics`]: Prometheus metrics
//!
//! [`build_state`] opens everything a running service needs and [`app`] turns it into the
//! HTTP endpoint; `main` and the integration tests both go through these two functions.

pub mod admin_command;
pub mod api;
pub mod config;
pub mod domain;
pub mod error;
pub mod metrics;
pub mod refresh_command;
pub mod secrets;
pub mod security;
pub mod server;
pub mod services;
pub mod startup;
pub mod telemetry;

use std::sync::Arc;

use poem::{Endpoint, EndpointExt, Route, get};

use crate::api::compression::Precompressed;

pub use services::AppState;
pub use startup::{bind, run, serve_until, shutdown_signal};

use crate::{
    config::Config,
    security::{
        passwords::Passwords,
        tokens::{AccessTokens, RefreshSuccessors},
    },
    services::{Settings, StartError, auth::RefreshPolicy},
};

/// Why the service could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    /// Database problems.
    #[error(transparent)]
    Store(#[from] services::OpenError),
    /// Configuration problems.
    #[error("configuration error: {0}")]
    Config(String),
    /// I/O problems (binding the port, writing files).
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl From<StartError> for StartupError {
    fn from(err: StartError) -> Self {
        match err {
            StartError::Database(err) => Self::Store(err),
            StartError::Settings(message) => Self::Config(message),
        }
    }
}

/// Loads the JWT secret, opens and migrates the database and builds the services.
pub async fn build_state(config: &Config) -> Result<AppState, StartupError> {
    // Configuration is checked before anything touches the database.
    let secret = secrets::jwt_secret(config)?;
    let tokens = AccessTokens::new(
        secret.expose(),
        &config.jwt_issuer,
        config.access_token_ttl.0,
    )
    .map_err(StartupError::Config)?;
    Ok(AppState::open(Settings {
        database: config.store_options(),
        passwords: Passwords::new(
            config.password_hash_threads,
            config.password_queue_timeout.0,
        ),
        tokens,
        successors: RefreshSuccessors::new(secret.expose()),
        cursors: security::cursors::Cursors::new(secret.expose()),
        retention: config.retention_policy(),
        list_max_items: config.list_max_items,
        codes: services::codes::CodeSettings {
            ttl: config.account_code_ttl.0,
            public_url: config.public_url.trim_end_matches('/').to_string(),
        },
        mail: services::mail::MailSettings {
            smtp_url: config
                .smtp_url
                .as_ref()
                .map(|url| String::from_utf8_lossy(url.expose()).into_owned()),
            from: config.mail_from.clone(),
            log_bodies: config.dev_mail_log,
        },
        require_email_verification: config.require_email_verification,
        refresh: RefreshPolicy {
            ttl: config.refresh_token_ttl.0,
            reuse_interval: config.refresh_token_reuse_interval.0,
        },
        throttle: config.throttle_policy(),
        ratings: config.ratings_settings(),
        cache: config.cache_settings(),
    })
    .await?)
}

/// The whole HTTP application: the API, its document, Swagger UI, error handling, security
/// headers, CORS (per `web`) and the request log.
pub fn app(state: AppState, web: &config::WebSettings) -> impl Endpoint + 'static {
    let document = api::spec::document();
    let mut plain_get_routes = vec!["/", "/docs", "/openapi.json", "/favicon.ico"];
    if web.metrics_on_main {
        plain_get_routes.push("/metrics");
    }
    let allowed = api::errors::AllowedMethods::from_spec(&document, &plain_get_routes);
    let metrics = Arc::clone(&state.metrics);
    let spec = api::spec::to_json_text(&document);
    let docs_spec = spec.clone();
    // Swagger UI's page (1.7 MB; 0.4 MB gzipped) is assembled on its first request, not at
    // start-up, and compressed once.
    let docs = Arc::new(Precompressed::new("text/html; charset=utf-8", move || {
        api::spec::swagger_ui_html(&docs_spec).into()
    }));
    let document_body = Arc::new(Precompressed::new(
        "application/json; charset=utf-8",
        move || spec.clone().into(),
    ));
    let routes = Route::new()
        .nest("/", api::spec::service())
        .at(
            "/openapi.json",
            get(poem::endpoint::make_sync(move |req| {
                document_body.respond(&req)
            })),
        )
        .at(
            "/docs",
            get(poem::endpoint::make_sync(move |req| docs.respond(&req))),
        )
        // Browsers ask for it on every page; "no icon" is an answer, a 404 is an error.
        .at(
            "/favicon.ico",
            get(poem::endpoint::make_sync(|_| {
                poem::Response::builder()
                    .status(poem::http::StatusCode::NO_CONTENT)
                    .header(poem::http::header::CACHE_CONTROL, "public, max-age=86400")
                    .finish()
            })),
        );
    let routes = if web.metrics_on_main {
        routes.at("/metrics", metrics_endpoint(state.clone()))
    } else {
        routes
    }
    .data(state);
    api::errors::with_error_handling(api::RootRedirect(routes), allowed)
        .with(api::compression::Gzip)
        .with(api::cors::Cors::new(web.cors_allow_origins.clone()))
        .with(api::headers::SecurityHeaders)
        .with(api::logging::RequestLog::new(
            web.trusted_proxies.clone(),
            metrics,
        ))
}

/// `GET /metrics`: the Prometheus text exposition (see [`metrics`]).
pub fn metrics_endpoint(state: AppState) -> impl Endpoint<Output = poem::Response> + 'static {
    get(poem::endpoint::make(move |_| {
        let state = state.clone();
        async move {
            poem::Response::builder()
                .content_type("application/openmetrics-text; version=1.0.0; charset=utf-8")
                .header(poem::http::header::CACHE_CONTROL, "no-store")
                .body(state.render_metrics().await)
        }
    }))
}
