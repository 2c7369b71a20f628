-- Datasets move onto Akka.Cluster.Sharding: one persistent entity per dataset, placed by the cluster, its
-- state in the Akka.Persistence journal (a second file beside this one, actorqueue.journal.db). The lease
-- that gave a dataset its owner goes: the owner, its fencing epoch and the lease's expiry. aq_datasets keeps
-- a projection of each dataset's progress for readers (rows_processed, state, status, errors).
ALTER TABLE aq_datasets DROP COLUMN owner;
ALTER TABLE aq_datasets DROP COLUMN epoch;
ALTER TABLE aq_datasets DROP COLUMN lease_expires_at;
