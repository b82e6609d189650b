//! profilehub: an OpenAPI-first user-profile service.
//!
//! Where things live (one hop from here):
//! - [`config`]: flags and environment → [`config::Config`]
//! - [`api`]: HTTP operations, wire types, the OpenAPI document, error rendering
//! - [`auth`]: accounts and sessions (register, login, refresh, logout, authenticate)
//! - [`profiles`]: editing one's own profile
//! - [`ratings`]: linked handles, stored ratings, and the aggregator on our database
//!   (platform clients, engine and schedule live in the `profilehub-jobs` crate)
//! - [`domain`]: validated values and rules, no HTTP and no SQL
//! - [`security`]: password hashing and tokens
//! - [`store`]: every SQL statement, for SQLite and PostgreSQL
//! - [`error`]: the error codes and the one error body
//!
//! [`build_state`] opens everything a running service needs and [`app`] turns it into the
//! HTTP endpoint; `main` and the integration tests both go through these two functions.

pub mod api;
pub mod auth;
pub mod config;
pub mod domain;
pub mod error;
pub mod profiles;
pub mod ratings;
pub mod security;
pub mod store;
pub mod telemetry;

use std::{path::Path, sync::Arc, time::Duration};

use poem::{
    Endpoint, EndpointExt, IntoResponse, Route, Server, get,
    listener::{Acceptor, Listener, TcpAcceptor, TcpListener},
    web::{Html, Redirect},
};

use profilehub_jobs::{EngineSettings, RefreshScope};

use crate::{
    api::AppState,
    auth::Auth,
    config::{Cli, Command, Config, Secret},
    domain::ratings::Weights,
    ratings::{Ratings, RatingsSettings},
    security::{passwords::Passwords, tokens::AccessTokens},
    store::{Backend, Store, StoreOptions},
};

/// Why the service could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    /// Database problems.
    #[error(transparent)]
    Store(#[from] store::OpenError),
    /// Configuration problems.
    #[error("configuration error: {0}")]
    Config(String),
    /// I/O problems (binding the port, writing files).
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Runs the subcommand given on the command line.
pub async fn run(cli: Cli) -> Result<(), StartupError> {
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(cli.config).await,
        Command::Migrate => {
            let store = open_store(&cli.config).await?;
            store.migrate().await?;
            tracing::info!("migrations applied");
            Ok(())
        }
        Command::RefreshRatings {
            all,
            platform,
            user,
        } => refresh_ratings(&cli.config, all, platform, user).await,
        Command::Openapi { output } => {
            let spec = api::spec::spec_json();
            match output {
                Some(path) => std::fs::write(path, spec)?,
                None => print!("{spec}"),
            }
            Ok(())
        }
    }
}

/// Opens the database named by the configuration (without migrating).
pub async fn open_store(config: &Config) -> Result<Store, StartupError> {
    Ok(Store::connect(&StoreOptions {
        url: config.database_url.clone(),
        max_connections: config.db_max_connections,
        acquire_timeout: config.db_acquire_timeout.0,
    })
    .await?)
}

/// Opens and migrates the database, loads the JWT secret and builds the services.
pub async fn build_state(config: &Config) -> Result<AppState, StartupError> {
    // Configuration is checked before anything touches the database.
    let secret = jwt_secret(config, store::backend_of(&config.database_url)?)?;
    let store = open_store(config).await?;
    store.migrate().await?;
    let tokens = AccessTokens::new(
        secret.expose(),
        &config.jwt_issuer,
        config.access_token_ttl.0,
    )
    .map_err(StartupError::Config)?;
    let auth = Auth::new(
        store.clone(),
        Passwords::for_this_machine(),
        tokens,
        config.refresh_token_ttl.0,
    );
    let ratings =
        Ratings::new(store.clone(), ratings_settings(config)).map_err(StartupError::Config)?;
    Ok(AppState {
        auth,
        store,
        ratings,
    })
}

