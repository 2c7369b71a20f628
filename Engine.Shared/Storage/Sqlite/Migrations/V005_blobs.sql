-- Blobs: image inputs and outputs, stored with the jobs that use them. Times are Unix milliseconds (UTC).
-- (V004 is reserved for the dataset tables; the migrator applies whatever versions are not yet recorded.)
CREATE TABLE aq_blobs (
    id           TEXT    NOT NULL PRIMARY KEY,  -- UUIDv7
    job_id       TEXT,                          -- the owning job; NULL from upload until the job is submitted
    content_type TEXT    NOT NULL,
    size         INTEGER NOT NULL,
    data         BLOB    NOT NULL,
    created_at   INTEGER NOT NULL
);

-- A job's blobs, for deleting them with it.
CREATE INDEX aq_blobs_job ON aq_blobs (job_id) WHERE job_id IS NOT NULL;
-- Uploads not yet given to a job, oldest first: an abandoned one is deleted after an hour.
CREATE INDEX aq_blobs_unowned ON aq_blobs (created_at) WHERE job_id IS NULL;

-- Blob retention is job retention: pruning a job deletes its blobs in the same statement.
CREATE TRIGGER aq_jobs_delete_blobs AFTER DELETE ON aq_jobs
BEGIN
    DELETE FROM aq_blobs WHERE job_id = OLD.id;
END;
