-- Accounts, sessions and rotating refresh tokens.
-- Portable between SQLite and PostgreSQL (sqlx `Any`): only TEXT and BIGINT columns;
-- booleans are BIGINT 0/1, timestamps BIGINT epoch milliseconds, ids UUID strings.

CREATE TABLE users (
    id                    TEXT PRIMARY KEY,
    username              TEXT NOT NULL,
    email                 TEXT NOT NULL,
    password_hash         TEXT NOT NULL,
    name                  TEXT,
    bio                   TEXT,
    picture_url           TEXT,
    banner_url            TEXT,
    website_url           TEXT,
    location              TEXT,
    date_of_birth         TEXT,   -- ISO 8601 date, YYYY-MM-DD
    phone_number          TEXT,
    skills                TEXT NOT NULL DEFAULT '[]',   -- JSON array of strings
    social_twitter        TEXT,
    social_linkedin       TEXT,
    social_instagram      TEXT,
    social_github         TEXT,
    email_visible         BIGINT NOT NULL DEFAULT 0 CHECK (email_visible IN (0, 1)),
    date_of_birth_visible BIGINT NOT NULL DEFAULT 0 CHECK (date_of_birth_visible IN (0, 1)),
    phone_number_visible  BIGINT NOT NULL DEFAULT 0 CHECK (phone_number_visible IN (0, 1)),
    role                  TEXT NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin')),
    enabled               BIGINT NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    email_verified        BIGINT NOT NULL DEFAULT 0 CHECK (email_verified IN (0, 1)),
    referrer_id           TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at            BIGINT NOT NULL,
    updated_at            BIGINT NOT NULL
);

-- Usernames and emails are unique case-insensitively; lookups use the same expressions.
CREATE UNIQUE INDEX users_username_lower ON users (lower(username));
CREATE UNIQUE INDEX users_email_lower ON users (lower(email));
CREATE INDEX users_referrer ON users (referrer_id);

-- One row per login. Revoking a session kills its access tokens (checked on every request)
-- and its refresh tokens.
CREATE TABLE sessions (
    id             TEXT PRIMARY KEY,
    user_id        TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at     BIGINT NOT NULL,
    revoked_at     BIGINT,
    revoked_reason TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Every refresh token ever issued for a live session, by SHA-256 hash only. A token is
-- single-use: `used_at` is set when it is exchanged, and presenting it again revokes the
-- session (reuse means it was stolen).
CREATE TABLE refresh_tokens (
    token_hash TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    issued_at  BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
);
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);
