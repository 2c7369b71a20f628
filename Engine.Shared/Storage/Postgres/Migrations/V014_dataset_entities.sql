-- Datasets move onto Akka.Cluster.Sharding: one persistent entity per dataset, placed by the cluster, its
-- state in the Akka.Persistence.Sql journal and snapshot store of this database (tables aq_journal,
-- aq_journal_tags, aq_snapshot, created by the plugin on first use). The lease that gave a dataset its
-- owner goes: the owner, its fencing epoch (the journal's unique (persistence_id, sequence_number) fences
-- now) and the lease's expiry. aq_datasets keeps a projection of each dataset's progress for readers.
ALTER TABLE aq_datasets
    DROP COLUMN owner,
    DROP COLUMN epoch,
    DROP COLUMN lease_expires_at;
