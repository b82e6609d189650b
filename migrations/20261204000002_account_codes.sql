-- Single-use codes mailed to users (password resets, email verifications), and the
-- outbox their mail waits in.

-- A code is `<id>.<secret>`: the id finds the row, only the SHA-256 of the secret is
-- stored. A code works once, until it expires, for at most a few wrong secrets, and a
-- newer code of the same purpose cancels the older ones.
CREATE TABLE account_codes (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose      TEXT NOT NULL CHECK (purpose IN ('password_reset', 'email_verification')),
    secret_hash  TEXT NOT NULL,
    email        TEXT NOT NULL,              -- the address the code was sent to
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    attempts     BIGINT NOT NULL DEFAULT 0,  -- wrong secrets presented for this id
    used_at      BIGINT,
    cancelled_at BIGINT
);
CREATE INDEX account_codes_user ON account_codes (user_id, purpose, created_at);

-- Mail to send, written in the same transaction as what it announces (a code is never
-- issued without its mail, nor mailed without being issued). A sender claims due rows
-- with a lease, so several instances never send one twice at once; the body, which may
-- carry a code, is emptied once sent.
CREATE TABLE mail_outbox (
    id               TEXT PRIMARY KEY,
    to_address       TEXT NOT NULL,
    subject          TEXT NOT NULL,
    body             TEXT NOT NULL,
    created_at       BIGINT NOT NULL,
    attempts         BIGINT NOT NULL DEFAULT 0,
    next_attempt_at  BIGINT NOT NULL,
    lease_owner      TEXT,
    lease_expires_at BIGINT,
    sent_at          BIGINT,
    last_error       TEXT
);
CREATE INDEX mail_outbox_due ON mail_outbox (sent_at, next_attempt_at);
