-- Failed logins, counted per key: `account:<user id or lowercased login>`,
-- `ip-account:<client ip>|<account key>` and `ip:<client ip>`; and registrations per
-- client IP (`register:<ip>`). A counter restarts when its last event is older than the
-- reset window. Increments are one atomic upsert each, so concurrent failures count exactly
-- and every instance sharing the database sees the same counts.
CREATE TABLE auth_throttle (
    key         TEXT PRIMARY KEY,
    events      BIGINT NOT NULL,
    first_at    BIGINT NOT NULL,   -- epoch ms, start of the current count
    last_at     BIGINT NOT NULL    -- epoch ms
);
