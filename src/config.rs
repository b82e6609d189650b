//! Typed configuration from command-line flags and environment variables.
//!
//! Every option has a flag, an environment variable and a documented default, so that
//! `cargo run --release` works with no setup at all (SQLite file in the working directory,
//! a generated and persisted JWT secret) while production sets everything explicitly.
//! README.md and `.env.example` list the same options; keep the three in step.

use std::{fmt, net::SocketAddr, path::PathBuf, str::FromStr, time::Duration};

use clap::{Args, Parser, Subcommand, ValueEnum};
use profilehub_jobs::{Platform, PlatformSettings};

/// Loads `.env` from the working directory into the environment, if the file exists;
/// variables already set in the real environment win. A file that cannot be read or parsed
/// is an error (naming the line), not silently skipped.
pub fn load_dotenv() -> Result<(), String> {
    match dotenvy::from_path(".env") {
        Ok(()) => Ok(()),
        Err(dotenvy::Error::Io(err)) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(err) => Err(format!("cannot load .env: {err}")),
    }
}

/// Command line of the `profilehub` binary.
#[derive(Debug, Parser)]
#[command(
    name = "profilehub",
    version,
    about = "OpenAPI-first user-profile service",
    // A flag given twice (a default in a wrapper script, then an override) takes the last.
    args_override_self = true
)]
pub struct Cli {
    /// What to do; `serve` when omitted.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Options shared by every subcommand.
    #[command(flatten)]
    pub config: Config,
}

impl Cli {
    /// Parses the process's arguments, exiting with a message (or the help) when they are
    /// wrong; like `Cli::parse`, but each subcommand's `--help` lists only what it uses.
    pub fn parse_focused() -> Self {
        use clap::FromArgMatches;
        let matches = Self::focused_command().get_matches();
        Self::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
    }

    /// The command line with every option still accepted everywhere (so a wrapper script may
    /// pass one set of flags to any subcommand) but hidden from the help of the subcommands
    /// that ignore it.
    pub fn focused_command() -> clap::Command {
        use clap::CommandFactory;
        let mut command = Self::command();
        let shared: Vec<clap::Arg> = command
            .get_arguments()
            .filter(|arg| arg.is_global_set())
            .cloned()
            .collect();
        for (name, uses) in SUBCOMMAND_OPTIONS {
            // A subcommand that already has an option does not get the global copy of it.
            command = command.mut_subcommand(*name, |mut sub| {
                for arg in shared
                    .iter()
                    .filter(|arg| !uses.contains(&arg.get_id().as_str()))
                {
                    sub = sub.arg(arg.clone().hide(true));
                }
                sub
            });
        }
        command
    }
}

