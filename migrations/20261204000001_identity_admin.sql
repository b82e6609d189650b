-- Identity administration (Keycloak's vocabulary): custom attributes, required actions,
-- the last login; what an administrator sees of sessions; and the audit log.

-- Custom attributes, a JSON map of name → array of strings (bounded by the service: ≤ 50
-- names, ≤ 10 values each). `user_attributes` below indexes the same values for search;
-- both are written together.
ALTER TABLE users ADD COLUMN attributes TEXT NOT NULL DEFAULT '{}';
-- A JSON array of required actions (VERIFY_EMAIL, UPDATE_PASSWORD, UPDATE_PROFILE,
-- TERMS_AND_CONDITIONS), each once, in that order.
ALTER TABLE users ADD COLUMN required_actions TEXT NOT NULL DEFAULT '[]';
ALTER TABLE users ADD COLUMN last_login_at BIGINT;
CREATE INDEX users_created ON users (created_at, id);

-- The attribute values of `users.attributes`, a row per value, so that `attr=name:value`
-- is an indexed lookup on both engines.
CREATE TABLE user_attributes (
    user_id  TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name     TEXT NOT NULL,
    position BIGINT NOT NULL,
    value    TEXT NOT NULL,
    PRIMARY KEY (user_id, name, position)
);
CREATE INDEX user_attributes_value ON user_attributes (name, value, user_id);

-- Where a session was opened from, and when it was last used to refresh its tokens.
ALTER TABLE sessions ADD COLUMN client_ip TEXT;
ALTER TABLE sessions ADD COLUMN user_agent TEXT;
ALTER TABLE sessions ADD COLUMN last_used_at BIGINT;

-- Every administrative action: who (NULL for the command line), what, to whom, which
-- fields changed (never a secret), when, and the request it came with.
CREATE TABLE audit_log (
    id          TEXT PRIMARY KEY,
    at          BIGINT NOT NULL,
    actor_id    TEXT,
    actor_name  TEXT NOT NULL,
    action      TEXT NOT NULL,
    target_id   TEXT,
    target_name TEXT,
    changes     TEXT NOT NULL DEFAULT '{}',
    request_id  TEXT
);
CREATE INDEX audit_log_at ON audit_log (at, id);
CREATE INDEX audit_log_actor ON audit_log (actor_id, at, id);
CREATE INDEX audit_log_target ON audit_log (target_id, at, id);
