-- Facts about the database itself. store_id: a random id made once, when this script runs on a new
-- (or older) database, so that a node can tell whether a seed uses the same database as it does.
CREATE TABLE aq_meta (
    key   text PRIMARY KEY,
    value text NOT NULL
);
INSERT INTO aq_meta (key, value) VALUES ('store_id', replace(gen_random_uuid()::text, '-', ''));