/// The shared options each one-shot subcommand actually reads (by option id); `serve`
/// reads them all.
const SUBCOMMAND_OPTIONS: &[(&str, &[&str])] = &[
    (
        "refresh-ratings",
        &[
            "database_url",
            "db_max_connections",
            "db_acquire_timeout",
            "log_format",
            "rating_staleness",
            "rating_lease",
            "rating_retry_base",
            "refresh_claim_size",
            "refresh_parallel_batches",
            "platform_options",
        ],
    ),
    (
        "migrate",
        &[
            "database_url",
            "db_max_connections",
            "db_acquire_timeout",
            "log_format",
        ],
    ),
    ("openapi", &["log_format"]),
    (
        "admin",
        &[
            "database_url",
            "db_max_connections",
            "db_acquire_timeout",
            "log_format",
            "jwt_secret",
        ],
    ),
];

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the HTTP service (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Print the OpenAPI document (JSON) to stdout, or write it to a file.
    Openapi {
        /// Write to this file instead of stdout.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Refresh ratings once and exit (for deployments that prefer an external cron).
    RefreshRatings {
        /// Refresh every linked handle, not only those due.
        #[arg(long)]
        all: bool,
        /// Only this platform (repeatable).
        #[arg(long, value_parser = parse_platform)]
        platform: Vec<Platform>,
        /// Only this user's handles (username).
        #[arg(long)]
        user: Option<String>,
    },
    /// Manage administrators (every change is written to the audit log).
    Admin {
        /// What to do.
        #[command(subcommand)]
        action: AdminAction,
    },
}

/// `profilehub admin …`.
#[derive(Debug, Subcommand)]
pub enum AdminAction {
    /// Make an existing account an administrator.
    Grant {
        /// The account's username.
        username: String,
    },
    /// Make an administrator a regular account again (never the last enabled one).
    Revoke {
        /// The account's username.
        username: String,
    },
    /// Create an administrator account. The password is read from standard input (one
    /// line), or asked for without echo on a terminal; never from the command line.
    Create {
        /// Username of the new account.
        username: String,
        /// Email address of the new account.
        email: String,
    },
}

fn parse_platform(value: &str) -> Result<Platform, String> {
    value.parse().map_err(|_| {
        format!("unknown platform `{value}`; use codechef, leetcode, codeforces or atcoder")
    })
}

/// Service configuration.
#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Address and port the HTTP server listens on.
    #[arg(
        long,
        env = "PROFILEHUB_BIND",
        default_value = "127.0.0.1:8080",
        global = true
    )]
    pub bind: SocketAddr,

    /// Database URL: `sqlite://FILE` (created if missing) or `postgres://USER@HOST/DB`.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://profilehub.db",
        global = true
    )]
    pub database_url: String,

    /// Maximum number of pooled database connections.
    #[arg(
        long,
        env = "PROFILEHUB_DB_MAX_CONNECTIONS",
        default_value_t = 10,
        global = true
    )]
    pub db_max_connections: u32,

    /// How long a request may wait for a database connection before answering 503.
    #[arg(
        long,
        env = "PROFILEHUB_DB_ACQUIRE_TIMEOUT",
        default_value = "3s",
        global = true
    )]
    pub db_acquire_timeout: HumanDuration,

    /// HS256 secret for access tokens, at least 32 bytes. Required with PostgreSQL (every
    /// instance must share it); on SQLite it is generated once and stored beside the database.
    #[arg(
        long,
        env = "PROFILEHUB_JWT_SECRET",
        global = true,
        hide_env_values = true
    )]
    pub jwt_secret: Option<Secret>,

    /// `iss` and `aud` claim of access tokens.
    #[arg(
        long,
        env = "PROFILEHUB_JWT_ISSUER",
        default_value = "profilehub",
        global = true
    )]
    pub jwt_issuer: String,

    /// Lifetime of access tokens (e.g. `15m`, `900s`).
    #[arg(
        long,
        env = "PROFILEHUB_ACCESS_TOKEN_TTL",
        default_value = "15m",
        global = true
    )]
    pub access_token_ttl: HumanDuration,

    /// Lifetime of refresh tokens; each refresh issues a new one (e.g. `30d`).
    #[arg(
        long,
        env = "PROFILEHUB_REFRESH_TOKEN_TTL",
        default_value = "30d",
        global = true
    )]
    pub refresh_token_ttl: HumanDuration,

    /// Threads that hash passwords, at a lower CPU priority than request handling. Each
    /// hash takes ~30 ms of one core and 19 MiB of memory while it runs.
    #[arg(
        long,
        env = "PROFILEHUB_PASSWORD_HASH_THREADS",
        default_value_t = 1,
        global = true
    )]
    pub password_hash_threads: usize,

    /// Longest wait for a free password-hashing thread before a login, registration or
    /// password change answers 503 with `Retry-After`.
    #[arg(
        long,
        env = "PROFILEHUB_PASSWORD_QUEUE_TIMEOUT",
        default_value = "2s",
        global = true
    )]
    pub password_queue_timeout: HumanDuration,

    /// How long after a refresh token was exchanged the same token may be presented again
    /// and get the same successor (a client that retried or double-submitted); `0s` makes
    /// every second presentation revoke the session.
    #[arg(
        long,
        env = "PROFILEHUB_REFRESH_TOKEN_REUSE_INTERVAL",
        default_value = "10s",
        global = true
    )]
    pub refresh_token_reuse_interval: HumanDuration,

    /// Log output format.
    #[arg(long, env = "PROFILEHUB_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text, global = true)]
    pub log_format: LogFormat,

    /// How long in-flight requests may take to finish after SIGINT/SIGTERM.
    #[arg(
        long,
        env = "PROFILEHUB_SHUTDOWN_TIMEOUT",
        default_value = "30s",
        global = true
    )]
    pub shutdown_timeout: HumanDuration,

    /// Connections open at once; past it the server stops accepting until one closes (new
    /// clients wait in the kernel's accept queue).
    #[arg(
        long,
        env = "PROFILEHUB_MAX_CONNECTIONS",
        default_value_t = 1024,
        value_parser = clap::value_parser!(u32).range(1..=1_000_000),
        global = true
    )]
    pub max_connections: u32,

    /// How long a client may take to send a request's headers, from their first byte.
    #[arg(
        long,
        env = "PROFILEHUB_HEADER_READ_TIMEOUT",
        default_value = "10s",
        global = true
    )]
    pub header_read_timeout: HumanDuration,

    /// How long a connection with no request in progress stays open.
    #[arg(
        long,
        env = "PROFILEHUB_KEEP_ALIVE_TIMEOUT",
        default_value = "75s",
        global = true
    )]
    pub keep_alive_timeout: HumanDuration,

    /// When `serve` refreshes ratings: a cron expression with a seconds field, or `off`
    /// (on-demand refreshes still run).
    #[arg(
        long,
        env = "PROFILEHUB_REFRESH_SCHEDULE",
        default_value = "0 */10 * * * *",
        global = true
    )]
    pub refresh_schedule: String,

    /// Ratings fetched longer ago than this are refreshed.
    #[arg(
        long,
        env = "PROFILEHUB_RATING_STALENESS",
        default_value = "12h",
        global = true
    )]
    pub rating_staleness: HumanDuration,

    /// How long an instance's claim on a handle lasts (a crashed instance's claims are
    /// taken over after it).
    #[arg(
        long,
        env = "PROFILEHUB_RATING_LEASE",
        default_value = "5m",
        global = true
    )]
    pub rating_lease: HumanDuration,

    /// Delay before retrying a handle whose fetch failed; doubles per failure, up to the
    /// staleness window.
    #[arg(
        long,
        env = "PROFILEHUB_RATING_RETRY_BASE",
        default_value = "1m",
        global = true
    )]
    pub rating_retry_base: HumanDuration,

    /// Shortest time between two on-demand refreshes by one user.
    #[arg(
        long,
        env = "PROFILEHUB_RATING_REFRESH_COOLDOWN",
        default_value = "5m",
        global = true
    )]
    pub rating_refresh_cooldown: HumanDuration,

    /// Handles claimed and written together per platform.
    #[arg(
        long,
        env = "PROFILEHUB_REFRESH_CLAIM_SIZE",
        default_value_t = 64,
        global = true
    )]
    pub refresh_claim_size: usize,

    /// Request batches in flight at once per platform (the platform's own concurrency cap
    /// and rate limit still apply).
    #[arg(
        long,
        env = "PROFILEHUB_REFRESH_PARALLEL_BATCHES",
        default_value_t = 4,
        global = true
    )]
    pub refresh_parallel_batches: usize,

    /// Largest total size of the public-profile cache (serialised bodies), e.g. `32MiB`;
    /// `0` turns the cache off.
    #[arg(
        long,
        env = "PROFILEHUB_PROFILE_CACHE_SIZE",
        default_value = "24MiB",
        global = true
    )]
    pub profile_cache_size: HumanSize,

    /// Longest time a cached public profile (or a listing or unread count cached with it)
    /// is served without being re-read: a safety net for writers that cannot announce
    /// changes, such as another process on the same SQLite file. Cached sessions are
    /// re-read every second whatever this says.
    #[arg(
        long,
        env = "PROFILEHUB_PROFILE_CACHE_TTL",
        default_value = "60s",
        global = true
    )]
    pub profile_cache_ttl: HumanDuration,

    /// `Cache-Control: public, max-age=…` of public profiles: how long clients and proxies
    /// may reuse one without asking.
    #[arg(
        long,
        env = "PROFILEHUB_PROFILE_MAX_AGE",
        default_value = "30s",
        global = true
    )]
    pub profile_max_age: HumanDuration,

    /// `Cache-Control: public, max-age=…` of rating cards (`card.svg`): how long the
    /// pages and proxies that embed one may reuse it without asking.
    #[arg(
        long,
        env = "PROFILEHUB_CARD_MAX_AGE",
        default_value = "5m",
        global = true
    )]
    pub card_max_age: HumanDuration,

    /// `stale-while-revalidate=…` of rating cards: how long past `--card-max-age` a
    /// cache may still show one while it fetches a new one.
    #[arg(
        long,
        env = "PROFILEHUB_CARD_STALE_WHILE_REVALIDATE",
        default_value = "1d",
        global = true
    )]
    pub card_stale_while_revalidate: HumanDuration,

    /// An origin (`https://app.example.com`) whose pages may call the API from a browser;
    /// repeatable (the environment variable takes a comma-separated list). None: CORS off.
    #[arg(
        long = "cors-allow-origin",
        env = "PROFILEHUB_CORS_ALLOW_ORIGINS",
        value_delimiter = ',',
        value_parser = parse_origin,
        global = true
    )]
    pub cors_allow_origins: Vec<String>,

    /// SMTP server for account mail (password resets, email verification):
    /// `smtp://user:password@host:587?tls=required`, `smtps://user:password@host:465`, or
    /// `smtp://host:25` without TLS (local relays only). Unset: mail is written to the log
    /// instead (without its body unless `--dev-mail-log`).
    #[arg(
        long,
        env = "PROFILEHUB_SMTP_URL",
        global = true,
        hide_env_values = true
    )]
    pub smtp_url: Option<Secret>,

    /// The `From` of account mail.
    #[arg(
        long,
        env = "PROFILEHUB_MAIL_FROM",
        default_value = "profilehub <no-reply@localhost>",
        global = true
    )]
    pub mail_from: String,

    /// Without `--smtp-url`, log each mail's body too, codes included (development only).
    #[arg(long, env = "PROFILEHUB_DEV_MAIL_LOG", global = true)]
    pub dev_mail_log: bool,

    /// New registrations start with `VERIFY_EMAIL` pending: until the address is verified
    /// (`POST /v1/users/me/email/verification`, then `POST /v1/auth/email/verify`), the
    /// account's tokens work only for what completes it.
    #[arg(long, env = "PROFILEHUB_REQUIRE_EMAIL_VERIFICATION", global = true)]
    pub require_email_verification: bool,

    /// The service's public address, for the links in account mail.
    #[arg(
        long,
        env = "PROFILEHUB_PUBLIC_URL",
        default_value = "http://127.0.0.1:8080",
        global = true
    )]
    pub public_url: String,

    /// How long a mailed code (password reset, email verification) works.
    #[arg(
        long,
        env = "PROFILEHUB_ACCOUNT_CODE_TTL",
        default_value = "15m",
        global = true
    )]
    pub account_code_ttl: HumanDuration,

    /// The most items one list (played, liked, …) of a profile may hold.
    #[arg(
        long,
        env = "PROFILEHUB_LIST_MAX_ITEMS",
        default_value_t = 1000,
        value_parser = clap::value_parser!(u32).range(1..),
        global = true
    )]
    pub list_max_items: u32,

    /// Notifications kept per user; the oldest beyond this go at the next maintenance.
    #[arg(
        long,
        env = "PROFILEHUB_NOTIFICATIONS_PER_USER",
        default_value_t = 1000,
        value_parser = clap::value_parser!(u32).range(1..),
        global = true
    )]
    pub notifications_per_user: u32,

    /// Read notifications older than this go at the next maintenance.
    #[arg(
        long,
        env = "PROFILEHUB_NOTIFICATION_READ_RETENTION",
        default_value = "90d",
        global = true
    )]
    pub notification_read_retention: HumanDuration,

    /// Revoked sessions are kept this long (a reused token of one still reads as revoked),
    /// then removed with their refresh tokens.
    #[arg(
        long,
        env = "PROFILEHUB_REVOKED_SESSION_RETENTION",
        default_value = "7d",
        global = true
    )]
    pub revoked_session_retention: HumanDuration,

    /// How often maintenance runs (notification retention, dead sessions); `0s`: never.
    #[arg(
        long,
        env = "PROFILEHUB_MAINTENANCE_INTERVAL",
        default_value = "1h",
        global = true
    )]
    pub maintenance_interval: HumanDuration,

    /// Where Prometheus metrics are served: `main` (`GET /metrics` beside the API), `off`,
    /// or an address of their own (e.g. `127.0.0.1:9100`, where only `/metrics` answers).
    #[arg(
        long,
        env = "PROFILEHUB_METRICS",
        default_value = "main",
        value_parser = parse_metrics,
        global = true
    )]
    pub metrics: MetricsEndpoint,

    /// A proxy (address or CIDR block, repeatable) whose `X-Forwarded-For` / `X-Real-IP`
    /// name the real client; from anyone else those headers are ignored. None: the
    /// socket's peer is the client.
    #[arg(
        long = "trusted-proxies",
        env = "PROFILEHUB_TRUSTED_PROXIES",
        value_delimiter = ',',
        global = true
    )]
    pub trusted_proxies: Vec<IpNet>,

    /// Failed logins per account (and per client and account) before each attempt waits.
    #[arg(
        long,
        env = "PROFILEHUB_LOGIN_MAX_FAILURES",
        default_value_t = 30,
        global = true
    )]
    pub login_max_failures: u32,

    /// Failed logins per client address, over all accounts, before each attempt waits.
    #[arg(
        long,
        env = "PROFILEHUB_LOGIN_MAX_FAILURES_PER_IP",
        default_value_t = 100,
        global = true
    )]
    pub login_max_failures_per_ip: u32,

    /// How much longer the wait grows with each failure past a threshold.
    #[arg(
        long,
        env = "PROFILEHUB_LOGIN_WAIT_STEP",
        default_value = "60s",
        global = true
    )]
    pub login_wait_step: HumanDuration,

    /// The longest wait after failed logins.
    #[arg(
        long,
        env = "PROFILEHUB_LOGIN_MAX_WAIT",
        default_value = "15m",
        global = true
    )]
    pub login_max_wait: HumanDuration,

    /// Failed-login counters with no failure for this long start again.
    #[arg(
        long,
        env = "PROFILEHUB_LOGIN_FAILURE_RESET",
        default_value = "12h",
        global = true
    )]
    pub login_failure_reset: HumanDuration,

    /// Registrations allowed per client address per hour.
    #[arg(
        long,
        env = "PROFILEHUB_REGISTRATIONS_PER_IP_PER_HOUR",
        default_value_t = 20,
        global = true
    )]
    pub registrations_per_ip_per_hour: u32,

    /// Per-platform setting, `PLATFORM.KEY=VALUE` (PLATFORM may be `*`), repeatable; the
    /// environment variable takes a comma-separated list. Keys: base_url, min_interval,
    /// concurrency, timeout, retries, backoff_base, backoff_max, max_retry_after,
    /// breaker_threshold, breaker_cooldown, max_body_bytes, batch_size, user_agent.
    #[arg(
        long = "platform-option",
        env = "PROFILEHUB_PLATFORM_OPTIONS",
        value_delimiter = ',',
        global = true
    )]
    pub platform_options: Vec<PlatformOption>,
}

