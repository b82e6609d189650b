//! All SQL lives here; one submodule per table family.
//!
//! One code path serves SQLite (the embedded default) and PostgreSQL (production, several
//! instances sharing a database) through sqlx's `Any` driver. We chose `Any` over generic code
//! on two concrete drivers because the service's queries are plain SQL both engines speak,
//! and a single store is half the code to keep correct. The price, paid here and nowhere else:
//! - columns are TEXT, BIGINT or DOUBLE PRECISION only: booleans are `BIGINT` 0/1 and
//!   timestamps are BIGINT epoch milliseconds (`Any` cannot decode SQLite BOOLEAN/DATE, sqlx
//!   #2778);
//! - placeholders are `$1…$N`;
//! - SQLite pragmas (WAL, busy timeout, foreign keys) are set per connection in
//!   `after_connect`, and writers that read first open `BEGIN IMMEDIATE` on SQLite
//!   ([`Store::begin_write`]) so they queue on the busy timeout instead of failing with
//!   "database is locked".
//!
//! Row types (what the database stores) are separate from domain types: rows are decoded
//! at this edge, and a value that does not decode (an unknown status, a malformed id) is an
//! error, never a silent default.
//!
//! Every write that changes what is cached about a user (their public profile and its
//! listings, their sessions, their unread count) commits through
//! [`Store::commit_announcing`]: it reports the users it touched inside its transaction,
//! then to the local [`ProfileChangeSink`] after the commit, so caches stay correct without
//! any caller having to remember: on PostgreSQL the announcement is a `NOTIFY` on [`PROFILE_CHANNEL`],
//! delivered to every instance exactly when the transaction commits.

pub mod admin;
pub mod boards;
pub mod lists;
pub mod mail;
pub mod notifications;
pub mod ratings;
pub mod sessions;
pub mod social;
pub mod throttle;
pub mod users;

use std::{sync::Arc, time::Duration};

use sqlx::{
    Any, AnyPool, Transaction,
    any::{AnyConnectOptions, AnyPoolOptions},
};

use crate::domain::{UserId, ratings::Weights};

/// The PostgreSQL `NOTIFY` channel on which profile changes are announced; the payload is a
/// comma-separated list of user ids, then (from a process with a cache) `from:<origin>`,
/// which a listener that does not know it skips like any other non-id.
pub const PROFILE_CHANNEL: &str = "profilehub_profiles";

/// What precedes the origin in an announcement's payload.
pub const ORIGIN_PREFIX: &str = "from:";

/// The payload announcing that every board was rebuilt (no user id in it: listeners drop
/// their board reads, which every announcement ends).
pub const BOARDS_REBUILT: &str = "boards";

/// Told, right after a write committed, which users' public profiles it changed.
pub trait ProfileChangeSink: Send + Sync {
    /// `ids` changed (called before the write's caller gets its result).
    fn profiles_changed(&self, ids: &[UserId]);

    /// The origin this process's announcements carry, so that its own listener, which
    /// heard of them already through [`ProfileChangeSink::profiles_changed`], can skip
    /// them; `None` for a process that listens to nothing.
    fn origin(&self) -> Option<&str> {
        None
    }
}

/// A sink for stores that feed no cache (migrations, tools).
struct Unobserved;

impl ProfileChangeSink for Unobserved {
    fn profiles_changed(&self, _ids: &[UserId]) {}
}

/// Which engine a [`Store`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// Embedded SQLite file.
    Sqlite,
    /// PostgreSQL server.
    Postgres,
}

impl Backend {
    /// The engine behind `tx`.
    pub(crate) fn of(tx: &Transaction<'static, Any>) -> Self {
        // Anything but SQLite keeps `$n` placeholders, which every engine here takes.
        match tx.backend_name() {
            "SQLite" => Self::Sqlite,
            _ => Self::Postgres,
        }
    }
}

/// Connection settings for [`Store::connect`].
#[derive(Debug, Clone)]
pub struct StoreOptions {
    /// `sqlite://…` or `postgres://…`.
    pub url: String,
    /// Pool size.
    pub max_connections: u32,
    /// How long to wait for a pooled connection before giving up (→ 503).
    pub acquire_timeout: Duration,
}

