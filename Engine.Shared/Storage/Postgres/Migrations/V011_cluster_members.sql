-- The cluster's members as last recorded by the cluster singleton, replaced as a whole on every
-- membership change, so that a restarted seed joins the cluster the survivors still form.
CREATE TABLE aq_cluster_members (
    node_id     text        PRIMARY KEY,  -- per-process incarnation id
    position    integer     NOT NULL,     -- order given by the writer
    address     text        NOT NULL,     -- e.g. akka.tcp://actorqueue@10.0.0.5:4053
    name        text        NOT NULL,
    roles       text[]      NOT NULL DEFAULT '{}',
    up_since    timestamptz,
    recorded_at timestamptz NOT NULL
);
