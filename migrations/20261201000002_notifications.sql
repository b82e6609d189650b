-- The in-app notification inbox: one row per event, for its recipient.
CREATE TABLE notifications (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    type       TEXT NOT NULL
               CHECK (type IN ('new_follower', 'referral_joined', 'rating_changed', 'handle_not_found')),
    -- The user who caused it, if any (gone users leave it NULL).
    actor_id   TEXT REFERENCES users (id) ON DELETE SET NULL,
    data       TEXT NOT NULL DEFAULT '{}',   -- JSON, shaped by `type`
    -- Events that must not repeat (a re-follow) carry a key unique per recipient.
    dedupe_key TEXT,
    created_at BIGINT NOT NULL,
    read_at    BIGINT
);
-- Keyset pages, newest first; unread counts; dedupe.
CREATE INDEX notifications_inbox ON notifications (user_id, created_at, id);
CREATE INDEX notifications_unread ON notifications (user_id, read_at);
CREATE UNIQUE INDEX notifications_dedupe ON notifications (user_id, dedupe_key);

-- Referral codes: shareable, unguessable, not the username. Filled for existing accounts
-- at start-up (random codes cannot be made portably in SQL).
ALTER TABLE users ADD COLUMN referral_code TEXT;
CREATE UNIQUE INDEX users_referral_code ON users (referral_code);