/// Failure to open the database at start-up.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The URL names neither SQLite nor PostgreSQL.
    #[error("unsupported DATABASE_URL scheme in `{0}`: use sqlite://FILE or postgres://…")]
    UnsupportedUrl(String),
    /// The database could not be reached or opened.
    #[error("cannot open the database: {0}")]
    Connect(#[source] sqlx::Error),
    /// A migration failed.
    #[error("database migration failed: {0}")]
    Migrate(#[source] sqlx::migrate::MigrateError),
}

/// The service's storage: a connection pool, the engine it talks to, and who to tell about
/// profile changes.
#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    changes: Arc<dyn ProfileChangeSink>,
    /// The aggregate rating's weights, for the boards kept in step with ratings.
    weights: Weights,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("backend", &self.backend)
            .finish_non_exhaustive()
    }
}

/// Milliseconds since the Unix epoch: the one timestamp representation in the database.
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

impl Store {
    /// Opens (and for SQLite creates) the database. Does not migrate.
    pub async fn connect(options: &StoreOptions) -> Result<Self, OpenError> {
        sqlx::any::install_default_drivers();
        let (backend, url) = normalize_url(&options.url)?;
        if backend == Backend::Sqlite
            && let Some(file) = sqlite_file(&options.url)
        {
            create_private(&file).map_err(|e| OpenError::Connect(sqlx::Error::Io(e)))?;
        }
        let connect_options: AnyConnectOptions = url.parse().map_err(OpenError::Connect)?;
        let pool = AnyPoolOptions::new()
            .max_connections(options.max_connections.max(1))
            .acquire_timeout(options.acquire_timeout)
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets readers proceed during a write; the busy timeout makes
                        // concurrent writers wait their turn instead of failing.
                        // A 1 MiB page cache per connection (SQLite's default is 2 MiB):
                        // the operating system caches the file for all of them anyway.
                        sqlx::raw_sql(
                            "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 10000; \
                             PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; \
                             PRAGMA cache_size = -1024;",
                        )
                        .execute(&mut *conn)
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(connect_options)
            .await
            .map_err(OpenError::Connect)?;
        Ok(Self {
            pool,
            backend,
            changes: Arc::new(Unobserved),
            weights: Weights::default(),
        })
    }

    /// The same store, keeping the aggregate board with `weights`.
    pub fn with_rating_weights(self, weights: Weights) -> Self {
        Self { weights, ..self }
    }

    /// Inside a write transaction: brings the leaderboard entries of `ids` in line with
    /// their ratings and accounts (see [`boards`]).
    pub(crate) async fn sync_boards(
        &self,
        tx: &mut Transaction<'static, Any>,
        ids: &[UserId],
    ) -> Result<(), sqlx::Error> {
        boards::sync_boards(tx, self.backend, &self.weights, ids).await
    }

    /// The same store, reporting profile changes to `sink`.
    pub fn observed_by(self, sink: Arc<dyn ProfileChangeSink>) -> Self {
        Self {
            changes: sink,
            ..self
        }
    }

    /// Inside a write transaction: announces to every instance sharing the database that the
    /// profiles of `ids` change when `tx` commits (PostgreSQL `NOTIFY`; nothing on SQLite,
    /// which serves a single process).
    async fn announce_profile_changes(
        &self,
        tx: &mut Transaction<'static, Any>,
        ids: &[UserId],
    ) -> Result<(), sqlx::Error> {
        if self.backend != Backend::Postgres {
            return Ok(());
        }
        // NOTIFY payloads are limited to 8000 bytes: 200 ids of 37 bytes each and the
        // origin fit.
        let origin = self
            .changes
            .origin()
            .map(|origin| format!("{ORIGIN_PREFIX}{origin}"));
        for chunk in ids.chunks(200) {
            let payload = chunk
                .iter()
                .map(ToString::to_string)
                .chain(origin.clone())
                .collect::<Vec<_>>()
                .join(",");
            announce(tx, &payload).await?;
        }
        Ok(())
    }

