-- Jobs: one row per job for its whole life. Times are written by the store from its own clock,
-- truncated to the millisecond (never now() of the server: every node and the leader compare leases
-- and schedules on the times the store wrote).
CREATE TABLE aq_jobs (
    seq              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY, -- enqueue order (FIFO within a priority)
    id               text        NOT NULL UNIQUE,                          -- UUIDv7
    kind             text        NOT NULL,
    queue            text        NOT NULL,
    state            text        NOT NULL,
    priority         integer     NOT NULL DEFAULT 0,                       -- higher runs first
    attempt          integer     NOT NULL DEFAULT 0,                       -- also the fencing epoch of a running job
    max_attempts     integer     NOT NULL,
    payload          text,                                                 -- raw JSON text, kept byte for byte
    result           text,
    errors           jsonb       NOT NULL DEFAULT '[]',
    unique_key       text,
    timeout_seconds  integer,
    enqueued_at      timestamptz NOT NULL,
    scheduled_at     timestamptz,
    started_at       timestamptz,
    completed_at     timestamptz,
    node_id          text,
    lease_expires_at timestamptz,
    cancel_requested boolean     NOT NULL DEFAULT false
);

-- Every index costs a write on each state change it covers, and a job changes state at least twice
-- (here each change is a new row version, indexed anew in every index whose predicate it meets), so
-- the indexes are partial: each covers only the rows of the states that need it. Completed jobs, the
-- bulk of the table, are in none of them; listing or pruning them walks seq order instead.
CREATE UNIQUE INDEX aq_jobs_unique_key ON aq_jobs (unique_key) WHERE unique_key IS NOT NULL;
-- The claim path: only available rows, in claim order.
CREATE INDEX aq_jobs_claim ON aq_jobs (queue, priority DESC, seq) WHERE state = 'available';
CREATE INDEX aq_jobs_due ON aq_jobs (scheduled_at) WHERE state IN ('scheduled', 'retryable');
CREATE INDEX aq_jobs_running ON aq_jobs (lease_expires_at) WHERE state = 'running';
-- The dead-letter queue, newest first.
CREATE INDEX aq_jobs_discarded ON aq_jobs (seq) WHERE state = 'discarded';

-- Members of the cluster: the seed and every worker node.
CREATE TABLE aq_nodes (
    id           text        PRIMARY KEY,
    name         text        NOT NULL,
    role         text        NOT NULL,
    address      text,
    status       text        NOT NULL,
    queues       jsonb       NOT NULL DEFAULT '{}',
    started_at   timestamptz NOT NULL,
    heartbeat_at timestamptz NOT NULL
);
