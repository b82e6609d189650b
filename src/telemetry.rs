//! Structured logs with `tracing`, to stderr (stdout is reserved for command output such
//! as `profilehub openapi`).
//!
//! Lines are handed to a writer thread through a bounded buffer, so a request never waits
//! for a `write(2)` on a slow terminal or pipe: logging one line per request must not be
//! what limits the hot path. When the buffer is full, callers wait (no line is dropped).
//!
//! Nothing in the service logs a password, token or secret: request logs carry method, path
//! and status only, credentials travel in bodies and headers that are never logged, and
//! secrets are wrapped in types whose `Debug` is redacted.

use tracing_appender::non_blocking::{NonBlockingBuilder, WorkerGuard};
use tracing_subscriber::{EnvFilter, fmt};

use crate::config::LogFormat;

/// Installs the global subscriber. `RUST_LOG` overrides the default level (`info`). Keep the
/// returned guard alive until the process ends: dropping it flushes the buffered lines.
pub fn init(format: LogFormat) -> WorkerGuard {
    let (writer, guard) = NonBlockingBuilder::default()
        .lossy(false)
        .buffered_lines_limit(8 * 1024)
        .thread_name("profilehub-log")
        .finish(std::io::stderr());
    let filter = EnvFilter::try_from_default_env()
        // The scheduler announces every tick and job at info: that is debug chatter here.
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,poem=info,tokio_cron_scheduler=warn"));
    let builder = fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(writer);
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
    };
    guard
}
