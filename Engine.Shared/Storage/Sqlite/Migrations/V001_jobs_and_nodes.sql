-- Jobs: one row per job for its whole life. Times are Unix milliseconds (UTC).
CREATE TABLE aq_jobs (
    seq              INTEGER PRIMARY KEY,          -- enqueue order (FIFO within a priority)
    id               TEXT    NOT NULL UNIQUE,      -- UUIDv7
    kind             TEXT    NOT NULL,
    queue            TEXT    NOT NULL,
    state            TEXT    NOT NULL,
    priority         INTEGER NOT NULL DEFAULT 0,   -- higher runs first
    attempt          INTEGER NOT NULL DEFAULT 0,   -- also the fencing epoch of a running job
    max_attempts     INTEGER NOT NULL,
    payload          TEXT,
    result           TEXT,
    errors           TEXT    NOT NULL DEFAULT '[]',
    unique_key       TEXT,
    timeout_seconds  INTEGER,
    enqueued_at      INTEGER NOT NULL,
    scheduled_at     INTEGER,
    started_at       INTEGER,
    completed_at     INTEGER,
    node_id          TEXT,
    lease_expires_at INTEGER,
    cancel_requested INTEGER NOT NULL DEFAULT 0
);

CREATE UNIQUE INDEX aq_jobs_unique_key ON aq_jobs (unique_key) WHERE unique_key IS NOT NULL;
-- The claim path: only available rows, in claim order.
CREATE INDEX aq_jobs_claim ON aq_jobs (queue, priority DESC, seq) WHERE state = 'available';
CREATE INDEX aq_jobs_due ON aq_jobs (scheduled_at) WHERE state IN ('scheduled', 'retryable');
CREATE INDEX aq_jobs_running ON aq_jobs (node_id, lease_expires_at) WHERE state = 'running';
CREATE INDEX aq_jobs_finished ON aq_jobs (completed_at) WHERE state IN ('completed', 'discarded', 'cancelled');
CREATE INDEX aq_jobs_state_seq ON aq_jobs (state, seq);

-- Members of the cluster (the embedded seed is one).
CREATE TABLE aq_nodes (
    id           TEXT    PRIMARY KEY,
    name         TEXT    NOT NULL,
    role         TEXT    NOT NULL,
    address      TEXT,
    status       TEXT    NOT NULL,
    queues       TEXT    NOT NULL DEFAULT '{}',
    started_at   INTEGER NOT NULL,
    heartbeat_at INTEGER NOT NULL
);