/// An exact web origin: `http(s)://host[:port]`, nothing after it.
fn parse_origin(value: &str) -> Result<String, String> {
    let url = url::Url::parse(value.trim()).map_err(|e| format!("`{value}`: {e}"))?;
    let origin = url.origin().ascii_serialization();
    if !matches!(url.scheme(), "http" | "https")
        || origin.trim_end_matches('/') != value.trim().trim_end_matches('/')
    {
        return Err(format!(
            "`{value}` is not an origin; use scheme://host[:port], e.g. https://app.example.com"
        ));
    }
    Ok(origin)
}

/// Where `/metrics` is served.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MetricsEndpoint {
    /// Beside the API, on the main listener.
    #[default]
    Main,
    /// Nowhere.
    Off,
    /// On a listener of its own, and not on the main one.
    Address(SocketAddr),
}

fn parse_metrics(value: &str) -> Result<MetricsEndpoint, String> {
    match value.trim() {
        "main" => Ok(MetricsEndpoint::Main),
        "off" => Ok(MetricsEndpoint::Off),
        other => other
            .parse()
            .map(MetricsEndpoint::Address)
            .map_err(|_| format!("`{value}`: use main, off or an address such as 127.0.0.1:9100")),
    }
}

/// What the HTTP layer needs from the configuration.
#[derive(Debug, Clone, Default)]
pub struct WebSettings {
    /// Origins allowed to call the API from a browser (empty: CORS off).
    pub cors_allow_origins: Vec<String>,
    /// Proxies whose forwarding headers are believed.
    pub trusted_proxies: Vec<IpNet>,
    /// Whether `GET /metrics` is served beside the API.
    pub metrics_on_main: bool,
}

