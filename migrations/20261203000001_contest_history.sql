-- Contest-level rating history: one row per rated contest, as the platform reports it
-- (Codeforces user.rating, AtCoder history/json, CodeChef's rating series, LeetCode's
-- contest ranking history). It replaces rating_history, which recorded a point whenever a
-- fetched value changed: that missed contests between two fetches and knew no contest,
-- place or rating change.
--
-- Keyed by the platform's own contest id, so a platform's recalculation or rollback
-- overwrites a row instead of adding one. `seen_at` is the fetch that last reported the
-- row: a fetch writes the whole series, and rows it did not report (a contest the
-- platform made unrated) are removed.
CREATE TABLE contest_history (
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    platform     TEXT NOT NULL,
    contest_id   TEXT NOT NULL,
    contest_name TEXT NOT NULL,
    happened_at  BIGINT NOT NULL,           -- epoch ms of the rating change
    place        BIGINT,                    -- the user's rank in the contest
    old_rating   DOUBLE PRECISION,
    new_rating   DOUBLE PRECISION NOT NULL,
    seen_at      BIGINT NOT NULL,
    PRIMARY KEY (user_id, platform, contest_id)
);
CREATE INDEX contest_history_by_time ON contest_history (user_id, platform, happened_at, contest_id);

-- The old points carry no contest; the next fetch of each handle reads its full series
-- (nothing is stored yet, so its contest count differs from the platform's).
DROP TABLE rating_history;