/// The aggregator's settings from the configuration.
pub fn ratings_settings(config: &Config) -> RatingsSettings {
    RatingsSettings {
        staleness: config.rating_staleness.0,
        lease: config.rating_lease.0,
        retry_base: config.rating_retry_base.0,
        user_refresh_cooldown: config.rating_refresh_cooldown.0,
        platforms: config.platform_settings(),
        engine: EngineSettings {
            claim_size: config.refresh_claim_size.max(1),
            parallel_batches: config.refresh_parallel_batches.max(1),
        },
        weights: Weights::default(),
    }
}

/// The whole HTTP application: the API, its document, Swagger UI and error handling.
pub fn app(state: AppState) -> impl Endpoint + 'static {
    let spec: Arc<str> = api::spec::spec_json().into();
    let allowed = api::errors::AllowedMethods::from_spec(
        &serde_json::from_str(&spec).expect("the spec is JSON"),
        &["/", "/docs", "/openapi.json"],
    );
    let docs: Arc<str> = api::spec::swagger_ui_html().into();
    let routes = Route::new()
        .nest("/", api::service())
        .at(
            "/openapi.json",
            get(poem::endpoint::make_sync(move |_| {
                poem::Response::builder()
                    .content_type("application/json; charset=utf-8")
                    .body(spec.to_string())
            })),
        )
        .at(
            "/docs",
            get(poem::endpoint::make_sync(move |_| Html(docs.to_string()))),
        )
        .data(state)
        .with(poem::middleware::Tracing);
    api::errors::with_error_handling(RootRedirect(routes), allowed)
}

/// `GET /` → `/docs`. (A route at `/` cannot coexist with the API nested at `/`.)
struct RootRedirect<E>(E);

impl<E: Endpoint> Endpoint for RootRedirect<E> {
    type Output = poem::Response;

    async fn call(&self, req: poem::Request) -> poem::Result<Self::Output> {
        if req.uri().path() == "/" && req.method() == poem::http::Method::GET {
            return Ok(Redirect::temporary("/docs").into_response());
        }
        self.0.call(req).await.map(IntoResponse::into_response)
    }
}

/// A bound listener, so callers (tests) can learn the port before serving.
pub async fn bind(addr: impl std::fmt::Display) -> Result<TcpAcceptor, StartupError> {
    Ok(TcpListener::bind(addr.to_string()).into_acceptor().await?)
}

/// Serves `app` on `acceptor` until `shutdown` resolves, then lets in-flight requests finish
/// (up to `grace`).
pub async fn serve_until(
    acceptor: TcpAcceptor,
    app: impl Endpoint + 'static,
    shutdown: impl std::future::Future<Output = ()> + Send,
    grace: Duration,
) -> Result<(), StartupError> {
    Server::new_with_acceptor(acceptor)
        .run_with_graceful_shutdown(app, shutdown, Some(grace))
        .await?;
    Ok(())
}

/// `profilehub serve`: everything from configuration to graceful shutdown.
pub async fn serve(config: Config) -> Result<(), StartupError> {
    let state = build_state(&config).await?;
    let acceptor = bind(config.bind).await?;
    let local = acceptor
        .local_addr()
        .first()
        .map(ToString::to_string)
        .unwrap_or_default();
    let background = state
        .ratings
        .refresher()
        .start(config.refresh_cron())
        .await
        .map_err(|e| StartupError::Config(format!("refresh schedule: {e}")))?;
    tracing::info!(
        address = %local,
        database = %store::redact_url(&config.database_url),
        refresh_schedule = config.refresh_cron().unwrap_or("off"),
        "profilehub listening; API docs at /docs"
    );
    let served = serve_until(
        acceptor,
        app(state),
        shutdown_signal(),
        config.shutdown_timeout.0,
    )
    .await;
    // Requests are done; let the rating refresh finish its write and release its claims.
    background.shutdown().await;
    served?;
    tracing::info!("shut down cleanly");
    Ok(())
}

