-- The cluster's members as last recorded by the cluster singleton, replaced as a whole on every
-- membership change, so that a restarted seed joins the cluster the survivors still form.
CREATE TABLE aq_cluster_members (
    node_id     TEXT    NOT NULL PRIMARY KEY,  -- per-process incarnation id
    position    INTEGER NOT NULL,              -- order given by the writer
    address     TEXT    NOT NULL,              -- e.g. akka.tcp://actorqueue@10.0.0.5:4053
    name        TEXT    NOT NULL,
    roles       TEXT    NOT NULL DEFAULT '[]', -- JSON array of strings
    up_since    INTEGER,
    recorded_at INTEGER NOT NULL
);
