-- Tombstones of members the cluster downed or removed (times are Unix milliseconds). A fenced node id
-- can never claim, finish or renew again. Node ids are per-process incarnation ids, never reused, so a
-- tombstone is pruned after the discarded-job retention.
CREATE TABLE aq_fenced_nodes (
    node_id   TEXT    NOT NULL PRIMARY KEY,
    fenced_at INTEGER NOT NULL,
    reason    TEXT    NOT NULL
);
