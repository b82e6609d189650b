//! Structured logs with `tracing`, to stderr (stdout is reserved for command output such
//! as `profilehub openapi`).
//!
//! Nothing in the service logs a password, token or secret: request logs carry method, path
//! and status only, credentials travel in bodies and headers that are never logged, and
//! secrets are wrapped in types whose `Debug` is redacted.

use tracing_subscriber::{EnvFilter, fmt};

use crate::config::LogFormat;

/// Installs the global subscriber. `RUST_LOG` overrides the default level (`info`).
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,poem=info"));
    let builder = fmt().with_env_filter(filter).with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
    };
}
