-- Who runs the leader duties now, for `aq cluster show`. One row at most.
CREATE TABLE aq_leader (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    node_id TEXT    NOT NULL,
    since   INTEGER NOT NULL
);
