-- Blobs: image inputs and outputs, stored with the jobs that use them.
-- (V006 is reserved for the dataset tables; the migrator applies whatever versions are not yet recorded.)
CREATE TABLE aq_blobs (
    id           text        PRIMARY KEY,  -- UUIDv7
    job_id       text,                     -- the owning job; NULL from upload until the job is submitted
    content_type text        NOT NULL,
    size         integer     NOT NULL,
    data         bytea       NOT NULL,
    created_at   timestamptz NOT NULL
);
-- Images are compressed already: store them out of line without trying to compress them again.
ALTER TABLE aq_blobs ALTER COLUMN data SET STORAGE EXTERNAL;

-- A job's blobs, for deleting them with it.
CREATE INDEX aq_blobs_job ON aq_blobs (job_id) WHERE job_id IS NOT NULL;
-- Uploads not yet given to a job, oldest first: an abandoned one is deleted after an hour.
CREATE INDEX aq_blobs_unowned ON aq_blobs (created_at) WHERE job_id IS NULL;

-- Blob retention is job retention: whatever deletes jobs (pruning) deletes their blobs in the same
-- transaction. One statement-level trigger per DELETE, joining the deleted rows, rather than one per row.
CREATE FUNCTION aq_delete_job_blobs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM aq_blobs b USING deleted_jobs d WHERE b.job_id = d.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER aq_jobs_delete_blobs AFTER DELETE ON aq_jobs
    REFERENCING OLD TABLE AS deleted_jobs
    FOR EACH STATEMENT EXECUTE FUNCTION aq_delete_job_blobs();
