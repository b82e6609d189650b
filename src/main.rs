//! The `profilehub` binary: tune the allocator, read `.env`, parse the command line, start
//! logging, run.

use std::process::ExitCode;

use profilehub::config::Cli;

fn main() -> ExitCode {
    // Before any thread exists, so that every thread's allocations follow it.
    profilehub::security::passwords::tune_the_allocator();
    // `.env` first, so that its variables are defaults for the flags (as `.env.example` says).
    if let Err(err) = profilehub::config::load_dotenv() {
        eprintln!("profilehub: {err}");
        return ExitCode::FAILURE;
    }
    let cli = Cli::parse_focused();
    let _log_writer = profilehub::telemetry::init(cli.config.log_format);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            tracing::error!(error = %err, "cannot start the async runtime");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(profilehub::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            tracing::error!(error = %err, "profilehub failed");
            ExitCode::FAILURE
        }
    }
}
