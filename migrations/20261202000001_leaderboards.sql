-- Leaderboards (`domain::boards`): each user's rating on each board, stored when their
-- ratings change (never computed on read), and per board a Fenwick tree of how many users
-- hold each rating, so that a rank is a sum of at most 14 stored counts.
CREATE TABLE board_entries (
    board   TEXT NOT NULL
            CHECK (board IN ('aggregate', 'codechef', 'leetcode', 'codeforces', 'atcoder')),
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    rating  BIGINT NOT NULL,
    PRIMARY KEY (board, user_id)
);
-- A board's order (rating descending, ties by user id), read backwards.
CREATE INDEX board_entries_order ON board_entries (board, rating, user_id);

CREATE TABLE board_rank_counts (
    board TEXT NOT NULL,
    node  BIGINT NOT NULL,
    users BIGINT NOT NULL,
    PRIMARY KEY (board, node)
);

-- What the boards were last built with (the aggregate's weights): a start with other
-- weights rebuilds them.
CREATE TABLE board_settings (
    id      BIGINT PRIMARY KEY CHECK (id = 1),
    weights TEXT NOT NULL
);
