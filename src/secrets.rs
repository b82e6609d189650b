//! The JWT secret: configured (and long enough), or — on a SQLite file — generated once and
//! kept in `<database file>.jwt-secret`, readable only by its owner, so restarts keep
//! sessions valid. With PostgreSQL every instance must sign with the same secret, so it
//! must be configured.

use std::path::Path;

use crate::{
    StartupError,
    config::{Config, Secret},
    security::{self, tokens::MIN_SECRET_LEN},
    services::{Backend, backend_of, sqlite_file},
};

/// The secret to sign access tokens with (see the module docs). Touches no database.
pub fn jwt_secret(config: &Config) -> Result<Secret, StartupError> {
    if let Some(secret) = &config.jwt_secret {
        if secret.expose().len() < MIN_SECRET_LEN {
            return Err(StartupError::Config(format!(
                "PROFILEHUB_JWT_SECRET must be at least {MIN_SECRET_LEN} bytes long (got {})",
                secret.expose().len()
            )));
        }
        return Ok(secret.clone());
    }
    let backend = backend_of(&config.database_url)?;
    let file = match (backend, sqlite_file(&config.database_url)) {
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
        if existing.len() >= MIN_SECRET_LEN {
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
