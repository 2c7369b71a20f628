-- Tombstones of members the cluster downed or removed. A fenced node id can never claim, finish or
-- renew again, even if its process wakes up later (frozen, then thawed). Node ids are per-process
-- incarnation ids, never reused, so a tombstone is pruned after the discarded-job retention.
-- Claims and fencing of one node serialize on a transaction advisory lock (see PostgresStore.Fencing.cs).
CREATE TABLE aq_fenced_nodes (
    node_id   text        PRIMARY KEY,
    fenced_at timestamptz NOT NULL,
    reason    text        NOT NULL
);
