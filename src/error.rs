//! The one error model of the service.
//!
//! Every non-2xx response carries the same JSON body, [`ErrorBody`]: a stable machine code
//! from [`ErrorCode`], a human message and, for validation problems, a map from field name to
//! its problems. Handlers, extractors, middleware and the framework's own rejections all end
//! up here, so a client needs one decoder and one `switch` over `code`.
//!
//! Design decisions:
//! - The HTTP status is derived from the code ([`ErrorCode::status`]), never chosen twice.
//! - Internal causes (SQL errors, I/O) are logged with the request and never sent to clients:
//!   the wire only sees the code and a safe message.
//! - Which codes an operation can return is part of its type: handlers return
//!   [`Errors<C>`] where `C` is a bit set of codes (`{ ALWAYS | AUTH | codes(&[..]) }`), so
//!   the OpenAPI document lists, per operation, one response per status naming exactly
//!   those codes.

use std::collections::BTreeMap;

use poem::{IntoResponse, Response, http::StatusCode};
use poem_openapi::{
    ApiResponse, Enum, Object,
    registry::{MetaHeader, MetaMediaType, MetaResponse, MetaResponses, Registry},
    types::{ToJSON, Type},
};

/// Declares the error codes and [`ErrorCode::ALL`] from one list, so the two cannot drift.
macro_rules! error_codes {
    ($($(#[$doc:meta])* $code:ident,)*) => {
        /// Stable, machine-readable error codes. Clients switch on these; never rename one.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
        #[oai(rename_all = "SCREAMING_SNAKE_CASE")]
        pub enum ErrorCode {
            $($(#[$doc])* $code,)*
        }

        impl ErrorCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$code),*];
        }
    };
}

error_codes! {
    /// Malformed JSON, query or path parameters.
    BadRequest,
    /// A mailed code that is wrong, used, expired or replaced by a newer one.
    InvalidCode,
    /// `fields` names a field that a profile projection does not have.
    UnknownProfileField,
    /// A page cursor that this service did not issue for this list (edited, truncated,
    /// from another list, or from an older version): start again without one.
    InvalidCursor,
    /// Missing, malformed, wrongly signed or revoked credentials.
    GenericUnauthorized,
    /// The access token has expired: refresh it.
    SessionTokenExpired,
    /// Wrong login or password (the two are indistinguishable on purpose).
    InvalidCredentials,
    /// A refresh token was presented twice; the whole session is now revoked.
    RefreshTokenReused,
    /// The refresh token has expired: log in again.
    RefreshTokenExpired,
    /// The account exists but an administrator disabled it.
    AccountDisabled,
    /// Authenticated, but not allowed to do this.
    Forbidden,
    /// The account has required actions pending (listed in `fields.requiredActions`):
    /// until they are done, only the operations that complete them (and `me`, logout) work.
    RequiredAction,
    /// No route matches the path.
    NotFound,
    /// No user has that id or username.
    UserNotFound,
    /// The caller has no notification with that id.
    NotificationNotFound,
    /// The user holds no rating on that leaderboard.
    NotRanked,
    /// The user has no session with that id (or it has ended).
    SessionNotFound,
    /// The route exists but not with this HTTP method.
    MethodNotAllowed,
    /// Another account already uses this username (case-insensitively).
    UsernameTaken,
    /// Another account already uses this email address (case-insensitively).
    EmailTaken,
    /// The list already holds the most items allowed; remove one first.
    ListFull,
    /// The change would leave no enabled administrator; promote another one first.
    LastAdmin,
    /// The request body is larger than the service accepts.
    PayloadTooLarge,
    /// The request body is not `application/json`.
    UnsupportedMediaType,
    /// The body is well-formed JSON but its content is invalid; see `fields`.
    ValidationFailed,
    /// A path parameter that must be a UUID is not one.
    MalformedId,
    /// `referrerHandle` does not name an existing user.
    ReferrerNotFound,
    /// A user cannot follow themselves.
    CannotFollowSelf,
    /// Too many requests; retry after the `Retry-After` header's delay.
    RateLimited,
    /// An unexpected server-side failure (logged with details on the server).
    InternalError,
    /// The database (or another dependency) is unreachable; retry later.
    ServiceUnavailable,
}

impl ErrorCode {
    /// The HTTP status this code is always sent with.
    pub const fn status(self) -> StatusCode {
        use ErrorCode::*;
        match self {
            BadRequest | UnknownProfileField | InvalidCursor | InvalidCode => {
                StatusCode::BAD_REQUEST
            }
            GenericUnauthorized | SessionTokenExpired | InvalidCredentials | RefreshTokenReused
            | RefreshTokenExpired => StatusCode::UNAUTHORIZED,
            AccountDisabled | Forbidden | RequiredAction => StatusCode::FORBIDDEN,
            NotFound | UserNotFound | NotificationNotFound | NotRanked | SessionNotFound => {
                StatusCode::NOT_FOUND
            }
            MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            UsernameTaken | EmailTaken | ListFull | LastAdmin => StatusCode::CONFLICT,
            PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ValidationFailed | MalformedId | ReferrerNotFound | CannotFollowSelf => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            RateLimited => StatusCode::TOO_MANY_REQUESTS,
            InternalError => StatusCode::INTERNAL_SERVER_ERROR,
            ServiceUnavailable => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    /// The wire spelling, e.g. `USER_NOT_FOUND`.
    pub fn as_str(self) -> String {
        match self.to_json() {
            Some(serde_json::Value::String(s)) => s,
            _ => unreachable!("ErrorCode always serialises to a string"),
        }
    }
}

/// The body of every non-2xx response.
#[derive(Debug, Clone, PartialEq, Object)]
#[oai(rename_all = "camelCase")]
pub struct ErrorBody {
    /// Stable machine-readable code.
    pub code: ErrorCode,
    /// Human-readable explanation, safe to show to the user.
    pub message: String,
    /// Field name → its problems, for validation errors.
    #[oai(skip_serializing_if_is_none)]
    pub fields: Option<BTreeMap<String, Vec<String>>>,
}

/// An error on its way to the wire. Build one with the constructors; convert it with `?`.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// What went wrong, for the client.
    pub code: ErrorCode,
    /// Human message for the client.
    pub message: String,
    /// Per-field problems (validation).
    pub fields: Option<BTreeMap<String, Vec<String>>>,
    /// Seconds the client should wait (429/503), sent as `Retry-After`.
    pub retry_after_secs: Option<u64>,
    /// The internal cause, for the request log only (never sent).
    pub cause: Option<String>,
}

impl ApiError {
    /// An error with a code and a message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            fields: None,
            retry_after_secs: None,
            cause: None,
        }
    }

    /// 422 `VALIDATION_FAILED` with per-field problems.
    pub fn validation(fields: FieldErrors) -> Self {
        let mut summary = fields
            .problems
            .iter()
            .map(|(field, problems)| format!("{field}: {}", problems.join("; ")))
            .collect::<Vec<_>>()
            .join(", ");
        if fields.truncated {
            summary.push_str(&format!(
                "; checking stopped there: only the first {MAX_FIELDS} fields are listed"
            ));
        }
        Self {
            code: ErrorCode::ValidationFailed,
            message: format!("The request is invalid ({summary})."),
            fields: Some(fields.problems),
            retry_after_secs: None,
            cause: None,
        }
    }

    /// An unexpected failure (500). The real cause never reaches the client; the request
    /// log records it with the request it belongs to (see `api::logging`).
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        Self {
            cause: Some(cause.to_string()),
            ..Self::new(
                ErrorCode::InternalError,
                "An unexpected error occurred; it has been logged.",
            )
        }
    }

    /// 503 with a retry hint; the cause goes to the request log.
    pub fn unavailable(cause: impl std::fmt::Display) -> Self {
        Self {
            retry_after_secs: Some(5),
            cause: Some(cause.to_string()),
            ..Self::new(
                ErrorCode::ServiceUnavailable,
                "The service is temporarily unavailable; retry shortly.",
            )
        }
    }

    /// The same error under another code and message (e.g. a 409 or a specific 422 that
    /// still lists its fields). The status follows the new code.
    pub fn retitled(mut self, code: ErrorCode, message: impl Into<String>) -> Self {
        self.code = code;
        self.message = message.into();
        self
    }

    /// Adds a `Retry-After` delay in seconds.
    pub fn with_retry_after(mut self, secs: u64) -> Self {
        self.retry_after_secs = Some(secs);
        self
    }

    /// The wire body.
    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            code: self.code,
            message: self.message.clone(),
            fields: self.fields.clone(),
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.message)
    }
}