/// `profilehub refresh-ratings`: one refresh, progress on a terminal, a summary at the end.
async fn refresh_ratings(
    config: &Config,
    all: bool,
    platforms: Vec<profilehub_jobs::Platform>,
    user: Option<String>,
) -> Result<(), StartupError> {
    let state = build_state(config).await?;
    let user_id = match user {
        None => None,
        Some(name) => Some(
            state
                .store
                .user_by_username(&name)
                .await
                .map_err(|e| StartupError::Config(format!("looking up `{name}`: {e}")))?
                .ok_or_else(|| StartupError::Config(format!("no user is called `{name}`")))?
                .id
                .to_string(),
        ),
    };
    let scope = RefreshScope {
        ignore_staleness: all,
        user_id,
        platforms,
        ..RefreshScope::default()
    };
    let refresher = state.ratings.refresher().clone();
    let stopper = refresher.clone();
    tokio::spawn(async move {
        shutdown_signal().await;
        stopper.stop();
    });
    let due = state.ratings.count_due(&scope).await.ok();
    let progress = Arc::new(ratings::cli::Progress::for_stderr(due));
    let report = {
        let progress = Arc::clone(&progress);
        move |platform, summary: &profilehub_jobs::PlatformSummary| {
            progress.update(platform, summary)
        }
    };
    let summary = refresher
        .run_once(&scope, Some(&report))
        .await
        .map_err(|e| StartupError::Config(format!("rating refresh failed: {e}")))?;
    progress.finish();
    print!("{}", ratings::cli::summary_table(&summary));
    Ok(())
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutdown signal received; finishing in-flight requests");
}

/// The JWT secret: configured (and long enough), or — on a SQLite file — generated once and
/// kept in `<database file>.jwt-secret` so restarts keep sessions valid.
fn jwt_secret(config: &Config, backend: Backend) -> Result<Secret, StartupError> {
    use security::tokens::MIN_SECRET_LEN;
    if let Some(secret) = &config.jwt_secret {
        if secret.expose().len() < MIN_SECRET_LEN {
            return Err(StartupError::Config(format!(
                "PROFILEHUB_JWT_SECRET must be at least {MIN_SECRET_LEN} bytes long (got {})",
                secret.expose().len()
            )));
        }
        return Ok(secret.clone());
    }
    let file = match (backend, store::sqlite_file(&config.database_url)) {
        (Backend::Sqlite, Some(db_file)) => {
            let mut name = db_file.into_os_string();
            name.push(".jwt-secret");
            std::path::PathBuf::from(name)
        }
        _ => {
            return Err(StartupError::Config(
                "PROFILEHUB_JWT_SECRET is required with this database: every instance sharing \
                 it must sign tokens with the same secret (at least 32 bytes)"
                    .into(),
            ));
        }
    };
    load_or_create_secret(&file)
}

fn load_or_create_secret(file: &Path) -> Result<Secret, StartupError> {
    use base64::{Engine as _, engine::general_purpose::URL_SAFE_NO_PAD};
    if let Ok(existing) = std::fs::read_to_string(file) {
        let existing = existing.trim();
        if existing.len() >= security::tokens::MIN_SECRET_LEN {
            return Ok(Secret::new(existing));
        }
        return Err(StartupError::Config(format!(
            "{} holds a JWT secret shorter than 32 bytes; delete it or set PROFILEHUB_JWT_SECRET",
            file.display()
        )));
    }
    let secret = URL_SAFE_NO_PAD.encode(security::random_bytes::<48>());
    write_private(file, &secret)?;
    tracing::warn!(
        file = %file.display(),
        "no PROFILEHUB_JWT_SECRET configured: generated one and stored it beside the database; \
         set PROFILEHUB_JWT_SECRET explicitly in production"
    );
    Ok(Secret::new(secret))
}

/// Writes a file readable only by its owner (where the platform supports it).
fn write_private(file: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(file)?.write_all(contents.as_bytes())
}
