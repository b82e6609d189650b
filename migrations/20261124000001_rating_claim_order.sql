-- Claiming takes due handles in this order (queued first, then the least recently fetched):
-- with an index on exactly the claim's ORDER BY, a claim reads the first rows it can take
-- instead of sorting every handle of the platform, so a refresh no longer slows down with
-- the square of the number of handles. Keep the expressions identical to the ORDER BY in
-- `claim_due_handles` (src/store/ratings.rs), or the index is ignored.
CREATE INDEX rating_handles_claim_order ON rating_handles (
    platform,
    (CASE WHEN queued_at IS NULL THEN 1 ELSE 0 END),
    (COALESCE(fetch_time, 0)),
    user_id
);