impl std::error::Error for ApiError {}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = poem::web::Json(self.body().to_json()).into_response();
        response.set_status(self.code.status());
        if let Some(secs) = self.retry_after_secs {
            response.headers_mut().insert(
                poem::http::header::RETRY_AFTER,
                poem::http::HeaderValue::from(secs),
            );
        }
        if let Some(cause) = self.cause {
            response
                .extensions_mut()
                .insert(crate::api::logging::ErrorCause(cause));
        }
        response
    }
}

impl From<ApiError> for poem::Error {
    fn from(err: ApiError) -> Self {
        // `from_response` marks the error as already rendered, so the catch-all error
        // handler in `api::errors` passes it through untouched.
        let message = err.to_string();
        let mut error = poem::Error::from_response(err.into_response());
        error.set_error_message(message);
        error
    }
}

/// A client-supplied value made safe to quote in a message or a log line: control
/// characters (a `%0a` decoded from a path) are escaped, and long values are cut to 60
/// characters, so an echo can neither forge a line nor inflate an answer.
pub fn quoted(value: &str) -> String {
    const MAX: usize = 60;
    let mut out: String = value
        .chars()
        .take(MAX)
        .flat_map(|c| {
            if c.is_control() {
                c.escape_default().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect();
    if value.chars().count() > MAX {
        out.push('…');
    }
    out
}

/// Most fields a validation error lists (the rest are summed up in its message).
pub const MAX_FIELDS: usize = 20;
/// Most problems listed for one field.
const MAX_PROBLEMS_PER_FIELD: usize = 5;

/// Accumulates per-field problems so that one response reports them all at once — up to
/// [`MAX_FIELDS`] fields of [`MAX_PROBLEMS_PER_FIELD`] problems each, so a hostile body
/// cannot make the answer larger than a few kilobytes.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct FieldErrors {
    problems: BTreeMap<String, Vec<String>>,
    truncated: bool,
}

impl FieldErrors {
    /// Records a problem with `field`.
    pub fn add(&mut self, field: impl Into<String>, problem: impl Into<String>) {
        let field = field.into();
        if !self.problems.contains_key(&field) && self.problems.len() >= MAX_FIELDS {
            self.truncated = true;
            return;
        }
        let problems = self.problems.entry(field).or_default();
        if problems.len() < MAX_PROBLEMS_PER_FIELD {
            problems.push(problem.into());
        } else {
            self.truncated = true;
        }
    }

    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }

    /// Files every problem of `other` under `prefix.<its field>`.
    pub fn absorb(&mut self, prefix: &str, other: FieldErrors) {
        self.truncated |= other.truncated;
        for (field, problems) in other.problems {
            for problem in problems {
                self.add(format!("{prefix}.{field}"), problem);
            }
        }
    }

    /// The fields with problems, in order.
    pub fn fields(&self) -> impl Iterator<Item = &str> {
        self.problems.keys().map(String::as_str)
    }

    /// True when no more problems are worth looking for (the list is full). A checker that
    /// stops because of it calls [`FieldErrors::stopped`].
    pub fn is_full(&self) -> bool {
        self.problems.len() >= MAX_FIELDS
    }

    /// Notes that checking stopped with something left unchecked.
    pub fn stopped(&mut self) {
        self.truncated = true;
    }

    /// `Ok(())` when empty, else the 422 error carrying every problem.
    pub fn into_result(self) -> Result<(), ApiError> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(ApiError::validation(self))
        }
    }

    /// Records the error of a fallible parse under `field`, returning the value if it parsed.
    pub fn check<T, E: std::fmt::Display>(
        &mut self,
        field: &str,
        result: Result<T, E>,
    ) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(err) => {
                self.add(field, err.to_string());
                None
            }
        }
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(err: sqlx::Error) -> Self {
        use sqlx::Error as E;
        match &err {
            // The pool could not hand out a connection in time, was shut down, or the
            // server dropped us: the database is unreachable, not our bug.
            E::PoolTimedOut | E::PoolClosed | E::Io(_) | E::Tls(_) | E::WorkerCrashed => {
                ApiError::unavailable(err)
            }
            E::Database(db) if is_unavailable_db_error(db.as_ref()) => ApiError::unavailable(err),
            _ => ApiError::internal(err),
        }
    }
}

