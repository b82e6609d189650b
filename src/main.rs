//! The `profilehub` binary: parse the command line, start logging, run.

use std::process::ExitCode;

use clap::Parser;
use profilehub::config::Cli;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let _log_writer = profilehub::telemetry::init(cli.config.log_format);
    match profilehub::run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            tracing::error!(error = %err, "profilehub failed");
            ExitCode::FAILURE
        }
    }
}
