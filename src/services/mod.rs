//! The service layer: the one way into the data.
//!
//! HTTP handlers (`crate::api`) talk to the services here; only the services talk to the
//! store. The store is a private module of this one, so the compiler keeps it that way:
//! nothing outside `services` can name it, and [`AppState`] holds services, not the store.
//! That is what makes the profile cache trustworthy: every write goes through a service,
//! every profile-changing write is announced by the store, and no reader can go around the
//! cache to the tables.
//!
//! - [`auth`]: accounts and sessions (register, login, refresh, logout, authenticate)
//! - [`users`]: look-ups by id or username, profile edits, account deletion
//! - [`profiles`]: public profiles, served from the cache of serialised bodies
//! - [`ratings`]: linked handles, stored ratings and the aggregator on our database
//! - [`health`]: readiness of the database

pub mod admin;
pub mod auth;
pub mod codes;
pub mod health;
pub mod leaderboards;
pub mod lists;
pub mod mail;
pub mod notifications;
mod paging;
pub mod profiles;
pub mod ratings;
pub mod social;
mod store;
pub mod throttle;
pub mod users;

use std::sync::Arc;

pub use store::{Backend, OpenError, StoreOptions, backend_of, redact_url, sqlite_file};

/// `duration` in milliseconds, saturating well below `i64::MAX`, so that adding it to (or
/// subtracting it from) a timestamp cannot overflow. Configured durations are at most ten
/// years, so the bound never bites in practice.
pub(crate) fn millis(duration: std::time::Duration) -> i64 {
    i64::try_from(duration.as_millis()).unwrap_or(i64::MAX / 4)
}

use crate::security::{
    passwords::Passwords,
    tokens::{AccessTokens, RefreshSuccessors},
};

/// Everything the HTTP layer can reach, via `Data<&AppState>`: services only.
#[derive(Debug, Clone)]
pub struct AppState {
    /// Accounts and sessions.
    pub auth: auth::Auth,
    /// User look-ups and edits.
    pub users: users::Users,
    /// Public profiles (cached).
    pub profiles: profiles::PublicProfiles,
    /// Handles, ratings and the refresher.
    pub ratings: ratings::Ratings,
    /// Follows.
    pub social: social::Social,
    /// The notification inbox and retention.
    pub notifications: notifications::Notifications,
    /// Item lists on profiles.
    pub lists: lists::Lists,
    /// Leaderboards.
    pub leaderboards: leaderboards::Leaderboards,
    /// Identity administration.
    pub admin: admin::Admin,
    /// Forgotten passwords and email verification (mailed codes).
    pub codes: codes::Codes,
    /// The outbox's sender.
    pub mailer: mail::Mailer,
    /// Readiness.
    pub health: health::Health,
    /// Prometheus metrics.
    pub metrics: Arc<crate::metrics::Metrics>,
}

/// What the services need to start.
#[derive(Debug)]
pub struct Settings {
    /// The database.
    pub database: StoreOptions,
    /// The password hasher.
    pub passwords: Passwords,
    /// The access-token issuer.
    pub tokens: AccessTokens,
    /// Derives each refresh token's successor.
    pub successors: RefreshSuccessors,
    /// Refresh-token lifetime and reuse interval.
    pub refresh: auth::RefreshPolicy,
    /// Login and registration throttling.
    pub throttle: throttle::ThrottlePolicy,
    /// The aggregator.
    pub ratings: ratings::RatingsSettings,
    /// The public-profile cache.
    pub cache: profiles::CacheSettings,
    /// Seals page cursors.
    pub cursors: crate::security::cursors::Cursors,
    /// How long notifications and dead sessions are kept.
    pub retention: notifications::RetentionPolicy,
    /// The most items one list may hold.
    pub list_max_items: u32,
    /// How mailed codes behave.
    pub codes: codes::CodeSettings,
    /// How mail leaves.
    pub mail: mail::MailSettings,
    /// New registrations start with `VERIFY_EMAIL` pending.
    pub require_email_verification: bool,
}

/// Why the services could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The database could not be opened or migrated.
    #[error(transparent)]
    Database(#[from] OpenError),
    /// A setting is unusable.
    #[error("{0}")]
    Settings(String),
}

