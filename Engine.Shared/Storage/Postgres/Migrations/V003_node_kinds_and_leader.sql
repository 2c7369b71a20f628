-- The job kinds each member can run (kind -> default queue), so that a seed without those handlers accepts them.
ALTER TABLE aq_nodes ADD COLUMN kinds jsonb NOT NULL DEFAULT '{}'::jsonb;

-- Who runs the leader duties now, for `aq cluster show`. One row at most. Mutual exclusion itself is
-- the session advisory lock of PostgresLeaderLock, which dies with its connection.
CREATE TABLE aq_leader (
    id      integer     PRIMARY KEY CHECK (id = 1),
    node_id text        NOT NULL,
    since   timestamptz NOT NULL
);
