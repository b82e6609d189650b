-- Follows. Each user row keeps its follower and following counts, changed in the same
-- transaction as the follow itself, so they are exact and reading them costs nothing.
ALTER TABLE users ADD COLUMN followers_count BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN following_count BIGINT NOT NULL DEFAULT 0;

CREATE TABLE follows (
    follower_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    followee_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (follower_id, followee_id),
    CHECK (follower_id <> followee_id)
);
-- Keyset pages, newest first: a user's followers, and whom a user follows.
CREATE INDEX follows_by_followee ON follows (followee_id, created_at, follower_id);
CREATE INDEX follows_by_follower ON follows (follower_id, created_at, followee_id);
