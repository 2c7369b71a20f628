-- Facts about the database itself. store_id: a random id made once, when this script runs on a new
-- (or older) database, so that a node can tell whether a seed uses the same database as it does.
CREATE TABLE aq_meta (
    key   TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO aq_meta (key, value) VALUES ('store_id', lower(hex(randomblob(16))));
