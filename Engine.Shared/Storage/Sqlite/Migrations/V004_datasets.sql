-- Datasets: ordered, stateful row processing. Times are Unix milliseconds (UTC).
CREATE TABLE aq_datasets (
    seq              INTEGER PRIMARY KEY,          -- creation order, for listing
    id               TEXT    NOT NULL UNIQUE,      -- UUIDv7
    name             TEXT    NOT NULL,
    processor        TEXT    NOT NULL,
    options          TEXT    NOT NULL,
    on_error         TEXT    NOT NULL,             -- fail | skip
    status           TEXT    NOT NULL,             -- open | sealed | completed | failed
    sealed           INTEGER NOT NULL DEFAULT 0,
    rows_received    INTEGER NOT NULL DEFAULT 0,   -- the last sequence number assigned
    rows_processed   INTEGER NOT NULL DEFAULT 0,   -- the checkpoint: last row applied or skipped
    state            TEXT,                         -- the snapshot at the checkpoint
    failed_seq       INTEGER,
    failure          TEXT,
    error_count      INTEGER NOT NULL DEFAULT 0,
    owner            TEXT,                         -- member holding the lease
    epoch            INTEGER NOT NULL DEFAULT 0,   -- bumped by every acquisition: the fencing token
    lease_expires_at INTEGER,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
);
-- The shard regions' scan: only datasets that can still have work.
CREATE INDEX aq_datasets_active ON aq_datasets (status) WHERE status IN ('open', 'sealed');

-- The input journal: rows in sequence order, gapless per dataset.
CREATE TABLE aq_dataset_rows (
    dataset_seq INTEGER NOT NULL,
    seq         INTEGER NOT NULL,
    data        TEXT    NOT NULL,
    PRIMARY KEY (dataset_seq, seq)
) WITHOUT ROWID;

-- The event journal: each processed row's output. The primary key makes a second write of a row impossible.
CREATE TABLE aq_dataset_results (
    dataset_seq INTEGER NOT NULL,
    seq         INTEGER NOT NULL,
    output      TEXT    NOT NULL,
    PRIMARY KEY (dataset_seq, seq)
) WITHOUT ROWID;

-- Rows the processor rejected and the policy skipped.
CREATE TABLE aq_dataset_errors (
    dataset_seq INTEGER NOT NULL,
    seq         INTEGER NOT NULL,
    message     TEXT    NOT NULL,
    PRIMARY KEY (dataset_seq, seq)
) WITHOUT ROWID;
