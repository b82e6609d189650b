-- A refresh cycle is a fleet-wide thing: every run of the refresher (the cron job of any
-- `serve` instance, a one-shot `refresh-ratings`) joins the live cycle of its scope, or
-- starts one. Handles attempted since the cycle started are not due again in it, so runs
-- that overlap never fetch a handle twice. A cycle is live while some participant keeps
-- its heartbeat fresh (within one lease); the run that finds nothing left to claim ends it.
CREATE TABLE refresh_cycles (
    scope_key    TEXT PRIMARY KEY,   -- which handles: `all|due`, platforms, user
    started_at   BIGINT NOT NULL,    -- epoch ms
    heartbeat_at BIGINT NOT NULL     -- epoch ms; 0 once ended
);
