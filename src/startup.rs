//! Running the binary: the subcommands, serving with graceful shutdown, and signals.

use std::{net::SocketAddr, time::Duration};

use poem::Endpoint;
use tokio::net::TcpListener;

use crate::{
    StartupError, app, build_state,
    config::{Cli, Command, Config, MetricsEndpoint},
    refresh_command,
    server::{self, ConnectionLimits},
    services,
};

/// Runs the subcommand given on the command line.
pub async fn run(cli: Cli) -> Result<(), StartupError> {
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(cli.config).await,
        Command::Migrate => {
            services::migrate(&cli.config.store_options()).await?;
            tracing::info!("migrations applied");
            Ok(())
        }
        Command::RefreshRatings {
            all,
            platform,
            user,
        } => refresh_command::refresh_ratings(&cli.config, all, platform, user).await,
        Command::Admin { action } => crate::admin_command::run(&cli.config, action).await,
        Command::Openapi { output } => {
            let spec = crate::api::spec::spec_json();
            match output {
                Some(path) => std::fs::write(path, spec)?,
                None => print!("{spec}"),
            }
            Ok(())
        }
    }
}

/// A bound listener, so callers (tests) can learn the port before serving.
pub fn bind(addr: SocketAddr) -> Result<TcpListener, StartupError> {
    Ok(server::bind(addr)?)
}

/// Serves `app` on `listener` within `limits` until `shutdown` resolves, then lets
/// in-flight requests finish (up to `grace`).
pub async fn serve_until(
    listener: TcpListener,
    app: impl Endpoint + 'static,
    limits: ConnectionLimits,
    shutdown: impl std::future::Future<Output = ()> + Send,
    grace: Duration,
) -> Result<(), StartupError> {
    server::serve(listener, app, limits, shutdown, grace).await?;
    Ok(())
}

/// `profilehub serve`: everything from configuration to graceful shutdown.
pub async fn serve(config: Config) -> Result<(), StartupError> {
    // Configuration first: a typo must not wait for (or touch) the database.
    let schedule = config.refresh_cron();
    if let Some(expression) = &schedule {
        profilehub_jobs::validate_cron(expression).map_err(StartupError::Config)?;
    }
    let state = build_state(&config).await?;
    let listener = bind(config.bind)?;
    let local = listener.local_addr()?;
    let background = state
        .ratings
        .refresher()
        .start(schedule.as_deref())
        .await
        .map_err(|e| StartupError::Config(format!("refresh schedule: {e}")))?;
    tracing::info!(
        address = %local,
        database = %services::redact_url(&config.database_url),
        refresh_schedule = schedule.as_deref().unwrap_or("off"),
        "profilehub listening; API docs at /docs"
    );
    let health = state.health.clone();
    state.mailer.clone().spawn();
    let maintenance = (!config.maintenance_interval.0.is_zero()).then(|| {
        tokio::spawn(run_maintenance(
            state.notifications.clone(),
            config.maintenance_interval.0,
        ))
    });
    let metrics_server = match config.metrics {
        MetricsEndpoint::Address(address) => {
            let listener = bind(address)?;
            tracing::info!(address = %listener.local_addr()?, "metrics at /metrics");
            let app = poem::Route::new().at("/metrics", crate::metrics_endpoint(state.clone()));
            Some(tokio::spawn(server::serve(
                listener,
                app,
                ConnectionLimits::default(),
                shutdown_signal(),
                Duration::from_secs(1),
            )))
        }
        MetricsEndpoint::Main | MetricsEndpoint::Off => None,
    };
    let served = serve_until(
        listener,
        app(state, &config.web_settings()),
        config.connection_limits(),
        shutdown_signal(),
        config.shutdown_timeout.0,
    )
    .await;
    // Requests are done; let the rating refresh finish its write and release its claims.
    if let Some(metrics_server) = metrics_server {
        metrics_server.abort();
    }
    if let Some(maintenance) = maintenance {
        maintenance.abort();
    }
    background.shutdown().await;
    health.close_database().await;
    served?;
    tracing::info!("shut down cleanly");
    Ok(())
}

/// Maintenance every `every` (the first pass one period after start): notification
/// retention and dead sessions. Each instance of a fleet runs it; the deletes are
/// idempotent, so overlapping passes only repeat work.
async fn run_maintenance(notifications: services::notifications::Notifications, every: Duration) {
    let mut ticks = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        match notifications.prune().await {
            Ok(pruned) if pruned != Default::default() => tracing::info!(
                notifications = pruned.notifications,
                sessions = pruned.sessions,
                "maintenance removed old rows"
            ),
            Ok(_) => tracing::debug!("maintenance: nothing to remove"),
            Err(err) => tracing::warn!(error = %err, "maintenance failed; retrying next period"),
        }
    }
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
