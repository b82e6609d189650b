-- Item lists on a profile (Overworld's played / liked / backlog / wishlist, plus favorites).
-- An item is a (source, external id) pair, e.g. ("igdb", "1942"), with its display name.
CREATE TABLE list_items (
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    list        TEXT NOT NULL
                CHECK (list IN ('played', 'liked', 'backlog', 'wishlist', 'favorites')),
    source      TEXT NOT NULL,
    external_id TEXT NOT NULL,
    name        TEXT NOT NULL,
    added_at    BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (user_id, list, source, external_id)
);
-- Keyset pages, newest first (ties broken by the item key).
CREATE INDEX list_items_page ON list_items (user_id, list, added_at, source, external_id);

-- Lists are public unless their owner hides them.
ALTER TABLE users ADD COLUMN lists_visible BIGINT NOT NULL DEFAULT 1 CHECK (lists_visible IN (0, 1));