/// An address or a CIDR block (`10.0.0.0/8`, `::1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpNet {
    network: std::net::IpAddr,
    prefix: u8,
}

impl IpNet {
    /// Whether `ip` is in this block.
    pub fn contains(&self, ip: std::net::IpAddr) -> bool {
        use std::net::IpAddr::{V4, V6};
        match (self.network, ip) {
            (V4(net), V4(ip)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (V6(net), V6(ip)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            (V6(net), V4(ip)) | (V4(ip), V6(net)) if net.to_ipv4_mapped().is_some() => {
                net.to_ipv4_mapped() == Some(ip)
            }
            _ => false,
        }
    }
}

impl FromStr for IpNet {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let (address, prefix) = s.split_once('/').unwrap_or((s, ""));
        let network: std::net::IpAddr = address
            .parse()
            .map_err(|_| format!("`{s}` is not an IP address or CIDR block (e.g. 10.0.0.0/8)"))?;
        let max = if network.is_ipv4() { 32 } else { 128 };
        let prefix = if prefix.is_empty() {
            max
        } else {
            prefix
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= max)
                .ok_or_else(|| format!("`{s}`: the prefix must be 0–{max}"))?
        };
        Ok(Self { network, prefix })
    }
}

/// One `PLATFORM.KEY=VALUE` override.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlatformOption {
    /// `None` for `*` (every platform).
    pub platform: Option<Platform>,
    /// Setting name.
    pub key: String,
    /// Raw value.
    pub value: String,
}