/// Failures that mean "the database is not there (yet) or not usable right now", as
/// opposed to a bug: they answer 503 with `Retry-After`, never 500, and heal by themselves
/// once the database is back (the pool reconnects).
fn is_unavailable_db_error(err: &dyn sqlx::error::DatabaseError) -> bool {
    let code = err.code().unwrap_or_default();
    if code.len() == 5 {
        // PostgreSQL SQLSTATE: 08 connection exception, 28 invalid authorization,
        // 53 insufficient resources, 57P operator intervention (shutdown, cannot connect
        // now), 3D000 the database does not exist (dropped), 42P01 a table does not exist
        // (an empty, re-created database that was not migrated yet).
        return ["08", "28", "53", "57P"]
            .iter()
            .any(|class| code.starts_with(class))
            || code == "3D000"
            || code == "42P01";
    }
    // SQLite result codes (the low byte of an extended code): 5 BUSY, 6 LOCKED, 10 IOERR,
    // 13 FULL, 14 CANTOPEN; a missing table is a plain error (1) that says so.
    matches!(
        code.parse::<i32>().map(|c| c & 0xff),
        Ok(5 | 6 | 10 | 13 | 14)
    ) || err.message().starts_with("no such table")
}

#[cfg(test)]
mod database_errors {
    use super::*;

