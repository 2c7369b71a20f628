-- Datasets: ordered, stateful row processing (the same tables as SQLite's V004). Times are Unix
-- milliseconds (bigint), as there, so that one reader (DatasetRows) serves both stores; like every time
-- here they come from the store's clock, never from now() of the server.
-- Notifications on channel aq_events (format in PostgresEvents.cs) gain two kinds:
--   d                 datasets have work: rows arrived, a dataset was sealed or resumed, a lease was released
--   p<TAB>dataset id  a dataset committed a batch (its checkpoint, status or results changed)
CREATE TABLE aq_datasets (
    seq              bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY, -- creation order, for listing
    id               text    NOT NULL UNIQUE,                          -- UUIDv7
    name             text    NOT NULL,
    processor        text    NOT NULL,
    options          text    NOT NULL,
    on_error         text    NOT NULL,                                 -- fail | skip
    status           text    NOT NULL,                                 -- open | sealed | completed | failed
    sealed           boolean NOT NULL DEFAULT false,
    rows_received    bigint  NOT NULL DEFAULT 0,                       -- the last sequence number assigned
    rows_processed   bigint  NOT NULL DEFAULT 0,                       -- the checkpoint: last row applied or skipped
    state            text,                                             -- the snapshot at the checkpoint
    failed_seq       bigint,
    failure          text,
    error_count      bigint  NOT NULL DEFAULT 0,
    owner            text,                                             -- member holding the lease
    epoch            bigint  NOT NULL DEFAULT 0,                       -- bumped by every acquisition: the fencing token
    lease_expires_at bigint,
    created_at       bigint  NOT NULL,
    updated_at       bigint  NOT NULL
);
-- Every batch commit and every appended chunk updates its dataset's row, so a busy dataset leaves a dead
-- row version per batch. None of the columns those updates change is indexed, so with room left on the
-- page (fillfactor) they are HOT updates, pruned in place without touching the indexes; vacuum the
-- table (small: one row per dataset) and its TOAST table (a large state snapshot is rewritten there by
-- every batch) after a thousand changes instead of after 20% of it changed.
ALTER TABLE aq_datasets SET (
    fillfactor = 50,
    autovacuum_vacuum_scale_factor = 0.0,
    autovacuum_vacuum_threshold = 1000,
    autovacuum_vacuum_cost_delay = 0,
    toast.autovacuum_vacuum_scale_factor = 0.0,
    toast.autovacuum_vacuum_threshold = 1000,
    toast.autovacuum_vacuum_cost_delay = 0
);
-- The shard regions' scan: only datasets that can still have work.
CREATE INDEX aq_datasets_active ON aq_datasets (status) WHERE status IN ('open', 'sealed');

-- The input journal: rows in sequence order, gapless per dataset. Insert-only.
CREATE TABLE aq_dataset_rows (
    dataset_seq bigint NOT NULL,
    seq         bigint NOT NULL,
    data        text   NOT NULL,
    PRIMARY KEY (dataset_seq, seq)
);

-- The event journal: each processed row's output. The primary key makes a second write of a row impossible.
CREATE TABLE aq_dataset_results (
    dataset_seq bigint NOT NULL,
    seq         bigint NOT NULL,
    output      text   NOT NULL,
    PRIMARY KEY (dataset_seq, seq)
);

-- Rows the processor rejected and the policy skipped.
CREATE TABLE aq_dataset_errors (
    dataset_seq bigint NOT NULL,
    seq         bigint NOT NULL,
    message     text   NOT NULL,
    PRIMARY KEY (dataset_seq, seq)
);