    /// Commits `tx`, a write that changed what is cached about `ids` (nothing when empty):
    /// announces them to every instance inside it, then to this process after the commit.
    pub(crate) async fn commit_announcing(
        &self,
        mut tx: Transaction<'static, Any>,
        ids: &[UserId],
    ) -> Result<(), sqlx::Error> {
        self.announce_profile_changes(&mut tx, ids).await?;
        tx.commit().await?;
        self.profiles_changed(ids);
        Ok(())
    }

    /// After a commit: tells this process's sink which profiles changed.
    fn profiles_changed(&self, ids: &[UserId]) {
        if !ids.is_empty() {
            self.changes.profiles_changed(ids);
        }
    }

    /// Applies pending migrations from `migrations/`.
    pub async fn migrate(&self) -> Result<(), OpenError> {
        sqlx::migrate!("./migrations")
            .run(&self.pool)
            .await
            .map_err(OpenError::Migrate)
    }

    /// The engine behind this store.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The connection pool, for the store submodules.
    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Starts a transaction that will write. On SQLite this takes the write lock up front
    /// (`BEGIN IMMEDIATE`) so that it waits on the busy timeout rather than failing when it
    /// later upgrades from reading to writing.
    pub async fn begin_write(&self) -> Result<Transaction<'static, Any>, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        }
    }

    /// Whether the schema is the one this build expects: every migration it carries has
    /// been applied. An empty database (re-created after a loss) is answered `false`, or
    /// fails with "no such table", which callers treat as unavailable.
    pub async fn schema_is_current(&self) -> Result<bool, sqlx::Error> {
        let expected = sqlx::migrate!("./migrations")
            .iter()
            .map(|m| m.version)
            .max()
            .unwrap_or(0);
        let applied: Option<i64> =
            sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success")
                .fetch_one(&self.pool)
                .await?;
        Ok(applied.unwrap_or(0) >= expected)
    }

    /// Closes every connection; later queries fail with `PoolClosed` (→ 503).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Creates a missing SQLite database file readable only by its owner. SQLite gives the
/// `-wal` and `-shm` files it creates beside it the same permissions.
fn create_private(file: &std::path::Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(file) {
        Ok(_) => Ok(()),
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(err) => Err(err),
    }
}

/// Detects the engine and makes a SQLite URL create its file when missing.
fn normalize_url(url: &str) -> Result<(Backend, String), OpenError> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok((Backend::Postgres, url.to_string()))
    } else if url.starts_with("sqlite:") {
        let url = if url.contains("mode=") || url.contains(":memory:") {
            url.to_string()
        } else if url.contains('?') {
            format!("{url}&mode=rwc")
        } else {
            format!("{url}?mode=rwc")
        };
        Ok((Backend::Sqlite, url))
    } else {
        Err(OpenError::UnsupportedUrl(redact_url(url)))
    }
}

/// The engine a database URL names.
pub fn backend_of(url: &str) -> Result<Backend, OpenError> {
    normalize_url(url).map(|(backend, _)| backend)
}

/// The file behind a `sqlite:` URL, if it names one.
pub fn sqlite_file(url: &str) -> Option<std::path::PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty() && !path.contains(":memory:")).then(|| path.into())
}

/// The URL without its password, for messages and logs.
pub fn redact_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        _ => url.to_string(),
    }
}

/// True when `err` is a unique-constraint violation (SQLite fills no constraint names, so
/// callers find out *which* value collided by asking again).
pub fn is_unique_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(db) if db.is_unique_violation())
}

/// The keyset condition "after this row" of a list sorted newest first on `columns` (the
/// time, then the tie-breakers): a row-value comparison, which both engines turn into a
/// range of the list's index, so a deep page costs what the first one does. Empty for the
/// first page; otherwise its placeholders are `$first…`, bound in `columns`' order.
pub(crate) fn after_row(columns: &[&str], after: bool, first: usize) -> String {
    if !after {
        return String::new();
    }
    format!(
        " AND ({}) < ({})",
        columns.join(", "),
        placeholders(first, columns.len())
    )
}