    #[derive(Debug)]
    struct Fake(&'static str, &'static str);

    impl std::fmt::Display for Fake {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.1)
        }
    }

    impl std::error::Error for Fake {}

    impl sqlx::error::DatabaseError for Fake {
        fn message(&self) -> &str {
            self.1
        }
        fn code(&self) -> Option<std::borrow::Cow<'_, str>> {
            Some(self.0.into())
        }
        fn as_error(&self) -> &(dyn std::error::Error + Send + Sync + 'static) {
            self
        }
        fn as_error_mut(&mut self) -> &mut (dyn std::error::Error + Send + Sync + 'static) {
            self
        }
        fn into_error(self: Box<Self>) -> Box<dyn std::error::Error + Send + Sync + 'static> {
            self
        }
        fn kind(&self) -> sqlx::error::ErrorKind {
            sqlx::error::ErrorKind::Other
        }
    }

    #[test]
    fn a_lost_or_unready_database_is_unavailable_and_a_bug_is_not() {
        for (code, message) in [
            ("3D000", "database \"x\" does not exist"),
            ("28P01", "password authentication failed"),
            ("53300", "too many connections"),
            (
                "57P01",
                "terminating connection due to administrator command",
            ),
            ("08006", "connection failure"),
            ("42P01", "relation \"users\" does not exist"),
            ("5", "database is locked"),
            ("1", "no such table: users"),
        ] {
            assert!(
                is_unavailable_db_error(&Fake(code, message)),
                "{code} {message}"
            );
        }
        for (code, message) in [
            ("23505", "duplicate key"),
            ("42601", "syntax error"),
            ("1", "near \"SELEC\": syntax error"),
            ("2067", "UNIQUE constraint failed"),
        ] {
            assert!(
                !is_unavailable_db_error(&Fake(code, message)),
                "{code} {message}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// Per-operation error responses
// ---------------------------------------------------------------------------------------

impl ErrorCode {
    /// This code's bit in an operation's code set ([`Errors`]).
    pub const fn bit(self) -> u64 {
        1 << self as u32
    }

    /// A message like the ones the service sends with this code, for the document's examples.
    pub const fn example_message(self) -> &'static str {
        use ErrorCode::*;
        match self {
            BadRequest => {
                "Invalid query parameter `platform`: expected codechef, leetcode, codeforces or atcoder."
            }
            UnknownProfileField => "Unknown profile field `favouriteColour`.",
            InvalidCursor => "This cursor was not issued for this list; start again without one.",
            InvalidCode => "The code is wrong, used, expired or replaced by a newer one.",
            GenericUnauthorized => "Missing or invalid access token.",
            SessionTokenExpired => "The access token has expired; refresh it.",
            InvalidCredentials => "Wrong login or password.",
            RefreshTokenReused => "This refresh token was already used; the session is revoked.",
            RefreshTokenExpired => "The refresh token has expired; log in again.",
            AccountDisabled => "This account is disabled.",
            Forbidden => "You are not allowed to do this.",
            RequiredAction => "Complete your pending required actions first: UPDATE_PASSWORD.",
            NotFound => "No route for GET /v1/nothing.",
            UserNotFound => "No such user.",
            NotificationNotFound => "You have no notification with this id.",
            NotRanked => "ada holds no rating on the codeforces board.",
            SessionNotFound => "ada has no live session with this id.",
            MethodNotAllowed => "GET is not allowed here.",
            UsernameTaken => "That username is taken.",
            EmailTaken => "That email address is already registered.",
            ListFull => "The list `backlog` already holds 1000 items; remove one first.",
            LastAdmin => "ada is the last enabled administrator; promote another one first.",
            PayloadTooLarge => "The request body exceeds 65536 bytes.",
            UnsupportedMediaType => "The request body must be application/json.",
            ValidationFailed => "Invalid input: username: must be 3-32 characters.",
            MalformedId => "`userId` must be a UUID.",
            ReferrerNotFound => "No user is named `nobody`.",
            CannotFollowSelf => "You cannot follow yourself.",
            RateLimited => "Too many attempts; retry after 60 seconds.",
            InternalError => "Something went wrong on our side; it has been logged.",
            ServiceUnavailable => "The service is temporarily unavailable; retry shortly.",
        }
    }

    /// The code spelled `name` on the wire.
    pub fn from_wire(name: &str) -> Option<ErrorCode> {
        Self::ALL.iter().copied().find(|code| code.as_str() == name)
    }
}

/// The union of `codes`, as an [`Errors`] code set.
pub const fn codes(codes: &[ErrorCode]) -> u64 {
    let mut bits = 0;
    let mut i = 0;
    while i < codes.len() {
        bits |= codes[i].bit();
        i += 1;
    }
    bits
}

/// What any operation can meet: a bug (caught panics included) or a lost database.
pub const ALWAYS: u64 = codes(&[ErrorCode::InternalError, ErrorCode::ServiceUnavailable]);
/// What reading a bearer token can answer.
pub const AUTH: u64 = codes(&[
    ErrorCode::GenericUnauthorized,
    ErrorCode::SessionTokenExpired,
    ErrorCode::AccountDisabled,
    ErrorCode::RequiredAction,
]);
/// What reading a JSON body can answer.
pub const BODY: u64 = codes(&[
    ErrorCode::BadRequest,
    ErrorCode::PayloadTooLarge,
    ErrorCode::UnsupportedMediaType,
    ErrorCode::ValidationFailed,
]);

/// The headline of each status's documented response.
fn status_headline(status: u16) -> &'static str {
    match status {
        400 => "Malformed request",
        401 => "Not authenticated",
        403 => "Not allowed",
        404 => "Not found",
        405 => "Method not allowed",
        409 => "Conflict with the current state",
        413 => "The request body exceeds 64 KiB",
        415 => "The request body is not `application/json`",
        422 => "Well-formed but invalid input; `fields` says which and why",
        429 => "Too many requests; wait `Retry-After` seconds",
        500 => "Unexpected server failure; details are in the server log",
        503 => {
            "A dependency (the database, the password hasher) is unavailable; retry after `Retry-After` seconds"
        }
        _ => "Error",
    }
}

/// The codes of `set`, grouped by their status, statuses ascending.
pub fn codes_by_status(set: u64) -> BTreeMap<u16, Vec<ErrorCode>> {
    let mut grouped: BTreeMap<u16, Vec<ErrorCode>> = BTreeMap::new();
    for code in ErrorCode::ALL
        .iter()
        .copied()
        .filter(|c| set & c.bit() != 0)
    {
        grouped
            .entry(code.status().as_u16())
            .or_default()
            .push(code);
    }
    grouped
}

/// The description of a documented error response: its headline and exactly the codes it
/// carries, in backticks (the document's examples are taken from the first one).
fn response_description(status: u16, codes: &[ErrorCode]) -> &'static str {
    use std::{
        collections::HashMap,
        sync::{Mutex, OnceLock},
    };
    // poem-openapi wants `&'static str`; each distinct text is made (and kept) once.
    static TEXTS: OnceLock<Mutex<HashMap<String, &'static str>>> = OnceLock::new();
    let list: Vec<String> = codes.iter().map(|c| format!("`{}`", c.as_str())).collect();
    let text = format!("{}: {}.", status_headline(status), list.join(", "));
    let mut texts = TEXTS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    texts
        .entry(text.clone())
        .or_insert_with(|| Box::leak(text.into_boxed_str()))
}