impl AppState {
    /// Opens and migrates the database and builds every service on it.
    pub async fn open(settings: Settings) -> Result<Self, StartError> {
        let cache = (settings.cache.max_bytes > 0).then(|| {
            let backend = backend_of(&settings.database.url).unwrap_or(Backend::Sqlite);
            // Other instances can only exist on PostgreSQL; there, serve nothing from the
            // cache before the change listener is connected.
            Arc::new(profiles::ProfileCache::new(
                settings.cache,
                backend != Backend::Postgres,
            ))
        });
        let mut store = store::Store::connect(&settings.database)
            .await?
            .with_rating_weights(settings.ratings.weights);
        store.migrate().await?;
        // Boards built before they existed, or with other aggregate weights, are rebuilt.
        store
            .rebuild_boards(&settings.ratings.weights)
            .await
            .map_err(|e| StartError::Settings(format!("building the leaderboards: {e}")))?;
        // Accounts made before referral codes existed get theirs now.
        store
            .backfill_referral_codes(crate::domain::new_referral_code)
            .await
            .map_err(|e| StartError::Settings(format!("giving accounts referral codes: {e}")))?;
        if let Some(cache) = &cache {
            store = store.observed_by(Arc::clone(cache) as Arc<dyn store::ProfileChangeSink>);
            if store.backend() == Backend::Postgres {
                profiles::listen_for_changes(Arc::clone(cache), settings.database.url.clone());
            }
        }
        let users = users::Users::new(store.clone());
        let metrics = Arc::new(crate::metrics::Metrics::new());
        let lists = lists::Lists::new(
            store.clone(),
            users.clone(),
            settings.cursors.clone(),
            settings.list_max_items,
            cache.clone(),
        );
        let ratings = ratings::Ratings::new(
            store.clone(),
            settings.ratings,
            settings.cursors.clone(),
            Arc::clone(&metrics),
        )
        .map_err(StartError::Settings)?;
        let throttle = throttle::Throttle::new(store.clone(), settings.throttle);
        let mailer =
            mail::Mailer::new(store.clone(), &settings.mail).map_err(StartError::Settings)?;
        Ok(Self {
            codes: codes::Codes::new(
                store.clone(),
                users.clone(),
                throttle.clone(),
                settings.passwords.clone(),
                settings.codes,
            ),
            mailer,
            admin: admin::Admin::new(
                store.clone(),
                users.clone(),
                throttle.clone(),
                settings.cursors.clone(),
            ),
            auth: auth::Auth::new(
                store.clone(),
                users.clone(),
                throttle,
                settings.passwords,
                settings.tokens,
                settings.successors,
                settings.refresh,
                cache.clone(),
                settings.require_email_verification,
            ),
            profiles: profiles::PublicProfiles::new(
                users.clone(),
                ratings.clone(),
                lists.clone(),
                cache.clone(),
                &settings.cache,
            ),
            leaderboards: leaderboards::Leaderboards::new(
                store.clone(),
                users.clone(),
                settings.cursors.clone(),
                cache.clone(),
            ),
            social: social::Social::new(
                store.clone(),
                users.clone(),
                settings.cursors.clone(),
                cache.clone(),
            ),
            lists,
            notifications: notifications::Notifications::new(
                store.clone(),
                settings.cursors,
                settings.retention,
                cache.clone(),
            ),
            users,
            ratings,
            health: health::Health::new(store),
            metrics,
        })
    }

    /// The metrics text, with the values that live elsewhere sampled now: the database
    /// pool, each platform client's requests and breaker, and the refresh lag.
    pub async fn render_metrics(&self) -> String {
        let (in_use, idle) = self.health.pool_connections();
        self.metrics.sample_pool(in_use, idle);
        for client in self.ratings.refresher().clients() {
            self.metrics.sample_platform(
                client.platform(),
                client.requests_sent(),
                client.paused_for().is_some(),
            );
        }
        for platform in profilehub_jobs::Platform::ALL {
            // A scrape during a database outage still reports everything else.
            if let Ok(lag) = self.ratings.refresh_lag(platform).await {
                self.metrics.sample_refresh_lag(platform, lag.as_secs_f64());
            }
        }
        self.metrics.render()
    }
}

/// Applies pending migrations to the database and closes it (`profilehub migrate`, tools).
pub async fn migrate(database: &StoreOptions) -> Result<(), OpenError> {
    let store = store::Store::connect(database).await?;
    store.migrate().await?;
    store.close().await;
    Ok(())
}