impl FromStr for PlatformOption {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (target, value) = s
            .split_once('=')
            .ok_or_else(|| format!("`{s}` is not PLATFORM.KEY=VALUE"))?;
        let (platform, key) = target
            .split_once('.')
            .ok_or_else(|| format!("`{s}` is not PLATFORM.KEY=VALUE"))?;
        let platform = match platform.trim() {
            "*" => None,
            name => Some(parse_platform(name)?),
        };
        let option = Self {
            platform,
            key: key.trim().to_string(),
            value: value.trim().to_string(),
        };
        // Validate now so a typo fails at start-up, not at the first refresh.
        option.apply(&mut PlatformSettings::defaults(Platform::Codeforces))?;
        Ok(option)
    }
}

impl PlatformOption {
    /// Applies this override to `settings`.
    pub fn apply(&self, settings: &mut PlatformSettings) -> Result<(), String> {
        let duration = || self.value.parse::<HumanDuration>().map(|d| d.0);
        let number = || {
            self.value
                .parse::<usize>()
                .map_err(|_| format!("`{}` needs a whole number", self.key))
        };
        match self.key.as_str() {
            "base_url" => {
                let url = url::Url::parse(&self.value)
                    .map_err(|e| format!("base_url `{}`: {e}", self.value))?;
                if !matches!(url.scheme(), "http" | "https") {
                    return Err(format!("base_url `{}` must be http(s)", self.value));
                }
                settings.base_url = self.value.trim_end_matches('/').to_string();
            }
            "min_interval" => settings.min_interval = duration()?,
            "concurrency" => settings.max_concurrency = number()?.max(1),
            "timeout" => settings.timeout = duration()?,
            "retries" => settings.retries = u32::try_from(number()?).unwrap_or(u32::MAX),
            "backoff_base" => settings.backoff_base = duration()?,
            "backoff_max" => settings.backoff_max = duration()?,
            "max_retry_after" => settings.max_retry_after = duration()?,
            "breaker_threshold" => {
                settings.breaker_threshold = u32::try_from(number()?).unwrap_or(u32::MAX)
            }
            "breaker_cooldown" => settings.breaker_cooldown = duration()?,
            "max_body_bytes" => settings.max_body_bytes = number()?,
            "batch_size" => settings.batch_size = number()?.max(1),
            "user_agent" => settings.user_agent = self.value.clone(),
            other => {
                return Err(format!(
                    "unknown platform setting `{other}`; use base_url, min_interval, concurrency, \
                     timeout, retries, backoff_base, backoff_max, max_retry_after, \
                     breaker_threshold, breaker_cooldown, max_body_bytes, batch_size or user_agent"
                ));
            }
        }
        Ok(())
    }
}

