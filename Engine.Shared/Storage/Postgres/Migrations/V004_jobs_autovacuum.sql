-- A queue table churns: every claim and completion leaves dead row versions and dead entries at the
-- head of the claim index, which each later claim must step over until vacuum removes them. Vacuum
-- this table after a few thousand changes, at full speed, instead of after 20% of it changed.
ALTER TABLE aq_jobs SET (
    autovacuum_vacuum_scale_factor = 0.0,
    autovacuum_vacuum_threshold = 5000,
    autovacuum_vacuum_insert_scale_factor = 0.0,
    autovacuum_vacuum_insert_threshold = 20000,
    autovacuum_analyze_scale_factor = 0.0,
    autovacuum_analyze_threshold = 20000,
    autovacuum_vacuum_cost_delay = 0
);
