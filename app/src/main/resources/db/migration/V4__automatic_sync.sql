-- Version 4: several replicas on one database (sync.cluster).

-- Whether automatic sync (the schedule) is on, as the admin last set it from the dashboard or the admin API: one
-- row, or none while nobody has (sync.schedule-enabled then says). Kept here so that every replica and every
-- restart follows the same choice.
CREATE TABLE automatic_sync (
    id         INTEGER   NOT NULL PRIMARY KEY,
    enabled    BOOLEAN   NOT NULL,
    changed_at TIMESTAMP NOT NULL,
    CHECK (id = 1)
);

-- The scheduled time a run was started for (Quartz's scheduled fire time), null for a run started otherwise: with
-- several replicas, the history shows that each time ran once.
ALTER TABLE sync_run ADD COLUMN scheduled_for TIMESTAMP;