impl Config {
    /// The HTTP layer's settings.
    pub fn web_settings(&self) -> WebSettings {
        WebSettings {
            cors_allow_origins: self.cors_allow_origins.clone(),
            trusted_proxies: self.trusted_proxies.clone(),
            metrics_on_main: self.metrics == MetricsEndpoint::Main,
        }
    }

    /// Notification and session retention.
    pub fn retention_policy(&self) -> crate::services::notifications::RetentionPolicy {
        crate::services::notifications::RetentionPolicy {
            per_user: self.notifications_per_user,
            read_for: self.notification_read_retention.0,
            revoked_sessions_for: self.revoked_session_retention.0,
        }
    }

    /// The connection loop's limits.
    pub fn connection_limits(&self) -> crate::server::ConnectionLimits {
        crate::server::ConnectionLimits {
            max_connections: usize::try_from(self.max_connections).unwrap_or(usize::MAX),
            header_read_timeout: self.header_read_timeout.0,
            keep_alive_timeout: self.keep_alive_timeout.0,
        }
    }

    /// Login and registration throttling.
    pub fn throttle_policy(&self) -> crate::services::throttle::ThrottlePolicy {
        crate::services::throttle::ThrottlePolicy {
            account_failures: i64::from(self.login_max_failures.max(1)),
            ip_failures: i64::from(self.login_max_failures_per_ip.max(1)),
            step: self.login_wait_step.0,
            max_wait: self.login_max_wait.0,
            reset_after: self.login_failure_reset.0,
            registrations_per_ip: i64::from(self.registrations_per_ip_per_hour),
            registration_window: Duration::from_secs(3600),
        }
    }

    /// How to reach the database.
    pub fn store_options(&self) -> crate::services::StoreOptions {
        crate::services::StoreOptions {
            url: self.database_url.clone(),
            max_connections: self.db_max_connections,
            acquire_timeout: self.db_acquire_timeout.0,
        }
    }

    /// The aggregator's settings.
    pub fn ratings_settings(&self) -> crate::services::ratings::RatingsSettings {
        crate::services::ratings::RatingsSettings {
            staleness: self.rating_staleness.0,
            lease: self.rating_lease.0,
            retry_base: self.rating_retry_base.0,
            user_refresh_cooldown: self.rating_refresh_cooldown.0,
            platforms: self.platform_settings(),
            engine: profilehub_jobs::EngineSettings {
                claim_size: self.refresh_claim_size.max(1),
                parallel_batches: self.refresh_parallel_batches.max(1),
            },
            weights: crate::domain::ratings::Weights::default(),
        }
    }

    /// The public-profile cache's settings.
    pub fn cache_settings(&self) -> crate::services::profiles::CacheSettings {
        crate::services::profiles::CacheSettings {
            max_bytes: self.profile_cache_size.0,
            time_to_live: self.profile_cache_ttl.0,
            client_max_age: self.profile_max_age.0,
            card_max_age: self.card_max_age.0,
            card_stale_while_revalidate: self.card_stale_while_revalidate.0,
        }
    }

    /// Platform settings: the defaults, then every `--platform-option` in order.
    pub fn platform_settings(&self) -> std::collections::BTreeMap<Platform, PlatformSettings> {
        Platform::ALL
            .into_iter()
            .map(|platform| {
                let mut settings = PlatformSettings::defaults(platform);
                for option in &self.platform_options {
                    if option.platform.is_none_or(|p| p == platform) {
                        // Validated when parsed.
                        let _ = option.apply(&mut settings);
                    }
                }
                (platform, settings)
            })
            .collect()
    }

