-- Competitive-programming handles, their last fetched ratings, and rating history.
-- Ratings are stored exactly (DOUBLE PRECISION: LeetCode's are fractional); times are
-- epoch milliseconds.

CREATE TABLE rating_handles (
    user_id              TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    platform             TEXT NOT NULL
                         CHECK (platform IN ('codechef', 'leetcode', 'codeforces', 'atcoder')),
    handle               TEXT NOT NULL,
    -- pending: never fetched; ok / unrated / not_found: what the last fetch learnt;
    -- error: every fetch so far failed (a failure after a good fetch keeps the status).
    status               TEXT NOT NULL DEFAULT 'pending'
                         CHECK (status IN ('pending', 'ok', 'unrated', 'not_found', 'error')),
    rating               DOUBLE PRECISION,
    max_rating           DOUBLE PRECISION,
    attended_contests    BIGINT,
    badge                TEXT,
    fetch_time           BIGINT,   -- last successful fetch
    last_attempt_at      BIGINT,
    last_error           TEXT,
    consecutive_failures BIGINT NOT NULL DEFAULT 0,
    next_attempt_at      BIGINT,   -- backoff after a failure
    queued_at            BIGINT,   -- an immediate fetch was asked for
    lease_owner          TEXT,     -- the refresher instance that claimed it ...
    lease_expires_at     BIGINT,   -- ... until then (a crashed instance's claim lapses)
    generation           BIGINT NOT NULL DEFAULT 0,   -- bumped when the handle changes
    linked_at            BIGINT NOT NULL,
    PRIMARY KEY (user_id, platform)
);
CREATE INDEX rating_handles_due ON rating_handles (platform, status, fetch_time);

-- One point whenever a fetched value changed.
CREATE TABLE rating_history (
    user_id           TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    platform          TEXT NOT NULL,
    recorded_at       BIGINT NOT NULL,
    handle            TEXT NOT NULL,
    rating            DOUBLE PRECISION NOT NULL,
    max_rating        DOUBLE PRECISION,
    attended_contests BIGINT,
    badge             TEXT,
    PRIMARY KEY (user_id, platform, recorded_at)
);

-- Last on-demand refresh per user (POST /v1/users/me/ratings/refresh is rate limited).
CREATE TABLE rating_refresh_requests (
    user_id      TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    requested_at BIGINT NOT NULL
);

-- Fleet-wide request slots per platform: every instance takes its turn here, so the
-- per-platform rate limit holds for all instances together.
CREATE TABLE platform_rate_slots (
    platform     TEXT PRIMARY KEY,
    next_slot_at BIGINT NOT NULL
);