/// Inside a PostgreSQL write transaction: sends `payload` on [`PROFILE_CHANNEL`] to every
/// instance when `tx` commits.
async fn announce(tx: &mut Transaction<'static, Any>, payload: &str) -> Result<(), sqlx::Error> {
    sqlx::query("SELECT pg_notify($1, $2)")
        .bind(PROFILE_CHANNEL)
        .bind(payload)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// `sql`, whose placeholders are `$1`, `$2`, … each once and in that order, as `backend`
/// takes it fastest. SQLite looks a numbered placeholder up by name in a list, once as it
/// parses the statement and again (through sqlx) as it binds each value, which is
/// quadratic in their number: a statement with hundreds spent most of a refresh there.
/// Plain `?`s are numbered as they come and need no lookup. PostgreSQL keeps `$n`.
pub(crate) fn in_order_placeholders(backend: Backend, sql: String) -> String {
    if backend != Backend::Sqlite {
        return sql;
    }
    let mut out = String::with_capacity(sql.len());
    let mut expected = 1_usize;
    let mut rest = sql.as_str();
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let digits = rest[at + 1..]
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count();
        let number: Option<usize> = rest[at + 1..at + 1 + digits].parse().ok();
        debug_assert_eq!(number, Some(expected), "placeholders out of order in {sql}");
        if number != Some(expected) {
            return sql;
        }
        out.push('?');
        expected += 1;
        rest = &rest[at + 1 + digits..];
    }
    out.push_str(rest);
    out
}

/// `(VALUES ($f, $f+1, …), …)` for `rows` rows of `width` parameters numbered from `first`.
pub(crate) fn values_rows(rows: usize, width: usize, first: usize) -> String {
    format!("(VALUES {})", row_placeholders(rows, width, first))
}

/// `($f, $f+1, …), …`: `rows` parenthesised rows of `width` parameters numbered from
/// `first` (for a multi-row `INSERT … VALUES`).
pub(crate) fn row_placeholders(rows: usize, width: usize, first: usize) -> String {
    (0..rows)
        .map(|row| format!("({})", placeholders(first + row * width, width)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `count` placeholders from `$first`, comma-separated (`$2, $3, $4`): for `IN (…)` lists
/// and row values. Only placeholders are ever spliced into SQL, never values.
pub(crate) fn placeholders(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// True when `err` is a foreign-key violation (the row referred to is gone).
pub fn is_foreign_key_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(db) if db.is_foreign_key_violation())
}

/// Converts a 0/1 flag column.
pub(crate) fn flag(value: i64) -> bool {
    value != 0
}

/// A column value that did not decode into its domain type.
pub(crate) fn undecodable(column: &str, problem: impl std::fmt::Display) -> sqlx::Error {
    sqlx::Error::Decode(format!("column `{column}`: {problem}").into())
}

/// A stored UUID.
pub(crate) fn decode_id(column: &str, value: &str) -> Result<UserId, sqlx::Error> {
    uuid::Uuid::parse_str(value).map_err(|e| undecodable(column, format!("`{value}`: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_order_placeholders_become_plain_question_marks_on_sqlite_only() {
        let sql = "INSERT INTO t VALUES ($1, $2), ($3, CASE WHEN $4 = 1 THEN $5 END)";
        assert_eq!(
            in_order_placeholders(Backend::Sqlite, sql.into()),
            "INSERT INTO t VALUES (?, ?), (?, CASE WHEN ? = 1 THEN ? END)"
        );
        assert_eq!(in_order_placeholders(Backend::Postgres, sql.into()), sql);
        let numbered: String = (1..=12).map(|n| format!("${n},")).collect();
        assert_eq!(
            in_order_placeholders(Backend::Sqlite, numbered),
            "?,".repeat(12),
            "two-digit numbers"
        );
    }

    #[test]
    fn sqlite_urls_create_their_file() {
        let (backend, url) = normalize_url("sqlite://profilehub.db").unwrap();
        assert_eq!(backend, Backend::Sqlite);
        assert_eq!(url, "sqlite://profilehub.db?mode=rwc");
        assert_eq!(
            sqlite_file("sqlite://data/p.db?mode=rwc"),
            Some("data/p.db".into())
        );
        assert_eq!(sqlite_file("sqlite::memory:"), None);
    }

    #[test]
    fn unknown_schemes_are_refused_without_leaking_passwords() {
        let err = normalize_url("mysql://u:pw@host/db").unwrap_err();
        assert!(!err.to_string().contains("pw@"));
    }
}