    /// The refresh schedule with a seconds field, `None` when `off`. A standard five-field
    /// crontab line (`*/10 * * * *`) runs at second 0 of its minutes.
    pub fn refresh_cron(&self) -> Option<String> {
        let schedule = self.refresh_schedule.trim();
        if schedule.eq_ignore_ascii_case("off") || schedule.is_empty() {
            return None;
        }
        Some(match schedule.split_whitespace().count() {
            5 => format!("0 {schedule}"),
            _ => schedule.to_string(),
        })
    }
}

impl Config {
    /// The configuration with every default, as `profilehub` with no flags would get it
    /// (environment variables still apply).
    pub fn from_env() -> Self {
        Cli::parse_from(["profilehub"]).config
    }
}

/// Log output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line, for log shippers.
    Json,
}

/// A secret string whose `Debug`/`Display` never shows the value.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret bytes; keep them out of logs.
    pub fn expose(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl FromStr for Secret {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Self(s.to_string()))
    }
}

/// The longest duration any setting accepts (10 years): far beyond any sensible timeout or
/// lifetime, and small enough that adding it to a timestamp can never overflow.
const MAX_DURATION_MS: u64 = 3650 * 86_400_000;

/// A duration written as a number and a unit: `500ms`, `30s`, `15m`, `12h`, `30d`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HumanDuration(pub Duration);

impl FromStr for HumanDuration {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let split = s
            .find(|c: char| !c.is_ascii_digit())
            .ok_or_else(|| format!("`{s}` has no unit; use ms, s, m, h or d (e.g. 15m)"))?;
        let (number, unit) = s.split_at(split);
        let number: u64 = number
            .parse()
            .map_err(|_| format!("`{s}` must start with a whole number (e.g. 15m)"))?;
        let millis_per_unit = match unit {
            "ms" => 1,
            "s" => 1_000,
            "m" => 60_000,
            "h" => 3_600_000,
            "d" => 86_400_000,
            _ => {
                return Err(format!(
                    "unknown unit `{unit}` in `{s}`; use ms, s, m, h or d"
                ));
            }
        };
        number
            .checked_mul(millis_per_unit)
            .filter(|ms| *ms <= MAX_DURATION_MS)
            .map(|ms| Self(Duration::from_millis(ms)))
            .ok_or_else(|| format!("`{s}` is too long: durations are at most 3650d (10 years)"))
    }
}

/// A size in bytes written as a number and an optional unit: `0`, `512KiB`, `32MiB`,
/// `1GiB` (also `KB`/`MB`/`GB` as powers of 1000, and `B`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HumanSize(pub u64);

impl FromStr for HumanSize {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        let (number, unit) = s.split_at(split);
        let number: u64 = number
            .parse()
            .map_err(|_| format!("`{s}` must start with a whole number (e.g. 32MiB)"))?;
        let multiplier: u64 = match unit.trim() {
            "" | "B" => 1,
            "KiB" => 1 << 10,
            "MiB" => 1 << 20,
            "GiB" => 1 << 30,
            "KB" => 1_000,
            "MB" => 1_000_000,
            "GB" => 1_000_000_000,
            other => {
                return Err(format!(
                    "unknown unit `{other}` in `{s}`; use B, KiB, MiB, GiB, KB, MB or GB"
                ));
            }
        };
        number
            .checked_mul(multiplier)
            .filter(|bytes| *bytes <= 1 << 40)
            .map(Self)
            .ok_or_else(|| format!("`{s}` is too large (at most 1024GiB)"))
    }
}

