-- Version 3: several replicas on one database. One run at a time across all of them: the run lease, one row that
-- a replica takes (free, or expired) before it runs, renews while the run lives and frees at the end.
CREATE TABLE run_lease (
    lease      VARCHAR(20)  NOT NULL PRIMARY KEY,
    -- the replica that holds it (sync.replica-name), null while the lease is free
    holder     VARCHAR(255),
    run_id     BIGINT,
    -- with a time zone, so that replicas in other time zones agree on when it expires
    expires_at TIMESTAMP WITH TIME ZONE
);
INSERT INTO run_lease (lease) VALUES ('sync-run');

-- The replica that ran each run, and its progress written while it goes on: what another replica's dashboard shows,
-- and what a run interrupted by the loss of its replica keeps.
ALTER TABLE sync_run ADD COLUMN replica VARCHAR(255);
ALTER TABLE sync_run ADD COLUMN pages_read INTEGER;
ALTER TABLE sync_run ADD COLUMN processed_count INTEGER NOT NULL DEFAULT 0;
