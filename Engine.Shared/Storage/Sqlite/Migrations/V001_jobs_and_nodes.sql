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

-- Every index costs a write on each state change it covers, and a job changes state at least twice,
-- so the indexes are partial: each covers only the rows of the states that need it. Completed jobs,
-- the bulk of the table, are in none of them; listing or pruning them walks seq order instead.
CREATE UNIQUE INDEX aq_jobs_unique_key ON aq_jobs (unique_key) WHERE unique_key IS NOT NULL;
-- The claim path: only available rows, in claim order.
CREATE INDEX aq_jobs_claim ON aq_jobs (queue, priority DESC, seq) WHERE state = 'available';
CREATE INDEX aq_jobs_due ON aq_jobs (scheduled_at) WHERE state IN ('scheduled', 'retryable');
CREATE INDEX aq_jobs_running ON aq_jobs (lease_expires_at) WHERE state = 'running';
-- The dead-letter queue, newest first.
CREATE INDEX aq_jobs_discarded ON aq_jobs (seq) WHERE state = 'discarded';

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