/// The error half of an operation's result: an [`ApiError`] plus, in the type, the exact
/// set of codes the operation can answer with (`C`, a union of [`ErrorCode::bit`]s, usually
/// written with [`codes`], [`ALWAYS`], [`AUTH`] and [`BODY`]). The document lists one
/// response per status of those codes, naming the codes.
#[derive(Debug)]
pub struct Errors<const C: u64>(pub ApiError);

impl<const C: u64> From<ApiError> for Errors<C> {
    fn from(err: ApiError) -> Self {
        if C & err.code.bit() == 0 {
            // The response will still be correct JSON; the document is what is wrong.
            tracing::error!(code = %err.code.as_str(), "operation returned an undocumented error code");
        }
        Self(err)
    }
}

impl<const C: u64> From<sqlx::Error> for Errors<C> {
    fn from(err: sqlx::Error) -> Self {
        ApiError::from(err).into()
    }
}

impl<const C: u64> From<Errors<C>> for poem::Error {
    fn from(err: Errors<C>) -> Self {
        err.0.into()
    }
}

impl<const C: u64> IntoResponse for Errors<C> {
    fn into_response(self) -> Response {
        self.0.into_response()
    }
}

impl<const C: u64> ApiResponse for Errors<C> {
    fn meta() -> MetaResponses {
        let responses = codes_by_status(C)
            .into_iter()
            .map(|(status, codes)| MetaResponse {
                description: response_description(status, &codes),
                status: Some(status),
                status_range: None,
                content: vec![MetaMediaType {
                    content_type: "application/json; charset=utf-8",
                    schema: ErrorBody::schema_ref(),
                }],
                headers: if matches!(status, 429 | 503) {
                    vec![MetaHeader {
                        name: "Retry-After".to_string(),
                        description: Some("Seconds to wait before retrying.".to_string()),
                        required: false,
                        deprecated: false,
                        schema: u64::schema_ref(),
                    }]
                } else {
                    vec![]
                },
            })
            .collect();
        MetaResponses { responses }
    }