impl fmt::Display for HumanDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}ms", self.0.as_millis())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn durations_accept_every_documented_unit() {
        assert_eq!("15m".parse(), Ok(HumanDuration(Duration::from_secs(900))));
        assert_eq!(
            "30d".parse(),
            Ok(HumanDuration(Duration::from_secs(2_592_000)))
        );
        assert_eq!(
            "250ms".parse(),
            Ok(HumanDuration(Duration::from_millis(250)))
        );
        assert!("15".parse::<HumanDuration>().is_err());
        assert!("3650d".parse::<HumanDuration>().is_ok());
        for too_long in ["3651d", "106751991167d", "18446744073709551615ms"] {
            let err = too_long.parse::<HumanDuration>().unwrap_err();
            assert!(err.contains("at most 3650d"), "{too_long}: {err}");
        }
        assert!("m".parse::<HumanDuration>().is_err());
        assert!("3w".parse::<HumanDuration>().is_err());
    }

    #[test]
    fn sizes_accept_binary_and_decimal_units() {
        assert_eq!("0".parse(), Ok(HumanSize(0)));
        assert_eq!("32MiB".parse(), Ok(HumanSize(32 << 20)));
        assert_eq!("512KiB".parse(), Ok(HumanSize(512 << 10)));
        assert_eq!("2MB".parse(), Ok(HumanSize(2_000_000)));
        assert!("32 mb".parse::<HumanSize>().is_err());
        assert!("MiB".parse::<HumanSize>().is_err());
        assert!("99999999GiB".parse::<HumanSize>().is_err());
    }

    #[test]
    fn trusted_proxies_are_addresses_or_cidr_blocks() {
        let net: IpNet = "10.0.0.0/8".parse().unwrap();
        assert!(net.contains("10.1.2.3".parse().unwrap()));
        assert!(!net.contains("11.0.0.1".parse().unwrap()));
        let one: IpNet = "127.0.0.1".parse().unwrap();
        assert!(one.contains("127.0.0.1".parse().unwrap()));
        assert!(!one.contains("127.0.0.2".parse().unwrap()));
        let v6: IpNet = "fd00::/8".parse().unwrap();
        assert!(v6.contains("fd12::1".parse().unwrap()));
        for bad in ["10.0.0.0/33", "example.com", "::1/129"] {
            assert!(bad.parse::<IpNet>().is_err(), "{bad}");
        }
    }

    #[test]
    fn each_subcommand_help_lists_only_the_options_it_reads() {
        let mut command = Cli::focused_command();
        command.build(); // propagates the shared options, as parsing does
        let help = command
            .find_subcommand_mut("refresh-ratings")
            .unwrap()
            .render_long_help()
            .to_string();
        for shown in [
            "--all",
            "--database-url",
            "--platform-option",
            "--rating-lease",
        ] {
            assert!(help.contains(shown), "{shown} missing:\n{help}");
        }
        for hidden in [
            "--bind",
            "--jwt-secret",
            "--cors-allow-origin",
            "--max-connections",
        ] {
            assert!(!help.contains(hidden), "{hidden} shown:\n{help}");
        }
        for (name, uses) in SUBCOMMAND_OPTIONS {
            for id in *uses {
                assert!(
                    Cli::command()
                        .get_arguments()
                        .any(|arg| arg.get_id() == *id),
                    "{name} lists `{id}`, which is no option"
                );
            }
        }
    }

    #[test]
    fn a_hidden_option_is_still_accepted_so_one_wrapper_script_fits_every_subcommand() {
        use clap::FromArgMatches;
        let matches = Cli::focused_command()
            .try_get_matches_from([
                "profilehub",
                "refresh-ratings",
                "--bind",
                "127.0.0.1:9999",
                "--all",
            ])
            .unwrap();
        let cli = Cli::from_arg_matches(&matches).unwrap();
        assert_eq!(cli.config.bind.port(), 9999);
        assert!(matches!(
            cli.command,
            Some(Command::RefreshRatings { all: true, .. })
        ));
    }

    #[test]
    fn secrets_never_print() {
        let secret = Secret::new("hunter2-hunter2-hunter2-hunter2-hunter2");
        assert!(!format!("{secret:?}").contains("hunter2"));
    }

    #[test]
    fn platform_options_override_one_or_every_platform() {
        let cli = Cli::try_parse_from([
            "profilehub",
            "--platform-option",
            "*.min_interval=0ms",
            "--platform-option",
            "codeforces.base_url=http://127.0.0.1:9999/",
            "--platform-option",
            "leetcode.batch_size=5",
        ])
        .unwrap();
        let settings = cli.config.platform_settings();
        assert!(settings.values().all(|s| s.min_interval.is_zero()));
        assert_eq!(
            settings[&Platform::Codeforces].base_url,
            "http://127.0.0.1:9999"
        );
        assert_eq!(settings[&Platform::Leetcode].batch_size, 5);
        assert_eq!(
            settings[&Platform::Codechef].batch_size,
            1,
            "others untouched"
        );
        for bad in [
            "codeforces.colour=red",
            "nowhere.timeout=1s",
            "codeforces.timeout=soon",
            "x",
        ] {
            assert!(
                Cli::try_parse_from(["profilehub", "--platform-option", bad]).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn five_field_crontab_lines_run_at_second_zero() {
        let config = |schedule: &str| {
            Cli::try_parse_from(["profilehub", "--refresh-schedule", schedule])
                .unwrap()
                .config
        };
        assert_eq!(
            config("*/10 * * * *").refresh_cron().as_deref(),
            Some("0 */10 * * * *")
        );
        assert_eq!(
            config("30 */10 * * * *").refresh_cron().as_deref(),
            Some("30 */10 * * * *")
        );
        assert_eq!(config("off").refresh_cron(), None);
    }

    #[test]
    fn defaults_match_the_readme() {
        let cli = Cli::try_parse_from(["profilehub", "--database-url", "sqlite://x.db"]).unwrap();
        assert!(cli.command.is_none());
        assert_eq!(cli.config.access_token_ttl.0, Duration::from_secs(15 * 60));
        assert_eq!(
            cli.config.refresh_token_ttl.0,
            Duration::from_secs(30 * 86_400)
        );
    }
}
