//! Typed configuration from command-line flags and environment variables.
//!
//! Every option has a flag, an environment variable and a documented default, so that
//! `cargo run --release` works with no setup at all (SQLite file in the working directory,
//! a generated and persisted JWT secret) while production sets everything explicitly.
//! README.md and `.env.example` list the same options; keep the three in step.

use std::{fmt, net::SocketAddr, path::PathBuf, str::FromStr, time::Duration};

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Command line of the `profilehub` binary.
#[derive(Debug, Parser)]
#[command(
    name = "profilehub",
    version,
    about = "OpenAPI-first user-profile service"
)]
pub struct Cli {
    /// What to do; `serve` when omitted.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Options shared by every subcommand.
    #[command(flatten)]
    pub config: Config,
}

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
            .map(|ms| Self(Duration::from_millis(ms)))
            .ok_or_else(|| format!("`{s}` is too long"))
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
        assert!("m".parse::<HumanDuration>().is_err());
        assert!("3w".parse::<HumanDuration>().is_err());
    }

    #[test]
    fn secrets_never_print() {
        let secret = Secret::new("hunter2-hunter2-hunter2-hunter2-hunter2");
        assert!(!format!("{secret:?}").contains("hunter2"));
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