    fn register(registry: &mut Registry) {
        ErrorBody::register(registry);
    }
}

/// Shorthand for a handler's return type.
pub type ApiResult<T, const C: u64> = Result<T, Errors<C>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_its_own_bit_and_reads_back_from_the_wire() {
        let mut seen = 0u64;
        for &code in ErrorCode::ALL {
            assert_eq!(seen & code.bit(), 0, "{code:?} shares a bit");
            seen |= code.bit();
            assert_eq!(ErrorCode::from_wire(&code.as_str()), Some(code));
            assert_ne!(status_headline(code.status().as_u16()), "Error", "{code:?}");
        }
    }

    #[test]
    fn the_list_of_all_codes_is_complete() {
        use poem_openapi::types::Type;
        let poem_openapi::registry::MetaSchemaRef::Reference(name) = ErrorCode::schema_ref() else {
            panic!("ErrorCode is a named schema");
        };
        let mut registry = Registry::new();
        ErrorCode::register(&mut registry);
        assert_eq!(
            registry.schemas[&name].enum_items.len(),
            ErrorCode::ALL.len()
        );
    }

    #[test]
    fn a_response_description_names_exactly_its_codes() {
        let set = codes(&[ErrorCode::InvalidCredentials]) | AUTH | ALWAYS;
        let grouped = codes_by_status(set);
        let unauthorized = response_description(401, &grouped[&401]);
        assert!(unauthorized.contains("`INVALID_CREDENTIALS`"));
        assert!(unauthorized.contains("`GENERIC_UNAUTHORIZED`"));
        assert!(!unauthorized.contains("REFRESH_TOKEN"), "{unauthorized}");
        assert_eq!(
            grouped.keys().copied().collect::<Vec<_>>(),
            [401, 403, 500, 503]
        );
    }

    #[test]
    fn codes_serialise_as_screaming_snake_case() {
        assert_eq!(ErrorCode::UserNotFound.as_str(), "USER_NOT_FOUND");
        assert_eq!(
            ErrorCode::SessionTokenExpired.as_str(),
            "SESSION_TOKEN_EXPIRED"
        );
    }

    #[test]
    fn echoed_values_cannot_break_a_line_or_grow_without_bound() {
        assert_eq!(quoted("a\nb\r\tc"), "a\\nb\\r\\tc");
        assert_eq!(quoted(&"x".repeat(100)).chars().count(), 61);
        assert_eq!(quoted("plain"), "plain");
    }

    #[test]
    fn validation_errors_stop_at_twenty_fields() {
        let mut fields = FieldErrors::default();
        for i in 0..1000 {
            fields.add(format!("skills[{i}]"), "must not be blank");
        }
        for _ in 0..1000 {
            fields.add("skills[0]", "again");
        }
        assert!(fields.is_full());
        let err = fields.into_result().unwrap_err();
        assert_eq!(err.fields.as_ref().unwrap().len(), MAX_FIELDS);
        assert!(err.fields.unwrap()["skills[0]"].len() <= 5);
        assert!(err.message.contains("only the first 20"), "{}", err.message);
        assert!(err.message.len() < 2000);
    }

    #[test]
    fn validation_errors_list_every_field() {
        let mut fields = FieldErrors::default();
        fields.add("bio", "too long");
        fields.add("websiteUrl", "must be http or https");
        let err = fields.into_result().unwrap_err();
        assert_eq!(err.code, ErrorCode::ValidationFailed);
        let body = err.body();
        assert_eq!(body.fields.unwrap().len(), 2);
        assert!(err.message.contains("bio: too long"));
    }
}
